"""The braille edition end to end: BRF and PEF geometry, the check report, the
preview page, settings, drafts and the cache, on the sample issue."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from pathlib import Path

import lxml.html
import pytest
from conftest import MINI, ROOT, build_sample, run_cli

from greenpub.cache import BuildCache
from greenpub.content.reader import read_content
from greenpub.editions.base import BuildOptions, RenderContext, run_edition
from greenpub.editions.braille import BrailleEdition, braille_text
from greenpub.editions.braille.brf import from_ascii
from greenpub.editions.braille.pef import page_count, validate
from greenpub.errors import ConfigError
from greenpub.review import decide

B = "\u2800"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample issue built through the real CLI with --formats braille."""
    return build_sample(tmp_path_factory.mktemp("braille"), "braille")


@pytest.fixture(scope="module")
def manifest(built: Path) -> dict:  # type: ignore[type-arg]
    (issue,) = json.loads((built / "manifest.json").read_text("utf-8"))["issues"]
    return issue  # type: ignore[no-any-return]


def _pages(brf: bytes) -> list[list[str]]:
    text = brf.decode("ascii")
    return [page.split("\r\n")[:-1] for page in text.split("\f")]


def _words(pages: list[list[str]]) -> str:
    """All cells as one stream of words (line breaks and indents as single blanks)."""
    return B.join(w for page in pages for line in page[1:]
                  for w in from_ascii(line).split(B) if w)


def _braille(text: str) -> str:
    return B.join(w for w in next(braille_text([text])).split(B) if w)


def test_manifest_names_every_braille_output(built: Path, manifest: dict) -> None:  # type: ignore[type-arg]
    out = manifest["outputs"]
    assert out["brf"] == "braille/green-seogu-2021-03.brf"
    assert out["pef"] == "braille/green-seogu-2021-03.pef"
    assert out["braille_check"] == "braille/green-seogu-2021-03-check.html"
    assert out["braille_preview"] == "2021-03/braille.html"
    for rel in out.values():
        assert (built / rel).is_file(), rel


def test_brf_geometry(built: Path, manifest: dict) -> None:  # type: ignore[type-arg]
    data = (built / manifest["outputs"]["brf"]).read_bytes()
    assert set(data) <= set(range(0x20, 0x60)) | {0x0D, 0x0A, 0x0C}
    assert data.count(b"\n") == data.count(b"\r\n") and data.count(b"\r") == data.count(b"\r\n")
    assert data.endswith(b"\r\n")
    pages = _pages(data)
    assert len(pages) == data.count(b"\f") + 1 > 10
    for n, page in enumerate(pages, 1):
        assert 1 <= len(page) <= 25, n
        assert all(len(line) <= 40 for line in page), n
        # braille page number at the right end of the first line
        assert page[0] == from_ascii_number(n).rjust(40), (n, page[0])


def from_ascii_number(n: int) -> str:
    return "#" + "".join("JABCDEFGHI"[int(d)] for d in str(n))


def test_title_page_and_contents(built: Path, manifest: dict) -> None:  # type: ignore[type-arg]
    pages = _pages((built / manifest["outputs"]["brf"]).read_bytes())
    title = _words(pages[:1])
    for text in ("Green 서구", "점자판", "제301호", "2021년 3월 2일", "인천광역시 서구"):
        assert _braille(text) in title, text
    assert _braille("검토용") not in title
    # 일러두기 follows the title page, then the contents
    assert _braille("일러두기") in _words(pages[1:2])
    at = next(i for i in range(1, 8) if _braille("차례") in _words([pages[i]]))
    guide = _words(pages[1:at])
    # the special symbols this issue uses, name then cells; not the full stop
    assert _braille("참고표:") + B + "⠸⠔" in guide
    assert _braille("가운뎃점:") + B + "⠐⠆" in guide
    assert _braille("마침표:") not in guide
    contents = _words(pages[at:at + 2])
    for article in manifest["articles"]:
        if article["status"] != "published":
            continue
        start = article["outputs"]["braille_page"]
        number = _braille(str(start))
        # the contents line of the article ends with its page number ...
        assert number in contents
        # ... and that page starts the article (title within its first lines)
        first = _words([pages[start - 1]])
        assert _braille(article["title"]) in first, article["slug"]


def test_excluded_article_is_absent(built: Path, manifest: dict) -> None:  # type: ignore[type-arg]
    (excluded,) = [a for a in manifest["articles"] if a["status"] == "excluded"]
    assert "braille_page" not in excluded["outputs"]
    words = _words(_pages((built / manifest["outputs"]["brf"]).read_bytes()))
    assert _braille(excluded["title"]) not in words
    assert _braille("운영체제를 윈도우") not in words
    assert _braille("멈춤 없는 행정") not in words
    # while a published article's words are found the same way
    assert _braille("공공와이파이") in words


def test_pef_validates_and_matches_the_brf(built: Path, manifest: dict) -> None:  # type: ignore[type-arg]
    from lxml import etree

    data = (built / manifest["outputs"]["pef"]).read_bytes()
    assert validate(data) == []
    brf_pages = _pages((built / manifest["outputs"]["brf"]).read_bytes())
    assert page_count(data) == len(brf_pages)
    ns = {"p": "http://www.daisy.org/ns/2008/pef", "dc": "http://purl.org/dc/elements/1.1/"}
    doc = etree.fromstring(data)
    assert doc.findtext(".//dc:language", namespaces=ns) == "ko"
    assert doc.findtext(".//dc:date", namespaces=ns) == "2021-03-02"
    assert doc.findtext(".//dc:format", namespaces=ns) == "application/x-pef+xml"
    assert "제301호" in doc.findtext(".//dc:title", namespaces=ns)
    volume = doc.find(".//p:volume", ns)
    assert (volume.get("cols"), volume.get("rows")) == ("40", "25")
    for page, brf_page in zip(doc.iterfind(".//p:page", ns), brf_pages):
        rows = [r.text or "" for r in page.iterfind("p:row", ns)]
        assert rows == [from_ascii(line) for line in brf_page]


def test_pef_validation_catches_bad_files(built: Path, manifest: dict) -> None:  # type: ignore[type-arg]
    data = (built / manifest["outputs"]["pef"]).read_bytes()
    eight_dot = data.replace("⠼".encode(), "\u28ff".encode(), 1).replace(
        "⠁".encode(), "\u2841".encode(), 1)
    assert validate(eight_dot) == []  # still in U+2800-U+28FF: PEF allows 8 dots
    assert validate(data.replace("⠁".encode(), b"A", 1))
    assert validate(data.replace(b'rows="25"', b'rows="5"'))
    assert validate(data.replace(b"<dc:date>2021-03-02", b"<dc:date>2021/03/02"))
    assert validate(data.replace(b"<dc:language>ko<", b"<dc:language>ko kr<"))
    assert validate(data.replace(b"<dc:identifier>", b"<dc:subject>").replace(
        b"</dc:identifier>", b"</dc:subject>"))


def test_check_report_lists_a_known_disagreement(built: Path, manifest: dict) -> None:  # type: ignore[type-arg]
    doc = lxml.html.fromstring((built / manifest["outputs"]["braille_check"]).read_bytes())
    assert doc.get("lang") == "ko" and doc.xpath("//main")
    rows = doc.xpath("//tbody/tr")
    assert rows
    # braillify marks a Latin word with the roman indicator ⠴ ... ⠲; liblouis' ko
    # tables do not, so 'Green 서구' must be a reported difference
    cells = {tr.xpath("td")[1].text_content(): tr for tr in rows}
    assert "Green 서구" in cells
    tr = cells["Green 서구"]
    assert tr.xpath("td")[2].text_content() == "⠴⠠⠛⠗⠑⠢⠲⠀⠠⠎⠈⠍"
    assert tr.xpath("td")[3].text_content() == "⠠⠛⠗⠑⠢⠀⠠⠎⠈⠍"
    assert tr.xpath("td")[2].xpath(".//mark")


def test_check_report_lists_every_preprocessing_change(built: Path, manifest: dict) -> None:  # type: ignore[type-arg]
    doc = lxml.html.fromstring((built / manifest["outputs"]["braille_check"]).read_bytes())
    (section,) = doc.xpath("//h2[@id='changes']/following-sibling::table[1]")
    rows = [[td.text_content() for td in tr.xpath("td")] for tr in section.xpath(".//tbody/tr")]
    # ☎ is spelled 전화 in the sample's contact lines, each listed with its paragraph
    phone = [r for r in rows if r[2] == "‘☎’ → ‘전화’"]
    assert len(phone) >= 3 and all("☎" in r[1] for r in phone)
    # the symbols whose cells still want a transcriber's confirmation are named
    confirm = doc.xpath("//h2[@id='symbols']/following-sibling::ul[1]/li")
    assert any("참고표" in li.text_content() and "⠸⠔" in li.text_content() for li in confirm)


def test_check_report_describes_differences_in_words(built: Path, manifest: dict) -> None:  # type: ignore[type-arg]
    doc = lxml.html.fromstring((built / manifest["outputs"]["braille_check"]).read_bytes())
    cells = {tr.xpath("td")[1].text_content(): tr for tr in doc.xpath("//tbody/tr")
             if len(tr.xpath("td")) == 5}
    row = cells["Green 서구"]
    described = [li.text_content() for li in row.xpath("td")[4].xpath(".//li")]
    # ⠴⠠⠛⠗⠑⠢⠲⠀⠠⠎⠈⠍ against ⠠⠛⠗⠑⠢⠀⠠⠎⠈⠍: the roman indicator and terminator
    assert described == ["1번째 칸: ⠴ 대 (없음)", "7번째 칸: ⠲ 대 (없음)"]
    # located by volume, braille page and line: that line of the BRF starts with it
    where = row.xpath("td")[0].text_content()
    m = re.search(r"(\d+)권 (\d+)쪽 (\d+)줄", where)
    assert m, where
    page, line = int(m.group(2)), int(m.group(3))
    brf = _pages((built / manifest["outputs"]["brf"]).read_bytes())
    assert from_ascii(brf[page - 1][line - 1]).strip(B).startswith("⠴⠠⠛⠗⠑⠢⠲")
    # and it is one of the known liblouis gaps, counted apart
    assert "로마자 시작표" in where
    summary = doc.xpath("//p[contains(., '알려진 한계')]")[0].text_content()
    assert re.search(r"로마자 시작표\(⠴\)를 쓰지 않음\(제28항\) \d+곳", summary)


def test_preview_page_structure(built: Path, manifest: dict) -> None:  # type: ignore[type-arg]
    doc = lxml.html.fromstring((built / manifest["outputs"]["braille_preview"]).read_bytes())
    assert doc.get("lang") == "ko"
    assert doc.xpath("//a[@class='skip']/@href") == ["#main"]
    assert doc.xpath("//main[@id='main']") and len(doc.xpath("//h1")) == 1
    assert doc.xpath("//meta[@name='viewport']")
    pres = doc.xpath("//pre[@class='braille']")
    # a <pre> is not a widget: no aria-label (its page heading names the section),
    # but focusable so a keyboard user can scroll a 40-cell line on a phone
    assert all(p.get("aria-label") is None and p.get("tabindex") == "0" for p in pres)
    assert all(p.getparent().get("aria-labelledby") for p in pres)
    brf_pages = _pages((built / manifest["outputs"]["brf"]).read_bytes())
    assert len(pres) == len(brf_pages)
    assert pres[3].text_content().splitlines() == [from_ascii(x) for x in brf_pages[3]]
    links = doc.xpath("//a/@href")
    assert "../braille/green-seogu-2021-03.brf" in links


def test_preview_and_report_pass_axe_on_a_phone(built: Path, manifest: dict) -> None:  # type: ignore[type-arg]
    from browser import axe_violations, horizontal_overflow, phone_page, serve_folder

    with serve_folder(built) as base, phone_page() as (page, outside):
        for key in ("braille_preview", "braille_check"):
            page.goto(base + manifest["outputs"][key])  # type: ignore[attr-defined]
            assert axe_violations(page) == [], key
            assert horizontal_overflow(page) <= 0, key
        assert outside == []


# --- direct rendering: settings, engines, drafts, cache ------------------------------
def _render(tmp: Path, content: Path = MINI, **options) -> tuple[RenderContext, object]:  # type: ignore[no-untyped-def]
    cfg, issues = read_content(content)
    issue = issues[0]
    drafts = options.get("drafts", False)
    articles = [dataclasses.replace(a, draft=not decide(a, cfg).publishable)
                for a in issue.articles if drafts or decide(a, cfg).publishable]
    issue = dataclasses.replace(issue, articles=articles)
    ctx = RenderContext(site=cfg, out=tmp / "out", project=ROOT, options=BuildOptions(**options),
                        cache=BuildCache(tmp / "cache"))
    return ctx, run_edition(BrailleEdition(), issue, ctx)


def test_drafts_title_page_says_review_copy(tmp_path: Path) -> None:
    ctx, _ = _render(tmp_path, drafts=True)
    pages = _pages((ctx.out / "braille/green-seogu-2021-03.brf").read_bytes())
    assert _braille("검토용") in _words(pages[:1])
    # with --drafts the pending article is in, marked as a review copy
    assert _braille("아직 심의 중인 기사") in _words(pages)


def test_settings_change_the_page_geometry(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    with (content / "site.yaml").open("a", encoding="utf-8") as fh:
        fh.write("braille:\n  cells_per_line: 28\n  lines_per_page: 12\n  engine: liblouis\n")
    ctx, result = _render(tmp_path, content)
    pages = _pages((ctx.out / "braille/green-seogu-2021-03.brf").read_bytes())
    assert all(len(p) <= 12 and all(len(line) <= 28 for line in p) for p in pages)
    pef = (ctx.out / "braille/green-seogu-2021-03.pef").read_bytes()
    assert validate(pef) == [] and page_count(pef) == len(pages)
    # the site's engine choice is used: liblouis writes Green without ⠴ ... ⠲
    assert _braille("Green 서구") not in _words(pages)


def test_engine_option_wins_over_site_setting(tmp_path: Path) -> None:
    ctx_l, result_l = _render(tmp_path / "l", braille_engine="liblouis")
    ctx_b, result_b = _render(tmp_path / "b", braille_engine="braillify")
    # liblouis warns with its measured accuracy, braillify does not
    assert any("liblouis" in w and "345개(69.1%)" in w for w in result_l.warnings)
    assert not any("규정대로 점역합니다" in w for w in result_b.warnings)
    brf = "braille/green-seogu-2021-03.brf"
    assert (ctx_l.out / brf).read_bytes() != (ctx_b.out / brf).read_bytes()


@pytest.mark.parametrize("block, message", [
    ("braille:\n  cells_per_line: 400\n", "cells_per_line"),
    ("braille:\n  lines_per_page: many\n", "lines_per_page"),
    ("braille:\n  engine: brl\n", "engine"),
    ("braille:\n  colour: red\n", "colour"),
    ("braille:\n  agency: [a, b]\n", "agency"),
    ("braille:\n  interpoint: yes please\n", "interpoint"),
    ("braille:\n  volume_pages: 5\n", "volume_pages"),
])
def test_bad_settings_are_config_errors(tmp_path: Path, block: str, message: str) -> None:
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    with (content / "site.yaml").open("a", encoding="utf-8") as fh:
        fh.write(block)
    with pytest.raises(ConfigError, match=message) as info:
        _render(tmp_path, content)
    assert info.value.file and info.value.file.endswith("site.yaml")


def test_second_build_comes_from_the_cache_and_still_warns(tmp_path: Path) -> None:
    ctx1, r1 = _render(tmp_path)
    first = (ctx1.out / "braille/green-seogu-2021-03.brf").read_bytes()
    shutil.rmtree(ctx1.out)
    ctx2, r2 = _render(tmp_path)
    assert ctx2.stats.hits == 1 and ctx2.stats.misses == 0
    assert (ctx2.out / "braille/green-seogu-2021-03.brf").read_bytes() == first
    assert r1.warnings == r2.warnings and any("교차 검증" in w for w in r2.warnings)


def test_braille_text_command() -> None:
    r = run_cli("braille-text", stdin="서구 소식\n☎ 032-560-4114\n")
    assert r.code == 0, r.err
    assert r.out.splitlines() == ["⠠⠎⠈⠍⠀⠠⠥⠠⠕⠁",
                                  "⠨⠾⠚⠧⠀⠼⠚⠉⠃⠤⠼⠑⠋⠚⠤⠼⠙⠁⠁⠙"]  # ☎ spelled 전화
    r = run_cli("braille-text", "--engine", "liblouis", stdin="서구\n")
    assert r.code == 0 and r.out == "⠠⠎⠈⠍\n"
    r = run_cli("braille-text", "--engine", "nope", stdin="서구\n")
    assert r.code == 2 and "알 수 없는 점역 엔진" in r.err + r.out
