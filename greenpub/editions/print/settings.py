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
from dataclasses import dataclass, field
from typing import Any

from ...config import SiteConfig
from ...errors import ConfigError
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
KEYS = {"page_size", "margins", "columns", "image_dpi", "jpeg_quality", "large_font_size",
        "fonts", "pad_to", "ink_limit", "article_break"}
PAD_TO = (1, 2, 4, 8, 16)  # saddle stitching needs 4; some vendors impose 8 or 16


@dataclass(frozen=True)
class PrintSettings:
    page_size: str = "A4"
    margins: str = "20mm 16mm 22mm"
    columns: int = 2
    image_dpi: int = 300
    jpeg_quality: int = 85
    large_font_size: float = 18.0
    fonts: dict[str, list[str]] = field(default_factory=lambda: dict(DEFAULT_FONTS))
    pad_to: int = 4
    ink_limit: int = 300
    article_break: str = "auto"

    def css_fonts(self, role: str) -> str:
        """A CSS font-family value for one role ('body', 'heading', ...)."""
        return ", ".join(f'"{f}"' for f in self.fonts[role]) + (
            ", serif" if role == "body" else ", sans-serif")


def load_settings(site: SiteConfig) -> PrintSettings:
    raw: dict[str, Any] = site.section("print") or {}

    def fail(key: str, expected: str, value: Any) -> ConfigError:
        return ConfigError(M.BAD_SETTING.format(key=f"print.{key}", expected=expected,
                                                value=value), site.path)

    unknown = sorted(set(raw) - KEYS)
    if unknown:
        raise ConfigError(M.UNKNOWN_SETTING.format(key=f"print.{unknown[0]}",
                                                   known=", ".join(sorted(KEYS))), site.path)
    defaults = PrintSettings()
    page_size = str(raw.get("page_size", defaults.page_size)).strip()
    if page_size.lower() not in PAGE_SIZES and not _SIZE.match(page_size):
        raise fail("page_size", M.EXPECT_PAGE_SIZE, page_size)
    margins = str(raw.get("margins", defaults.margins)).strip()
    if not _MARGINS.match(margins):
        raise fail("margins", M.EXPECT_MARGINS, margins)

    def integer(key: str, low: int, high: int) -> int:
        value = raw.get(key, getattr(defaults, key))
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise fail(key, M.EXPECT_RANGE.format(low=low, high=high), value)
        return value

    columns = integer("columns", 1, 3)
    dpi = integer("image_dpi", 72, 1200)
    quality = integer("jpeg_quality", 30, 100)
    pad_to = raw.get("pad_to", defaults.pad_to)
    if isinstance(pad_to, bool) or pad_to not in PAD_TO:
        raise fail("pad_to", M.EXPECT_CHOICE.format(choices=", ".join(map(str, PAD_TO))), pad_to)
    ink_limit = integer("ink_limit", 200, 400)
    article_break = raw.get("article_break", defaults.article_break)
    if article_break not in ("page", "auto"):
        raise fail("article_break", M.EXPECT_CHOICE.format(choices="page, auto"), article_break)
    large = raw.get("large_font_size", defaults.large_font_size)
    if isinstance(large, bool) or not isinstance(large, (int, float)) or not 18 <= large <= 40:
        raise fail("large_font_size", M.EXPECT_RANGE.format(low=18, high=40), large)

    fonts = {role: list(stack) for role, stack in DEFAULT_FONTS.items()}
    given = raw.get("fonts", {})
    if not isinstance(given, dict):
        raise fail("fonts", M.EXPECT_FONTS, given)
    for role, stack in given.items():
        if role not in DEFAULT_FONTS:
            raise ConfigError(M.UNKNOWN_SETTING.format(
                key=f"print.fonts.{role}", known=", ".join(DEFAULT_FONTS)), site.path)
        if isinstance(stack, str):
            stack = [stack]
        if not isinstance(stack, list) or not stack or not all(
                isinstance(f, str) and _FAMILY.match(f) for f in stack):
            raise fail(f"fonts.{role}", M.EXPECT_FONTS, stack)
        installed = installed_families()
        missing = [f for f in stack if f.casefold() not in installed]
        if len(missing) == len(stack):
            raise ConfigError(M.FONT_NOT_INSTALLED.format(
                key=f"print.fonts.{role}", fonts=", ".join(missing)), site.path)
        fonts[role] = [f for f in stack if f not in missing]
    return PrintSettings(page_size, margins, columns, dpi, quality, float(large), fonts,
                         pad_to, ink_limit, article_break)
