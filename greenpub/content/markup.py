"""Markdown -> sanitised HTML, shared by every edition that shows HTML.

Content is never rendered as a template: Jinja only ever sees the result as
data, so `{{ 7*7 }}` written in an article stays literal text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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

# Raw HTML constructs that are removed; each one found is reported with its line.
_DANGEROUS = [
    (re.compile(r"<\s*script\b", re.I), "script"),
    (re.compile(r"<\s*iframe\b", re.I), "iframe"),
    (re.compile(r"<\s*(object|embed|form|input|button)\b", re.I), "object/embed/form"),
    (re.compile(r"<\s*style\b", re.I), "style"),
    (re.compile(r"\bstyle\s*=", re.I), "style 속성"),
    (re.compile(r"<[^>]*\son[a-z]+\s*=", re.I), "이벤트 처리기(on…)"),
    (re.compile(r"javascript\s*:", re.I), "javascript: 주소"),
    (re.compile(r"(href|src)\s*=\s*[\"']?\s*data:", re.I), "data: 주소"),
    (re.compile(r"expression\s*\(", re.I), "CSS expression"),
]


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


def scan_raw_html(text: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for pattern, what in _DANGEROUS:
        for m in pattern.finditer(text):
            line = text[: m.start()].count("\n")
            found.append((line, M.HTML_REMOVED.format(what=what)))
    return sorted(set(found))


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def render_markdown(text: str) -> RenderedMarkdown:
    html = _md().convert(text)
    return RenderedMarkdown(sanitise(html), scan_raw_html(text))


def inline(text: str) -> str:
    """Render a one-line field (title, caption) as sanitised inline HTML."""
    html = _md().convert(text).strip()
    if html.startswith("<p>") and html.endswith("</p>"):
        html = html[3:-4]
    return sanitise(html)
