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

from dataclasses import dataclass
from typing import Any

from ...config import SiteConfig
from ...errors import ConfigError
from . import messages as M
from .engines import ENGINES

KEYS = ("cells_per_line", "lines_per_page", "engine", "agency", "volume_pages", "interpoint")
VOLUME_RANGE = (0, 999)
CELLS_RANGE = (20, 60)
LINES_RANGE = (10, 40)


@dataclass(frozen=True)
class BrailleSettings:
    cells_per_line: int = 40
    lines_per_page: int = 25
    engine: str | None = None  # None: the measured default
    agency: str = ""
    volume_pages: int = 0
    interpoint: bool = False

    @classmethod
    def from_site(cls, site: SiteConfig) -> BrailleSettings:
        return cls.from_mapping(site.section("braille"), site.path)

    @classmethod
    def from_mapping(cls, data: dict[str, Any], file: Any = None) -> BrailleSettings:
        for key in data:
            if key not in KEYS:
                raise ConfigError(M.UNKNOWN_SETTING.format(key=key, known=", ".join(KEYS)), file)

        def number(key: str, default: int, low: int, high: int) -> int:
            value = data.get(key, default)
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                raise ConfigError(M.BAD_SETTING.format(
                    key=key, value=value, expected=M.EXPECT_INT.format(low=low, high=high)), file)
            return value

        engine = data.get("engine")
        if engine is not None and engine not in ENGINES:
            raise ConfigError(M.BAD_SETTING.format(
                key="engine", value=engine,
                expected=M.EXPECT_ENGINE.format(known=", ".join(ENGINES))), file)
        agency = data.get("agency", "")
        if not isinstance(agency, str):
            raise ConfigError(M.BAD_SETTING.format(key="agency", value=agency,
                                                   expected=M.EXPECT_TEXT), file)
        interpoint = data.get("interpoint", False)
        if not isinstance(interpoint, bool):
            raise ConfigError(M.BAD_SETTING.format(key="interpoint", value=interpoint,
                                                   expected=M.EXPECT_BOOL), file)
        volume_pages = number("volume_pages", cls.volume_pages, *VOLUME_RANGE)
        lines = number("lines_per_page", cls.lines_per_page, *LINES_RANGE)
        if 0 < volume_pages < 10:
            raise ConfigError(M.BAD_SETTING.format(
                key="volume_pages", value=volume_pages,
                expected=M.EXPECT_INT.format(low=10, high=VOLUME_RANGE[1]) + " (0: 나누지 않음)"),
                file)
        return cls(number("cells_per_line", cls.cells_per_line, *CELLS_RANGE), lines,
                   engine, agency.strip(), volume_pages, interpoint)
