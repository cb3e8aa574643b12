"""The whole sample issue, every edition, in one build: what `make run` produces."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest
from browser import axe_violations, horizontal_overflow, phone_page, serve_folder
from conftest import build_sample

ISSUE_KEYS = {"web", "pdf", "pdf_large", "brf", "pef", "braille_check", "braille_preview",
              "mp3", "m3u", "og", "daisy", "daisy_zip", "epub", "transcript", "chapters_json",
              "audio_feedback"}  # content/site.yaml has feedback:
ARTICLE_KEYS = {"web", "mp3", "transcript", "cards", "cards_zip", "og"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = build_sample(tmp_path_factory.mktemp("all"), quiet=False)
    return out, json.loads((out / "manifest.json").read_text("utf-8"))


def test_every_edition_in_the_manifest_and_on_disk(built):
    out, manifest = built
    assert set(manifest["formats"]) == {"web", "cards", "print", "braille", "audio", "daisy",
                                        "epub"}
    (issue,) = manifest["issues"]
    assert ISSUE_KEYS <= set(issue["outputs"])
    for key in ISSUE_KEYS:
        assert (out / issue["outputs"][key]).is_file(), key
    for a in issue["articles"]:
        if a["status"] == "published":
            assert ARTICLE_KEYS <= set(a["outputs"]), a["slug"]
        else:
            assert a["outputs"] == {}
            assert not list(out.rglob(f"*{a['slug']}*"))  # no edition wrote anything for it


def test_web_pages_link_to_every_other_edition(built):
    out, manifest = built
    (issue,) = manifest["issues"]
    page = out / issue["outputs"]["web"]
    doc = lxml.html.fromstring(page.read_bytes())
    hrefs = {(page.parent / h).resolve() for h in doc.xpath("//a/@href")
             if not h.startswith(("http", "#", "tel:", "mailto:"))}
    for key in ("pdf", "pdf_large", "brf", "pef", "braille_preview", "mp3", "m3u",
                "daisy_zip", "epub", "transcript"):
        assert (out / issue["outputs"][key]).resolve() in hrefs, key
    assert doc.xpath("//audio/@src")
    assert len(doc.xpath("//ol[@class='contents']//a[@data-start]")) == sum(
        a["status"] == "published" for a in issue["articles"])
    art = next(a for a in issue["articles"] if a["status"] == "published")
    adoc = lxml.html.fromstring((out / art["outputs"]["web"]).read_bytes())
    assert adoc.xpath("//audio/@src")
    gallery = adoc.xpath("//ul[@class='card-strip']//img")
    assert [g.get("alt") for g in gallery] == [c["alt"] for c in art["outputs"]["cards"]]
    og = adoc.xpath("//meta[@property='og:image']/@content")[0]
    assert og.endswith(art["outputs"]["og"])


@pytest.mark.browser
def test_axe_with_every_edition(built):
    out, manifest = built
    (issue,) = manifest["issues"]
    art = next(a for a in issue["articles"] if a["status"] == "published")
    with serve_folder(out) as base, phone_page() as (page, outside):
        for path in (issue["outputs"]["web"], art["outputs"]["web"],
                     issue["outputs"]["braille_preview"]):
            page.goto(base + path)
            violations = axe_violations(page)
            assert violations == [], (path, [(v["id"], v["nodes"][0]["html"])
                                             for v in violations])
            assert horizontal_overflow(page) <= 0, path
        assert outside == []


def test_article_page_has_player_and_a_link_to_the_issue_chapters(built):
    out, manifest = built
    (issue,) = manifest["issues"]
    published = [a for a in issue["articles"] if a["status"] == "published"]
    art = published[1]
    doc = lxml.html.fromstring((out / art["outputs"]["web"]).read_bytes())
    (src,) = doc.xpath("//section[@class='audio']/audio/@src")
    assert (out / art["outputs"]["web"]).parent.joinpath(src).resolve() == \
        (out / art["outputs"]["mp3"]).resolve()
    (chapters,) = doc.xpath("//section[@class='audio']//a[contains(@href, '#listen')]/@href")
    assert (out / art["outputs"]["web"]).parent.joinpath(chapters.split("#")[0]).resolve() == \
        (out / issue["outputs"]["web"]).resolve()


def test_chapter_times_jump_into_the_whole_issue_mp3(built):
    out, manifest = built
    (issue,) = manifest["issues"]
    page = out / issue["outputs"]["web"]
    doc = lxml.html.fromstring(page.read_bytes())
    links = doc.xpath("//ol[@class='contents']//a[@data-start]/@href")
    # one link per article chapter (the contents chapter at 0 s belongs to no article)
    starts = [ch["start"] for ch in issue["outputs"]["chapters"] if ch.get("slug")]
    assert len(links) == len(starts)
    for href, start in zip(links, starts):
        file, _, frag = href.partition("#t=")
        assert (page.parent / file).resolve() == (out / issue["outputs"]["mp3"]).resolve()
        assert abs(float(frag) - start) < 0.1


def test_audio_files_are_numbered_without_gaps(built):
    out, manifest = built
    (issue,) = manifest["issues"]
    assert any(a["status"] != "published" for a in issue["articles"])  # a gap to close
    published = [a for a in issue["articles"] if a["status"] == "published"]
    names = [a["outputs"]["mp3"].rsplit("/", 1)[1] for a in published]
    assert names == [f"{i:02d}-{a['slug']}.mp3" for i, a in enumerate(published, 1)]
    playlist = (out / issue["outputs"]["m3u"]).read_text("utf-8").splitlines()
    # the survey's closing part last (content/site.yaml has feedback:)
    assert [ln for ln in playlist if ln.endswith(".mp3")] == [
        "00-contents.mp3", *names, f"{len(names) + 1:02d}-feedback.mp3"]
