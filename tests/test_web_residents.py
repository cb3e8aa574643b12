"""Web edition as residents use it (issue #20): in the real browser at 390x844 and 1280x800.

Two builds: the sample issue's web pages (real tables, footnotes, phone numbers) and the
mini issue with cards and audio, plus the feedback survey and the district's identity.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import lxml.html
import pytest
from browser import axe_violations, horizontal_overflow, phone_page, serve_folder
from conftest import MINI, build_sample, run_cli

DESKTOP = {"width": 1280, "height": 800}
IDENTITY = """
feedback:
  url: https://www.seo.incheon.kr/green/survey
  label: 소식지 독자 의견 조사
web:
  emblem: emblem.svg
  homepage: {url: "https://www.seo.incheon.kr/", label: 서구청 누리집}
  privacy: {url: "https://www.seo.incheon.kr/privacy", label: 개인정보처리방침}
  kogl: 1
"""
EMBLEM = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
          '<circle cx="5" cy="5" r="5" fill="#1b5e20"/></svg>')

# Every whitespace-separated word in the element's text nodes that lies on more than one line.
BROKEN_WORDS = """(el) => {
  const broken = [];
  const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walk.nextNode(); node; node = walk.nextNode()) {
    const text = node.textContent;
    const re = /\\S+/g;
    let m;
    while ((m = re.exec(text))) {
      const r = document.createRange();
      r.setStart(node, m.index);
      r.setEnd(node, m.index + m[0].length);
      const tops = new Set([...r.getClientRects()].filter(x => x.width > 0)
                             .map(x => Math.round(x.top)));
      if (tops.size > 1) broken.push(m[0]);
    }
  }
  return broken;
}"""


def _with_identity(content: Path) -> Path:
    site = content / "site.yaml"
    site.write_text(site.read_text("utf-8") + IDENTITY, "utf-8")
    (content / "emblem.svg").write_text(EMBLEM, "utf-8")
    return content


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample(tmp_path_factory.mktemp("sample-web"), "web")


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini issue with cards and audio (the web edition links and plays them)."""
    tmp = tmp_path_factory.mktemp("mini-full")
    content = _with_identity(Path(shutil.copytree(MINI, tmp / "content")))
    return build_sample(tmp, "web,cards,audio", content=content)


def _doc(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(path.read_bytes())


def _manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text("utf-8"))["issues"][0]


def _axe_clean(page, where: str) -> None:  # type: ignore[no-untyped-def]
    violations = axe_violations(page)
    assert violations == [], (where, [(v["id"], v["nodes"][0]["html"]) for v in violations])


def _contrast(page, fg: str, bg: str) -> float:  # type: ignore[no-untyped-def]
    """WCAG contrast of two CSS colours as the browser computes them."""
    return page.evaluate("""([fg, bg]) => {
      const lum = c => {
        const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(Number).map(v => {
          v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
      return (a + 0.05) / (b + 0.05);
    }""", [fg, bg])


# -- 1. tables ----------------------------------------------------------------------------
@pytest.mark.browser
@pytest.mark.parametrize("viewport", [None, DESKTOP], ids=["390x844", "1280x800"])
def test_table_cells_never_break_a_word_and_scroll_in_their_own_box(sample: Path, viewport):
    with serve_folder(sample) as base, phone_page() as (page, outside):
        if viewport:
            page.set_viewport_size(viewport)
        for path in ("2021-03/march-events/index.html", "2021-03/public-wifi/index.html"):
            page.goto(base + path)
            tables = page.locator(".table-wrap table")
            assert tables.count() >= 1
            for i in range(tables.count()):
                table = tables.nth(i)
                for cell in table.locator("th, td").all():
                    assert cell.evaluate(BROKEN_WORDS) == [], (path, cell.inner_text())
                caption = table.locator("caption").inner_text().strip()
                assert caption, path
                wrap = page.locator(".table-wrap").nth(i)
                label_id = wrap.get_attribute("aria-labelledby")
                assert page.locator(f"#{label_id}").inner_text().strip() == caption
                assert wrap.get_attribute("tabindex") == "0"  # keyboard can scroll it
            assert horizontal_overflow(page) <= 0, path  # the page itself never scrolls sideways
            _axe_clean(page, path)
        assert outside == []
    doc = _doc(sample / "2021-03/march-events/index.html")
    assert doc.xpath("//caption")[0].text_content().startswith("3월 행사·교육 일정")
    wifi = _doc(sample / "2021-03/public-wifi/index.html")
    assert wifi.xpath("//caption")[0].text_content() == "서비스 구역과 사용 대상"  # its heading


def test_caption_from_a_table_line_and_header_scope():
    from greenpub.editions.web import body

    root = lxml.html.fragment_fromstring(
        "<h2>앞 제목</h2><p>표: 3월 일정 (요약)</p><table><thead><tr><th>날짜</th></tr></thead>"
        "<tbody><tr><td>오후 2시~4시</td></tr></tbody></table>", create_parent="div")
    body.tables(root, "기사")
    assert root.xpath("//caption/text()") == ["3월 일정 (요약)"]
    assert not root.xpath("//p")  # the caption line became the caption
    assert root.xpath("//th/@scope") == ["col"]
    assert root.xpath("//td/span[@class='nw']/text()") == ["2시~4시"]
    assert root.xpath("//td")[0].text_content() == "오후 2시~4시"


# -- 1. audio ------------------------------------------------------------------------------
def test_audio_is_named_and_one_duration_is_shown(full: Path):
    issue = _manifest(full)
    art = next(a for a in issue["articles"] if a["status"] == "published")
    doc = _doc(full / art["outputs"]["web"])
    (audio,) = doc.xpath("//audio")
    assert audio.get("aria-label") == f"{art['title']} 기사 듣기"
    text = doc.text_content()
    secs = int(art["outputs"]["duration"])
    shown = f"{secs // 60}분 {secs % 60}초" if secs >= 60 else f"{secs}초"
    assert text.count(shown) == 1
    assert not re.search(r"약 \d+분", text)  # no second, rounded duration elsewhere
    idoc = _doc(full / issue["outputs"]["web"])
    (iaudio,) = idoc.xpath("//audio")
    assert iaudio.get("aria-label").endswith("전체 듣기")
    assert not idoc.xpath("//ol[@class='chapters']")  # the contents are the chapters
    listens = idoc.xpath("//ol[@class='contents']//a[@data-start]")
    assert [float(a.get("data-start")) for a in listens] == pytest.approx(
        [ch["start"] for ch in issue["outputs"]["chapters"] if ch.get("slug")], abs=0.1)


@pytest.mark.browser
def test_chapter_link_moves_the_pages_own_player(full: Path):
    issue = _manifest(full)
    start = issue["outputs"]["chapters"][1]["start"]
    with serve_folder(full) as base, phone_page() as (page, outside):
        url = base + issue["outputs"]["web"]
        page.goto(url)
        listen = page.locator("ol.contents a[data-start]").nth(1)
        listen.click()
        page.wait_for_function(
            "(s) => { const a = document.getElementById('player');"
            " return a.currentTime >= s - 0.5 && !a.paused; }", arg=start, timeout=15000)
        assert page.url == url  # the page stayed; no bare MP3 opened
        _axe_clean(page, "issue with player")
        assert outside == []


# -- 1. first screen -----------------------------------------------------------------------
@pytest.mark.browser
def test_reading_starts_on_the_first_phone_screen(full: Path):
    issue = _manifest(full)
    art = next(a for a in issue["articles"] if a["status"] == "published")
    with serve_folder(full) as base, phone_page() as (page, _):
        page.goto(base + art["outputs"]["web"])
        assert page.locator(".summary.lead").bounding_box()["y"] < 844
        first_para = page.locator(".prose > p").first.bounding_box()
        assert first_para["y"] + 30 < 844  # the body's first line is on screen
        assert page.locator("audio").bounding_box()["y"] < 844  # and so is the player
        # the lead image follows the first paragraph
        assert page.locator(".prose > p + figure").count() == 1
        page.goto(base + issue["outputs"]["web"])
        first_item = page.locator("ol.contents > li").first.bounding_box()
        assert first_item["y"] + first_item["height"] < 844
        assert page.locator("figure").first.bounding_box()["y"] > first_item["y"]


# -- 1. links, footnotes, focus ---------------------------------------------------------------
@pytest.mark.browser
def test_home_issue_links_are_named_by_their_text(full: Path):
    doc = _doc(full / "index.html")
    (link,) = doc.xpath("//li[@class='issue-card']/a")
    assert link.xpath(".//img/@alt") == [""]  # the cover is decorative inside the link
    with serve_folder(full) as base, phone_page() as (page, _):
        page.goto(base + "index.html")
        name = " ".join(link.text_content().split())
        assert name == " ".join(link.xpath("string(.//span[@class='issue-label'])").split() +
                                link.xpath("string(.//span[@class='issue-title'])").split())
        assert page.get_by_role("link", name=name, exact=True).count() == 1
        _axe_clean(page, "index")


@pytest.mark.browser
def test_footnote_markers_are_big_named_and_under_a_heading(sample: Path):
    with serve_folder(sample) as base, phone_page() as (page, _):
        page.goto(base + "2021-03/public-wifi/index.html")
        ref = page.get_by_role("link", name="각주 1", exact=True)
        box = ref.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24
        back = page.get_by_role("link", name="각주 1을 단 본문으로 돌아가기")
        box = back.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24
        notes = page.locator("section.footnotes")
        assert notes.get_by_role("heading", name="각주").count() == 1
        assert notes.get_attribute("aria-labelledby") == "footnotes-h"
        ref.click()
        assert page.url.endswith("#fn:1")


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_focus_ring_on_the_green_header_keeps_3_to_1(full: Path, scheme: str):
    with serve_folder(full) as base, phone_page() as (page, _):
        page.emulate_media(color_scheme=scheme)
        page.goto(base + "index.html")
        page.keyboard.press("Tab")  # the skip link
        page.keyboard.press("Tab")  # the site title in the header
        focused = page.evaluate("""() => {
          const el = document.activeElement, s = getComputedStyle(el);
          return [el.closest('.site-header') !== null, s.outlineStyle, s.outlineWidth,
                  s.outlineColor,
                  getComputedStyle(document.querySelector('.site-header')).backgroundColor];
        }""")
        in_header, style, width, ring, header_bg = focused
        assert in_header and style == "solid" and float(width[:-2]) >= 2
        assert _contrast(page, ring, header_bg) >= 3


# -- 1. dark mode, favicon, og:image, sizes, PDF, dates ---------------------------------------
@pytest.mark.browser
def test_dark_mode_is_dark_and_axe_stays_at_zero(full: Path):
    issue = _manifest(full)
    art = next(a for a in issue["articles"] if a["status"] == "published")
    with serve_folder(full) as base, phone_page() as (page, outside):
        page.emulate_media(color_scheme="dark")
        for path in ("index.html", issue["outputs"]["web"], art["outputs"]["web"],
                     "search.html"):
            page.goto(base + path)
            bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
            assert _contrast(page, bg, "rgb(0, 0, 0)") < 1.5, (path, bg)  # near black
            _axe_clean(page, "dark " + path)
        assert outside == []


def test_favicon_home_og_image_dates_and_file_sizes(full: Path):
    issue = _manifest(full)
    pages = list(full.rglob("*.html"))
    for p in pages:
        doc = _doc(p)
        (icon,) = doc.xpath("//link[@rel='icon']/@href")
        assert (p.parent / icon).resolve().is_file(), p
    home = _doc(full / "index.html")
    og = home.xpath("//meta[@property='og:image']/@content")
    assert og and og[0].endswith(issue["outputs"]["og"])
    art = next(a for a in issue["articles"] if a["status"] == "published")
    adoc = _doc(full / art["outputs"]["web"])
    assert adoc.xpath("//header//time/@datetime") == ["2021-03-02"]
    assert adoc.xpath("//meta[@property='article:published_time']/@content") == ["2021-03-02"]
    for a in adoc.xpath("//nav[@class='editions']//a"):
        target = (full / art["outputs"]["web"]).parent / a.get("href")
        size = target.stat().st_size
        label = a.xpath("string(.//span[@class='size'])")
        kb = re.search(r"([\d.]+)(KB|MB)", label)
        assert kb, label
        value = float(kb.group(1)) * (1000 if kb.group(2) == "KB" else 1_000_000)
        assert abs(value - size) <= max(1000, size * 0.06), (label, size)  # "1KB" at least


def test_pdfs_open_in_the_browser_and_braille_downloads(tmp_path: Path):
    from types import SimpleNamespace

    from greenpub.editions.web import Page, WebEdition

    for rel in ("print/a.pdf", "print/a-large.pdf", "braille/a.brf"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"x" * 2_345_678)
    ctx = SimpleNamespace(out=tmp_path)
    links = WebEdition()._issue_links(ctx, {"pdf": "print/a.pdf", "pdf_large": "print/a-large.pdf",
                                           "brf": "braille/a.brf"}, Page("2021-03/index.html"))
    by = {link["label"]: link for link in links}
    assert not by["인쇄판 PDF"]["download"] and not by["큰 글자 PDF"]["download"]
    assert by["점자 파일(BRF)"]["download"]
    assert by["인쇄판 PDF"]["size"] == "PDF, 2.3MB"
    assert by["인쇄판 PDF"]["href"] == "../print/a.pdf"


# -- 1. card slides --------------------------------------------------------------------------
@pytest.mark.browser
def test_card_slides_are_webp_with_srcset(full: Path):
    issue = _manifest(full)
    art = next(a for a in issue["articles"] if a["status"] == "published" and
               a["outputs"].get("cards"))
    doc = _doc(full / art["outputs"]["web"])
    sources = doc.xpath("//ul[@class='card-strip']//source[@type='image/webp']/@srcset")
    assert len(sources) == len(art["outputs"]["cards"])
    assert all(" 540w" in s and " 1080w" in s for s in sources)
    page_dir = (full / art["outputs"]["web"]).parent
    webp = [page_dir / part.split()[0] for s in sources for part in s.split(", ")
            if part.endswith(" 540w")]
    png = [full / c["src"] for c in art["outputs"]["cards"]]
    webp_bytes = sum(p.stat().st_size for p in webp)
    png_bytes = sum(p.stat().st_size for p in png)
    assert webp_bytes * 3 < png_bytes, (webp_bytes, png_bytes)  # what a phone downloads
    with serve_folder(full) as base, phone_page() as (page, _):
        loaded: list[str] = []
        page.on("response", lambda r: loaded.append(r.url))
        page.goto(base + art["outputs"]["web"])
        strip = page.locator(".card-strip")
        strip.scroll_into_view_if_needed()
        first = strip.locator("img").first
        page.wait_for_function("(img) => img.complete && img.naturalWidth > 0",
                               arg=first.element_handle())
        assert first.evaluate("img => img.currentSrc").endswith("-540.webp")
        assert not [u for u in loaded if "/cards/" in u and u.endswith(".png")]


# -- 2. search, archive, feedback, sharing, text size, phone numbers, identity ---------------
@pytest.mark.browser
def test_search_finds_korean_words_offline(full: Path):
    assert (full / "pagefind" / "pagefind.js").is_file()
    with serve_folder(full) as base, phone_page() as (page, outside):
        page.goto(base + "index.html")
        box = page.get_by_role("searchbox", name="소식지 검색")
        box.fill("와이파이")
        box.press("Enter")
        page.wait_for_url("**/search.html?q=*")
        results = page.locator(".search-results li a")
        results.first.wait_for(timeout=15000)
        titles = results.all_inner_texts()
        assert any("와이파이" in t for t in titles), titles
        assert "검색 결과" in page.locator(".search-status").inner_text()
        _axe_clean(page, "search results")
        results.first.click()
        page.wait_for_load_state()
        assert "/2021-03/" in page.url and page.locator("h1").count() == 1
        # a word inside a longer one and a word that is nowhere
        page.goto(base + "search.html?q=" + "민원봉사실")
        page.locator(".search-results li").first.wait_for(timeout=15000)
        page.goto(base + "search.html?q=" + "코끼리")
        page.wait_for_function(
            "() => document.querySelector('.search-status').textContent.includes('없습니다')")
        assert outside == []


def test_archive_groups_issues_by_year_with_covers(tmp_path: Path):
    content = Path(shutil.copytree(MINI, tmp_path / "content"))
    old = content / "2020-12"
    shutil.copytree(content / "2021-03", old)
    meta = old / "_issue.md"
    meta.write_text(meta.read_text("utf-8").replace("number: 301", "number: 298")
                    .replace("date: 2021-03-02", "date: 2020-12-01"), "utf-8")
    out = build_sample(tmp_path, "web", content=content)
    doc = _doc(out / "index.html")
    years = doc.xpath("//section[@class='year']")
    assert [y.xpath("string(h3)") for y in years] == ["2021년", "2020년"]
    for y in years:
        cards = y.xpath(".//li[@class='issue-card']")
        assert len(cards) == 1 and cards[0].xpath(".//picture//img")


def test_feedback_is_linked_on_every_page_and_checked(full: Path, mini: Path):
    for p in full.rglob("*.html"):
        if p.name == "braille.html":
            continue
        links = _doc(p).xpath("//footer//a[@href='https://www.seo.incheon.kr/green/survey']")
        assert [a.text_content() for a in links] == ["소식지 독자 의견 조사"], p
    site = mini / "site.yaml"
    text = site.read_text("utf-8")
    lines = text.count("\n")
    site.write_text(text + "feedback:\n  url: survey.html\n", "utf-8")
    r = run_cli("build", "--content", str(mini), "--out", str(mini.parent / "out"),
                "--formats", "web", "-q")
    assert r.code == 2 and "Traceback" not in r.err
    assert f"site.yaml:{lines + 2}:" in r.err and "feedback.url" in r.err
    site.write_text(text + "feedback:\n  url: https://x.example/\n  lable: 설문\n", "utf-8")
    r = run_cli("build", "--content", str(mini), "--out", str(mini.parent / "out"),
                "--formats", "web", "-q")
    assert r.code == 2 and f"site.yaml:{lines + 3}:" in r.err and "lable" in r.err


@pytest.mark.browser
def test_share_button_copies_the_link_without_outside_requests(full: Path):
    issue = _manifest(full)
    art = next(a for a in issue["articles"] if a["status"] == "published")
    with serve_folder(full) as base, phone_page() as (page, outside):
        page.context.grant_permissions(["clipboard-read", "clipboard-write"],
                                       origin=base.rstrip("/"))
        page.goto(base + art["outputs"]["web"])
        has_share = page.evaluate("'share' in navigator")
        button = page.locator(".share button")
        assert button.is_visible()
        if has_share:  # a phone with a share sheet: the native dialog cannot be driven here
            assert button.inner_text() == "공유하기"
            page.evaluate("delete Navigator.prototype.share")
            page.reload()
        button.click()
        page.wait_for_function(
            "() => document.querySelector('.share-status').textContent.length > 0")
        copied = page.evaluate("navigator.clipboard.readText()")
        canonical = _doc(full / art["outputs"]["web"]).xpath("//link[@rel='canonical']/@href")
        assert copied == canonical[0]
        _axe_clean(page, "after sharing")
        assert outside == []


@pytest.mark.browser
def test_text_size_is_remembered_across_pages(full: Path):
    issue = _manifest(full)
    art = next(a for a in issue["articles"] if a["status"] == "published")
    with serve_folder(full) as base, phone_page() as (page, _):
        page.goto(base + "index.html")
        size = "parseFloat(getComputedStyle(document.documentElement).fontSize)"
        assert page.evaluate(size) == 16
        page.get_by_role("button", name="아주 큰 글자").click()
        assert page.evaluate(size) == 24
        page.goto(base + art["outputs"]["web"])
        assert page.evaluate(size) == 24
        assert page.get_by_role("button", name="아주 큰 글자").get_attribute(
            "aria-pressed") == "true"
        assert horizontal_overflow(page) <= 0  # 150 % text still fits a phone
        _axe_clean(page, "large text")
        page.get_by_role("button", name="기본 글자").click()
        page.goto(base + "index.html")
        assert page.evaluate(size) == 16


def test_phone_numbers_in_articles_are_tap_to_call(sample: Path):
    doc = _doc(sample / "2021-03/march-events/index.html")
    tel = doc.xpath("//div[@class='prose']//a[starts-with(@href, 'tel:')]")
    assert [(a.get("href"), a.text) for a in tel] == [("tel:0325604114", "032-560-4114")]


def test_phone_links_leave_links_and_code_alone():
    from greenpub.editions.web import body

    root = lxml.html.fragment_fromstring(
        "<p>문의 02-123-4567, 1588-1234 또는 <a href='https://x.example'>032-560-4114</a>"
        " <code>010-1234-5678</code> 2021-03-02, 1999-2000년, 1987-2020</p>", create_parent="div")
    body.phone_links(root)
    assert root.xpath("//a/@href") == ["tel:021234567", "tel:15881234", "https://x.example"]


def test_district_identity_on_every_page(full: Path, mini: Path):
    for p in [full / "index.html", full / "search.html", *full.glob("2021-03/**/index.html")]:
        doc = _doc(p)
        (emblem,) = doc.xpath("//header//img[@class='emblem']")
        assert emblem.get("alt") == ""  # the link says the site title
        assert (p.parent / emblem.get("src")).resolve().read_text("utf-8") == EMBLEM
        footer = doc.xpath("//footer")[0]
        hrefs = footer.xpath(".//a/@href")
        assert "https://www.seo.incheon.kr/" in hrefs
        assert "https://www.seo.incheon.kr/privacy" in hrefs
        assert "공공누리 제1유형: 출처표시" in footer.text_content()
    site = _with_identity(mini) / "site.yaml"
    site.write_text(site.read_text("utf-8").replace("kogl: 1", "kogl: 7"), "utf-8")
    r = run_cli("build", "--content", str(mini), "--out", str(mini.parent / "out"),
                "--formats", "web", "-q")
    assert r.code == 2 and "Traceback" not in r.err and "web.kogl" in r.err
    assert "site.yaml" in r.err


@pytest.mark.browser
def test_desktop_pages_pass_axe_without_sideways_scroll(full: Path):
    issue = _manifest(full)
    art = next(a for a in issue["articles"] if a["status"] == "published")
    with serve_folder(full) as base, phone_page() as (page, outside):
        page.set_viewport_size(DESKTOP)
        for path in ("index.html", issue["outputs"]["web"], art["outputs"]["web"]):
            page.goto(base + path)
            assert horizontal_overflow(page) <= 0, path
            _axe_clean(page, "1280 " + path)
        # the issue page: contents on the first desktop screen too
        page.goto(base + issue["outputs"]["web"])
        assert page.locator("ol.contents > li").first.bounding_box()["y"] < DESKTOP["height"]
        assert outside == []


@pytest.mark.parametrize("setting, expected", [
    ("  emblem: no-such.svg\n", "no-such.svg"),
    ("  emblem: ../../etc/passwd.png\n", "web.emblem"),
    ("  homepage: https://www.seo.incheon.kr/\n", "web.homepage"),
    ("  logo: x.svg\n", "logo"),
])
def test_bad_web_settings_are_refused_in_korean(mini: Path, setting: str, expected: str):
    site = mini / "site.yaml"
    site.write_text(site.read_text("utf-8") + "web:\n" + setting, "utf-8")
    r = run_cli("build", "--content", str(mini), "--out", str(mini.parent / "out"),
                "--formats", "web", "-q")
    assert r.code == 2 and "Traceback" not in r.err, r.err
    assert "site.yaml" in r.err and expected in r.err
    assert not (mini.parent / "out").exists()  # nothing half-written
