"""Card news edition: slide series, share images, ZIP, cache, errors, drafts, gallery."""

from __future__ import annotations

import dataclasses
import json
import struct
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import MINI, ROOT, SAMPLE, run_cli, snapshot
from PIL import Image

from greenpub import paths
from greenpub.cache import BuildCache
from greenpub.content.model import Issue
from greenpub.content.reader import read_content
from greenpub.editions.base import BuildOptions, EditionResult, RenderContext, run_edition
from greenpub.editions.cards import CardsEdition
from greenpub.errors import RenderError
from greenpub.review import decide

ISSUE = "2021-03"
BADGE = (805, 116)  # left part of the 검토용 badge on a slide (layouts/cards/theme.yaml)


def published(drafts: bool = False) -> tuple[object, Issue]:
    cfg, issues = read_content(MINI)
    issue = issues[0]
    keep = [a for a in issue.articles if drafts or decide(a, cfg).publishable]
    return cfg, dataclasses.replace(issue, articles=keep)


def render(tmp: Path, issue: Issue | None = None, drafts: bool = False,
           cache: Path | None = None) -> tuple[EditionResult, RenderContext]:
    cfg, default = published(drafts)
    ctx = RenderContext(site=cfg, out=tmp / "out", project=ROOT,  # type: ignore[arg-type]
                        options=BuildOptions(formats=("cards",), drafts=drafts),
                        cache=BuildCache(cache or tmp / "cache"))
    return run_edition(CardsEdition(), issue or default, ctx), ctx


def with_card(card: list[str] | None, slug: str = "survey") -> Issue:
    _, issue = published()
    articles = [dataclasses.replace(a, card=card) if a.slug == slug else a
                for a in issue.articles]
    return dataclasses.replace(issue, articles=articles)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, EditionResult]:
    tmp = tmp_path_factory.mktemp("cards")
    result, _ = render(tmp)
    return tmp / "out", result


def png_chunks(data: bytes) -> list[bytes]:
    pos, kinds = 8, []
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        kinds.append(kind)
        pos += 12 + length
    return kinds


def test_series_sizes_paths_and_alt_text(built: tuple[Path, EditionResult]):
    out, result = built
    arts = result.outputs.articles
    assert set(arts) == {"wifi", "survey"}
    for slug, entry in arts.items():
        cards = entry["cards"]
        assert 4 <= len(cards) <= 7  # cover, 2-5 content slides, closing
        for n, card in enumerate(cards, 1):
            assert card["src"] == paths.card_slide(ISSUE, slug, n)
            with Image.open(out / card["src"]) as im:
                assert (im.size, im.mode) == ((1080, 1350), "RGB")
            assert len(card["alt"]) > 5
        with Image.open(out / entry["og"]) as im:
            assert im.size == (1200, 630)
        assert entry["og"] == paths.og_article(ISSUE, slug)
    with Image.open(out / result.outputs.issue["og"]) as im:
        assert im.size == (1200, 630)
    survey = [c["alt"] for c in arts["survey"]["cards"]]
    assert "소식지 구독 방법 설문에 참여해 주세요" in survey[0] and "알림" in survey[0]
    assert survey[1] == "종이 소식지와 모바일 소식지 가운데 어떤 방식을 원하시는지 의견을 모읍니다."
    assert survey[2].startswith("올해 Green 서구는 종이 소식지를")  # a key sentence of the body
    assert "https://news.seo.incheon.kr/green/2021-03/survey/" in survey[-1]
    assert "인천광역시 서구" in survey[-1]
    assert result.counters["cards.slides"] == sum(len(e["cards"]) for e in arts.values())


def test_zip_holds_the_series_in_order(built: tuple[Path, EditionResult]):
    out, result = built
    entry = result.outputs.articles["wifi"]
    with zipfile.ZipFile(out / entry["cards_zip"]) as zf:
        names = zf.namelist()
        assert names == [f"2021-03-wifi-{n:02d}.png" for n in range(1, len(entry["cards"]) + 1)]
        for name, card in zip(names, entry["cards"]):
            assert zf.read(name) == (out / card["src"]).read_bytes()
            assert zf.getinfo(name).date_time == (1980, 1, 1, 0, 0, 0)


def test_excluded_articles_get_no_cards(built: tuple[Path, EditionResult]):
    out, result = built
    assert "pending" not in result.outputs.articles
    assert not (out / paths.cards_dir(ISSUE, "pending")).exists()
    assert "아직 심의 중인 기사" not in json.dumps(result.outputs.__dict__, ensure_ascii=False)


def test_closing_slide_qr_code_opens_the_article_page(built: tuple[Path, EditionResult]):
    out, result = built
    last = out / result.outputs.articles["wifi"]["cards"][-1]["src"]
    decoded = subprocess.run(["zbarimg", "-q", "--raw", str(last)], capture_output=True,
                             text=True, check=True).stdout.strip()
    assert decoded == "https://news.seo.incheon.kr/green/2021-03/wifi/"


def test_deterministic_bytes_without_metadata(built: tuple[Path, EditionResult],
                                              tmp_path: Path):
    out, _ = built
    render(tmp_path)  # fresh cache: everything drawn again
    assert snapshot(tmp_path / "out") == snapshot(out)
    data = (out / paths.card_slide(ISSUE, "wifi", 1)).read_bytes()
    assert png_chunks(data)[0] == b"IHDR"
    assert set(png_chunks(data)) <= {b"IHDR", b"IDAT", b"IEND"}  # no tIME, tEXt, pHYs


def test_unchanged_cards_are_not_redrawn(tmp_path: Path):
    first, _ = render(tmp_path / "a", cache=tmp_path / "cache")
    assert first.cache.misses == 3 and first.cache.hits == 0  # two articles + issue og
    again, _ = render(tmp_path / "b", cache=tmp_path / "cache")
    assert again.cache.misses == 0 and again.cache.hits == 3
    assert snapshot(tmp_path / "a" / "out") == snapshot(tmp_path / "b" / "out")
    changed, _ = render(tmp_path / "c", with_card(["첫째 장 문장입니다.", "둘째 장 문장입니다."]),
                        cache=tmp_path / "cache")
    built = [r for r in changed.cache.records if r.status == "built"]
    assert [r.unit for r in built] == ["2021-03/survey"] and "slides" in built[0].reason
    drafts, _ = render(tmp_path / "d", drafts=True, cache=tmp_path / "cache")
    assert drafts.cache.hits == 0  # the review mark changes every slide


def test_card_list_gives_the_content_slides(tmp_path: Path):
    card = ["설문은 3월 31일까지 받습니다.", "누리집이나 전화로 참여하세요.", "추첨으로 기념품을 드립니다."]
    result, _ = render(tmp_path, with_card(card))
    alts = [c["alt"] for c in result.outputs.articles["survey"]["cards"]]
    assert len(alts) == 5 and alts[1:4] == card


@pytest.mark.parametrize("n", [1, 6])
def test_card_list_must_have_two_to_five_items(tmp_path: Path, n: int):
    with pytest.raises(RenderError) as err:
        render(tmp_path, with_card([f"문장 {i}번입니다." for i in range(n)]))
    assert "2~5개" in err.value.message and err.value.file.endswith("02-survey.md")


def test_text_that_does_not_fit_is_an_error_naming_article_and_slide(tmp_path: Path):
    long = "주민 여러분의 소중한 의견을 기다립니다. " * 14
    with pytest.raises(RenderError) as err:
        render(tmp_path, with_card(["짧은 첫 문장입니다.", long]))
    e = err.value
    assert e.file.endswith("02-survey.md")
    assert "소식지 구독 방법 설문에 참여해 주세요" in e.message and "3번째 장(본문)" in e.message
    assert "44px" in e.message and "줄" in e.message
    assert not (tmp_path / "out" / paths.cards_dir(ISSUE, "survey")).exists()  # no half series


def test_long_text_shrinks_before_it_fails(tmp_path: Path):
    medium = "주민 여러분의 소중한 의견을 기다립니다. " * 5
    result, _ = render(tmp_path, with_card(["짧은 문장입니다.", medium]))
    assert result.outputs.articles["survey"]["cards"][2]["alt"] == medium.strip()


def test_character_no_font_has_is_an_error_naming_it(tmp_path: Path):
    with pytest.raises(RenderError) as err:
        render(tmp_path, with_card(["참여해 주세요 😀", "고맙습니다."]))
    e = err.value
    assert "😀" in e.message and "U+1F600" in e.message and "2번째 장(본문)" in e.message
    assert "소식지 구독 방법 설문에 참여해 주세요" in e.message and e.file.endswith("02-survey.md")


def test_fallback_font_draws_what_nanum_lacks(tmp_path: Path):
    # U+213B (fax sign) is only in Noto Sans CJK KR: drawn, not refused.
    result, _ = render(tmp_path, with_card(["문의 ℻ 032-560-4114", "고맙습니다."]))
    assert result.outputs.articles["survey"]["cards"][1]["alt"] == "문의 ℻ 032-560-4114."


def test_drafts_mark_every_slide(tmp_path: Path, built: tuple[Path, EditionResult]):
    result, _ = render(tmp_path, drafts=True)
    out = tmp_path / "out"
    assert "pending" in result.outputs.articles  # --drafts shows unapproved articles too
    for entry in result.outputs.articles.values():
        for card in entry["cards"]:
            with Image.open(out / card["src"]) as im:
                assert im.getpixel(BADGE) == (0xB3, 0x26, 0x1E), card["src"]
            assert "검토용" in card["alt"]
    release, _ = built
    with Image.open(release / paths.card_slide(ISSUE, "wifi", 1)) as im:
        assert im.getpixel(BADGE) != (0xB3, 0x26, 0x1E)


def test_cli_build_writes_cards_into_the_manifest(tmp_path: Path):
    r = run_cli("build", "--content", str(MINI), "--out", str(tmp_path / "out"), "--cache",
                str(tmp_path / "cache"), "--formats", "cards", "-q")
    assert r.code == 0, r.err
    manifest = json.loads((tmp_path / "out/manifest.json").read_text("utf-8"))
    (issue,) = manifest["issues"]
    assert issue["outputs"]["og"] == paths.og_issue(ISSUE)
    by_slug = {a["slug"]: a for a in issue["articles"]}
    assert by_slug["pending"]["outputs"] == {}
    wifi = by_slug["wifi"]["outputs"]
    assert [c["src"] for c in wifi["cards"]][0] == paths.card_slide(ISSUE, "wifi", 1)
    assert (tmp_path / "out" / wifi["cards_zip"]).is_file()


def test_cli_reports_overflow_in_korean_without_traceback(tmp_path: Path, mini: Path):
    art = mini / "2021-03" / "02-survey.md"
    text = art.read_text("utf-8")
    long = "주민 여러분의 소중한 의견을 기다립니다. " * 14
    art.write_text(text.replace("section: 알림\n", f"section: 알림\ncard:\n  - 첫 문장\n  - {long}\n"),
                   "utf-8")
    r = run_cli("build", "--content", str(mini), "--out", str(tmp_path / "out"), "--cache",
                str(tmp_path / "cache"), "--formats", "cards", "--drafts", "-q")
    assert r.code == 2
    assert "Traceback" not in r.err
    assert "02-survey.md" in r.err and "3번째 장(본문)" in r.err


@pytest.mark.browser
def test_gallery_on_the_article_page_passes_axe(tmp_path: Path):
    from browser import axe_violations, phone_page, serve_folder

    r = run_cli("build", "--content", str(SAMPLE), "--out", str(tmp_path / "out"), "--cache",
                str(tmp_path / "cache"), "--formats", "web,cards", "-q")
    assert r.code == 0, r.err
    site = tmp_path / "out"
    manifest = json.loads((site / "manifest.json").read_text("utf-8"))
    article = next(a for a in manifest["issues"][0]["articles"] if a["status"] == "published")
    alts = [c["alt"] for c in article["outputs"]["cards"]]
    with serve_folder(site) as base, phone_page() as (page, outside):
        page.goto(base + f"{ISSUE}/{article['slug']}/index.html")
        gallery = page.locator("ul.card-strip img")
        assert gallery.count() == len(alts)
        assert [gallery.nth(i).get_attribute("alt") for i in range(len(alts))] == alts
        violations = axe_violations(page)
        assert violations == [], [(v["id"], v["nodes"][0]["html"]) for v in violations]
        assert outside == []
