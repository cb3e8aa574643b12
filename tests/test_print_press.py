"""The press PDF for the print vendor: read back with Ghostscript, pikepdf and poppler."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import zipfile
from pathlib import Path

import pikepdf
import pytest
from conftest import ROOT
from PIL import Image
from test_print import _issue, _text

from greenpub.cache import BuildCache
from greenpub.config import Feedback
from greenpub.editions.base import BuildOptions, RenderContext, run_edition
from greenpub.editions.print import PrintEdition
from greenpub.editions.print.press import PROFILE, conformance, limit_ink, prepare
from greenpub.editions.print.settings import load_settings
from greenpub.errors import ConfigError, RenderError

MM = 72 / 25.4
SURVEY = "https://www.seo.incheon.kr/green/survey"


def _press(tmp: Path, issue, name: str = "out", cache: str = "cache", cfg=None, **options):
    cfg = cfg or _issue()[0]
    ctx = RenderContext(site=cfg, out=tmp / name, project=ROOT,
                        options=BuildOptions(formats=("print",), **options),
                        cache=BuildCache(tmp / cache))
    result = run_edition(PrintEdition(), issue, ctx, part="press")
    return result, ctx


def _plain(issue):
    """The mini issue whose second article is pages of plain text."""
    text = "".join(f"<p>문단 {n}: {'서구 소식지는 주민 여러분의 목소리를 담습니다. ' * 8}</p>"
                   for n in range(40))
    second = issue.articles[1]
    issue.articles[1] = dataclasses.replace(second, html=text, hash="plain")
    return issue


@pytest.fixture(scope="module")
def press(tmp_path_factory: pytest.TempPathFactory) -> dict:
    tmp = tmp_path_factory.mktemp("press")
    result, ctx = _press(tmp, _issue()[1])
    # the plain issue with the residents' survey on its back cover (site.yaml feedback:)
    survey = dataclasses.replace(_issue()[0], feedback=Feedback(SURVEY, "독자 의견 조사"))
    plain, plain_ctx = _press(tmp, _plain(_issue()[1]), "plain", "plain-cache", survey)
    standard = run_edition(PrintEdition(), _issue()[1], RenderContext(
        site=_issue()[0], out=tmp / "std", project=ROOT, options=BuildOptions(formats=("print",)),
        cache=BuildCache(tmp / "cache")), part="standard")
    return {"tmp": tmp, "result": result, "out": ctx.out, "plain": plain_ctx.out / plain.outputs.issue["press"],
            "plain_result": plain, "plain_out": plain_ctx.out, "standard": tmp / "std" / standard.outputs.issue["pdf"]}


def _pdf(press: dict) -> Path:
    return press["out"] / press["result"].outputs.issue["press"]


def _inkcov(pdf: Path) -> list[tuple[float, float, float, float]]:
    out = subprocess.run(["gs", "-q", "-o", "-", "-sDEVICE=inkcov", "-dUseTrimBox", "-r50",
                          str(pdf)], capture_output=True, text=True, check=True).stdout
    return [tuple(float(v) for v in line.split()[:4]) for line in out.splitlines()
            if line.strip().endswith("OK")]


def test_manifest_keys_and_pdfx_with_a_cmyk_output_intent(press: dict):
    outputs = press["result"].outputs.issue
    assert set(outputs) == {"press", "press_preflight", "press_preflight_json", "press_zip"}
    for rel in outputs.values():
        assert (press["out"] / rel).is_file(), rel
    with pikepdf.open(_pdf(press)) as pdf:
        assert str(pdf.docinfo.GTS_PDFXVersion) == "PDF/X-1a:2003"
        assert "/GTS_PDFXConformance" not in pdf.docinfo
        assert pdf.pdf_version == "1.4"  # X-1a:2003 is PDF 1.4
        with pdf.open_metadata() as meta:
            assert meta["pdfx:GTS_PDFXVersion"] == "PDF/X-1a:2003"
            assert meta["pdf:Trapped"] == "False"
        assert str(pdf.docinfo.Trapped) == "/False"
        assert conformance(pdf) == []
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == "/GTS_PDFX" and str(intent.OutputConditionIdentifier)
        profile = intent.DestOutputProfile
        assert int(profile.N) == 4 and profile.read_bytes() == PROFILE.read_bytes()
        assert "/StructTreeRoot" not in pdf.Root
        for page in pdf.pages:
            assert "/Annots" not in page  # PDF/X allows no links
            for _operands, op in pikepdf.parse_content_stream(page):
                assert str(op) not in ("rg", "RG"), "RGB colour in the press PDF"
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Subtype") == "/Image":
                assert obj.get("/ColorSpace") in ("/DeviceCMYK", "/DeviceGray")
                assert obj.get("/Interpolate") is not True
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor":
                assert any(k in obj for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    # Ghostscript itself reads the result back without complaint
    check = subprocess.run(["gs", "-q", "-dNODISPLAY", "-dBATCH", "-dNOPAUSE", "-dNOSAFER",
                            str(_pdf(press))], check=False, capture_output=True, text=True)
    assert check.returncode == 0 and "rror" not in check.stderr


def test_boxes_bleed_and_marks_outside_the_bleed(press: dict, tmp_path: Path):
    with pikepdf.open(_pdf(press)) as pdf:
        for page in pdf.pages:
            media, bleed, trim = ([float(x) for x in page.obj[k]]
                                  for k in ("/MediaBox", "/BleedBox", "/TrimBox"))
            assert round((trim[2] - trim[0]) / MM) == 210 and round((trim[3] - trim[1]) / MM) == 297
            for i in (0, 1):
                assert abs((trim[i] - bleed[i]) - 3 * MM) < 0.05
                assert abs((bleed[i + 2] - trim[i + 2]) - 3 * MM) < 0.05
                assert bleed[i] - media[i] >= 8 * MM and media[i + 2] - bleed[i + 2] >= 8 * MM
        media, bleed, trim = ([float(x) for x in pdf.pages[1].obj[k]]
                              for k in ("/MediaBox", "/BleedBox", "/TrimBox"))
    # the contents page (white): crop marks are in the slug, none inside the bleed corner
    subprocess.run(["gs", "-q", "-o", str(tmp_path / "p.png"), "-sDEVICE=pnggray", "-r72",
                    "-dFirstPage=2", "-dLastPage=2", str(_pdf(press))], check=True)
    image = Image.open(tmp_path / "p.png")
    height = image.height

    def box(x0: float, y0: float, x1: float, y1: float) -> int:  # PDF points -> darkest pixel
        region = image.crop((round(x0 - media[0]), round(height - (y1 - media[1])),
                             round(x1 - media[0]), round(height - (y0 - media[1]))))
        return region.getextrema()[0]

    assert box(bleed[0], bleed[1], trim[0] - 0.5, trim[1] - 0.5) > 200  # bleed corner: white
    assert box(media[0], bleed[1], bleed[0] - 0.5, trim[3]) < 128  # left slug: crop marks


def test_pages_padded_to_four_with_blanks_before_the_back_cover(press: dict):
    pdf = _pdf(press)
    with pikepdf.open(pdf) as doc, pikepdf.open(press["standard"]) as std:
        pages, before = len(doc.pages), len(std.pages)
    assert pages % 4 == 0 and pages >= before
    report = json.loads((press["out"] / press["result"].outputs.issue["press_preflight_json"])
                        .read_text("utf-8"))
    assert report["blank_pages_added"] == pages - before > 0
    last = " ".join(_text(pdf, pages).split())
    assert last == " ".join(_text(press["standard"], before).split())  # the back cover
    ink = _inkcov(pdf)
    for number in range(before, pages):  # the blanks, just before it
        assert not _text(pdf, number).strip() and ink[number - 1] == (0, 0, 0, 0)
    assert sum(ink[before - 2]) > 0  # the last article page is not blank


def _small_type_fills(pdf: Path) -> list[tuple[str, tuple[float, ...]]]:
    """The fill colour of every text run under 12 pt (CTM and text matrix included)."""
    fills = []
    with pikepdf.open(pdf) as doc:
        def walk(owner, resources, scale):
            fill, size, tm, stack = ("g", (0.0,)), 0.0, 1.0, []
            xobjects = resources.get("/XObject", {}) if resources is not None else {}
            for operands, op in pikepdf.parse_content_stream(owner):
                name = str(op)
                if name == "q":
                    stack.append((fill, scale))
                elif name == "Q":
                    fill, scale = stack.pop()
                elif name == "cm":
                    a, b, c, d = (float(x) for x in operands[:4])
                    scale *= abs(a * d - b * c) ** 0.5
                elif name in ("g", "k", "rg"):
                    fill = (name, tuple(float(x) for x in operands))
                elif name == "Tm":
                    a, b, c, d = (float(x) for x in operands[:4])
                    tm = abs(a * d - b * c) ** 0.5
                elif name == "Tf":
                    size = float(operands[1])
                elif name in ("Tj", "TJ") and size * tm * scale < 11.99:
                    fills.append(fill)
                elif name == "Do":
                    x = xobjects.get(str(operands[0]))
                    if x is not None and x.get("/Subtype") == "/Form":
                        walk(x, x.get("/Resources"), scale)
        for page in doc.pages:
            walk(page, page.obj.get("/Resources"), 1.0)
    return fills


def test_small_type_and_body_text_print_in_black_ink_only(press: dict):
    for pdf in (_pdf(press), press["plain"]):
        fills = _small_type_fills(pdf)
        assert len(fills) > 20
        white = {("g", (1.0,)), ("k", (0.0, 0.0, 0.0, 0.0))}
        assert all(f in white or f in {("k", (0.0, 0.0, 0.0, 1.0)), ("g", (0.0,))}
                   for f in fills), sorted(set(fills) - white)[:5]
    # Ghostscript's ink coverage: a page of body text (with running heads and folio) uses
    # the black plate only
    ink = _inkcov(press["plain"])
    text_only = [c for c in ink if c[3] > 0.01 and c[0] == c[1] == c[2] == 0]
    assert text_only, ink


def test_preflight_report_names_low_resolution_images_and_zip(press: dict):
    outputs, out = press["result"].outputs.issue, press["out"]
    report = json.loads((out / outputs["press_preflight_json"]).read_text("utf-8"))
    assert report["pdfx"] == "PDF/X-1a:2003" and report["pdfx_failures"] == []
    assert report["colour_spaces"]
    assert "/DeviceRGB" not in report["colour_spaces"]
    assert report["pages"] % 4 == 0 and len(report["boxes"]) == report["pages"]
    assert all(b["bleed_mm"] == 3.0 for b in report["boxes"])
    assert all(f["embedded"] for f in report["fonts"]) and report["fonts"]
    assert report["small_type"]["not_k_only"] == 0
    assert 100 < report["max_ink_percent"] <= report["ink_limit_percent"] == 300
    wifi = next(i for i in report["images"] if i["image"] == "images/wifi.png")
    assert wifi["article"] == "구청 민원실에서 무료 와이파이를 쓰세요"
    assert 100 < wifi["ppi"] < 150 and wifi["level"] == "error"  # 640 px across ~130 mm
    assert report["problems"] == []
    html = (out / outputs["press_preflight"]).read_text("utf-8")
    assert "인쇄 사전 점검" in html and "images/wifi.png" in html and "150 ppi 미만" in html
    with zipfile.ZipFile(out / outputs["press_zip"]) as archive:
        names = archive.namelist()
        assert set(names) == {Path(outputs[k]).name for k in
                              ("press", "press_preflight", "press_preflight_json")}
        assert archive.read(Path(outputs["press"]).name) == _pdf(press).read_bytes()
    warnings = press["result"].warnings
    assert any("images/wifi.png" in w and "와이파이" in w and "ppi" in w for w in warnings)


def test_strict_stops_on_an_image_under_150_ppi(press: dict):
    with pytest.raises(RenderError) as caught:  # served from the cache: still checked
        _press(press["tmp"], _issue()[1], "strict", strict=True)
    assert "images/wifi.png" in str(caught.value) and "--strict" in str(caught.value)


def test_press_pdf_is_cached_and_byte_reproducible(press: dict):
    _, ctx = _press(press["tmp"], _issue()[1], "again")
    assert ctx.stats.hits == 1 and ctx.stats.misses == 0
    fresh, fresh_ctx = _press(press["tmp"], _issue()[1], "fresh", "fresh-cache")
    for key in ("press", "press_zip", "press_preflight_json"):
        assert (fresh_ctx.out / fresh.outputs.issue[key]).read_bytes() == (
            press["out"] / press["result"].outputs.issue[key]).read_bytes(), key


def test_back_cover_with_the_survey_prints_without_links(press: dict):
    pdf = press["plain"]
    with pikepdf.open(pdf) as doc:
        pages = len(doc.pages)
        assert not any("/Annots" in p.obj for p in doc.pages)  # no links on paper
    back = _text(pdf, pages)
    assert "독자 의견 조사" in back and SURVEY in "".join(back.split())
    report = json.loads((press["plain_out"] / press["plain_result"].outputs.issue[
        "press_preflight_json"]).read_text("utf-8"))
    assert report["small_type"]["not_k_only"] == 0 and report["pages"] % 4 == 0


def test_pad_to_and_ink_limit_settings():
    cfg, _ = _issue()
    settings = load_settings(cfg.with_section("print", {"pad_to": 8, "ink_limit": 320}))
    assert (settings.pad_to, settings.ink_limit) == (8, 320)
    for bad in ({"pad_to": 3}, {"pad_to": "4"}, {"ink_limit": 500}):
        with pytest.raises(ConfigError) as err:
            cfg.with_section("print", bad)
        assert f"print.{next(iter(bad))}" in err.value.message


def test_conformance_names_what_a_screen_pdf_lacks(press: dict):
    """The checker is not a rubber stamp: the accessible screen PDF (RGB, links, tags, no
    output intent, no TrimBox) fails it on each of those counts."""
    with pikepdf.open(press["standard"]) as pdf:
        found = conformance(pdf)
    kinds = {f.split(":")[0] for f in found}
    assert {"info", "output-intent", "trimbox", "annotations", "colour"} <= kinds, found


def test_ink_limit_caps_near_black_keeps_black_ink():
    import numpy as np

    pixels = np.array([[[184, 167, 176, 246], [255, 255, 255, 255], [10, 20, 30, 40],
                        [0, 0, 0, 255]]], dtype=np.uint8)
    limited = limit_ink(pixels, 300).astype(int)
    assert (limited.sum(axis=-1) <= 765).all()
    assert limited[0, 0, 3] == 246 and limited[0, 1, 3] == 255  # K untouched
    assert limited[0, 2].tolist() == [10, 20, 30, 40]  # under the limit: unchanged
    assert limited[0, 3].tolist() == [0, 0, 0, 255]
    c, m, y = limited[0, 0, :3]
    assert c > y > m  # the hue (the ratio of C, M, Y) is kept


def test_a_black_photo_prints_within_the_ink_limit(tmp_path: Path):
    """An RGB near-black photo and vector colours through the press steps with a 260 %
    limit (a vendor's uncoated stock): the SWOP conversion alone gives ~297 %; the press
    PDF stays at or under the limit (Ghostscript's CMYK rendering of the page, as the
    preflight measures it)."""
    from greenpub.editions.print import press

    image = Image.new("RGB", (300, 300), (8, 6, 10))
    source = tmp_path / "src.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(200, 200))
        xobject = pikepdf.Stream(pdf, image.tobytes(), Type=pikepdf.Name.XObject,
                                 Subtype=pikepdf.Name.Image, Width=300, Height=300,
                                 ColorSpace=pikepdf.Name.DeviceRGB, BitsPerComponent=8,
                                 Interpolate=True)
        page = pdf.pages[0]
        page.obj.TrimBox = pikepdf.Array([10, 10, 190, 190])
        page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=xobject))
        page.obj.Contents = pdf.make_stream(b"q 0.2 0.6 0.3 rg 0 0 200 200 re f "
                                            b"0.02 0.01 0.03 rg 0 0 100 100 re f "
                                            b"180 0 0 180 10 10 cm /Im0 Do Q")
        pdf.save(source)
    prepared = prepare(source, tmp_path / "prepared.pdf", 4, 0, 260)
    assert prepared.pages == 4 and prepared.padded == 3
    target = tmp_path / "press.pdf"
    press.ghostscript(tmp_path / "prepared.pdf", target, PROFILE, 0)
    press.finish(target, "시험", "2021-03-01")
    report = press.preflight(target, prepared, 260)
    assert 250 < report["max_ink_percent"] <= 260, report["ink_per_page"]
    assert report["problems"] == [] and report["pdfx_failures"] == []
    assert report["interpolated_images"] == 0
