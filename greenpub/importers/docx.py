"""Word (.docx) → ImportedDocument: mammoth turns the document into clean semantic
HTML (headings, lists with nesting, tables with colspan/rowspan and header rows,
footnotes, links, pictures); this module walks that HTML into the shared
Markdown writer and counts, from the package itself, what mammoth drops."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import lxml.html
from lxml import etree

from . import messages as M
from .errors import ImportFailed
from .markdown import Cell, Inline, MarkdownWriter
from .model import ImportedDocument

STYLE_MAP = """
p[style-name='Title'] => h1.doc-title:fresh
p[style-name='Subtitle'] => p.doc-subtitle:fresh
p[style-name='제목'] => h1.doc-title:fresh
p[style-name='부제'] => p.doc-subtitle:fresh
"""
IMG_SCHEME = "greenpub-image:"
_NOTE_ID = re.compile(r"^#?((?:foot|end)note-\d+)$")

# What mammoth leaves out or flattens, counted in the package XML.
_COUNTS = [
    ("textbox", "word/document.xml", rb"<w:txbxContent\b"),
    ("chart", "word/document.xml", rb"<c:chart\b"),
    ("equation", "word/document.xml", rb"<m:oMath\b"),
    ("ole", "word/document.xml", rb"<o:OLEObject\b"),
    ("tracked-change", "word/document.xml", rb"<w:(?:ins|del)\b"),
    ("comment", "word/comments.xml", rb"<w:comment\b"),
]


def read(path: Path, data: bytes, zf: zipfile.ZipFile) -> ImportedDocument:
    import mammoth

    from .hwpx import read_zip

    files = read_zip(path, zf)
    if "word/document.xml" not in files:
        raise ImportFailed(M.CORRUPT, path)
    writer = MarkdownWriter(path.name)
    images: list[tuple[bytes, str, str | None]] = []

    def convert_image(image):  # type: ignore[no-untyped-def]
        with image.open() as f:
            data = f.read()
        images.append((data, (image.content_type or "").rsplit("/", 1)[-1], image.alt_text))
        return {"src": f"{IMG_SCHEME}{len(images) - 1}"}

    try:
        result = mammoth.convert_to_html(io.BytesIO(data), style_map=STYLE_MAP,
                                         convert_image=mammoth.images.img_element(convert_image))
    except (KeyError, ValueError, etree.XMLSyntaxError, zipfile.BadZipFile, AttributeError):
        raise ImportFailed(M.CORRUPT, path) from None
    _count_dropped(files, writer)
    core = files.get("docProps/core.xml")
    if core:
        m = re.search(rb"<dc:title>([^<]+)</dc:title>", core)
        if m:
            writer.meta_title = m.group(1).decode("utf-8", "replace").strip() or None
    HtmlWalker(writer, images).walk(result.value)
    return writer.finish(path)


def _count_dropped(files: dict[str, bytes], writer: MarkdownWriter) -> None:
    for what, part, pattern in _COUNTS:
        n = len(re.findall(pattern, files.get(part, b"")))
        if n:
            writer.count(what, n)
    headers = [n for n in files if re.match(r"word/(header|footer)\d*\.xml$", n)
               and re.search(rb"<w:t[ >]", files[n])]
    if headers:
        writer.count("header-footer", len(headers))
    if re.search(rb'<w:cols [^>]*w:num="([2-9]|\d\d)"', files.get("word/document.xml", b"")):
        writer.count("page-layout")


class HtmlWalker:
    """mammoth's HTML → writer calls."""

    def __init__(self, writer: MarkdownWriter, images: list[tuple[bytes, str, str | None]]):
        self.w = writer
        self.images = images
        self.notes: dict[str, etree._Element] = {}

    def walk(self, html: str) -> None:
        if not html.strip():
            return
        root = lxml.html.fragment_fromstring(html, create_parent="div")
        # Footnotes and endnotes come last as <ol><li id="footnote-1">…</li></ol>.
        for li in root.xpath(".//li[starts-with(@id,'footnote-') or starts-with(@id,'endnote-')]"):
            self.notes[li.get("id")] = li
        for ol in {li.getparent() for li in self.notes.values()}:
            ol.getparent().remove(ol)
        for el in root:
            self.block(el)

    def block(self, el: etree._Element) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if re.fullmatch(r"h[1-6]", tag):
            inline = self.inline(el)
            if "doc-title" in (el.get("class") or ""):
                self.w.title_block(inline)
            else:
                self.w.heading(int(tag[1]), inline)
        elif tag == "p":
            inline = self.inline(el)
            if "doc-subtitle" in (el.get("class") or ""):
                self.w.subtitle_block(inline)
            else:
                self.w.paragraph(inline)
        elif tag in ("ul", "ol"):
            self.listing(el, 0)
        elif tag == "table":
            self.table(el)
        elif tag in ("blockquote", "div"):
            for child in el:
                self.block(child)
        elif tag:
            self.w.paragraph(self.inline(el))

    def listing(self, el: etree._Element, depth: int) -> None:
        ordered = el.tag == "ol"
        for li in el.iterchildren("li"):
            inline = Inline()
            nested = []
            for child in li:
                if child.tag in ("ul", "ol"):
                    nested.append(child)
            self.inline(li, inline, skip=("ul", "ol"))
            self.w.list_item(ordered, depth, inline)
            for child in nested:
                self.listing(child, depth + 1)

    def table(self, el: etree._Element) -> None:
        rows = []
        for tr in el.iter("tr"):
            if tr.xpath("ancestor::table[1]")[0] is not el:
                continue  # a row of a nested table: folded into its cell's text
            row = []
            for cell in tr.iterchildren("td", "th"):
                inline = Inline()
                if cell.xpath(".//table"):
                    self.w.count("nested-table")
                self.inline(cell, inline, separator=" ")
                row.append(Cell(inline, int(cell.get("colspan") or 1),
                                int(cell.get("rowspan") or 1), cell.tag == "th"))
            rows.append(row)
        self.w.table(rows, header_known=bool(rows) and all(c.header for c in rows[0]))

    def inline(self, el: etree._Element, into: Inline | None = None, bold: bool = False,
               italic: bool = False, skip: tuple[str, ...] = (), separator: str = "") -> Inline:
        into = into if into is not None else Inline()
        into.text(el.text or "", bold, italic)
        for child in el:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in skip:
                into.text(child.tail or "", bold, italic)
                continue
            if tag in ("strong", "b"):
                self.inline(child, into, True, italic, skip, separator)
            elif tag in ("em", "i"):
                self.inline(child, into, bold, True, skip, separator)
            elif tag == "a":
                href = child.get("href") or ""
                m = _NOTE_ID.match(href)
                if m and m.group(1) in self.notes:
                    note = self.notes[m.group(1)]
                    for back in note.xpath(".//a[starts-with(@href,'#footnote-ref') or "
                                           "starts-with(@href,'#endnote-ref')]"):
                        back.getparent().remove(back) if back.getparent() is not None else None
                    into.raw(self.w.footnote(self.inline(note, separator=" ")))
                elif href.startswith("#") or not href:
                    self.inline(child, into, bold, italic, skip, separator)
                else:
                    into.link(self.inline(child, None, bold, italic), href)
            elif tag == "sup" and child.xpath("./a[starts-with(@href,'#footnote-') or "
                                              "starts-with(@href,'#endnote-')]"):
                self.inline(child, into, bold, italic, skip, separator)
            elif tag == "br":
                into.text(" ")
            elif tag == "img":
                self.image(child)
            elif tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table",
                         "tr", "td", "th"):
                if into.spans:
                    into.text(separator or " ")
                self.inline(child, into, bold, italic, skip, separator)
            else:
                self.inline(child, into, bold, italic, skip, separator)
            into.text(child.tail or "", bold, italic)
        return into

    def image(self, img: etree._Element) -> None:
        src = img.get("src") or ""
        if src.startswith(IMG_SCHEME):
            data, ext, _alt = self.images[int(src[len(IMG_SCHEME):])]
            self.w.image(data, ext, None)
