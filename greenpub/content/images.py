"""Image checks shared by every file that shows pictures (articles, the issue note, the
cover), and the issue folder's stray files that no article uses."""

from __future__ import annotations

import os
import re
import unicodedata
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, UnidentifiedImageError

from .. import messages as M
from ..errors import ContentError
from .hashing import file_digest
from .model import ImageRef

if TYPE_CHECKING:
    from .model import Article

MAX_PIXELS = 40_000_000  # ~ 8000 x 5000; anything larger is refused before decoding
IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
MAX_IMAGE_BYTES = 50 * 1024 * 1024


def check_image(root: Path, folder: Path, src: str, alt: str, caption: str | None, path: Path,
                line: int) -> ImageRef:
    """The image `src` (relative to `folder`), checked to be a real, sane image inside `root`."""
    if os.path.isabs(src) or src.startswith(("/", "\\")) or ".." in Path(src).parts \
            or re.match(r"^[a-zA-Z]:", src):
        raise ContentError(M.IMAGE_OUTSIDE.format(src=src), path, line)
    target = folder / src
    if not target.exists() and not target.is_symlink():
        # Files copied from a Mac keep NFD names while the text was normalised to NFC.
        nfd = folder / unicodedata.normalize("NFD", src)
        if not nfd.exists():
            raise ContentError(missing_image_message(folder, src), path, line)
        target = nfd
    resolved = target.resolve()
    if not resolved.is_relative_to(root):
        raise ContentError(M.IMAGE_OUTSIDE.format(src=src), path, line)
    if not resolved.is_file():
        raise ContentError(M.IMAGE_MISSING.format(src=src), path, line)
    size = resolved.stat().st_size
    if size > MAX_IMAGE_BYTES:
        raise ContentError(M.IMAGE_FILE_TOO_LARGE.format(src=src, mb=size // 1024 // 1024,
                                                         limit=MAX_IMAGE_BYTES // 1024 // 1024),
                           path, line)
    try:
        # Pillow warns in English (stderr) above ~89 M pixels and raises above twice
        # that; our own, lower limit is checked from the header before any decoding.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(resolved) as im:  # reads the header only: no pixels decoded
                fmt, (w, h) = im.format or "?", im.size
                if w * h > MAX_PIXELS:
                    raise ContentError(M.IMAGE_TOO_LARGE.format(src=src, pixels=w * h,
                                                                limit=MAX_PIXELS), path, line)
                if fmt not in IMAGE_FORMATS:
                    raise ContentError(M.IMAGE_FORMAT.format(src=src, fmt=fmt), path, line)
                im.verify()
    except ContentError:
        raise
    except Image.DecompressionBombError as exc:
        m = re.search(r"\((\d+) pixels\)", str(exc))
        pixels = int(m.group(1)) if m else 2 * (Image.MAX_IMAGE_PIXELS or MAX_PIXELS)
        raise ContentError(M.IMAGE_TOO_LARGE.format(src=src, pixels=pixels,
                                                    limit=MAX_PIXELS), path, line) from None
    except UnidentifiedImageError:
        raise ContentError(M.IMAGE_NOT_IMAGE.format(src=src, reason=M.IMAGE_UNKNOWN_KIND),
                           path, line) from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise ContentError(M.IMAGE_NOT_IMAGE.format(src=src, reason=M.IMAGE_DAMAGED),
                           path, line) from None
    data = resolved.read_bytes()
    if fmt == "JPEG" and data.rfind(b"\xff\xd9") < data.rfind(b"\xff\xda"):
        # Pillow's verify() does not read JPEG scans: a file cut off mid-scan has no
        # end-of-image marker after its last start-of-scan and fails only when decoded.
        raise ContentError(M.IMAGE_NOT_IMAGE.format(src=src, reason=M.IMAGE_DAMAGED),
                           path, line)
    return ImageRef(src=src, path=resolved, alt=alt, caption=caption, width=w, height=h,
                    digest=file_digest(data))


def missing_image_message(folder: Path, src: str) -> str:
    """Why an image is not found, with a hint for the usual slips of Windows and Mac users."""
    if "\\" in src:
        return M.IMAGE_BACKSLASH.format(src=src, fixed=src.replace("\\", "/"))
    wanted = folder / src
    if wanted.parent.is_dir() and wanted.parent.resolve().is_relative_to(folder.resolve()):
        key = unicodedata.normalize("NFC", wanted.name).casefold()
        for entry in sorted(wanted.parent.iterdir()):
            if unicodedata.normalize("NFC", entry.name).casefold() == key:
                found = unicodedata.normalize("NFC", str(entry.relative_to(folder)))
                return M.IMAGE_MISSING_CASE.format(src=src, found=found)
    return M.IMAGE_MISSING.format(src=src)


# Files an editor may drop into an issue folder that the build does not read: say so,
# instead of leaving an article silently missing.
_DOCUMENTS = {".hwp": "한글(HWP)", ".hwpx": "한글(HWPX)", ".docx": "워드(DOCX)",
              ".doc": "워드(DOC)", ".pdf": "PDF", ".txt": "텍스트", ".odt": "ODT"}
_IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".heic", ".bmp", ".tif", ".tiff"}
_COPY = re.compile(r"( - 복사본| - Copy|\(\d+\)| copy)(\.md)?$", re.I)


def unused_files(folder: Path, articles: list[Article], cover: ImageRef | None,
                 note_images: list[ImageRef]) -> list[str]:
    """Korean warnings for every file in an issue folder that no article or the note uses."""
    used = {i.path for a in articles for i in a.all_images}
    used.update(i.path for a in articles for i in a.card_images if i is not None)
    used.update(i.path for i in note_images)
    if cover is not None:
        used.add(cover.path)
    used.update(a.file.resolve() for a in articles)
    warnings_: list[str] = []
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder)
        if not p.is_file() or any(part.startswith(".") for part in rel.parts) \
                or p.name == "_issue.md" or p.resolve() in used:
            continue
        name, suffix = p.name, p.suffix.lower()
        if name.startswith("~$"):
            message = M.STRAY_LOCK_FILE
        elif suffix in _DOCUMENTS:
            message = M.STRAY_DOCUMENT.format(kind=_DOCUMENTS[suffix])
        elif suffix == ".md":
            if _COPY.search(p.stem + ".md") or " " in name:
                message = M.STRAY_COPY
            elif p.parent != folder:
                message = M.STRAY_MARKDOWN_DEEP
            else:
                continue  # a badly named article is already an error
        elif suffix in _IMAGE_SUFFIXES:
            message = M.STRAY_IMAGE
        else:
            message = M.STRAY_OTHER
        warnings_.append(f"{p}: {message}")
    return warnings_
