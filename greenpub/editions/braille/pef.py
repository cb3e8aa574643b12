"""Braille pages -> PEF 1.0 (Portable Embosser Format, DAISY).

One PEF volume per braille volume, one section each; pages and rows are exactly
the BRF's, so an embosser driver and a braille display show the same page breaks.
Dublin Core: dc:creator (the transcribing agency), dc:source (the print edition
it was transcribed from) and an identifier distinct per edition and draft.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lxml import etree

PEF_NS = "http://www.daisy.org/ns/2008/pef"
DC_NS = "http://purl.org/dc/elements/1.1/"
SCHEMA = Path(__file__).with_name("pef-1.0.rng")


def pef_bytes(pages: list[list[str]], *, cols: int, rows: int, title: str, identifier: str,
              date: dt.date, language: str = "ko", publisher: str = "",
              duplex: bool = False, creator: str = "", source: str = "",
              volumes: list[tuple[int, int]] | None = None) -> bytes:
    root = etree.Element(f"{{{PEF_NS}}}pef", nsmap={None: PEF_NS}, version="2008-1")
    meta = etree.SubElement(etree.SubElement(root, f"{{{PEF_NS}}}head"), f"{{{PEF_NS}}}meta",
                            nsmap={"dc": DC_NS})
    for name, value in (("format", "application/x-pef+xml"), ("identifier", identifier),
                        ("title", title), ("creator", creator), ("language", language),
                        ("date", date.isoformat()), ("publisher", publisher), ("source", source)):
        if value:
            etree.SubElement(meta, f"{{{DC_NS}}}{name}").text = value
    body = etree.SubElement(root, f"{{{PEF_NS}}}body")
    for first, last in volumes or [(1, len(pages))]:
        volume = etree.SubElement(body, f"{{{PEF_NS}}}volume", cols=str(cols), rows=str(rows),
                                  rowgap="0", duplex="true" if duplex else "false")
        section = etree.SubElement(volume, f"{{{PEF_NS}}}section")
        for page in pages[first - 1:last]:
            el = etree.SubElement(section, f"{{{PEF_NS}}}page")
            for line in page:
                etree.SubElement(el, f"{{{PEF_NS}}}row").text = line
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def validate(data: bytes) -> list[str]:
    """Problems found in a PEF file: the RELAX NG schema, then the page geometry."""
    doc = etree.fromstring(data)
    schema = etree.RelaxNG(etree.parse(str(SCHEMA)))
    if not schema.validate(doc):
        return [f"{e.line}: {e.message}" for e in schema.error_log]  # type: ignore[attr-defined]
    problems = []
    ns = {"p": PEF_NS}
    for vi, volume in enumerate(doc.iterfind("p:body/p:volume", ns), 1):
        cols, rows = int(volume.get("cols")), int(volume.get("rows"))
        for pi, page in enumerate(volume.iterfind("p:section/p:page", ns), 1):
            page_rows = page.findall("p:row", ns)
            if len(page_rows) > rows:
                problems.append(f"volume {vi} page {pi}: {len(page_rows)} rows > {rows}")
            for ri, row in enumerate(page_rows, 1):
                if len(row.text or "") > cols:
                    problems.append(f"volume {vi} page {pi} row {ri}: "
                                    f"{len(row.text or '')} cells > {cols}")
    return problems


def page_count(data: bytes) -> int:
    doc = etree.fromstring(data)
    return len(doc.findall(f".//{{{PEF_NS}}}page"))
