"""Mobile web edition: site index, issue pages, article pages, Atom feed.

Rendered last: it links to every other edition's outputs (PDF, braille, audio,
cards) found in `ctx.manifest`. Content HTML was sanitised by the reader and is
inserted as data, never evaluated as a template.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import posixpath
import shutil
from pathlib import Path
from typing import Any

import lxml.html
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ... import GENERATOR, paths
from ... import messages as M
from ...content.model import Article, ImageRef, Issue
from ...errors import RenderError
from ..base import ALL, Edition, Outputs, OutputSpec, RenderContext
from . import body as B
from .images import WebImage, cards_webp, web_image
from .search import build_index
from .settings import WebBlock, WebSettings, load_settings

OG_SIZE = (1200, 630)


def date_ko(d: dt.date) -> str:
    return f"{d.year}년 {d.month}월 {d.day}일"


def duration_ko(seconds: float) -> str:
    """One way to say a duration, floored like the browser's player shows it."""
    s = int(seconds)
    return f"{s // 60}분 {s % 60}초" if s >= 60 else f"{s}초"


def size_ko(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f}MB"
    return f"{max(1, round(n / 1000))}KB"


SEARCH_PAGE = "search.html"
EMBLEM = "static/emblem"


class Page:
    """Relative URLs from one output page to any other output path."""

    def __init__(self, path: str):
        self.path = path
        self.dir = posixpath.dirname(path)

    def __call__(self, target: str) -> str:
        return paths.relative(self.path, target)


class WebEdition(Edition):
    name = "web"
    title = "모바일 웹판"
    outputs = {"web": OutputSpec("웹판"), "web_index": OutputSpec("웹 첫 화면"),
               "feed": OutputSpec("피드")}
    needs = (ALL,)  # links to every other edition's outputs
    settings_model = WebBlock

    def env(self, ctx: RenderContext) -> Environment:
        """One Jinja environment per edition instance, so templates are compiled once."""
        if getattr(self, "_env", None) is None:
            self._env = Environment(loader=FileSystemLoader(str(ctx.layouts("web"))),
                                    autoescape=select_autoescape(["html", "xml"]),
                                    undefined=StrictUndefined, trim_blocks=True,
                                    lstrip_blocks=True)
        return self._env

    def _render(self, ctx: RenderContext, template: str, page: str, **data: Any) -> str:
        """Render one page through the cache: its inputs are the template data and layouts."""
        url = Page(page)
        base = {"site": ctx.site, "generator": GENERATOR, "drafts": ctx.drafts,
                "canonical": None, "og_image": None, "og_type": "website",
                "og_title": ctx.site.title, "description": ctx.site.description or ctx.site.title,
                "identity": self._identity(ctx),
                "published": None}
        base.update(data)

        def produce(tmp: Path) -> None:
            html = self.env(ctx).get_template(template).render(url=url, **base)
            (tmp / page).parent.mkdir(parents=True, exist_ok=True)
            (tmp / page).write_text(html, "utf-8")

        # The page is made from its data; of the site settings it prints the identity only.
        key = {k: v for k, v in base.items() if k != "site"}
        ctx.unit(f"page:{page}", {"data": key, "site": ctx.site.identity()}, produce)
        return page

    def settings(self, ctx: RenderContext) -> WebSettings:
        if getattr(self, "_settings", None) is None:
            self._settings = load_settings(ctx.site)
        return self._settings

    def _identity(self, ctx: RenderContext) -> dict[str, Any]:
        """The district's identity (web: block) and the feedback survey, for every page."""
        s = self.settings(ctx)
        data = s.dict()
        data["emblem"] = (EMBLEM + s.emblem.suffix.lower()) if s.emblem else None
        data["emblem_digest"] = s.emblem and hashlib.sha256(s.emblem.read_bytes()).hexdigest()
        fb = ctx.site.feedback
        data["feedback"] = {"url": fb.url, "label": fb.label} if fb else None
        return data

    # -- per issue -------------------------------------------------------------
    def render(self, issue: Issue, ctx: RenderContext) -> Outputs:
        outs = Outputs()
        entry = ctx.issue_entry(issue.id)
        issue_out = entry.get("outputs", {})
        art_out = entry.get("articles", {})
        img_dir = paths.web_image_dir(issue.id)
        page = paths.web_issue(issue.id)
        url = Page(page)
        cover = self._image(issue.cover, img_dir, ctx, url) if issue.cover else None
        hrefs = {a.slug: paths.web_article(issue.id, a.slug) for a in issue.articles}
        audio = self._issue_audio(issue, issue_out, url, hrefs)
        starts = {ch["slug"]: ch for ch in audio["chapters"]} if audio else {}
        self._render(
            ctx, "issue.html", page,
            issue={"label": issue.label, "title": issue.title, "date": issue.date,
                   "date_ko": date_ko(issue.date), "cover": cover,
                   "note_html": self._body_html(issue.note_html, issue.note_images, img_dir,
                                                ctx, url, title=issue.title)},
            articles=[{"href": url(hrefs[a.slug]), "title": a.title, "section": a.section,
                       "summary": a.summary, "draft": a.draft,
                       "chapter": starts.get(a.slug)} for a in issue.articles],
            audio=audio, links=self._issue_links(ctx, issue_out, url),
            canonical=ctx.url(paths.web_issue_url(issue.id)),
            og_title=f"{ctx.site.title} {issue.label} — {issue.title}",
            description=_first_line(issue.note_md) or issue.title,
            **self._og(ctx, issue_out.get("og"), issue_out.get("og_alt") or
                       f"{ctx.site.title} {issue.label} 표지",
                       issue.cover, img_dir, url),
        )
        outs.issue["web"] = page
        for i, article in enumerate(issue.articles):
            prev = issue.articles[i - 1] if i > 0 else None
            nxt = issue.articles[i + 1] if i + 1 < len(issue.articles) else None
            a_out = art_out.get(article.slug, {})
            outs.article(article.slug)["web"] = self._article(
                ctx, issue, article, a_out, issue_out, prev, nxt, img_dir)
        return outs

    def _article(self, ctx: RenderContext, issue: Issue, article: Article, a_out: dict[str, Any],
                 issue_out: dict[str, Any], prev: Article | None, nxt: Article | None,
                 img_dir: str) -> str:
        page = paths.web_article(issue.id, article.slug)
        url = Page(page)
        lead = self._image(article.images[0], img_dir, ctx, url) if article.images else None
        gallery = [self._image(img, img_dir, ctx, url) for img in article.images[1:]]
        body = self._body_html(article.html, article.body_images, img_dir, ctx, url, lead,
                               article.title)
        audio = None
        if a_out.get("mp3"):
            audio = {"src": url(a_out["mp3"]),
                     "label": f"{article.title} 기사 듣기",
                     "duration": a_out.get("duration") and duration_ko(a_out["duration"]),
                     "issue": url(paths.web_issue(issue.id)) + "#listen"
                     if issue_out.get("mp3") else None,
                     "transcript": url(a_out["transcript"]) if a_out.get("transcript")
                     else None}
        card_dir = f"{img_dir}/cards"
        slides = a_out.get("cards", [])
        cards = [{**web, "alt": c["alt"]} for c, web in zip(
            slides, cards_webp([c["src"] for c in slides], card_dir, article.slug, ctx, url))]
        video = {"src": url(a_out["video"]), "captions": url(a_out["captions"]),
                 "poster": url(a_out["video_poster"]),
                 "transcript": a_out.get("video_transcript", [])} if a_out.get("video") else None
        links = []
        if a_out.get("mp3"):
            links.append(self._link(ctx, url, a_out["mp3"], "이 기사 음성(MP3)", None, True))
        links += self._issue_links(ctx, issue_out, url)
        return self._render(
            ctx, "article.html", page,
            issue={"label": issue.label, "href": url(paths.web_issue(issue.id))},
            published={"iso": issue.date.isoformat(), "ko": date_ko(issue.date)},
            article={"title": article.title, "subtitle": article.subtitle,
                     "section": article.section, "author": article.author,
                     "author_role": article.author_role, "summary": article.summary,
                     "draft": article.draft, "reasons": list(article.draft_reasons),
                     "changes": article.draft_changes if article.draft else None},
            lead=lead, gallery=gallery, body=body, audio=audio, cards=cards, video=video,
            cards_zip=self._link(ctx, url, a_out["cards_zip"], "카드뉴스 전체 내려받기(ZIP)",
                                 None, True) if a_out.get("cards_zip") else None,
            prev={"href": url(paths.web_article(issue.id, prev.slug)), "title": prev.title}
            if prev else None,
            next={"href": url(paths.web_article(issue.id, nxt.slug)), "title": nxt.title}
            if nxt else None,
            links=links, canonical=ctx.url(paths.web_article_url(issue.id, article.slug)),
            og_type="article", og_title=article.title, description=article.summary,
            **self._og(ctx, a_out.get("og"), a_out.get("og_alt") or
                       (article.images[0].alt if article.images else
                        issue.cover.alt if issue.cover else article.title),
                       # an article without a photo shares the issue's cover
                       article.images[0] if article.images else issue.cover,
                       img_dir, url),
        )

    def _figure(self, ctx: RenderContext, img: WebImage, loading: str = "lazy") -> Any:
        return lxml.html.fragment_fromstring(
            self.env(ctx).from_string(
                '{% from "_macros.html" import figure %}{{ figure(img, loading) }}'
            ).render(img=img, loading=loading))

    def _body_html(self, html: str, images: list[ImageRef], img_dir: str, ctx: RenderContext,
                   url: Page, lead: WebImage | None = None, title: str = "") -> str:
        """Body images as responsive <figure>s, the lead image after the first paragraph,
        tables captioned in their own scroll box, named footnotes, tap-to-call numbers."""
        root = lxml.html.fragment_fromstring(html or "", create_parent="div")
        by_src = {img.src: img for img in images}
        for img_el in list(root.iter("img")):
            ref = by_src.get(img_el.get("src", ""))
            if ref is None:
                img_el.getparent().remove(img_el)  # remote images are never loaded
                continue
            fig = self._figure(ctx, self._image(ref, img_dir, ctx, url))
            parent = img_el.getparent()
            if parent.tag == "p" and len(parent) == 1 and not (parent.text or "").strip():
                parent.getparent().replace(parent, fig)
            else:
                parent.replace(img_el, fig)
        B.tables(root, title)
        B.footnotes(root)
        B.phone_links(root)
        if lead is not None:
            B.insert_after_first_paragraph(root, self._figure(ctx, lead, "eager"))
        return "".join(lxml.html.tostring(c, encoding="unicode") for c in root)

    def _image(self, image: ImageRef, img_dir: str, ctx: RenderContext, url: Page) -> WebImage:
        try:
            return web_image(image, img_dir, ctx, url)
        except OSError:
            raise RenderError(M.IMAGE_CONVERT, image.path) from None

    def _og(self, ctx: RenderContext, og: str | None, alt: str, fallback: ImageRef | None,
            img_dir: str, url: Page) -> dict[str, Any]:
        if og:
            return {"og_image": ctx.url(og), "og_image_width": OG_SIZE[0],
                    "og_image_height": OG_SIZE[1], "og_image_alt": alt}
        if fallback is not None:
            web = self._image(fallback, img_dir, ctx, url)
            target = posixpath.normpath(posixpath.join(url.dir, web.src))
            return {"og_image": ctx.url(target), "og_image_width": web.width,
                    "og_image_height": web.height, "og_image_alt": fallback.alt}
        return {}

    @staticmethod
    def _issue_audio(issue: Issue, issue_out: dict[str, Any], url: Page,
                     hrefs: dict[str, str]) -> dict[str, Any] | None:
        if not issue_out.get("mp3"):
            return None
        chapters = []
        for ch in issue_out.get("chapters", []):
            slug = ch.get("slug")
            chapters.append({"title": ch.get("title", ""), "start": ch.get("start", 0),
                             "slug": slug, "href": url(hrefs[slug]) if slug in hrefs else None})
        # The whole file ends where its last chapter ends (the audio edition joins the parts).
        end = max((ch.get("end", 0) for ch in issue_out.get("chapters", [])), default=0)
        return {"src": url(issue_out["mp3"]), "chapters": chapters,
                "label": f"{issue.label} 전체 듣기",
                "duration": duration_ko(end) if end else None,
                "transcript": url(issue_out["transcript"]) if issue_out.get("transcript")
                else None}

    @staticmethod
    def _link(ctx: RenderContext, url: Page, target: str, label: str, note: str | None,
              download: bool) -> dict[str, Any]:
        """A link to another edition's file, with its size (the file is in staging)."""
        f = ctx.out / target
        kind = posixpath.splitext(target)[1].lstrip(".").upper()
        size = f"{kind}, {size_ko(f.stat().st_size)}" if f.is_file() else None
        return {"href": url(target), "label": label, "note": note, "download": download,
                "size": size}

    def _issue_links(self, ctx: RenderContext, issue_out: dict[str, Any],
                     url: Page) -> list[dict[str, Any]]:
        """A link to every issue output another edition declares as linkable (PDFs open
        in the phone's viewer; braille and playlists download)."""
        from .. import output_specs

        return [self._link(ctx, url, issue_out[key], spec.label, spec.note, spec.download)
                for key, spec in output_specs().items()
                if spec.link and isinstance(issue_out.get(key), str)]

    # -- site-wide -------------------------------------------------------------
    def render_site(self, issues: list[Issue], ctx: RenderContext) -> Outputs:
        outs = Outputs()
        static_src = ctx.layouts("web") / "static"
        for f in sorted(static_src.rglob("*")):
            if f.is_file():
                dest = ctx.out / paths.STATIC / f.relative_to(static_src)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(f, dest)
        emblem = self.settings(ctx).emblem
        if emblem is not None:
            ctx.write_bytes(EMBLEM + emblem.suffix.lower(), emblem.read_bytes())
        ordered = sorted(issues, key=lambda i: i.id, reverse=True)
        page = paths.web_index()
        url = Page(page)
        years: dict[int, list[dict[str, Any]]] = {}
        for i in ordered:
            years.setdefault(i.date.year, []).append({
                "href": url(paths.web_issue(i.id)), "label": i.label, "title": i.title,
                "count": len(i.articles), "date_ko": date_ko(i.date),
                "date": i.date.isoformat(),
                "cover": self._image(i.cover, paths.web_image_dir(i.id), ctx, url)
                if i.cover else None})
        og: dict[str, Any] = {}
        if ordered:  # the home page shares as the newest issue
            latest = ordered[0]
            out = ctx.issue_entry(latest.id).get("outputs", {})
            og = self._og(ctx, out.get("og"), out.get("og_alt") or
                          f"{ctx.site.title} {latest.label} 표지", latest.cover,
                          paths.web_image_dir(latest.id), url)
        self._render(
            ctx, "index.html", page,
            years=[{"year": y, "issues": items} for y, items in years.items()],
            canonical=ctx.url(""), og_title=ctx.site.title,
            description=ctx.site.description or ctx.site.title, **og,
        )
        self._render(ctx, "search.html", SEARCH_PAGE, canonical=ctx.url(SEARCH_PAGE),
                     og_title=f"{ctx.site.title} 검색")
        outs.issue["web_index"] = page
        outs.issue["web_search"] = SEARCH_PAGE
        articles = [paths.web_article(i.id, a.slug) for i in issues for a in i.articles]
        outs.issue["search_index"] = build_index(ctx, articles)
        outs.issue["feed"] = self._feed(ordered, ctx)
        return outs

    def _feed(self, issues: list[Issue], ctx: RenderContext) -> str:
        entries = []
        for issue in issues:
            stamp = dt.datetime.combine(issue.date, dt.time(9, 0),
                                        tzinfo=dt.timezone(dt.timedelta(hours=9))).isoformat()
            for a in issue.articles:
                entries.append({"title": a.title, "summary": a.summary, "section": a.section,
                                "author": a.author,
                                "url": ctx.url(paths.web_article_url(issue.id, a.slug)),
                                "updated": stamp})
        updated = entries[0]["updated"] if entries else "2000-01-01T00:00:00+09:00"
        data = {"site": ctx.site, "generator": GENERATOR, "entries": entries,
                "updated": updated, "site_url": ctx.url(""), "feed_url": ctx.url(paths.web_feed())}

        def produce(tmp: Path) -> None:
            (tmp / paths.web_feed()).write_text(
                self.env(ctx).get_template("feed.xml").render(**data), "utf-8")

        key = {k: v for k, v in data.items() if k != "site"}
        ctx.unit("feed", {"data": key, "site": ctx.site.identity()}, produce)
        return paths.web_feed()


def _first_line(md: str) -> str:
    for line in md.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:160]
    return ""
