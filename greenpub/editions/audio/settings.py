"""The `audio:` block of site.yaml, validated (unknown keys and bad values are errors)."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields
from typing import Any

from ...config import SiteConfig
from ...errors import ConfigError
from . import messages as M


@dataclass(frozen=True)
class AudioSettings:
    voice: str = "ko"  # espeak-ng voice
    speed: int = 160  # espeak-ng words per minute (175 is its default; elderly listeners)
    pitch: int = 50  # espeak-ng 0..99
    pause_ms: int = 600  # silence between blocks
    heading_pause_ms: int = 900  # silence around headings and the title
    article_pause_ms: int = 1500  # silence between articles in the whole-issue file
    loudness_lufs: float = -16.0  # integrated loudness target (EBU R128 speech/podcast)
    bitrate: int = 64  # kbit/s, mono
    gtts_lang: str = "ko"
    gtts_tld: str = "com"
    gtts_slow: bool = False
    gtts_timeout: float = 10.0  # seconds per request
    gtts_retries: int = 3  # after the first attempt, on HTTP 429/5xx
    gtts_backoff: float = 1.0  # seconds; doubled after every retry

    def dict(self) -> dict[str, Any]:
        return asdict(self)


_RANGES: dict[str, tuple[float, float]] = {
    "speed": (80, 320), "pitch": (0, 99), "pause_ms": (0, 5000), "heading_pause_ms": (0, 5000),
    "article_pause_ms": (0, 10000), "loudness_lufs": (-30, -10), "bitrate": (32, 192),
    "gtts_timeout": (1, 120), "gtts_retries": (0, 10), "gtts_backoff": (0, 30),
}
_BITRATES = (32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192)


def load_settings(site: SiteConfig) -> AudioSettings:
    raw = site.section("audio")
    known = {f.name: f for f in fields(AudioSettings)}
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in known:
            raise ConfigError(M.UNKNOWN_SETTING.format(key=key, known=", ".join(known)),
                              site.path)
        default = getattr(AudioSettings, key)
        values[key] = _check(key, value, default, site)
    return AudioSettings(**values)


def _check(key: str, value: Any, default: Any, site: SiteConfig) -> Any:
    def bad(expected: str) -> ConfigError:
        return ConfigError(M.BAD_SETTING.format(key=key, value=value, expected=expected),
                           site.path)

    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise bad("true 또는 false")
        return value
    if isinstance(default, (int, float)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) \
                or isinstance(default, int) and not float(value).is_integer():
            raise bad("정수" if isinstance(default, int) else "숫자")
        lo, hi = _RANGES[key]
        if not lo <= value <= hi:
            raise bad(f"{lo:g}~{hi:g} 사이의 값")
        if key == "bitrate" and value not in _BITRATES:
            raise bad("MP3 비트레이트 " + ", ".join(map(str, _BITRATES)) + " 가운데 하나")
        return type(default)(value)
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z0-9_+.-]{1,40}", value):
        raise bad("영문 이름(예: ko)")
    return value
