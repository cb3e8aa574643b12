"""The `video:` block of site.yaml, a typed model checked with the rest of the file."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from ...config import SiteConfig
from ...settings import Settings

PRESETS = ("ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow")


class VideoSettings(Settings):
    fps: Annotated[int, Field(ge=5, le=60)] = 25
    # x264 speed/size trade-off
    preset: Literal["ultrafast", "superfast", "veryfast", "faster", "fast", "medium",
                    "slow"] = "veryfast"
    crf: Annotated[int, Field(ge=0, le=51)] = 20  # x264 quality (lower = better, larger)
    audio_bitrate: Annotated[int, Field(ge=32, le=256)] = 96  # kbit/s AAC, mono
    fade_ms: Annotated[int, Field(ge=0, le=2000)] = 300  # crossfade between slides
    lead_ms: Annotated[int, Field(ge=0, le=3000)] = 400  # silence before the narration
    tail_ms: Annotated[int, Field(ge=0, le=3000)] = 600  # silence after the narration
    # ceiling before AAC (the file must stay at or under -1 dBTP)
    true_peak_db: Annotated[float, Field(ge=-6, le=-1)] = -1.5
    highlight_max_s: Annotated[int, Field(ge=10, le=600)] = 90  # the issue highlight video
    background: str = "green"  # theme colour behind the slide in the vertical video
    vertical: bool = True  # also make the 1080x1920 video

    def dict(self) -> dict[str, Any]:  # type: ignore[override]
        return self.model_dump()


def load_settings(site: SiteConfig) -> VideoSettings:
    settings: VideoSettings = site.settings_for("video")
    return settings
