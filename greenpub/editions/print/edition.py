"""The print edition: the issue as an A4 newsletter PDF and a large-print PDF.

Both are tagged PDFs (PDF/UA-1) written by WeasyPrint from layouts/print/:
the standard one in columns for the print shop, the large-print one in one
column at 18 pt or more for readers with low vision.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import weasyprint

from ... import paths
from ...content.model import Issue
from ...errors import RenderError
from ..base import Edition, Outputs, RenderContext
from . import keepall  # noqa: F401  (installs word-break: keep-all into WeasyPrint)
from . import messages as M
from .document import PrintArticle, build_articles, render_html
from .fonts import missing_glyphs
from .settings import PrintSettings, load_settings


class PrintEdition(Edition):
    name = "pdf"
    title = "인쇄판 PDF"

    def render(self, issue: Issue, ctx: RenderContext) -> Outputs:
        settings = load_settings(ctx.site)
        articles = build_articles(issue, ctx)
        report_missing_glyphs(issue, articles, settings, ctx)
        inputs = unit_inputs(issue, ctx)
        for large, rel in ((False, paths.pdf(issue.id)), (True, paths.pdf_large(issue.id))):
            def produce(tmp: Path, large: bool = large, rel: str = rel) -> dict[str, Any]:
                html = render_html(issue, articles, ctx, settings, large)
                return {"pages": write_pdf(html, ctx.layouts("print").resolve(), tmp / rel, settings)}

            data = ctx.unit(rel, {**inputs, "large": large}, produce)
            ctx.counters["pdf_large_pages" if large else "pdf_pages"] += int(data.get("pages", 0))
        return Outputs(issue={"pdf": paths.pdf(issue.id), "pdf_large": paths.pdf_large(issue.id)})


def unit_inputs(issue: Issue, ctx: RenderContext) -> dict[str, Any]:
    """Everything a PDF is made from (the cache re-renders when any of it changes)."""
    def images(refs: list[Any]) -> list[Any]:
        return [(i.src, i.digest, i.alt, i.caption) for i in refs]

    return {
        "articles": [(a.slug, a.order, a.hash, a.title, a.subtitle, a.section, a.author,
                      a.author_role, a.html, images(a.all_images), a.draft)
                     for a in issue.articles],
        "issue": (issue.id, issue.number, str(issue.date), issue.title, issue.note_html,
                  images([issue.cover] if issue.cover else [])),
        "layout": ctx.layout_digest("print"),
        "settings": ctx.settings_digest("print"),
        "audio_qr": ctx.has_format("audio"),
        "print_marks": ctx.options.print_marks,
        "engine": weasyprint.__version__,
    }


def report_missing_glyphs(issue: Issue, articles: list[PrintArticle], settings: PrintSettings,
                          ctx: RenderContext) -> None:
    """Warn (once per article and character) about text the fonts would print as tofu."""
    seen: set[tuple[str, str]] = set()
    for pa in articles:
        a = pa.article
        for role, text in pa.printed_text().items():
            for stack in (settings.fonts[role], settings.fonts["large"]):
                for ch in missing_glyphs(text, stack):
                    if (a.slug, ch) in seen:
                        continue
                    seen.add((a.slug, ch))
                    ctx.warn(M.MISSING_GLYPH.format(article=a.title, file=a.file.name, char=ch,
                                                    code=ord(ch), fonts=", ".join(stack)))
    note = " ".join(filter(None, [issue.title, issue.note_md]))
    for stack in (settings.fonts["body"], settings.fonts["large"]):
        for ch in missing_glyphs(note, stack):
            if ("", ch) not in seen:
                seen.add(("", ch))
                ctx.warn(M.MISSING_GLYPH.format(
                    article=M.ISSUE_NOTE, file=issue.file.name if issue.file else "_issue.md",
                    char=ch, code=ord(ch), fonts=", ".join(stack)))


@contextlib.contextmanager
def _quiet_weasyprint() -> Iterator[list[logging.LogRecord]]:
    """Keep WeasyPrint's English log lines away from editors (they see Korean only)."""
    records: list[logging.LogRecord] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    logger = logging.getLogger("weasyprint")
    handler = Collect(logging.WARNING)
    old_propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield records
    finally:
        logger.removeHandler(handler)
        logger.propagate = old_propagate


def write_pdf(html: str, base: Path, target: Path, settings: PrintSettings) -> int:
    """Render `html` to a tagged PDF at `target`; returns the number of pages."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with _quiet_weasyprint():
            document = weasyprint.HTML(string=html, base_url=base.as_uri() + "/").render()
            document.write_pdf(target, pdf_variant="pdf/ua-1", dpi=settings.image_dpi,
                               jpeg_quality=settings.jpeg_quality, optimize_images=True)
    except (OSError, ValueError, AssertionError) as exc:
        raise RenderError(M.RENDER_FAILED.format(kind=type(exc).__name__,
                                                 detail=str(exc)[:200])) from exc
    return len(document.pages)
