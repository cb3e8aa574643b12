"""Korean text layout for card slides: glyph coverage, keep-all wrapping, shrink-to-fit.

Coverage is read from each font's cmap with fontTools before anything is drawn, so a
character no font in the fallback chain has is an error, never a tofu box. Lines break
only at spaces (CSS `word-break: keep-all`, how Korean headlines are set), measured with
the real font metrics through Pillow/FreeType; text that still does not fit at the
style's minimum size is an error, never cropped.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from PIL import ImageFont

from ...fonts import face_cmap

# Hangul needs no shaping; the basic layout is also the same on every machine
# (Raqm's presence would otherwise change advances between installs).
LAYOUT = ImageFont.Layout.BASIC
# Break opportunities inside one over-long word (URLs, long Latin compounds):
# used only when the word alone does not fit a line.
SOFT_BREAK_AFTER = "/-"


@dataclass(frozen=True)
class FontFace:
    path: Path
    index: int = 0  # face number inside a .ttc collection

    @property
    def label(self) -> str:
        return self.path.name + (f"#{self.index}" if self.path.suffix.lower() == ".ttc" else "")

    @staticmethod
    def parse(spec: str) -> FontFace:
        """'/usr/share/fonts/.../NotoSansCJK-Bold.ttc#1' -> face 1 of that collection."""
        path, _, index = spec.partition("#")
        return FontFace(Path(path), int(index) if index else 0)


def face_count(path: Path) -> int:
    if path.suffix.lower() not in (".ttc", ".otc"):
        return 1
    from fontTools.ttLib import TTCollection

    coll = TTCollection(str(path), lazy=True)
    try:
        return len(coll.fonts)
    finally:
        coll.close()


@functools.lru_cache(maxsize=256)
def pil_font(face: FontFace, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(face.path), size, index=face.index, layout_engine=LAYOUT)


class FontChain:
    """A fallback chain: each character is drawn by the first face that has it."""

    def __init__(self, name: str, faces: tuple[FontFace, ...]):
        self.name = name
        self.faces = faces
        self._cmaps_loaded: list[frozenset[int]] | None = None
        self._pick: dict[str, int | None] = {}

    @property
    def _cmaps(self) -> list[frozenset[int]]:
        # Read on first use: a rebuild whose slides all come from the cache never asks
        # for coverage, and reading the CJK cmaps costs ~0.3 s.
        if self._cmaps_loaded is None:
            self._cmaps_loaded = [face_cmap(str(f.path), f.index) for f in self.faces]
        return self._cmaps_loaded

    @property
    def label(self) -> str:
        return ", ".join(f.label for f in self.faces)

    def face_of(self, ch: str) -> int | None:
        if ch not in self._pick:
            cp = ord(ch)
            self._pick[ch] = next((i for i, cm in enumerate(self._cmaps) if cp in cm), None)
        return self._pick[ch]

    def missing(self, text: str) -> str | None:
        """The first character (other than a line break) no face can draw."""
        for ch in text:
            if ch != "\n" and self.face_of(ch) is None:
                return ch
        return None

    def runs(self, text: str) -> list[tuple[FontFace, str]]:
        """Split text into runs drawn by one face each (spaces stay with the current run)."""
        out: list[tuple[int, list[str]]] = []
        for ch in text:
            i = self.face_of(ch)
            if i is None:
                raise KeyError(ch)  # callers check coverage first
            if ch == " " and out:
                i = out[-1][0]
            if out and out[-1][0] == i:
                out[-1][1].append(ch)
            else:
                out.append((i, [ch]))
        return [(self.faces[i], "".join(chars)) for i, chars in out]

    def width(self, text: str, size: int) -> float:
        return sum(pil_font(face, size).getlength(run) for face, run in self.runs(text))

    def metrics(self, size: int) -> tuple[int, int]:
        """(ascent, descent) of the primary face: one baseline grid for every run."""
        return pil_font(self.faces[0], size).getmetrics()


@dataclass(frozen=True)
class FittedText:
    lines: tuple[str, ...]
    size: int
    line_px: int


class DoesNotFit(Exception):
    def __init__(self, min_size: int, lines: int, max_lines: int, word: str | None):
        self.min_size = min_size
        self.lines = lines
        self.max_lines = max_lines
        self.word = word  # a single word wider than the box, if that was the problem
        super().__init__(f"does not fit at {min_size}px: {lines}/{max_lines} lines, word={word!r}")


class _WordTooWide(Exception):
    def __init__(self, word: str):
        self.word = word


def _soft_pieces(word: str) -> list[str]:
    pieces, cur = [], ""
    for ch in word:
        cur += ch
        if ch in SOFT_BREAK_AFTER:
            pieces.append(cur)
            cur = ""
    if cur:
        pieces.append(cur)
    return pieces


_DATE_PART = re.compile(r"\d\.$")  # '3.' in the Korean date '3. 2.'
_WORDLIKE = re.compile(r"\w")


def units(para: str) -> list[str]:
    """Words, with the spaces a line must not break at glued back in.

    Keep-all breaks at every space; two exceptions keep Korean notation readable:
    the parts of a date written '3. 2.' stay together, and a symbol standing alone
    ('☎', '→') stays with the word after it.
    """
    out: list[str] = []
    for word in para.split():
        if out and _glued(out[-1].rsplit(" ", 1)[-1], word):
            out[-1] += " " + word
        else:
            out.append(word)
    return out


def _glued(prev: str, word: str) -> bool:
    return not _WORDLIKE.search(prev) or bool(_DATE_PART.search(prev) and word[:1].isdigit())


def wrap(text: str, chain: FontChain, size: int, width: float,
         soft_limit: float | None = None) -> list[str]:
    """Greedy keep-all wrapping: break at spaces and explicit line breaks only.

    A unit wider than `soft_limit` (the box width) may break after '/' or '-'.
    """
    soft_limit = width if soft_limit is None else soft_limit
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for unit in units(para):
            w = chain.width(unit, size)
            if w <= width:
                pieces = [unit]
            elif w > soft_limit:
                pieces = [p for word in unit.split(" ") for p in _soft_pieces(word)]
            else:
                pieces = [unit]
            for k, piece in enumerate(pieces):
                sep = " " if k == 0 or pieces[k - 1][-1:] not in SOFT_BREAK_AFTER else ""
                joined = (line + sep + piece) if line else piece
                if chain.width(joined, size) <= width:
                    line = joined
                    continue
                if chain.width(piece, size) > width:
                    raise _WordTooWide(unit)
                if line:
                    lines.append(line)
                line = piece
        lines.append(line)
    return lines


def _balanced(text: str, chain: FontChain, size: int, width: float, n: int) -> list[str]:
    """The narrowest wrap with the same line count (CSS `text-wrap: balance`)."""
    lo, hi = width / 2, width
    best = wrap(text, chain, size, width)
    for _ in range(12):
        mid = (lo + hi) / 2
        try:
            lines = wrap(text, chain, size, mid, soft_limit=width)
        except _WordTooWide:
            lo = mid
            continue
        if len(lines) <= n:
            best, hi = lines, mid
        else:
            lo = mid
    return best


def sizes_between(size: int, min_size: int, step: int = 2) -> list[int]:
    out = list(range(size, min_size, -step))
    return out + [min_size]


def fit(text: str, chain: FontChain, *, size: int, min_size: int, line_height: float,
        width: int, height: int, max_lines: int | None = None,
        balance: bool = False) -> FittedText:
    """Largest size from `size` down to `min_size` at which the wrapped text fits the box."""
    need, cap, word = 0, 0, None
    for s in sizes_between(size, min_size):
        line_px = round(s * line_height)
        cap = height // line_px
        if max_lines:
            cap = min(cap, max_lines)
        try:
            lines = wrap(text, chain, s, width)
        except _WordTooWide as exc:
            need, word = 0, exc.word
            continue
        if 0 < len(lines) <= cap:
            if balance and len(lines) > 1 and "\n" not in text:
                lines = _balanced(text, chain, s, width, len(lines))
            return FittedText(tuple(lines), s, line_px)
        need, word = len(lines), None
    raise DoesNotFit(min_size, need, cap, word)
