"""What every importer returns: one document, ready to be written as an article."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class ImportedImage:
    data: bytes
    ext: str  # as found in the document: png, jpeg, gif, bmp, emf, wmf, ...
    caption: str | None = None
    number: int = 0  # order in the document, from 1


@dataclass
class ImportedDocument:
    source: Path
    title: str
    subtitle: str | None
    body_md: str
    images: list[ImportedImage] = field(default_factory=list)
    report: list[str] = field(default_factory=list)  # Korean lines: what was not carried over
