"""Tagging fixes for WeasyPrint 70's PDF/UA output. Imported for its effect, once per process.

WeasyPrint tags page margin boxes (running heads, folios) as marked content with MCIDs
whose structure elements it builds but leaves outside the tree (its comment: artifacts
in margin boxes are "only allowed in PDF 2.0"; PDF/UA-1 in fact requires them: ISO
14289-1, 7.8, pagination artifacts). Their elements then point at the /Document element
without being its kids, so a joined file keeps every part's old structure root alive.
Here the content of margin boxes is drawn as /Artifact marked content and kept out of the
tree entirely.

Generated content before an element of class "leader" (the contents' dotted leaders) is
drawn as an artifact too: dozens of periods are not text to read.

Footnotes: `document.py` writes each footnote as a `<gp-note class="fn">` element (an
unknown inline element for the HTML parser, so it may sit inside a paragraph); it is
tagged /Note (WeasyPrint would tag it /NonStruct), its marker /Lbl, its call /Reference.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from weasyprint import document as wp_document
from weasyprint.formatting_structure import boxes
from weasyprint.layout.absolute import AbsolutePlaceholder
from weasyprint.pdf import stream as wp_stream
from weasyprint.pdf import tags as wp_tags

NOTE_TAG = "gp-note"
ARTIFACT_CLASS = "leader"


def _decorative(box: Any) -> bool:
    """Generated content (::before) of an element of class "leader"."""
    tag = getattr(box, "element_tag", None) or ""
    element = getattr(box, "element", None)
    return tag.endswith("::before") and element is not None and \
        ARTIFACT_CLASS in (element.get("class") or "").split()


def _install() -> None:
    if getattr(wp_tags, "_greenpub_tagging", False):
        return
    original_draw_page = wp_document.draw_page
    original_marked = wp_stream.Stream.marked
    original_tree = wp_tags._build_box_tree
    original_tag = wp_tags._get_pdf_tag

    def draw_page(page: Any, stream: Any) -> None:
        # Every box inside a margin box, by identity: drawn as an artifact.
        artifacts = {id(box) for child in page.children if isinstance(child, boxes.MarginBox)
                     for box in child.descendants(placeholders=True)}
        stream._greenpub_artifacts = artifacts
        try:
            original_draw_page(page, stream)
        finally:
            stream._greenpub_artifacts = set()

    @contextmanager
    def marked(self: Any, box: Any, tag: str) -> Iterator[None]:
        if self._tags is not None and (id(box) in getattr(self, "_greenpub_artifacts", ())
                                       or _decorative(box)):
            with self.artifact():
                yield
            return
        with original_marked(self, box, tag):
            yield

    def build_box_tree(box: Any, parent: Any, *args: Any) -> Iterator[Any]:
        if isinstance(box, AbsolutePlaceholder):
            box = box._box
        if isinstance(box, boxes.MarginBox) or _decorative(box):
            return  # drawn as artifacts: nothing to tag
        yield from original_tree(box, parent, *args)

    def get_pdf_tag(tag: str | None) -> str:
        if tag == NOTE_TAG:
            return "Note"
        if tag is not None and tag.endswith("::footnote-marker"):
            return "Lbl"
        if tag is not None and tag.endswith("::footnote-call"):
            return "Reference"  # assemble.py gives each article the notes its calls name
        return original_tag(tag)

    wp_document.draw_page = draw_page
    wp_stream.Stream.marked = marked
    wp_tags._build_box_tree = build_box_tree
    wp_tags._get_pdf_tag = get_pdf_tag
    wp_tags._greenpub_tagging = True


_install()
