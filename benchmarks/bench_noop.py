"""No-op rebuild on a small issue (issue 12, part 7): three published articles, every
edition; cold build, then no-op rebuilds, each in a fresh process as an editor runs them.

    .venv/bin/python benchmarks/bench_noop.py [--repeat 3] [--jobs N]

Prints wall seconds and CPU seconds (user + system of the build's process tree) and the
no-op / cold ratios (target <= 5 %). CPU time is the steadier figure on a shared machine.
Not a test: nothing here asserts.
"""

from __future__ import annotations

import argparse
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


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def build(content: Path, out: Path, cache: Path, jobs: int) -> tuple[float, float]:
    cmd = [sys.executable, str(ROOT / "build.py"), "build", "--content", str(content), "--out",
           str(out), "--cache", str(cache), "--jobs", str(jobs), "-q"]
    cpu0, t0 = _cpu(), time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    wall, cpu = time.perf_counter() - t0, _cpu() - cpu0
    if proc.returncode != 0:
        sys.exit(f"build failed ({proc.returncode}):\n{proc.stderr}")
    return wall, cpu


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    a = ap.parse_args()
    from greenpub.review import approve

    work = Path(tempfile.mkdtemp(prefix="greenpub-noop-"))
    content = work / "content"
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", content)
    pending = content / "2021-03" / "03-pending.md"
    for cp in ("desk", "committee", "final"):  # three published articles
        approve(pending, content, cp, "편집위원회")
    out, cache = work / "out", work / "cache"
    wall, cpu = build(content, out, cache, a.jobs)
    print(f"cold build (3 articles, every edition, --jobs {a.jobs}): "
          f"{wall:6.2f} s wall, {cpu:6.2f} s CPU")
    for i in range(a.repeat):
        nwall, ncpu = build(content, out, cache, a.jobs)
        print(f"no-op {i + 1}: {nwall:5.2f} s wall = {nwall / wall:5.1%} of cold, "
              f"{ncpu:5.2f} s CPU = {ncpu / cpu:5.1%} of cold (target <= 5 %)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
