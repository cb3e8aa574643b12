"""The card theme: layouts/cards/theme.yaml loaded, validated and contrast-checked.

Slides are described as layers drawn bottom to top, the way mkdocs-material describes
social cards: `rect` (a colour box), `image` (logo, QR code, cover picture) and `text`
(a Jinja2 line with a text style). Editors change this file, not code; every mistake is
a ConfigError naming the theme file and line. Every text layer's colour is checked
against each colour it can sit on (WCAG 2.x, at least 4.5:1) when the theme loads.

Loading is two passes, each reporting every error it finds at once: the file's shape
(pydantic models through `settings.validate`: types, ranges, unknown keys with "did you
mean", names of colours/fonts/styles/sizes, Jinja templates, font and logo files), then,
on a well-formed theme, the drawing checks (boxes inside the slide and its margins, text
boxes apart, contrast).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

import jinja2
import jinja2.meta
from jinja2.sandbox import SandboxedEnvironment
from PIL import Image
from pydantic import AfterValidator, BeforeValidator, Field, ValidationInfo, model_validator
from ruamel.yaml.comments import CommentedMap

from ...cache import digest
from ...content.frontmatter import decode_text, load_yaml
from ...errors import ConfigError, ContentError, ContentErrors
from ...settings import Settings, line_at, suggest, validate
from . import messages as M
from .textlayout import FontChain, FontFace, face_count

RGB = tuple[int, int, int]
Box = tuple[int, int, int, int]  # x, y, width, height

MIN_CONTRAST = 4.5
SLIDE_KINDS = ("cover", "content", "closing", "og_article", "og_issue")
# Optional kinds: an article with a lead photo gets `cover_photo` instead of `cover`, a
# `card:` entry with an image gets `photo`, and with site.yaml `feedback:` set the series
# ends with `closing_feedback`; a theme without them draws the plain kinds.
OPTIONAL_KINDS = {"cover_photo": "cover", "photo": "content", "closing_feedback": "closing"}
IMAGE_SOURCES = ("logo", "qr", "cover", "feedback_qr")
STYLE_KEYS = ("font", "size", "min_size", "line_height", "color", "max_lines", "balance")

# The values a text layer may use, with a sample for validating templates at load time.
VARIABLES: dict[str, Any] = {
    "site_title": "Green 서구", "publisher": "인천광역시 서구", "contact": {},
    "issue_label": "제301호 (2021년 3월)", "issue_title": "봄", "issue_number": 301,
    "issue_year": 2021, "issue_month": 3, "article_count": 5,
    "section": "구정 소식", "title": "제목", "subtitle": "", "author": "",
    "text": "본문", "page": 1, "pages": 6, "url": "https://example.org/2021-03/a/",
    "short_url": "example.org/2021-03/a/", "listen": True, "drafts": False,
    "photo_alt": "사진 설명", "feedback_url": "https://example.org/survey",
    "feedback_label": "독자 의견 조사",
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


# --- the file's shape (first pass) ----------------------------------------------
# Names the file defines (colours, fonts, styles, sizes) reach the validators through
# the validation context, so a misspelt reference is reported with the other errors.
_ENV = SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False,
                            keep_trailing_newline=False)


def _names(info: ValidationInfo, key: str) -> list[str] | None:
    """The names section `key` defines, or None when it is itself broken (not checked)."""
    return (info.context or {}).get(key)


def _reference(value: str, info: ValidationInfo, key: str, message: str) -> str:
    known = _names(info, key)
    if known is not None and value not in known:
        raise ValueError(message.format(field="{field}", value=value, hint=suggest(value, known),
                                        known=", ".join(known)))
    return value


def _hex(value: str) -> str:
    if not _HEX.match(value):
        raise ValueError(M.BAD_HEX.format(field="{field}", value=value))
    return value


def _color(value: str, info: ValidationInfo) -> str:
    if _HEX.match(value):
        return value
    known = _names(info, "colors")
    if known is None or value in known:
        return value
    raise ValueError(M.BAD_COLOR.format(field="{field}", value=value, hint=suggest(value, known)))


def _box(value: Any) -> Any:
    if (not isinstance(value, list) or len(value) != 4
            or any(isinstance(v, bool) or not isinstance(v, int) for v in value)
            or value[2] <= 0 or value[3] <= 0):
        raise ValueError(M.BAD_BOX.format(field="{field}", value=value))
    return tuple(value)


def _template(value: str) -> str:
    try:
        _ENV.from_string(value).render(**VARIABLES)
    except jinja2.UndefinedError as exc:
        found = re.search(r"'([^']+)' is undefined", exc.message or "")
        word = found[1] if found else ""
        raise ValueError(M.UNKNOWN_VARIABLE.format(
            field="{field}", detail=f"'{word}'" if found else exc.message,
            hint=suggest(word, list(VARIABLES)) if found else "",
            known=", ".join(sorted(VARIABLES)))) from None
    except jinja2.TemplateError as exc:
        raise ValueError(M.BAD_TEMPLATE.format(field="{field}", detail=exc)) from None
    return value


def _font_file(spec: str) -> str:
    face = FontFace.parse(spec) if re.fullmatch(r"[^#]*(#[0-9]+)?", spec) else None
    if face is None:
        raise ValueError(M.BAD_FONT_FILE.format(field="{field}", value=spec,
                                                reason="'#' 뒤에는 글꼴 번호"))
    if not face.path.is_file():
        package = next((p for k, p in DEBIAN_FONT_PACKAGES.items()
                        if k in face.path.name.lower()), "fonts-nanum, fonts-noto-cjk")
        raise ValueError(M.NO_FONT_FILE.format(field="{field}", value=face.path, package=package))
    try:
        count = face_count(face.path)
    except Exception as exc:  # fontTools raises plain errors for broken files
        raise ValueError(M.BAD_FONT_FILE.format(field="{field}", value=face.path,
                                                reason=exc)) from None
    if face.index >= count:
        raise ValueError(M.FONT_INDEX.format(field="{field}", value=face.path.name, count=count,
                                             last=count - 1))
    return spec


def _chain(value: list[str]) -> list[str]:
    if not value:
        raise ValueError(M.NO_FONTS.format(field="{field}"))
    return value


def _logo(value: str, info: ValidationInfo) -> str:
    folder = (info.context or {}).get("folder")
    if folder is None:
        return value
    path = Path(folder) / value
    if not path.is_file():
        raise ValueError(M.NO_LOGO.format(value=value))
    try:
        with Image.open(path) as im:
            im.load()
    except (OSError, ValueError, SyntaxError) as exc:
        raise ValueError(M.BAD_LOGO.format(value=value, reason=exc)) from None
    return value


Hex = Annotated[str, AfterValidator(_hex)]
Color = Annotated[str, AfterValidator(_color)]
BoxValue = Annotated[tuple[int, int, int, int], BeforeValidator(_box)]
Template = Annotated[str, AfterValidator(_template)]
FontName = Annotated[str, AfterValidator(
    lambda v, info: _reference(v, info, "fonts", M.UNKNOWN_FONT))]
StyleName = Annotated[str, AfterValidator(
    lambda v, info: _reference(v, info, "styles", M.UNKNOWN_STYLE))]
SizeName = Annotated[str, AfterValidator(
    lambda v, info: _reference(v, info, "sizes", M.UNKNOWN_SIZE))]
FontSize = Annotated[int, Field(ge=8, le=400)]
LineHeight = Annotated[float, Field(ge=0.9, le=3.0)]
MaxLines = Annotated[int, Field(ge=1, le=50)]


class MarginsModel(Settings):
    top: Annotated[int, Field(ge=0, le=1000)]
    right: Annotated[int, Field(ge=0, le=1000)]
    bottom: Annotated[int, Field(ge=0, le=1000)]
    left: Annotated[int, Field(ge=0, le=1000)]


class SizeModel(Settings):
    """A canvas: `slide` (card news) or `og` (share image)."""

    width: Annotated[int, Field(ge=100, le=4096)]
    height: Annotated[int, Field(ge=100, le=4096)]
    margins: MarginsModel


class StyleModel(Settings):
    """A named text style (`styles:`)."""

    font: FontName
    size: FontSize
    min_size: FontSize | None = None  # the text shrinks down to this to fit (default: size)
    line_height: LineHeight = 1.4
    color: Color
    max_lines: MaxLines | None = None
    balance: bool = False


class RectModel(Settings):
    box: BoxValue
    color: Color
    radius: Annotated[int, Field(ge=0, le=2000)] = 0


class ScrimModel(Settings):
    box: BoxValue
    color: Color
    opacity: Annotated[float, Field(ge=0.0, le=1.0)] = 0.6


class ImageModel(Settings):
    box: BoxValue
    source: Literal["logo", "qr", "cover", "feedback_qr"]
    fit: Literal["contain", "cover"] = "contain"
    alt: Template | None = None


class TextModel(Settings):
    """A text layer: a style by name, any of whose keys the layer may override."""

    box: BoxValue
    content: Template
    style: StyleName
    align: Literal["left", "center", "right"] = "left"
    valign: Literal["top", "middle", "bottom"] = "top"
    alt: bool = True
    font: FontName | None = None
    size: FontSize | None = None
    min_size: FontSize | None = None
    line_height: LineHeight | None = None
    color: Color | None = None
    max_lines: MaxLines | None = None
    balance: bool | None = None


class LayerModel(Settings):
    """One layer: exactly one of rect, scrim, image, text."""

    rect: RectModel | None = None
    scrim: ScrimModel | None = None
    image: ImageModel | None = None
    text: TextModel | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> LayerModel:
        if sum(x is not None for x in (self.rect, self.scrim, self.image, self.text)) != 1:
            raise ValueError(M.LAYER_KIND.format(field="{field}"))
        return self

    @property
    def kind(self) -> str:
        return next(k for k in ("rect", "scrim", "image", "text") if getattr(self, k) is not None)


class SlideModel(Settings):
    size: SizeName
    background: Color
    layers: list[LayerModel]


class SlidesModel(Settings):
    cover: SlideModel
    content: SlideModel
    closing: SlideModel
    og_article: SlideModel
    og_issue: SlideModel
    cover_photo: SlideModel | None = None
    photo: SlideModel | None = None
    closing_feedback: SlideModel | None = None


class QrModel(Settings):
    dark: Color
    light: Color


class ThemeModel(Settings):
    """layouts/cards/theme.yaml."""

    colors: dict[str, Hex]
    fonts: dict[str, Annotated[list[Annotated[str, AfterValidator(_font_file)]],
                               AfterValidator(_chain)]]
    logo: Annotated[str, AfterValidator(_logo)]
    sizes: dict[str, SizeModel]
    styles: dict[str, StyleModel]
    qr: QrModel
    slides: SlidesModel
    draft: dict[SizeName, list[LayerModel]] = {}


def _context(data: CommentedMap, folder: Path) -> dict[str, Any]:
    """The names the file defines, for checking the references to them."""
    context: dict[str, Any] = {"folder": folder}
    for key in ("colors", "fonts", "styles", "sizes"):
        node = data.get(key)
        context[key] = [str(k) for k in node] if isinstance(node, CommentedMap) else None
    return context


# --- the drawing checks (second pass) --------------------------------------------
class _Build:
    """The validated model turned into the renderer's dataclasses, collecting every
    geometry and contrast error with the line of the value it is about."""

    def __init__(self, model: ThemeModel, data: CommentedMap, path: Path, folder: Path):
        self.model, self.data, self.path = model, data, path
        self.errors: list[ConfigError] = []
        self.colors = {name: _rgb(value) for name, value in model.colors.items()}
        self.fonts = {name: FontChain(name, tuple(FontFace.parse(s) for s in specs))
                      for name, specs in model.fonts.items()}
        self.canvases = {name: (s.width, s.height, (
            s.margins.left, s.margins.top, s.width - s.margins.left - s.margins.right,
            s.height - s.margins.top - s.margins.bottom)) for name, s in model.sizes.items()}
        self.styles = {name: self.style(st, None, f"styles.{name}", ("styles", name))
                       for name, st in model.styles.items()}
        self.locs: dict[str, tuple[Any, ...]] = {}  # layer field -> where it is written

    def fail(self, message: str, loc: tuple[Any, ...]) -> None:
        self.errors.append(ConfigError(message, self.path, line_at(self.data, loc)))

    def color(self, value: str) -> RGB:
        return self.colors[value] if value in self.colors else _rgb(value)

    def style(self, node: StyleModel | TextModel, base: TextStyle | None, name: str,
              loc: tuple[Any, ...]) -> TextStyle:
        """A named style, or a text layer's style with the keys the layer overrides."""
        given = node.model_fields_set
        if base is None:
            assert isinstance(node, StyleModel)
            font, size, color = node.font, node.size, self.color(node.color)
            min_size = node.min_size if node.min_size is not None else size
            line_height, max_lines, balance = node.line_height, node.max_lines, node.balance
        else:
            assert isinstance(node, TextModel)
            font = node.font if node.font is not None else base.font
            size = node.size if node.size is not None else base.size
            min_size = node.min_size if node.min_size is not None else (
                base.min_size if node.size is None else size)
            line_height = node.line_height if node.line_height is not None else base.line_height
            color = self.color(node.color) if node.color is not None else base.color
            max_lines = node.max_lines if node.max_lines is not None else base.max_lines
            balance = node.balance if node.balance is not None else base.balance
        if min_size > size:
            self.fail(M.MIN_ABOVE_SIZE.format(field=name, min_size=min_size, size=size),
                      loc + ("min_size",) if "min_size" in given else loc)
        return TextStyle(font, size, min_size, float(line_height), color, max_lines, balance)

    def layer(self, item: LayerModel, name: str, loc: tuple[Any, ...]) -> Layer:
        kind = item.kind
        body = getattr(item, kind)
        name, loc = f"{name}.{kind}", loc + (kind,)
        self.locs[name] = loc
        if isinstance(body, RectModel):
            return RectLayer(name, body.box, self.color(body.color), body.radius)
        if isinstance(body, ScrimModel):
            return ScrimLayer(name, body.box, self.color(body.color), body.opacity)
        if isinstance(body, ImageModel):
            alt = _ENV.from_string(body.alt) if body.alt is not None else None
            return ImageLayer(name, body.box, body.source, body.fit, alt)
        assert isinstance(body, TextModel)
        style = self.styles[body.style]
        if body.model_fields_set & set(STYLE_KEYS):
            style = self.style(body, style, name, loc)
        variables = frozenset(jinja2.meta.find_undeclared_variables(_ENV.parse(body.content)))
        return TextLayer(name, body.box, _ENV.from_string(body.content), style, body.align,
                         body.valign, body.alt, variables)

    def layers(self, items: list[LayerModel], name: str, loc: tuple[Any, ...],
               canvas: str) -> tuple[Layer, ...]:
        w, h, safe = self.canvases[canvas]
        out = []
        for i, item in enumerate(items):
            layer = self.layer(item, f"{name}[{i}]", loc + (i,))
            box_loc = self.locs[layer.field] + ("box",)
            if not _inside(layer.box, (0, 0, w, h)):
                self.fail(M.OUTSIDE_SLIDE.format(field=layer.field, box=list(layer.box),
                                                 width=w, height=h), box_loc)
            else:
                bleeds = isinstance(layer, (RectLayer, ScrimLayer)) or (
                    isinstance(layer, ImageLayer) and layer.source == "cover"
                    and layer.fit == "cover")  # photos may fill the slide edge to edge
                if not bleeds and not _inside(layer.box, safe):
                    self.fail(M.OUTSIDE_MARGIN.format(field=layer.field, box=list(layer.box),
                                                      safe=list(safe)), box_loc)
            out.append(layer)
        return tuple(out)

    def check(self, slide: SlideLayout, layers: tuple[Layer, ...]) -> None:
        """Text boxes never overlap, and every text colour has 4.5:1 on what lies under it."""
        for i, layer in enumerate(layers):
            if not isinstance(layer, TextLayer):
                continue
            loc = self.locs[layer.field]
            for other in layers[:i]:
                if isinstance(other, TextLayer) and _overlaps(other.box, layer.box):
                    self.fail(M.TEXT_OVERLAP.format(field=layer.field, box=list(layer.box),
                                                    other=other.field,
                                                    other_box=list(other.box)), loc)
                    break
            for bg in backgrounds_under(layers, i, slide.background, slide.width, slide.height):
                if isinstance(bg, ImageLayer):
                    self.fail(M.TEXT_OVER_IMAGE.format(field=layer.field, image=bg.field), loc)
                    break
                ratio = contrast(layer.style.color, bg)
                if ratio < MIN_CONTRAST:
                    self.fail(M.LOW_CONTRAST.format(field=layer.field,
                                                    fg=hex_color(layer.style.color),
                                                    bg=hex_color(bg), ratio=ratio), loc)
                    break

    def theme(self, logo: Image.Image) -> Theme:
        model = self.model
        draft = {canvas: self.layers(items, f"draft.{canvas}", ("draft", canvas), canvas)
                 for canvas, items in model.draft.items()}
        slides: dict[str, SlideLayout] = {}
        for kind in (*SLIDE_KINDS, *OPTIONAL_KINDS):
            node: SlideModel | None = getattr(model.slides, kind)
            if node is None:
                continue
            w, h, _ = self.canvases[node.size]
            slide = SlideLayout(kind, node.size, w, h, self.color(node.background),
                                self.layers(node.layers, f"slides.{kind}.layers",
                                            ("slides", kind, "layers"), node.size))
            slides[kind] = slide
            self.check(slide, slide.layers)
            if node.size in draft:
                self.check(slide, slide.layers + draft[node.size])
        qr_dark, qr_light = self.color(model.qr.dark), self.color(model.qr.light)
        if (ratio := contrast(qr_dark, qr_light)) < MIN_CONTRAST:
            self.fail(M.LOW_CONTRAST_QR.format(fg=hex_color(qr_dark), bg=hex_color(qr_light),
                                               ratio=ratio), ("qr",))
        font_files = [(str(f.path), f.index, f.path.stat().st_size)
                      for chain in self.fonts.values() for f in chain.faces]
        return Theme(path=self.path, fonts=self.fonts, logo=logo, slides=slides, draft=draft,
                     qr_dark=qr_dark, qr_light=qr_light, font_digest=digest(font_files),
                     colors=dict(self.colors))


def _rgb(value: str) -> RGB:
    return (int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16))


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


def load_theme(folder: Path, shown: Path | None = None) -> Theme:
    """Load and validate `<folder>/theme.yaml` (the logo path is relative to the folder).

    Errors name `shown` (the file the editor wrote, e.g. a content project's override
    when `folder` is the merged layouts tree) or else the file read. One error is raised
    as a ConfigError, several together as ContentErrors.

    A theme already loaded in this process is reused while theme.yaml's bytes and the
    stats of the folder's files and the logo are the same (parsing the YAML with line
    numbers is most of a `greenpub check`)."""
    path = folder / "theme.yaml"
    key = _cache_key(folder, shown)
    cached = _LOADED.get(key) if key else None
    if cached is not None and _stat(cached[1]) == cached[2]:
        return cached[0]
    theme, logo = _load_theme(folder, shown or path)
    if key:
        _LOADED.clear()  # one theme per process is what builds and checks use
        _LOADED[key] = (theme, logo, _stat(logo))
    return theme


_LOADED: dict[tuple[Any, ...], tuple[Theme, Path, tuple[int, int] | None]] = {}


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def _cache_key(folder: Path, shown: Path | None) -> tuple[Any, ...] | None:
    try:
        files = tuple(sorted((p.name, _stat(p)) for p in folder.iterdir() if p.is_file()))
        return str(folder.resolve()), str(shown), (folder / "theme.yaml").read_bytes(), files
    except OSError:
        return None


def _load_theme(folder: Path, name: Path) -> tuple[Theme, Path]:
    path = folder / "theme.yaml"
    if not path.is_file():
        raise ConfigError(M.NO_THEME, name)
    try:
        data = load_yaml(decode_text(path.read_bytes(), name), name, 1)
    except ContentError as exc:
        raise ConfigError(exc.message, exc.file, exc.line) from None
    if not isinstance(data, CommentedMap):
        raise ConfigError(M.THEME_NOT_MAPPING, name, 1)
    model, errors = validate(ThemeModel, data, name, context=_context(data, folder))
    logo_path = folder
    if model is not None:
        build = _Build(model, data, name, folder)
        logo_path = folder / model.logo
        with Image.open(logo_path) as im:  # read once by the validator
            logo = im.convert("RGBA")
        theme = build.theme(logo)
        errors = build.errors
    if errors:
        errors = sorted({e.format(): e for e in errors}.values(), key=lambda e: e.line or 0)
        raise errors[0] if len(errors) == 1 else ContentErrors(list(errors))
    return theme, logo_path
