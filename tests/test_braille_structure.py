"""Structure a braille reader can follow: list markers and nesting, with real engines."""

from __future__ import annotations

import itertools

import markdown
import pytest

from greenpub.content.blocks import html_to_blocks
from greenpub.content.model import ListBlock
from greenpub.editions.braille.engines import load_engine
from greenpub.editions.braille.layout import Layout
from greenpub.editions.braille.transcribe import Transcriber

B = "\u2800"


def _layout(width: int = 40, height: int = 25) -> tuple[Layout, Transcriber]:
    tr = Transcriber(load_engine("braillify"))
    return Layout(tr, lambda n: tr(str(n)), width, height), tr


def test_nested_lists_keep_their_nesting_and_markers() -> None:
    md = ("- 신청 방법\n    - 방문 - 구청 민원실\n    - 온라인\n"
          "        1. 누리집 접속\n        2. 신청서 작성\n- 문의: 환경과\n")
    (block,) = html_to_blocks(markdown.markdown(md))
    assert isinstance(block, ListBlock)
    assert block.items == ("신청 방법", "방문 - 구청 민원실", "온라인", "누리집 접속",
                           "신청서 작성", "문의: 환경과")
    assert block.levels == (0, 1, 1, 2, 2, 0)
    layout, tr = _layout()
    (group,) = layout.blocks([block], "목록")
    lines = group.lines
    indent = [len(line) - len(line.lstrip(B)) for line in lines]
    assert indent == [2, 4, 4, 6, 6, 2]
    bullet = "⠸⠲" + B
    assert lines[0] == B * 2 + bullet + tr("신청 방법")
    assert lines[3] == B * 6 + tr("1. 누리집 접속")
    # '항목 - 하위' keeps its spacing: the hyphen stands between blanks
    assert B + "⠤" + B in lines[1]


def test_flat_lists_are_unchanged_in_the_model() -> None:
    (block,) = html_to_blocks(markdown.markdown("1. 가\n2. 나\n"))
    assert block == ListBlock(True, ("가", "나"))


# --- pages -----------------------------------------------------------------------------
def _paginate_words(paragraphs: list[int], height: int = 10, width: int = 20) -> list[list[str]]:
    """Paragraphs of n lines each (one 18-cell word per line), laid out as one article."""
    from greenpub.content.model import Paragraph

    layout = Layout(lambda text, where="": text.replace(" ", B), lambda n: f"⠼{n}",
                    width=width, height=height)
    blocks = [Paragraph(" ".join(["⠁" * 18] * n)) for n in paragraphs]
    section = layout.article_section("a", "⠞", [("⠞", True)], blocks)
    return layout.paginate([section]).pages


def test_no_widow_no_orphan_and_no_single_line_page() -> None:
    for sizes in ([5, 4], [7, 3], [3, 3, 3, 1], [6, 2, 2, 5], [8, 1], [2, 9], [1, 1, 1, 1, 1, 5],
                  [4, 4, 4, 4, 4]):
        pages = _paginate_words(sizes)
        body = [p[1:] for p in pages]
        assert all(len(p) <= 9 for p in body), sizes
        # no page holds a single line of text
        assert all(len([x for x in p if x]) != 1 for p in body), (sizes, body)
        # no paragraph leaves a single line at the head of the next page: count the
        # run of indented-or-not lines; a page that starts mid-paragraph starts with
        # at least two lines of it
        for prev, page in itertools.pairwise(body):
            starts_mid = page and not page[0].startswith(B * 2) and prev and prev[-1] != ""
            if starts_mid:
                run = 0
                for line in page:
                    if line.startswith(B * 2) or line == "":
                        break
                    run += 1
                assert run >= 2, (sizes, body)


def _render_mini(tmp_path, extra: str = "", manifest=None, longer: int = 0):  # type: ignore[no-untyped-def]
    import shutil

    from conftest import MINI, ROOT

    from greenpub.cache import BuildCache
    from greenpub.content.reader import read_content
    from greenpub.editions.base import BuildOptions, RenderContext, run_edition
    from greenpub.editions.braille import BrailleEdition

    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    with (content / "site.yaml").open("a", encoding="utf-8") as fh:
        fh.write(extra)
    for md in sorted((content / "2021-03").glob("0*.md"))[:2]:
        with md.open("a", encoding="utf-8") as fh:
            for n in range(longer):
                fh.write(f"\n\n소식지 {n + 1}번째 문단입니다. 주민 여러분의 의견을 기다립니다.\n")
    cfg, issues = read_content(content)
    issue = issues[0]
    ctx = RenderContext(site=cfg, out=tmp_path / "out", project=ROOT, options=BuildOptions(),
                        cache=BuildCache(tmp_path / "cache"), manifest=manifest or {})
    result = run_edition(BrailleEdition(), issue, ctx)
    return ctx, issue, result


def _brf_pages(path) -> list[list[str]]:  # type: ignore[no-untyped-def]
    from greenpub.editions.braille.brf import from_ascii

    text = path.read_bytes().decode("ascii")
    return [[from_ascii(x) for x in page.split("\r\n")[:-1]] for page in text.split("\f")]


def _words_of(pages: list[list[str]]) -> str:
    return B.join(w for page in pages for line in page[1:] for w in line.split(B) if w)


def test_volumes_interpoint_agency_and_pef_metadata(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from lxml import etree

    from greenpub.editions.braille.pef import validate

    ctx, _issue, result = _render_mini(
        tmp_path, "braille:\n  cells_per_line: 30\n  lines_per_page: 12\n  volume_pages: 10\n"
                  "  interpoint: true\n  agency: 서구 점자도서관\n", longer=20)
    tr = Transcriber(load_engine("braillify"))
    pages = _brf_pages(ctx.out / "braille/green-seogu-2021-03.brf")
    pef = (ctx.out / "braille/green-seogu-2021-03.pef").read_bytes()
    assert validate(pef) == []
    ns = {"p": "http://www.daisy.org/ns/2008/pef", "dc": "http://purl.org/dc/elements/1.1/"}
    doc = etree.fromstring(pef)
    volumes = doc.findall(".//p:volume", ns)
    assert len(volumes) >= 2
    assert all(v.get("duplex") == "true" for v in volumes)
    assert doc.findtext(".//dc:creator", namespaces=ns) == "서구 점자도서관"
    assert doc.findtext(".//dc:source", namespaces=ns) == "urn:green-seogu:2021-03:print"
    assert doc.findtext(".//dc:identifier", namespaces=ns) == "urn:green-seogu:2021-03:braille"
    # every volume starts on an odd page with its own title page: agency, volume n of m
    first = 1
    m = len(volumes)
    for n, volume in enumerate(volumes, 1):
        vpages = volume.findall(".//p:page", ns)
        assert first % 2 == 1, (n, first)
        title = _words_of([[r.text or "" for r in vpages[0].findall("p:row", ns)]])
        assert tr("점역: 서구 점자도서관") in title
        assert tr(f"전 {m}권 중 제{n}권") in title
        assert tr("일러두기") in _words_of([[r.text or "" for r in vpages[1].findall("p:row", ns)]])
        first += len(vpages)
    assert first - 1 == len(pages)
    # braille page numbers run on, odd on the right-hand pages
    for n, page in enumerate(pages, 1):
        assert page[0].strip(B) == tr(str(n))
    # the 일러두기 names every symbol without leaving one out
    assert not any("기호표에 없는" in w for w in result.warnings)


def test_drafts_get_their_own_identifier(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from greenpub.editions.braille import pef_identifier

    _, issue, _ = _render_mini(tmp_path)
    assert pef_identifier(issue, drafts=False) == "urn:green-seogu:2021-03:braille"
    draft = pef_identifier(issue, drafts=True)
    assert draft.startswith("urn:green-seogu:2021-03:braille:draft-") and len(draft) > 40


def test_print_page_indicator_from_the_print_editions_manifest(tmp_path) -> None:  # type: ignore[no-untyped-def]
    manifest = {"2021-03": {"outputs": {}, "articles": {"wifi": {"print_page": 7}}}}
    ctx, issue, _ = _render_mini(tmp_path, manifest=manifest)
    slug = issue.articles[0].slug
    if slug != "wifi":
        manifest = {"2021-03": {"outputs": {}, "articles": {slug: {"print_page": 7}}}}
        ctx, issue, _ = _render_mini(tmp_path / "again", manifest=manifest)
    tr = Transcriber(load_engine("braillify"))
    pages = _brf_pages(ctx.out / "braille/green-seogu-2021-03.brf")
    marked = [p for p in pages if p[1].strip(B) == tr("묵자 7쪽")]
    assert len(marked) == 1
    assert tr(issue.articles[0].title) in _words_of([marked[0]])
    # without the print edition's pages there is no indicator
    ctx2, _, _ = _render_mini(tmp_path / "none")
    assert not any(len(p) > 1 and p[1].strip(B).startswith(tr("묵자"))
                   for p in _brf_pages(ctx2.out / "braille/green-seogu-2021-03.brf"))


def test_tables_repeat_the_header_and_mark_empty_cells() -> None:
    from greenpub.content.model import Table

    layout, tr = _layout()
    table = Table(("구분", "기간", "대상"), (("1차", "3월 2일~5일", "65세 이상"),
                                          ("2차", "", "누구나")), "신청 일정")
    lines = layout.table(table, "표")
    text = [line.strip(B) for line in lines]
    assert tr("1. 구분: 1차") in text and tr("기간: 3월 2일~5일") in text
    assert tr("2. 구분: 2차") in text and tr("기간: (빈칸)") in text
    # a row's number starts at cell 1, its other cells at cell 3
    row = lines.index(next(x for x in lines if x.strip(B) == tr("2. 구분: 2차")))
    assert not lines[row].startswith(B) and lines[row + 1].startswith(B * 2)


def test_footnote_marks_stay_in_the_text() -> None:
    blocks = html_to_blocks(markdown.markdown(
        "서구의 녹지율은 30%입니다[^1]. 공원은 120곳입니다[^2].\n\n"
        "[^1]: 2020년 기준.\n[^2]: 구청 자료.", extensions=["footnotes"]))
    layout, tr = _layout()
    (group,) = layout.blocks(blocks, "각주")
    words = B.join(w for line in group.lines for w in line.split(B) if w)
    assert tr("30%입니다(각주 1).") in words and tr("120곳입니다(각주 2).") in words
    assert tr("각주 1: 2020년 기준.") in words


@pytest.mark.slow
def test_print_pages_reach_the_braille_through_a_real_build(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """--formats print,braille: the print edition records each article's first page and
    the braille edition, run after it, marks it (묵자 n쪽)."""
    import json

    from conftest import MINI, build_sample

    out = build_sample(tmp_path, "print,braille", content=MINI)
    (issue,) = json.loads((out / "manifest.json").read_text("utf-8"))["issues"]
    tr = Transcriber(load_engine("braillify"))
    pages = _brf_pages(out / issue["outputs"]["brf"])
    published = [a for a in issue["articles"] if a["status"] == "published"]
    assert published
    for article in published:
        page = article["outputs"]["print_page"]
        assert isinstance(page, int) and page > 1
        braille_page = pages[article["outputs"]["braille_page"] - 1]
        assert braille_page[1].strip(B) == tr(f"묵자 {page}쪽")
