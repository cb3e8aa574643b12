"""The `braille:` block of site.yaml, validated.

    braille:
      cells_per_line: 40   # cells per braille line (embosser paper width)
      lines_per_page: 25   # lines per braille page, the page-number line included
      engine: braillify    # braillify | liblouis; the build option --braille-engine wins
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, field_validator

from ...config import SiteConfig
from ...settings import Settings
from . import messages as M

CELLS_RANGE = (20, 60)
LINES_RANGE = (10, 40)
ENGINE_NAMES = ("braillify", "liblouis")  # engines.ENGINES, without importing the engines


class BrailleSettings(Settings):
    cells_per_line: Annotated[int, Field(ge=CELLS_RANGE[0], le=CELLS_RANGE[1])] = 40
    lines_per_page: Annotated[int, Field(ge=LINES_RANGE[0], le=LINES_RANGE[1])] = 25
    engine: str | None = None  # None: the measured default

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
