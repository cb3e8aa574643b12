"""Measure an engine on the Korean braille standard's examples (../shared/braille-rules).

Each CSV row: print text, BRF ASCII, dot numbers, Unicode braille. A row counts
when the engine's Unicode braille equals the expected one exactly.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import RenderError
from .engines import BrailleEngine
from .transcribe import translate


@dataclass(frozen=True)
class Example:
    rule: str  # file stem, e.g. 'rule_43_b1'
    text: str
    brf: str
    dots: str
    braille: str


@dataclass
class Score:
    engine: str
    preprocessed: bool
    total: int = 0
    exact: int = 0
    misses: list[tuple[Example, str]] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.exact / self.total if self.total else 0.0


def load_examples(folder: Path) -> list[Example]:
    examples = []
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh):
                if len(row) >= 4:
                    examples.append(Example(path.stem, *row[:4]))
    return examples


def measure(engine: BrailleEngine, examples: list[Example], preprocessed: bool = True) -> Score:
    score = Score(engine.name, preprocessed)
    for ex in examples:
        try:
            got = translate(engine, ex.text) if preprocessed else engine.translate(ex.text)
        except (ValueError, RuntimeError, RenderError) as exc:
            got = f"error: {exc}"
        score.total += 1
        if got == ex.braille:
            score.exact += 1
        else:
            score.misses.append((ex, got))
    return score
