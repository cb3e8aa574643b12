"""`greenpub import`: turn 한글 (HWP, HWPX) and Word (DOCX) files into articles."""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any

from rich.console import Console

NAME = "import"
HELP = "한글(HWP, HWPX)·워드(DOCX) 문서를 기사로 가져옵니다"


def add_arguments(p: argparse.ArgumentParser) -> None:
    from . import content_opt

    p.add_argument("files", nargs="+", metavar="FILE", help="가져올 .hwp, .hwpx, .docx 파일")
    p.add_argument("--issue", required=True, metavar="YYYY-MM", help="기사를 넣을 호")
    content_opt(p)
    p.add_argument("--slug", help="기사 슬러그(영문 소문자·숫자·하이픈). 없으면 제목으로 만듭니다")
    p.add_argument("--section", help="기사 분류(예: 구정 소식). 없으면 '미분류'")


def run(args: argparse.Namespace, out: Console, console: Console) -> int:
    from ..content.reader import ISSUE_ID
    from ..content.scaffold import next_article_path, pending_review_yaml
    from ..errors import ContentErrors, GreenpubError
    from ..importers import ImportFailed, import_file
    from ..importers import messages as M
    from ..importers.article import free_slug, make_slug, prepare_images, render
    from ..messages import BAD_ISSUE_ID
    from . import escape

    content = Path(args.content)
    if not ISSUE_ID.match(args.issue):
        raise GreenpubError(BAD_ISSUE_ID.format(name=args.issue))
    folder = content / args.issue
    if not (folder / "_issue.md").is_file():
        raise GreenpubError(M.NO_ISSUE.format(issue=args.issue), folder)
    if args.slug is not None:
        if not re.match(r"^[a-z0-9][a-z0-9-]*$", args.slug):
            raise GreenpubError(M.BAD_SLUG.format(slug=args.slug))
        if len(args.files) > 1:
            raise GreenpubError(M.SLUG_WITH_MANY)
    review_yaml = pending_review_yaml(content)

    # Every file is read before anything is written: one bad file, nothing written.
    docs: list[Any] = []
    errors: list[GreenpubError] = []
    for name in args.files:
        try:
            docs.append(import_file(Path(name)))
        except ImportFailed as exc:
            errors.append(exc)
    if errors:
        raise errors[0] if len(errors) == 1 else ContentErrors(errors)

    for doc in docs:
        slug = args.slug or free_slug(folder, make_slug(doc.title))
        target = next_article_path(folder, slug)
        images, image_report = prepare_images(doc, slug, folder / "images")
        text = render(doc, slug=slug, section=args.section, review_yaml=review_yaml,
                      images=images)
        _write(folder, target, text, images)
        out.print(escape(M.IMPORTED.format(source=doc.source, target=target, slug=slug)))
        if images:
            out.print(escape(M.IMPORTED_IMAGES.format(n=len(images), folder=folder / "images")))
        lines = doc.report + image_report
        if not args.section:
            lines.append(M.SECTION_REMINDER)
        if lines:
            out.print(M.REPORT_HEAD)
            for line in lines:
                out.print(f"  - {escape(line)}")
    out.print(M.NEXT_STEP)
    return 0


def _write(folder: Path, target: Path, text: str, images: list) -> None:  # type: ignore[type-arg]
    """Pictures first, the article last; on a failure nothing of this article stays."""
    written: list[Path] = []
    try:
        if images:
            (folder / "images").mkdir(exist_ok=True)
        for img in images:
            path = folder / "images" / img.name
            path.write_bytes(img.data)
            written.append(path)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_text(text, "utf-8")
        written.append(tmp)
        tmp.replace(target)
    except BaseException as exc:
        for path in written:
            path.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            from ..errors import GreenpubError
            from ..importers import messages as M

            raise GreenpubError(M.CANNOT_WRITE.format(reason=exc.strerror or exc),
                                target) from None
        raise
