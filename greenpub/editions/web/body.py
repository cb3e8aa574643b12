"""Article body HTML for the web: tables with captions in their own scroll box, named
footnote links under a heading, tap-to-call phone numbers.

Works on the reader's sanitised HTML (lxml), so every edition keeps the same source.
"""

from __future__ import annotations

import re

import lxml.html
from lxml.html import HtmlElement

# "Table: caption" / "표: caption" paragraph right before or after a table (the pandoc
# convention); otherwise the heading before the table names it.
_CAPTION = re.compile(r"^\s*(?:표|Table)\s*[:：]\s*(.+)$", re.DOTALL)
# Korean phone numbers: 032-560-4114, 02-123-4567, 010-1234-5678, and the nationwide
# 15xx/16xx/18xx-xxxx numbers (not a span of years such as 1999-2000년).
PHONE = re.compile(r"(?<![\d-])(0\d{1,2}-\d{3,4}-\d{4}|1(?:5[4-9]|6\d|8\d)\d-\d{4})(?![\d-]|년)")
_NO_LINKS = {"a", "code", "pre", "time", "script", "style"}
# A token with punctuation has line-break opportunities inside it ("2시~4시", "3.(화)",
# "032-560-4114") that keep-all does not remove; such tokens in table cells are kept whole.
_TOKEN = re.compile(r"(\S*[^\w\s]\S*)")


def _text(el: HtmlElement) -> str:
    return " ".join(el.text_content().split())


def tables(root: HtmlElement, title: str) -> None:
    """Give each table a <caption> and a keyboard-scrollable box named by it."""
    heading = title
    count = 0
    for el in list(root.iter()):
        if el.tag in ("h2", "h3", "h4", "h5", "h6"):
            heading = _text(el)
        if el.tag != "table":
            continue
        count += 1
        caption = el.find("caption")
        if caption is None:
            text = _caption_paragraph(el) or (heading if heading != title else
                                              f"{title} 표 {count}")
            caption = lxml.html.Element("caption")
            caption.text = text
            el.insert(0, caption)
        cap_id = f"table-{count}-caption"
        caption.set("id", cap_id)
        wrap = lxml.html.Element("div", {"class": "table-wrap", "role": "region",
                                        "tabindex": "0", "aria-labelledby": cap_id})
        el.addprevious(wrap)
        wrap.append(el)
        for cell in list(el.iter("th", "td")):
            if cell.getparent().getparent().tag == "thead":
                cell.set("scope", "col")
            _keep_tokens_whole(cell)


def _split_tokens(text: str | None) -> tuple[str | None, list[tuple[HtmlElement, str]]]:
    """Text -> (head, [(<span class="nw">token</span>, text after it), ...])."""
    if not text or not _TOKEN.search(text):
        return text, []
    parts = _TOKEN.split(text)
    out = []
    for i in range(1, len(parts), 2):
        span = lxml.html.Element("span", {"class": "nw"})
        span.text = parts[i]
        out.append((span, parts[i + 1]))
    return parts[0], out


def _insert_runs(el: HtmlElement, text_of_child: HtmlElement | None,
                 split: tuple[str | None, list[tuple[HtmlElement, str]]]) -> None:
    """Put split runs back: as el's leading text (child None) or after a child's tail."""
    head, runs = split
    if not runs:
        return
    if text_of_child is None:
        el.text = head
        for i, (node, tail) in enumerate(runs):
            node.tail = tail
            el.insert(i, node)
    else:
        text_of_child.tail = head
        anchor = text_of_child
        for node, tail in runs:
            node.tail = tail
            anchor.addnext(node)
            anchor = node


def _keep_tokens_whole(cell: HtmlElement) -> None:
    for el in list(cell.iter()):
        if not isinstance(el.tag, str) or el.get("class") == "nw":
            continue
        _insert_runs(el, None, _split_tokens(el.text))
        for child in list(el):
            if isinstance(child.tag, str) and child.get("class") != "nw":
                _insert_runs(el, child, _split_tokens(child.tail))


def _caption_paragraph(table: HtmlElement) -> str | None:
    for sib in (table.getprevious(), table.getnext()):
        if sib is not None and sib.tag == "p" and len(sib) == 0:
            m = _CAPTION.match(sib.text or "")
            if m:
                text = " ".join(m.group(1).split())
                sib.getparent().remove(sib)
                return text
    return None


def footnotes(root: HtmlElement) -> None:
    """Markers at least 24×24 px named "각주 N", back links named, notes under a heading."""
    for a in root.iter("a"):
        cls = a.get("class", "")
        href = a.get("href", "")
        if "footnote-ref" in cls:
            a.set("aria-label", f"각주 {_text(a)}")
        elif "footnote-backref" in cls:
            n = href.rsplit(":", 1)[-1]
            a.set("aria-label", f"각주 {n}을 단 본문으로 돌아가기")
            a.attrib.pop("title", None)
    for div in root.xpath("//div[contains(concat(' ', @class, ' '), ' footnote ')]"):
        section = lxml.html.Element("section", {"class": "footnotes",
                                               "aria-labelledby": "footnotes-h"})
        h = lxml.html.Element("h2", {"id": "footnotes-h"})
        h.text = "각주"
        section.append(h)
        for child in list(div):
            if child.tag != "hr":
                section.append(child)
        div.getparent().replace(div, section)


def phone_links(root: HtmlElement) -> None:
    """Wrap phone numbers in running text in tel: links (not inside links or code)."""

    def linkify(text: str | None) -> tuple[str | None, list[tuple[HtmlElement, str]]]:
        if not text or not PHONE.search(text):
            return text, []
        parts = PHONE.split(text)
        out: list[tuple[HtmlElement, str]] = []
        for i in range(1, len(parts), 2):
            a = lxml.html.Element("a", {"href": "tel:" + parts[i].replace("-", ""),
                                       "class": "tel"})
            a.text = parts[i]
            out.append((a, parts[i + 1]))
        return parts[0], out

    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.tag in _NO_LINKS or \
                any(p.tag in _NO_LINKS for p in el.iterancestors()):
            continue
        _insert_runs(el, None, linkify(el.text))
        for child in list(el):
            if isinstance(child.tag, str):
                _insert_runs(el, child, linkify(child.tail))


def insert_after_first_paragraph(root: HtmlElement, fragment: HtmlElement) -> None:
    """The lead image follows the first paragraph, so reading starts on the first screen."""
    first = next((c for c in root if c.tag == "p"), None)
    if first is None:
        root.insert(0, fragment)
    else:
        first.addnext(fragment)
