"""Card-news video: seconds of video made per second of wall time, and file sizes.

Builds the sample issue's video edition (content/2021-03, every published article plus
the issue highlight; feed 1080x1350 and vertical 1080x1920) with `--jobs 2`:
  cold      empty build cache and TTS cache
  tts-warm  TTS cache kept, build cache emptied (what encoding alone costs)
  warm      nothing changed (must encode nothing)
and reports video seconds per wall second (feed seconds; each also has a vertical
rendition), the CPU seconds spent (so a run on a shared, loaded machine still tells what
an idle one would do: video seconds per CPU second x cores) and MB per minute of video
for each rendition.

    .venv/bin/python benchmarks/bench_video.py [--content content] [--jobs 2] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from greenpub.editions.base import BuildOptions  # noqa: E402
from greenpub.pipeline import Pipeline  # noqa: E402


def cpu_seconds() -> float:
    """CPU time of this process and its waited-for children (pool workers, ffmpeg,
    espeak-ng): what the build costs on an otherwise idle machine."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def build(content: Path, work: Path, jobs: int) -> tuple[float, float, dict]:
    out = work / "out"
    start, cpu = time.perf_counter(), cpu_seconds()
    Pipeline(content, out, BuildOptions(formats=("video",), jobs=jobs, quiet=True),
             cache_dir=work / "cache").run()
    wall = time.perf_counter() - start
    return wall, cpu_seconds() - cpu, json.loads((out / "build-report.json").read_text("utf-8"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--content", default=str(ROOT / "content"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", default=None)
    args = ap.parse_args()
    work = Path(args.keep or tempfile.mkdtemp(prefix="bench-video-"))
    shutil.rmtree(work / "cache", ignore_errors=True)
    rows = []
    for label in ("cold", "tts-warm", "warm"):
        if label == "tts-warm":
            shutil.rmtree(work / "cache" / "units", ignore_errors=True)
        load = os.getloadavg()[0]
        wall, cpu, report = build(Path(args.content), work, args.jobs)
        rows.append((label, wall, cpu, report, load))
    manifest = json.loads((work / "out" / "manifest.json").read_text("utf-8"))
    feed = vertical = seconds = 0.0
    for issue in manifest["issues"]:
        entries = [a["outputs"] for a in issue["articles"] if "video" in a["outputs"]]
        entries.append(issue["outputs"])
        for o in entries:
            seconds += o["video_duration"]
            feed += (work / "out" / o["video"]).stat().st_size
            vertical += (work / "out" / o["video_vertical"]).stat().st_size
    minutes = seconds / 60
    print(f"video: {seconds:.1f} s ({len(entries)} videos, each also vertical), "
          f"jobs {args.jobs}, cores {os.cpu_count()}")
    cores = min(args.jobs, os.cpu_count() or 1)
    for label, wall, cpu, report, load in rows:
        c = report["counters"]
        print(f"{label:9s} wall {wall:6.1f} s  {seconds / wall:5.2f} s of video per s  "
              f"cpu {cpu:6.1f} s (idle {cores} cores: {seconds / (cpu / cores):5.2f} s per s)  "
              f"units built {report['cache']['misses']:2d}  tts calls {c.get('tts_calls', 0):3d}"
              f"  load avg at start {load:.1f}")
    print(f"size: feed {feed / 1e6 / minutes:.2f} MB/min, vertical "
          f"{vertical / 1e6 / minutes:.2f} MB/min")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
