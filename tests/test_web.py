"""Mobile web edition: built from the sample issue with --formats web."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import lxml.html
import pytest
from browser import axe_violations, horizontal_overflow, phone_page, serve_folder
from conftest import MINI, build_sample, run_cli


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample(tmp_path_factory.mktemp("web"), "web")


def _doc(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(path.read_bytes())


def test_pages_exist_for_published_articles_only(site: Path):
    manifest = json.loads((site / "manifest.json").read_text("utf-8"))
    (issue,) = manifest["issues"]
    assert issue["outputs"]["web"] == "2021-03/index.html"
    published = [a for a in issue["articles"] if a["status"] == "published"]
    excluded = [a for a in issue["articles"] if a["status"] == "excluded"]
    assert len(published) >= 6 and len(excluded) == 1
    for a in published:
        assert (site / a["outputs"]["web"]).is_file()
    for a in excluded:
        assert a["outputs"] == {} and a["reasons"]
        assert not (site / "2021-03" / a["slug"]).exists()
        assert a["title"] not in (site / "2021-03/index.html").read_text("utf-8")
        assert a["title"] not in (site / "feed.xml").read_text("utf-8")


def test_article_page_structure_and_meta(site: Path):
    pages = sorted((site / "2021-03").glob("*/index.html"))
    assert len(pages) >= 7  # every published article of the sample, not whichever is first
    for page in pages:
        doc = _doc(page)
        assert doc.get("lang") == "ko"
        assert doc.xpath("//a[@class='skip-link']/@href") == ["#main"]
        assert doc.xpath("//main[@id='main']") and doc.xpath("//header") and doc.xpath("//footer")
        assert len(doc.xpath("//h1")) == 1
        metas = {m.get("property") or m.get("name"): m.get("content") for m in doc.iter("meta")}
        for key in ("og:title", "og:description", "og:url", "og:image", "twitter:card",
                    "twitter:title"):
            assert metas.get(key), key
        assert metas["og:url"].startswith("https://")
        for img in doc.iter("img"):  # decorative (alt="") only inside a link that has text
            link = next(img.iterancestors("a"), None)
            assert img.get("alt") or (link is not None and link.text_content().strip()), \
                lxml.html.tostring(img)
        html = page.read_text("utf-8")
        assert "http://" not in html.replace("http://www.w3.org", "")
        scripts = doc.xpath("//script")
        assert scripts and all(s.get("src", "").startswith("../../static/") and not (s.text or "").strip()
                               for s in scripts)  # local script files only, never inline


def test_images_resized_with_webp_and_srcset(site: Path):
    doc = _doc(site / "2021-03" / "index.html")
    source = doc.xpath("//picture/source[@type='image/webp']")[0]
    assert ".webp 480w" in source.get("srcset")
    img = doc.xpath("//picture//img")[0]
    assert "480w" in img.get("srcset") and img.get("width") and img.get("height")
    webps = list((site / "2021-03" / "images").glob("*.webp"))
    assert webps
    from PIL import Image

    widths = {Image.open(p).width for p in webps}
    assert 480 in widths and max(widths) <= 1440


def test_feed_is_valid_atom(site: Path):
    from lxml import etree

    feed = etree.parse(str(site / "feed.xml"))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = feed.findall("a:entry", ns)
    manifest = json.loads((site / "manifest.json").read_text("utf-8"))
    published = [a for a in manifest["issues"][0]["articles"] if a["status"] == "published"]
    assert len(entries) == len(published)
    assert all(e.find("a:link", ns).get("href").startswith("https://") for e in entries)


def test_hostile_markup_is_neutralised_and_template_syntax_literal(tmp_path: Path):
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    art = content / "2021-03" / "03-pending.md"
    art.write_text(art.read_text("utf-8") + (
        "\n<script>alert('x')</script>\n\n<iframe src=\"https://evil.example\"></iframe>\n\n"
        "<a href=\"javascript:alert(1)\" onclick=\"alert(2)\">링크</a>\n\n계산 {{ 7*7 }} 끝\n"),
        "utf-8")
    r = run_cli("build", "--content", str(content), "--out", str(tmp_path / "out"),
                "--cache", str(tmp_path / "cache"), "--formats", "web", "--drafts", "-q")
    assert r.code == 0, r.err
    assert "허용되지 않는 HTML" in r.err and "03-pending.md:" in r.err
    html = (tmp_path / "out" / "2021-03" / "pending" / "index.html").read_text("utf-8")
    html = html.replace('<script src="../../static/site.js"></script>', "", 1)  # our own file
    for bad in ("<script", "<iframe", "javascript:", "onclick", "alert("):
        assert bad not in html
    assert "계산 {{ 7*7 }} 끝" in html and "49" not in html


def test_drafts_mark_every_page(tmp_path: Path):
    r = run_cli("build", "--content", str(MINI), "--out", str(tmp_path / "out"), "--cache",
                str(tmp_path / "cache"), "--formats", "web", "--drafts", "-q")
    assert r.code == 0, r.err
    pages = list((tmp_path / "out").rglob("*.html"))
    assert len(pages) == 6  # index, search, issue, three articles (the pending one too)
    for p in pages:
        assert "검토용" in p.read_text("utf-8"), p
    pending = (tmp_path / "out/2021-03/pending/index.html").read_text("utf-8")
    assert "미승인 단계" in pending
    manifest = json.loads((tmp_path / "out/manifest.json").read_text("utf-8"))
    assert manifest["drafts"] is True
    release = tmp_path / "rel"
    run_cli("build", "--content", str(MINI), "--out", str(release), "--cache",
            str(tmp_path / "cache"), "--formats", "web", "-q")
    for p in release.rglob("*.html"):
        assert "검토용" not in p.read_text("utf-8")


@pytest.mark.browser
def test_axe_and_no_horizontal_scroll_on_a_phone(site: Path):
    with serve_folder(site) as base, phone_page() as (page, outside):
        article = "public-wifi"  # the article with a table, a footnote and images
        for path in ("index.html", "2021-03/index.html", f"2021-03/{article}/index.html",
                     "2021-03/public-wifi/index.html", "2021-03/march-events/index.html"):
            page.goto(base + path)
            violations = axe_violations(page)
            assert violations == [], (path, [(v["id"], v["nodes"][0]["html"])
                                             for v in violations])
            assert horizontal_overflow(page) <= 0, path
        assert outside == []  # no CDN, fonts or trackers: everything is local
