"""Slides + soundtrack -> MP4 (H.264 yuv420p, AAC, mov_text captions, faststart) with
Debian's ffmpeg, called with argument lists (no shell). Loudness uses the audiobook's
normaliser (BS.1770 integrated loudness) and a true-peak limiter measured at 4x.
"""

from __future__ import annotations

import shutil
import subprocess
import wave
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image

from ...errors import RenderError
from ...lazy import lazy_import
from ..audio.encode import normalise_loudness
from ..audio.engines import SAMPLE_RATE
from . import messages as M
from .settings import VideoSettings
from .timeline import Timeline

if TYPE_CHECKING:
    import numpy as np
else:
    np = lazy_import("numpy")

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


def fade_frames(fps: int, fade_ms: int, durations: tuple[float, ...]) -> int:
    """Frames of each crossfade: an even number (centred on the slide change), at least
    two, and short enough to leave every slide a frame of its own."""
    m = max(2, 2 * round(fade_ms / 1000 * fps / 2))
    shortest = min(round(d * fps) for d in durations)
    while m > 2 and m + 1 > shortest:
        m -= 2
    return m


def crossfade(a: Image.Image, b: Image.Image, m: int) -> list[Image.Image]:
    """The m frames between slide a and slide b (linear fade, centred on the change: the
    first half is nearer a, the second nearer b)."""
    return [Image.blend(a, b, (j + 0.5) / m) for j in range(m)]


def concat_list(slides: list[Path], fades: list[list[Path]], m: int, timeline: Timeline,
                fps: int) -> str:
    """An ffconcat script: each slide held for its time (a frame every half second),
    each crossfade frame for one frame time; the last slide is listed again for one
    frame so the video lasts to the end (the concat demuxer ignores the last entry's
    duration)."""
    frames = [round(d * fps) for d in timeline.durations]
    n = len(slides)
    lines = ["ffconcat version 1.0"]

    step = max(1, fps // 2)  # a held slide repeats every half second (seeking, players)

    def entry(path: Path, count: int) -> None:
        while count > 0:
            lines.append(f"file '{path.as_posix()}'")
            lines.append(f"duration {min(count, step) / fps:.6f}")
            count -= step

    for k in range(n):
        hold = frames[k] - (m // 2 if k > 0 else 0) - (m // 2 if k < n - 1 else 0)
        entry(slides[k], hold - 1 if k == n - 1 else hold)
        if k < n - 1:
            for frame in fades[k]:
                entry(frame, 1)
    entry(slides[-1], 1)
    lines.append(f"file '{slides[-1].as_posix()}'")
    return "\n".join(lines) + "\n"


def command(script: Path, wav: Path, vtt: Path, out: Path, timeline: Timeline,
            s: VideoSettings, title: str) -> list[str]:
    """The ffmpeg argument list: the slides and crossfade frames from an ffconcat script
    (variable frame rate: a held slide is one frame, so the encoder works only where
    the picture changes), BT.709 yuv420p; narration as AAC; captions as a mov_text
    track; the index first (faststart)."""
    return [ffmpeg(), "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
            "-f", "concat", "-safe", "0", "-i", str(script), "-i", str(wav), "-i", str(vtt),
            "-map", "0:v", "-map", "1:a", "-map", "2:s",
            "-vf", "scale=out_color_matrix=bt709:out_range=tv,format=yuv420p,setsar=1",
            "-fps_mode", "vfr", "-video_track_timescale", str(s.fps * 1000),
            "-c:v", "libx264", "-preset", s.preset, "-crf", str(s.crf), "-tune", "stillimage",
            "-pix_fmt", "yuv420p", "-force_key_frames", "expr:gte(t,n_forced*2)",
            "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709",
            "-color_range", "tv",
            "-c:a", "aac", "-b:a", f"{s.audio_bitrate}k", "-ar", str(AAC_RATE), "-ac", "1",
            "-c:s", "mov_text",
            "-metadata:s:a:0", "language=kor", "-metadata:s:s:0", "language=kor",
            "-metadata:s:s:0", "handler_name=한국어 자막",
            "-map_metadata", "-1", "-map_chapters", "-1", "-metadata", f"title={title}",
            "-fflags", "+bitexact", "-t", f"{timeline.total:.6f}", "-movflags", "+faststart",
            str(out)]


def run(args: list[str], title: str) -> None:
    proc = subprocess.run(args, capture_output=True, timeout=1800, check=False)
    if proc.returncode != 0:
        reason = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RenderError(M.FFMPEG_FAILED.format(title=title,
                                                 reason=(reason[-1] if reason else
                                                         proc.returncode)))
