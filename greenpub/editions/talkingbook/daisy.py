"""DAISY 2.02 fileset (full text, full audio): ncc.html, one SMIL, XHTML content document
and MP3 per section, the images, and a ZIP of it all for lending.

Structure (DAISY 2.02 specification, 2001):
- ncc.html: XHTML 1.0 navigation control centre, the required `dc:`/`ncc:` meta, the
  headings h1 (the issue, class "title"), h2 (articles), h3+ (subheadings), print pages
  (`span.page-normal`), tables (`span.sidebar`) and image descriptions
  (`span.optional-prodnote`), each a link to the SMIL text element that starts it;
- sNN.smil: SMIL 1.0, one <par> per sentence (text + audio clip); footnotes, tables and
  image descriptions carry `system-required` (footnote-on, sidebar-on, prodnote-on) so a
  player can skip them;
- sNN.html: the text (see content.py), sNN.mp3: the voice.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from lxml import etree

from ... import GENERATOR
from .book import Book, Section, clock
from .content import SKIP_TEST, Builder, heading_level, image_bytes, image_name, skip_kind

XHTML_DOCTYPE = ('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
                 '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">')
SMIL_DOCTYPE = ('<!DOCTYPE smil PUBLIC "-//W3C//DTD SMIL 1.0//EN" '
                '"http://www.w3.org/TR/REC-smil/SMIL10.dtd">')
NCC_SPAN = {"table": "sidebar", "figure": "optional-prodnote"}
CSS = """body { font-family: sans-serif; line-height: 1.6; margin: 1em; }
.page-normal { display: block; text-align: right; color: #555; }
.sidebar, .prodnote, .footnote { border-left: 4px solid #999; padding-left: .6em; }
table { border-collapse: collapse; } th, td { border: 1px solid #777; padding: .2em .4em; }
img { max-width: 100%; height: auto; }
"""


def _xml(root: etree._Element, doctype: str) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", doctype=doctype,
                          pretty_print=True)


def _meta(head: etree._Element, name: str, content: str, **extra: str) -> None:
    m = etree.SubElement(head, "{http://www.w3.org/1999/xhtml}meta" if head.nsmap
                         else "meta", name=name, content=content)
    for k, v in extra.items():
        m.set(k, v)


class DaisyWriter:
    """Writes one issue's fileset under `folder` (the book folder) and its ZIP."""

    def __init__(self, book: Book):
        self.book = book
        self.ids = 0

    def write(self, folder: Path, zip_path: Path) -> dict[str, object]:
        book = self.book
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "book.css").write_text(CSS, "utf-8")
        elapsed = 0.0
        for sec in book.sections:
            shutil.copyfile(book.audio_files(sec)[0], folder / f"{sec.key}.mp3")
            (folder / f"{sec.key}.html").write_bytes(self.content(sec))
            (folder / f"{sec.key}.smil").write_bytes(self.smil(sec, elapsed))
            elapsed += sec.spoken
            for ref in (sec.article.all_images if sec.article else []):
                (folder / "images").mkdir(exist_ok=True)
                (folder / "images" / image_name(ref.src)).write_bytes(
                    image_bytes(ref.path, ref.src))
        # ncc:files and ncc:kByteSize count the ncc itself: write it twice (its size
        # hardly changes with the two numbers in it)
        ncc = self.ncc(0, 0)
        for _ in range(2):
            files = [p for p in folder.rglob("*") if p.is_file() and p.name != "ncc.html"]
            size = sum(p.stat().st_size for p in files) + len(ncc)
            ncc = self.ncc(len(files) + 1, -(-size // 1024))
        (folder / "ncc.html").write_bytes(ncc)
        zip_path.parent.mkdir(parents=True, exist_ok=True)
        stamp = (book.issue.date.year, book.issue.date.month, book.issue.date.day, 0, 0, 0)
        with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as z:
            for p in sorted(folder.rglob("*")):
                if p.is_file():
                    info = zipfile.ZipInfo(f"{folder.name}/{p.relative_to(folder).as_posix()}",
                                           stamp)
                    kind = zipfile.ZIP_STORED if p.suffix == ".mp3" else zipfile.ZIP_DEFLATED
                    z.writestr(info, p.read_bytes(), compress_type=kind)
        return {"total": round(book.total, 3), "pages": self.page_count()}

    # -- documents ---------------------------------------------------------------
    def content(self, sec: Section) -> bytes:
        b = Builder(self.book, epub=False, image_dir="images")
        html = b.el("html", lang="ko")
        html.set("{http://www.w3.org/XML/1998/namespace}lang", "ko")
        head = b.el("head", html)
        b.el("meta", head, http_equiv="Content-Type", content="text/html; charset=utf-8")
        b.el("title", head, f"{self.book.title} - {sec.title}")
        b.el("link", head, rel="stylesheet", type="text/css", href="book.css")
        b.body(sec, b.el("body", html))
        return _xml(html, XHTML_DOCTYPE)

    def smil(self, sec: Section, elapsed: float) -> bytes:
        book = self.book
        smil = etree.Element("smil")
        head = etree.SubElement(smil, "head")
        _meta(head, "dc:format", "Daisy 2.02")
        _meta(head, "dc:title", f"{book.title} - {sec.title}")
        _meta(head, "dc:identifier", book.identifier)
        _meta(head, "ncc:generator", GENERATOR)
        _meta(head, "ncc:totalElapsedTime", clock(elapsed))
        _meta(head, "ncc:timeInThisSmil", clock(sec.spoken))
        layout = etree.SubElement(head, "layout")
        etree.SubElement(layout, "region", id="txtView")
        body = etree.SubElement(smil, "body")
        seq = etree.SubElement(body, "seq", dur=f"{sec.spoken:.3f}s")
        for s in sec.sentences:
            par = etree.SubElement(seq, "par", endsync="last", id=f"p{s.id}")
            kind = skip_kind(s, sec)
            if kind:
                par.set("system-required", SKIP_TEST[kind])
            etree.SubElement(par, "text", src=f"{sec.key}.html#{s.id}", id=f"t{s.id}")
            etree.SubElement(par, "audio", src=f"{sec.key}.mp3", id=f"a{s.id}",
                             **{"clip-begin": f"npt={s.begin:.3f}s",
                                "clip-end": f"npt={s.end:.3f}s"})
        return _xml(smil, SMIL_DOCTYPE)

    def page_count(self) -> int:
        return sum(len(s.pages) + len(s.breaks) for s in self.book.sections)

    def ncc(self, files: int, kbytes: int) -> bytes:
        book, issue, site = self.book, self.book.issue, self.book.ctx.site
        b = Builder(book, epub=False, image_dir="images")
        html = b.el("html", lang="ko")
        html.set("{http://www.w3.org/XML/1998/namespace}lang", "ko")
        head = b.el("head", html)
        b.el("meta", head, http_equiv="Content-Type", content="text/html; charset=utf-8")
        b.el("title", head, book.title)
        body = b.el("body")
        html.append(body)
        counts = {"depth": 1, "table": 0, "figure": 0, "note": 0}
        pages: list[int] = []
        n = 0

        def link(parent: etree._Element, sec: Section, target: str, text: str) -> None:
            nonlocal n
            n += 1
            parent.set("id", f"n{n:04d}")
            b.el("a", parent, text, href=f"{sec.key}.smil#t{target}")

        for sec in book.sections:
            seen: set[tuple[int, str]] = set()
            for i, s in enumerate(sec.sentences):
                for num in [n for n, at in sec.breaks if at == i]:  # a page starts inside
                    pages.append(num)
                    link(b.el("span", body, class_="page-normal"), sec, s.id, str(num))
                level = heading_level(sec, s)
                if level and (s.block, s.role) not in seen:
                    seen.add((s.block, s.role))
                    text = book.title if level == 1 else (
                        sec.title if level == 2 and sec.article else s.source.rstrip("."))
                    h = b.el(f"h{level}", body, class_="title" if level == 1 else None)
                    # the issue's and an article's heading start their section's audio
                    # (the "구정 소식 기사입니다." before the title, a draft notice)
                    first = len(seen) == 1
                    target = sec.sentences[0].id if first else s.id
                    link(h, sec, target, text)
                    counts["depth"] = max(counts["depth"], level)
                    if first:  # the print pages that start with this section
                        for num in sec.pages:
                            pages.append(num)
                            link(b.el("span", body, class_="page-normal"), sec, target,
                                 str(num))
                kind = skip_kind(s, sec)
                what = s.role if kind == "note" else kind or ""  # each footnote, table, figure
                if kind and (s.block, what) not in seen:
                    seen.add((s.block, what))
                    counts[kind] += 1
                    if kind in NCC_SPAN:
                        label = "표" if kind == "table" else "그림 설명"
                        link(b.el("span", body, class_=NCC_SPAN[kind]), sec, s.id,
                             f"{label} {counts[kind]}")
        meta = [
            ("dc:title", book.title), ("dc:creator", site.publisher),
            ("dc:publisher", site.publisher), ("dc:date", issue.date.isoformat()),
            ("dc:format", "Daisy 2.02"), ("dc:identifier", book.identifier),
            ("dc:language", "ko"), ("dc:source", site.title),
            ("ncc:charset", "utf-8"), ("ncc:depth", str(counts["depth"])),
            ("ncc:files", str(files)), ("ncc:footnotes", str(counts["note"])),
            ("ncc:generator", GENERATOR), ("ncc:kByteSize", str(kbytes)),
            ("ncc:maxPageNormal", str(max(pages, default=0))),
            ("ncc:multimediaType", "audioFullText"), ("ncc:narrator", book.narrator),
            ("ncc:pageFront", "0"), ("ncc:pageNormal", str(len(pages))),
            ("ncc:pageSpecial", "0"), ("ncc:prodNotes", str(counts["figure"])),
            ("ncc:producer", site.publisher), ("ncc:setInfo", "1 of 1"),
            ("ncc:sidebars", str(counts["table"])), ("ncc:tocItems", str(n)),
            ("ncc:totalTime", clock(book.total)),
        ]
        for name, content in meta:
            extra = {"scheme": "yyyy-mm-dd"} if name == "dc:date" else (
                {"scheme": "ISO 639"} if name == "dc:language" else {})
            m = b.el("meta", head, name=name, content=content)
            for k, v in extra.items():
                m.set(k, v)
        return _xml(html, XHTML_DOCTYPE)
