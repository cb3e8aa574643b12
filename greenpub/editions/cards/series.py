"""What an article's slide series says: cover, 2-5 content slides, closing.

Content slides come from the article's `card:` list as the editor wrote it, or, when
absent, from its summary followed by key sentences of its paragraphs: the first
sentence of each paragraph (the lead sentence in Korean news writing), in article order.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import Field

from ...config import SiteConfig
from ...content.model import Article, ListBlock, Paragraph, Quote
from ...errors import RenderError
from ...settings import Settings
from . import messages as M

MIN_CONTENT, MAX_CONTENT = 2, 5
# Automatically picked sentences must read well alone on a slide.
AUTO_MIN_CHARS, AUTO_MAX_CHARS = 12, 120
_SENTENCE_END = re.compile(r"(?<=[.!?。])\s+")


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


def key_sentences(article: Article, count: int) -> list[str]:
    """Up to `count` sentences that carry the article, in the order they appear."""
    skip = _norm(article.summary)
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
            # Lead sentences of paragraphs first, then later sentences, then list items.
            priority = 0 if lead and k == 0 else 1 if lead else 2
            candidates.append((priority, position, sentence))
    # Lead sentences fill the series; others only make up the minimum of content slides.
    leads = [c for c in candidates if c[0] == 0][:count]
    others = sorted(c for c in candidates if c[0] > 0)[:max(0, MIN_CONTENT - 1 - len(leads))]
    return [s for _, _, s in sorted(leads + others, key=lambda c: c[1])]


def content_texts(article: Article, settings: CardSettings) -> list[str]:
    """The texts of the content slides (validated `card:` or summary + key sentences)."""
    if article.card is not None:
        n = len(article.card)
        if not MIN_CONTENT <= n <= MAX_CONTENT:
            raise RenderError(M.CARD_COUNT.format(title=article.title, n=n, low=MIN_CONTENT,
                                                  high=MAX_CONTENT), article.file)
        for i, text in enumerate(article.card, 1):
            if not text.strip():
                raise RenderError(M.CARD_EMPTY.format(title=article.title, n=i), article.file)
        return list(article.card)
    return [article.summary] + key_sentences(article, settings.auto_slides - 1)
