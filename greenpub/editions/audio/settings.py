"""The `audio:` block of site.yaml, validated (unknown keys and bad values are errors)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, StringConstraints, field_validator

from ...config import SiteConfig
from ...settings import Settings
from . import messages as M

Name = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_+.-]{1,40}$")]
_BITRATES = (32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192)


class AudioSettings(Settings):
    voice: Name = "ko"  # espeak-ng voice
    speed: Annotated[int, Field(ge=80, le=320)] = 160  # espeak-ng words per minute
    pitch: Annotated[int, Field(ge=0, le=99)] = 50  # espeak-ng 0..99
    pause_ms: Annotated[int, Field(ge=0, le=5000)] = 600  # silence between blocks
    heading_pause_ms: Annotated[int, Field(ge=0, le=5000)] = 900  # around headings and title
    article_pause_ms: Annotated[int, Field(ge=0, le=10000)] = 1500  # between articles
    loudness_lufs: Annotated[float, Field(ge=-30, le=-10)] = -16.0  # EBU R128 speech/podcast
    bitrate: int = 64  # kbit/s, mono
    gtts_lang: Name = "ko"
    gtts_tld: Name = "com"
    gtts_slow: bool = False
    gtts_timeout: Annotated[float, Field(ge=1, le=120)] = 10.0  # seconds per request
    gtts_retries: Annotated[int, Field(ge=0, le=10)] = 3  # after the first, on HTTP 429/5xx
    gtts_backoff: Annotated[float, Field(ge=0, le=30)] = 1.0  # seconds; doubled every retry

    @field_validator("bitrate")
    @classmethod
    def _bitrate(cls, value: int) -> int:
        if value not in _BITRATES:
            raise ValueError(M.BAD_SETTING.format(
                key="bitrate", value=value,
                expected="MP3 비트레이트 " + ", ".join(map(str, _BITRATES)) + " 가운데 하나"))
        return value

    def dict(self) -> dict[str, Any]:  # type: ignore[override]
        return self.model_dump()


def load_settings(site: SiteConfig) -> AudioSettings:
    settings: AudioSettings = site.settings_for("audio")
    return settings
