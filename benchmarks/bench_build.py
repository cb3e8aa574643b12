"""Whole-build benchmark (issue 7): cold build, no-op rebuild, one-article edit, and how the
cost per issue grows with a year archive; peak memory of the build's process tree.

    .venv/bin/python benchmarks/bench_build.py [--formats web,cards,pdf,braille,audio]
        [--sizes 1,4,12] [--articles 10] [--jobs N] [--repeat N]

Prints figures and ratios (targets: no-op <= 5 % of cold, one edit <= 20 % of cold, flat
seconds per issue, peak memory <= 1 GiB). Not a test: nothing here asserts.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from archive import generate  # noqa: E402

PEAK_SNIPPET = (
    "import resource, subprocess, sys\n"
    "rc = subprocess.call(sys.argv[1:])\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(rc)\n"
)


def build(content: Path, out: Path, cache: Path, formats: str, jobs: int) -> tuple[float, int,
                                                                                   dict]:
    """One build in a fresh process; returns (seconds, peak RSS KiB of the tree, report)."""
    cmd = [sys.executable, "-c", PEAK_SNIPPET, sys.executable, str(ROOT / "build.py"), "build",
           "--content", str(content), "--out", str(out), "--cache", str(cache),
           "--formats", formats, "--jobs", str(jobs), "-q"]
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"build failed ({proc.returncode}):\n{proc.stderr}")
    peak = int(proc.stdout.strip().splitlines()[-1])
    report = json.loads((out / "build-report.json").read_text("utf-8"))
    return seconds, peak, report


def edit_one_article(content: Path) -> None:
    """Change one published article's text and re-approve it (what an editor would do)."""
    from greenpub.content.reader import read_content
    from greenpub.review import approve, decide

    config, issues = read_content(content)
    article = next(a for a in issues[0].articles if decide(a, config).publishable)
    text = article.file.read_text("utf-8")
    article.file.write_text(text.rstrip("\n") + "\n\n편집부가 덧붙인 문장입니다.\n", "utf-8")
    for cp in config.checkpoint_ids():
        approve(article.file, content, cp, "편집위원회")


def main() -> None:
    from greenpub.editions import available

    ap = argparse.ArgumentParser()
    ap.add_argument("--formats", default=",".join(available()))
    ap.add_argument("--sizes", default="1,4,12", help="archive sizes (issues) for cold builds")
    ap.add_argument("--articles", type=int, default=10)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--repeat", type=int, default=1, help="sample-issue runs (each from scratch)")
    ap.add_argument("--keep", type=Path, default=None, help="keep the work folder here")
    a = ap.parse_args()
    work = Path(a.keep or tempfile.mkdtemp(prefix="greenpub-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores, python {sys.version.split()[0]}, "
          f"formats={a.formats}, jobs={a.jobs}")

    # --- the sample issue: cold, no-op, one edit (--repeat times, each from scratch) -----
    print("\nsample issue (content/2021-03)")
    ratios: list[tuple[float, float]] = []
    for run in range(1, a.repeat + 1):
        content = work / f"sample-{run}"
        shutil.copytree(ROOT / "content", content, dirs_exist_ok=True)
        out, cache = work / f"sample-{run}-out", work / f"sample-{run}-cache"
        cold, peak, rep = build(content, out, cache, a.formats, a.jobs)
        noop, _, rep_noop = build(content, out, cache, a.formats, a.jobs)
        edit_one_article(content)
        edit, _, rep_edit = build(content, out, cache, a.formats, a.jobs)
        ratios.append((noop / cold, edit / cold))
        print(f"  run {run}: cold {cold:6.2f} s (peak {peak / 1024:6.1f} MiB)   "
              f"no-op {noop:5.2f} s = {noop / cold:5.1%} (target <= 5 %, "
              f"{len(rep_noop['rebuilt'])} units)   one-article edit {edit:5.2f} s = "
              f"{edit / cold:5.1%} (target <= 20 %, {len(rep_edit['rebuilt'])} units)")
        print("    stage timings (cold):", json.dumps(rep["timings"], ensure_ascii=False))
        print("    stage timings (edit):", json.dumps(rep_edit["timings"], ensure_ascii=False))
    if len(ratios) > 1:
        print(f"  no-op ratio {min(r[0] for r in ratios):.1%}–{max(r[0] for r in ratios):.1%}, "
              f"edit ratio {min(r[1] for r in ratios):.1%}–{max(r[1] for r in ratios):.1%}")
    print("  counters (cold):", json.dumps(rep["counters"], ensure_ascii=False))

    # --- a growing archive ------------------------------------------------------
    print(f"\nyear archive, {a.articles} articles per issue, cold builds")
    rows = []
    for size in [int(s) for s in a.sizes.split(",") if s]:
        arch = generate(work / f"archive-{size}", size, a.articles)
        seconds, peak, rep = build(arch, work / f"archive-{size}-out",
                                   work / f"archive-{size}-cache", a.formats, a.jobs)
        rows.append((size, seconds, peak))
        noop, _, _ = build(arch, work / f"archive-{size}-out", work / f"archive-{size}-cache",
                           a.formats, a.jobs)
        edit_one_article(arch)
        edit, _, _ = build(arch, work / f"archive-{size}-out", work / f"archive-{size}-cache",
                           a.formats, a.jobs)
        print(f"  {size:3d} issues  {seconds:8.2f} s  {seconds / size:7.2f} s/issue  "
              f"no-op {noop:6.2f} s ({noop / seconds:5.1%})  one edit {edit:6.2f} s "
              f"({edit / seconds:5.1%})  peak {peak / 1024:7.1f} MiB (target <= 1024)")
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        print(f"  per-issue cost ratio {last[0]} vs {first[0]} issues: "
              f"{(last[1] / last[0]) / (first[1] / first[0]):.2f} (flat = 1.00)")
    if a.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    _ = resource  # peak is measured in the child wrapper


if __name__ == "__main__":
    main()
