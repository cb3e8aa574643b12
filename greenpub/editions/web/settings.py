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
from typing import Any

from ...config import SiteConfig
from ...errors import ConfigError
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


KEYS = ("emblem", "emblem_alt", "homepage", "privacy", "kogl")


def load_settings(site: SiteConfig) -> WebSettings:
    raw = site.section("web")
    for key in raw:
        if key not in KEYS:
            raise ConfigError(M.UNKNOWN_SETTING.format(key=key, known=", ".join(KEYS)),
                              site.path)

    def bad(key: str, expected: str) -> ConfigError:
        return ConfigError(M.BAD_SETTING.format(key=key, value=raw[key], expected=expected),
                           site.path)

    def link(key: str) -> Link | None:
        value = raw.get(key)
        if value is None:
            return None
        if not isinstance(value, dict) or set(value) - {"url", "label"} \
                or not isinstance(value.get("url"), str) \
                or not value["url"].startswith(("https://", "http://")) \
                or not isinstance(value.get("label"), str) or not value["label"].strip():
            raise bad(key, M.EXPECT_LINK)
        return Link(value["url"], value["label"].strip())

    kogl = raw.get("kogl")
    if kogl is not None and (isinstance(kogl, bool) or kogl not in KOGL):
        raise bad("kogl", M.EXPECT_KOGL)
    emblem = None
    if raw.get("emblem") is not None:
        value = raw["emblem"]
        root = site.path.parent.resolve()
        if not isinstance(value, str) or Path(value).suffix.lower() not in EMBLEM_TYPES:
            raise bad("emblem", M.EXPECT_EMBLEM)
        emblem = (root / value).resolve()
        if not emblem.is_relative_to(root):
            raise bad("emblem", M.EXPECT_EMBLEM)
        if not emblem.is_file() or not _readable(emblem):
            raise ConfigError(M.EMBLEM_MISSING.format(value=value), site.path)
    alt = raw.get("emblem_alt")
    if alt is not None and (not isinstance(alt, str) or not alt.strip()):
        raise bad("emblem_alt", "글자")
    return WebSettings(emblem=emblem, emblem_alt=(alt or f"{site.publisher} 상징").strip(),
                       homepage=link("homepage"), privacy=link("privacy"), kogl=kogl)


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
