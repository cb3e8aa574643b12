"""`greenpub import`: 한글 (HWPX built here with python-hwpx, real HWP 5 samples) and Word
(DOCX built here with python-docx) → articles that pass `check` and build.

The HWPX and DOCX fixtures hold the same article (title, subtitle, headings, bold,
italic, 한자, NBSP and full-width spaces, a hard line break, a link, a footnote, a
nested bullet list, a numbered list, a table with a header row and merged cells, a
picture; a comment in the DOCX); both must come out as the same Markdown.
"""

from __future__ import annotations

import io
import re
import struct
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, run_cli, snapshot
from PIL import Image

from greenpub.importers import import_file
from greenpub.importers.article import prepare_images
from greenpub.importers.markdown import Inline, MarkdownWriter
from greenpub.importers.model import ImportedDocument, ImportedImage

SAMPLES = ROOT / "tests" / "fixtures" / "import"


def png(color=(0, 128, 0), size=(40, 30)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, "PNG")
    return buf.getvalue()


CELLS = {(1, 0): "공공와이파이", (1, 1): "본청 1층", (1, 2): "방문 민원인", (2, 1): "서구의회",
         (2, 2): "구의원"}


def make_hwpx(path: Path) -> Path:
    """The test article as 한글 writes it (OWPML), built with python-hwpx."""
    from hwpx import HwpxDocument

    d = HwpxDocument.new()
    d.add_heading("공공와이파이 개통 안내", level=1)
    d.add_paragraph("- 구청 민원실에서 누구나 무료로 -", style="바탕글")
    d.add_heading("이용 방법", level=2)
    p = d.add_paragraph("", style="바탕글")
    p.add_run("서구청(西區廳) 민원실에서\u00a0", expand_special_characters=True)  # hp:nbSpace
    p.add_run("무료", bold=True)
    p.add_run("로 쓰고,\u3000", expand_special_characters=True)  # hp:fwSpace
    p.add_run("가입 없이", italic=True)
    p.add_run(" 접속합니다.\n자세한 내용은 ")  # hp:lineBreak
    d.refs.add_hyperlink("https://www.seo.incheon.kr/", "서구 누리집", paragraph=p)
    p.add_run("을 보세요.")
    d.notes.add_footnote("무선침입차단시스템(WIPS)입니다.", paragraph=p)
    bullets = d.styles.ensure_numbering(kind="bullet", levels=[{}, {}])
    d.add_paragraph("본청 1층", para_pr_id_ref=bullets[0], style="바탕글")
    d.add_paragraph("민원봉사실", para_pr_id_ref=bullets[1], style="바탕글")
    d.add_paragraph("세무민원실", para_pr_id_ref=bullets[1], style="바탕글")
    d.add_paragraph("제2청사 1층", para_pr_id_ref=bullets[0], style="바탕글")
    numbers = d.styles.ensure_numbering(kind="number")
    d.add_paragraph("와이파이를 켭니다.", para_pr_id_ref=numbers[0], style="바탕글")
    d.add_paragraph("PublicWiFi@seo-gu를 고릅니다.", para_pr_id_ref=numbers[0], style="바탕글")
    d.add_heading("서비스 구역", level=2)
    t = d.add_table(3, 3)
    for c, text in enumerate(["구분", "서비스 구역", "사용 대상"]):
        t.set_cell_text(0, c, text)
        t.cell(0, c).element.set("header", "1")
    for (r, c), text in CELLS.items():
        t.set_cell_text(r, c, text)
    t.merge_cells(1, 0, 2, 0)
    d.add_picture(png(), "png", width_mm=20, height_mm=15)
    d.add_paragraph("※ 문의: 홍보정책담당관 *내선* 4114", style="바탕글")
    d.save_to_path(path)
    return path


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<w:footnotes xmlns:w="{W}">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
    '</w:r></w:p></w:footnote>'
    '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> '
    '무선침입차단시스템(WIPS)입니다.</w:t></w:r></w:p></w:footnote></w:footnotes>')


def _list_item(doc, text, num_id, level, style="List Paragraph"):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    p = doc.add_paragraph(text, style=style)
    pPr = p._p.get_or_add_pPr()
    numPr = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", level), ("w:numId", num_id)):
        child = OxmlElement(tag)
        child.set(qn("w:val"), str(value))
        numPr.append(child)
    pPr.append(numPr)
    return p


def _numbering(doc, num_id, fmt):
    """A two-level list definition (bullet or decimal) added to the numbering part."""
    from docx.oxml import parse_xml
    numbering = doc.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{"•" if fmt == "bullet" else f"%{i + 1}."}"/>'
        f'<w:pPr><w:ind w:left="{720 * (i + 1)}" w:hanging="360"/></w:pPr></w:lvl>'
        for i in range(2))
    abstract = parse_xml(f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="{num_id}">'
                         f'{levels}</w:abstractNum>')
    first_num = numbering.find(f"{{{W}}}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="{num_id}">'
                               f'<w:abstractNumId w:val="{num_id}"/></w:num>'))
    return num_id


def make_docx(path: Path) -> Path:
    """The same article as Word writes it, built with python-docx (footnotes part, link
    and two-level list definitions added as WordprocessingML)."""
    from docx import Document
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    d = Document()
    d.add_paragraph("공공와이파이 개통 안내", style="Title")
    d.add_paragraph("구청 민원실에서 누구나 무료로", style="Subtitle")
    d.add_heading("이용 방법", level=1)
    p = d.add_paragraph("서구청(西區廳) 민원실에서\u00a0")
    p.add_run("무료").bold = True
    p.add_run("로 쓰고,\u3000")
    p.add_run("가입 없이").italic = True
    r = p.add_run(" 접속합니다.")
    r.add_break()
    p.add_run("자세한 내용은 ")
    rid = d.part.relate_to("https://www.seo.incheon.kr/", RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    run, text = OxmlElement("w:r"), OxmlElement("w:t")
    text.text = "서구 누리집"
    run.append(text)
    link.append(run)
    p._p.append(link)
    p.add_run("을 보세요.")
    fr = p.add_run()
    ref = OxmlElement("w:footnoteReference")
    ref.set(qn("w:id"), "1")
    fr._r.append(ref)
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                FOOTNOTES.encode("utf-8"), d.part.package)
    d.part.relate_to(part, RT.FOOTNOTES)
    bullets = _numbering(d, 901, "bullet")
    _list_item(d, "본청 1층", bullets, 0)
    _list_item(d, "민원봉사실", bullets, 1)
    _list_item(d, "세무민원실", bullets, 1)
    _list_item(d, "제2청사 1층", bullets, 0)
    numbers = _numbering(d, 902, "decimal")
    _list_item(d, "와이파이를 켭니다.", numbers, 0)
    _list_item(d, "PublicWiFi@seo-gu를 고릅니다.", numbers, 0)
    d.add_heading("서비스 구역", level=1)
    t = d.add_table(rows=3, cols=3)
    for c, text in enumerate(["구분", "서비스 구역", "사용 대상"]):
        t.cell(0, c).text = text
    for (r, c), text in CELLS.items():
        t.cell(r, c).text = text
    t.cell(1, 0).merge(t.cell(2, 0))
    t.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    d.add_picture(io.BytesIO(png()), width=Mm(20))
    last = d.add_paragraph("※ 문의: 홍보정책담당관 *내선* 4114")
    d.add_comment(last.runs, text="전화번호 확인", author="편집자")
    d.save(path)
    return path


EXPECTED = """\
## 이용 방법

서구청(西區廳) 민원실에서 **무료**로 쓰고, *가입 없이* 접속합니다. 자세한 내용은 \
[서구 누리집](https://www.seo.incheon.kr/)을 보세요.[^1]

- 본청 1층
    - 민원봉사실
    - 세무민원실
- 제2청사 1층

1. 와이파이를 켭니다.
2. PublicWiFi@seo-gu를 고릅니다.

## 서비스 구역

| 구분 | 서비스 구역 | 사용 대상 |
|---|---|---|
| 공공와이파이 | 본청 1층 | 방문 민원인 |
| 공공와이파이 | 서구의회 | 구의원 |

※ 문의: 홍보정책담당관 \\*내선\\* 4114

[^1]: 무선침입차단시스템(WIPS)입니다.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("import-fixtures")
    return {"hwpx": make_hwpx(folder / "와이파이.hwpx"), "docx": make_docx(folder / "와이파이.docx")}


# -- the Markdown ---------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["hwpx", "docx"])
def test_fixture_becomes_the_expected_markdown(built: dict[str, Path], kind: str) -> None:
    doc = import_file(built[kind])
    assert doc.title == "공공와이파이 개통 안내"
    assert doc.subtitle == "구청 민원실에서 누구나 무료로"
    assert doc.body_md == EXPECTED
    assert [(i.ext, i.number) for i in doc.images] == [("png", 1)]
    with Image.open(io.BytesIO(doc.images[0].data)) as im:
        assert im.size == (40, 30)
    assert any("표 1('구분')" in line and "합친 칸" in line for line in doc.report)
    assert not any("제목 줄" in line for line in doc.report)  # the header row was marked


def test_docx_comment_is_reported(built: dict[str, Path]) -> None:
    assert "메모(댓글) 1개는 옮기지 않았습니다." in import_file(built["docx"]).report


def test_real_hwp5_table() -> None:
    doc = import_file(SAMPLES / "hwplib-table.hwp")
    assert doc.body_md == (
        "| ABC 123 | DEF | GHI |\n|---|---|---|\n| LMN | OPQ | STR |\n| UVM | 123 | 456 |\n")
    assert doc.title == "hwplib-table"  # no heading, no text outside the table
    assert any("제목 줄을 알 수 없어" in line for line in doc.report)


def test_real_hwp5_footnotes_and_endnote() -> None:
    doc = import_file(SAMPLES / "hwplib-footnotes.hwp")
    assert re.findall(r"\[\^\d\]", doc.body_md.split("\n\n")[0]) == ["[^1]", "[^2]", "[^3]"]
    assert doc.body_md.rstrip().endswith("[^3]: sssd")


def test_real_hwp5_pictures(tmp_path: Path) -> None:
    doc = import_file(SAMPLES / "hwplib-pictures.hwp")
    assert [i.ext for i in doc.images] == ["png", "gif"]
    prepared, report = prepare_images(doc, "pics", tmp_path)
    assert [p.name for p in prepared] == ["pics-1.png", "pics-2.gif"]
    assert report == []


# -- the writer ---------------------------------------------------------------------
def test_text_is_cleaned_and_escaped() -> None:
    w = MarkdownWriter("x", title="제목")
    i = Inline()
    i.text("1. 첫\u00a0줄\u200b\u3000<script>*별*_밑줄_\x07 [링크]\n둘째 줄\t끝 ")
    w.paragraph(i)
    j = Inline()
    j.text("- 목록처럼 보이는 글")
    w.paragraph(j)
    doc = w.finish(Path("x.docx"))
    first, second = doc.body_md.strip().split("\n\n")
    assert first == r"1\. 첫 줄 &lt;script>\*별\*\_밑줄\_ \[링크\] 둘째 줄 끝"
    assert second == r"\- 목록처럼 보이는 글"


def test_list_never_starts_indented_and_bold_cells_make_a_header() -> None:
    from greenpub.importers.markdown import Cell

    w = MarkdownWriter("x")
    w.heading(1, _inline("제목"))
    w.list_item(False, 2, _inline("깊은 항목"))
    header = [Cell(_inline("구분", bold=True)), Cell(_inline("값", bold=True))]
    w.table([header, [Cell(_inline("가")), Cell(_inline("1"))]])
    doc = w.finish(Path("x.hwpx"))
    assert doc.title == "제목"
    assert doc.body_md == "- 깊은 항목\n\n| **구분** | **값** |\n|---|---|\n| 가 | 1 |\n"
    assert doc.report == []


def _inline(text: str, bold: bool = False) -> Inline:
    i = Inline()
    i.text(text, bold=bold)
    return i


@pytest.mark.parametrize("fmt,ext", [("BMP", "bmp"), ("TIFF", "tiff")])
def test_bitmaps_become_png(tmp_path: Path, fmt: str, ext: str) -> None:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (255, 0, 0)).save(buf, fmt)
    doc = ImportedDocument(Path("a.hwp"), "t", None, "본문\n",
                           [ImportedImage(buf.getvalue(), ext, None, 1)])
    prepared, report = prepare_images(doc, "a", tmp_path)
    assert prepared[0].name == "a-1.png" and prepared[0].data.startswith(b"\x89PNG")
    assert report == [f"그림 1을(를) {fmt}에서 PNG로 바꿨습니다."]


def _wmf(width: int = 100, height: int = 50, rgb: tuple[int, int, int] = (0, 128, 0)) -> bytes:
    """A placeable Windows metafile: one filled rectangle."""
    def rec(func: int, *params: int) -> bytes:
        return struct.pack("<IH", 3 + len(params), func) + struct.pack(f"<{len(params)}h", *params)

    color = rgb[0] | rgb[1] << 8 | rgb[2] << 16
    brush = struct.pack("<IH", 7, 0x02FC) + struct.pack("<HIH", 0, color, 0)
    records = (rec(0x020B, 0, 0) + rec(0x020C, height, width) + brush + rec(0x012D, 0)
               + rec(0x041B, height, width, 0, 0) + rec(0x0000))
    header = struct.pack("<HHHIHIH", 1, 9, 0x0300, (18 + len(records)) // 2, 1, 7, 0)
    placeable = struct.pack("<IHhhhhHI", 0x9AC6CDD7, 0, 0, 0, width, height, 96, 0)
    checksum = 0
    for (word,) in struct.iter_unpack("<H", placeable):
        checksum ^= word
    return placeable + struct.pack("<H", checksum) + header + records


def _emf(width: int = 100, height: int = 50, rgb: tuple[int, int, int] = (0, 128, 0)) -> bytes:
    """An enhanced metafile: header, a solid brush, one rectangle, end."""
    color = rgb[0] | rgb[1] << 8 | rgb[2] << 16
    body = (struct.pack("<IIIIII", 39, 24, 1, 0, color, 0)  # CREATEBRUSHINDIRECT
            + struct.pack("<III", 37, 12, 1)  # SELECTOBJECT
            + struct.pack("<II4i", 43, 24, 0, 0, width, height)  # RECTANGLE
            + struct.pack("<IIIII", 14, 20, 0, 16, 20))  # EOF
    header = struct.pack("<II4i4iIIIIHHIII2i2i", 1, 88, 0, 0, width, height, 0, 0,
                         width * 26, height * 26, 0x464D4520, 0x10000, 88 + len(body), 5, 2, 0,
                         0, 0, 0, 1024, 768, 270, 203)
    return header + body


@pytest.mark.parametrize("ext,make", [("x-emf", _emf), ("wmf", _wmf)])
def test_metafiles_are_drawn_as_png(tmp_path: Path, ext: str, make) -> None:  # type: ignore[no-untyped-def]
    doc = ImportedDocument(Path("a.docx"), "t", None, "본문\n", [ImportedImage(make(), ext, None, 1)])
    prepared, report = prepare_images(doc, "a", tmp_path)
    assert [p.name for p in prepared] == ["a-1.png"]
    with Image.open(io.BytesIO(prepared[0].data)) as im:
        assert im.format == "PNG" and im.width >= 800 and im.width == 2 * im.height
        assert im.convert("RGB").getpixel((im.width // 2, im.height // 2)) == (0, 128, 0)
    assert report == [f"그림 1을(를) {'EMF' if ext == 'x-emf' else 'WMF'}에서 PNG로 바꿨습니다."]


def test_metafile_without_converter_and_broken_pictures_are_warned(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # a machine without emf2svg and rsvg-convert
    doc = ImportedDocument(Path("a.docx"), "t", None, "본문\n", [
        ImportedImage(_emf(), "x-emf", None, 1), ImportedImage(b"not a picture", "png", None, 2)])
    prepared, report = prepare_images(doc, "a", tmp_path)
    assert prepared == []
    assert "EMF 형식이라 변환하지 못해" in report[0]
    assert report[1].startswith("그림 2을(를) 읽을 수 없어")


# -- refused files --------------------------------------------------------------------
def _flagged(tmp: Path, bit: int, name: str) -> Path:
    """The real sample with a FileHeader property bit set (2: password, 4: distribution)."""
    data = bytearray((SAMPLES / "hwplib-table.hwp").read_bytes())
    at = data.find(b"HWP Document File") + 36
    data[at] |= bit
    path = tmp / name
    path.write_bytes(bytes(data))
    return path


BAD = {
    "배포용.hwp": (lambda t: _flagged(t, 4, "배포용.hwp"), "배포용 문서"),
    "암호.hwp": (lambda t: _flagged(t, 2, "암호.hwp"), "암호가 걸린 문서"),
    "잘림.hwp": (lambda t: _write(t / "잘림.hwp",
                                (SAMPLES / "hwplib-table.hwp").read_bytes()[:6000]), "손상"),
    "잘림.docx": (lambda t: _write(t / "잘림.docx", b"PK\x03\x04" + b"\x00" * 300), "손상"),
    "메모.txt": (lambda t: _write(t / "메모.txt", "그냥 글입니다.".encode()), "문서가 아닙니다"),
    "옛한글.hwp": (lambda t: _write(t / "옛한글.hwp", b"HWP Document File V3.00 \x1a\x01\x02"
                                  + b"\x00" * 200), "옛 한글 문서 형식"),
    "빈.docx": (lambda t: _write(t / "빈.docx", b""), "빈 파일"),
    "암호.hwpx": (lambda t: _encrypted_hwpx(t), "암호가 걸렸거나 배포용"),
    # Word keeps a password-protected .docx in an OLE compound file, as it keeps a .doc.
    "암호.docx": (lambda t: _write(t / "암호.docx", _compound(
        [("EncryptionInfo", b"\x04\x00\x04\x00" + b"\x00" * 60),
         ("EncryptedPackage", b"\x00" * 600)])), "암호가 걸린 문서"),
    "옛워드.doc": (lambda t: _write(t / "옛워드.doc", _compound(
        [("WordDocument", b"\xec\xa5" + b"\x00" * 700)])), "옛 워드 문서 형식"),
}


def _compound(streams: list[tuple[str, bytes]]) -> bytes:
    from hwpx.hwp5.cfb import build_compound_file

    return build_compound_file(streams)


def _encrypted_hwpx(tmp: Path) -> Path:
    """A package whose manifest lists encrypted parts, as 한글 saves a protected document."""
    import zipfile

    src = make_hwpx(tmp / "원본.hwpx")
    path = tmp / "암호.hwpx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "META-INF/manifest.xml":
                data = data.replace(b"/>", b'><odf:file-entry odf:full-path="Contents/section0.xml">'
                                    b"<odf:encryption-data/></odf:file-entry></odf:manifest>")
            zout.writestr(info, data)
    return path


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name", list(BAD))
def test_refused_file_is_named_and_nothing_is_written(mini: Path, tmp_path: Path,
                                                      name: str) -> None:
    make, words = BAD[name]
    bad = make(tmp_path)
    before = snapshot(mini)
    r = run_cli("import", str(bad), "--issue", "2021-03", "--content", str(mini))
    assert r.code == 2, r.out + r.err
    assert "Traceback" not in r.err
    assert name in r.err and words in r.err
    assert snapshot(mini) == before


def test_one_bad_file_among_good_ones_writes_nothing(mini: Path, tmp_path: Path,
                                                     built: dict[str, Path]) -> None:
    before = snapshot(mini)
    bad = _flagged(tmp_path, 4, "배포용.hwp")
    r = run_cli("import", str(built["hwpx"]), str(bad), "--issue", "2021-03",
                "--content", str(mini))
    assert r.code == 2 and "배포용.hwp" in r.err
    assert snapshot(mini) == before


def test_unknown_issue_and_bad_slug_are_refused(mini: Path, built: dict[str, Path]) -> None:
    r = run_cli("import", str(built["docx"]), "--issue", "2030-01", "--content", str(mini))
    assert r.code == 2 and "2030-01" in r.err
    r = run_cli("import", str(built["docx"]), "--issue", "2021-03", "--slug", "와이파이",
                "--content", str(mini))
    assert r.code == 2 and "슬러그" in r.err
    r = run_cli("import", str(built["docx"]), "--issue", "2021-03", "--slug", "wifi",
                "--content", str(mini))  # the mini issue has 01-wifi.md
    assert r.code == 2 and "wifi" in r.err


# -- round trip ----------------------------------------------------------------------
def test_imported_articles_pass_check_and_build(mini: Path, tmp_path: Path,
                                                built: dict[str, Path]) -> None:
    r = run_cli("import", str(built["hwpx"]), str(built["docx"]), str(SAMPLES /
                "hwplib-footnotes.hwp"), "--issue", "2021-03", "--content", str(mini))
    assert r.code == 0, r.err
    folder = mini / "2021-03"
    slug = "gonggongwaipai-gaetong-annae"
    assert f"04-{slug}.md" in r.out and f"05-{slug}-2.md" in r.out
    assert (folder / "images" / f"{slug}-1.png").is_file()
    assert (folder / "images" / f"{slug}-2-1.png").is_file()
    text = (folder / f"04-{slug}.md").read_text("utf-8")
    assert text.startswith("---\ntitle: 공공와이파이 개통 안내\nsubtitle: 구청 민원실에서 "
                           "누구나 무료로\nsection: 미분류\nsummary: 서구청(西區廳) 민원실에서 "
                           "무료로 쓰고, 가입 없이 접속합니다.")
    assert text.endswith("---\n" + EXPECTED)
    assert "checkpoint: committee\n    status: pending" in text

    # `check` asks only for the alt texts (and, once they are there, for the section).
    r = run_cli("check", "--content", str(mini))
    assert r.code == 2
    errors = [ln for ln in r.err.splitlines() if ln.startswith("오류")]
    assert len(errors) == 2 and all("대체 텍스트(alt)" in ln for ln in errors), r.err
    for md in folder.glob("0[4-6]-*.md"):
        md.write_text(md.read_text("utf-8").replace("alt: ''", "alt: 초록색 네모 그림"), "utf-8")
    r = run_cli("check", "--content", str(mini))
    assert r.code == 0, r.err
    assert r.err.count("'미분류'") == 3

    out = tmp_path / "out"
    r = run_cli("build", "--content", str(mini), "--out", str(out), "--cache",
                str(tmp_path / "cache"), "--formats", "web,print", "--drafts", "-q")
    assert r.code == 0, r.err
    html = next(out.rglob(f"{slug}-2/index.html")).read_text("utf-8")
    assert "<h2" in html and "서구 누리집" in html and "<table" in html
    pdf = next(p for p in out.rglob("*.pdf") if not p.stem.endswith(("-large", "-press")))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "공공와이파이 개통 안내" in text and "민원봉사실" in text


def test_real_hwpx_lists_and_outline_headings() -> None:
    """A package Hancom Office saved: bullets, numbering four levels deep, 개요 headings."""
    doc = import_file(SAMPLES / "hwpxlib-parahead.hwpx")
    assert doc.title == "글머리1"  # the package's metadata title (no heading at the top)
    assert doc.body_md == """\
- 글머리1-1
- 글머리1-2
- 글머리2-1
- 글머리2-2

1. 번호1
2. 번호2
3. 번호3
    1. 번호3-1
    2. 번호3-2
4. 번호4
    1. 번호-4-1-1-1
        1. 번호-4-1-1-2
        2. 번호-4-1-2
            1. 번호-4-1-2-1

## 개요1

### 개요1-1

### 개요1-2

### 개요1-3

## 개요2

### 개요2-1

#### 개요2-1-1
"""


def test_one_row_table_is_a_box_of_paragraphs() -> None:
    from greenpub.importers.markdown import Cell

    w = MarkdownWriter("x", title="제목")
    w.table([[Cell(_inline("별표1")), Cell(_inline("")), Cell(_inline("정부포상 추천자 현황"))]])
    doc = w.finish(Path("x.hwp"))
    assert doc.body_md == "별표1\n\n정부포상 추천자 현황\n"
    assert doc.report == ["표 1('별표1'): 한 줄이나 한 칸짜리 표라서 문단으로 옮겼습니다."]


def test_hwpx_memo_is_reported_once(tmp_path: Path) -> None:
    from hwpx import HwpxDocument

    d = HwpxDocument.new()
    d.add_heading("메모가 있는 글", level=1)
    p = d.add_paragraph("메모를 붙인 문단입니다.", style="바탕글")
    d.notes.add_memo("전화번호 확인", anchor=p, author="편집자")
    d.save_to_path(tmp_path / "memo.hwpx")
    doc = import_file(tmp_path / "memo.hwpx")
    assert doc.body_md == "메모를 붙인 문단입니다.\n"  # the memo's text stays out
    assert doc.report == ["메모(댓글) 1개는 옮기지 않았습니다."]


def test_docx_text_box_header_and_multiple_columns(tmp_path: Path) -> None:
    """A text box's text is kept as a paragraph; the header and the two columns are
    reported, not carried."""
    from docx import Document
    from docx.oxml import parse_xml

    d = Document()
    d.add_heading("글상자가 있는 글", level=1)
    d.add_paragraph("본문 첫 문단입니다.")
    box = d.add_paragraph()
    box._p.append(parse_xml(
        f'<w:r xmlns:w="{W}" xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape>'
        '<v:textbox><w:txbxContent><w:p><w:r><w:t>상자 안의 글</w:t></w:r></w:p>'
        '</w:txbxContent></v:textbox></v:shape></w:pict></w:r>'))
    d.sections[0].header.paragraphs[0].text = "Green 서구 2021년 3월호"
    cols = d.sections[0]._sectPr.find(f"{{{W}}}cols")  # the template has one
    cols.set(f"{{{W}}}num", "2")
    d.save(tmp_path / "box.docx")
    doc = import_file(tmp_path / "box.docx")
    assert doc.title == "글상자가 있는 글"
    assert doc.body_md == "본문 첫 문단입니다.\n\n상자 안의 글\n"
    assert doc.report == ["글상자 1개의 글을 일반 문단으로 옮겼습니다(위치와 모양은 빠짐).",
                          "머리말·꼬리말 1개는 옮기지 않았습니다.",
                          "쪽 모양(용지, 여백, 다단, 쪽 나눔)은 옮기지 않습니다."]
