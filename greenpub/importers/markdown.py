"""The shared Markdown writer: every importer feeds the same small block API.

A format reader walks its own document tree and calls `MarkdownWriter` with
headings, paragraphs, list items, tables, footnotes and pictures; the writer
owns everything that must come out the same whatever the source: text
cleaning (NBSP, full-width and other odd spaces, hard line breaks, control
characters), Markdown escaping, emphasis, nesting of lists, pipe tables with
merged cells flattened, footnote numbering, the title and subtitle, and the
report lines.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from . import messages as M
from .model import ImportedDocument, ImportedImage

# Spaces an editor cannot see the difference of: all become a plain space.
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\r\n\u2028\u2029\x0b\x0c]")
# Control and format characters (zero-width space, soft hyphen, BOM, bidi marks, and the
# C0/C1 controls `check` refuses); U+200D (joiner) is kept for emoji sequences.
_INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u200b\u200c\u200e\u200f"
                        r"\u202a-\u202e\u2060-\u2064\ufeff\ufff9-\ufffb]")
_MULTI_SPACE = re.compile(r" {2,}")
# Characters that would turn plain text into Markdown syntax.
_ESCAPE = re.compile(r"([\\`*_\[\]|])")
_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+)([.)]?)(?=\s|$)")
# A Korean press release's subtitle line: "- 부제 -" or "― 부제 ―".
_DASHED_SUBTITLE = re.compile(r"^[-–—―~]\s*(?P<text>.+?)\s*[-–—―~]?$")


def clean_text(text: str) -> str:
    """Text as it should stand in Markdown source, before escaping."""
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    return _SPACES.sub(" ", text)


def escape(text: str) -> str:
    """Backslash-escapes Markdown's marks; `<` becomes an entity (no raw HTML from text)."""
    return _ESCAPE.sub(r"\\\1", text).replace("<", "&lt;")


@dataclass
class _Span:
    text: str
    bold: bool = False
    italic: bool = False
    raw: bool = False  # already Markdown (a link, a footnote reference)


class Inline:
    """Runs of one paragraph; adjacent runs of the same style are merged before the
    emphasis markers are written, and spaces are kept outside the markers."""

    def __init__(self) -> None:
        self.spans: list[_Span] = []

    def text(self, text: str, bold: bool = False, italic: bool = False) -> None:
        if text:
            self.spans.append(_Span(clean_text(text), bold, italic))

    def raw(self, markdown: str) -> None:
        self.spans.append(_Span(markdown, raw=True))

    def link(self, label: Inline, href: str) -> None:
        text = label.markdown()
        href = clean_text(href).strip()
        if not text:
            return
        if not href or not re.match(r"^(https?:|mailto:|tel:)", href, re.IGNORECASE):
            self.spans.extend(label.spans)  # a link we cannot carry: keep its text
            return
        href = href.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
        self.raw(f"[{text}]({href})")

    def plain(self) -> str:
        return _MULTI_SPACE.sub(" ", "".join(s.text for s in self.spans if not s.raw)).strip()

    def is_bold(self) -> bool:
        """Every visible character is bold (a heading typed as a bold paragraph)."""
        visible = [s for s in self.spans if not s.raw and s.text.strip()]
        return bool(visible) and all(s.bold for s in visible)

    def markdown(self) -> str:
        merged: list[_Span] = []
        for s in self.spans:
            if (merged and not s.raw and not merged[-1].raw
                    and (merged[-1].bold, merged[-1].italic) == (s.bold, s.italic)):
                merged[-1] = _Span(merged[-1].text + s.text, s.bold, s.italic)
            else:
                merged.append(_Span(s.text, s.bold, s.italic, s.raw))
        out = []
        for s in merged:
            if s.raw:
                out.append(s.text)
                continue
            body = escape(s.text)
            if not (s.bold or s.italic) or not body.strip():
                out.append(body)
                continue
            lead = body[: len(body) - len(body.lstrip())]
            trail = body[len(body.rstrip()):]
            mark = "***" if s.bold and s.italic else "**" if s.bold else "*"
            out.append(f"{lead}{mark}{body.strip()}{mark}{trail}")
        text = _MULTI_SPACE.sub(" ", "".join(out)).strip()
        return _LINE_START.sub(_escape_line_start, text)


def _escape_line_start(m: re.Match[str]) -> str:
    lead, mark, dot = m.groups()
    if mark.isdigit():
        return f"{lead}{mark}\\{dot}" if dot else m.group(0)
    return f"{lead}\\{mark}{dot}"


@dataclass
class Cell:
    content: Inline
    colspan: int = 1
    rowspan: int = 1
    header: bool = False


@dataclass
class _Block:
    kind: str  # heading, para, item, table, subtitle
    text: str = ""
    level: int = 0  # heading level, or list depth
    ordered: bool = False
    plain: str = ""


@dataclass
class MarkdownWriter:
    """Collects one document's blocks; `finish()` gives the `ImportedDocument`."""

    source_name: str
    blocks: list[_Block] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    images: list[ImportedImage] = field(default_factory=list)
    report: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    title: str | None = None
    subtitle: str | None = None
    meta_title: str | None = None
    tables: int = 0

    # -- blocks ----------------------------------------------------------------
    def heading(self, level: int, inline: Inline) -> None:
        if inline.plain():
            self.blocks.append(_Block("heading", inline.markdown(), max(1, level),
                                      plain=inline.plain()))

    def paragraph(self, inline: Inline) -> None:
        if inline.markdown():
            self.blocks.append(_Block("para", inline.markdown(), plain=inline.plain()))

    def title_block(self, inline: Inline) -> None:
        """A paragraph styled as the document title (Word "Title", 한글 "제목")."""
        if self.title is None and inline.plain():
            self.title = inline.plain()
        else:
            self.heading(1, inline)

    def subtitle_block(self, inline: Inline) -> None:
        if self.subtitle is None and inline.plain():
            self.subtitle = inline.plain()
        else:
            self.paragraph(inline)

    def list_item(self, ordered: bool, depth: int, inline: Inline) -> None:
        if inline.markdown():
            self.blocks.append(_Block("item", inline.markdown(), max(0, depth), ordered,
                                      plain=inline.plain()))

    def footnote(self, inline: Inline) -> str:
        """Registers a footnote's text; returns the reference to put in the text."""
        self.footnotes.append(inline.markdown() or "-")
        return f"[^{len(self.footnotes)}]"

    def image(self, data: bytes, ext: str, caption: str | None = None) -> None:
        self.images.append(ImportedImage(data=data, ext=ext.lower().lstrip("."),
                                         caption=clean_text(caption).strip() if caption else None,
                                         number=len(self.images) + 1))

    def count(self, what: str, n: int = 1) -> None:
        """Something that cannot be carried over; reported once per kind with its count."""
        self.counts[what] = self.counts.get(what, 0) + n

    def note(self, line: str) -> None:
        if line not in self.report:
            self.report.append(line)

    def table(self, rows: list[list[Cell]], header_known: bool = False) -> None:
        self.tables += 1
        number = self.tables
        grid, merged = _flatten(rows)
        if not grid or not any(c.strip() for row in grid for c in row):
            return
        first = _first_text(rows)
        width = max(len(r) for r in grid)
        if len(grid) == 1 or width == 1:
            # A one-row or one-column table is a box drawn around text (a 한글 habit for
            # titles and notes): its cells become paragraphs.
            seen: list[str] = []
            for row in rows:
                for cell in row:
                    text = cell.content.markdown()
                    if text.strip() and text not in seen:
                        seen.append(text)
                        self.blocks.append(_Block("para", text, plain=cell.content.plain()))
            self.note(M.TABLE_AS_TEXT.format(n=number, first=first))
            return
        if merged:
            self.note(M.TABLE_MERGED.format(n=number, first=first))
        header = header_known or (bool(rows) and all(c.header for c in rows[0]))
        if not header:
            header = bool(rows) and all(c.content.is_bold() for c in rows[0]
                                        if c.content.plain())
        if not header:
            self.note(M.TABLE_NO_HEADER.format(n=number, first=first))
        lines = []
        for i, texts in enumerate(grid):
            texts = texts + [""] * (width - len(texts))
            lines.append("| " + " | ".join(c or " " for c in texts) + " |")
            if i == 0:
                lines.append("|" + "|".join("---" for _ in texts) + "|")
        self.blocks.append(_Block("table", "\n".join(lines)))

    # -- result ----------------------------------------------------------------
    def finish(self, source) -> ImportedDocument:  # type: ignore[no-untyped-def]
        blocks = list(self.blocks)
        title = self.title
        if title is None:
            headings = [b for b in blocks if b.kind == "heading"]
            if headings:
                top = min(b.level for b in headings)
                first = next(b for b in blocks if b.kind == "heading" and b.level == top)
                if blocks.index(first) <= 2 or len([b for b in headings if b.level == top]) == 1:
                    title = first.plain
                    blocks.remove(first)
        if title is None and len(blocks) > 1 and blocks[0].kind == "para" \
                and 0 < len(blocks[0].plain) <= 80 and "[^" not in blocks[0].text \
                and not blocks[0].plain.endswith("."):
            title = blocks.pop(0).plain
            self.note(M.FIRST_PARA_TITLE)
        # The package's own title is often a template's or "1111": used only if it has words.
        if title is None and self.meta_title and re.search(r"[^\W\d_]", self.meta_title):
            title = self.meta_title
        if title is None:
            title = source.stem
            self.note(M.NO_TITLE)
        subtitle = self.subtitle
        if subtitle is None and blocks and blocks[0].kind == "para":
            m = _DASHED_SUBTITLE.match(blocks[0].plain)
            if m and len(blocks[0].plain) <= 120:
                subtitle = m.group("text")
                blocks.pop(0)
        body = _render(blocks)
        if self.footnotes:
            body += "\n\n" + "\n".join(f"[^{i}]: {t}" for i, t in enumerate(self.footnotes, 1))
        for what, n in self.counts.items():
            self.report.append(M.NOT_CARRIED.get(what, M.NOT_CARRIED_OTHER).format(n=n, what=what))
        return ImportedDocument(source=source, title=title, subtitle=subtitle,
                                body_md=body.strip() + "\n", images=self.images,
                                report=self.report)


def _first_text(rows: list[list[Cell]]) -> str:
    """The table's first words, to name it in the report."""
    for row in rows:
        for cell in row:
            text = cell.content.plain()
            if text:
                return text if len(text) <= 20 else text[:20] + "…"
    return ""


def _flatten(rows: list[list[Cell]]) -> tuple[list[list[str]], bool]:
    """Cells laid on a grid; a merged cell's text is repeated in every cell it covered,
    so each row still reads on its own (a screen reader, the braille edition)."""
    grid: dict[tuple[int, int], str] = {}
    merged = False
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in grid:
                c += 1
            text = cell.content.markdown()
            if cell.colspan > 1 or cell.rowspan > 1:
                merged = True
            for dr in range(max(1, cell.rowspan)):
                for dc in range(max(1, cell.colspan)):
                    grid[(r + dr, c + dc)] = text
            c += max(1, cell.colspan)
    if not grid:
        return [], merged
    n_rows = max(r for r, _ in grid) + 1
    n_cols = max(c for _, c in grid) + 1
    return [[grid.get((r, c), "") for c in range(n_cols)] for r in range(n_rows)], merged


def _render(blocks: list[_Block]) -> str:
    headings = [b.level for b in blocks if b.kind == "heading"]
    shift = 2 - min(headings) if headings else 0  # body headings start at ## (# is the title)
    out: list[str] = []
    prev: _Block | None = None
    counters: dict[int, int] = {}
    kinds: dict[int, bool] = {}
    depth = -1
    for b in blocks:
        if b.kind == "item":
            if prev is None or prev.kind != "item":
                counters, depth = {}, -1
                out.append("")
            depth = min(b.level, depth + 1)  # a list never starts deeper than one step
            for d in [d for d in counters if d > depth]:
                del counters[d]
            if depth in counters and kinds.get(depth) != b.ordered:
                del counters[depth]  # bullets after numbers (or back): a new list
                if depth == 0:
                    out.append("")
            kinds[depth] = b.ordered
            counters[depth] = counters.get(depth, 0) + 1
            marker = f"{counters[depth]}." if b.ordered else "-"
            out.append("    " * depth + f"{marker} {b.text}")
        elif b.kind == "heading":
            out += ["", "#" * min(6, b.level + shift) + " " + b.text]
        else:
            out += ["", b.text]
        prev = b
    return "\n".join(out).strip()
