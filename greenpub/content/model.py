"""The typed content model every edition receives.

Editions never read files from content/ themselves: the pipeline hands them an
`Issue` whose `articles` are only the ones the review gate let through.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from pathlib import Path


class ReviewStatus(str, enum.Enum):
    PENDING = "pending"
    APPROVED = "approved"
    CHANGES_REQUESTED = "changes-requested"
    REJECTED = "rejected"


@dataclass(frozen=True)
class ImageRef:
    src: str  # as written, relative to the issue folder
    path: Path  # resolved, checked to be inside the content folder
    alt: str
    caption: str | None = None
    width: int = 0
    height: int = 0
    digest: str = ""  # sha256 of the file, for caching resized copies
    focus: tuple[float, float] = (0.5, 0.5)  # focal point [x, y] in 0..1 (crops keep it)


@dataclass(frozen=True)
class ReviewEntry:
    checkpoint: str
    status: ReviewStatus
    by: str | None
    date: dt.date | None
    hash: str | None
    note: str | None
    line: int
    override: bool = False  # the chair's decision that lifts earlier blocks (with a note)


# --- structured blocks: Markdown as braille and speech need it -------------
@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    # texts of the footnotes referenced in this block, in order; editions read or
    # print them right after the block (lists, tables and quotes carry them too)
    footnotes: tuple[str, ...] = ()
    # offsets in `text` where the print has a footnote reference (a superscript number)
    refs_at: tuple[int, ...] = ()


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    items: tuple[str, ...]
    footnotes: tuple[str, ...] = ()
    # nested lists are flattened into `items`; per item its depth (0 = top) and its
    # print marker ("3." in an ordered list, "" for a bullet). Empty: all top level.
    levels: tuple[int, ...] = ()
    markers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str | None = None
    footnotes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Figure:
    alt: str
    caption: str | None = None
    src: str = ""


@dataclass(frozen=True)
class Quote:
    text: str
    footnotes: tuple[str, ...] = ()


Block = Heading | Paragraph | ListBlock | Table | Figure | Quote


@dataclass
class Article:
    file: Path
    order: int
    slug: str
    title: str
    section: str
    summary: str
    body_md: str
    body_line: int
    html: str  # sanitised HTML of the body
    blocks: list[Block]  # body (with front-matter figures) as structured blocks
    hash: str  # content hash the committee approves (see hashing.py)
    canonical: str = ""  # the canonical form the hash is taken over (kept when approved)
    subtitle: str | None = None
    author: str | None = None
    author_role: str | None = None
    images: list[ImageRef] = field(default_factory=list)
    body_images: list[ImageRef] = field(default_factory=list)
    card: list[str] | None = None
    # the picture of each `card:` entry written as {image: ..., text: ...} (None: text only)
    card_images: tuple[ImageRef | None, ...] = ()
    card_title: str | None = None  # short title for slides and share images
    lines: dict[str, int] = field(default_factory=dict)  # front-matter field -> file line
    review: list[ReviewEntry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    draft: bool = False  # set by the gate when built with --drafts and not publishable
    draft_reasons: tuple[str, ...] = ()  # why it is not publishable (Korean), with --drafts
    draft_changes: dict | None = None  # with --drafts: review_diff.ArticleDiff.to_dict() since
    # the approval of an earlier version, for the 검토용 banner's "what changed" section

    @property
    def all_images(self) -> list[ImageRef]:
        return self.images + self.body_images

    def plain_text(self) -> str:
        """Body as plain text paragraphs (for card key sentences, search)."""
        from .blocks import blocks_to_text

        return blocks_to_text(self.blocks)


@dataclass
class Issue:
    id: str  # YYYY-MM
    folder: Path
    number: int
    date: dt.date
    title: str
    note_md: str
    note_html: str
    note_blocks: list[Block]
    articles: list[Article]
    cover: ImageRef | None = None
    file: Path | None = None
    note_images: list[ImageRef] = field(default_factory=list)  # images in the issue note
    warnings: list[str] = field(default_factory=list)  # the note's and the folder's (Korean)

    @property
    def label(self) -> str:
        """'제123호 (2021년 3월)' as printed on covers."""
        return f"제{self.number}호 ({self.date.year}년 {self.date.month}월)"
