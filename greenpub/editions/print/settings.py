"""The `print:` block of site.yaml, validated into typed settings.

```yaml
print:
  page_size: A4            # A3 A4 A5 B4 B5 letter, or "182mm 257mm"
  margins: 20mm 16mm 22mm  # CSS shorthand: 1 to 4 lengths
  columns: 2               # body text columns of the standard edition (1-3)
  image_dpi: 300           # images are downsampled to this resolution
  jpeg_quality: 85
  large_font_size: 18      # body size of the large-print PDF in pt (>= 18)
  article_break: auto      # page: every article starts a page; auto: an article whose
                           # last page is under a third full shares it with the next one
  pad_to: 4                # press PDF: blank pages before the back cover up to a multiple
  ink_limit: 300           # press PDF: highest total ink coverage (%) the preflight accepts
  fonts:                   # font stacks (fontconfig family names), first wins
    body: [NanumMyeongjo, Noto Serif CJK KR]
    heading: [NanumSquare, Noto Sans CJK KR]
    sans: [NanumBarunGothic, Noto Sans CJK KR]
    large: [NanumBarunGothic, Noto Sans CJK KR]
```
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator

from ...config import SiteConfig
from ...settings import Settings
from . import messages as M
from .fonts import installed_families

PAGE_SIZES = {"a3", "a4", "a5", "b4", "b5", "letter", "legal"}
_LENGTH = r"\d+(\.\d+)?(mm|cm|in|pt|px)"
_SIZE = re.compile(rf"^{_LENGTH}\s+{_LENGTH}$")
_MARGINS = re.compile(rf"^{_LENGTH}(\s+{_LENGTH}){{0,3}}$")
_FAMILY = re.compile(r"^[\w가-힣 .\-]+$")

# Symbols (☎, ※, arrows) that Korean fonts lack are drawn by DejaVu, installed with fontconfig.
DEFAULT_FONTS: dict[str, list[str]] = {
    "body": ["NanumMyeongjo", "Noto Serif CJK KR", "DejaVu Serif"],
    "heading": ["NanumSquare", "Noto Sans CJK KR", "DejaVu Sans"],
    "sans": ["NanumBarunGothic", "Noto Sans CJK KR", "DejaVu Sans"],
    "large": ["NanumBarunGothic", "Noto Sans CJK KR", "DejaVu Sans"],
}
PAD_TO = (1, 2, 4, 8, 16)  # saddle stitching needs 4; some vendors impose 8 or 16


class PrintSettings(Settings):
    page_size: str = "A4"
    margins: str = "20mm 16mm 22mm"
    columns: Annotated[int, Field(ge=1, le=3)] = 2
    image_dpi: Annotated[int, Field(ge=72, le=1200)] = 300
    jpeg_quality: Annotated[int, Field(ge=30, le=100)] = 85
    large_font_size: Annotated[float, Field(ge=18, le=40)] = 18.0
    fonts: dict[str, list[str]] = Field(default_factory=lambda: dict(DEFAULT_FONTS))
    pad_to: Literal[1, 2, 4, 8, 16] = 4  # page count padded to a multiple of this
    ink_limit: Annotated[int, Field(ge=200, le=400)] = 300  # total area coverage, %
    article_break: Literal["page", "auto"] = "auto"  # auto: short articles share a page

    @field_validator("page_size")
    @classmethod
    def _page_size(cls, value: str) -> str:
        value = value.strip()
        if value.lower() not in PAGE_SIZES and not _SIZE.match(value):
            raise ValueError(M.BAD_SETTING.format(key="{field}", expected=M.EXPECT_PAGE_SIZE,
                                                  value=value))
        return value

    @field_validator("margins")
    @classmethod
    def _margins(cls, value: str) -> str:
        value = value.strip()
        if not _MARGINS.match(value):
            raise ValueError(M.BAD_SETTING.format(key="{field}", expected=M.EXPECT_MARGINS,
                                                  value=value))
        return value

    @field_validator("fonts", mode="before")
    @classmethod
    def _fonts(cls, given: Any) -> Any:
        if not isinstance(given, dict):
            return given
        fonts = {role: list(stack) for role, stack in DEFAULT_FONTS.items()}
        for role, stack in given.items():
            if role not in DEFAULT_FONTS:
                raise ValueError(M.UNKNOWN_SETTING.format(
                    key=f"print.fonts.{role}", known=", ".join(DEFAULT_FONTS)))
            if isinstance(stack, str):
                stack = [stack]
            if not isinstance(stack, list) or not stack or not all(
                    isinstance(f, str) and _FAMILY.match(f) for f in stack):
                raise ValueError(M.BAD_SETTING.format(key=f"print.fonts.{role}",
                                                      expected=M.EXPECT_FONTS, value=stack))
            installed = installed_families()
            missing = [f for f in stack if f.casefold() not in installed]
            if len(missing) == len(stack):
                raise ValueError(M.FONT_NOT_INSTALLED.format(
                    key=f"print.fonts.{role}", fonts=", ".join(missing)))
            fonts[role] = [f for f in stack if f not in missing]
        return fonts

    def css_fonts(self, role: str) -> str:
        """A CSS font-family value for one role ('body', 'heading', ...)."""
        return ", ".join(f'"{f}"' for f in self.fonts[role]) + (
            ", serif" if role == "body" else ", sans-serif")


def load_settings(site: SiteConfig) -> PrintSettings:
    settings: PrintSettings = site.settings_for("print")
    return settings
