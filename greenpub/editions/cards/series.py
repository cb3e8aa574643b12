"""What an article's slide series says: cover, 2-5 content slides, closing.

Content slides come from the article's `card:` list as the editor wrote it, or, when
absent, from its summary followed by key sentences of its paragraphs: the first
sentence of each paragraph (the lead sentence in Korean news writing), in article order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated

from pydantic import Field

from ...config import SiteConfig
from ...content.model import Article, ImageRef, ListBlock, Paragraph, Quote
from ...errors import RenderError
from ...settings import Settings
from . import messages as M

MIN_CONTENT, MAX_CONTENT = 2, 5
# Automatically picked sentences must read well alone on a slide.
AUTO_MIN_CHARS, AUTO_MAX_CHARS = 12, 120
_SENTENCE_END = re.compile(r"(?<=[.!?。])\s+")
# Contact lines (문의 ☎ 032-560-4114, e-mail, web address) read badly alone on a slide:
# the closing slide carries the contact and the QR code.
_CONTACT = re.compile(r"문의|연락처|☎|전화|[0-9]{2,4}[-)][0-9]{3,4}-[0-9]{4}|@|https?://|www\.")


@dataclass(frozen=True)
class ContentSlide:
    """One content slide: its text, its picture (a photo slide) and where the text is
    written (front-matter field and file line) for messages."""

    text: str
    image: ImageRef | None
    field: str  # 'card[1]', 'summary' or 'body'
    line: int | None


class CardSettings(Settings):
    """site.yaml `cards:` block."""

    # content slides made when an article has no card: list
    auto_slides: Annotated[int, Field(ge=MIN_CONTENT, le=MAX_CONTENT)] = 4

    @staticmethod
    def from_site(site: SiteConfig) -> CardSettings:
        settings: CardSettings = site.settings_for("cards")
        return settings


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def _norm(text: str) -> str:
    return re.sub(r"\W+", "", text)


def is_contact(sentence: str) -> bool:
    return _CONTACT.search(sentence) is not None


def repeats(sentence: str, title: str) -> bool:
    """Does the sentence only say the title again (same words, maybe with a little more)?"""
    s, t = _norm(sentence), _norm(title)
    return bool(t) and (s == t or (t in s and len(s) - len(t) <= 4) or s in t)


def key_sentences(article: Article, count: int) -> list[str]:
    """Up to `count` sentences that carry the article, in the order they appear; never a
    contact line or one that repeats the title."""
    skip = _norm(article.summary)
    titles = [t for t in (article.title, article.card_title, article.subtitle) if t]
    candidates: list[tuple[int, int, str]] = []  # (priority, position, sentence)
    position = 0
    for block in article.blocks:
        if isinstance(block, (Paragraph, Quote)):
            texts = [block.text]
        elif isinstance(block, ListBlock):
            texts = list(block.items)
        else:
            continue
        lead = isinstance(block, Paragraph)
        for k, sentence in enumerate(s for t in texts for s in sentences(t)):
            position += 1
            n = _norm(sentence)
            if not AUTO_MIN_CHARS <= len(sentence) <= AUTO_MAX_CHARS or not n or n in skip:
                continue
            if is_contact(sentence) or any(repeats(sentence, t) for t in titles):
                continue
            # Lead sentences of paragraphs first, then later sentences, then list items.
            priority = 0 if lead and k == 0 else 1 if lead else 2
            candidates.append((priority, position, sentence))
    # Lead sentences fill the series; others only make up the minimum of content slides.
    leads = [c for c in candidates if c[0] == 0][:count]
    others = sorted(c for c in candidates if c[0] > 0)[:max(0, MIN_CONTENT - 1 - len(leads))]
    return [s for _, _, s in sorted(leads + others, key=lambda c: c[1])]


def content_texts(article: Article, settings: CardSettings) -> list[str]:
    return [c.text for c in content_slides(article, settings)]


def content_slides(article: Article, settings: CardSettings) -> list[ContentSlide]:
    """The content slides: the validated `card:` list, or summary + key sentences."""
    lines = article.lines
    if article.card is not None:
        pictures = article.card_images or (None,) * len(article.card)
        return [ContentSlide(t, pictures[i], f"card[{i}]", lines.get(f"card[{i}]"))
                for i, t in enumerate(_checked_card(article))]
    out = [ContentSlide(article.summary, None, "summary", lines.get("summary"))]
    for sentence in key_sentences(article, settings.auto_slides - 1):
        out.append(ContentSlide(sentence, None, "body", _body_line(article, sentence)))
    return out


def _body_line(article: Article, sentence: str) -> int | None:
    """The file line where an automatically picked sentence starts (best effort: the
    sentence is plain text, the body Markdown)."""
    for probe in (sentence[:12], sentence[:6]):
        pos = article.body_md.find(probe)
        if pos >= 0:
            return article.body_line + article.body_md[:pos].count("\n")
    return article.body_line or None


def _checked_card(article: Article) -> list[str]:
    assert article.card is not None
    n = len(article.card)
    if not MIN_CONTENT <= n <= MAX_CONTENT:
        raise RenderError(M.CARD_COUNT.format(title=article.title, n=n, low=MIN_CONTENT,
                                              high=MAX_CONTENT), article.file,
                          article.lines.get("card"))
    for i, text in enumerate(article.card):
        if not text.strip():
            raise RenderError(M.CARD_EMPTY.format(title=article.title, n=i + 1), article.file,
                              article.lines.get(f"card[{i}]"))
    return list(article.card)
