"""Card news: each published article as a series of 1080×1350 slides for messaging apps.

Per article: a cover, 2-5 content slides and a closing slide with a QR code to the
article page (cards/<issue>/<slug>/01.png ...), a ZIP of the series for upload, and a
1200×630 share image; per issue one share image. The look lives in
layouts/cards/theme.yaml; this package only reads it, lays text out and draws.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from ... import paths
from ...content.model import Article, Issue
from ...errors import RenderError
from ..base import Edition, OutputSpec, Outputs, RenderContext
from . import messages as M
from .render import MissingGlyph, SlidePlan, SlideSpec, TextTooLong, draw_slide, plan_slide
from .series import CardSettings, content_texts
from .theme import Theme, load_theme

ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest ZIP date: fixed, so the archive is stable
# Bump when layout or drawing code changes what a slide looks like: cached slides drawn
# by the old code are then redrawn.
RENDERER = "cards-2"


class CardsEdition(Edition):
    name = "cards"
    title = "카드뉴스"
    outputs = {"cards": OutputSpec("카드뉴스"), "cards_zip": OutputSpec("카드뉴스 ZIP"),
               "og": OutputSpec("공유 이미지")}
    settings_model = CardSettings

    def render(self, issue: Issue, ctx: RenderContext) -> Outputs:
        theme = load_theme(ctx.layouts())
        settings = CardSettings.from_site(ctx.site)
        common = {
            "theme": ctx.layout_digest(),
            "fonts": theme.font_digest,
            "settings": ctx.settings_digest("cards"),
            "renderer": RENDERER,
        }
        out = Outputs()
        for article in issue.articles:
            specs = article_specs(article, issue, ctx, settings)
            og = SlideSpec("og_article", specs[0].values)
            inputs = {**common, "article": article.hash, "slides": [s.values for s in specs],
                      "images": [i.digest for i in article.images[:1]]}

            def produce(tmp: Path, article: Article = article, specs: list[SlideSpec] = specs,
                        og: SlideSpec = og) -> dict[str, Any]:
                return write_series(tmp, theme, issue.id, article, specs, og, ctx.drafts)

            data = ctx.unit(f"{issue.id}/{article.slug}", inputs, produce)
            entry = out.article(article.slug)
            entry["cards"] = [{"src": paths.card_slide(issue.id, article.slug, i), "alt": alt}
                              for i, alt in enumerate(data["alts"], 1)]
            entry["cards_zip"] = paths.cards_zip(issue.id, article.slug)
            entry["og"] = paths.og_article(issue.id, article.slug)
            entry["og_alt"] = data["og_alt"]
            ctx.counters["cards.slides"] += len(data["alts"])

        spec = SlideSpec("og_issue", issue_values(issue, ctx),
                         cover=issue.cover.path if issue.cover else None)
        inputs = {**common, "values": spec.values,
                  "cover": issue.cover.digest if issue.cover else None}

        def produce_issue(tmp: Path) -> dict[str, Any]:
            plan = _plan_issue(theme, spec, issue, ctx.drafts)
            _write(tmp, paths.og_issue(issue.id), draw_slide(theme, plan))
            return {"og_alt": plan.alt}

        data = ctx.unit(f"{issue.id}/og", inputs, produce_issue)
        out.issue["og"] = paths.og_issue(issue.id)
        out.issue["og_alt"] = data["og_alt"]
        return out


def issue_values(issue: Issue, ctx: RenderContext) -> dict[str, Any]:
    return {
        "site_title": ctx.site.title, "publisher": ctx.site.publisher,
        "contact": dict(ctx.site.contact), "issue_label": issue.label,
        "issue_title": issue.title, "issue_number": issue.number,
        "issue_year": issue.date.year, "issue_month": issue.date.month,
        "article_count": len(issue.articles), "drafts": ctx.drafts,
        "section": "", "title": "", "subtitle": "", "author": "", "text": "",
        "page": 1, "pages": 1, "listen": ctx.has_format("audio"),
        "url": ctx.url(paths.web_issue_url(issue.id)),
        "short_url": _short(ctx.url(paths.web_issue_url(issue.id))),
    }


def article_specs(article: Article, issue: Issue, ctx: RenderContext,
                  settings: CardSettings) -> list[SlideSpec]:
    """Cover, content slides and closing slide, each with its template values."""
    texts = content_texts(article, settings)
    if len(texts) < 2:
        ctx.warn(M.TOO_FEW_SENTENCES.format(title=article.title, n=len(texts)))
    url = ctx.url(paths.web_article_url(issue.id, article.slug))
    base = {**issue_values(issue, ctx), "section": article.section, "title": article.title,
            "subtitle": article.subtitle or "", "author": _byline(article), "url": url,
            "short_url": _short(url)}
    pages = len(texts) + 2
    cover = article.images[0].path if article.images else None
    specs = [SlideSpec("cover", {**base, "page": 1, "pages": pages}, cover=cover)]
    specs += [SlideSpec("content", {**base, "text": t, "page": i, "pages": pages}, cover=cover)
              for i, t in enumerate(texts, 2)]
    specs.append(SlideSpec("closing", {**base, "page": pages, "pages": pages}, qr=url))
    return specs


def write_series(tmp: Path, theme: Theme, issue_id: str, article: Article,
                 specs: list[SlideSpec], og: SlideSpec, drafts: bool) -> dict[str, Any]:
    # Plan every slide first: a glyph or fitting error stops the series before drawing.
    plans = [_plan_article(theme, spec, article, n, drafts) for n, spec in enumerate(specs, 1)]
    og_plan = _plan_article(theme, og, article, 0, drafts)
    slides: list[tuple[str, bytes]] = []
    for n, plan in enumerate(plans, 1):
        png = draw_slide(theme, plan)
        _write(tmp, paths.card_slide(issue_id, article.slug, n), png)
        slides.append((f"{issue_id}-{article.slug}-{n:02d}.png", png))
    _write(tmp, paths.og_article(issue_id, article.slug), draw_slide(theme, og_plan))
    _write(tmp, paths.cards_zip(issue_id, article.slug), zip_bytes(slides))
    return {"alts": [p.alt for p in plans], "og_alt": og_plan.alt}


def zip_bytes(members: list[tuple[str, bytes]]) -> bytes:
    """A ZIP whose bytes depend only on the members (fixed dates and permissions)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_STORED  # PNG is already compressed
            info.create_system = 3
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return buf.getvalue()


def _plan_article(theme: Theme, spec: SlideSpec, article: Article, n: int,
                  drafts: bool) -> SlidePlan:
    label = M.SLIDE_LABELS[spec.kind]
    slide = M.SLIDE_NAME.format(n=n, label=label) if n else label
    try:
        return plan_slide(theme, spec, drafts)
    except MissingGlyph as exc:
        raise RenderError(M.MISSING_GLYPH.format(title=article.title, slide=slide,
                                                 char=exc.char, code=ord(exc.char),
                                                 fonts=exc.fonts), article.file) from None
    except TextTooLong as exc:
        raise RenderError(M.TOO_LONG.format(title=article.title, slide=slide,
                                            min_size=exc.reason.min_size,
                                            need=_need(exc), excerpt=_excerpt(exc.text)),
                          article.file) from None


def _plan_issue(theme: Theme, spec: SlideSpec, issue: Issue, drafts: bool) -> SlidePlan:
    try:
        return plan_slide(theme, spec, drafts)
    except MissingGlyph as exc:
        raise RenderError(M.MISSING_GLYPH_ISSUE.format(issue=issue.label, char=exc.char,
                                                       code=ord(exc.char), fonts=exc.fonts),
                          issue.file) from None
    except TextTooLong as exc:
        raise RenderError(M.TOO_LONG_ISSUE.format(issue=issue.label,
                                                  min_size=exc.reason.min_size,
                                                  need=_need(exc), excerpt=_excerpt(exc.text)),
                          issue.file) from None


def _need(exc: TextTooLong) -> str:
    r = exc.reason
    if r.word:
        return M.NEED_WIDTH.format(word=r.word)
    return M.NEED_LINES.format(lines=r.lines, max_lines=r.max_lines)


def _excerpt(text: str, limit: int = 40) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[:limit] + "…"


def _short(url: str) -> str:
    return url.split("://", 1)[-1].rstrip("/")


def _byline(article: Article) -> str:
    if article.author and article.author_role:
        return f"{article.author_role} {article.author}"
    return article.author or ""


def _write(tmp: Path, rel: str, data: bytes) -> None:
    path = tmp / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


__all__ = ["CardsEdition"]
