"""Mobile web edition: site index, issue pages, article pages, Atom feed.

Rendered last: it links to every other edition's outputs (PDF, braille, audio,
cards) found in `ctx.manifest`. Content HTML was sanitised by the reader and is
inserted as data, never evaluated as a template.
"""

from __future__ import annotations

import datetime as dt
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
from ..base import Edition, Outputs, RenderContext
from .images import WebImage, web_image

OG_SIZE = (1200, 630)


def date_ko(d: dt.date) -> str:
    return f"{d.year}년 {d.month}월 {d.day}일"


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
                "og_title": ctx.site.title, "description": ctx.site.description or ctx.site.title}
        base.update(data)

        def produce(tmp: Path) -> None:
            html = self.env(ctx).get_template(template).render(url=url, **base)
            (tmp / page).parent.mkdir(parents=True, exist_ok=True)
            (tmp / page).write_text(html, "utf-8")

        ctx.unit(f"page:{page}", {"data": base, "layout": self._layout(ctx)}, produce)
        return page

    def _layout(self, ctx: RenderContext) -> str:
        if not hasattr(self, "_layout_digest"):
            self._layout_digest = ctx.layout_digest("web")
        return self._layout_digest

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
        self._render(
            ctx, "issue.html", page,
            issue={"label": issue.label, "title": issue.title, "date": issue.date,
                   "date_ko": date_ko(issue.date), "cover": cover, "note_html": issue.note_html},
            articles=[{"href": url(hrefs[a.slug]), "title": a.title, "section": a.section,
                       "summary": a.summary, "draft": a.draft} for a in issue.articles],
            audio=audio, links=self._issue_links(issue_out, url),
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
        body = self._body_html(article, img_dir, ctx, url)
        audio = None
        if a_out.get("mp3"):
            hrefs = {a.slug: paths.web_article(issue.id, a.slug) for a in issue.articles}
            whole = self._issue_audio(issue, issue_out, url, hrefs)
            chapters = whole["chapters"] if whole else []
            for ch in chapters:
                ch["current"] = ch["slug"] == article.slug
            audio = {"src": url(a_out["mp3"]), "duration": a_out.get("duration"),
                     "whole": whole["src"] if whole else None, "chapters": chapters}
        cards = [{"src": url(c["src"]), "alt": c["alt"]} for c in a_out.get("cards", [])]
        video = {"src": url(a_out["video"]), "captions": url(a_out["captions"]),
                 "poster": url(a_out["video_poster"]),
                 "transcript": a_out.get("video_transcript", [])} if a_out.get("video") else None
        links = []
        if a_out.get("mp3"):
            links.append({"href": url(a_out["mp3"]), "label": "이 기사 음성(MP3)",
                          "note": a_out.get("duration") and f"약 {round(a_out['duration'] / 60) or 1}분",
                          "download": True})
        links += self._issue_links(issue_out, url)
        return self._render(
            ctx, "article.html", page,
            issue={"label": issue.label, "href": url(paths.web_issue(issue.id))},
            article={"title": article.title, "subtitle": article.subtitle,
                     "section": article.section, "author": article.author,
                     "author_role": article.author_role, "summary": article.summary,
                     "draft": article.draft, "reasons": list(article.draft_reasons)},
            lead=lead, gallery=gallery, body=body, audio=audio, cards=cards, video=video,
            cards_zip=url(a_out["cards_zip"]) if a_out.get("cards_zip") else None,
            prev={"href": url(paths.web_article(issue.id, prev.slug)), "title": prev.title}
            if prev else None,
            next={"href": url(paths.web_article(issue.id, nxt.slug)), "title": nxt.title}
            if nxt else None,
            links=links, canonical=ctx.url(paths.web_article_url(issue.id, article.slug)),
            og_type="article", og_title=article.title, description=article.summary,
            **self._og(ctx, a_out.get("og"), a_out.get("og_alt") or
                       (article.images[0].alt if article.images else article.title), article.images[0] if article.images else None,
                       img_dir, url),
        )

    def _body_html(self, article: Article, img_dir: str, ctx: RenderContext, url: Page) -> str:
        """Swap body images for responsive <figure>s and make tables scroll on their own."""
        if not article.html.strip():
            return ""
        root = lxml.html.fragment_fromstring(article.html, create_parent="div")
        by_src = {img.src: img for img in article.body_images}
        for img_el in list(root.iter("img")):
            ref = by_src.get(img_el.get("src", ""))
            if ref is None:
                img_el.getparent().remove(img_el)  # remote images are never loaded
                continue
            web = self._image(ref, img_dir, ctx, url)
            fig = lxml.html.fragment_fromstring(
                self.env(ctx).from_string(
                    '{% from "_macros.html" import figure %}{{ figure(img) }}').render(img=web))
            parent = img_el.getparent()
            if parent.tag == "p" and len(parent) == 1 and not (parent.text or "").strip():
                parent.getparent().replace(parent, fig)
            else:
                parent.replace(img_el, fig)
        for i, table in enumerate(root.iter("table")):
            wrap = lxml.html.Element("div", {"class": "table-wrap", "role": "region",
                                            "tabindex": "0", "aria-label": f"표 {i + 1}"})
            table.addprevious(wrap)
            wrap.append(table)
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
        return {"src": url(issue_out["mp3"]), "chapters": chapters}

    @staticmethod
    def _issue_links(issue_out: dict[str, Any], url: Page) -> list[dict[str, Any]]:
        spec = [
            ("pdf", "인쇄판 PDF", "A4, 화면 낭독기 지원", True),
            ("pdf_large", "큰 글자 PDF", "본문 18포인트 이상", True),
            ("mp3", "이번 호 전체 듣기(MP3)", "기사별 장(챕터) 포함", True),
            ("m3u", "기사별 재생 목록(M3U8)", None, True),
            ("braille_preview", "점자 미리보기", "점역 교정용", False),
            ("brf", "점자 파일(BRF)", "점자 프린터·점자정보단말기용", True),
            ("pef", "점자 파일(PEF)", "국제 표준 점자 형식", True),
        ]
        return [{"href": url(issue_out[key]), "label": label, "note": note, "download": dl}
                for key, label, note, dl in spec if issue_out.get(key)]

    # -- site-wide -------------------------------------------------------------
    def render_site(self, issues: list[Issue], ctx: RenderContext) -> Outputs:
        outs = Outputs()
        static_src = ctx.layouts("web") / "static"
        for f in sorted(static_src.rglob("*")):
            if f.is_file():
                dest = ctx.out / paths.STATIC / f.relative_to(static_src)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(f, dest)
        ordered = sorted(issues, key=lambda i: i.id, reverse=True)
        page = paths.web_index()
        url = Page(page)
        self._render(
            ctx, "index.html", page,
            issues=[{"href": url(paths.web_issue(i.id)), "label": i.label,
                     "title": i.title, "count": len(i.articles),
                     "cover": self._image(i.cover, paths.web_image_dir(i.id), ctx, url)
                     if i.cover else None} for i in ordered],
            canonical=ctx.url(""), og_title=ctx.site.title,
            description=ctx.site.description or ctx.site.title,
        )
        outs.issue["web_index"] = page
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

        ctx.unit("feed", {"data": data, "layout": self._layout(ctx)}, produce)
        return paths.web_feed()


def _first_line(md: str) -> str:
    for line in md.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:160]
    return ""
