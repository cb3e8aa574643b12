"""OWPML (the XML inside HWPX) → the shared Markdown writer.

HWPX files are read as they are; HWP 5 binaries are first converted to the same
OWPML parts by python-hwpx (`hwp.py`), so one walker serves both formats.
Paragraph kinds come from the header's paragraph shapes (`hh:heading` type
OUTLINE → heading, BULLET/NUMBER → list item with its level) and style names
(제목/Title, 부제목/Subtitle); bold and italic from the character shapes.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from pathlib import Path

from lxml import etree

from .markdown import Cell, Inline, MarkdownWriter
from .model import ImportedDocument

HP = "{http://www.hancom.co.kr/hwpml/2011/paragraph}"
HH = "{http://www.hancom.co.kr/hwpml/2011/head}"
HC = "{http://www.hancom.co.kr/hwpml/2011/core}"
OPF = "{http://www.idpf.org/2007/opf/}"

SHAPES = {"rect", "ellipse", "polygon", "curve", "arc", "line", "connectLine", "container",
          "textart"}
TITLE_STYLES = {"제목", "title"}
SUBTITLE_STYLES = {"부제목", "부제", "subtitle"}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def _local(el: etree._Element) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def parse_xml(data: bytes) -> etree._Element:
    return etree.fromstring(data, _PARSER)


class Header:
    """Paragraph shapes, character shapes and styles of `Contents/header.xml`."""

    def __init__(self, root: etree._Element | None):
        self.para: dict[str, tuple[str, int]] = {}  # id -> (heading type, level)
        self.char: dict[str, tuple[bool, bool]] = {}  # id -> (bold, italic)
        self.styles: dict[str, set[str]] = {}  # id -> lower-cased names
        if root is None:
            return
        for pp in root.iter(f"{HH}paraPr"):
            h = pp.find(f"{HH}heading")
            if h is None:  # in a hp:switch: the default branch carries it
                h = next(pp.iter(f"{HH}heading"), None)
            kind = (h.get("type") or "NONE").upper() if h is not None else "NONE"
            level = int(h.get("level") or 0) if h is not None else 0
            self.para[pp.get("id", "")] = (kind, level)
        for cp in root.iter(f"{HH}charPr"):
            self.char[cp.get("id", "")] = (cp.find(f"{HH}bold") is not None,
                                           cp.find(f"{HH}italic") is not None)
        for st in root.iter(f"{HH}style"):
            self.styles[st.get("id", "")] = {(st.get("name") or "").strip().lower(),
                                             (st.get("engName") or "").strip().lower()}


class OwpmlReader:
    def __init__(self, files: Mapping[str, bytes], source: Path, writer: MarkdownWriter):
        self.files = files
        self.source = source
        self.w = writer
        self.header = Header(parse_xml(files["Contents/header.xml"])
                             if "Contents/header.xml" in files else None)
        self.bins: dict[str, tuple[str, str]] = {}  # item id -> (part name, media type)
        self.sections: list[str] = []
        self.memo_fields = 0
        self._manifest()

    def _manifest(self) -> None:
        hpf = self.files.get("Contents/content.hpf")
        spine: list[str] = []
        if hpf is not None:
            root = parse_xml(hpf)
            title = root.find(f".//{OPF}title")
            if title is not None and (title.text or "").strip():
                self.w.meta_title = title.text.strip()
            items = {}
            for item in root.iter(f"{OPF}item"):
                href = item.get("href") or ""
                items[item.get("id", "")] = href
                self.bins[item.get("id", "")] = (href, item.get("media-type") or "")
            for ref in root.iter(f"{OPF}itemref"):
                href = items.get(ref.get("idref", ""), "")
                if href.startswith("Contents/section"):
                    spine.append(href)
        if not spine:
            spine = sorted((n for n in self.files if n.startswith("Contents/section")
                            and n.endswith(".xml")),
                           key=lambda n: int("".join(filter(str.isdigit, n)) or 0))
        self.sections = spine

    # -- walking -----------------------------------------------------------------
    def read(self) -> ImportedDocument:
        for name in self.sections:
            root = parse_xml(self.files[name])
            self.memo_fields = 0
            for p in root.iterchildren(f"{HP}p"):
                self.paragraph(p)
            # A memo is a MEMO field in the text and its body in hp:memogroup; a converted
            # HWP 5 keeps only the field.
            memos = max(self.memo_fields, sum(1 for _ in root.iter(f"{HP}memo")))
            if memos:
                self.w.count("comment", memos)
        return self.w.finish(self.source)

    def paragraph(self, p: etree._Element) -> None:
        kind, level = self.header.para.get(p.get("paraPrIDRef", ""), ("NONE", 0))
        style = self.header.styles.get(p.get("styleIDRef", ""), set())
        inline = Inline()

        def flush() -> None:
            nonlocal inline
            if style & TITLE_STYLES:
                self.w.title_block(inline)
            elif style & SUBTITLE_STYLES:
                self.w.subtitle_block(inline)
            elif kind == "OUTLINE":
                self.w.heading(level + 1, inline)
            elif kind in ("BULLET", "NUMBER"):
                self.w.list_item(kind == "NUMBER", level, inline)
            else:
                self.w.paragraph(inline)
            inline = Inline()

        for block in self.runs(p, lambda: inline, top=True):
            flush()
            block()
        flush()

    def runs(self, p: etree._Element, target, top: bool) -> Iterable:  # type: ignore[no-untyped-def]
        """Walks one paragraph's runs into `target()` (the current Inline). Tables,
        text boxes and pictures are blocks: at the top level they are yielded as
        callables, so the text before them is written first; inside a cell or a note
        they are folded into the text."""
        link: Inline | None = None
        href = ""
        for run in p.iterchildren(f"{HP}run"):
            bold, italic = self.header.char.get(run.get("charPrIDRef", ""), (False, False))
            for child in run:
                tag = _local(child)
                into = link if link is not None else target()
                if tag == "t":
                    self.text(child, into, bold, italic)
                elif tag == "ctrl":
                    for c in child:
                        ctag = _local(c)
                        if ctag == "fieldBegin":
                            ftype = (c.get("type") or "").upper()
                            if ftype == "HYPERLINK":
                                link, href = Inline(), _hyperlink(c)
                            elif ftype == "MEMO":
                                self.memo_fields += 1
                        elif ctag == "fieldEnd" and link is not None:
                            target().link(link, href)
                            link = None
                        elif ctag in ("footNote", "endNote"):
                            note = Inline()
                            for np in _sub_paragraphs(c):
                                if note.spans:
                                    note.text(" ")
                                for _ in self.runs(np, lambda n=note: n, top=False):
                                    pass
                            into.raw(self.w.footnote(note))
                        elif ctag in ("header", "footer"):
                            self.w.count("header-footer")
                        elif ctag == "colPr" and int(c.get("colCount") or 1) > 1:
                            self.w.count("page-layout")
                elif tag == "tbl":
                    if top:
                        yield lambda t=child: self.table(t)
                    else:
                        self.w.count("nested-table")
                        into.text(" " + " ".join(_plain_paragraphs(child)) + " ")
                elif tag == "pic":
                    self.picture(child)
                elif tag in SHAPES:
                    texts = [np for np in child.iter(f"{HP}drawText")]
                    pics = list(child.iter(f"{HP}pic"))
                    for pic in pics:
                        self.picture(pic)
                    if texts:
                        self.w.count("textbox")
                        if top:
                            yield lambda t=texts: self.textbox(t)
                        else:
                            into.text(" " + " ".join(
                                s for d in texts for s in _plain_paragraphs(d)) + " ")
                    elif not pics:
                        self.w.count("shape")
                elif tag == "dutmal":  # 덧말 (ruby): the main text, the note in brackets
                    main_text = child.findtext(f"{HP}mainText") or ""
                    sub_text = child.findtext(f"{HP}subText") or ""
                    into.text(f"{main_text}({sub_text})" if sub_text.strip() else main_text,
                              bold, italic)
                elif tag == "compose":  # 글자 겹침: the overlapped characters
                    into.text(child.get("composeText") or "", bold, italic)
                elif tag == "equation":
                    self.w.count("equation")
                elif tag == "chart":
                    self.w.count("chart")
                elif tag == "ole":
                    self.w.count("ole")
        if link is not None:  # a link field left open: keep its text
            target().link(link, href)

    def text(self, t: etree._Element, into: Inline, bold: bool, italic: bool) -> None:
        into.text(t.text or "", bold, italic)
        for c in t:
            tag = _local(c)
            if tag in ("tab", "lineBreak", "nbSpace", "fwSpace"):
                into.text(" ", bold, italic)
            elif tag == "hyphen":
                into.text("-", bold, italic)
            into.text(c.tail or "", bold, italic)

    def table(self, tbl: etree._Element) -> None:
        rows: list[list[Cell]] = []
        header_known = False
        for tr in tbl.iterchildren(f"{HP}tr"):
            row = []
            for tc in tr.iterchildren(f"{HP}tc"):
                inline = Inline()
                for np in _sub_paragraphs(tc):
                    if inline.spans:
                        inline.text(" ")
                    for _ in self.runs(np, lambda i=inline: i, top=False):
                        pass
                span = tc.find(f"{HP}cellSpan")
                colspan = int(span.get("colSpan") or 1) if span is not None else 1
                rowspan = int(span.get("rowSpan") or 1) if span is not None else 1
                header = tc.get("header") == "1"
                header_known = header_known or header
                row.append(Cell(inline, colspan, rowspan, header))
            rows.append(row)
        self.w.table(rows, header_known=bool(rows) and all(c.header for c in rows[0]))

    def textbox(self, draw_texts: list[etree._Element]) -> None:
        for d in draw_texts:
            for np in _sub_paragraphs(d):
                self.paragraph(np)

    def picture(self, pic: etree._Element) -> None:
        img = pic.find(f".//{HC}img")
        ref = img.get("binaryItemIDRef") if img is not None else None
        caption = None
        cap = pic.find(f"{HP}caption")
        if cap is not None:
            caption = " ".join(_plain_paragraphs(cap)).strip() or None
        href, media = self.bins.get(ref or "", ("", ""))
        name = href if href in self.files else posixpath.join("BinData", posixpath.basename(href))
        data = self.files.get(name)
        if data is None:  # a linked (not embedded) picture, or a broken reference
            self.w.image(b"", posixpath.splitext(href)[1] or "unknown", caption)
            return
        ext = posixpath.splitext(name)[1].lstrip(".") or media.rsplit("/", 1)[-1]
        self.w.image(data, ext, caption)


def _sub_paragraphs(el: etree._Element) -> list[etree._Element]:
    """The paragraphs of a note, cell, caption or text box (its first hp:subList)."""
    sub = next(el.iter(f"{HP}subList"), None)
    return list(sub.iterchildren(f"{HP}p")) if sub is not None else []


def _plain_paragraphs(el: etree._Element) -> list[str]:
    out = []
    for p in el.iter(f"{HP}p"):
        text = "".join(t.xpath("string()") for t in p.iter(f"{HP}t")).strip()
        if text:
            out.append(text)
    return out


def _hyperlink(field: etree._Element) -> str:
    """The URL of a HYPERLINK field: its Path parameter, else its Command's first part
    (written with `\\:` for `:`)."""
    path = command = ""
    for param in field.iter(f"{HP}stringParam"):
        if param.get("name") == "Path":
            path = (param.text or "").strip()
        elif param.get("name") == "Command":
            command = (param.text or "").split(";", 1)[0].replace("\\:", ":").strip()
    return path or command or (field.get("name") or "")
