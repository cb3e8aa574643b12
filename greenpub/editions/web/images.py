"""Responsive copies of content images: JPEG/PNG at srcset widths plus WebP, cached."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps

from ...content.model import ImageRef
from ..base import RenderContext

WIDTHS = (480, 960, 1440)


@dataclass
class WebImage:
    """What templates need: src/srcset/webp relative to the page, size, alt, caption."""

    src: str
    srcset: str
    webp: str
    width: int
    height: int
    alt: str
    caption: str | None


def _stem(image: ImageRef) -> str:
    return Path(image.src).stem + "-" + image.digest[:8]


def resize_image(image: ImageRef, folder: str, ctx: RenderContext) -> dict[str, Any]:
    """Write resized copies under `folder` (output-relative); returns their paths and sizes."""
    widths = [w for w in WIDTHS if w < image.width] + [min(image.width, WIDTHS[-1])]
    widths = sorted(set(widths))
    stem = _stem(image)

    def produce(tmp: Path) -> dict[str, Any]:
        out_dir = tmp / folder
        out_dir.mkdir(parents=True, exist_ok=True)
        with Image.open(image.path) as im:
            im = ImageOps.exif_transpose(im)
            has_alpha = im.mode in ("RGBA", "LA") or (im.mode == "P" and "transparency" in im.info)
            im = im.convert("RGBA" if has_alpha else "RGB")
            ext = "png" if has_alpha else "jpg"
            files = []
            for w in widths:
                h = round(im.height * w / im.width)
                small = im if w == im.width else im.resize((w, h), Image.Resampling.LANCZOS)
                name = f"{stem}-{w}.{ext}"
                if has_alpha:
                    small.save(out_dir / name, "PNG", optimize=True)
                else:
                    small.save(out_dir / name, "JPEG", quality=82, optimize=True, progressive=True)
                small.save(out_dir / f"{stem}-{w}.webp", "WEBP", quality=80, method=4)
                files.append({"w": w, "h": h, "file": f"{folder}/{name}",
                              "webp": f"{folder}/{stem}-{w}.webp"})
        return {"files": files}

    return ctx.unit(f"image:{folder}/{stem}", {"image": image.digest, "widths": widths}, produce)


def web_image(image: ImageRef, folder: str, ctx: RenderContext, rel) -> WebImage:  # type: ignore[no-untyped-def]
    data = resize_image(image, folder, ctx)
    files = data["files"]
    largest = files[-1]
    default = next((f for f in files if f["w"] >= 960), largest)
    return WebImage(
        src=rel(default["file"]),
        srcset=", ".join(f"{rel(f['file'])} {f['w']}w" for f in files),
        webp=", ".join(f"{rel(f['webp'])} {f['w']}w" for f in files),
        width=default["w"], height=default["h"], alt=image.alt, caption=image.caption,
    )


CARD_WIDTHS = (540, 1080)


def card_webp(png_rel: str, folder: str, name: str, ctx: RenderContext,
              rel) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """A card slide (PNG from the cards edition) as WebP at phone and full width.

    Returns template data: the PNG as fallback `src`, the WebP `srcset`, and sizes."""
    import hashlib

    png = ctx.out / png_rel
    data = png.read_bytes()

    def produce(tmp: Path) -> dict[str, Any]:
        out_dir = tmp / folder
        out_dir.mkdir(parents=True, exist_ok=True)
        files = []
        with Image.open(png) as im:
            im = im.convert("RGB")
            for w in CARD_WIDTHS:
                small = im if w >= im.width else im.resize(
                    (w, round(im.height * w / im.width)), Image.Resampling.LANCZOS)
                f = f"{folder}/{name}-{small.width}.webp"
                small.save(tmp / f, "WEBP", quality=82, method=2)  # 4: +5 % smaller, 2x slower
                files.append({"w": small.width, "h": small.height, "file": f})
        return {"files": files}

    files = ctx.unit(f"card:{folder}/{name}", {"png": hashlib.sha256(data).hexdigest()},
                     produce)["files"]
    return {"src": rel(png_rel), "width": files[-1]["w"], "height": files[-1]["h"],
            "webp": ", ".join(f"{rel(f['file'])} {f['w']}w" for f in files)}
