"""A section's text as XHTML, every spoken sentence a <span> (or table row) with an id
the SMIL files point at. The same tree serves the DAISY 2.02 content documents (XHTML
1.0, DAISY class names) and the EPUB 3 ones (epub:type and ARIA roles added).

What is shown is what is said: the segments' written text, including the reader's
cues ("표입니다.", "기사를 마칩니다."), so the highlighted text always matches the
voice. Tables are real tables whose rows are highlighted as they are read; figures show
the picture with its description; footnotes follow their block.
"""

from __future__ import annotations

import io
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ...content.model import Block, Figure, Heading, ListBlock, Quote, Table
from ...errors import RenderError
from . import messages as M
from .book import Book, Section, Sentence

XHTML = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"

# Skippable structures: DAISY 2.02 SMIL system-required tests / ncc span classes.
SKIP_TEST = {"note": "footnote-on", "table": "sidebar-on", "figure": "prodnote-on"}


def skip_kind(sentence: Sentence, section: Section) -> str | None:
    """'note', 'table' or 'figure' for a sentence a listener may skip, else None."""
    if sentence.role.startswith("note:"):
        return "note"
    if sentence.block >= 0 and sentence.block < len(section.blocks):
        block = section.blocks[sentence.block]
        if isinstance(block, Table):
            return "table"
        if isinstance(block, Figure):
            return "figure"
    return None


def heading_level(section: Section, sentence: Sentence) -> int | None:
    """h1 the issue, h2 each article (and the contents' 여는 글, the survey's closing
    part), h3+ its subheadings."""
    if section.article is None:
        return {"title": 1, "note-heading": 2, "feedback-title": 2}.get(sentence.role)
    if sentence.role == "title":
        return 2
    if sentence.role == "heading" and 0 <= sentence.block < len(section.blocks):
        block = section.blocks[sentence.block]
        if isinstance(block, Heading):
            return min(6, max(3, block.level + 1))
    return None


@dataclass
class Builder:
    book: Book
    epub: bool
    image_dir: str  # where the content documents find images, relative to them

    def el(self, tag: str, parent: etree._Element | None = None, text: str | None = None,
           **attrs: str | None) -> etree._Element:
        """An element; `epub_type`, `role` and `aria_*` are set in the EPUB only (XHTML 1.0,
        the DAISY's content documents, has no such attributes)."""
        nsmap = {None: XHTML, "epub": EPUB_NS} if self.epub else {None: XHTML}
        e = etree.Element(f"{{{XHTML}}}{tag}", nsmap=nsmap) if parent is None \
            else etree.SubElement(parent, f"{{{XHTML}}}{tag}")
        for k, v in attrs.items():
            if not v:
                continue
            if k == "epub_type":
                if self.epub:
                    e.set(f"{{{EPUB_NS}}}type", v)
            elif k == "role" or k.startswith("aria_"):
                if self.epub:
                    e.set(k.replace("_", "-"), v)
            else:
                e.set(k.rstrip("_").replace("_", "-"), v)  # class_, http_equiv
        if text is not None:
            e.text = text
        return e

    def spans(self, parent: etree._Element, sentences: list[Sentence],
              text: str | None = None) -> etree._Element:
        for i, s in enumerate(sentences):
            span = self.el("span", parent, text if text is not None else s.source, id=s.id)
            span.tail = " " if i < len(sentences) - 1 else None
        return parent

    def page(self, parent: etree._Element, number: int) -> None:
        if self.epub:
            self.el("span", parent, id=f"page{number}", epub_type="pagebreak",
                    role="doc-pagebreak", title=str(number), aria_label=f"{number}쪽")
        else:
            self.el("span", parent, str(number), id=f"page{number}", class_="page-normal")

    # -- a section -----------------------------------------------------------------
    def body(self, section: Section, parent: etree._Element) -> None:
        for n in section.pages:
            self.page(parent, n)
        for kind, group in _groups(section):
            if kind == "block":
                self.block(section, section.blocks[group[0].block], group, parent)
            else:
                self.line(section, group, parent)
        for number, index in section.breaks:
            self.page_break(parent, section.sentences[index].id, number)

    def page_break(self, container: etree._Element, sentence_id: str, number: int) -> None:
        """A page that begins inside the section: its number goes right before the sentence
        the break falls in (inside the paragraph), or before the heading or table holding it."""
        (target,) = container.xpath("//*[@id=$i]", i=sentence_id)
        parent = target.getparent()
        inline = target.tag == f"{{{XHTML}}}span" and parent.tag in (
            f"{{{XHTML}}}p", f"{{{XHTML}}}li")
        if not inline:
            while parent is not container:
                target, parent = parent, parent.getparent()
        holder = etree.Element("x")
        self.page(holder, number)
        marker = holder[0]
        marker.tail = " " if inline else None
        target.addprevious(marker)

    def line(self, section: Section, group: list[Sentence], parent: etree._Element) -> None:
        """A part of the script outside the body blocks (title, author, cues)."""
        role = group[0].role
        level = heading_level(section, group[0])
        if level:
            self.spans(self.el(f"h{level}", parent, class_="title" if level == 1 else None),
                       group)
            return
        css = role.split(":")[0]
        self.spans(self.el("p", parent, class_=css), group)

    def block(self, section: Section, block: Block, group: list[Sentence],
              parent: etree._Element) -> None:
        main = [s for s in group if not s.role.startswith("note:")]
        notes = [s for s in group if s.role.startswith("note:")]
        if isinstance(block, Heading):
            h = self.el(f"h{heading_level(section, main[0]) or 3}", parent)
            self.spans(h, main, block.text if len(main) == 1 else None)
        elif isinstance(block, ListBlock):
            ol = self.el("ol" if block.ordered else "ul", parent, class_="spoken")
            for i in range(len(block.items)):
                items = [s for s in main if s.role == f"item:{i}"]
                if items:
                    self.spans(self.el("li", ol), items)
        elif isinstance(block, Table):
            self.table(block, main, parent)
        elif isinstance(block, Figure):
            self.figure(section, block, main, parent)
        elif isinstance(block, Quote):
            q = self.el("blockquote", parent)
            self.spans(self.el("p", q), main)
        elif main:
            self.spans(self.el("p", parent), main)
        for k in dict.fromkeys(s.role for s in notes):
            box = self.el("div", parent, class_="footnote", role="note",
                          aria_label="각주")
            self.spans(self.el("p", box), [s for s in notes if s.role == k])

    def table(self, table: Table, group: list[Sentence], parent: etree._Element) -> None:
        box = self.el("div", parent, class_="sidebar", role="region", aria_label="표")
        rows = [s for s in group if s.role.startswith("row:")]
        before = [s for s in group if s.role == "table" and (not rows or s.id < rows[0].id)]
        after = [s for s in group if s.role == "table" and s not in before]
        if before:
            self.spans(self.el("p", box, class_="cue"), before)
        t = self.el("table", box)
        if table.header:
            tr = self.el("tr", self.el("thead", t))
            for cell in table.header:
                self.el("th", tr, cell, scope="col")
        tbody = self.el("tbody", t)
        for i, row in enumerate(table.rows):
            said = [s for s in rows if s.role == f"row:{i}"]
            tr = self.el("tr", tbody, id=said[0].id if said else None)
            for cell in row or ("",):
                self.el("td", tr, cell)
        if after:
            self.spans(self.el("p", box, class_="cue"), after)

    def figure(self, section: Section, figure: Figure, group: list[Sentence],
               parent: etree._Element) -> None:
        box = self.el("div", parent, class_="prodnote", role="group",
                      aria_label="그림 설명")
        ref = self.book.image(section, figure.src)
        if ref is not None:
            self.el("img", box, src=posixpath.join(self.image_dir, image_name(ref.src)),
                    alt=figure.alt or "")
        for role in ("figure", "caption"):
            said = [s for s in group if s.role == role]
            if said:
                self.spans(self.el("p", box), said)


def _groups(section: Section) -> Iterator[tuple[str, list[Sentence]]]:
    """Consecutive sentences of one body block, or of one script line (same role)."""
    group: list[Sentence] = []
    kind = ""
    for s in section.sentences:
        k = "block" if s.block >= 0 and s.block < len(section.blocks) else "line"
        same = group and k == kind and (
            s.block == group[0].block if k == "block" else s.role == group[0].role)
        if not same and group:
            yield kind, group
            group = []
        kind = k
        group.append(s)
    if group:
        yield kind, group


IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
               ".gif": "image/gif"}


def image_name(src: str) -> str:
    """The file name of an image in the book (PNG when the original is not PNG/JPEG/GIF)."""
    name = posixpath.basename(src)
    stem, ext = posixpath.splitext(name)
    return name if ext.lower() in IMAGE_TYPES else f"{stem}.png"


def image_bytes(path: Path, src: str) -> bytes:
    """The image as it goes into the book (converted to PNG when it has to be)."""
    try:
        if posixpath.splitext(src)[1].lower() in IMAGE_TYPES:
            return path.read_bytes()
        from PIL import Image

        with Image.open(path) as im:
            buf = io.BytesIO()
            im.save(buf, "PNG")
            return buf.getvalue()
    except OSError as exc:
        raise RenderError(M.IMAGE_UNREADABLE.format(reason=exc), path) from None
