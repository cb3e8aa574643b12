"""Card news: each published article as a series of 1080×1350 slides for messaging apps.

Per article: a cover, 2-5 content slides and a closing slide with a QR code to the
article page (and, with site.yaml `feedback:`, one to the residents' survey)
(cards/<issue>/<slug>/01.png ...), a ZIP of the series for upload, and a 1200×630 share
image; per issue one share image. The look lives in
layouts/cards/theme.yaml; this package only reads it, lays text out and draws.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ... import paths
from ...config import SiteConfig
from ...content.model import Article, Issue
from ...errors import ContentErrors, GreenpubError, RenderError
from ...overrides import override_of
from ..base import Edition, Outputs, OutputSpec, RenderContext
from . import messages as M
from .render import MissingGlyph, SlidePlan, SlideSpec, TextTooLong, draw_slide, plan_slide
from .series import CardSettings, content_slides
from .theme import Theme, load_theme


@dataclass(frozen=True)
class SlideEnv:
    """What a slide's values depend on beyond the article: the site, whether the audio
    edition is built (the closing slide says 'listen'), drafts, and where warnings go."""

    site: SiteConfig
    listen: bool
    drafts: bool
    warn: Callable[[str], None]

    @staticmethod
    def of(ctx: RenderContext) -> SlideEnv:
        return SlideEnv(ctx.site, ctx.has_format("audio"), ctx.drafts, ctx.warn)

    def url(self, rel: str) -> str:
        return self.site.url(rel)

ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest ZIP date: fixed, so the archive is stable
# Bump when layout or drawing code changes what a slide looks like: cached slides drawn
# by the old code are then redrawn.
RENDERER = "cards-3"


class CardsEdition(Edition):
    name = "cards"
    title = "카드뉴스"
    outputs = {"cards": OutputSpec("카드뉴스"), "cards_zip": OutputSpec("카드뉴스 ZIP"),
               "og": OutputSpec("공유 이미지")}
    settings_model = CardSettings

    def render(self, issue: Issue, ctx: RenderContext) -> Outputs:
        theme = load_theme(ctx.layouts(), theme_file(ctx.site))
        settings = CardSettings.from_site(ctx.site)
        common = {
            "theme": ctx.layout_digest(),
            "fonts": theme.font_digest,
            "settings": ctx.settings_digest("cards"),
            "renderer": RENDERER,
        }
        out = Outputs()
        env = SlideEnv.of(ctx)
        for article in issue.articles:
            specs = article_specs(article, issue, env, settings)
            og = SlideSpec("og_article", specs[0].values, fields=specs[0].fields)
            pictures = [(s.kind, s.cover and _digest_of(article, s.cover), s.focus)
                        for s in specs]
            inputs: dict[str, Any] = {**common, "article": article.hash,
                                      "slides": [s.values for s in specs], "pictures": pictures}

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

        spec = SlideSpec("og_issue", issue_values(issue, env),
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

    def check(self, issues: list[Issue], site: SiteConfig, project: Path) -> list[GreenpubError]:
        """`greenpub check`: every article's slides planned (text fitted, glyphs found)
        without drawing, so a slide that will not fit is caught before a build."""
        try:
            theme = load_theme(project / "layouts" / "cards", theme_file(site))
            settings = CardSettings.from_site(site)
        except ContentErrors as exc:
            return list(exc.errors)  # every theme error at once
        except GreenpubError as exc:
            return [exc]
        env = SlideEnv(site, listen=True, drafts=False, warn=lambda _m: None)
        errors: list[GreenpubError] = []
        for issue in issues:
            for article in issue.articles:
                try:
                    specs = article_specs(article, issue, env, settings)
                    specs.append(SlideSpec("og_article", specs[0].values,
                                           fields=specs[0].fields))
                    for n, spec in enumerate(specs, 1):
                        plan_article(theme, spec, article, 0 if spec.kind == "og_article"
                                      else n, False)
                except GreenpubError as exc:
                    errors.append(exc)
        return errors


def theme_file(site: SiteConfig) -> Path | None:
    """The content project's layouts/cards/theme.yaml when it overrides the shipped one."""
    return override_of(site.path.parent, "cards/theme.yaml")


def _digest_of(article: Article, path: Path) -> str:
    return next((i.digest for i in (*article.images, *(c for c in article.card_images if c))
                 if i.path == path), str(path))


def issue_values(issue: Issue, env: SlideEnv) -> dict[str, Any]:
    feedback = env.site.feedback
    return {
        "site_title": env.site.title, "publisher": env.site.publisher,
        "contact": dict(env.site.contact), "issue_label": issue.label,
        "issue_title": issue.title, "issue_number": issue.number,
        "issue_year": issue.date.year, "issue_month": issue.date.month,
        "article_count": len(issue.articles), "drafts": env.drafts,
        "section": "", "title": "", "subtitle": "", "author": "", "text": "",
        "page": 1, "pages": 1, "listen": env.listen, "photo_alt": "",
        "url": env.url(paths.web_issue_url(issue.id)),
        "short_url": _short(env.url(paths.web_issue_url(issue.id))),
        "feedback_url": feedback.url if feedback else "",
        "feedback_label": feedback.label if feedback else "",
    }


def article_specs(article: Article, issue: Issue, env: SlideEnv,
                  settings: CardSettings) -> list[SlideSpec]:
    """Cover, content slides and closing slide, each with its template values.

    An article with a lead photo gets a photo cover (cropped around its focus); a
    `card:` entry with an image gets a photo slide. `card_title`, when given, stands in
    for the title on every slide and share image."""
    slides = content_slides(article, settings)
    if len(slides) < 2:
        env.warn(M.TOO_FEW_SENTENCES.format(title=article.title, n=len(slides)))
    url = env.url(paths.web_article_url(issue.id, article.slug))
    lines = article.lines
    title_field = "card_title" if article.card_title else "title"
    fields = {"title": (title_field, lines.get(title_field)),
              "subtitle": ("subtitle", lines.get("subtitle")),
              "section": ("section", lines.get("section"))}
    base = {**issue_values(issue, env), "section": article.section,
            "title": article.card_title or article.title,
            "subtitle": article.subtitle or "", "author": _byline(article), "url": url,
            "short_url": _short(url)}
    pages = len(slides) + 2
    lead = article.images[0] if article.images else None
    if lead is not None:
        specs = [SlideSpec("cover_photo", {**base, "page": 1, "pages": pages,
                                           "photo_alt": lead.alt},
                           cover=lead.path, focus=lead.focus, fields=fields)]
    else:
        specs = [SlideSpec("cover", {**base, "page": 1, "pages": pages}, fields=fields)]
    for i, c in enumerate(slides, 2):
        values = {**base, "text": c.text, "page": i, "pages": pages}
        where = {**fields, "text": (c.field, c.line)}
        if c.image is not None:
            specs.append(SlideSpec("photo", {**values, "photo_alt": c.image.alt},
                                   cover=c.image.path, focus=c.image.focus, fields=where))
        else:
            specs.append(SlideSpec("content", values, fields=where))
    # With the residents' survey set, the closing slide carries its QR code too (a theme
    # without `closing_feedback` draws the plain closing slide).
    feedback = env.site.feedback
    specs.append(SlideSpec("closing_feedback" if feedback else "closing",
                           {**base, "page": pages, "pages": pages}, qr=url,
                           feedback_qr=feedback.url if feedback else None, fields=fields))
    return specs


def write_series(tmp: Path, theme: Theme, issue_id: str, article: Article,
                 specs: list[SlideSpec], og: SlideSpec, drafts: bool) -> dict[str, Any]:
    # Plan every slide first: a glyph or fitting error stops the series before drawing.
    plans = [plan_article(theme, spec, article, n, drafts) for n, spec in enumerate(specs, 1)]
    og_plan = plan_article(theme, og, article, 0, drafts)
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


def plan_article(theme: Theme, spec: SlideSpec, article: Article, n: int,
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
        used = exc.layer.variables if exc.layer is not None else frozenset()
        # The field the overflowing text comes from: the slide's own text first.
        name, line = next((spec.fields[v] for v in ("text", "title", "subtitle", "section")
                           if v in used and v in spec.fields), (None, None))
        if name is None:  # fixed theme text or a value no article field holds
            name = M.FIELD_THEME
        hint = M.FIELD_HINTS.get(name.split("[")[0], M.FIELD_HINTS["card"])
        raise RenderError(M.TOO_LONG_FIELD.format(title=article.title, slide=slide,
                                                  field=name, min_size=exc.reason.min_size,
                                                  need=_need(exc), excerpt=_excerpt(exc.text),
                                                  hint=hint),
                          article.file, line) from None


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
