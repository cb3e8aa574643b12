"""Print text -> braille through one engine, remembering every paragraph it saw.

One paragraph: `normalize` (preprocess.py), then symbols.py writes every symbol
from the reviewed table and hands only words (Hangul, digits, Latin) to the
engine. The remembered paragraphs are what the cross-check (crosscheck.py) hands
to the second engine; the characters the table lacks become a build warning
naming the article and line, and every preprocessing change is listed in the
check report.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...errors import RenderError
from . import messages as M
from .engines import BrailleEngine, is_six_dot
from .preprocess import Change, normalize
from .symbols import Entry, render


@dataclass
class Unit:
    where: str  # e.g. '구청 민원실에서 ... #3', for the transcriber
    text: str  # the print text
    braille: str
    changes: list[Change] = field(default_factory=list)


@dataclass
class Transcriber:
    engine: BrailleEngine
    units: dict[str, Unit] = field(default_factory=dict)
    dropped: dict[str, list[str]] = field(default_factory=dict)  # symbol -> where
    used: dict[tuple[str, str], Entry] = field(default_factory=dict)  # table entries written

    def __call__(self, text: str, where: str = "") -> str:
        seen = self.units.get(text)
        if seen is not None:
            return seen.braille
        changes: list[Change] = []
        braille = translate(self.engine, text, where, self.dropped, changes, self.used)
        self.units[text] = Unit(where, text, braille, changes)
        return braille


def translate(engine: BrailleEngine, text: str, where: str = "",
              dropped: dict[str, list[str]] | None = None,
              changes: list[Change] | None = None,
              used: dict[tuple[str, str], Entry] | None = None) -> str:
    """Normalise and transcribe one paragraph; the result is 6-dot cells only."""
    clean = normalize(text, changes)
    if not clean:
        return ""
    try:
        rendered = render(engine, clean)
    except (ValueError, RuntimeError):
        raise RenderError(M.ENGINE_ESCAPE.format(engine=engine.name,
                                                 where=where or clean[:30])) from None
    if dropped is not None:
        for symbol in rendered.unknown:
            dropped.setdefault(symbol, []).append(where)
    if used is not None:
        for entry in rendered.used:
            used[(entry.print, entry.context)] = entry
    if not is_six_dot(rendered.braille):
        raise RenderError(M.ENGINE_ESCAPE.format(engine=engine.name, where=where or clean[:30]))
    return rendered.braille
