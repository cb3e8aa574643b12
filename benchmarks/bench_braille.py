"""Braille edition figures: engine accuracy on the standard's examples and speed.

    .venv/bin/python benchmarks/bench_braille.py

Accuracy: exact Unicode-braille match per row of ../shared/braille-rules/*.csv,
for each engine alone and after greenpub's preprocessing (docs/BRAILLE.md).
Speed: paragraphs per second per engine, and the sample issue laid out end to end.
"""

from __future__ import annotations

import dataclasses
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from greenpub.content.reader import read_content  # noqa: E402
from greenpub.editions.braille import render_book  # noqa: E402
from greenpub.editions.braille.accuracy import load_examples, measure  # noqa: E402
from greenpub.editions.braille.crosscheck import cross_check  # noqa: E402
from greenpub.editions.braille.engines import LouisEngine, load_engine  # noqa: E402
from greenpub.editions.braille.settings import BrailleSettings  # noqa: E402
from greenpub.review import decide  # noqa: E402


class PlainLouis(LouisEngine):
    """liblouis with the stock ko-g2.ctb only (without greenpub-ko.cti)."""

    def __init__(self) -> None:
        super().__init__()
        self._tables = [self.TABLE]


def main() -> None:
    rules = ROOT.parent / "shared" / "braille-rules"
    if not rules.is_dir():  # a worktree sits one level deeper
        rules = ROOT.parent.parent / "shared" / "braille-rules"
    examples = load_examples(rules)
    print(f"rules: {len(examples)} examples")
    engines = {"braillify": load_engine("braillify"), "liblouis": load_engine("liblouis")}
    for name, engine in [*engines.items(), ("liblouis (stock ko-g2 only)", PlainLouis())]:
        raw = measure(engine, examples, preprocessed=False)
        pre = measure(engine, examples, preprocessed=True)
        print(f"{name:28s} alone {raw.exact}/{raw.total} = {raw.rate:.2%}   "
              f"preprocessed {pre.exact}/{pre.total} = {pre.rate:.2%}")

    cfg, issues = read_content(ROOT / "content")
    issue = issues[0]
    issue = dataclasses.replace(issue, articles=[a for a in issue.articles
                                                 if decide(a, cfg).publishable])
    settings = BrailleSettings.from_site(cfg)
    for name, engine in engines.items():
        start = time.perf_counter()
        book, tr = render_book(issue, engine, settings, cfg.title, cfg.publisher, False)
        lay = time.perf_counter() - start
        units = list(tr.units.values())
        other = engines["liblouis" if name == "braillify" else "braillify"]
        start = time.perf_counter()
        diffs = cross_check(units, other)
        check = time.perf_counter() - start
        rate = len(units) / check if check else float("inf")
        print(f"{name:10s} sample issue: {len(book.pages)} pages, {len(units)} paragraphs, "
              f"layout {lay * 1000:.0f} ms; cross-check {check * 1000:.0f} ms "
              f"({rate:.0f} paragraphs/s), {len(diffs)} differences")


if __name__ == "__main__":
    main()
