"""Responsive copies of content images: JPEG/PNG at srcset widths plus WebP, cached."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

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
        with Image.open(image.path) as opened:
            upright = ImageOps.exif_transpose(opened)
            has_alpha = upright.mode in ("RGBA", "LA") or (
                upright.mode == "P" and "transparency" in upright.info)
            im = upright.convert("RGBA" if has_alpha else "RGB")
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

    def url(path: str) -> str:
        # A space or a comma in a file name would split a srcset candidate; Korean names
        # are percent-encoded the same way (RFC 3986), so every browser reads the same URL.
        return quote(rel(path), safe="/")

    return WebImage(
        src=url(default["file"]),
        srcset=", ".join(f"{url(f['file'])} {f['w']}w" for f in files),
        webp=", ".join(f"{url(f['webp'])} {f['w']}w" for f in files),
        width=default["w"], height=default["h"], alt=image.alt, caption=image.caption,
    )


CARD_WIDTHS = (540, 1080)


def cards_webp(pngs: list[str], folder: str, stem: str, ctx: RenderContext,
               rel) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    """One article's card slides (PNGs from the cards edition) as WebP at phone and full
    width, encoded in threads (Pillow releases the GIL), cached as one unit.

    Returns per slide the template data: the PNG as fallback `src`, the WebP `srcset`."""
    import hashlib
    from concurrent.futures import ThreadPoolExecutor

    digests = [hashlib.sha256((ctx.out / p).read_bytes()).hexdigest() for p in pngs]

    def encode(tmp: Path, index: int, png: str) -> list[dict[str, Any]]:
        files = []
        with Image.open(ctx.out / png) as src:
            rgb = src.convert("RGB")
            for w in CARD_WIDTHS:
                small: Image.Image
                if w >= rgb.width:
                    small = rgb
                elif rgb.width == 2 * w:
                    small = rgb.reduce(2)  # exact halving: a box filter, 10x faster than Lanczos
                else:
                    small = rgb.resize((w, round(rgb.height * w / rgb.width)),
                                       Image.Resampling.LANCZOS)
                f = f"{folder}/{stem}-{index:02d}-{small.width}.webp"
                small.save(tmp / f, "WEBP", quality=82, method=2)  # 4: 5 % smaller, 2x slower
                files.append({"w": small.width, "h": small.height, "file": f})
        return files

    def produce(tmp: Path) -> dict[str, Any]:
        (tmp / folder).mkdir(parents=True, exist_ok=True)
        with ThreadPoolExecutor(max_workers=max(1, min(4, ctx.options.jobs))) as pool:
            slides = list(pool.map(lambda a: encode(tmp, *a), enumerate(pngs, 1)))
        return {"slides": slides}

    slides = ctx.unit(f"cards-webp:{folder}/{stem}", {"png": digests}, produce)["slides"]
    return [{"src": rel(png), "width": files[-1]["w"], "height": files[-1]["h"],
             "webp": ", ".join(f"{rel(f['file'])} {f['w']}w" for f in files)}
            for png, files in zip(pngs, slides)]
