"""PCM -> loudness-normalised mono MP3 (lameenc), ID3v2.4 tags and chapters (mutagen)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import lameenc
from mutagen.id3 import (
    APIC,
    CHAP,
    COMM,
    CTOC,
    ID3,
    TALB,
    TCON,
    TDRC,
    TIT2,
    TLAN,
    TPE1,
    TRCK,
    TXXX,
    CTOCFlags,
)

from ...lazy import lazy_import
from .engines import SAMPLE_RATE

if TYPE_CHECKING:
    import numpy as np
else:
    np = lazy_import("numpy")

# Sample peaks are bent under -2.5 dBFS before encoding: MP3 coding and the samples
# between samples add up to ~1.5 dB, and the decoded file must stay at or under
# TRUE_PEAK_DBTP (EBU R128 / podcast platforms ask for -1 dBTP).
CEILING = 10 ** (-2.5 / 20)
TRUE_PEAK_DBTP = -1.0
# lameenc's LAME scales its input by 0.95 (measured: a 1 kHz sine at 0.2 decodes at
# 0.190, -0.45 dB); undone before encoding so the MP3 lands on the loudness target.
ENCODER_GAIN = 0.95
_KNEE = 0.6


def silence(ms: int) -> np.ndarray:
    return np.zeros(int(SAMPLE_RATE * ms / 1000), dtype=np.int16)


def join(parts: list[np.ndarray], pauses_ms: list[int]) -> np.ndarray:
    """Segments with the silence that follows each one."""
    out: list[np.ndarray] = []
    for pcm, pause in zip(parts, pauses_ms, strict=True):
        out.append(pcm.astype(np.int16))
        out.append(silence(pause))
    return np.concatenate(out) if out else np.zeros(0, dtype=np.int16)


def _soft_limit(x: np.ndarray) -> np.ndarray:
    """Bend the rare peaks above the knee under the ceiling (speech stays untouched)."""
    mag = np.abs(x)
    over = mag > _KNEE
    if not over.any():
        return x
    room = CEILING - _KNEE
    y = x.copy()
    y[over] = np.sign(x[over]) * (_KNEE + room * np.tanh((mag[over] - _KNEE) / room))
    return y


def loudness(audio: np.ndarray) -> float:
    """Integrated loudness (LUFS, ITU-R BS.1770) of float audio in [-1, 1]."""
    # Imported here: pyloudnorm pulls in SciPy (~0.7 s), which a rebuild whose MP3s
    # all come from the cache should not pay.
    import pyloudnorm

    return float(pyloudnorm.Meter(SAMPLE_RATE).integrated_loudness(audio))


def normalise_loudness(pcm: np.ndarray, target_lufs: float) -> np.ndarray:
    """int16 PCM -> float audio at `target_lufs`, peaks limited to -1 dBFS."""
    audio = pcm.astype(np.float64) / 32768.0
    if len(audio) < SAMPLE_RATE // 2 or not np.any(audio):
        return audio  # too short to measure (BS.1770 gates 400 ms blocks)
    # Two measurements: gain and limit, measure what the limiter took, correct once more
    # (the second limiting pass touches a few peaks only: measured error < 0.1 LU).
    for _ in range(2):
        now = loudness(audio)
        if not np.isfinite(now) or abs(now - target_lufs) < 0.05:
            break
        audio = _soft_limit(audio * 10 ** ((target_lufs - now) / 20))
    return audio


def quiet_frames(audio: np.ndarray, threshold_db: float = -50.0) -> np.ndarray:
    """Per 10 ms frame: is it quieter than `threshold_db` (what a listener hears as silence)."""
    frame = SAMPLE_RATE // 100
    usable = audio[: len(audio) // frame * frame].astype(np.float64)
    rms = np.sqrt(np.mean(usable.reshape(-1, frame) ** 2, axis=1))
    return np.asarray(rms < 10 ** (threshold_db / 20))


def pause_lengths(audio: np.ndarray, threshold_db: float = -50.0,
                  min_ms: int = 250) -> list[int]:
    """Lengths (ms) of the quiet stretches, in order; used to check the spoken result the
    way a resident hears it (tests, benchmark)."""
    runs, run = [], 0
    for quiet in [*quiet_frames(audio, threshold_db), False]:
        if quiet:
            run += 1
        elif run:
            runs.append(run * 10)
            run = 0
    return [r for r in runs if r >= min_ms]


def encode_mp3(audio: np.ndarray, bitrate: int) -> bytes:
    """Float mono audio -> MP3 bytes (speech settings: mono, low bit rate, good quality)."""
    enc = lameenc.Encoder()
    enc.set_bit_rate(bitrate)
    enc.set_in_sample_rate(SAMPLE_RATE)
    enc.set_channels(1)
    enc.set_quality(5)  # LAME's "good" preset; 2 costs twice the time, inaudible on speech
    pcm = np.clip(np.round(audio / ENCODER_GAIN * 32767), -32768, 32767).astype("<i2")
    return bytes(enc.encode(pcm.tobytes()) + enc.flush())


def true_peak_db(audio: np.ndarray) -> float:
    """True peak (dBTP) of float audio: the highest value between samples, found by 4x
    oversampling as ITU-R BS.1770-4 annex 2 describes. Only the 1024-sample blocks whose
    sample peak is within 3 dB of the loudest are oversampled (inter-sample peaks exceed
    sample peaks by well under 3 dB), with 32 samples of context on each side."""
    from scipy.signal import resample_poly

    x = np.asarray(audio, dtype=np.float64)
    if not len(x) or not np.any(x):
        return float("-inf")
    block, pad = 1024, 32
    n = -(-len(x) // block)
    padded = np.zeros(n * block)
    padded[:len(x)] = np.abs(x)
    peaks = padded.reshape(n, block).max(axis=1)
    windows, keep = [], []
    for b in (int(v) for v in np.flatnonzero(peaks >= peaks.max() * 10 ** (-3 / 20))):
        lo, hi = b * block, min(len(x), (b + 1) * block)
        win = np.zeros(hi - lo + 2 * pad)
        src_lo, src_hi = max(0, lo - pad), min(len(x), hi + pad)
        win[src_lo - (lo - pad):len(win) - ((hi + pad) - src_hi)] = x[src_lo:src_hi]
        windows.append(win)
        mask = np.zeros(4 * len(win), dtype=bool)
        mask[4 * pad:4 * (len(win) - pad)] = True  # the block itself, not its context
        keep.append(mask)
    # one filter run over all windows; each window's context absorbs the filter's edges
    up = resample_poly(np.concatenate(windows), 4, 1)
    peak = float(np.max(np.abs(up[np.concatenate(keep)])))
    return 20 * np.log10(peak)


def encode_mp3_limited(audio: np.ndarray, bitrate: int,
                       ceiling_dbtp: float = TRUE_PEAK_DBTP) -> bytes:
    """encode_mp3, then decode and measure as a player would: when the decoded true
    peak is above the ceiling, the audio is turned down by the excess and encoded again."""
    from .engines import decode_mp3

    frames = encode_mp3(audio, bitrate)
    if len(audio) < SAMPLE_RATE // 10:
        return frames
    for _ in range(2):
        decoded = decode_mp3(frames).astype(np.float64) / 32768.0
        over = true_peak_db(decoded) - ceiling_dbtp
        if over <= -0.05:
            break
        audio = audio * 10 ** (-(over + 0.2) / 20)
        frames = encode_mp3(audio, bitrate)
    return frames


def seconds(samples: int) -> float:
    return round(samples / SAMPLE_RATE, 3)


def timestamp(secs: float) -> str:
    """hh:mm:ss.mmm, as podcast chapters (Podlove npt) and WebVTT cues both write it."""
    ms = round(secs * 1000)
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


# MPEG audio frame header tables (ISO 11172-3 / 13818-3), Layer III only.
_BITRATES = {1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
             2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160]}
_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


def strip_id3(data: bytes) -> bytes:
    """The MPEG frames of an MP3 file, without its leading ID3v2 tag."""
    if data[:3] == b"ID3":
        size = 10 + ((data[6] & 0x7F) << 21 | (data[7] & 0x7F) << 14
                     | (data[8] & 0x7F) << 7 | data[9] & 0x7F)
        if data[5] & 0x10:  # footer present
            size += 10
        return data[size:]
    return data


def frame_samples(frames: bytes) -> int:
    """Samples per channel in a run of Layer III frames (to place chapters exactly)."""
    pos = total = 0
    while pos + 4 <= len(frames):
        h = int.from_bytes(frames[pos:pos + 4], "big")
        version = (h >> 19) & 3
        if h >> 21 != 0x7FF or version == 1 or (h >> 17) & 3 != 1:
            raise ValueError(f"not an MPEG Layer III frame at byte {pos}")
        lsf = version != 3
        bitrate = _BITRATES[2 if lsf else 1][(h >> 12) & 15] * 1000
        rate = _RATES[version][(h >> 10) & 3]
        pos += (72 if lsf else 144) * bitrate // rate + ((h >> 9) & 1)
        total += 576 if lsf else 1152
    return total


@dataclass(frozen=True)
class Tags:
    title: str
    album: str
    publisher: str
    track: str
    date: str  # ISO date
    cover_jpeg: bytes | None = None
    description: str = ""  # what the file holds (COMM)
    narrator: str = ""  # credit for the synthetic voice (COMM, TXXX:NARRATOR)


@dataclass(frozen=True)
class Chapter:
    element_id: str
    title: str
    start_ms: int
    end_ms: int


def cover_jpeg(path: Path, size: int = 600) -> bytes:
    """The issue cover as a small JPEG for APIC (players show ~300 px)."""
    from PIL import Image

    with Image.open(path) as opened:
        im = opened.convert("RGB")
        im.thumbnail((size, size))
        buf = io.BytesIO()
        im.save(buf, "JPEG", quality=85, optimize=True)
        return buf.getvalue()


class _ChapterOrderID3(ID3):
    """ID3 that writes CTOC and CHAP frames last, in chapter order.

    mutagen sorts frames by size, which scrambles chapters; players that ignore
    CTOC (FFmpeg 5.1 and everything built on it) list chapters in file order."""

    def _write(self, config):  # type: ignore[no-untyped-def]
        from mutagen.id3._tags import save_frame  # mutagen 1.47: the per-frame writer

        chapters = [f for f in self.values() if f.FrameID in ("CTOC", "CHAP")]
        for f in chapters:
            del self[f.HashKey]
        try:
            data = super()._write(config)
            for f in chapters:
                data += save_frame(f, config=config)
        finally:
            for f in chapters:
                self.add(f)
        return data


def write_tags(path: Path, tags: Tags, chapters: list[Chapter] | None = None) -> None:
    """ID3v2.4: TIT2, TALB, TPE1, TRCK, TDRC, TLAN=kor, COMM (description and the
    synthetic voice's credit), TXXX:NARRATOR, APIC; CHAP + CTOC when given."""
    id3 = _ChapterOrderID3()
    id3.add(TIT2(encoding=3, text=tags.title))
    id3.add(TALB(encoding=3, text=tags.album))
    id3.add(TPE1(encoding=3, text=tags.publisher))
    id3.add(TRCK(encoding=3, text=tags.track))
    id3.add(TDRC(encoding=3, text=tags.date))
    id3.add(TLAN(encoding=3, text="kor"))
    id3.add(TCON(encoding=3, text="Speech"))
    comment = " ".join(t for t in (tags.description, tags.narrator) if t)
    if comment:
        id3.add(COMM(encoding=3, lang="kor", desc="", text=comment))
    if tags.narrator:
        id3.add(TXXX(encoding=3, desc="NARRATOR", text=tags.narrator))
    if tags.cover_jpeg:
        id3.add(APIC(encoding=3, mime="image/jpeg", type=3, desc="표지", data=tags.cover_jpeg))
    if chapters:
        id3.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                     child_element_ids=[c.element_id for c in chapters],
                     sub_frames=[TIT2(encoding=3, text=tags.album)]))
        for c in chapters:
            id3.add(CHAP(element_id=c.element_id, start_time=c.start_ms, end_time=c.end_ms,
                         sub_frames=[TIT2(encoding=3, text=c.title)]))
    id3.save(str(path), v2_version=4)
