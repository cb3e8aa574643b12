"""Print edition: real PDFs from WeasyPrint, read back with poppler, pikepdf and zbar."""

from __future__ import annotations

import dataclasses
import json
import math
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pikepdf
import pytest
import weasyprint
from conftest import MINI, ROOT, SAMPLE, run_cli
from PIL import Image

from greenpub.cache import BuildCache
from greenpub.config import Feedback, SiteConfig
from greenpub.content.model import Issue
from greenpub.content.reader import read_content
from greenpub.editions.base import BuildOptions, RenderContext, run_edition
from greenpub.editions.print import PrintEdition
from greenpub.editions.print.document import transform_body
from greenpub.editions.print.settings import load_settings
from greenpub.errors import ConfigError
from greenpub.review import decide

PENDING_TITLE = "아직 심의 중인 기사"


def _issue(content: Path = MINI, drafts: bool = False) -> tuple[SiteConfig, Issue]:
    cfg, issues = read_content(content)
    issue = issues[0]
    issue.articles = [a for a in issue.articles if decide(a, cfg).publishable or drafts]
    for a in issue.articles:
        a.draft = drafts and not decide(a, cfg).publishable
    return cfg, issue


def run_screen_pdfs(issue: Issue, ctx: RenderContext):
    """The standard and large-print PDFs only (the press PDF has tests of its own:
    test_print_press.py), as one result."""
    outputs: dict[str, str] = {}
    for part in ("standard", "large"):
        result = run_edition(PrintEdition(), issue, ctx, part=part)
        outputs.update(result.outputs.issue)
    result.outputs.issue = outputs
    return result


def _render(tmp: Path, cfg: SiteConfig, issue: Issue, **options: object):
    ctx = RenderContext(site=cfg, out=tmp / "out", project=ROOT,
                        options=BuildOptions(**options),  # type: ignore[arg-type]
                        cache=BuildCache(tmp / "cache"))
    return run_screen_pdfs(issue, ctx), ctx


def _text(pdf: Path, page: int | None = None, raw: bool = False) -> str:
    args = ["pdftotext", "-enc", "UTF-8"]
    if page:
        args += ["-f", str(page), "-l", str(page)]
    if raw:
        args.append("-raw")
    return subprocess.run([*args, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def _pages(pdf: Path) -> int:
    return len(pikepdf.open(pdf).pages)


def _glyph_sizes(pdf: Path) -> Counter[float]:
    """Effective font size (pt) of every glyph drawn, from the content streams."""
    sizes: Counter[float] = Counter()
    with pikepdf.open(pdf) as doc:
        for page in doc.pages:
            ctm = [1.0]
            tm_scale = size = 1.0
            for operands, op in pikepdf.parse_content_stream(page):
                name = str(op)
                if name == "q":
                    ctm.append(ctm[-1])
                elif name == "Q":
                    ctm.pop()
                elif name == "cm":
                    a, b, c, d = (float(x) for x in operands[:4])
                    ctm[-1] *= math.sqrt(abs(a * d - b * c))
                elif name == "Tm":
                    a, b, c, d = (float(x) for x in operands[:4])
                    tm_scale = math.sqrt(abs(a * d - b * c))
                elif name == "Tf":
                    size = float(operands[1])
                elif name in ("Tj", "TJ"):
                    strings = operands[0] if name == "TJ" else [operands[0]]
                    n = sum(len(bytes(s)) // 2 for s in strings if isinstance(s, pikepdf.String))
                    sizes[round(size * tm_scale * ctm[-1], 1)] += n
    return sizes


def _struct_alts(pdf: Path) -> list[str]:
    alts: list[str] = []
    with pikepdf.open(pdf) as doc:
        stack = [doc.Root.StructTreeRoot]
        seen = set()
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Array):
                stack.extend(node)
                continue
            if not isinstance(node, pikepdf.Dictionary) or node.objgen in seen:
                continue
            if node.objgen != (0, 0):
                seen.add(node.objgen)
            if "/Alt" in node:
                alts.append(str(node.Alt))
            if "/K" in node:
                stack.append(node.K)
    return alts


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict:
    tmp = tmp_path_factory.mktemp("print")
    cfg, issue = _issue()
    result, ctx = _render(tmp, cfg, issue)
    return {"out": ctx.out, "result": result, "issue": issue, "tmp": tmp, "cfg": cfg}


def test_outputs_and_published_titles_only(built: dict):
    out, result, issue = built["out"], built["result"], built["issue"]
    assert result.outputs.issue == {"pdf": "print/green-seogu-2021-03.pdf",
                                    "pdf_large": "print/green-seogu-2021-03-large.pdf"}
    assert result.warnings == []
    for rel in result.outputs.issue.values():
        text = _text(out / rel)
        for a in issue.articles:
            assert a.title in text
        assert PENDING_TITLE not in text and "아직 발행되면 안 됩니다" not in text
        # cover: issue title, 호수, date, publisher; back page: contact details
        assert "봄을 여는 서구 소식" in text and "제301호" in text and "2021년 3월 2일" in text
        assert "인천광역시 서구" in text and "032-560-4114" in text and "서곶로 307" in text


def test_fonts_embedded_and_subset(built: dict):
    for rel in built["result"].outputs.issue.values():
        rows = subprocess.run(["pdffonts", str(built["out"] / rel)], capture_output=True,
                              text=True, check=True).stdout.splitlines()[2:]
        assert rows
        for row in rows:
            emb, sub = row.split()[-5:-3]
            assert (emb, sub) == ("yes", "yes"), row
            assert "Nanum" in row or "Noto" in row or "DejaVu" in row, row


def test_tagged_pdf_language_metadata_and_outline(built: dict):
    issue = built["issue"]
    for rel in built["result"].outputs.issue.values():
        with pikepdf.open(built["out"] / rel) as doc:
            assert str(doc.Root.Lang) == "ko"
            assert bool(doc.Root.MarkInfo.Marked) is True
            assert "/StructTreeRoot" in doc.Root
            info = doc.docinfo
            assert "봄을 여는 서구 소식" in str(info.Title) and "제301호" in str(info.Title)
            assert str(info.Author) == "인천광역시 서구"
            assert "Green 서구" in str(info.Subject)
            with doc.open_metadata() as xmp:
                assert "봄을 여는 서구 소식" in xmp["dc:title"]
            with doc.open_outline() as outline:
                assert [item.title for item in outline.root] == [a.title for a in issue.articles]


def test_contents_page_numbers_running_heads_and_folios(built: dict):
    for rel in built["result"].outputs.issue.values():
        pdf = built["out"] / rel
        contents = re.sub(r"\s", "", _text(pdf, 2))
        assert contents.startswith("Green서구제301호(2021년3월)")  # running head
        for a in built["issue"].articles:
            number = re.search(re.escape(re.sub(r"\s", "", a.title)) + r"\.+(\d+)", contents)
            assert number, a.title
            page = int(number.group(1))
            text = _text(pdf, page)
            assert a.title in re.sub(r"\s*\n\s*", " ", text)  # the article opens there
            lines = [x.strip() for x in text.splitlines() if x.strip()]
            # publication; the section (an article may start below a short one: auto break)
            assert lines[0] == "Green 서구" and a.section in lines
            assert any(x.startswith("제301호 (2021년 3월)") for x in lines[:4])  # issue
            foot = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-y", "780",
                                   "-H", "62", "-W", "595", str(pdf), "-"], capture_output=True,
                                  text=True, check=True).stdout
            assert foot.split() == [str(page)]  # folio in the bottom margin (A4, below 275 mm)


def test_alt_text_of_images_and_qr_codes_in_tags(built: dict):
    alts = _struct_alts(built["out"] / "print/green-seogu-2021-03.pdf")
    assert "스마트폰 화면에 와이파이 목록이 보이는 그림" in alts  # article image
    assert "초록색 바탕에 새싹이 돋는 그림" in alts  # cover
    assert any(a.startswith("이 기사 웹 페이지로 가는 QR 코드") for a in alts)


def test_large_print_body_is_at_least_18pt(built: dict):
    large = _glyph_sizes(built["out"] / "print/green-seogu-2021-03-large.pdf")
    standard = _glyph_sizes(built["out"] / "print/green-seogu-2021-03.pdf")
    total = sum(large.values())
    # body text (the most drawn size) at 18 pt or more; nothing under 16 pt, not even the
    # running heads, folios or QR labels
    assert large.most_common(1)[0][0] >= 18
    assert sum(n for s, n in large.items() if s >= 18) / total >= 0.6
    assert min(large) >= 16 - 0.05, sorted(large)[:3]
    # the standard edition: nothing under 7 pt (footnote calls, QR labels), for the press
    assert min(standard) >= 7 - 0.05, sorted(standard)[:3]
    # the standard edition is set smaller: the check tells the two apart
    assert standard.most_common(1)[0][0] < 12
    assert _text(built["out"] / "print/green-seogu-2021-03-large.pdf").count("큰 글자판") >= 1


def test_qr_codes_decode_to_article_page_and_mp3(built: dict, tmp_path: Path):
    if not shutil.which("zbarimg"):
        pytest.skip("zbar-tools is not installed")
    pdf = built["out"] / "print/green-seogu-2021-03.pdf"
    article = built["issue"].articles[0]
    page = next(i for i in range(1, _pages(pdf) + 1)
                if article.title in (t := _text(pdf, i)) and "웹에서 읽기" in t)
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-f", str(page), "-l", str(page),
                    str(pdf), str(tmp_path / "p")], check=True)
    png = next(tmp_path.glob("p*.png"))
    found = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True,
                           text=True).stdout.split()
    base = "https://news.seo.incheon.kr/green/"
    assert f"{base}2021-03/{article.slug}/" in found
    assert f"{base}audio/2021-03/{article.order:02d}-{article.slug}.mp3" in found


def test_footnotes_are_real_footnotes(built: dict):
    pdf = built["out"] / "print/green-seogu-2021-03.pdf"
    page = next(i for i in range(1, _pages(pdf) + 1) if "최초 1회 인증" in _text(pdf, i))
    text = _text(pdf, page)
    assert "스마트폰을 바꾸면 다시 인증합니다." in text  # on the page of its call
    assert "↩" not in _text(pdf)
    # the note sits at the foot of the page, below the article body
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert lines.index(next(x for x in lines if "스마트폰을 바꾸면" in x)) > lines.index(
        next(x for x in lines if "사무공간" in x))


def test_transform_body_moves_footnotes_and_shifts_headings():
    _, issue = _issue()
    article = issue.articles[0]
    html, text = transform_body(article, "article-wifi")
    assert '<gp-note class="fn">스마트폰을 바꾸면 다시 인증합니다.</gp-note>' in html
    assert "footnote-ref" not in html and 'class="footnote"' not in html
    assert "<h3>이용 방법</h3>" in html and "<h2" not in html
    assert '<div class="table"><table>' in html
    assert "스마트폰을 바꾸면" in text


def test_drafts_watermark_only_with_drafts(built: dict, tmp_path: Path):
    plain = built["out"] / "print/green-seogu-2021-03.pdf"
    assert "검토용" not in re.sub(r"\s", "", _text(plain, raw=True))
    cfg, issue = _issue(drafts=True)
    result, ctx = _render(tmp_path, cfg, issue, drafts=True)
    pdf = ctx.out / result.outputs.issue["pdf"]
    assert PENDING_TITLE in _text(pdf)
    for page in range(1, _pages(pdf) + 1):
        assert "검토용" in re.sub(r"\s", "", _text(pdf, page, raw=True)), page


def test_print_marks_add_bleed_and_crop_marks(built: dict, tmp_path: Path):
    cfg, issue = _issue()
    result, ctx = _render(tmp_path, cfg, issue, print_marks=True, formats=("print",))
    with pikepdf.open(ctx.out / result.outputs.issue["pdf"]) as doc, \
            pikepdf.open(built["out"] / "print/green-seogu-2021-03.pdf") as plain:
        page, a4 = doc.pages[1], plain.pages[1]
        # the screen PDF is cut to the page (its parts are laid out with the press bleed)
        box = [float(x) for x in a4.MediaBox]
        assert [round(box[2] - box[0]), round(box[3] - box[1])] == [595, 842]
        assert "/BleedBox" not in a4 and "/TrimBox" not in a4
        trim = [float(x) for x in page.TrimBox]
        bleed = [float(x) for x in page.BleedBox]
        assert round(trim[2] - trim[0]) == 595 and round(trim[3] - trim[1]) == 842
        mm3 = 3 / 25.4 * 72
        assert abs((trim[0] - bleed[0]) - mm3) < 0.5
        assert [float(x) for x in page.MediaBox] == bleed
    # crop marks are drawn in the bleed area of an otherwise white page corner
    subprocess.run(["pdftoppm", "-r", "144", "-gray", "-f", "2", "-l", "2",
                    str(ctx.out / result.outputs.issue["pdf"]), str(tmp_path / "m")], check=True)
    image = Image.open(next(tmp_path.glob("m*.pgm")))
    bleed_px = round(3 / 25.4 * 144)
    corner = image.crop((0, 0, bleed_px, bleed_px))
    assert corner.getextrema()[0] < 128


def test_without_audio_edition_only_the_web_qr_code(built: dict, tmp_path: Path):
    cfg, issue = _issue()
    result, ctx = _render(tmp_path, cfg, issue, formats=("print",))
    alts = _struct_alts(ctx.out / result.outputs.issue["pdf"])
    assert any("웹 페이지로 가는 QR" in a for a in alts)
    assert not any("MP3" in a for a in alts)
    assert "음성으로 듣기" not in _text(ctx.out / result.outputs.issue["pdf"])


def test_second_render_comes_from_cache(built: dict):
    cfg, issue = _issue()
    ctx = RenderContext(site=cfg, out=built["tmp"] / "again", project=ROOT,
                        options=BuildOptions(), cache=BuildCache(built["tmp"] / "cache"))
    run_screen_pdfs(issue, ctx)
    assert ctx.stats.hits == 2 and ctx.stats.misses == 0
    assert (ctx.out / "print/green-seogu-2021-03.pdf").read_bytes() == (
        built["out"] / "print/green-seogu-2021-03.pdf").read_bytes()


def test_new_site_description_renders_the_pdfs_again(built: dict, tmp_path: Path):
    # printed on the back page and in the PDF subject: not a stale copy from the cache
    cfg, issue = _issue()
    cfg = dataclasses.replace(cfg, description="서구 주민과 함께 만드는 새 소식지")
    shutil.copytree(built["tmp"] / "cache", tmp_path / "cache")  # the cache of the first build
    ctx = RenderContext(site=cfg, out=tmp_path / "out", project=ROOT, options=BuildOptions(),
                        cache=BuildCache(tmp_path / "cache"))
    run_screen_pdfs(issue, ctx)
    assert ctx.stats.misses == 2
    assert "서구 주민과 함께 만드는 새 소식지" in _text(ctx.out / "print/green-seogu-2021-03.pdf")


def test_missing_glyph_is_reported_with_article_and_character(tmp_path: Path):
    cfg, issue = _issue()
    article = issue.articles[1]
    issue.articles[1] = dataclasses.replace(article, html=article.html.replace(
        "해 주세요", "해 주세요 \U00013000"))  # an Egyptian hieroglyph no installed font draws
    result, _ = _render(tmp_path, cfg, issue, formats=("print",))
    assert len(result.warnings) == 1
    assert article.title in result.warnings[0] and "\U00013000" in result.warnings[0]
    assert "U+13000" in result.warnings[0] and "02-survey.md" in result.warnings[0]


def test_large_print_keeps_table_rows_and_contents_sections_whole(tmp_path: Path):
    cfg, issue = _issue()
    rows = "".join(f"<tr><td>행{n:02d}시작</td><td>{'여러 줄로 이어지는 긴 설명 ' * 6}"
                   f"행{n:02d}끝</td></tr>" for n in range(1, 25))
    article = issue.articles[1]
    issue.articles[1] = dataclasses.replace(
        article, section="청소년 명예기자",
        html=article.html + f"<table><thead><tr><th>구분</th><th>내용</th></tr></thead>"
                            f"<tbody>{rows}</tbody></table>")
    result, ctx = _render(tmp_path, cfg, issue, formats=("print",))
    pdf = ctx.out / result.outputs.issue["pdf_large"]
    pages = [_text(pdf, i) for i in range(1, _pages(pdf) + 1)]
    assert sum("행01시작" in t for t in pages) == 1 and "행24끝" not in pages[
        next(i for i, t in enumerate(pages) if "행01시작" in t)]  # the table spans pages
    for n in range(1, 25):  # ... but never splits a row: a cell's end is on its row's page
        page = next(t for t in pages if f"행{n:02d}시작" in t)
        assert f"행{n:02d}끝" in page, n
    # a section name in the contents stays on one line at 18 pt
    assert "청소년 명예기자" in pages[1].splitlines()


def test_keep_all_breaks_korean_only_between_words(tmp_path: Path):
    import greenpub.editions.print.keepall  # noqa: F401

    sentence = ("서구는 지난해 11월부터 12월까지 본청사와 서구의회, 제2청사, 세민빌딩에 보안 "
                "무선인터넷을 설치하고 올해 2월 1일부터 서비스를 시작했습니다.")
    html = (f'<html lang="ko"><meta charset="utf-8"><p style="width: 42mm; font: 10pt '
            f'NanumMyeongjo; word-break: keep-all">{sentence}</p></html>')
    weasyprint.HTML(string=html).write_pdf(tmp_path / "k.pdf")
    lines = [x.strip() for x in _text(tmp_path / "k.pdf").splitlines() if x.strip()]
    assert len(lines) > 3
    words = set(sentence.split())
    for line in lines:
        assert all(w in words for w in line.split()), line


def test_page_size_from_site_yaml_and_bad_settings(tmp_path: Path):
    cfg, issue = _issue()
    cfg = cfg.with_section("print", {"page_size": "A5", "columns": 1})
    result, ctx = _render(tmp_path, cfg, issue, formats=("print",))
    pdf = ctx.out / result.outputs.issue["pdf"]
    with pikepdf.open(pdf) as doc:
        box = [float(x) for x in doc.pages[0].MediaBox]
        assert [round(box[2] - box[0]), round(box[3] - box[1])] == [420, 595]
    # the cover and the back page fit the smaller page instead of spilling onto a second one
    cover = _text(pdf, 1)
    assert "봄을 여는 서구 소식" in cover and "발행 인천광역시 서구" in cover
    assert "차례" in _text(pdf, 2)
    back = _text(pdf, _pages(pdf))
    assert "펴낸 곳" in back and "이 소식지는 누리집에서" in back
    for bad, key in [({"page_size": "A4 please"}, "print.page_size"),
                     ({"colums": 2}, "print.colums"),
                     ({"columns": 7}, "print.columns"),
                     ({"large_font_size": 12}, "print.large_font_size"),
                     ({"fonts": {"body": ["Comic Sans MS"]}}, "print.fonts.body")]:
        with pytest.raises(ConfigError) as err:
            cfg.with_section("print", bad)
        assert key in err.value.message and err.value.file == str(cfg.path)


def test_cli_builds_sample_issue_pdf(tmp_path: Path):
    r = run_cli("build", "--content", str(SAMPLE), "--out", str(tmp_path / "out"),
                "--cache", str(tmp_path / "cache"), "--formats", "print", "-q")
    assert r.code == 0, r.err
    manifest = json.loads((tmp_path / "out/manifest.json").read_text("utf-8"))
    (issue,) = manifest["issues"]
    pdf = tmp_path / "out" / issue["outputs"]["pdf"]
    large = tmp_path / "out" / issue["outputs"]["pdf_large"]
    assert pdf.stat().st_size < 3_000_000 and large.stat().st_size < 3_000_000
    text = _text(pdf)
    for a in issue["articles"]:
        if a["status"] == "published":
            assert a["title"] in text
        else:
            assert a["title"] not in text


def test_back_page_names_only_the_editions_this_build_made(tmp_path: Path):
    cfg, issue = _issue()
    _, ctx = _render(tmp_path / "all", cfg, issue)  # default: every format
    text = " ".join(_text(ctx.out / "print/green-seogu-2021-03.pdf").split())
    # every other edition by the title it declares (점자판, 오디오북, 모바일 웹판, …)
    assert "점자판" in text and "오디오북" in text and "웹 페이지와 음성" in text
    _, ctx = _render(tmp_path / "pdf", cfg, issue, formats=("print",))
    text = " ".join(_text(ctx.out / "print/green-seogu-2021-03.pdf").split())
    assert "점자" not in text and "오디오북" not in text and "음성" not in text
    assert "큰 글자판 PDF" in text



SURVEY_URL = "https://www.seo.incheon.kr/green/survey?from=print"
SURVEY_LABEL = "소식지 독자 의견 조사에 참여해 주세요"


def test_back_page_carries_the_feedback_survey(built: dict, tmp_path: Path):
    """site.yaml feedback: on the back page of both PDFs: label, QR code (tagged with Korean
    alt text, decoding to the survey) and the address as text; 16 pt or more in large print."""
    cfg, issue = _issue()
    cfg = dataclasses.replace(cfg, feedback=Feedback(SURVEY_URL, SURVEY_LABEL))
    result, ctx = _render(tmp_path, cfg, issue, formats=("print",))
    for kind in ("pdf", "pdf_large"):
        pdf = ctx.out / result.outputs.issue[kind]
        back = _text(pdf, _pages(pdf))
        assert SURVEY_LABEL in " ".join(back.split()), kind
        assert SURVEY_URL in "".join(back.split()), kind  # the address, maybe wrapped
        assert "설문 주소" in back and "독자 의견 조사" in back
        assert f"설문 참여 QR 코드: {SURVEY_LABEL}" in _struct_alts(pdf), kind
    assert min(_glyph_sizes(ctx.out / result.outputs.issue["pdf_large"])) >= 16 - 0.05
    pdf = ctx.out / result.outputs.issue["pdf"]  # zbar-tools: APT_PACKAGES in the Makefile
    last = _pages(pdf)
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-f", str(last), "-l", str(last),
                    str(pdf), str(tmp_path / "back")], check=True)
    found = subprocess.run(["zbarimg", "-q", "--raw", str(next(tmp_path.glob("back*.png")))],
                           capture_output=True, text=True).stdout.split()
    assert SURVEY_URL in found, found
    # without feedback: no survey block (the module's build has none)
    plain = built["out"] / "print/green-seogu-2021-03.pdf"
    assert "설문 주소" not in _text(plain, _pages(plain))
    assert not any(a.startswith("설문 참여 QR") for a in _struct_alts(plain))


# --- the issue laid out part by part and joined (editions/print/assemble.py) -------------

def _layout_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def _fresh_text(tmp: Path, cfg: SiteConfig, issue: Issue) -> dict[str, str]:
    """What a build with an empty cache prints, PDF by PDF."""
    result, ctx = _render(tmp, cfg, issue, formats=("print",))
    return {k: _layout_text(ctx.out / rel) for k, rel in result.outputs.issue.items()}


def test_an_edit_lays_out_only_that_article_and_matches_a_fresh_build(tmp_path: Path):
    cfg, issue = _issue()
    cache = BuildCache(tmp_path / "cache")

    def build(name: str) -> tuple[RenderContext, dict[str, str]]:
        ctx = RenderContext(site=cfg, out=tmp_path / name, project=ROOT,
                            options=BuildOptions(formats=("print",)), cache=cache)
        result = run_screen_pdfs(issue, ctx)
        return ctx, {k: _layout_text(ctx.out / rel) for k, rel in result.outputs.issue.items()}

    ctx, _ = build("cold")
    # front (twice: first to learn its length), articles, back, folios; per PDF
    assert ctx.counters["pdf_parts_laid_out"] == 2 * (len(issue.articles) + 4)

    # a word changed in the second article: its part only, once per PDF
    second = issue.articles[1]
    issue.articles[1] = dataclasses.replace(
        second, html=second.html.replace("해 주세요", "꼭 해 주세요"), hash="edited")
    ctx, texts = build("edit")
    assert ctx.counters["pdf_parts_laid_out"] == 2
    assert "꼭 해 주세요" in " ".join(texts["pdf"].split())
    assert texts == _fresh_text(tmp_path / "fresh1", cfg, issue)

    # the first article grows by pages: the second moves, the contents change
    first = issue.articles[0]
    filler = "".join(f"<p>덧붙인 문단 {n}: {'서구 소식을 전하는 긴 문장입니다. ' * 12}</p>"
                     for n in range(30))
    issue.articles[0] = dataclasses.replace(first, html=first.html + filler, hash="grown")
    ctx, texts = build("grown")
    # the first article, the contents, the back page and the folios; the second article
    # only if it now starts on the other side (it is laid out without page numbers)
    assert 2 * 4 <= ctx.counters["pdf_parts_laid_out"] <= 2 * 6
    assert texts == _fresh_text(tmp_path / "fresh2", cfg, issue)
    pdf = ctx.out / "print/green-seogu-2021-03.pdf"
    contents = re.sub(r"\s", "", _text(pdf, 2))
    page = int(re.search(re.escape(re.sub(r"\s", "", second.title)) + r"\.+(\d+)",
                         contents).group(1))
    assert page > 4 and second.title in " ".join(_text(pdf, page).split())

    # --force lays every part out again
    cache.force = True
    ctx, _ = build("forced")
    assert ctx.counters["pdf_parts_laid_out"] == 2 * (len(issue.articles) + 4)


def test_joined_pdf_is_one_tagged_document(built: dict):
    """Every page's marked content finds its structure element on that page; contents
    links and bookmarks open the articles' first pages; each font subset has its own tag."""
    issue = built["issue"]
    for rel in built["result"].outputs.issue.values():
        pdf = built["out"] / rel
        with pikepdf.open(pdf) as doc:
            page_index = {p.obj.objgen: i for i, p in enumerate(doc.pages)}
            root = doc.Root.StructTreeRoot
            nums = root.ParentTree.Nums
            tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
            assert int(root.ParentTreeNextKey) == len(tree)
            for i, page in enumerate(doc.pages):
                elements = tree[int(page.StructParents)]
                mcids = {int(operands[1].MCID) for operands, op in
                         pikepdf.parse_content_stream(page)
                         if str(op) == "BDC" and isinstance(operands[1], pikepdf.Dictionary)
                         and "/MCID" in operands[1]}
                assert mcids and max(mcids) < len(elements)
                for m in mcids:
                    assert page_index[elements[m].Pg.objgen] == i
                for annot in page.get("/Annots", []):
                    element = tree[int(annot.StructParent)]
                    assert any(k.get("/Obj") is not None and k.Obj.objgen == annot.objgen
                               for k in element.K if isinstance(k, pikepdf.Dictionary))
            names = doc.Root.Names.Dests.Names
            dests = {str(names[i]): page_index[names[i + 1][0].objgen]
                     for i in range(0, len(names), 2)}
            links = [str(a.Dest) for a in doc.pages[1].get("/Annots", []) if "/Dest" in a]
            assert {f"article-{a.slug}" for a in issue.articles} <= set(links)
            contents = re.sub(r"\s", "", _text(pdf, 2))
            for a in issue.articles:
                first = dests[f"article-{a.slug}"] + 1
                printed = re.search(re.escape(re.sub(r"\s", "", a.title)) + r"\.+(\d+)",
                                    contents)
                assert first > 2 and printed and int(printed.group(1)) == first
                assert a.title in " ".join(_text(pdf, first).split())
            with doc.open_outline() as outline:
                assert [page_index[item.destination[0].objgen] for item in outline.root] == [
                    dests[f"article-{a.slug}"] for a in issue.articles]
            fonts = Counter(str(f.BaseFont) for f in doc.objects
                            if isinstance(f, pikepdf.Dictionary) and f.get("/Type") == "/Font")
            assert set(fonts.values()) == {2}  # a Type0 font and its CIDFont, per subset


def test_a_damaged_cached_part_is_laid_out_again(tmp_path: Path):
    cfg, issue = _issue()
    cache = BuildCache(tmp_path / "cache")
    ctx = RenderContext(site=cfg, out=tmp_path / "one", project=ROOT,
                        options=BuildOptions(formats=("print",)), cache=cache)
    run_screen_pdfs(issue, ctx)
    damaged = list((tmp_path / "cache" / "print-parts").rglob("*.pdf"))
    assert damaged
    for part in damaged:
        part.write_bytes(part.read_bytes()[:200])  # a cut-off file
    second = issue.articles[1]
    issue.articles[1] = dataclasses.replace(second, html=second.html + "<p>덧붙임</p>",
                                            hash="edited")
    ctx = RenderContext(site=cfg, out=tmp_path / "two", project=ROOT,
                        options=BuildOptions(formats=("print",)), cache=cache)
    result = run_screen_pdfs(issue, ctx)
    assert result.warnings == []
    texts = {k: _layout_text(ctx.out / rel) for k, rel in result.outputs.issue.items()}
    assert texts == _fresh_text(tmp_path / "fresh", cfg, issue)


def test_an_article_is_laid_out_the_same_on_a_left_or_right_page(built: dict, tmp_path: Path):
    """Articles are laid out once, as if they began on page 1, and their folios stamped on:
    this holds only while @page :left and :right differ in their folios alone."""
    from greenpub.editions.print.document import build_articles, render_html
    from greenpub.editions.print.edition import write_pdf

    cfg, issue = built["cfg"], built["issue"]
    ctx = RenderContext(site=cfg, out=tmp_path / "out", project=ROOT, options=BuildOptions(),
                        cache=BuildCache(tmp_path / "cache"))
    settings = load_settings(cfg)
    article = build_articles(issue, ctx)[0]
    base = ctx.layouts("print").resolve()
    for large in (False, True):
        images = []
        for start in (1, 2):  # a right-hand, then a left-hand first page
            html = render_html(issue, [article], ctx, settings, large, "article", start)
            pdf = tmp_path / f"{large}-{start}.pdf"
            write_pdf(html, base, pdf, settings)
            subprocess.run(["pdftoppm", "-r", "50", "-gray", str(pdf), str(tmp_path / f"{large}-{start}")],
                           check=True)
            images.append([Image.open(p).tobytes() for p in
                           sorted(tmp_path.glob(f"{large}-{start}-*.pgm"))])
        assert images[0] == images[1], "left and right pages differ beyond their folios"
