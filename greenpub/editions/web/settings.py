"""The `web:` block of site.yaml: the district's identity on every web page.

    web:
      emblem: images/emblem.svg         # in the content folder; SVG, PNG, WebP or JPEG
      emblem_alt: 인천광역시 서구 상징     # optional, default: the publisher
      homepage: {url: https://www.seo.incheon.kr/, label: 서구청 누리집}
      privacy: {url: https://www.seo.incheon.kr/privacy, label: 개인정보처리방침}
      kogl: 1                            # 공공누리 type 1-4 (open government licence)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import StringConstraints, field_validator

from ...config import SiteConfig
from ...errors import ConfigError
from ...settings import Settings
from . import messages as M

KOGL = {
    1: "제1유형: 출처표시",
    2: "제2유형: 출처표시, 상업적 이용금지",
    3: "제3유형: 출처표시, 변경금지",
    4: "제4유형: 출처표시, 상업적 이용금지, 변경금지",
}
KOGL_URL = "https://www.kogl.or.kr/info/license.do"
EMBLEM_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".webp": "image/webp",
                ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


@dataclass(frozen=True)
class Link:
    url: str
    label: str


@dataclass(frozen=True)
class WebSettings:
    emblem: Path | None = None  # absolute path of the emblem file
    emblem_alt: str = ""
    homepage: Link | None = None
    privacy: Link | None = None
    kogl: int | None = None

    @property
    def kogl_label(self) -> str | None:
        return f"공공누리 {KOGL[self.kogl]}" if self.kogl else None

    def dict(self) -> dict[str, Any]:
        """Template data (the emblem as a file name and digest, so a changed file shows)."""
        return {"emblem_alt": self.emblem_alt,
                "homepage": self.homepage and vars(self.homepage),
                "privacy": self.privacy and vars(self.privacy),
                "kogl": self.kogl and {"type": self.kogl, "label": self.kogl_label,
                                       "url": KOGL_URL}}


class LinkModel(Settings):
    url: str
    label: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")):
            raise ValueError(M.BAD_FIELD.format(value=value, expected=M.EXPECT_LINK))
        return value


class WebBlock(Settings):
    """The shape of the `web:` block, checked with the rest of site.yaml (lines, all errors);
    `load_settings` then checks the emblem file itself."""

    emblem: str | None = None
    emblem_alt: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)] | None \
        = None
    homepage: LinkModel | None = None
    privacy: LinkModel | None = None
    kogl: Literal[1, 2, 3, 4] | None = None

    @field_validator("emblem")
    @classmethod
    def _emblem(cls, value: str | None) -> str | None:
        if value is not None and (Path(value).suffix.lower() not in EMBLEM_TYPES
                                  or Path(value).is_absolute() or ".." in Path(value).parts):
            raise ValueError(M.BAD_SETTING.format(key="emblem", value=value,
                                                  expected=M.EXPECT_EMBLEM))
        return value


def load_settings(site: SiteConfig) -> WebSettings:
    block: WebBlock = site.settings_for("web")
    emblem = None
    if block.emblem is not None:
        root = site.path.parent.resolve()
        emblem = (root / block.emblem).resolve()
        if not emblem.is_relative_to(root):
            raise ConfigError(M.BAD_SETTING.format(key="web.emblem", value=block.emblem,
                                                   expected=M.EXPECT_EMBLEM), site.path)
        if not emblem.is_file() or not _readable(emblem):
            raise ConfigError(M.EMBLEM_MISSING.format(value=block.emblem), site.path)

    def link(value: LinkModel | None) -> Link | None:
        return Link(value.url, value.label) if value else None

    return WebSettings(emblem=emblem, emblem_alt=block.emblem_alt or f"{site.publisher} 상징",
                       homepage=link(block.homepage), privacy=link(block.privacy),
                       kogl=block.kogl)


def _readable(path: Path) -> bool:
    """An SVG must parse as <svg>; a raster emblem must open in Pillow."""
    if path.suffix.lower() == ".svg":
        from lxml import etree

        try:
            root = etree.parse(str(path), etree.XMLParser(resolve_entities=False,
                                                          no_network=True)).getroot()
        except (OSError, etree.XMLSyntaxError):
            return False
        return etree.QName(root).localname == "svg"
    from PIL import Image

    try:
        with Image.open(path) as im:
            im.verify()
    except (OSError, ValueError, Image.DecompressionBombError):
        return False
    return True
