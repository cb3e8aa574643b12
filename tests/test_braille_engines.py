"""Engines measured on the Korean braille standard's examples (../shared/braille-rules)."""

from __future__ import annotations

from pathlib import Path

import pytest

from greenpub.editions.braille import available_engines, braille_text, default_engine
from greenpub.editions.braille.accuracy import Score, load_examples, measure
from greenpub.editions.braille.engines import DEFAULT_ENGINE, is_six_dot, load_engine
from greenpub.errors import RenderError

ROOT = Path(__file__).resolve().parent.parent
# ../shared/braille-rules beside the project (a worktree sits one level deeper)
RULES = next((p for p in (ROOT.parent / "shared" / "braille-rules",
                          ROOT.parent.parent / "shared" / "braille-rules") if p.is_dir()),
             ROOT.parent / "shared" / "braille-rules")

# Floors measured when the edition was written (docs/BRAILLE.md); a drop fails.
FLOORS = {"braillify": 0.995, "liblouis": 0.66}


@pytest.fixture(scope="module")
def examples():  # type: ignore[no-untyped-def]
    if not RULES.is_dir():
        pytest.fail(f"shared braille rules not found at {RULES}")
    rows = load_examples(RULES)
    assert len(rows) > 400
    return rows


@pytest.fixture(scope="module")
def scores(examples) -> dict[tuple[str, bool], Score]:  # type: ignore[no-untyped-def]
    return {(name, pre): measure(load_engine(name), examples, pre)
            for name in ("braillify", "liblouis") for pre in (False, True)}


def test_the_recorded_figures_are_the_measured_ones(scores) -> None:  # type: ignore[no-untyped-def]
    """engines.MEASURED feeds the build's warning; it must be what the engines do."""
    from greenpub.editions.braille.engines import MEASURED

    for name in ("braillify", "liblouis"):
        score = scores[(name, True)]
        assert MEASURED[name] == (score.exact, score.total), name


def test_both_engines_are_installed() -> None:
    assert available_engines() == ["braillify", "liblouis"]


@pytest.mark.parametrize("name", ["braillify", "liblouis"])
def test_engine_meets_its_measured_floor(scores, name: str) -> None:  # type: ignore[no-untyped-def]
    score = scores[(name, True)]
    assert score.rate >= FLOORS[name], [(m[0].text, m[1]) for m in score.misses[:10]]


def test_default_engine_meets_the_target_and_measures_best(scores) -> None:  # type: ignore[no-untyped-def]
    assert default_engine() == DEFAULT_ENGINE
    best = max(("braillify", "liblouis"), key=lambda n: scores[(n, True)].rate)
    assert best == DEFAULT_ENGINE
    assert scores[(DEFAULT_ENGINE, True)].rate >= 0.995


@pytest.mark.parametrize("name", ["braillify", "liblouis"])
def test_preprocessing_never_makes_an_engine_worse(scores, name: str) -> None:  # type: ignore[no-untyped-def]
    raw, pre = scores[(name, False)], scores[(name, True)]
    raw_misses = {m[0] for m in raw.misses}
    newly_wrong = [m[0].text for m in pre.misses if m[0] not in raw_misses]
    assert newly_wrong == []
    assert pre.exact >= raw.exact


def test_engines_give_six_dot_unicode_braille(examples) -> None:  # type: ignore[no-untyped-def]
    for name in ("braillify", "liblouis"):
        engine = load_engine(name)
        for ex in examples[:50]:
            assert is_six_dot(engine.translate(ex.text)), (name, ex.text)


def test_braille_text_translates_line_by_line() -> None:
    out = list(braille_text(["서구", "", "2021년"], None))
    assert out == ["⠠⠎⠈⠍", "", "⠼⠃⠚⠃⠁⠀⠉⠡"]  # a blank before ㄴ after a number
    assert list(braille_text(["서구"], "liblouis")) == ["⠠⠎⠈⠍"]


def test_unknown_engine_is_a_korean_error() -> None:
    with pytest.raises(RenderError, match="알 수 없는 점역 엔진"):
        list(braille_text(["서구"], "nope"))


def test_known_liblouis_gaps_occur_in_the_standards_examples(examples) -> None:  # type: ignore[no-untyped-def]
    """Each entry of liblouis-gaps.tsv explains at least one of liblouis' misses on the
    standard's own examples; and those explained rows are counted apart."""
    from greenpub.editions.braille.crosscheck import explain, liblouis_gaps
    from greenpub.editions.braille.transcribe import translate

    louis = load_engine("liblouis")
    seen: set[str] = set()
    explained = 0
    for ex in examples:
        got = translate(louis, ex.text)
        if got != ex.braille:
            gaps = explain(ex.braille, got, louis_is_other=True)
            seen |= {g.id for g in gaps}
            explained += bool(gaps)
    assert seen == {g.id for g in liblouis_gaps().values()}
    assert explained >= 5  # 8 of liblouis' 154 misses when written
