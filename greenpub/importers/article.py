"""An ImportedDocument → `NN-slug.md` (front matter written with ruamel.yaml) and its
pictures in the issue's `images/` folder."""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, UnidentifiedImageError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from . import messages as M
from .model import ImportedDocument, ImportedImage

KEEP = {"png": "png", "jpeg": "jpg", "jpg": "jpg", "gif": "gif"}
TO_PNG = {"bmp", "tif", "tiff", "x-ms-bmp", "webp"}
VECTOR = {"emf": "EMF", "wmf": "WMF", "x-emf": "EMF", "x-wmf": "WMF"}
MAX_PIXELS = 40_000_000  # the reader's limit


@dataclass
class PreparedImage:
    name: str  # file name inside images/
    data: bytes
    caption: str | None


@dataclass
class Prepared:
    slug: str
    text: str
    images: list[PreparedImage] = field(default_factory=list)
    report: list[str] = field(default_factory=list)


def make_slug(title: str) -> str:
    """Revised Romanization of the title's first words, e.g. 공공와이파이 개통 →
    gonggongwaipai-gaetong."""
    from korean_romanizer.romanizer import Romanizer

    words = re.findall(r"[\w]+", title)[:4]
    romanized = Romanizer(" ".join(words)).romanize() if words else ""
    slug = re.sub(r"[^a-z0-9]+", "-", romanized.lower()).strip("-")
    slug = slug[:40].rstrip("-")
    return slug or "article"


def free_slug(folder: Path, slug: str) -> str:
    from ..content.reader import ARTICLE_NAME

    taken = {m.group(2) for p in folder.glob("*.md") if (m := ARTICLE_NAME.match(p.name))}
    if slug not in taken:
        return slug
    n = 2
    while f"{slug}-{n}" in taken:
        n += 1
    return f"{slug}-{n}"


def summary_of(body_md: str) -> str:
    """The first sentences of the first plain paragraph of some length (an editor
    rewrites it); a short first line (a date, a byline) is passed over."""
    blocks = [b.strip() for b in body_md.split("\n\n")]
    prose = [b for b in blocks if b and not b.startswith(("#", "|", "-", "[^"))
             and not re.match(r"\d+\.", b)]
    for block in sorted(prose, key=lambda b: len(b) < 30):  # stable: first long one first
        text = re.sub(r"\[\^\d+\]", "", block)
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
        text = re.sub(r"\\(.)", r"\1", text.replace("**", "").replace("&lt;", "<"))
        text = re.sub(r"(?<!\*)\*(?!\*)", "", text).strip()
        out = ""
        for sentence in re.split(r"(?<=[.?!])\s+", text):
            if out and len(out) + len(sentence) > 150:
                break
            out = f"{out} {sentence}".strip()
        if out:
            return out[:200]
    return M.SUMMARY_TODO


def prepare_images(doc: ImportedDocument, slug: str, images_dir: Path) -> tuple[
        list[PreparedImage], list[str]]:
    out: list[PreparedImage] = []
    report: list[str] = []
    for img in doc.images:
        prepared = _prepare_image(img, report)
        if prepared is None:
            continue
        data, ext = prepared
        stem = f"{slug}-{img.number}"
        name = f"{stem}.{ext}"
        n = 2
        while (images_dir / name).exists() or any(p.name == name for p in out):
            name = f"{stem}-{n}.{ext}"
            n += 1
        out.append(PreparedImage(name, data, img.caption))
    return out, report


def _prepare_image(img: ImportedImage, report: list[str]) -> tuple[bytes, str] | None:
    from . import vector

    ext = img.ext.lower()
    metafile = vector.kind(img.data)
    if ext in VECTOR or metafile:
        fmt = (metafile or VECTOR[ext].lower()).upper()
        png = vector.to_png(img.data)
        if png is None:
            report.append(M.IMAGE_VECTOR.format(n=img.number, fmt=fmt))
            return None
        report.append(M.IMAGE_CONVERTED.format(n=img.number, fmt=fmt))
        return png, "png"
    if not img.data:
        report.append(M.IMAGE_UNREADABLE.format(n=img.number))
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(img.data)) as im:
                fmt = (im.format or "").lower()
                if fmt in ("wmf", "emf"):
                    report.append(M.IMAGE_VECTOR.format(n=img.number, fmt=fmt.upper()))
                    return None
                if im.width * im.height > MAX_PIXELS:
                    im.thumbnail((6000, 6000))
                    fmt = "resize"
                if fmt in KEEP:
                    im.verify()
                    return img.data, KEEP[fmt]
                im.load()
                buf = io.BytesIO()
                im.save(buf, "PNG")
                if fmt != "resize":
                    report.append(M.IMAGE_CONVERTED.format(n=img.number, fmt=fmt.upper() or ext))
                return buf.getvalue(), "png"
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError,
            Image.DecompressionBombError):
        report.append(M.IMAGE_UNREADABLE.format(n=img.number))
        return None


def render(doc: ImportedDocument, *, slug: str, section: str | None, review_yaml: str,
           images: list[PreparedImage]) -> str:
    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    meta = CommentedMap()
    meta["title"] = doc.title
    if doc.subtitle:
        meta["subtitle"] = doc.subtitle
    meta["section"] = section or M.UNSORTED_SECTION
    meta["summary"] = summary_of(doc.body_md)
    meta["images"] = []
    for img in images:
        entry = CommentedMap()
        entry["src"] = f"images/{img.name}"
        entry["alt"] = ""
        if img.caption:
            entry["caption"] = img.caption
        meta["images"].append(entry)
    meta["review"] = yaml.load(review_yaml) if review_yaml.strip() else []
    buf = io.StringIO()
    yaml.dump(meta, buf)
    return f"---\n{buf.getvalue()}---\n{doc.body_md}"
