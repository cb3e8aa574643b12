"""The `video:` block of site.yaml, validated (unknown keys and bad values are errors)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

from ...config import SiteConfig
from ...errors import ConfigError
from . import messages as M

PRESETS = ("ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow")


@dataclass(frozen=True)
class VideoSettings:
    fps: int = 25
    preset: str = "veryfast"  # x264 speed/size trade-off
    crf: int = 20  # x264 quality (lower = better, larger)
    audio_bitrate: int = 96  # kbit/s AAC, mono
    fade_ms: int = 300  # crossfade between slides
    lead_ms: int = 400  # silence on a slide before its narration
    tail_ms: int = 600  # silence on a slide after its narration
    true_peak_db: float = -1.5  # ceiling before AAC (the file must stay at or under -1 dBTP)
    highlight_max_s: int = 90  # the issue highlight video
    background: str = "green"  # theme colour behind the slide in the vertical video
    vertical: bool = True  # also make the 1080x1920 video

    def dict(self) -> dict[str, Any]:
        return asdict(self)


_RANGES: dict[str, tuple[float, float]] = {
    "fps": (5, 60), "crf": (0, 51), "audio_bitrate": (32, 256), "fade_ms": (0, 2000),
    "lead_ms": (0, 3000), "tail_ms": (0, 3000), "true_peak_db": (-6, -1),
    "highlight_max_s": (10, 600),
}


def load_settings(site: SiteConfig) -> VideoSettings:
    raw = site.section("video")
    known = {f.name for f in fields(VideoSettings)}
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in known:
            raise ConfigError(M.SETTINGS_UNKNOWN.format(key=key, known=", ".join(sorted(known))),
                              site.path)
        default = getattr(VideoSettings, key)

        def bad(expected: str, key: str = key, value: Any = value) -> ConfigError:
            return ConfigError(M.SETTINGS_BAD.format(key=key, value=value, expected=expected),
                               site.path)

        if isinstance(default, bool):
            if not isinstance(value, bool):
                raise bad("true 또는 false")
        elif isinstance(default, (int, float)):
            if isinstance(value, bool) or not isinstance(value, (int, float)) or (
                    isinstance(default, int) and not float(value).is_integer()):
                raise bad("정수" if isinstance(default, int) else "숫자")
            lo, hi = _RANGES[key]
            if not lo <= value <= hi:
                raise bad(f"{lo:g}~{hi:g} 사이의 값")
            value = type(default)(value)
        elif key == "preset":
            if value not in PRESETS:
                raise bad(", ".join(PRESETS) + " 가운데 하나")
        elif not isinstance(value, str):
            raise bad("문자열")
        values[key] = value
    return VideoSettings(**values)
