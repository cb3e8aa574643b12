"""HWPX (한글 2014 and later, OWPML in a ZIP package) → ImportedDocument."""

from __future__ import annotations

import zipfile
from pathlib import Path

from . import messages as M
from .errors import ImportFailed
from .markdown import MarkdownWriter
from .model import ImportedDocument
from .owpml import OwpmlReader

MAX_MEMBERS = 5000
MAX_UNPACKED = 300 * 1024 * 1024


def read_zip(path: Path, zf: zipfile.ZipFile) -> dict[str, bytes]:
    """Every member of a package, refusing zip bombs and encrypted members."""
    infos = [i for i in zf.infolist() if not i.is_dir()]
    if len(infos) > MAX_MEMBERS or sum(i.file_size for i in infos) > MAX_UNPACKED:
        raise ImportFailed(M.CORRUPT, path)
    if any(i.flag_bits & 0x1 for i in infos):
        raise ImportFailed(M.PASSWORD, path)
    return {i.filename: zf.read(i) for i in infos}


def read(path: Path, zf: zipfile.ZipFile) -> ImportedDocument:
    files = read_zip(path, zf)
    manifest = files.get("META-INF/manifest.xml", b"")
    if b"encryption-data" in manifest:  # Hancom encrypts the sections of protected documents
        raise ImportFailed(M.ENCRYPTED_HWPX, path)
    if not any(n.startswith("Contents/section") for n in files):
        raise ImportFailed(M.CORRUPT, path)
    return OwpmlReader(files, path, MarkdownWriter(path.name)).read()
