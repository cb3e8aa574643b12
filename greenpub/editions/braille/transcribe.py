"""Print text -> braille through one engine, remembering every paragraph it saw.

The remembered paragraphs are what the cross-check (crosscheck.py) hands to the
second engine, and the symbols preprocessing had to drop become a build warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...errors import RenderError
from . import messages as M
from .engines import BrailleEngine, is_six_dot
from .preprocess import prepare


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
    try:
        braille = engine.translate(prepared.text)
    except (ValueError, RuntimeError) as exc:
        raise RenderError(M.ENGINE_FAILED.format(engine=engine.name, where=where or text[:30],
                                                 reason=exc)) from None
    if not is_six_dot(braille):
        # prepare() only lets through what the engine knows; if a combination
        # still yields an escape or an 8-dot cell, stop rather than emboss it.
        raise RenderError(M.ENGINE_ESCAPE.format(engine=engine.name, where=where or text[:30]))
    return braille.strip("\u2800")
