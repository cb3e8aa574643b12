"""Print symbols -> braille from greenpub's reviewed table (symbols.tsv), never from an engine.

A paragraph is cut into tokens:

- text runs: Hangul, digits, Latin letters and the blanks between them, plus the few
  marks that belong to a number or a Latin word (`1,000`, `3.14`, `Wi-Fi`, `it's`).
  These go to the braille engine, which knows the contractions, the number sign and
  the roman indicator;
- link addresses (URL, e-mail): written letter for letter as the print shows them,
  inside one roman section (no contractions: an address must be typed back exactly);
- symbols: every other character, looked up in the table. Each entry cites the
  article of the 2024 Korean braille standard that gives its cells. A symbol the
  table lacks is reported (`Rendered.unknown`) and never written as something else.

Context the table cannot hold is decided here, each case after its article:
repeated 숨김표/빠짐표 `○○` -> ⠸⠴⠴⠇ (제57항); a list bullet at the start of a
paragraph -> its 제72항 cells; `×` between operands is the multiplication sign
(제45항), elsewhere the 숨김표 (제49항); a hyphen before a number after a blank is
the minus sign (제45항); the roman terminator ⠲ is left out before closing
punctuation, as braillify does following 제28항; symbols marked `blanks` (arrows,
operators, the asterisk) get a blank cell on each side (제46항, 제60항).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .engines import BLANK, BrailleEngine

TABLE_FILE = Path(__file__).with_name("symbols.tsv")


@dataclass(frozen=True)
class Entry:
    print: str
    cells: str
    rule: str
    name: str
    spacing: str  # "attach" | "blanks"
    status: str  # "checked" | "standard" | "confirm"
    context: str = ""  # "" | "math" | "repeat" | "bullet"


@functools.lru_cache(maxsize=1)
def table() -> dict[tuple[str, str], Entry]:
    """(print, context) -> entry, read from symbols.tsv."""
    entries: dict[tuple[str, str], Entry] = {}
    for line in TABLE_FILE.read_text("utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        print_, cells, rule, name, spacing, status = cols[:6]
        entry = Entry(print_, cells, rule, name, spacing, status,
                      context=cols[6] if len(cols) > 6 else "")
        entries[(entry.print, entry.context)] = entry
    return entries


@functools.lru_cache(maxsize=1)
def _plain_keys() -> list[str]:
    return sorted((p for p, c in table() if not c), key=len, reverse=True)


# --- character classes -----------------------------------------------------------
def is_hangul(ch: str) -> bool:
    return ("\uac00" <= ch <= "\ud7a3") or ("\u3131" <= ch <= "\u318e") or \
        ("\u1100" <= ch <= "\u11ff")


def is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def is_word(ch: str) -> bool:
    """Characters the engines transcribe: Hangul, ASCII digits, Latin letters."""
    return is_hangul(ch) or (ch.isascii() and ch.isalnum())


# Link addresses, without the punctuation that closes the sentence around them.
_ADDRESS = re.compile(
    r"(?:https?://|www\.)[^\s<>\"“”‘’()\[\]{}「」『』〈〉《》]+"
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_ADDRESS_TAIL = ".,;:!?·…~"
_OPENING_CONTEXT = " ([{“‘「『〈《"

# Symbols before which the roman terminator ⠲ is left out (braillify's reading of
# 제28항, and the standard's example `BMI(체질량 지수)` in 제46항: the punctuation
# itself ends the roman section). Before a blank, Hangul, `/` or `-` it is written.
_ENDS_ROMAN = set(".,?!·:;)]}’”」』〉》…([{“‘「『〈《") | {"...", "......", "……"}


@dataclass
class Token:
    kind: str  # "text" | "space" | "symbol" | "address"
    text: str


def _glued(text: str, i: int) -> bool:
    """Whether text[i] (not a word character) belongs to the number or Latin word around it."""
    ch = text[i]
    prev = text[i - 1] if i else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if ch in ".," and prev.isdigit() and nxt.isdigit():
        return True  # 1,000  3.14  2026.11.30 (제41항, 제43항)
    # Wi-Fi, it's, R&D, COVID-19: the roman section's own marks
    return bool(ch in "-'’&." and prev and is_latin(prev) and nxt and
                (is_latin(nxt) or (ch == "-" and nxt.isdigit())))


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == " ":
            tokens.append(Token("space", " "))
            i += 1
            continue
        if i == 0 or text[i - 1] in _OPENING_CONTEXT:
            m = _ADDRESS.match(text, i)
            if m:
                address = m.group(0).rstrip(_ADDRESS_TAIL)
                if len(address) > 4:
                    tokens.append(Token("address", address))
                    i += len(address)
                    continue
        if is_word(ch):
            j = i
            while j < n and (is_word(text[j]) or _glued(text, j) or (
                    text[j] == " " and j + 1 < n and is_word(text[j + 1])
                    and not _ADDRESS.match(text, j + 1))):
                j += 1
            tokens.append(Token("text", text[i:j]))
            i = j
            continue
        if tokens and tokens[-1].kind == "symbol":
            tokens[-1].text += ch
        else:
            tokens.append(Token("symbol", ch))
        i += 1
    return tokens


# --- rendering ----------------------------------------------------------------------
@dataclass
class Part:
    cells: str
    blanks: bool = False  # wants a blank cell on each side


@dataclass
class Rendered:
    braille: str
    unknown: list[str] = field(default_factory=list)  # characters the table lacks
    used: list[Entry] = field(default_factory=list)  # table entries written


def _symbol_parts(run: str, at_start: bool, before: str, after: str,
                  out: Rendered) -> Iterator[Part]:
    """Braille for a run of symbol characters between `before` and `after` (print)."""
    entries = table()
    keys = _plain_keys()
    i = 0
    while i < len(run):
        ch = run[i]
        rest = run[i:]
        # a bullet opening a paragraph, followed by a blank (제72항)
        if at_start and i == 0 and (ch, "bullet") in entries and \
                (len(run) == 1 and after == " "):
            entry = entries[(ch, "bullet")]
            out.used.append(entry)
            yield Part(entry.cells)
            i += 1
            continue
        # repeated 숨김표/빠짐표/가림표: ⠸ + the cell n times + ⠇ (제57항)
        count = len(rest) - len(rest.lstrip(ch))
        if count > 1 and (ch, "repeat") in entries:
            single = entries[(ch, "")]
            mid = entries[(ch, "repeat")]
            out.used.append(mid)
            yield Part(single.cells[0] + mid.cells * count + single.cells[2:])
            i += count
            continue
        # × between operands is multiplication (제45항), otherwise 숨김표 (제49항)
        if ch == "×":
            left = run[i - 1] if i else before
            right = run[i + 1] if i + 1 < len(run) else after
            infix = (left != " " and right != " ") or (left == " " and right == " ")
            if infix:
                entry = entries[("×", "math")]
                out.used.append(entry)
                yield Part(entry.cells, blanks=True)
                i += 1
                continue
        # a hyphen before a number, after a blank or at the start: the minus sign
        if ch == "-" and i + 1 == len(run) and after[:1].isdigit() and \
                (i == 0 and before in ("", " ")):
            entry = entries[("−", "")]
            out.used.append(entry)
            yield Part(entry.cells)
            i += 1
            continue
        for key in keys:
            if rest.startswith(key):
                entry = entries[(key, "")]
                out.used.append(entry)
                yield Part(entry.cells, blanks=entry.spacing == "blanks")
                i += len(key)
                break
        else:
            if ch not in out.unknown:
                out.unknown.append(ch)
            i += 1


# Latin letters and digits written letter for letter in a link address (제28항, 제29항:
# the letters' cells; no contractions, so the address can be typed back).
_LETTERS = "⠁⠃⠉⠙⠑⠋⠛⠓⠊⠚⠅⠇⠍⠝⠕⠏⠟⠗⠎⠞⠥⠧⠺⠭⠽⠵"
_DIGITS = "⠚⠁⠃⠉⠙⠑⠋⠛⠓⠊"
ROMAN_START, ROMAN_END, CAPITAL, NUMBER = "⠴", "⠲", "⠠", "⠼"


def address_cells(address: str, out: Rendered) -> str:
    """A URL or e-mail address: one roman section, letters, digits and table symbols."""
    cells = [ROMAN_START]
    in_number = False
    entries = table()
    for ch in address:
        if is_latin(ch):
            if in_number and ch.lower() in "abcdefghij":
                cells.append(ROMAN_START)  # a letter a-j after digits would read as a digit
            cells.append((CAPITAL if ch.isupper() else "") + _LETTERS[ord(ch.lower()) - 97])
            in_number = False
        elif ch.isdigit():
            if not in_number:
                cells.append(NUMBER)
            cells.append(_DIGITS[int(ch)])
            in_number = True
        else:
            entry = entries.get((ch, ""))
            if entry is None:
                if ch not in out.unknown:
                    out.unknown.append(ch)
                continue
            out.used.append(entry)
            cells.append(entry.cells)
            in_number = False
    cells.append(ROMAN_END)
    return "".join(cells)


@functools.lru_cache(maxsize=16384)
def _translate(engine: BrailleEngine, text: str) -> str:
    """The engine's braille for a run (with its context), remembered: the same
    words and the same small contexts recur all through an issue."""
    return engine.translate(text)


def _strip_prefix(engine: BrailleEngine, context: str, run: str, tail: str) -> str | None:
    """The engine's braille for `run` read after `context` (and before `tail`), or None
    when the engine's cells for the context alone are not a prefix of the result."""
    out = _translate(engine, context + run + tail)
    head = _translate(engine, context.rstrip(" ")) + (BLANK if context.endswith(" ") else "")
    if context and not out.startswith(head):
        return None
    out = out[len(head):]
    if tail in _CONTEXT_CLOSERS:
        end = _translate(engine, tail)
        if not out.endswith(end):
            return None
        out = out[:-len(end)]
    return out


def _engine_run(engine: BrailleEngine, run: str, before: str, after: str,
                korean: bool) -> str:
    """A text run through the engine, read in the context the sentence gives it.

    Latin at the run's edges is given a Hangul neighbour (in a Korean paragraph) so
    the engine marks the roman section as it would inside the sentence; a run that
    starts right after an opening bracket is read after that bracket (제10항 writes a
    letter standing alone inside [ ] differently). Only the run's own cells are kept.
    """
    pad_left = korean and is_latin(run[0])
    pad_right = korean and is_latin(run[-1])
    context = ("가 " if pad_left else "") + (before if before in _CONTEXT_OPENERS else "")
    ends_roman = pad_right and after in _ENDS_ROMAN
    tail = "." if ends_roman else " 가" if pad_right else ""
    if not tail and before in _CONTEXT_OPENERS and after in _CONTEXT_CLOSERS:
        tail = after
    out = _strip_prefix(engine, context, run, tail) if context or tail else None
    if out is None:
        out = _strip_prefix(engine, "가 " if pad_left else "", run, tail)
    if out is None:  # pragma: no cover - an engine that writes 가 differently
        return _translate(engine, run).strip(BLANK)
    if ends_roman and out.endswith("⠲"):
        out = out[:-1]
    elif pad_right and out.endswith(BLANK + "⠫"):
        out = out[:-2]
    return out.strip(BLANK)


_CONTEXT_OPENERS = set("([{")
_CONTEXT_CLOSERS = set(")]}")


def _six_dot(braille: str) -> bool:
    return all("\u2800" <= ch <= "\u283f" for ch in braille)


def _run_or_report(engine: BrailleEngine, run: str, before: str, after: str, korean: bool,
                   out: Rendered) -> str:
    """A run through the engine; a character it cannot write (it raises, or escapes
    it in 8-dot cells) is left out of the run and reported, the rest is written."""
    try:
        braille = _engine_run(engine, run, before, after, korean)
        if _six_dot(braille):
            return braille
    except (ValueError, RuntimeError):
        pass
    kept = []
    for ch in run:
        ok = ch == " "
        if not ok:
            try:
                ok = _six_dot(_translate(engine, ch))
            except (ValueError, RuntimeError):
                ok = False
        if ok:
            kept.append(ch)
        elif ch not in out.unknown:
            out.unknown.append(ch)
    text = " ".join("".join(kept).split())
    if not text or text == run:
        return ""
    return _run_or_report(engine, text, before, after, korean, out)


def render(engine: BrailleEngine, text: str) -> Rendered:
    """Braille for one normalised paragraph: engine for words, the table for symbols."""
    out = Rendered("")
    tokens = tokenize(text)
    korean = any(is_hangul(ch) for ch in text)  # else a run of English: no roman section
    parts: list[Part] = []
    for k, tok in enumerate(tokens):
        if tok.kind == "space":
            parts.append(Part(BLANK))
        elif tok.kind == "text":
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None
            after = nxt.text if nxt is not None and nxt.kind == "symbol" else ""
            if after:
                # only the symbol that follows directly decides the terminator
                after = next((key for key in _plain_keys() if after.startswith(key)),
                             after[:1])
            prev = tokens[k - 1] if k else None
            before = prev.text[-1] if prev is not None and prev.kind == "symbol" else ""
            parts.append(Part(_run_or_report(engine, tok.text, before, after, korean, out)))
        elif tok.kind == "address":
            parts.append(Part(address_cells(tok.text, out)))
        else:
            before = tokens[k - 1].text[-1:] if k else ""
            after_tok = tokens[k + 1].text[:1] if k + 1 < len(tokens) else ""
            at_start = all(t.kind == "space" for t in tokens[:k])
            parts.extend(_symbol_parts(tok.text, at_start, before, after_tok, out))
    # join, giving `blanks` symbols a blank cell each side
    cells: list[str] = []
    for i, part in enumerate(parts):
        if not part.cells:
            continue
        if part.blanks and cells and cells[-1] != BLANK or cells and cells[-1] != BLANK and i and parts[i - 1].blanks and \
                part.cells != BLANK:
            cells.append(BLANK)
        if part.cells == BLANK and cells and cells[-1] == BLANK:
            continue
        cells.append(part.cells)
    out.braille = "".join(cells).strip(BLANK)
    return out
