"""Layout rules from the print-production review: line breaks, particles, QR quiet zone,
gutter; read back from real PDFs (poppler) where they show on paper."""

from __future__ import annotations

import dataclasses
import re
import subprocess
from pathlib import Path
from urllib.parse import unquote

import segno
from conftest import ROOT
from test_print import _issue, _text, run_screen_pdfs

from greenpub.cache import BuildCache
from greenpub.editions.base import BuildOptions, RenderContext
from greenpub.editions.print.document import keep_together, qr_svg_uri
from greenpub.editions.print.messages import back_other_formats, with_ro


def test_particle_after_the_back_page_name():
    assert with_ro("웹 페이지") == "웹 페이지로"
    assert with_ro("웹 페이지와 음성") == "웹 페이지와 음성으로"
    assert with_ro("서울") == "서울로"  # ㄹ takes 로
    assert "(으)로" not in back_other_formats(("web", "print", "audio"))
    assert "음성으로 바로" in back_other_formats(("print", "audio"))
    assert "웹 페이지로 바로" in back_other_formats(("print",))


def test_large_print_does_not_offer_itself():
    assert "큰 글자판 PDF" in back_other_formats(("web", "print"))
    assert "큰 글자판 PDF" not in back_other_formats(("web", "print"), large=True)


def test_tilde_dash_and_phone_are_kept_with_their_neighbours():
    text = keep_together("3월 2일 ~ 5일, 문의(☎ 032-560-4114) - 끝")
    assert "2일\u00a0~ 5일" in text and "☎\u00a0032-560-4114" in text and ")\u00a0- 끝" in text


def test_qr_codes_have_a_quiet_zone_of_four_modules():
    url = "https://news.seo.incheon.kr/green/2021-03/wifi/"
    svg = unquote(qr_svg_uri(url))
    width = int(re.search(r"width='(\d+)'", svg).group(1))
    symbol = segno.make(url, error="m", micro=False)
    assert width == symbol.symbol_size(border=4)[0] == symbol.symbol_size(border=0)[0] + 8


def test_lines_never_start_with_tilde_or_dash_and_cells_keep_words(tmp_path: Path):
    cfg, issue = _issue()
    ranges = " ".join(f"행사는 {n}월 {n}일 ~ {n + 1}일, 시간은 10시~12시입니다 - 문의(☎ 032-560-4114)."
                      for n in range(1, 40))
    word = "인천광역시서구청민원봉사실"
    table = ("<table><thead><tr>" + "".join(f"<th>항목{i}</th>" for i in range(6)) +
             "</tr></thead><tbody><tr>" + "".join(f"<td>{word}</td>" if i == 2 else
                                                  f"<td>값{i}</td>" for i in range(6)) +
             "</tr></tbody></table>")
    second = issue.articles[1]
    issue.articles[1] = dataclasses.replace(second, html=f"<p>{ranges}</p>{table}",
                                            hash="lines")
    ctx = RenderContext(site=cfg, out=tmp_path / "out", project=ROOT,
                        options=BuildOptions(formats=("print",)), cache=BuildCache(tmp_path / "c"))
    result = run_screen_pdfs(issue, ctx)
    for rel in result.outputs.issue.values():
        text = _text(ctx.out / rel, raw=True)
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        assert sum("~" in line for line in lines) > 10
        assert not [line for line in lines if line[0] in "~-"], rel
        assert not [line for line in lines if line.endswith("☎")], rel
        assert word in text.replace("\n", "")
        assert word in text.split(), rel  # the cell's word on one line, whole


def test_two_column_gutter_is_at_least_5mm(tmp_path: Path):
    cfg, issue = _issue()
    body = "".join(f"<p>{'서구 소식지는 주민 여러분의 목소리를 담습니다. ' * 6}</p>" for _ in range(12))
    second = issue.articles[1]
    issue.articles[1] = dataclasses.replace(second, html=body, hash="gutter")
    ctx = RenderContext(site=cfg, out=tmp_path / "out", project=ROOT,
                        options=BuildOptions(formats=("print",)), cache=BuildCache(tmp_path / "c"))
    pdf = ctx.out / run_screen_pdfs(issue, ctx).outputs.issue["pdf"]
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout).group(1))
    html = subprocess.run(["pdftotext", "-bbox", "-f", str(pages - 1), "-l", str(pages - 1),
                           str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    boxes = [(float(a), float(b)) for a, b in re.findall(
        r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"', html)]
    middle = 595.28 / 2
    left_edge = max(x1 for x0, x1 in boxes if x1 < middle + 5)
    right_edge = min(x0 for x0, x1 in boxes if x0 > middle - 5 and x0 > left_edge)
    assert right_edge - left_edge >= 5 / 25.4 * 72 - 0.5


def test_short_articles_share_a_page_with_article_break_auto(tmp_path: Path):
    import page as validator
    import pikepdf

    pages, numbers = {}, {}
    for mode in ("page", "auto"):
        cfg, issue = _issue()
        issue.articles.reverse()  # the short survey first: its page is mostly empty
        cfg = cfg.with_section("print", {"article_break": mode})
        ctx = RenderContext(site=cfg, out=tmp_path / mode, project=ROOT,
                            options=BuildOptions(formats=("print",)),
                            cache=BuildCache(tmp_path / f"c-{mode}"))
        pdf = ctx.out / run_screen_pdfs(issue, ctx).outputs.issue["pdf"]
        with pikepdf.open(pdf) as doc:
            pages[mode] = len(doc.pages)
            arts = [k for k in doc.Root.StructTreeRoot.K[0].K if k.S == "/Art"]
            assert len(arts) == 2  # still one Art per article
        contents = re.sub(r"\s", "", _text(pdf, 2))
        numbers[mode] = [int(re.search(re.escape(re.sub(r"\s", "", a.title)) + r"\.+(\d+)",
                                       contents).group(1)) for a in issue.articles]
        first = " ".join(_text(pdf, numbers[mode][1]).split())
        assert issue.articles[1].title in first  # the contents point at the right page
        assert validator.validate_pdf(pdf, profile="ua1").is_compliant
    assert pages["auto"] == pages["page"] - 1
    assert numbers["page"][1] == numbers["page"][0] + 1
    assert numbers["auto"][1] == numbers["auto"][0]  # the second starts on the first's page
