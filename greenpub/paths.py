"""Where each output lives, relative to the output folder.

Defined once so editions can link to each other (the print edition's QR code
to an article's MP3, the web edition's links to the PDF) without running in order.
"""

from __future__ import annotations

import posixpath

from .content.model import Article

STATIC = "static"


def relative(from_page: str, target: str) -> str:
    """Link from one output page to another output path (both relative to the output folder)."""
    return posixpath.relpath(target, posixpath.dirname(from_page) or ".")


def web_index() -> str:
    return "index.html"


def web_feed() -> str:
    return "feed.xml"


def web_issue(issue_id: str) -> str:
    return f"{issue_id}/index.html"


def web_article(issue_id: str, slug: str) -> str:
    return f"{issue_id}/{slug}/index.html"


def web_article_url(issue_id: str, slug: str) -> str:
    """Path part of an article's public URL (append to site base_url)."""
    return f"{issue_id}/{slug}/"


def web_issue_url(issue_id: str) -> str:
    return f"{issue_id}/"


def web_image_dir(issue_id: str) -> str:
    return f"{issue_id}/images"


def braille_preview(issue_id: str) -> str:
    return f"{issue_id}/braille.html"


def pdf(issue_id: str) -> str:
    return f"print/green-seogu-{issue_id}.pdf"


def pdf_large(issue_id: str) -> str:
    return f"print/green-seogu-{issue_id}-large.pdf"


def pdf_press(issue_id: str) -> str:
    return f"print/green-seogu-{issue_id}-press.pdf"


def press_report(issue_id: str, ext: str) -> str:
    """The press PDF's preflight report: "html" or "json"."""
    return f"print/green-seogu-{issue_id}-press-preflight.{ext}"


def press_zip(issue_id: str) -> str:
    return f"print/green-seogu-{issue_id}-press.zip"


def brf(issue_id: str) -> str:
    return f"braille/green-seogu-{issue_id}.brf"


def pef(issue_id: str) -> str:
    return f"braille/green-seogu-{issue_id}.pef"


def braille_check(issue_id: str) -> str:
    return f"braille/green-seogu-{issue_id}-check.html"


def audio_contents(issue_id: str) -> str:
    return f"audio/{issue_id}/00-contents.mp3"


def audio_article(issue_id: str, article: Article, position: int | None = None) -> str:
    """`position`: the article's place among the issue's published articles (1-based), so
    the files are numbered like the playlist, without gaps; the file order otherwise."""
    return f"audio/{issue_id}/{position or article.order:02d}-{article.slug}.mp3"


def audio_feedback(issue_id: str, position: int) -> str:
    """The closing part on the residents' survey (site.yaml feedback:), after the last
    article (`position`: the number after the last article's)."""
    return f"audio/{issue_id}/{position:02d}-feedback.mp3"


def audio_issue(issue_id: str) -> str:
    return f"audio/{issue_id}/green-seogu-{issue_id}.mp3"


def audio_playlist(issue_id: str) -> str:
    return f"audio/{issue_id}/green-seogu-{issue_id}.m3u8"


def daisy_dir(issue_id: str) -> str:
    """The DAISY 2.02 fileset's folder (ncc.html, SMIL, XHTML, MP3)."""
    return f"daisy/green-seogu-{issue_id}-daisy"


def daisy_ncc(issue_id: str) -> str:
    return f"{daisy_dir(issue_id)}/ncc.html"


def daisy_zip(issue_id: str) -> str:
    return f"daisy/green-seogu-{issue_id}-daisy.zip"


def epub(issue_id: str) -> str:
    return f"epub/green-seogu-{issue_id}.epub"


def cards_dir(issue_id: str, slug: str) -> str:
    return f"cards/{issue_id}/{slug}"


def card_slide(issue_id: str, slug: str, index: int) -> str:
    return f"cards/{issue_id}/{slug}/{index:02d}.png"


def cards_zip(issue_id: str, slug: str) -> str:
    return f"cards/{issue_id}/{slug}/{slug}-cards.zip"


def og_article(issue_id: str, slug: str) -> str:
    return f"cards/{issue_id}/{slug}/og.png"


def og_issue(issue_id: str) -> str:
    return f"cards/{issue_id}/og.png"


def video(issue_id: str, slug: str) -> str:
    """Card-news video of an article (1080x1350); slug 'highlight' is the issue's."""
    return f"video/{issue_id}/{slug}.mp4"


def video_vertical(issue_id: str, slug: str) -> str:
    return f"video/{issue_id}/{slug}-vertical.mp4"


def video_captions(issue_id: str, slug: str) -> str:
    return f"video/{issue_id}/{slug}.ko.vtt"


def video_poster(issue_id: str, slug: str) -> str:
    return f"video/{issue_id}/{slug}-poster.jpg"
