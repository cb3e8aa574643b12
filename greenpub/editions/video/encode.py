"""Slides + soundtrack -> MP4 (H.264 yuv420p, AAC, mov_text captions, faststart) with
Debian's ffmpeg, called with argument lists (no shell). Loudness uses the audiobook's
normaliser (BS.1770 integrated loudness) and a true-peak limiter measured at 4x.
"""

from __future__ import annotations

import shutil
import subprocess
import wave
from pathlib import Path

import numpy as np

from ...errors import RenderError
from ..audio.encode import normalise_loudness
from ..audio.engines import SAMPLE_RATE
from . import messages as M
from .settings import VideoSettings
from .timeline import Timeline

OVERSAMPLE = 4
AAC_RATE = 48000


def true_peak_db(audio: np.ndarray) -> float:
    """True peak (dBTP) of float audio, estimated at 4x oversampling (BS.1770-4 Annex 2)."""
    from scipy.signal import resample_poly

    if not len(audio):
        return -120.0
    peak = float(np.max(np.abs(resample_poly(audio, OVERSAMPLE, 1))))
    return 20 * np.log10(max(peak, 1e-6))


def limit_true_peak(audio: np.ndarray, ceiling_db: float) -> np.ndarray:
    """Pull the rare peaks above `ceiling_db` (true peak) under it with a soft knee;
    speech below the knee is untouched, so the loudness barely moves (< 0.1 LU)."""
    for _ in range(4):
        tp = true_peak_db(audio)
        if tp <= ceiling_db:
            break
        # the sample ceiling that brings the oversampled peak down to the target
        ceiling = 10 ** ((ceiling_db - (tp - 20 * np.log10(np.max(np.abs(audio))))) / 20)
        knee = ceiling * 0.7
        mag = np.abs(audio)
        over = mag > knee
        room = ceiling - knee
        audio = audio.copy()
        audio[over] = np.sign(audio[over]) * (knee + room * np.tanh((mag[over] - knee) / room))
    return audio


def master(pcm: np.ndarray, lufs: float, ceiling_db: float) -> np.ndarray:
    """int16 narration -> float audio at `lufs`, true peak under `ceiling_db`."""
    return limit_true_peak(normalise_loudness(pcm, lufs), ceiling_db)


def write_wav(path: Path, audio: np.ndarray) -> None:
    pcm = np.clip(np.round(audio * 32767), -32768, 32767).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(SAMPLE_RATE)
        w.writeframes(pcm.tobytes())


def ffmpeg() -> str:
    exe = shutil.which("ffmpeg")
    if exe is None:
        raise RenderError(M.FFMPEG_MISSING)
    return exe


def command(slides: list[Path], wav: Path, vtt: Path, out: Path, timeline: Timeline,
            s: VideoSettings, title: str) -> list[str]:
    """The ffmpeg argument list: each slide PNG decoded once and held (tpad), crossfaded
    (xfade) at the slide changes, BT.709 yuv420p; narration; captions as mov_text."""
    fps, fade = s.fps, s.fade_ms / 1000
    n = len(slides)
    starts, total = timeline.starts, timeline.total
    fade = min(fade, *(d / 2 for d in timeline.durations)) if n > 1 else 0.0
    args = [ffmpeg(), "-nostdin", "-hide_banner", "-loglevel", "error", "-y"]
    for png in slides:
        args += ["-framerate", str(fps), "-i", str(png)]
    args += ["-i", str(wav), "-i", str(vtt)]
    graph = []
    for k in range(n):
        # input k is shown from its xfade offset to the end of the next crossfade
        begin = 0.0 if k == 0 else starts[k] - fade / 2
        end = total if k == n - 1 else starts[k + 1] + fade / 2
        length = end - begin
        # converted to BT.709 yuv420p once per slide, not once per frame
        graph.append(f"[{k}:v]scale=out_color_matrix=bt709:out_range=tv,format=yuv420p,"
                     f"setsar=1,tpad=stop_mode=clone:"
                     f"stop_duration={length:.6f},fps={fps},trim=duration={length:.6f},"
                     f"setpts=PTS-STARTPTS[s{k}]")
    last = "s0"
    for k in range(1, n):
        graph.append(f"[{last}][s{k}]xfade=transition=fade:duration={fade:.6f}:"
                     f"offset={starts[k] - fade / 2:.6f}[x{k}]")
        last = f"x{k}"
    # A held slide is one frame: duplicates are dropped (variable frame rate), so the
    # encoder only works where the picture changes (the crossfades).
    graph.append(f"[{last}]mpdecimate=hi=1:lo=1:frac=0:max=0[v]")
    args += ["-filter_complex", ";".join(graph), "-map", "[v]", "-fps_mode", "vfr", "-map", f"{n}:a",
             "-map", f"{n + 1}:s",
             "-c:v", "libx264", "-preset", s.preset, "-crf", str(s.crf), "-tune", "stillimage",
             "-pix_fmt", "yuv420p", "-g", str(fps * 4),
             "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709",
             "-color_range", "tv",
             "-c:a", "aac", "-b:a", f"{s.audio_bitrate}k", "-ar", str(AAC_RATE), "-ac", "1",
             "-c:s", "mov_text",
             "-metadata:s:a:0", "language=kor", "-metadata:s:s:0", "language=kor",
             "-metadata:s:s:0", "handler_name=한국어 자막",
             "-metadata", f"title={title}", "-map_metadata", "-1", "-map_chapters", "-1",
             "-fflags", "+bitexact", "-t", f"{total:.6f}", "-movflags", "+faststart",
             str(out)]
    return args


def run(args: list[str], title: str) -> None:
    proc = subprocess.run(args, capture_output=True, timeout=1800, check=False)
    if proc.returncode != 0:
        reason = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RenderError(M.FFMPEG_FAILED.format(title=title,
                                                 reason=(reason[-1] if reason else
                                                         proc.returncode)))
