"""Incremental and parallel builds across editions (issue 7)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import MINI, ROOT, run_cli, snapshot

from greenpub.editions.base import BuildOptions
from greenpub.pipeline import Pipeline

FAST = ("web", "cards", "braille")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A private copy of layouts/ and assets/ that a test may edit."""
    dest = tmp_path / "project"
    for name in ("layouts", "assets"):
        shutil.copytree(ROOT / name, dest / name)
    return dest


def _report(out: Path) -> dict:
    return json.loads((out / "build-report.json").read_text("utf-8"))


def test_template_change_rebuilds_that_edition_only(project: Path, tmp_path: Path):
    out, cache = tmp_path / "out", tmp_path / "cache"

    def build() -> dict:
        Pipeline(MINI, out, BuildOptions(formats=FAST, jobs=1), cache_dir=cache,
                 project=project).run()
        return _report(out)

    build()
    assert build()["rebuilt"] == []
    css = project / "layouts" / "web" / "static" / "web.css"
    css.write_text(css.read_text("utf-8") + "\n/* editor's tweak */\n", "utf-8")
    tpl = project / "layouts" / "web" / "article.html"
    tpl.write_text(tpl.read_text("utf-8").replace("기사 듣기", "기사 들어 보기"), "utf-8")
    rebuilt = build()["rebuilt"]
    assert rebuilt and {r["edition"] for r in rebuilt} == {"web"}
    assert all("layout" in r["reason"] for r in rebuilt if r["unit"].startswith("page:"))
    theme = project / "layouts" / "cards" / "theme.yaml"
    theme.write_text(theme.read_text("utf-8") + "\n# editor's note\n", "utf-8")
    rebuilt = build()["rebuilt"]
    assert rebuilt and {r["edition"] for r in rebuilt} == {"cards"}


def test_one_article_edit_rebuilds_only_what_includes_it(mini: Path, tmp_path: Path):
    out, cache = tmp_path / "out", tmp_path / "cache"
    args = ("build", "--content", str(mini), "--out", str(out), "--cache", str(cache),
            "--formats", ",".join(FAST), "-q")
    assert run_cli(*args).code == 0
    path = mini / "2021-03" / "02-survey.md"
    path.write_text(path.read_text("utf-8").replace("강화합니다.", "크게 강화합니다."), "utf-8")
    for cp in ("desk", "committee", "final"):
        assert run_cli("review", "approve", str(path), "--checkpoint", cp, "--by", "x",
                       "--content", str(mini)).code == 0
    assert run_cli(*args).code == 0
    rebuilt = _report(out)["rebuilt"]
    units = {(r["edition"], r["unit"]) for r in rebuilt}
    # the article's own outputs and issue-level files that include it; never the other article
    assert ("web", "page:2021-03/survey/index.html") in units
    assert not any("wifi" in unit for _, unit in units if unit.startswith("page:")
                   and unit != "page:2021-03/wifi/index.html")
    assert ("web", "page:2021-03/wifi/index.html") not in units  # title unchanged: no relink
    cards = [u for e, u in units if e == "cards"]
    assert cards and all("survey" in u for u in cards)
    assert any(e == "braille" for e, _ in units)  # the braille volume includes it


@pytest.mark.slow
def test_jobs_2_gives_the_same_outputs_as_jobs_1(tmp_path: Path):
    outs = {}
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}"
        r = run_cli("build", "--content", str(MINI), "--out", str(out), "--cache",
                    str(tmp_path / f"cache{jobs}"), "--jobs", str(jobs), "-q")
        assert r.code == 0, r.err
        outs[jobs] = out
    one, two = snapshot(outs[1]), snapshot(outs[2])
    assert one.keys() == two.keys()
    for rel in one:
        if rel in ("manifest.json", "build-report.json"):
            continue
        if rel.endswith(".pdf"):  # PDFs carry their creation time: compare what they say
            texts = [subprocess.run(["pdftotext", "-layout", str(o / rel), "-"],
                                    capture_output=True, text=True, check=True).stdout
                     for o in (outs[1], outs[2])]
            assert texts[0] == texts[1], rel
        else:
            assert one[rel] == two[rel], rel
    m1 = json.loads(one["manifest.json"])
    m2 = json.loads(two["manifest.json"])
    m1.pop("built_at"), m2.pop("built_at")
    assert m1 == m2


def _built_units(report: dict) -> set[tuple[str, str]]:
    return {(r["edition"], r["unit"]) for r in report["rebuilt"]}


def test_audio_settings_rerender_no_other_edition(mini: Path, tmp_path: Path):
    out, cache = tmp_path / "out", tmp_path / "cache"
    args = ("build", "--content", str(mini), "--out", str(out), "--cache", str(cache),
            "--formats", "web,cards,braille,audio", "-q")
    assert run_cli(*args).code == 0
    site = mini / "site.yaml"
    site.write_text(site.read_text("utf-8") + "audio:\n  speed: 150\n", "utf-8")
    assert run_cli(*args).code == 0
    editions = {e for e, _ in _built_units(_report(out))}
    assert "audio" in editions
    assert editions <= {"audio", "web"}
    # the web pages that show the new durations may change; none re-renders for the setting
    web = [r for r in _report(out)["rebuilt"] if r["edition"] == "web"]
    assert all("site" not in r["reason"] for r in web)


def test_editing_edition_code_rerenders_that_edition(tmp_path: Path):
    """A copy of the package whose print/assemble.py differs re-renders the PDFs only."""
    src = tmp_path / "src"
    shutil.copytree(ROOT / "greenpub", src / "greenpub",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "layouts", src / "layouts")
    shutil.copy(ROOT / "pyproject.toml", src / "pyproject.toml")
    out, cache = tmp_path / "out", tmp_path / "cache"
    env = {"PYTHONPATH": str(src)}
    cmd = ["-c", "import sys; from greenpub.cli import main; sys.exit(main(sys.argv[1:]))",
           "build", "--content", str(MINI), "--out", str(out), "--cache", str(cache),
           "--formats", "web,print", "-q"]

    def build() -> dict:
        import os
        import sys

        proc = subprocess.run([sys.executable, *cmd], env={**os.environ, **env}, cwd=tmp_path,
                              capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, proc.stderr
        return _report(out)

    build()
    assert not _built_units(build())  # a no-op
    assemble = src / "greenpub" / "editions" / "print" / "assemble.py"
    assemble.write_text(assemble.read_text("utf-8") + "\n# a changed join\n", "utf-8")
    rebuilt = _built_units(build())
    assert {e for e, _ in rebuilt} == {"print"}
    assert {u.split("#")[0] for _, u in rebuilt} == {"print/green-seogu-2021-03.pdf",
                                                     "print/green-seogu-2021-03-large.pdf",
                                                     "print/green-seogu-2021-03-press.pdf"}


def test_print_marks_builds_keep_the_reader_pdf_cached(tmp_path: Path):
    out, cache = tmp_path / "out", tmp_path / "cache"
    args = ("build", "--content", str(MINI), "--out", str(out), "--cache", str(cache),
            "--formats", "print", "-q")
    assert run_cli(*args).code == 0
    assert run_cli(*args, "--print-marks").code == 0
    assert run_cli(*args).code == 0
    report = _report(out)
    assert not report["rebuilt"] and report["counters"].get("pdf_parts_laid_out", 0) == 0
