"""Cross-check: every paragraph through the second engine too.

Where the engines disagree, neither is trusted blindly: the check report shows
the print text and both results side by side (differing cells marked) for the
transcriber (점역 교정사) to decide.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from ...errors import RenderError
from .engines import BrailleEngine
from .transcribe import Unit, translate


@dataclass(frozen=True)
class Piece:
    text: str
    differs: bool


@dataclass
class Difference:
    where: str
    text: str
    primary: str
    other: str

    def pieces(self) -> tuple[list[Piece], list[Piece]]:
        """Both results cut into equal and differing runs, for <mark> in the report."""
        left: list[Piece] = []
        right: list[Piece] = []
        matcher = difflib.SequenceMatcher(None, self.primary, self.other, autojunk=False)
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
            same = op == "equal"
            if a2 > a1:
                left.append(Piece(self.primary[a1:a2], not same))
            if b2 > b1:
                right.append(Piece(self.other[b1:b2], not same))
        return left, right


def cross_check(units: list[Unit], other: BrailleEngine) -> list[Difference]:
    found = []
    for unit in units:
        try:
            theirs = translate(other, unit.text, unit.where)
        except RenderError as exc:
            theirs = f"({exc.message})"
        if theirs != unit.braille:
            found.append(Difference(unit.where, unit.text, unit.braille, theirs))
    return found
