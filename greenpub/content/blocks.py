"""Sanitised HTML -> structured blocks (headings, paragraphs, lists, tables,
figures, quotes) for the editions that cannot show HTML: braille and speech.

Footnotes are attached to the paragraph that references them so both editions
can read them right after that paragraph.
"""

from __future__ import annotations

import re

import lxml.html
from lxml.html import HtmlElement

from .model import Block, Figure, Heading, ImageRef, ListBlock, Paragraph, Quote, Table

_WS = re.compile(r"[ \t\r\n\f\v]+")


def _clean(text: str) -> str:
    return _WS.sub(" ", text).strip()


_REF = "\ue000"  # stands for a footnote reference while the text is cleaned


def _text(el: HtmlElement) -> str:
    """Visible text of an element, without footnote reference numbers."""
    return _text_refs(el)[0]


def _text_refs(el: HtmlElement) -> tuple[str, tuple[int, ...]]:
    """Visible text and the offsets in it where footnote references stood."""
    parts: list[str] = []

    def walk(node: HtmlElement) -> None:
        if isinstance(node.tag, str):
            cls = node.get("class") or ""
            if node.tag == "sup" and node.get("id", "").startswith("fnref"):
                parts.append(_REF)
                if node.tail:
                    parts.append(node.tail)
                return
            if "footnote-backref" in cls:
                if node.tail:
                    parts.append(node.tail)
                return
            if node.tag == "br":
                parts.append(" ")
            if node.tag == "img":
                parts.append(node.get("alt") or "")
        if node.text and isinstance(node.tag, str):
            parts.append(node.text)
        for child in node:
            walk(child)
        if node.tail and node is not el:
            parts.append(node.tail)

    walk(el)
    text = _clean("".join(parts))
    offsets = []
    while _REF in text:
        at = text.index(_REF)
        offsets.append(at)
        text = text[:at] + text[at + 1:]
    return text, tuple(offsets)


def _footnote_refs(el: HtmlElement) -> list[str]:
    return [a.get("href", "")[1:] for a in el.iter("a") if "footnote-ref" in (a.get("class") or "")]


def _list_items(el: HtmlElement, level: int, items: list[str], levels: list[int],
                markers: list[str]) -> None:
    """A list and the lists nested in its items, flattened in reading order."""
    ordered = el.tag == "ol"
    n = int(el.get("start") or 1) if ordered and (el.get("start") or "1").isdigit() else 1
    for li in el:
        if not (isinstance(li.tag, str) and li.tag == "li"):
            continue
        nested = [c for c in li if isinstance(c.tag, str) and c.tag in {"ul", "ol"}]
        for sub in nested:  # the item's own text, without its sub-lists
            li.remove(sub)
        items.append(_text(li))
        levels.append(level)
        markers.append(f"{n}." if ordered else "")
        n += 1
        for sub in nested:
            _list_items(sub, level + 1, items, levels, markers)


def html_to_blocks(html: str) -> list[Block]:
    if not html.strip():
        return []
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    notes: dict[str, str] = {}
    for div in root.xpath('.//div[contains(@class, "footnote")]'):
        for li in div.iter("li"):
            notes[li.get("id", "")] = _text(li)
        div.getparent().remove(div)
    blocks: list[Block] = []

    def refs(el: HtmlElement) -> tuple[str, ...]:
        return tuple(notes[r] for r in _footnote_refs(el) if r in notes)

    def visit(el: HtmlElement) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            blocks.append(Heading(int(tag[1]), _text(el)))
        elif tag == "p":
            imgs = list(el.iter("img"))
            text = _text(el)
            if imgs and text == _clean(" ".join(i.get("alt") or "" for i in imgs)):
                for img in imgs:
                    blocks.append(Figure(img.get("alt") or "", img.get("title"), img.get("src") or ""))
            elif text:
                blocks.append(Paragraph(text, refs(el), _text_refs(el)[1]))
        elif tag in {"ul", "ol"}:
            items: list[str] = []
            levels: list[int] = []
            markers: list[str] = []
            _list_items(el, 0, items, levels, markers)
            nested = any(levels)
            blocks.append(ListBlock(tag == "ol", tuple(items), refs(el),
                                    tuple(levels) if nested else (),
                                    tuple(markers) if nested else ()))
        elif tag == "table":
            header: tuple[str, ...] = ()
            rows: list[tuple[str, ...]] = []
            for tr in el.iter("tr"):
                cells = [c for c in tr if isinstance(c.tag, str) and c.tag in {"th", "td"}]
                values = tuple(_text(c) for c in cells)
                if not header and all(c.tag == "th" for c in cells):
                    header = values
                else:
                    rows.append(values)
            cap = el.find("caption")
            blocks.append(Table(header, tuple(rows), _text(cap) if cap is not None else None,
                                refs(el)))
        elif tag == "blockquote":
            blocks.append(Quote(_text(el), refs(el)))
        elif tag == "figure":
            img = next(el.iter("img"), None)
            cap = el.find("figcaption")
            blocks.append(Figure(img.get("alt", "") if img is not None else "",
                                 _text(cap) if cap is not None else None,
                                 img.get("src", "") if img is not None else ""))
        elif tag == "pre":
            blocks.append(Paragraph(_clean(el.text_content())))
        elif tag in {"div", "section", "dl"} or not tag:
            for child in el:
                visit(child)
            if tag == "div" and el.text and el.text.strip():
                blocks.append(Paragraph(_clean(el.text)))
        elif tag == "hr":
            return
        else:
            text = _text(el)
            if text:
                blocks.append(Paragraph(text))

    for child in root:
        visit(child)
    return blocks


def figure_block(image: ImageRef) -> Figure:
    return Figure(image.alt, image.caption, image.src)


def blocks_to_text(blocks: list[Block]) -> str:
    out: list[str] = []
    for b in blocks:
        if isinstance(b, (Heading, Paragraph, Quote)):
            out.append(b.text)
        elif isinstance(b, ListBlock):
            out.extend(b.items)
        elif isinstance(b, Table):
            out.extend(" ".join(r) for r in b.rows)
    return "\n\n".join(out)
