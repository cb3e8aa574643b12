"""Print text -> braille through one engine, remembering every paragraph it saw.

The remembered paragraphs are what the cross-check (crosscheck.py) hands to the
second engine, and the symbols preprocessing had to drop become a build warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...errors import RenderError
from . import messages as M
from .engines import BrailleEngine, is_six_dot
from .preprocess import plain, prepare


@dataclass
class Unit:
    where: str  # e.g. '구청 민원실에서 ... #3', for the transcriber
    text: str  # the print text
    braille: str


@dataclass
class Transcriber:
    engine: BrailleEngine
    units: dict[str, Unit] = field(default_factory=dict)
    dropped: dict[str, list[str]] = field(default_factory=dict)  # symbol -> where

    def __call__(self, text: str, where: str = "") -> str:
        seen = self.units.get(text)
        if seen is not None:
            return seen.braille
        braille = translate(self.engine, text, where, self.dropped)
        self.units[text] = Unit(where, text, braille)
        return braille


def translate(engine: BrailleEngine, text: str, where: str = "",
              dropped: dict[str, list[str]] | None = None) -> str:
    """Preprocess and translate one paragraph; the result is 6-dot cells only."""
    prepared = prepare(text, engine)
    if dropped is not None:
        for symbol in prepared.dropped:
            dropped.setdefault(symbol, []).append(where)
    if not prepared.text:
        return ""
    text = prepared.text
    braille = _attempt(engine, text)
    if braille is None:
        # The per-symbol probe in prepare() missed a symbol that only fails in
        # context (braillify raises on the whole paragraph, liblouis escapes it).
        # Find the words that fail, leave their symbols out, and report them.
        words = []
        for word in text.split(" "):
            if _attempt(engine, word) is None:
                lost = [c for c in word if not plain(c)]
                if dropped is not None:
                    for symbol in dict.fromkeys(lost):
                        dropped.setdefault(symbol, []).append(where)
                word = "".join(c for c in word if plain(c))
            words.append(word)
        text = " ".join(w for w in words if w)
        braille = _attempt(engine, text) if text else ""
        if braille is None:
            raise RenderError(M.ENGINE_ESCAPE.format(engine=engine.name,
                                                     where=where or prepared.text[:30]))
    return braille.strip("\u2800")


def _attempt(engine: BrailleEngine, text: str) -> str | None:
    """The engine's braille, or None when it raises or leaves a non-6-dot cell."""
    try:
        braille = engine.translate(text)
    except (ValueError, RuntimeError):
        return None
    return braille if is_six_dot(braille) else None
