"""The card theme: layouts/cards/theme.yaml loaded, validated and contrast-checked.

Slides are described as layers drawn bottom to top, the way mkdocs-material describes
social cards: `rect` (a colour box), `image` (logo, QR code, cover picture) and `text`
(a Jinja2 line with a text style). Editors change this file, not code; every mistake is
a ConfigError naming the theme file and line. Every text layer's colour is checked
against each colour it can sit on (WCAG 2.x, at least 4.5:1) when the theme loads.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import jinja2.meta
from jinja2.sandbox import SandboxedEnvironment
from PIL import Image
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ... import messages as GM
from ...cache import digest
from ...content.frontmatter import decode_text, line_of, load_yaml
from ...errors import ConfigError, ContentError
from . import messages as M
from .textlayout import FontChain, FontFace, face_count

RGB = tuple[int, int, int]
Box = tuple[int, int, int, int]  # x, y, width, height

MIN_CONTRAST = 4.5
SLIDE_KINDS = ("cover", "content", "closing", "og_article", "og_issue")
# Optional kinds: an article with a lead photo gets `cover_photo` instead of `cover`, a
# `card:` entry with an image gets `photo`; a theme without them draws the plain kinds.
OPTIONAL_KINDS = {"cover_photo": "cover", "photo": "content"}
IMAGE_SOURCES = ("logo", "qr", "cover")
ALIGN = ("left", "center", "right")
VALIGN = ("top", "middle", "bottom")
FIT = ("contain", "cover")
STYLE_KEYS = {"font", "size", "min_size", "line_height", "color", "max_lines", "balance"}

# The values a text layer may use, with a sample for validating templates at load time.
VARIABLES: dict[str, Any] = {
    "site_title": "Green 서구", "publisher": "인천광역시 서구", "contact": {},
    "issue_label": "제301호 (2021년 3월)", "issue_title": "봄", "issue_number": 301,
    "issue_year": 2021, "issue_month": 3, "article_count": 5,
    "section": "구정 소식", "title": "제목", "subtitle": "", "author": "",
    "text": "본문", "page": 1, "pages": 6, "url": "https://example.org/2021-03/a/",
    "short_url": "example.org/2021-03/a/", "listen": True, "drafts": False,
    "photo_alt": "사진 설명",
}

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
DEBIAN_FONT_PACKAGES = {"nanum": "fonts-nanum", "noto": "fonts-noto-cjk"}


@dataclass(frozen=True)
class TextStyle:
    font: str
    size: int
    min_size: int
    line_height: float
    color: RGB
    max_lines: int | None = None
    balance: bool = False


@dataclass(frozen=True)
class RectLayer:
    field: str  # 'slides.cover.layers[0]' for messages
    box: Box
    color: RGB
    radius: int = 0


@dataclass(frozen=True)
class ScrimLayer:
    """A translucent colour box between a photo and the text on it. `opacity` is the
    least it gets: when drawn, it is raised until every pixel under each text box on it
    gives that text 4.5:1 (measured on the real photo)."""

    field: str
    box: Box
    color: RGB
    opacity: float = 0.6


@dataclass(frozen=True)
class ImageLayer:
    field: str
    box: Box
    source: str
    fit: str = "contain"
    alt: jinja2.Template | None = None


@dataclass(frozen=True)
class TextLayer:
    field: str
    box: Box
    template: jinja2.Template
    style: TextStyle
    align: str = "left"
    valign: str = "top"
    alt: bool = True  # part of the slide's alt text (page numbers are not)
    variables: frozenset[str] = frozenset()  # template values it shows (to name a field)


Layer = RectLayer | ScrimLayer | ImageLayer | TextLayer


@dataclass(frozen=True)
class SlideLayout:
    kind: str
    canvas: str  # 'slide' | 'og'
    width: int
    height: int
    background: RGB
    layers: tuple[Layer, ...]


@dataclass
class Theme:
    path: Path
    fonts: dict[str, FontChain]
    logo: Image.Image
    slides: dict[str, SlideLayout]
    draft: dict[str, tuple[Layer, ...]]  # canvas -> layers drawn on top with --drafts
    qr_dark: RGB
    qr_light: RGB
    font_digest: str = ""
    colors: dict[str, RGB] = field(default_factory=dict)

    def kind(self, kind: str) -> str:
        """`kind`, or the plain kind it falls back to when the theme does not define it."""
        return kind if kind in self.slides else OPTIONAL_KINDS.get(kind, kind)

    def layers(self, kind: str, drafts: bool) -> tuple[Layer, ...]:
        slide = self.slides[self.kind(kind)]
        return slide.layers + (self.draft.get(slide.canvas, ()) if drafts else ())


# --- WCAG contrast --------------------------------------------------------------
def luminance(rgb: RGB) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: RGB, b: RGB) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def hex_color(rgb: RGB) -> str:
    return "#{:02X}{:02X}{:02X}".format(*rgb)


# --- loading --------------------------------------------------------------------
class _Reader:
    """Line-aware access to the parsed theme; every error names file and line."""

    def __init__(self, path: Path):
        self.path = path
        self.colors: dict[str, RGB] = {}
        self.env = SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False,
                                        keep_trailing_newline=False)

    def fail(self, message: str, node: Any, key: str | int | None = None) -> ConfigError:
        return ConfigError(message, self.path, line_of(node, key, 1))

    def get(self, node: CommentedMap, key: str, name: str, kind: type,
            required: bool = True, default: Any = None) -> Any:
        if key not in node or node[key] is None:
            if required:
                raise self.fail(GM.MISSING_FIELD.format(field=f"{name}.{key}".lstrip(".")),
                                node)
            return default
        value = node[key]
        if isinstance(value, bool) or not isinstance(value, kind):
            names: dict[type, str] = {CommentedMap: GM.T_MAP, CommentedSeq: GM.T_LIST,
                                      str: GM.T_TEXT}
            expected = names[kind]
            raise self.fail(GM.WRONG_TYPE.format(field=f"{name}.{key}".lstrip("."),
                                                 expected=expected, value=value), node, key)
        return value

    def keys(self, node: CommentedMap, allowed: set[str], name: str) -> None:
        for key in node:
            if key not in allowed:
                raise self.fail(GM.UNKNOWN_KEY.format(key=f"{name}.{key}".lstrip("."),
                                                      known=", ".join(sorted(allowed))),
                                node, key)

    def color(self, node: Any, key: str | int, name: str) -> RGB:
        value = node.get(key) if isinstance(node, CommentedMap) else node[key]
        if isinstance(value, str) and value in self.colors:
            return self.colors[value]
        if isinstance(value, str) and _HEX.match(value):
            return (int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16))
        raise self.fail(M.BAD_COLOR.format(field=name, value=value), node, key)

    def number(self, node: CommentedMap, key: str, name: str, low: float, high: float,
               default: float | None = None, integer: bool = True) -> Any:
        if key not in node or node[key] is None:
            if default is None:
                raise self.fail(GM.MISSING_FIELD.format(field=f"{name}.{key}"), node)
            return default
        value = node[key]
        ok = isinstance(value, int) if integer else isinstance(value, (int, float))
        if isinstance(value, bool) or not ok or not low <= value <= high:
            raise self.fail(M.BAD_NUMBER.format(field=f"{name}.{key}", low=low, high=high,
                                                value=value), node, key)
        return int(value) if integer else float(value)

    def ints(self, node: Any, key: str, name: str, count: int, message: str) -> tuple[int, ...]:
        value = node[key]
        if (not isinstance(value, list) or len(value) != count
                or any(isinstance(v, bool) or not isinstance(v, int) for v in value)):
            raise self.fail(message.format(field=name, value=value), node, key)
        return tuple(int(v) for v in value)

    def choice(self, node: CommentedMap, key: str, name: str, options: tuple[str, ...],
               default: str) -> str:
        value = node.get(key, default)
        if value not in options:
            raise self.fail(M.BAD_CHOICE.format(field=f"{name}.{key}", value=value,
                                                known=", ".join(options)), node, key)
        return str(value)

    def template(self, node: CommentedMap, key: str, name: str) -> jinja2.Template:
        source = node[key]
        if not isinstance(source, str):
            source = str(source)
        try:
            tmpl = self.env.from_string(source)
            tmpl.render(**VARIABLES)
        except jinja2.UndefinedError as exc:
            found = re.search(r"'([^']+)' is undefined", exc.message or "")
            raise self.fail(M.UNKNOWN_VARIABLE.format(
                field=f"{name}.{key}", detail=f"'{found[1]}'" if found else exc.message,
                known=", ".join(sorted(VARIABLES))), node, key) from None
        except jinja2.TemplateError as exc:
            raise self.fail(M.BAD_TEMPLATE.format(field=f"{name}.{key}", detail=exc), node,
                            key) from None
        return tmpl


def _font_face(r: _Reader, seq: CommentedSeq, i: int, name: str) -> FontFace:
    spec = seq[i]
    if not isinstance(spec, str):
        raise r.fail(M.BAD_FONT_FILE.format(field=name, value=spec, reason="문자열이 아님"), seq, i)
    face = FontFace.parse(spec)
    if not face.path.is_file():
        package = next((p for k, p in DEBIAN_FONT_PACKAGES.items()
                        if k in face.path.name.lower()), "fonts-nanum, fonts-noto-cjk")
        raise r.fail(M.NO_FONT_FILE.format(field=name, value=face.path, package=package), seq, i)
    try:
        count = face_count(face.path)
    except Exception as exc:  # fontTools raises plain errors for broken files
        raise r.fail(M.BAD_FONT_FILE.format(field=name, value=face.path, reason=exc), seq,
                     i) from None
    if face.index >= count:
        raise r.fail(M.FONT_INDEX.format(field=name, value=face.path.name, count=count,
                                         last=count - 1), seq, i)
    return face


def _style(r: _Reader, node: CommentedMap, name: str, fonts: dict[str, FontChain],
           base: TextStyle | None) -> TextStyle:
    if base is None:  # a layer's overrides are checked with the layer's keys
        r.keys(node, STYLE_KEYS, name)
    if "font" in node:
        font = r.get(node, "font", name, str)
        if font not in fonts:
            raise r.fail(M.UNKNOWN_FONT.format(field=f"{name}.font", value=font,
                                               known=", ".join(fonts)), node, "font")
    elif base is not None:
        font = base.font
    else:
        font = r.get(node, "font", name, str)
    size = r.number(node, "size", name, 8, 400, base.size if base else None)
    min_size = r.number(node, "min_size", name, 8, 400,
                        base.min_size if base and "size" not in node else size)
    if min_size > size:
        raise r.fail(M.MIN_ABOVE_SIZE.format(field=name, min_size=min_size, size=size), node,
                     "min_size")
    line_height = r.number(node, "line_height", name, 0.9, 3.0,
                           base.line_height if base else 1.4, integer=False)
    if "color" in node:
        color = r.color(node, "color", f"{name}.color")
    elif base is not None:
        color = base.color
    else:
        raise r.fail(M.BAD_COLOR.format(field=f"{name}.color", value=None), node)
    max_lines = r.number(node, "max_lines", name, 1, 50, (base.max_lines or 0) if base else 0)
    balance = node.get("balance", base.balance if base else False)
    if not isinstance(balance, bool):
        raise r.fail(M.BAD_CHOICE.format(field=f"{name}.balance", value=balance,
                                         known="true, false"), node, "balance")
    return TextStyle(font, size, min_size, line_height, color, max_lines or None, balance)


def _layer(r: _Reader, node: Any, name: str, styles: dict[str, TextStyle],
           fonts: dict[str, FontChain]) -> Layer:
    kinds = [k for k in ("rect", "scrim", "image", "text")
             if isinstance(node, CommentedMap) and k in node]
    if len(kinds) != 1 or len(node) != 1:
        raise r.fail(M.LAYER_KIND.format(field=name), node)
    kind = kinds[0]
    body = r.get(node, kind, name, CommentedMap)
    name = f"{name}.{kind}"
    if "box" not in body:
        raise r.fail(GM.MISSING_FIELD.format(field=f"{name}.box"), body)
    box: Box = r.ints(body, "box", f"{name}.box", 4, M.BAD_BOX)  # type: ignore[assignment]
    if box[2] <= 0 or box[3] <= 0:
        raise r.fail(M.BAD_BOX.format(field=f"{name}.box", value=list(box)), body, "box")
    if kind == "rect":
        r.keys(body, {"box", "color", "radius"}, name)
        return RectLayer(name, box, r.color(body, "color", f"{name}.color"),
                         r.number(body, "radius", name, 0, 2000, 0))
    if kind == "scrim":
        r.keys(body, {"box", "color", "opacity"}, name)
        return ScrimLayer(name, box, r.color(body, "color", f"{name}.color"),
                          r.number(body, "opacity", name, 0.0, 1.0, 0.6, integer=False))
    if kind == "image":
        r.keys(body, {"box", "source", "fit", "alt"}, name)
        source = r.choice(body, "source", name, IMAGE_SOURCES, "")
        alt = r.template(body, "alt", name) if "alt" in body else None
        return ImageLayer(name, box, source, r.choice(body, "fit", name, FIT, "contain"), alt)
    r.keys(body, {"box", "content", "style", "align", "valign", "alt"} | STYLE_KEYS, name)
    style_name = r.get(body, "style", name, str)
    if style_name not in styles:
        raise r.fail(M.UNKNOWN_STYLE.format(field=f"{name}.style", value=style_name,
                                            known=", ".join(styles)), body, "style")
    style = styles[style_name]
    if set(body) & STYLE_KEYS:
        style = _style(r, body, name, fonts, style)
    r.get(body, "content", name, str)
    alt = body.get("alt", True)
    if not isinstance(alt, bool):
        raise r.fail(M.BAD_CHOICE.format(field=f"{name}.alt", value=alt, known="true, false"),
                     body, "alt")
    template = r.template(body, "content", name)  # checked first: parse errors named
    variables = frozenset(jinja2.meta.find_undeclared_variables(r.env.parse(str(body["content"]))))
    return TextLayer(name, box, template, style,
                     r.choice(body, "align", name, ALIGN, "left"),
                     r.choice(body, "valign", name, VALIGN, "top"), alt, variables)


def _inside(inner: Box, outer: Box) -> bool:
    return (inner[0] >= outer[0] and inner[1] >= outer[1]
            and inner[0] + inner[2] <= outer[0] + outer[2]
            and inner[1] + inner[3] <= outer[1] + outer[3])


def _overlaps(a: Box, b: Box) -> bool:
    return (a[0] < b[0] + b[2] and b[0] < a[0] + a[2]
            and a[1] < b[1] + b[3] and b[1] < a[1] + a[3])


def backgrounds_under(layers: tuple[Layer, ...], index: int, background: RGB,
                      width: int, height: int) -> list[RGB | ImageLayer]:
    """Every colour (or picture) visible under layer `index`'s box, topmost first."""
    box = layers[index].box
    found: list[RGB | ImageLayer] = []
    for below in reversed(layers[:index]):
        if isinstance(below, TextLayer) or not _overlaps(below.box, box):
            continue
        if isinstance(below, ImageLayer):
            found.append(below)
            continue
        if isinstance(below, ScrimLayer):
            if not _inside(box, below.box):
                continue  # text reaching past the scrim sits on what is under it
            # Checked here as if opaque; drawing raises its opacity to 4.5:1 on the photo.
            found.append(below.color)
            return found
        found.append(below.color)
        # A rounded box hides what is under the text only if the text box keeps clear of
        # its corners: inset by 0.3 r, a box corner lies within the rounded outline.
        inset = math.ceil(0.3 * below.radius)
        x, y, w, h = below.box
        if _inside(box, (x + inset, y + inset, w - 2 * inset, h - 2 * inset)):
            return found
    if not _inside(box, (0, 0, width, height)):
        return found
    return found + [background]


def check_layers(r: _Reader, slide: SlideLayout, layers: tuple[Layer, ...],
                 nodes: dict[str, tuple[Any, Any]]) -> None:
    """Text boxes never overlap, and every text colour has 4.5:1 on what lies under it."""
    for i, layer in enumerate(layers):
        if not isinstance(layer, TextLayer):
            continue
        node, key = nodes[layer.field]
        for other in layers[:i]:
            if isinstance(other, TextLayer) and _overlaps(other.box, layer.box):
                raise r.fail(M.TEXT_OVERLAP.format(field=layer.field, box=list(layer.box),
                                                   other=other.field,
                                                   other_box=list(other.box)), node, key)
        for bg in backgrounds_under(layers, i, slide.background, slide.width, slide.height):
            if isinstance(bg, ImageLayer):
                raise r.fail(M.TEXT_OVER_IMAGE.format(field=layer.field, image=bg.field), node,
                             key)
            ratio = contrast(layer.style.color, bg)
            if ratio < MIN_CONTRAST:
                raise r.fail(M.LOW_CONTRAST.format(field=layer.field,
                                                   fg=hex_color(layer.style.color),
                                                   bg=hex_color(bg), ratio=ratio), node, key)


def load_theme(folder: Path) -> Theme:
    """Load and validate `<folder>/theme.yaml` (the logo path is relative to the folder)."""
    path = folder / "theme.yaml"
    if not path.is_file():
        raise ConfigError(M.NO_THEME, path)
    try:
        data = load_yaml(decode_text(path.read_bytes(), path), path, 1)
    except ContentError as exc:
        raise ConfigError(exc.message, exc.file, exc.line) from None
    r = _Reader(path)
    if not isinstance(data, CommentedMap):
        raise r.fail(M.THEME_NOT_MAPPING, data)
    r.keys(data, {"colors", "fonts", "logo", "sizes", "styles", "qr", "slides", "draft"}, "")

    colors = r.get(data, "colors", "", CommentedMap)
    for key in colors:
        r.colors[str(key)] = r.color(colors, key, f"colors.{key}")

    fonts: dict[str, FontChain] = {}
    font_files: list[Any] = []
    fonts_node = r.get(data, "fonts", "", CommentedMap)
    for key, seq in fonts_node.items():
        name = f"fonts.{key}"
        if not isinstance(seq, CommentedSeq) or not seq:
            raise r.fail(M.BAD_FONT_FILE.format(field=name, value=seq, reason="목록이 아님"),
                         fonts_node, key)
        faces = tuple(_font_face(r, seq, i, name) for i in range(len(seq)))
        fonts[str(key)] = FontChain(str(key), faces)
        font_files += [(str(f.path), f.index, f.path.stat().st_size) for f in faces]

    logo_rel = r.get(data, "logo", "", str)
    logo_path = folder / logo_rel
    if not logo_path.is_file():
        raise r.fail(M.NO_LOGO.format(value=logo_rel), data, "logo")
    try:
        with Image.open(logo_path) as im:
            logo = im.convert("RGBA")
    except (OSError, ValueError) as exc:
        raise r.fail(M.BAD_LOGO.format(value=logo_rel, reason=exc), data, "logo") from None

    canvases: dict[str, tuple[int, int, Box]] = {}
    sizes = r.get(data, "sizes", "", CommentedMap)
    for key, node in sizes.items():
        name = f"sizes.{key}"
        if not isinstance(node, CommentedMap):
            raise r.fail(M.BAD_SIZE.format(field=name, value=node), sizes, key)
        r.keys(node, {"width", "height", "margins"}, name)
        w = r.number(node, "width", name, 100, 4096)
        h = r.number(node, "height", name, 100, 4096)
        m = r.get(node, "margins", name, CommentedMap)
        r.keys(m, {"top", "right", "bottom", "left"}, f"{name}.margins")
        top, right, bottom, left = (r.number(m, k, f"{name}.margins", 0, 1000)
                                    for k in ("top", "right", "bottom", "left"))
        canvases[str(key)] = (w, h, (left, top, w - left - right, h - top - bottom))

    styles: dict[str, TextStyle] = {}
    styles_node = r.get(data, "styles", "", CommentedMap)
    for key, node in styles_node.items():
        if not isinstance(node, CommentedMap):
            raise r.fail(M.BAD_CHOICE.format(field=f"styles.{key}", value=node, known="{...}"),
                         styles_node, key)
        styles[str(key)] = _style(r, node, f"styles.{key}", fonts, None)

    qr = r.get(data, "qr", "", CommentedMap)
    r.keys(qr, {"dark", "light"}, "qr")
    qr_dark, qr_light = r.color(qr, "dark", "qr.dark"), r.color(qr, "light", "qr.light")
    if (ratio := contrast(qr_dark, qr_light)) < MIN_CONTRAST:
        raise r.fail(M.LOW_CONTRAST_QR.format(fg=hex_color(qr_dark), bg=hex_color(qr_light),
                                              ratio=ratio), qr)

    nodes: dict[str, tuple[Any, Any]] = {}

    def layer_list(seq: Any, name: str, canvas: str) -> tuple[Layer, ...]:
        if not isinstance(seq, CommentedSeq):
            raise r.fail(GM.WRONG_TYPE.format(field=name, expected=GM.T_LIST, value=seq), seq)
        w, h, safe = canvases[canvas]
        out = []
        for i, item in enumerate(seq):
            layer = _layer(r, item, f"{name}[{i}]", styles, fonts)
            if not _inside(layer.box, (0, 0, w, h)):
                raise r.fail(M.OUTSIDE_SLIDE.format(field=layer.field, box=list(layer.box),
                                                    width=w, height=h), seq, i)
            bleeds = isinstance(layer, (RectLayer, ScrimLayer)) or (
                isinstance(layer, ImageLayer) and layer.source == "cover"
                and layer.fit == "cover")  # photos may fill the slide edge to edge
            if not bleeds and not _inside(layer.box, safe):
                raise r.fail(M.OUTSIDE_MARGIN.format(field=layer.field, box=list(layer.box),
                                                     safe=list(safe)), seq, i)
            nodes[layer.field] = (seq, i)
            out.append(layer)
        return tuple(out)

    def canvas_of(node: CommentedMap, name: str) -> str:
        return r.choice(node, "size", name, tuple(canvases), "")

    draft: dict[str, tuple[Layer, ...]] = {}
    draft_node = r.get(data, "draft", "", CommentedMap, required=False, default=CommentedMap())
    for key, seq in draft_node.items():
        if str(key) not in canvases:
            raise r.fail(M.BAD_CHOICE.format(field="draft", value=key,
                                             known=", ".join(canvases)), draft_node, key)
        draft[str(key)] = layer_list(seq, f"draft.{key}", str(key))

    slides: dict[str, SlideLayout] = {}
    slides_node = r.get(data, "slides", "", CommentedMap)
    r.keys(slides_node, set(SLIDE_KINDS) | set(OPTIONAL_KINDS), "slides")
    for kind in (*SLIDE_KINDS, *OPTIONAL_KINDS):
        if kind in OPTIONAL_KINDS and kind not in slides_node:
            continue
        if kind not in slides_node:
            raise r.fail(M.MISSING_SLIDE.format(kind=kind, label=M.SLIDE_LABELS[kind]),
                         slides_node)
        node = r.get(slides_node, kind, "slides", CommentedMap)
        name = f"slides.{kind}"
        r.keys(node, {"size", "background", "layers"}, name)
        canvas = canvas_of(node, name)
        w, h, _ = canvases[canvas]
        slide = SlideLayout(kind, canvas, w, h, r.color(node, "background", f"{name}.background"),
                            layer_list(r.get(node, "layers", name, CommentedSeq),
                                       f"{name}.layers", canvas))
        slides[kind] = slide
        check_layers(r, slide, slide.layers, nodes)
        if canvas in draft:
            check_layers(r, slide, slide.layers + draft[canvas], nodes)

    return Theme(path=path, fonts=fonts, logo=logo, slides=slides, draft=draft,
                 qr_dark=qr_dark, qr_light=qr_light, font_digest=digest(font_files),
                 colors=dict(r.colors))

