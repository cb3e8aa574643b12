"""Drawing one slide: the theme's layers resolved, checked, then painted with Pillow.

`plan_slide` does all the checking (glyph coverage, fitting every text layer) before a
single pixel is drawn, so a slide either renders completely or fails with the reason.
PNGs carry no metadata and use fixed compression: the same input gives the same bytes.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import segno
from PIL import Image, ImageDraw, ImageOps

from ...errors import ConfigError
from ...lazy import lazy_import
from . import messages as M
from .textlayout import DoesNotFit, FittedText, fit, pil_font
from .theme import MIN_CONTRAST, ImageLayer, Layer, RectLayer, ScrimLayer, TextLayer, Theme

if TYPE_CHECKING:
    import numpy as np
else:
    np = lazy_import("numpy")

PNG_COMPRESS_LEVEL = 6
QR_BORDER = 4  # modules of quiet zone, as ISO/IEC 18004 asks
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")


class MissingGlyph(Exception):
    def __init__(self, char: str, fonts: str):
        self.char = char
        self.fonts = fonts
        super().__init__(f"no font has U+{ord(char):04X} ({fonts})")


class TextTooLong(Exception):
    def __init__(self, text: str, reason: DoesNotFit, layer: TextLayer | None = None):
        self.text = text
        self.reason = reason
        self.layer = layer
        super().__init__(f"{reason}: {text[:40]!r}")


@dataclass(frozen=True)
class SlideSpec:
    """What one slide shows: template values, the QR targets and the cover picture."""

    kind: str
    values: dict[str, Any]
    qr: str | None = None
    feedback_qr: str | None = None  # the residents' survey (site.yaml `feedback.url`)
    cover: Path | None = None
    focus: tuple[float, float] = (0.5, 0.5)  # focal point of `cover` kept by the crop
    # template value -> (front-matter field, file line), to name what does not fit
    fields: dict[str, tuple[str, int | None]] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class PlacedText:
    layer: TextLayer
    text: str
    fitted: FittedText


@dataclass(frozen=True)
class SlidePlan:
    spec: SlideSpec
    layers: tuple[Layer, ...]
    texts: dict[int, PlacedText]  # layer index -> fitted text
    alt: str


def clean_text(text: str) -> str:
    """One space between words, explicit line breaks kept, no blank lines."""
    lines = (_SPACES.sub(" ", ln).strip() for ln in text.replace("\r", "").split("\n"))
    return "\n".join(ln for ln in lines if ln)


def join_alt(parts: list[str]) -> str:
    """Slide texts as one readable string: each part ends as a sentence."""
    out = []
    for part in parts:
        part = part.replace("\n", " ").strip()
        if not part:
            continue
        out.append(part if part[-1] in ".!?…。" else part + ".")
    return " ".join(out)


def plan_slide(theme: Theme, spec: SlideSpec, drafts: bool) -> SlidePlan:
    """Resolve every layer's text, check its glyphs, fit it; raise before drawing."""
    layers = theme.layers(spec.kind, drafts)
    texts: dict[int, PlacedText] = {}
    alt_parts: list[str] = []
    resolved: dict[int, str] = {}
    for i, layer in enumerate(layers):
        if isinstance(layer, TextLayer):
            text = clean_text(_render(theme, layer, layer.template, spec))
            if not text:
                continue
            chain = theme.fonts[layer.style.font]
            if (ch := chain.missing(text)) is not None:
                raise MissingGlyph(ch, chain.label)
            resolved[i] = text
            if layer.alt:
                alt_parts.append(text)
        elif isinstance(layer, ImageLayer) and layer.alt is not None and _has_image(layer, spec):
            alt_parts.append(clean_text(_render(theme, layer, layer.alt, spec)))
    for i, text in resolved.items():
        layer = layers[i]
        assert isinstance(layer, TextLayer)
        st = layer.style
        try:
            fitted = fit(text, theme.fonts[st.font], size=st.size, min_size=st.min_size,
                         line_height=st.line_height, width=layer.box[2], height=layer.box[3],
                         max_lines=st.max_lines, balance=st.balance)
        except DoesNotFit as exc:
            raise TextTooLong(text, exc, layer) from None
        texts[i] = PlacedText(layer, text, fitted)
    return SlidePlan(spec, layers, texts, join_alt(alt_parts))


def _render(theme: Theme, layer: Layer, template: jinja2.Template, spec: SlideSpec) -> str:
    try:
        return template.render(**spec.values)
    except jinja2.TemplateError as exc:  # e.g. a value missing only for some articles
        raise ConfigError(M.BAD_TEMPLATE.format(field=layer.field, detail=exc),
                          theme.path) from None


def _has_image(layer: ImageLayer, spec: SlideSpec) -> bool:
    return {"logo": True, "qr": spec.qr is not None, "cover": spec.cover is not None,
            "feedback_qr": spec.feedback_qr is not None}[layer.source]


def draw_slide(theme: Theme, plan: SlidePlan) -> bytes:
    return png_bytes(paint_slide(theme, plan))


def paint_slide(theme: Theme, plan: SlidePlan,
                measured: dict[str, tuple[float, float]] | None = None) -> Image.Image:
    """The slide as an image; `measured` receives, per scrim, (opacity, worst contrast of
    the text on it against the pixels under that text)."""
    layout = theme.slides[theme.kind(plan.spec.kind)]
    img = Image.new("RGB", (layout.width, layout.height), layout.background)
    draw = ImageDraw.Draw(img)
    for i, layer in enumerate(plan.layers):
        if isinstance(layer, ScrimLayer):
            on = [plan.texts[k].layer for k in plan.texts if k > i
                  and _inside_box(plan.texts[k].layer.box, layer.box)]
            opacity, ratio = _paint_scrim(img, layer, on)
            draw = ImageDraw.Draw(img)
            if measured is not None:
                measured[layer.field] = (opacity, ratio)
        elif isinstance(layer, RectLayer):
            x, y, w, h = layer.box
            if layer.radius:
                draw.rounded_rectangle((x, y, x + w - 1, y + h - 1), layer.radius, layer.color)
            else:
                draw.rectangle((x, y, x + w - 1, y + h - 1), layer.color)
        elif isinstance(layer, ImageLayer) and _has_image(layer, plan.spec):
            _draw_image(img, draw, theme, layer, plan.spec)
        elif i in plan.texts:
            _draw_text(draw, theme, plan.texts[i])
    return img


def _inside_box(inner: tuple[int, int, int, int], outer: tuple[int, int, int, int]) -> bool:
    return (inner[0] >= outer[0] and inner[1] >= outer[1]
            and inner[0] + inner[2] <= outer[0] + outer[2]
            and inner[1] + inner[3] <= outer[1] + outer[3])


def _relative_luminance(rgb: np.ndarray) -> np.ndarray:
    """WCAG 2.x relative luminance of an (..., 3) array of 0..255 sRGB values."""
    s = rgb.astype(np.float64) / 255
    lin = np.where(s <= 0.04045, s / 12.92, ((s + 0.055) / 1.055) ** 2.4)
    return lin @ np.array([0.2126, 0.7152, 0.0722])


def worst_contrast(fg: tuple[int, int, int], pixels: np.ndarray) -> float:
    """The lowest WCAG contrast of colour `fg` against any of `pixels` (..., 3)."""
    lf = float(_relative_luminance(np.array(fg)))
    lum = _relative_luminance(pixels)
    hi, lo = np.maximum(lum, lf), np.minimum(lum, lf)
    return float(np.min((hi + 0.05) / (lo + 0.05)))


def _paint_scrim(img: Image.Image, layer: ScrimLayer, texts: list[TextLayer]
                 ) -> tuple[float, float]:
    """Blend the scrim over what is drawn, as transparent as the photo allows: the least
    opacity (from the theme's value up) at which every pixel under every text box on it
    gives that text MIN_CONTRAST. Returns (opacity, worst measured contrast)."""
    x, y, w, h = layer.box
    under = np.asarray(img.crop((x, y, x + w, y + h)), dtype=np.float64)
    colour = np.array(layer.color, dtype=np.float64)

    def blend(a: float, px: np.ndarray) -> np.ndarray:
        return np.round(px * (1 - a) + colour * a)

    regions = [(t.style.color, under[t.box[1] - y:t.box[1] - y + t.box[3],
                                     t.box[0] - x:t.box[0] - x + t.box[2]]) for t in texts]

    def worst(a: float) -> float:
        return min((worst_contrast(fg, blend(a, px)) for fg, px in regions), default=21.0)

    opacity = layer.opacity
    if worst(opacity) < MIN_CONTRAST:
        lo, hi = opacity, 1.0  # at 1.0 the theme check guarantees MIN_CONTRAST
        for _ in range(12):
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if worst(mid) < MIN_CONTRAST else (lo, mid)
        opacity = hi
    blended = Image.fromarray(blend(opacity, under).astype(np.uint8), "RGB")
    img.paste(blended, (x, y))
    return opacity, worst(opacity)


def png_bytes(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    # No pnginfo, no dpi, no optimize pass: nothing that varies between runs.
    img.save(buf, format="PNG", compress_level=PNG_COMPRESS_LEVEL)
    return buf.getvalue()


def _draw_text(draw: ImageDraw.ImageDraw, theme: Theme, placed: PlacedText) -> None:
    layer, fitted = placed.layer, placed.fitted
    chain = theme.fonts[layer.style.font]
    x0, y0, w, h = layer.box
    block = len(fitted.lines) * fitted.line_px
    top = y0 + {"top": 0, "middle": (h - block) // 2, "bottom": h - block}[layer.valign]
    ascent, descent = chain.metrics(fitted.size)
    for n, line in enumerate(fitted.lines):
        baseline = top + n * fitted.line_px + (fitted.line_px - ascent - descent) // 2 + ascent
        width = chain.width(line, fitted.size)
        x = x0 + {"left": 0.0, "center": (w - width) / 2, "right": w - width}[layer.align]
        for face, run in chain.runs(line):
            font = pil_font(face, fitted.size)
            draw.text((round(x), baseline), run, font=font, fill=layer.style.color, anchor="ls")
            x += font.getlength(run)


def _draw_image(img: Image.Image, draw: ImageDraw.ImageDraw, theme: Theme, layer: ImageLayer,
                spec: SlideSpec) -> None:
    x, y, w, h = layer.box
    if layer.source in ("qr", "feedback_qr"):
        target = spec.qr if layer.source == "qr" else spec.feedback_qr
        assert target is not None
        _draw_qr(draw, target, layer.box, theme)
        return
    if layer.source == "logo":
        src = theme.logo
    else:
        assert spec.cover is not None
        with Image.open(spec.cover) as im:
            src = ImageOps.exif_transpose(im).convert("RGBA")
    if layer.fit == "cover":
        pic = focus_crop(src, (w, h), spec.focus)
    else:
        pic = ImageOps.contain(src, (w, h), Image.Resampling.LANCZOS)
    px, py = x + (w - pic.width) // 2, y + (h - pic.height) // 2
    img.paste(pic, (px, py), pic)


def focus_crop(src: Image.Image, size: tuple[int, int],
               focus: tuple[float, float] = (0.5, 0.5)) -> Image.Image:
    """Scale `src` to cover `size` and crop it so the focal point is as near the middle as
    the picture's edges allow (never letterboxed, never stretched)."""
    w, h = size
    scale = max(w / src.width, h / src.height)
    cw, ch = w / scale, h / scale  # the crop, in source pixels
    left = min(max(focus[0] * src.width - cw / 2, 0.0), src.width - cw)
    top = min(max(focus[1] * src.height - ch / 2, 0.0), src.height - ch)
    return src.resize((w, h), Image.Resampling.LANCZOS, box=(left, top, left + cw, top + ch))


def _draw_qr(draw: ImageDraw.ImageDraw, url: str, box: tuple[int, int, int, int],
             theme: Theme) -> None:
    qr = segno.make(url, error="m", micro=False)
    matrix = qr.matrix
    modules = len(matrix) + 2 * QR_BORDER
    x, y, w, h = box
    scale = min(w, h) // modules
    side = modules * scale
    ox, oy = x + (w - side) // 2, y + (h - side) // 2
    draw.rectangle((ox, oy, ox + side - 1, oy + side - 1), theme.qr_light)
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                mx, my = ox + (c + QR_BORDER) * scale, oy + (r + QR_BORDER) * scale
                draw.rectangle((mx, my, mx + scale - 1, my + scale - 1), theme.qr_dark)
