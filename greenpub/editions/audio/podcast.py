"""The podcast feed: RSS 2.0 with Apple Podcasts (itunes:), Podcasting 2.0 (podcast:) and
Podlove Simple Chapters (psc:) tags, so residents can subscribe in a podcast app.

One episode per issue (the whole-issue MP3, with its chapters) and one per article MP3,
newest first. Written after every issue's audio exists (site-wide step), from the
manifest entries the audio edition produced; enclosure lengths are the real file sizes.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import io
from pathlib import Path
from typing import Any

from lxml import etree

from ... import paths
from ...content.model import Issue
from ..base import RenderContext
from . import messages as M

FEED = "audio/podcast.xml"
COVER = "audio/podcast-cover.jpg"
COVER_SIZE = 1400  # Apple Podcasts asks for 1400-3000 px, square

NS = {"itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
      "podcast": "https://podcastindex.org/namespace/1.0",
      "psc": "http://podlove.org/simple-chapters",
      "atom": "http://www.w3.org/2005/Atom"}
KST = dt.timezone(dt.timedelta(hours=9))


def _q(prefix: str, name: str) -> str:
    return f"{{{NS[prefix]}}}{name}"


def _sub(parent: etree._Element, tag: str, text: str | None = None,
         **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, tag, {k: v for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def npt(seconds: float) -> str:
    """Normal play time for psc:chapter: 00:01:02.500."""
    from .encode import timestamp

    return timestamp(seconds)


def square_cover(path: Path, size: int = COVER_SIZE) -> bytes:
    """The issue cover centred on a white square (podcast apps show square art)."""
    from PIL import Image

    with Image.open(path) as opened:
        im = opened.convert("RGB")
        im.thumbnail((size, size))
        canvas = Image.new("RGB", (size, size), "white")
        canvas.paste(im, ((size - im.width) // 2, (size - im.height) // 2))
        buf = io.BytesIO()
        canvas.save(buf, "JPEG", quality=85, optimize=True)
        return buf.getvalue()


def write_feed(issues: list[Issue], ctx: RenderContext) -> str | None:
    """Write the feed (and its square cover); None when no issue has audio."""
    site = ctx.site
    with_audio = [i for i in sorted(issues, key=lambda i: i.id, reverse=True)
                  if ctx.issue_entry(i.id)["outputs"].get("mp3")]
    if not with_audio:
        return None
    rss = etree.Element("rss", {"version": "2.0"}, nsmap=NS)
    ch = _sub(rss, "channel")
    title = M.PODCAST_TITLE.format(title=site.title)
    _sub(ch, "title", title)
    _sub(ch, "link", site.url(""))
    _sub(ch, _q("atom", "link"), href=site.url(FEED), rel="self", type="application/rss+xml")
    _sub(ch, "description", site.description or M.PODCAST_DESCRIPTION.format(
        title=site.title, publisher=site.publisher))
    _sub(ch, "language", "ko")
    _sub(ch, "copyright", site.publisher)
    _sub(ch, "generator", "greenpub")
    _sub(ch, _q("itunes", "author"), site.publisher)
    owner = _sub(ch, _q("itunes", "owner"))
    _sub(owner, _q("itunes", "name"), site.publisher)
    if site.contact.email:
        _sub(owner, _q("itunes", "email"), site.contact.email)
    _sub(ch, _q("itunes", "explicit"), "no")
    _sub(ch, _q("itunes", "type"), "episodic")
    etree.SubElement(ch, _q("itunes", "category"), {"text": "Government"})
    _sub(ch, _q("podcast", "locked"), "no")
    cover = next((i.cover for i in with_audio if i.cover is not None), None)
    if cover is not None:
        try:
            ctx.write_bytes(COVER, square_cover(cover.path))
        except OSError as exc:
            ctx.warn(M.COVER_UNREADABLE.format(file=cover.path, reason=exc))
        else:
            _sub(ch, _q("itunes", "image"), href=site.url(COVER))
            image = _sub(ch, "image")
            _sub(image, "url", site.url(COVER))
            _sub(image, "title", title)
            _sub(image, "link", site.url(""))
    web = ctx.has_format("web")  # episode pages link to the web edition when it is built
    for issue in with_audio:
        entry = ctx.issue_entry(issue.id)
        outs = entry["outputs"]
        pub = email.utils.format_datetime(dt.datetime.combine(issue.date, dt.time(9), KST))
        _episode(ch, ctx, title=outs.get("audio_title") or f"{site.title} {issue.label}",
                 mp3=outs["mp3"], duration=outs.get("duration"), pub=pub,
                 guid=f"{issue.id}/whole", description=M.PODCAST_ISSUE.format(
                     label=issue.label, title=issue.title),
                 link=paths.web_issue_url(issue.id) if web else None, transcript=outs.get("transcript"),
                 chapters=outs.get("chapters", []), chapters_json=outs.get("chapters_json"))
        for a in issue.articles:
            a_out = entry["articles"].get(a.slug, {})
            if not a_out.get("mp3"):
                continue
            _episode(ch, ctx, title=a.title, mp3=a_out["mp3"], duration=a_out.get("duration"),
                     pub=pub, guid=f"{issue.id}/{a.slug}", description=a.summary,
                     link=paths.web_article_url(issue.id, a.slug) if web else None,
                     transcript=a_out.get("transcript"))
    ctx.write_bytes(FEED, etree.tostring(rss, xml_declaration=True, encoding="UTF-8",
                                         pretty_print=True))
    return FEED


def _episode(ch: etree._Element, ctx: RenderContext, *, title: str, mp3: str,
             duration: float | None, pub: str, guid: str, description: str,
             link: str | None, transcript: str | None,
             chapters: list[dict[str, Any]] | None = None,
             chapters_json: str | None = None) -> None:
    site = ctx.site
    item = _sub(ch, "item")
    _sub(item, "title", title)
    _sub(item, _q("itunes", "title"), title)
    _sub(item, "description", description)
    if link:
        _sub(item, "link", site.url(link))
    _sub(item, "guid", f"greenpub:{guid}", isPermaLink="false")
    _sub(item, "pubDate", pub)
    size = (ctx.out / mp3).stat().st_size
    _sub(item, "enclosure", url=site.url(mp3), length=str(size), type="audio/mpeg")
    if duration is not None:
        _sub(item, _q("itunes", "duration"), str(round(duration)))
    _sub(item, _q("itunes", "explicit"), "no")
    _sub(item, _q("itunes", "episodeType"), "full")
    if transcript:
        _sub(item, _q("podcast", "transcript"), url=site.url(transcript), type="text/plain",
             language="ko")
    if chapters_json:
        _sub(item, _q("podcast", "chapters"), url=site.url(chapters_json),
             type="application/json+chapters")
    if chapters:
        psc = _sub(item, _q("psc", "chapters"), version="1.2")
        for c in chapters:
            _sub(psc, _q("psc", "chapter"), start=npt(c["start"]), title=c["title"])
