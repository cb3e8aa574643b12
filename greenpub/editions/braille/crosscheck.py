"""Cross-check: every paragraph through the second engine too.

Where the engines disagree, neither is trusted blindly: the check report shows
the print text and both results side by side (differing cells marked) for the
transcriber (점역 교정사) to decide.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import RenderError
from .engines import BrailleEngine
from .transcribe import Unit, translate


@dataclass(frozen=True)
class Piece:
    text: str
    differs: bool


GAPS_FILE = Path(__file__).with_name("liblouis-gaps.tsv")


@dataclass(frozen=True)
class Gap:
    id: str
    rule: str
    ours: str
    theirs: str
    description: str


@functools.lru_cache(maxsize=1)
def liblouis_gaps() -> dict[tuple[str, str], Gap]:
    """(our cells, liblouis' cells) -> the known gap they show."""
    gaps = {}
    for line in GAPS_FILE.read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            gap = Gap(*line.split("\t")[:5])
            gaps[(gap.ours, gap.theirs)] = gap
    return gaps


@dataclass
class Difference:
    where: str
    text: str
    primary: str
    other: str
    location: str = ""  # '1권 12쪽 5줄' in the edition's braille
    gaps: list[Gap] = field(default_factory=list)  # known liblouis gaps explaining it all

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


    def described(self) -> list[str]:
        """Each differing run in words a screen reader reads out, not by colour alone:
        '14번째 칸: ⠂ 대 ⠐' (cells counted in the edition's braille, from 1)."""
        out: list[str] = []
        matcher = difflib.SequenceMatcher(None, self.primary, self.other, autojunk=False)
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
            if op == "equal":
                continue
            where = (f"{a1 + 1}번째 칸" if a2 - a1 <= 1
                     else f"{a1 + 1}~{a2}번째 칸")
            ours = _spoken(self.primary[a1:a2])
            theirs = _spoken(self.other[b1:b2])
            out.append(f"{where}: {ours} 대 {theirs}")
        return out


def _spoken(cells: str) -> str:
    return cells.replace("\u2800", "(빈칸)") if cells else "(없음)"


def explain(primary: str, other: str, louis_is_other: bool) -> list[Gap]:
    """The known liblouis gaps that account for every differing run, or []."""
    gaps = liblouis_gaps()
    found: list[Gap] = []
    matcher = difflib.SequenceMatcher(None, primary, other, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        ours, theirs = primary[a1:a2], other[b1:b2]
        key = (ours, theirs) if louis_is_other else (theirs, ours)
        gap = gaps.get(key)
        if gap is None:
            return []
        found.append(gap)
    return found


def cross_check(units: list[Unit], other: BrailleEngine,
                locate: Callable[[str], str] | None = None) -> list[Difference]:
    found = []
    for unit in units:
        try:
            theirs = translate(other, unit.text, unit.where)
        except RenderError as exc:
            theirs = f"({exc.message})"
        if theirs != unit.braille:
            found.append(Difference(unit.where, unit.text, unit.braille, theirs,
                                    locate(unit.braille) if locate else "",
                                    explain(unit.braille, theirs, other.name == "liblouis")))
    return found
