"""One issue as a print HTML document, ready for WeasyPrint.

The article HTML comes sanitised from content/; here it only changes shape for
paper: Markdown footnotes move to their call sites as `float: footnote` spans,
headings shift one level below the article title, images get absolute file
URLs and captions, ids get the article's slug so two articles cannot collide.
"""

from __future__ import annotations

import copy
import functools
import html as html_lib
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import jinja2
import lxml.html
import segno
from lxml.html import HtmlElement

from ... import paths
from ...config import Feedback
from ...content.model import Article, ImageRef, Issue
from ..base import RenderContext
from . import messages as M
from .settings import PrintSettings

NOTE_TAG = "gp-note"  # the footnote element (tagging.NOTE_TAG: tagging.py imports WeasyPrint)

WIDE_TABLE_COLUMNS = 4  # tables with this many columns or more span the whole page width


@dataclass
class QRCode:
    svg_uri: str
    url: str
    label: str
    alt: str


@dataclass
class PrintArticle:
    article: Article
    anchor: str
    body_html: str
    body_text: str  # what is printed, for the glyph check
    lead_images: list[tuple[str, ImageRef]]  # (file URL, image)
    qr: list[QRCode] = field(default_factory=list)

    def printed_text(self) -> dict[str, str]:
        """Printed text by font role, for the missing-glyph check."""
        a = self.article
        heading = " ".join(filter(None, [a.title, a.subtitle, a.section]))
        sans = " ".join(filter(None, [a.author, a.author_role]
                               + [img.caption or "" for _, img in self.lead_images]
                               + [q.label for q in self.qr]))
        return {"heading": heading, "sans": sans, "body": self.body_text}


def _image_url(article: Article, src: str) -> str | None:
    return _image_file_url(article.all_images, src)


def _image_file_url(images: list[ImageRef], src: str) -> str | None:
    for image in images:
        if image.src == src:
            return image.path.as_uri()
    # The reader has checked every body image; anything else stays out of the PDF.
    return None


def _move_footnotes(root: HtmlElement) -> None:
    notes: dict[str, HtmlElement] = {}
    for div in root.xpath('.//div[contains(concat(" ", @class, " "), " footnote ")]'):
        for li in div.iter("li"):
            for back in li.xpath('.//a[contains(@class, "footnote-backref")]'):
                back.drop_tree()
            notes["#" + li.get("id", "")] = li
        div.drop_tree()
    for ref in root.xpath('.//a[contains(@class, "footnote-ref")]'):
        li = notes.get(ref.get("href", ""))
        sup = ref.getparent()
        holder = sup if sup is not None and sup.tag == "sup" else ref
        if li is None:
            holder.drop_tree()
            continue
        # tagged /Note (tagging.py); an unknown element is inline for the HTML parser
        span = lxml.html.Element(NOTE_TAG, {"class": "fn"})
        # A footnote's paragraphs become inline text: the footnote area is one block.
        source = copy.deepcopy(li)
        paragraphs = [p for p in source if p.tag == "p"] or [source]
        for i, p in enumerate(paragraphs):
            if i:
                span.append(lxml.html.Element("br"))
            if p.text:
                if len(span):
                    span[-1].tail = (span[-1].tail or "") + p.text
                else:
                    span.text = (span.text or "") + p.text
            for child in list(p):
                span.append(child)
        if span.text:
            span.text = span.text.lstrip()
        if len(span) and span[-1].tail:
            span[-1].tail = span[-1].tail.rstrip().rstrip("\u00a0")
        elif span.text:
            span.text = span.text.rstrip().rstrip("\u00a0")
        span.tail = holder.tail
        holder.getparent().replace(holder, span)


# Line-breaking fixes on text: "~" and dashes never start a line (the space before them
# does not break), and "☎ 032-…" stays together (the number itself never breaks: UAX #14
# keeps a hyphen with the digits after it).
_BEFORE_DASH = re.compile(r"[ \t\n]+(?=[~\-\u2013\u2014\u301c\uff5e])")
_AFTER_PHONE = re.compile(r"(☎|☏|TEL|Tel|전화)[ \t\n]+(?=[\d(])")


def keep_together(text: str) -> str:
    return _AFTER_PHONE.sub("\\1\u00a0", _BEFORE_DASH.sub("\u00a0", text))


def _nobreak(root: HtmlElement) -> None:
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in ("pre", "code"):
            continue
        if el.text:
            el.text = keep_together(el.text)
        if el.tail:
            el.tail = keep_together(el.tail)


def transform_body(article: Article, anchor: str) -> tuple[str, str]:
    """Article HTML reshaped for print; returns (html, printed plain text)."""
    if not article.html.strip():
        return "", ""
    root = lxml.html.fragment_fromstring(article.html, create_parent="div")
    _move_footnotes(root)
    _nobreak(root)
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in {"h2", "h3", "h4", "h5"}:
            el.tag = f"h{int(el.tag[1]) + 1}"
        if el.get("id"):
            el.set("id", f"{anchor}-{el.get('id')}")
        if el.tag == "a" and (el.get("href") or "").startswith("#"):
            el.set("href", f"#{anchor}-{el.get('href', '')[1:]}")
        if el.tag == "a":
            el.attrib.pop("rel", None)
    for img in list(root.iter("img")):
        url = _image_url(article, img.get("src", ""))
        if url is None:
            img.drop_tree()
            continue
        img.set("src", url)
        parent = img.getparent()
        caption = img.attrib.pop("title", None) or next(
            (i.caption for i in article.body_images if i.path.as_uri() == url and i.caption),
            None)
        # An image alone in its paragraph is a figure with a caption.
        if parent is not None and parent.tag == "p" and len(parent) == 1 \
                and not (parent.text or "").strip() and not (img.tail or "").strip():
            parent.tag = "figure"
            parent.set("class", "figure")
            if caption:
                cap = lxml.html.Element("figcaption")
                cap.text = caption
                parent.append(cap)
    for table in root.iter("table"):
        first_row = next(table.iter("tr"), None)
        width = len(first_row) if first_row is not None else 0
        wrapper = lxml.html.Element("div", {"class": "table" + (
            " table-wide" if width >= WIDE_TABLE_COLUMNS else "")})
        table.addprevious(wrapper)
        wrapper.append(table)  # moves the table (and keeps its tail outside)
    html = "".join(lxml.html.tostring(child, encoding="unicode") for child in root)
    if root.text and root.text.strip():
        html = html_lib.escape(root.text) + html
    return html, root.text_content()


def note_html(issue: Issue) -> str:
    """The publisher's note with its (checked) images as file URLs; any other image is
    dropped, so nothing outside the content folder reaches the PDF."""
    if "<img" not in issue.note_html:
        return issue.note_html
    root = lxml.html.fragment_fromstring(issue.note_html, create_parent="div")
    for img in list(root.iter("img")):
        url = _image_file_url(issue.note_images, img.get("src", ""))
        if url is None:
            img.drop_tree()
        else:
            img.set("src", url)
    html = "".join(lxml.html.tostring(child, encoding="unicode") for child in root)
    if root.text and root.text.strip():
        html = html_lib.escape(root.text) + html
    return html


@functools.lru_cache(maxsize=256)
def qr_svg_uri(url: str) -> str:
    # Vector SVG: WeasyPrint draws it as PDF paths, sharp at any print resolution.
    # a quiet zone of 4 modules, as ISO/IEC 18004 asks (phone cameras need the margin)
    return segno.make(url, error="m", micro=False).svg_data_uri(border=4, dark="#000")


def feedback_block(feedback: Feedback | None) -> dict[str, str] | None:
    """The residents' survey on the back page: its label, a QR code of its address (with
    alt text for the tagged PDF) and the address printed for those without a camera."""
    if feedback is None:
        return None
    return {"label": feedback.label, "url": feedback.url, "qr": qr_svg_uri(feedback.url),
            "alt": M.QR_FEEDBACK_ALT.format(label=feedback.label)}


def build_articles(issue: Issue, ctx: RenderContext) -> list[PrintArticle]:
    out = []
    for position, article in enumerate(issue.articles, 1):
        anchor = f"article-{article.slug}"
        body_html, body_text = transform_body(article, anchor)
        web = ctx.url(paths.web_article_url(issue.id, article.slug))
        qr = [QRCode(qr_svg_uri(web), web, M.QR_WEB, M.QR_WEB_ALT.format(url=web))]
        if ctx.has_format("audio"):
            mp3 = ctx.url(quote(paths.audio_article(issue.id, article, position)))
            qr.append(QRCode(qr_svg_uri(mp3), mp3, M.QR_AUDIO, M.QR_AUDIO_ALT.format(url=mp3)))
        lead = [(img.path.as_uri(), img) for img in article.images]
        out.append(PrintArticle(article, anchor, body_html, body_text, lead, qr))
    return out


@functools.lru_cache(maxsize=4)
def _environment(folder: Path) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(folder),
                              autoescape=jinja2.select_autoescape(["html"]),
                              undefined=jinja2.StrictUndefined, trim_blocks=True,
                              lstrip_blocks=True)


def css_string(text: str) -> str:
    """A CSS string literal (for running heads built from site settings)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def render_html(issue: Issue, articles: list[PrintArticle], ctx: RenderContext,
                settings: PrintSettings, large: bool, part: str, start_page: int = 1,
                toc_pages: dict[str, int] | None = None, folio_count: int = 0,
                marks: bool | None = None) -> str:
    """One part of the issue as HTML: "front" (cover, contents with `toc_pages`, the
    publisher's note), "article" (the articles given, usually one; no folios), "back", or
    "folios" (`folio_count` pages with nothing but their page numbers)."""
    layouts = ctx.layouts("print").resolve()
    env = _environment(layouts)
    env.filters["css_string"] = css_string
    site = ctx.site
    issue_url = ctx.url(paths.web_issue_url(issue.id))
    page_css = env.get_template("page.css.j2").render(
        settings=settings, large=large, marks=ctx.options.print_marks if marks is None else marks, site=site, issue=issue,
        edition_label=M.LARGE_EDITION if large else "", start_page=start_page, part=part)
    return env.get_template("issue.html").render(
        site=site, issue=issue, articles=articles, large=large, drafts=ctx.drafts, part=part,
        toc_pages=toc_pages or {}, folio_count=folio_count,
        stylesheet=(layouts / ("large.css" if large else "print.css")).as_uri(),
        page_css=page_css, M=M, cover_url=issue.cover.path.as_uri() if issue.cover else None,
        formats=ctx.options.formats, note_html=note_html(issue),
        issue_url=issue_url, site_qr=qr_svg_uri(issue_url),
        site_qr_alt=M.QR_SITE_ALT.format(url=issue_url),
        contact=[(M.CONTACT_LABELS.get(k, k), v) for k, v in site.contact.items()],
        feedback=feedback_block(site.feedback) if part == "back" else None,
        sections=sorted({a.article.section for a in articles}))
