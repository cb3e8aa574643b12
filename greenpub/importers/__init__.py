"""Importers: 한글 (HWP 5, HWPX) and Word (DOCX) files → articles.

One interface: `import_file(path) -> ImportedDocument` (title, subtitle, body
Markdown, pictures, report lines). The kind is told by the file's content, not
its name; a file that cannot be read raises `ImportFailed` with a Korean message
naming it. `article.py` writes the document into an issue folder.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from pathlib import Path

from . import messages as M
from .errors import ImportFailed
from .model import ImportedDocument, ImportedImage

__all__ = ["ImportFailed", "ImportedDocument", "ImportedImage", "import_file", "kind_of"]

MAX_BYTES = 100 * 1024 * 1024
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def kind_of(data: bytes) -> str:
    """hwpx, docx, hwp, hwp3, doc, encrypted-ooxml, zip or unknown."""
    if data.startswith(CFB_MAGIC):
        import olefile

        try:
            with olefile.OleFileIO(io.BytesIO(data)) as ole:
                if ole.exists("FileHeader"):
                    return "hwp"
                if ole.exists("EncryptionInfo") or ole.exists("EncryptedPackage"):
                    return "encrypted-ooxml"
                if ole.exists("WordDocument"):
                    return "doc"
        except (OSError, ValueError, IndexError):  # olefile's errors for a damaged file
            return "damaged"
        return "unknown"
    if data.startswith(b"HWP Document File"):
        return "hwp3"
    if data.startswith(b"PK"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
                if "mimetype" in names and zf.read("mimetype").strip().startswith(
                        b"application/hwp+zip") or "Contents/content.hpf" in names:
                    return "hwpx"
                if "word/document.xml" in names:
                    return "docx"
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, ValueError):
            return "damaged"
        return "zip"
    return "unknown"


def import_file(path: Path) -> ImportedDocument:
    if not path.exists():
        raise ImportFailed(M.NOT_FOUND, path)
    if path.is_dir():
        raise ImportFailed(M.NOT_A_FILE, path)
    size = path.stat().st_size
    if size == 0:
        raise ImportFailed(M.EMPTY, path)
    if size > MAX_BYTES:
        raise ImportFailed(M.TOO_LARGE.format(mb=size // 1024 // 1024,
                                              limit=MAX_BYTES // 1024 // 1024), path)
    data = path.read_bytes()
    kind = kind_of(data)
    with warnings.catch_warnings():  # the libraries' English warnings never reach an editor
        warnings.simplefilter("ignore")
        doc = _read(path, data, kind)
    if not doc.body_md.strip() and not doc.images:
        raise ImportFailed(M.NO_TEXT, path)
    return doc


def _read(path: Path, data: bytes, kind: str) -> ImportedDocument:
    from lxml import etree

    try:
        if kind == "hwp":
            from . import hwp

            doc = hwp.read(path, data)
        elif kind in ("hwpx", "docx"):
            from . import docx, hwpx

            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                doc = hwpx.read(path, zf) if kind == "hwpx" else docx.read(path, data, zf)
        elif kind == "hwp3":
            raise ImportFailed(M.OLD_HWP.format(version=data[18:23].decode("ascii", "replace")
                                                .strip() or "3"), path)
        elif kind == "doc":
            raise ImportFailed(M.OLD_DOC, path)
        elif kind == "encrypted-ooxml":
            raise ImportFailed(M.PASSWORD, path)
        elif kind == "damaged":
            raise ImportFailed(M.CORRUPT, path)
        else:
            raise ImportFailed(M.UNKNOWN_KIND, path)
    except ImportFailed:
        raise
    except (etree.XMLSyntaxError, zipfile.BadZipFile, KeyError, ValueError, EOFError, OSError,
            IndexError, UnicodeDecodeError, RecursionError):
        raise ImportFailed(M.CORRUPT, path) from None
    return doc
