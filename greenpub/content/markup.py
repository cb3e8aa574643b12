"""Markdown -> sanitised HTML, shared by every edition that shows HTML.

Content is never rendered as a template: Jinja only ever sees the result as
data, so `{{ 7*7 }}` written in an article stays literal text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape as html_escape

import markdown
import nh3

from .. import messages as M

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "u", "s", "sub", "sup", "small", "mark", "abbr",
    "a", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "h2", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "figure", "figcaption",
    "img", "hr", "div", "span", "code", "pre", "ruby", "rt", "time",
}
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "lang", "title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
    "time": {"datetime"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

# Classes and ids Markdown itself writes, which the editions read; anything else written
# by an author gets a prefix, so content cannot restyle or hijack the site's own names.
MARKDOWN_CLASSES = {"footnote", "footnote-ref", "footnote-backref"}
MARKDOWN_IDS = re.compile(r"^fn(ref)?:[\w-]+$")
USER_PREFIX = "u-"
_TABLE_ALIGN = re.compile(r"^text-align: (left|right|center);$")


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    if attr == "class":
        names = [n if n in MARKDOWN_CLASSES else USER_PREFIX + n for n in value.split()]
        return " ".join(names) or None
    if attr == "id":
        return value if MARKDOWN_IDS.match(value) else USER_PREFIX + value
    return value


def removed_parts(html: str) -> list[tuple[str, str]]:
    """What sanitising will remove from `html`: (description, text to find it by)."""
    import lxml.html

    found: list[tuple[str, str]] = []
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue  # comments are dropped without a word
        if el is not root and el.tag not in ALLOWED_TAGS:
            found.append((el.tag, f"<{el.tag}"))
            continue
        allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(el.tag, set())
        for attr, value in el.attrib.items():
            if attr == "style" and el.tag in ("th", "td") and _TABLE_ALIGN.match(value):
                continue  # Markdown's own column alignment
            if attr.startswith("on"):
                found.append(("이벤트 처리기(on…)", f"{attr}="))
            elif attr not in allowed and el is not root:
                found.append((f"{attr} 속성", f"{attr}="))
            elif attr in ("href", "src"):
                m = re.match(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):", value)
                if m and m.group(1).lower() not in URL_SCHEMES:
                    found.append((f"{m.group(1).lower()}: 주소", m.group(1) + ":"))
    return found


@dataclass
class RenderedMarkdown:
    html: str
    warnings: list[tuple[int, str]]  # (line offset inside the text, message)


def _md() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=["tables", "footnotes", "attr_list", "sane_lists", "md_in_html"],
        extension_configs={
            "footnotes": {
                "BACKLINK_TEXT": "↩",
                "BACKLINK_TITLE": "본문 %d번 각주 위치로 돌아가기",
                "SUPERSCRIPT_TEXT": "{}",
            }
        },
        output_format="html",
    )


def removal_warnings(text: str, html: str) -> list[tuple[int, str]]:
    """A warning for every piece of markup sanitising removes, at the line it stands on.

    The removals come in document order, so each is looked for in the text after the one
    before it (two `javascript:` links on two lines are two warnings, each on its line)."""
    found: set[tuple[int, str]] = set()
    lowered = text.lower()
    cursor = 0
    for what, needle in removed_parts(html):
        needle = needle.lower()
        pos = lowered.find(needle, cursor)
        if pos < 0:
            pos = lowered.find(needle)
        else:
            cursor = pos + len(needle)
        found.add((text[:pos].count("\n") if pos >= 0 else 0, M.HTML_REMOVED.format(what=what)))
    return sorted(found)


def _unwrap_dead_links(html: str) -> str:
    """A link whose address was removed leaves its words as plain text, no attributes."""
    if "<a" not in html:
        return html
    import lxml.html

    root = lxml.html.fragment_fromstring(html, create_parent="div")
    dead = [a for a in root.iter("a") if not a.get("href")]
    if not dead:
        return html
    for a in dead:
        a.drop_tag()
    out = "".join(lxml.html.tostring(child, encoding="unicode") for child in root)
    return (html_escape(root.text) if root.text else "") + out


def sanitise(html: str) -> str:
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=_attribute_filter,
    )
    return _unwrap_dead_links(clean)


def render_markdown(text: str) -> RenderedMarkdown:
    html = _md().convert(text)
    return RenderedMarkdown(sanitise(html), removal_warnings(text, html))


def inline(text: str) -> str:
    """Render a one-line field (title, caption) as sanitised inline HTML."""
    html = _md().convert(text).strip()
    if html.startswith("<p>") and html.endswith("</p>"):
        html = html[3:-4]
    return sanitise(html)
