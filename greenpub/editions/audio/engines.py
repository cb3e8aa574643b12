"""Text-to-speech engines behind one small interface, and the TTS cache.

- `EspeakEngine`: espeak-ng (Debian), offline, the default. ~2000x real time.
- `GttsEngine`: Google Translate TTS through the gTTS package (online), with a
  timeout and exponential backoff on HTTP 429/5xx.
- `AutoEngine`: gTTS, falling back to espeak-ng *per article* (one voice per
  article) with a warning when the network fails.

Every engine returns mono 16-bit PCM at `SAMPLE_RATE`. The `Narrator` puts a
cache keyed by engine, voice, settings and normalised text in front of them, so
a rebuild never asks a voice for something it has said before.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import tempfile
import time
import wave
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from ...errors import RenderError
from ...lazy import lazy_import
from . import messages as M
from .settings import AudioSettings

if TYPE_CHECKING:
    import numpy as np
else:
    np = lazy_import("numpy")

SAMPLE_RATE = 22050  # espeak-ng's native rate; gTTS audio is resampled to it
TTS_OPTIONS = ("espeak", "gtts", "auto")


class TtsUnavailable(Exception):
    """An engine could not speak (network down, server refusing); `reason` is Korean."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class TtsEngine(ABC):
    name: ClassVar[str]

    @abstractmethod
    def identity(self) -> dict[str, Any]:
        """Everything that changes the sound of a given text (the cache key)."""

    @abstractmethod
    def synthesize(self, text: str) -> np.ndarray:
        """Speak `text`: int16 mono PCM at SAMPLE_RATE. Raises TtsUnavailable."""

    def chain(self) -> list[TtsEngine]:
        """Engines to try, in order, for one article (AutoEngine: gTTS then espeak-ng)."""
        return [self]


class EspeakEngine(TtsEngine):
    name = "espeak"

    def __init__(self, voice: str = "ko", speed: int = 160, pitch: int = 50):
        self.voice, self.speed, self.pitch = voice, speed, pitch

    def identity(self) -> dict[str, Any]:
        return {"voice": self.voice, "speed": self.speed, "pitch": self.pitch}

    def synthesize(self, text: str) -> np.ndarray:
        exe = shutil.which("espeak-ng")
        if exe is None:
            raise RenderError(M.ESPEAK_MISSING)
        # text on stdin: a segment starting with '-' must not be read as an option
        proc = subprocess.run(
            [exe, "-v", self.voice, "-s", str(self.speed), "-p", str(self.pitch),
             "--stdin", "--stdout"],
            input=text.encode("utf-8"), capture_output=True, timeout=120, check=False)
        if proc.returncode != 0 or not proc.stdout.startswith(b"RIFF"):
            raise RenderError(M.ESPEAK_FAILED.format(
                reason=proc.stderr.decode("utf-8", "replace").strip() or proc.returncode))
        return _wav_stream_to_pcm(proc.stdout)


def _wav_stream_to_pcm(data: bytes) -> np.ndarray:
    """PCM of a WAV written to a pipe (espeak-ng leaves the sizes unset there)."""
    with wave.open(io.BytesIO(data)) as w:
        rate, width, channels = w.getframerate(), w.getsampwidth(), w.getnchannels()
    pos = data.find(b"data", 12)
    pcm = np.frombuffer(data[pos + 8:len(data) - (len(data) - pos - 8) % 2], dtype="<i2")
    if width != 2 or channels != 1:
        raise RenderError(M.ESPEAK_FAILED.format(reason=f"{width * 8} bit, {channels} ch"))
    return _resample(pcm, rate)


def _resample(pcm: np.ndarray, rate: int) -> np.ndarray:
    if rate == SAMPLE_RATE:
        return pcm.astype(np.int16)
    from math import gcd

    from scipy.signal import resample_poly

    g = gcd(rate, SAMPLE_RATE)
    out = resample_poly(pcm.astype(np.float32), SAMPLE_RATE // g, rate // g)
    return np.clip(np.round(out), -32768, 32767).astype(np.int16)


class GttsEngine(TtsEngine):
    name = "gtts"

    def __init__(self, lang: str = "ko", tld: str = "com", slow: bool = False,
                 timeout: float = 10.0, retries: int = 3, backoff: float = 1.0,
                 sleep: Callable[[float], None] = time.sleep):
        self.lang, self.tld, self.slow = lang, tld, slow
        self.timeout, self.retries, self.backoff = timeout, retries, backoff
        self.sleep = sleep
        self.requests = 0  # HTTP attempts, for tests and the build report

    def identity(self) -> dict[str, Any]:
        return {"lang": self.lang, "tld": self.tld, "slow": self.slow}

    def synthesize(self, text: str) -> np.ndarray:
        return decode_mp3(self.fetch_mp3(text))

    def fetch_mp3(self, text: str) -> bytes:
        from gtts import gTTS, gTTSError

        attempts = 0
        while True:
            attempts += 1
            self.requests += 1
            buf = io.BytesIO()
            try:
                gTTS(text, lang=self.lang, tld=self.tld, slow=self.slow, lang_check=False,
                     timeout=self.timeout).write_to_fp(buf)
                return buf.getvalue()
            except gTTSError as exc:
                status = exc.rsp.status_code if exc.rsp is not None else None
                if status is None:  # no answer at all: the network is down, fail fast
                    raise TtsUnavailable(M.TTS_NO_CONNECTION) from None
                if status == 200:
                    raise TtsUnavailable(M.TTS_BAD_AUDIO) from None
                retryable = status == 429 or status >= 500
                if not retryable or attempts > self.retries:
                    raise TtsUnavailable(M.TTS_HTTP.format(status=status,
                                                           attempts=attempts)) from None
                wait = self.backoff * 2 ** (attempts - 1)
                retry_after = exc.rsp.headers.get("Retry-After", "")
                if retry_after.isdigit():
                    wait = max(wait, min(float(retry_after), 60.0))
                self.sleep(wait)


def decode_mp3(data: bytes) -> np.ndarray:
    """MP3 bytes -> int16 mono PCM at SAMPLE_RATE (ffmpeg, from Debian)."""
    exe = shutil.which("ffmpeg")
    if exe is None:
        raise RenderError(M.FFMPEG_MISSING)
    proc = subprocess.run(
        [exe, "-hide_banner", "-loglevel", "error", "-f", "mp3", "-i", "pipe:0",
         "-f", "s16le", "-ac", "1", "-ar", str(SAMPLE_RATE), "pipe:1"],
        input=data, capture_output=True, timeout=120, check=False)
    if proc.returncode != 0:
        raise TtsUnavailable(M.DECODE_FAILED.format(
            reason=proc.stderr.decode("utf-8", "replace").strip()[:200]))
    return np.frombuffer(proc.stdout, dtype="<i2").astype(np.int16)


class AutoEngine(TtsEngine):
    """gTTS first; espeak-ng for any article gTTS cannot finish."""

    name = "auto"

    def __init__(self, primary: TtsEngine, fallback: TtsEngine):
        self.primary, self.fallback = primary, fallback

    def identity(self) -> dict[str, Any]:
        return {"primary": self.primary.identity(), "fallback": self.fallback.identity()}

    def synthesize(self, text: str) -> np.ndarray:
        try:
            return self.primary.synthesize(text)
        except TtsUnavailable:
            return self.fallback.synthesize(text)

    def chain(self) -> list[TtsEngine]:
        return [self.primary, self.fallback]


def make_engine(option: str, settings: AudioSettings) -> TtsEngine:
    """The engine for `--tts espeak|gtts|auto`."""
    espeak = EspeakEngine(settings.voice, settings.speed, settings.pitch)
    if option == "espeak":
        return espeak
    gtts = GttsEngine(settings.gtts_lang, settings.gtts_tld, settings.gtts_slow,
                      settings.gtts_timeout, settings.gtts_retries, settings.gtts_backoff)
    if option == "gtts":
        return gtts
    if option == "auto":
        return AutoEngine(gtts, espeak)
    raise RenderError(M.BAD_TTS_OPTION.format(value=option))


class TtsCache:
    """Spoken segments on disk, one WAV per (engine, identity, text); kept between builds."""

    def __init__(self, folder: Path):
        self.folder = folder

    def key(self, engine: TtsEngine, text: str) -> str:
        blob = json.dumps([engine.name, engine.identity(), SAMPLE_RATE, text],
                          ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.wav"

    def get(self, key: str) -> np.ndarray | None:
        path = self._path(key)
        try:
            with wave.open(str(path)) as w:
                return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.int16)
        except (OSError, EOFError, wave.Error):
            return None

    def put(self, key: str, pcm: np.ndarray) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tts-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f, wave.open(f, "wb") as w:
                w.setnchannels(1)
                w.setsampwidth(2)
                w.setframerate(SAMPLE_RATE)
                w.writeframes(pcm.astype("<i2").tobytes())
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)


class Narrator:
    """Speaks one article's segments with one engine of the chain, through the cache."""

    def __init__(self, engine: TtsEngine, cache: TtsCache, counters: Counter[str],
                 warn: Callable[[str], None]):
        self.engine, self.cache, self.counters, self.warn = engine, cache, counters, warn
        self.down: dict[str, str] = {}  # engine name -> why it failed earlier in this build

    def narrate(self, texts: list[str], label: str) -> tuple[list[np.ndarray], str]:
        """PCM for each text and the name of the engine that spoke them all (one voice
        per article: when an engine fails midway, the next one says the whole article)."""
        chain = self.engine.chain()
        for i, eng in enumerate(chain):
            last = i == len(chain) - 1
            try:
                cache_only = eng.name in self.down and not last
                return [self._one(eng, t, cache_only) for t in texts], eng.name
            except TtsUnavailable as exc:
                reason = self.down.get(eng.name, exc.reason)
                if last:
                    raise RenderError(M.TTS_UNAVAILABLE.format(reason=reason)) from None
                self.down[eng.name] = reason
                self.counters["tts_fallbacks"] += 1
                self.warn(M.TTS_FALLBACK.format(label=label, reason=reason))
        raise AssertionError("unreachable")

    def _one(self, engine: TtsEngine, text: str, cache_only: bool) -> np.ndarray:
        key = self.cache.key(engine, text)
        pcm = self.cache.get(key)
        if pcm is not None:
            self.counters["tts_cache_hits"] += 1
            return pcm
        if cache_only:
            raise TtsUnavailable("")  # the reason was recorded when the engine failed
        self.counters["tts_calls"] += 1
        pcm = engine.synthesize(text)
        self.cache.put(key, pcm)
        return pcm
