"""Talking books for readers who borrow from libraries for the blind: a DAISY 2.02
fileset (`--formats daisy`) and an EPUB 3 with media overlays (`--formats epub`).

Both are made from the audiobook's speech (book.py: one MP3 per section, one clip per
sentence, through the audiobook's TTS cache) and share the text documents
(content.py); daisy.py and epub.py package them. Each book is one `ctx.unit`: a warm
rebuild copies it from the cache without speaking or encoding anything. When the print
edition ran in the same build, its PDF gives the print page numbers (page targets).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ... import paths
from ...content.model import Issue
from ..base import Edition, Outputs, OutputSpec, RenderContext
from . import messages as M

__all__ = ["DaisyEdition", "EpubEdition"]


class DaisyEdition(Edition):
    name = "daisy"
    title = M.DAISY_TITLE
    outputs = {
        "daisy": OutputSpec("DAISY 녹음도서(ncc.html)"),
        "daisy_zip": OutputSpec("DAISY 녹음도서(ZIP)", "제목·쪽·문장 단위로 이동, 본문 함께 보기",
                                link=True),
    }
    needs = ("print",)  # print page numbers, when it runs

    def render(self, issue: Issue, ctx: RenderContext) -> Outputs:
        from .book import Book
        from .daisy import DaisyWriter

        book = Book(issue, ctx)
        folder, archive = paths.daisy_dir(issue.id), paths.daisy_zip(issue.id)

        def produce(tmp: Path) -> dict[str, Any]:
            book.speak()
            return DaisyWriter(book).write(tmp / folder, tmp / archive)

        ctx.unit(f"{issue.id}/daisy", book.inputs(), produce)
        out = Outputs()
        out.issue.update({"daisy": paths.daisy_ncc(issue.id), "daisy_zip": archive})
        return out


class EpubEdition(Edition):
    name = "epub"
    title = M.EPUB_TITLE
    outputs = {"epub": OutputSpec("EPUB 3 소리책", "읽는 문장을 강조하며 들려주는 전자책",
                                  link=True)}
    needs = ("print",)

    def render(self, issue: Issue, ctx: RenderContext) -> Outputs:
        from .book import Book
        from .epub import EpubWriter

        book = Book(issue, ctx)
        rel = paths.epub(issue.id)

        def produce(tmp: Path) -> dict[str, Any]:
            book.speak(reverse=True)
            return EpubWriter(book).write(tmp / rel)

        ctx.unit(f"{issue.id}/epub", book.inputs(), produce)
        out = Outputs()
        out.issue.update({"epub": rel})
        return out
