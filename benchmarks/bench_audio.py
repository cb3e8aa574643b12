"""Audiobook stage: time per minute of speech, cold vs warm, and a listening check.

Renders the sample issue (content/2021-03, every article) with espeak-ng three times:
  cold      empty build cache and TTS cache
  tts-warm  TTS cache kept, build cache emptied (e.g. after a bitrate change)
  warm      nothing changed (must make zero TTS calls and encode nothing)
then decodes the whole-issue MP3 as a listener's player would and reports loudness,
pauses and how much of it is speech.

    .venv/bin/python benchmarks/bench_audio.py [--content content] [--keep DIR]
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from greenpub.cache import BuildCache  # noqa: E402
from greenpub.content.reader import read_content  # noqa: E402
from greenpub.editions.audio import AudioEdition  # noqa: E402
from greenpub.editions.audio.encode import loudness, pause_lengths, quiet_frames  # noqa: E402
from greenpub.editions.audio.engines import SAMPLE_RATE, decode_mp3  # noqa: E402
from greenpub.editions.base import BuildOptions, RenderContext, run_edition  # noqa: E402


def render(content: Path, work: Path, out_name: str):
    cfg, issues = read_content(content)
    issue = issues[0]  # every article, approved or not: the benchmark measures audio only
    ctx = RenderContext(site=cfg, out=work / out_name, project=ROOT, options=BuildOptions(),
                        cache=BuildCache(work / "cache"))
    start = time.perf_counter()
    result = run_edition(AudioEdition(), dataclasses.replace(issue), ctx)
    return result, time.perf_counter() - start


def listen(path: Path) -> dict[str, float]:
    audio = decode_mp3(path.read_bytes()).astype(np.float64) / 32768
    pauses = np.array(pause_lengths(audio))
    quiet = quiet_frames(audio)
    return {"minutes": len(audio) / SAMPLE_RATE / 60, "lufs": loudness(audio),
            "peak_dbfs": 20 * np.log10(np.abs(audio).max()),
            "speech_share": float(np.mean(~quiet)), "pauses": len(pauses),
            "pause_median_ms": float(np.median(pauses)), "pause_max_ms": float(pauses.max()),
            "longest_speech_s": _longest(~quiet) / 100}


def _longest(mask: np.ndarray) -> int:
    best = run = 0
    for m in mask:
        run = run + 1 if m else 0
        best = max(best, run)
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--content", type=Path, default=ROOT / "content")
    ap.add_argument("--keep", type=Path, help="keep the outputs here")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-audio-"))
    try:
        cold, t_cold = render(args.content, work, "out-cold")
        shutil.rmtree(work / "cache" / "units")
        tts_warm, t_tts = render(args.content, work, "out-tts-warm")
        warm, t_warm = render(args.content, work, "out-warm")
        whole = work / "out-warm" / warm.outputs.issue["mp3"]
        heard = listen(whole)
        minutes = heard["minutes"]
        print(f"speech: {minutes:.1f} min in {len(warm.outputs.articles)} articles "
              f"+ contents (whole-issue MP3 {whole.stat().st_size / 1e6:.1f} MB)")
        print(f"{'run':10} {'seconds':>8} {'s/min speech':>13} {'x real time':>12} "
              f"{'TTS calls':>10} {'TTS hits':>9} {'units built':>12}")
        for name, r, t in [("cold", cold, t_cold), ("tts-warm", tts_warm, t_tts),
                           ("warm", warm, t_warm)]:
            print(f"{name:10} {t:8.2f} {t / minutes:13.3f} {minutes * 60 / t:12.0f} "
                  f"{r.counters.get('tts_calls', 0):10d} {r.counters.get('tts_cache_hits', 0):9d} "
                  f"{r.cache.misses:12d}")
        print(f"cold/warm: {t_cold / t_warm:.0f}x   cold/tts-warm: {t_cold / t_tts:.2f}x")
        print("listening check (whole issue, decoded with ffmpeg):")
        print(f"  integrated loudness {heard['lufs']:.2f} LUFS (target -16 ± 1), "
              f"peak {heard['peak_dbfs']:.1f} dBFS")
        print(f"  speech {heard['speech_share']:.0%} of the time, {heard['pauses']} pauses "
              f">= 250 ms (median {heard['pause_median_ms']:.0f} ms, longest "
              f"{heard['pause_max_ms']:.0f} ms), longest unbroken speech "
              f"{heard['longest_speech_s']:.1f} s")
        if args.keep:
            shutil.copytree(work / "out-warm", args.keep, dirs_exist_ok=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
