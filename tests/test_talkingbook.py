"""The talking books: the DAISY 2.02 fileset and the EPUB 3 with media overlays, built
from the mini issue through the real CLI (espeak-ng, lameenc, WeasyPrint for the print
page numbers) and read back: DTD validation (the W3C DTDs from Debian's w3c-sgml-lib),
clips against the decoded MP3s, links, epubcheck, the cache."""

from __future__ import annotations

import copy
import itertools
import json
import os
import re
import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import lxml.html
import numpy as np
import pytest
from conftest import MINI, run_cli
from lxml import etree
from mutagen.mp3 import MP3

from greenpub.editions.audio.encode import quiet_frames
from greenpub.editions.audio.engines import SAMPLE_RATE, decode_mp3
from greenpub.editions.audio.script import sentences

DTDS = Path("/usr/share/xml/w3c-sgml-lib/schema/dtd")
XHTML_DTD = DTDS / "REC-xhtml1-20020801" / "xhtml1-transitional.dtd"
SMIL_DTD = DTDS / "REC-smil-19980615" / "smil10.dtd"
EPUBCHECK = Path("/usr/share/java/epubcheck.jar")
H = "{http://www.w3.org/1999/xhtml}"
EPUB_NS = "http://www.idpf.org/2007/ops"
ISSUE = "2021-03"
BOOK = f"daisy/green-seogu-{ISSUE}-daisy"


def _build(tmp: Path, formats: str) -> dict:
    r = run_cli("build", "--content", str(MINI), "--out", str(tmp / "out"), "--cache",
                str(tmp / "cache"), "--formats", formats, "-q")
    assert r.code == 0, r.err
    assert "Traceback" not in r.err
    return json.loads((tmp / "out" / "build-report.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    tmp = tmp_path_factory.mktemp("talkingbook")
    report = _build(tmp, "print,daisy,epub,web")
    return tmp, report


def _xml(path: Path) -> etree._ElementTree:
    return etree.parse(str(path), etree.XMLParser(no_network=True, resolve_entities=False))


def _ncc(out: Path) -> tuple[etree._Element, dict[str, str]]:
    root = _xml(out / BOOK / "ncc.html").getroot()
    meta = {m.get("name"): m.get("content") for m in root.iter(f"{H}meta") if m.get("name")}
    return root, meta


def _seconds(clock: str) -> float:
    h, m, s = clock.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


def _npt(value: str) -> float:
    m = re.fullmatch(r"npt=(\d+(?:\.\d+)?)s", value)
    assert m, value
    return float(m.group(1))


def _frame(t: float) -> int:
    """The quiet_frames() index (frames of SAMPLE_RATE // 100 samples) at t seconds."""
    return round(t * SAMPLE_RATE) // (SAMPLE_RATE // 100)


def _smils(out: Path) -> list[Path]:
    return sorted((out / BOOK).glob("*.smil"))


# --- DAISY 2.02 ---------------------------------------------------------------------
def test_manifest_and_files(built) -> None:
    tmp, _ = built
    out = tmp / "out"
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    outs = manifest["issues"][0]["outputs"]
    assert outs["daisy"] == f"{BOOK}/ncc.html"
    assert outs["daisy_zip"] == f"daisy/green-seogu-{ISSUE}-daisy.zip"
    assert outs["epub"] == f"epub/green-seogu-{ISSUE}.epub"
    names = sorted(p.name for p in (out / BOOK).iterdir())
    # the contents and the two published articles, each as text, SMIL and MP3
    assert names == ["book.css", "images", "ncc.html", *(f"s0{i}.{x}" for i in range(3)
                                                          for x in ("html", "mp3", "smil"))]
    with zipfile.ZipFile(out / outs["daisy_zip"]) as z:
        zipped = {n: z.read(n) for n in z.namelist()}
    on_disk = {f"{(out / BOOK).name}/{p.relative_to(out / BOOK).as_posix()}": p.read_bytes()
               for p in (out / BOOK).rglob("*") if p.is_file()}
    assert zipped == on_disk


def test_ncc_meta(built) -> None:
    tmp, _ = built
    root, meta = _ncc(tmp / "out")
    required = ["dc:title", "dc:creator", "dc:date", "dc:format", "dc:identifier",
                "dc:language", "dc:publisher", "ncc:charset", "ncc:depth", "ncc:files",
                "ncc:footnotes", "ncc:generator", "ncc:kByteSize", "ncc:maxPageNormal",
                "ncc:multimediaType", "ncc:narrator", "ncc:pageFront", "ncc:pageNormal",
                "ncc:pageSpecial", "ncc:prodNotes", "ncc:producer", "ncc:setInfo",
                "ncc:sidebars", "ncc:tocItems", "ncc:totalTime"]
    assert [k for k in required if not meta.get(k)] == []
    assert meta["dc:language"] == "ko" and meta["dc:format"] == "Daisy 2.02"
    assert meta["ncc:multimediaType"] == "audioFullText"
    assert meta["ncc:charset"] == "utf-8"
    assert "espeak-ng" in meta["ncc:narrator"]
    assert meta["dc:title"] == "Green 서구 제301호 (2021년 3월)"
    assert re.fullmatch(r"\d\d:\d\d:\d\d", meta["ncc:totalTime"])
    folder = tmp / "out" / BOOK
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert int(meta["ncc:files"]) == len(files)
    assert int(meta["ncc:kByteSize"]) == -(-sum(p.stat().st_size for p in files) // 1024)
    body = root.find(f"{H}body")
    items = [e for e in body if e.tag in {f"{H}h{i}" for i in range(1, 7)} | {f"{H}span"}]
    assert len(items) == int(meta["ncc:tocItems"])
    # h1 the issue (first, class title), h2 the articles, h3 the subheading
    heads = [(e.tag[len(H):], "".join(e.itertext()).strip()) for e in body
             if e.tag.startswith(f"{H}h")]
    assert body[0].tag == f"{H}h1" and body[0].get("class") == "title"
    assert heads == [("h1", "Green 서구 제301호 (2021년 3월)"), ("h2", "여는 글"),
                     ("h2", "구청 민원실에서 무료 와이파이를 쓰세요"), ("h3", "이용 방법"),
                     ("h2", "소식지 구독 방법 설문에 참여해 주세요")]
    assert meta["ncc:depth"] == "3"
    # skippable structures named in the ncc: the table and the image description
    classes = [e.get("class") for e in body if e.tag == f"{H}span"]
    assert classes.count("sidebar") == int(meta["ncc:sidebars"]) == 1
    assert classes.count("optional-prodnote") == int(meta["ncc:prodNotes"]) == 1
    assert int(meta["ncc:footnotes"]) == 1


def test_documents_are_valid_against_their_dtds(built) -> None:
    tmp, _ = built
    xhtml, smil = etree.DTD(str(XHTML_DTD)), etree.DTD(str(SMIL_DTD))
    docs = sorted((tmp / "out" / BOOK).glob("*.html")) + _smils(tmp / "out")
    assert len(docs) == 7
    for path in docs:
        dtd = smil if path.suffix == ".smil" else xhtml
        tree = _xml(path)
        assert tree.docinfo.public_id == ("-//W3C//DTD SMIL 1.0//EN" if path.suffix == ".smil"
                                          else "-//W3C//DTD XHTML 1.0 Transitional//EN")
        assert dtd.validate(tree), (path.name, dtd.error_log.filter_from_errors()[:3])
    # the check can fail: an attribute SMIL 1.0 does not know
    bad = copy.deepcopy(_xml(_smils(tmp / "out")[0]))
    next(bad.getroot().iter("audio")).set("clipBegin", "0s")
    assert not smil.validate(bad)


def test_clips_are_contiguous_inside_their_mp3_and_add_up_to_total_time(built) -> None:
    tmp, _ = built
    out = tmp / "out"
    _, meta = _ncc(out)
    total = 0.0
    for path in _smils(out):
        root = _xml(path).getroot()
        clips = []
        for par in root.iter("par"):
            (audio,) = par.findall("audio")
            clips.append((audio.get("src"), _npt(audio.get("clip-begin")),
                          _npt(audio.get("clip-end"))))
        assert {c[0] for c in clips} == {path.with_suffix(".mp3").name}
        mp3 = path.with_suffix(".mp3")
        length = MP3(mp3).info.length
        pcm = decode_mp3(mp3.read_bytes()).astype(np.float64) / 32768
        assert abs(len(pcm) / SAMPLE_RATE - length) < 0.2
        assert clips[0][1] == 0.0
        quiet = quiet_frames(pcm)
        onsets: list[int] = []
        for i, (_, begin, end) in enumerate(clips):
            assert begin < end <= length, (path.name, i)
            if i:
                assert begin == clips[i - 1][2], (path.name, i)  # contiguous, in order
            # each clip holds speech; each boundary lies in the pause between sentences
            frames = quiet[_frame(begin):_frame(end)]
            assert not frames.all(), (path.name, i)
            onsets.append(int(np.argmin(frames)) * 10)  # ms from the clip's start to speech
            assert quiet[_frame(end) - 3:_frame(end) - 1].all(), (path.name, i)
        # the text lights up with its voice: speech starts right at each clip
        assert max(onsets[1:]) <= 100, (path.name, onsets)
        seconds = clips[-1][2]
        seq = root.find("body/seq")
        assert abs(float(seq.get("dur").rstrip("s")) - seconds) < 0.001
        metas = {m.get("name"): m.get("content") for m in root.iter("meta")}
        assert abs(_seconds(metas["ncc:totalElapsedTime"]) - total) <= 1
        assert abs(_seconds(metas["ncc:timeInThisSmil"]) - seconds) <= 1
        total += sum(e - b for _, b, e in clips)
    assert abs(_seconds(meta["ncc:totalTime"]) - total) <= 1


def test_every_ncc_item_resolves_and_page_numbers_follow_the_print_pdf(built) -> None:
    import pikepdf

    tmp, _ = built
    out = tmp / "out"
    root, meta = _ncc(out)
    folder = out / BOOK
    for a in root.iter(f"{H}a"):
        smil_name, _, frag = a.get("href").partition("#")
        smil = _xml(folder / smil_name).getroot()
        target = [e for e in smil.iter() if e.get("id") == frag]
        assert len(target) == 1, a.get("href")
        text = target[0] if target[0].tag == "text" else target[0].find("text")
        doc, _, tid = text.get("src").partition("#")
        assert _xml(folder / doc).getroot().xpath("//*[@id=$i]", i=tid), text.get("src")
    # the print pages: the front (1-2) at the contents, each article's first page
    with pikepdf.open(out / f"print/green-seogu-{ISSUE}.pdf") as pdf:
        index = {p.objgen: n for n, p in enumerate(pdf.pages, 1)}
        dests = pikepdf.NameTree(pdf.Root.Names.Dests)
        starts = {slug: index[dests[f"article-{slug}"][0].objgen] for slug in ("wifi", "survey")}
    assert starts == {"wifi": 3, "survey": 4}
    pages = {}
    for span in root.iter(f"{H}span"):
        if span.get("class") == "page-normal":
            pages[int("".join(span.itertext()))] = span.find(f"{H}a").get("href")
    assert sorted(pages) == [1, 2, 3, 4]
    assert meta["ncc:pageNormal"] == "4" and meta["ncc:maxPageNormal"] == "4"
    assert pages[3].startswith("s01.smil#") and pages[4].startswith("s02.smil#")
    wifi = _xml(folder / "s01.html").getroot()
    assert "".join(wifi.xpath("//*[@id='page3']")[0].itertext()) == "3"


def test_skippable_structures_and_sentences(built) -> None:
    tmp, _ = built
    folder = tmp / "out" / BOOK
    smil = _xml(folder / "s01.smil").getroot()
    html = _xml(folder / "s01.html").getroot()

    def shown(par: etree._Element) -> str:
        tid = par.find("text").get("src").partition("#")[2]
        return " ".join("".join(html.xpath("//*[@id=$i]", i=tid)[0].itertext()).split())

    pars = {shown(p): p.get("system-required") for p in smil.iter("par")}
    assert pars["각주, 스마트폰을 바꾸면 다시 인증합니다."] == "footnote-on"
    assert pars["사진 설명: 스마트폰 화면에 와이파이 목록이 보이는 그림"] == "prodnote-on"
    assert pars["공공와이파이 본청 1층 민원봉사실"] == "sidebar-on"  # a table row
    assert pars["표입니다."] == "sidebar-on"
    assert pars["이용 방법"] is None
    assert pars["서구는 2020년 2월 1일부터 보안 무선인터넷(WIFI) 서비스를 시작했습니다."] is None
    # one <par> per sentence: the survey's first paragraph has one, the contents' note one
    survey = _xml(folder / "s02.smil").getroot()
    assert len(list(survey.iter("par"))) == len(list(_xml(folder / "s02.html").getroot()
                                                     .xpath("//*[@id][starts-with(@id,'s02t')]")))
    img = html.xpath("//*[local-name()='img']")[0]
    assert img.get("alt") == "스마트폰 화면에 와이파이 목록이 보이는 그림"
    assert (folder / img.get("src")).is_file()


def test_sentence_split() -> None:
    assert sentences("첫 문장입니다. 둘째 문장은 \"인용\"입니다! 셋째? 넷째") == [
        "첫 문장입니다.", "둘째 문장은 \"인용\"입니다!", "셋째?", "넷째"]
    assert sentences("85,000부에서 1.5배로 늘었습니다.") == ["85,000부에서 1.5배로 늘었습니다."]
    assert sentences("") == []


# --- EPUB 3 -------------------------------------------------------------------------
def test_epubcheck_reports_no_errors_and_no_warnings(built) -> None:
    tmp, _ = built
    java = shutil.which("java")
    assert java and EPUBCHECK.is_file(), "epubcheck (Debian package) is not installed"
    proc = subprocess.run([java, "-jar", str(EPUBCHECK), "--json", str(tmp / "report.json"),
                           str(tmp / "out" / f"epub/green-seogu-{ISSUE}.epub")],
                          capture_output=True, text=True, timeout=600, check=False)
    report = json.loads((tmp / "report.json").read_text("utf-8"))
    problems = [(m["severity"], m["ID"], m["message"]) for m in report["messages"]
                if m["severity"] in ("FATAL", "ERROR", "WARNING")]
    assert problems == [], proc.stdout + proc.stderr
    assert report["publication"]["hasAudio"] is True


ACE = Path(__file__).resolve().parent.parent / "tools/ace/node_modules/.bin/ace-cli"


@pytest.mark.skipif(not ACE.exists(), reason="Ace by DAISY is optional: `make ace` installs it")
def test_ace_by_daisy_finds_no_violations(built) -> None:
    tmp, _ = built
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": shutil.which("chromium") or ""}
    proc = subprocess.run([str(ACE), "-s", "-f", "-o", str(tmp / "ace"),
                           str(tmp / "out" / f"epub/green-seogu-{ISSUE}.epub")],
                          capture_output=True, text=True, timeout=600, env=env, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads((tmp / "ace" / "report.json").read_text("utf-8"))
    found = [(a.get("earl:testSubject", {}).get("url"), x["earl:test"]["dct:title"])
             for a in report["assertions"] for x in a.get("assertions", [])
             if x["earl:result"]["earl:outcome"] == "fail"]
    assert found == []
    assert report["earl:result"]["earl:outcome"] == "pass"
    assert {"schema:accessMode", "schema:accessModeSufficient", "schema:accessibilityFeature",
            "schema:accessibilityHazard", "schema:accessibilitySummary"} <= set(
        report["a11y-metadata"]["present"])


def test_epub_package_navigation_and_overlays(built) -> None:
    tmp, _ = built
    with zipfile.ZipFile(tmp / "out" / f"epub/green-seogu-{ISSUE}.epub") as z:
        assert z.namelist()[0] == "mimetype" and z.read("mimetype") == b"application/epub+zip"
        files = {n: z.read(n) for n in z.namelist()}
    opf = etree.fromstring(files["EPUB/package.opf"])
    ns = {"o": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
    assert opf.findtext("o:metadata/dc:language", namespaces=ns) == "ko"
    props: dict[str, list[str]] = {}
    for m in opf.iterfind("o:metadata/o:meta", ns):
        if m.get("property") and not m.get("refines"):
            props.setdefault(m.get("property"), []).append(m.text)
    assert {"synchronizedAudioText", "printPageNumbers", "alternativeText",
            "tableOfContents"} <= set(props["schema:accessibilityFeature"])
    assert set(props["schema:accessMode"]) == {"textual", "auditory", "visual"}
    assert set(props["schema:accessModeSufficient"]) == {"textual", "auditory"}
    assert props["schema:accessibilityHazard"] == ["none"]
    summary = props["schema:accessibilitySummary"][0]
    assert re.search("[가-힣]", summary) and "쪽 번호" in summary
    assert props["media:active-class"] == ["-epub-media-overlay-active"]
    assert b"-epub-media-overlay-active" in files["EPUB/book.css"]
    items = {i.get("id"): i for i in opf.iterfind("o:manifest/o:item", ns)}
    assert items["cover-image"].get("properties") == "cover-image"
    # media overlays: every content document has one, durations add up
    durations = {m.get("refines")[1:]: _seconds(m.text) for m in
                 opf.iterfind("o:metadata/o:meta[@property='media:duration']", ns)
                 if m.get("refines")}
    overlays = [i for i in items.values() if i.get("media-overlay")]
    skippable: Counter[str | None] = Counter()
    assert len(overlays) == 3
    total = 0.0
    for item in overlays:
        smil = etree.fromstring(files["EPUB/" + items[item.get("media-overlay")].get("href")])
        doc = etree.fromstring(files["EPUB/" + item.get("href")])
        ids = set(doc.xpath("//@id"))
        clips = []
        for par in smil.iter("{http://www.w3.org/ns/SMIL}par"):
            text = par.find("{http://www.w3.org/ns/SMIL}text").get("src")
            assert text.split("#")[1] in ids
            skippable[par.get("{http://www.idpf.org/2007/ops}type")] += 1
            audio = par.find("{http://www.w3.org/ns/SMIL}audio")
            clips.append((float(audio.get("clipBegin").rstrip("s")),
                          float(audio.get("clipEnd").rstrip("s"))))
        assert all(a[1] == b[0] for a, b in itertools.pairwise(clips))
        seconds = clips[-1][1] - clips[0][0]
        assert abs(durations[item.get("media-overlay")] - seconds) < 0.01
        total += seconds
    # footnote, image description + caption, table (cues and rows): skippable
    assert skippable["footnote"] == 1 and skippable["figure"] == 2 and skippable["table"] == 5
    whole = [m for m in opf.iterfind("o:metadata/o:meta[@property='media:duration']", ns)
             if not m.get("refines")]
    assert abs(_seconds(whole[0].text) - total) < 0.01
    # navigation: toc with the articles and the subheading, print pages, landmarks
    nav = etree.fromstring(files["EPUB/nav.xhtml"])
    kinds = {n.get("{http://www.idpf.org/2007/ops}type") for n in nav.iter("{*}nav")}
    assert kinds == {"toc", "page-list", "landmarks"}
    text = " ".join("".join(nav.itertext()).split())
    assert "구청 민원실에서 무료 와이파이를 쓰세요 이용 방법" in text
    pages = [a.text for n in nav.iter("{*}nav")
             if n.get("{http://www.idpf.org/2007/ops}type") == "page-list" for a in n.iter("{*}a")]
    assert pages == ["1", "2", "3", "4"]
    for name, data in files.items():
        if name.endswith(".xhtml"):
            for img in etree.fromstring(data).iter("{http://www.w3.org/1999/xhtml}img"):
                assert img.get("alt"), name


# --- cache, without print, web ----------------------------------------------------------
def test_warm_rebuild_speaks_nothing_and_gives_the_same_books(built) -> None:
    tmp, first = built
    out = tmp / "out"
    before = {p: (out / p).read_bytes() for p in
              [f"daisy/green-seogu-{ISSUE}-daisy.zip", f"epub/green-seogu-{ISSUE}.epub"]}
    assert first["counters"]["talkingbook_audio_encoded"] == 3  # once, for both books
    report = _build(tmp, "print,daisy,epub,web")
    assert report["counters"]["tts_calls"] == 0
    assert report["counters"].get("talkingbook_audio_encoded", 0) == 0
    assert not [r for r in report["rebuilt"] if r["edition"] in ("daisy", "epub")]
    assert {p: (out / p).read_bytes() for p in before} == before


def test_web_links_both_books(built) -> None:
    tmp, _ = built
    out = tmp / "out"
    page = out / f"{ISSUE}/index.html"
    doc = lxml.html.fromstring(page.read_text("utf-8"))
    hrefs = {a.text_content().strip(): a.get("href") for a in doc.iter("a")}
    zip_link = next(h for t, h in hrefs.items() if t.startswith("DAISY 녹음도서"))
    epub_link = next(h for t, h in hrefs.items() if t.startswith("EPUB 3 소리책"))
    assert (page.parent / zip_link).resolve() == (out / f"daisy/green-seogu-{ISSUE}-daisy.zip")
    assert (page.parent / epub_link).resolve() == (out / f"epub/green-seogu-{ISSUE}.epub")


def test_without_print_no_page_targets(built, tmp_path: Path) -> None:
    tmp, _ = built
    shutil.copytree(tmp / "cache", tmp_path / "cache")  # the voices are cached already
    report = _build(tmp_path, "daisy")
    assert report["counters"]["tts_calls"] == 0
    assert report["counters"].get("talkingbook_audio_encoded", 0) == 0
    root, meta = _ncc(tmp_path / "out")
    assert meta["ncc:pageNormal"] == "0" and meta["ncc:maxPageNormal"] == "0"
    assert not [s for s in root.iter(f"{H}span") if s.get("class") == "page-normal"]
    assert not (tmp_path / "out" / "print").exists()


def test_page_breaks_inside_an_article_are_found_in_the_page_text() -> None:
    from greenpub.editions.talkingbook.book import _running_lines, locate_breaks

    texts = ["Green 서구\n표지", "Green 서구\n구청 민원실에서\n첫 문장입니다.\n둘째 문장의 앞부분",
             "Green 서구\n그리고 둘째 문장의 가운데\n뒷부분이 여기\n있습니다. 셋째.\n4",
             "Green 서구\n• 넷째 문장\n시작입니다 그리고 마지막입니다.\n5"]
    sentences = ["구청 민원실에서", "첫 문장입니다.",
                 "둘째 문장의 앞부분 그리고 둘째 문장의 가운데 뒷부분이 여기 있습니다.", "셋째.",
                 "넷째 문장 시작입니다 그리고 마지막입니다."]
    repeated = _running_lines(texts)
    assert "Green서구" in repeated
    # page 3 begins inside the third sentence, page 4 with the fifth (the bullet is not
    # in the script; a running head and a folio are skipped)
    assert locate_breaks({3: texts[2], 4: texts[3]}, sentences, repeated) == [(3, 2), (4, 4)]
    # a page whose text is not in the article gets no target; nor does a line too short
    # to tell (a name also printed elsewhere)
    assert locate_breaks({3: "Green 서구\n발행 인천광역시 서구\n담당\n첫 문장입니다."},
                         sentences, repeated) == []


def test_a_page_break_inside_an_article_goes_before_its_sentence(tmp_path: Path) -> None:
    """Where a page that starts inside an article is marked (the mini articles fit on one
    page each, so the breaks are set by hand here; their detection is tested above)."""
    import dataclasses

    from conftest import ROOT

    from greenpub.cache import BuildCache
    from greenpub.content.reader import read_content
    from greenpub.editions.base import BuildOptions, RenderContext
    from greenpub.editions.talkingbook.book import Book
    from greenpub.editions.talkingbook.daisy import DaisyWriter
    from greenpub.editions.talkingbook.epub import EpubWriter
    from greenpub.review import decide

    cfg, issues = read_content(MINI)
    issue = dataclasses.replace(issues[0], articles=[a for a in issues[0].articles
                                                     if decide(a, cfg).publishable])
    ctx = RenderContext(site=cfg, out=tmp_path / "out", project=ROOT,
                        options=BuildOptions(formats=("daisy",)), cache=BuildCache(tmp_path))
    book = Book(issue, ctx)
    sec = book.sections[1]
    def where(start: str) -> int:
        return next(i for i, s in enumerate(sec.sentences) if s.source.startswith(start))

    para, head = where("서구는 2020년"), where("이용 방법")
    row = next(i for i, s in enumerate(sec.sentences) if s.role == "row:0")
    sec.breaks = [(7, para), (8, head), (9, row)]
    html = etree.fromstring(DaisyWriter(book).content(sec))
    assert etree.DTD(str(XHTML_DTD)).validate(html)

    def marker(n: int) -> etree._Element:
        (m,) = html.xpath("//*[@id=$i]", i=f"page{n}")
        assert m.get("class") == "page-normal" and m.text == str(n)
        return m

    # inside the paragraph, right before the sentence; before the heading; before the table
    assert marker(7).getparent().tag == f"{H}p"
    assert marker(7).getnext().get("id") == sec.sentences[para].id
    assert marker(8).getnext().tag == f"{H}h3"
    assert marker(9).getnext().get("class") == "sidebar"
    ncc = etree.fromstring(DaisyWriter(book).ncc(1, 1))
    order = [("".join(e.itertext()).strip(), e.find(f"{H}a").get("href"))
             for e in ncc.iter(f"{H}h3", f"{H}span")]
    assert order.index(("8", f"s01.smil#t{sec.sentences[head].id}")) < order.index(
        ("이용 방법", f"s01.smil#t{sec.sentences[head].id}"))
    assert ("7", f"s01.smil#t{sec.sentences[para].id}") in order
    doc = etree.fromstring(EpubWriter(book).content(sec))
    breaks = doc.xpath("//*[@epub:type='pagebreak']", namespaces={"epub": EPUB_NS})
    assert [b.get("id") for b in breaks] == ["page7", "page8", "page9"]
    assert all(b.get("role") == "doc-pagebreak" for b in breaks)


def test_force_encodes_each_section_once_for_both_books(built, tmp_path: Path) -> None:
    tmp, _ = built
    shutil.copytree(tmp / "cache", tmp_path / "cache")
    r = run_cli("build", "--content", str(MINI), "--out", str(tmp_path / "out"), "--cache",
                str(tmp_path / "cache"), "--formats", "daisy,epub", "--force", "--jobs", "2",
                "-q")
    assert r.code == 0, r.err
    report = json.loads((tmp_path / "out" / "build-report.json").read_text("utf-8"))
    assert report["counters"]["talkingbook_audio_encoded"] == 3  # not 6
    assert report["counters"]["tts_calls"] == 0  # the voices come from the TTS cache


def test_feedback_survey_closes_both_books(built, tmp_path: Path) -> None:
    """site.yaml feedback: both books end with the survey's closing part (the audiobook's),
    as their own section: valid DAISY documents, an h2 in the ncc, EPUB back matter in the
    nav, epubcheck clean; the other sections come from the cache."""
    tmp, _ = built
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    with (content / "site.yaml").open("a", encoding="utf-8") as f:
        f.write("feedback:\n  url: https://www.seo.incheon.kr/green/survey\n"
                "  label: 소식지 독자 의견 조사에 참여해 주세요\n")
    shutil.copytree(tmp / "cache", tmp_path / "cache")
    r = run_cli("build", "--content", str(content), "--out", str(tmp_path / "out"), "--cache",
                str(tmp_path / "cache"), "--formats", "daisy,epub", "-q")
    assert r.code == 0, r.err
    out = tmp_path / "out"
    report = json.loads((out / "build-report.json").read_text("utf-8"))
    assert report["counters"]["talkingbook_audio_encoded"] == 1  # the survey's section only
    book = out / BOOK
    assert {p.name for p in book.glob("s03.*")} == {"s03.html", "s03.smil", "s03.mp3"}
    xhtml, smil = etree.DTD(str(XHTML_DTD)), etree.DTD(str(SMIL_DTD))
    for path, dtd in ((book / "s03.html", xhtml), (book / "s03.smil", smil),
                      (book / "ncc.html", xhtml)):
        assert dtd.validate(_xml(path)), (path.name, dtd.error_log.filter_from_errors()[:3])
    text = " ".join("".join(_xml(book / "s03.html").getroot().itertext()).split())
    # no web or print edition in this build: the site the survey is on, never its address
    assert "소식지 독자 의견 조사에 참여해 주세요. 설문은 seo.incheon.kr 누리집에 있습니다." in text
    assert "https" not in text and "032-560-4114" in text
    root, meta = _ncc(out)
    heads = [(e.tag[len(H):], "".join(e.itertext()).strip()) for e in root.find(f"{H}body")
             if e.tag.startswith(f"{H}h")]
    assert heads[-1] == ("h2", "독자 의견 조사 안내")
    clips = [_npt(a.get("clip-end")) for a in _xml(book / "s03.smil").iter("audio")]
    assert abs(clips[-1] - MP3(book / "s03.mp3").info.length) < 0.2
    epub = out / f"epub/green-seogu-{ISSUE}.epub"
    with zipfile.ZipFile(epub) as z:
        nav = " ".join("".join(etree.fromstring(z.read("EPUB/nav.xhtml")).itertext()).split())
        last = etree.fromstring(z.read("EPUB/s03.xhtml"))
    assert "소식지 구독 방법 설문에 참여해 주세요 독자 의견 조사" in nav
    (section,) = last.iter(f"{H}section")
    assert section.get(f"{{{EPUB_NS}}}type") == "backmatter"
    java = shutil.which("java")
    assert java and EPUBCHECK.is_file()
    subprocess.run([java, "-jar", str(EPUBCHECK), "--json", str(tmp_path / "check.json"),
                    str(epub)], capture_output=True, timeout=600, check=False)
    check = json.loads((tmp_path / "check.json").read_text("utf-8"))
    assert [m["ID"] for m in check["messages"]
            if m["severity"] in ("FATAL", "ERROR", "WARNING")] == []
