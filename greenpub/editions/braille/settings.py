"""The `braille:` block of site.yaml, validated.

    braille:
      cells_per_line: 40   # cells per braille line (embosser paper width)
      lines_per_page: 25   # lines per braille page, the page-number line included
      engine: braillify    # braillify | liblouis; the build option --braille-engine wins
      agency: 인천광역시 서구 점자도서관   # transcribing agency, on every title page
      volume_pages: 80     # split into volumes of about this many pages, between articles
                           # (0: one volume)
      interpoint: false    # double-sided: volumes start on odd pages, PEF duplex
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, field_validator

from ...config import SiteConfig
from ...settings import Settings
from . import messages as M

VOLUME_RANGE = (0, 999)
CELLS_RANGE = (20, 60)
LINES_RANGE = (10, 40)
ENGINE_NAMES = ("braillify", "liblouis")  # engines.ENGINES, without importing the engines


class BrailleSettings(Settings):
    cells_per_line: Annotated[int, Field(ge=CELLS_RANGE[0], le=CELLS_RANGE[1])] = 40
    lines_per_page: Annotated[int, Field(ge=LINES_RANGE[0], le=LINES_RANGE[1])] = 25
    engine: str | None = None  # None: the measured default
    agency: str = ""
    volume_pages: Annotated[int, Field(ge=VOLUME_RANGE[0], le=VOLUME_RANGE[1])] = 0
    interpoint: bool = False

    @field_validator("agency")
    @classmethod
    def _agency(cls, value: str) -> str:
        return value.strip()

    @field_validator("volume_pages")
    @classmethod
    def _volume_pages(cls, value: int) -> int:
        if 0 < value < 10:
            raise ValueError(M.BAD_SETTING.format(
                key="volume_pages", value=value,
                expected=M.EXPECT_INT.format(low=10, high=VOLUME_RANGE[1]) + " (0: 나누지 않음)"))
        return value

    @field_validator("engine")
    @classmethod
    def _engine(cls, value: str | None) -> str | None:
        if value is not None and value not in ENGINE_NAMES:
            raise ValueError(M.BAD_SETTING.format(
                key="engine", value=value,
                expected=M.EXPECT_ENGINE.format(known=", ".join(ENGINE_NAMES))))
        return value

    @classmethod
    def from_site(cls, site: SiteConfig) -> BrailleSettings:
        settings: BrailleSettings = site.settings_for("braille")
        return settings

    @classmethod
    def from_mapping(cls, data: dict[str, Any], file: Any = None) -> BrailleSettings:
        return cls.model_validate(data)
