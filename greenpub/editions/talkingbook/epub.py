"""EPUB 3 with media overlays: one XHTML content document, SMIL 3 overlay and MP3 per
section, a cover page, the navigation document (toc, page-list, landmarks) and the
accessibility metadata (schema.org, Korean summary). A plain zip from templates: the
package is small and fully described by EPUB 3.2, and epubcheck checks it in the tests.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import zipfile
from html import escape
from pathlib import Path

from lxml import etree

from ... import GENERATOR
from . import messages as M
from .book import Book, Section, clock
from .content import (
    EPUB_NS,
    IMAGE_TYPES,
    XHTML,
    Builder,
    heading_level,
    image_bytes,
    image_name,
    skip_kind,
)

CSS = """body { font-family: sans-serif; line-height: 1.7; }
.-epub-media-overlay-active { background-color: #ffe95c; color: #000; }
.sidebar, .prodnote, .footnote { border-left: 4px solid #999; padding-left: .6em; margin: 1em 0; }
table { border-collapse: collapse; } th, td { border: 1px solid #777; padding: .2em .4em; }
img { max-width: 100%; height: auto; }
ol.spoken { list-style: none; padding-left: 1em; }
.cover { text-align: center; } .cover img { max-height: 95vh; }
"""
ACTIVE_CLASS = "-epub-media-overlay-active"
SKIP_TYPE = {"note": "footnote", "table": "table", "figure": "figure"}
CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""


def _xhtml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="utf-8",
                          doctype="<!DOCTYPE html>", pretty_print=True)


class EpubWriter:
    def __init__(self, book: Book):
        self.book = book
        self.files: dict[str, bytes] = {}  # path under EPUB/ -> bytes
        self.manifest: list[str] = []  # <item> lines

    def item(self, id_: str, href: str, media: str, data: bytes, **extra: str) -> None:
        self.files[href] = data
        attrs = "".join(f' {k.replace("_", "-")}="{escape(v)}"' for k, v in extra.items())
        self.manifest.append(f'    <item id="{id_}" href="{href}" media-type="{media}"{attrs}/>')

    def write(self, target: Path) -> dict[str, object]:
        book = self.book
        self.item("css", "book.css", "text/css", CSS.encode())
        cover = self.cover()
        images: set[str] = set()
        for sec in book.sections:
            for ref in (sec.article.all_images if sec.article else []):
                name = image_name(ref.src)
                if name not in images:
                    images.add(name)
                    self.item(f"img-{len(images)}", f"images/{name}",
                              IMAGE_TYPES[posixpath.splitext(name)[1].lower()],
                              image_bytes(ref.path, ref.src))
            self.item(f"audio-{sec.key}", f"audio/{sec.key}.mp3", "audio/mpeg",
                      book.audio_files(sec)[0].read_bytes())
            self.item(f"mo-{sec.key}", f"{sec.key}.smil", "application/smil+xml",
                      self.overlay(sec))
            self.item(sec.key, f"{sec.key}.xhtml", "application/xhtml+xml", self.content(sec),
                      media_overlay=f"mo-{sec.key}")
        self.item("nav", "nav.xhtml", "application/xhtml+xml", self.nav(), properties="nav")
        opf = self.package(cover, bool(images))
        target.parent.mkdir(parents=True, exist_ok=True)
        stamp = (book.issue.date.year, book.issue.date.month, book.issue.date.day, 0, 0, 0)
        with zipfile.ZipFile(target, "w") as z:
            z.writestr(zipfile.ZipInfo("mimetype", stamp), b"application/epub+zip",
                       compress_type=zipfile.ZIP_STORED)
            entries = [("META-INF/container.xml", CONTAINER.encode()),
                       ("EPUB/package.opf", opf),
                       *((f"EPUB/{k}", v) for k, v in sorted(self.files.items()))]
            for name, data in entries:
                kind = zipfile.ZIP_STORED if name.endswith(".mp3") else zipfile.ZIP_DEFLATED
                z.writestr(zipfile.ZipInfo(name, stamp), data, compress_type=kind)
        return {"duration": round(book.total, 3)}

    # -- documents ------------------------------------------------------------------
    def page(self, b: Builder, title: str) -> tuple[etree._Element, etree._Element]:
        html = b.el("html", lang="ko")
        html.set("{http://www.w3.org/XML/1998/namespace}lang", "ko")
        head = b.el("head", html)
        b.el("meta", head, charset="utf-8")
        b.el("title", head, title)
        b.el("link", head, rel="stylesheet", type="text/css", href="book.css")
        return html, b.el("body", html)

    def new_builder(self) -> Builder:
        return Builder(self.book, epub=True, image_dir="images")

    def content(self, sec: Section) -> bytes:
        b = self.new_builder()
        html, body = self.page(b, f"{self.book.title} - {sec.title}")
        kind = "bodymatter chapter" if sec.article else (
            "frontmatter" if sec.index == 0 else "backmatter")  # the contents, the survey
        section = b.el("section", body, epub_type=kind,
                       role="doc-chapter" if sec.article else None,
                       aria_label=sec.title, id=f"{sec.key}-text")
        b.body(sec, section)
        return _xhtml(html)

    def cover(self) -> str | None:
        book, issue = self.book, self.book.issue
        if issue.cover is None:
            return None
        name = "cover-" + image_name(issue.cover.src)
        self.item("cover-image", f"images/{name}",
                  IMAGE_TYPES[posixpath.splitext(name)[1].lower()],
                  image_bytes(issue.cover.path, issue.cover.src), properties="cover-image")
        b = self.new_builder()
        html, body = self.page(b, M.LANDMARK_COVER)
        div = b.el("section", body, class_="cover", epub_type="cover")
        b.el("img", div, src=f"images/{name}",
             alt=issue.cover.alt or M.COVER_ALT.format(title=book.title))
        self.item("cover", "cover.xhtml", "application/xhtml+xml", _xhtml(html))
        return "cover"

    def overlay(self, sec: Section) -> bytes:
        smil = etree.Element("{http://www.w3.org/ns/SMIL}smil",
                             nsmap={None: "http://www.w3.org/ns/SMIL", "epub": EPUB_NS})
        smil.set("version", "3.0")
        body = etree.SubElement(smil, "{http://www.w3.org/ns/SMIL}body")
        seq = etree.SubElement(body, "{http://www.w3.org/ns/SMIL}seq", id=f"seq-{sec.key}")
        seq.set(f"{{{EPUB_NS}}}textref", f"{sec.key}.xhtml#{sec.key}-text")
        for s in sec.sentences:
            par = etree.SubElement(seq, "{http://www.w3.org/ns/SMIL}par", id=f"p{s.id}")
            kind = skip_kind(s, sec)
            if kind:  # reading systems may offer to skip these (Media Overlays 3, 2.4)
                par.set(f"{{{EPUB_NS}}}type", SKIP_TYPE[kind])
            etree.SubElement(par, "{http://www.w3.org/ns/SMIL}text",
                             src=f"{sec.key}.xhtml#{s.id}")
            etree.SubElement(par, "{http://www.w3.org/ns/SMIL}audio",
                             src=f"audio/{sec.key}.mp3", clipBegin=f"{s.begin:.3f}s",
                             clipEnd=f"{s.end:.3f}s")
        return etree.tostring(smil, xml_declaration=True, encoding="utf-8", pretty_print=True)

    def nav(self) -> bytes:
        book = self.book
        b = self.new_builder()
        html, body = self.page(b, M.TOC)
        toc = b.el("nav", body, epub_type="toc", id="toc", role="doc-toc")
        b.el("h1", toc, M.TOC)
        top = b.el("ol", toc)
        for sec in book.sections:
            heads = [(heading_level(sec, s), s) for s in sec.sentences]
            heads = [(lv, s) for lv, s in heads if lv]
            if not heads:
                continue
            li = b.el("li", top)
            first = heads[0][1]
            b.el("a", li, book.title if sec.index == 0 else sec.title,
                 href=f"{sec.key}.xhtml#{first.id}")
            subs = [(lv, s) for lv, s in heads[1:] if s.role != "title"]
            if subs:
                ol = b.el("ol", li)
                for _, s in subs:
                    b.el("a", b.el("li", ol), s.source.rstrip("."),
                         href=f"{sec.key}.xhtml#{s.id}")
        pages = [(n, sec) for sec in book.sections
                 for n in [*sec.pages, *(number for number, _ in sec.breaks)]]
        if pages:
            pl = b.el("nav", body, epub_type="page-list", hidden="hidden")
            b.el("h2", pl, M.PAGE_LIST)
            ol = b.el("ol", pl)
            for n, sec in pages:
                b.el("a", b.el("li", ol), str(n), href=f"{sec.key}.xhtml#page{n}")
        lm = b.el("nav", body, epub_type="landmarks", hidden="hidden")
        b.el("h2", lm, M.LANDMARK_TOC)
        ol = b.el("ol", lm)
        marks = [("toc", f"{book.sections[0].key}.xhtml", M.LANDMARK_TOC)]
        if book.issue.cover is not None:
            marks.insert(0, ("cover", "cover.xhtml", M.LANDMARK_COVER))
        if len(book.sections) > 1:
            marks.append(("bodymatter", f"{book.sections[1].key}.xhtml", M.LANDMARK_BODY))
        for kind, href, label in marks:
            b.el("a", b.el("li", ol), label, href=href, epub_type=kind)
        return _xhtml(html)

    def package(self, cover: str | None, has_images: bool) -> bytes:
        book, issue, site = self.book, self.book.issue, self.book.ctx.site
        modified = dt.datetime.combine(issue.date, dt.time()).strftime("%Y-%m-%dT%H:%M:%SZ")
        has_pages = any(s.pages or s.breaks for s in book.sections)
        modes = ["textual", "auditory"] + (["visual"] if has_images or cover else [])
        features = ["synchronizedAudioText", "tableOfContents", "readingOrder",
                    "structuralNavigation", "displayTransformability"]
        if has_images:
            features.append("alternativeText")
        if has_pages:
            features.append("printPageNumbers")
        summary = M.ACCESSIBILITY_SUMMARY + (M.ACCESSIBILITY_PAGES if has_pages else "")
        meta = [
            f'    <dc:identifier id="uid">urn:uuid:{book.identifier}</dc:identifier>',
            f"    <dc:title>{escape(book.title)}</dc:title>",
            "    <dc:language>ko</dc:language>",
            f"    <dc:creator>{escape(site.publisher)}</dc:creator>",
            f"    <dc:publisher>{escape(site.publisher)}</dc:publisher>",
            f"    <dc:date>{issue.date.isoformat()}</dc:date>",
            f'    <meta property="dcterms:modified">{modified}</meta>',
            *(f'    <meta property="schema:accessMode">{m}</meta>' for m in modes),
            '    <meta property="schema:accessModeSufficient">textual</meta>',
            '    <meta property="schema:accessModeSufficient">auditory</meta>',
            *(f'    <meta property="schema:accessibilityFeature">{f}</meta>'
              for f in features),
            '    <meta property="schema:accessibilityHazard">none</meta>',
            f'    <meta property="schema:accessibilitySummary">{escape(summary)}</meta>',
            f'    <meta property="media:duration">{clock(book.total, True)}</meta>',
            *(f'    <meta property="media:duration" refines="#mo-{s.key}">'
              f"{clock(s.spoken, True)}</meta>" for s in book.sections),
            f'    <meta property="media:narrator">{escape(book.narrator)}</meta>',
            f'    <meta property="media:active-class">{ACTIVE_CLASS}</meta>',
            f'    <meta name="generator" content="{escape(GENERATOR)}"/>',
        ]
        if has_pages:
            meta.append(f'    <dc:source id="print">{escape(site.title)} {escape(issue.label)} '
                        "인쇄판</dc:source>")
            meta.append('    <meta property="source-of" refines="#print">pagination</meta>')
        if cover:
            meta.append('    <meta name="cover" content="cover-image"/>')
        spine = ([f'    <itemref idref="{cover}"/>'] if cover else []) + [
            f'    <itemref idref="{s.key}"/>' for s in book.sections]
        opf = f"""<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="ko"
         prefix="schema: http://schema.org/">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
{chr(10).join(meta)}
  </metadata>
  <manifest>
{chr(10).join(self.manifest)}
  </manifest>
  <spine>
{chr(10).join(spine)}
  </spine>
</package>
"""
        return opf.encode("utf-8")


__all__ = ["XHTML", "EpubWriter"]
