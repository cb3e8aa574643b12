"""The print edition: the issue as an A4 newsletter PDF and a large-print PDF.

Both are tagged PDFs (PDF/UA-1) written by WeasyPrint from layouts/print/:
the standard one in columns for the print shop, the large-print one in one
column at 18 pt or more for readers with low vision.
"""

from __future__ import annotations

import calendar
import contextlib
import json
import logging
import os
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path
from typing import Any

from ... import __version__, paths
from ...cache import digest
from ...content.model import Issue
from ...errors import RenderError
from ...fsutil import atomic_write_bytes
from ..base import Edition, Outputs, OutputSpec, RenderContext
from . import messages as M
from .assemble import join_parts
from .document import PrintArticle, build_articles, render_html
from .fonts import missing_glyphs
from .settings import PrintSettings, load_settings


class PrintEdition(Edition):
    name = "print"
    title = "인쇄판 PDF"
    aliases = ("pdf",)  # the --formats key until 0.2
    settings_model = PrintSettings
    outputs = {
        # PDFs open in the phone's viewer rather than downloading
        "pdf": OutputSpec("인쇄판 PDF", "A4, 화면 낭독기 지원", link=True, download=False),
        "pdf_large": OutputSpec("큰 글자 PDF", "본문 18포인트 이상", link=True, download=False),
        "press": OutputSpec("인쇄소용 PDF(PDF/X, CMYK)"),
        "press_preflight": OutputSpec("인쇄 사전 점검 보고서"),
        "press_preflight_json": OutputSpec("인쇄 사전 점검(JSON)"),
        "press_zip": OutputSpec("인쇄소 전달 묶음(ZIP)"),
    }

    part_titles = {"standard": "일반", "large": "큰 글자", "press": "인쇄소용"}

    def parts(self, issue: Issue) -> tuple[str, ...]:
        # Each PDF costs ~1-3 s of WeasyPrint when laid out cold: the three in parallel
        # (the press PDF reuses the standard PDF's parts from the part cache).
        return ("standard", "large", "press")

    def render(self, issue: Issue, ctx: RenderContext) -> Outputs:
        settings = load_settings(ctx.site)
        out = Outputs()
        inputs = unit_inputs(issue, ctx)
        prepared: list[list[PrintArticle]] = []

        def articles() -> list[PrintArticle]:
            # Only an unchanged issue skips this work: the cache is checked first.
            if not prepared:
                prepared.append(build_articles(issue, ctx))
            return prepared[0]

        for large, rel in ((False, paths.pdf(issue.id)), (True, paths.pdf_large(issue.id))):
            if not self.wants(ctx, "large" if large else "standard"):
                continue

            def produce(tmp: Path, large: bool = large, rel: str = rel) -> dict[str, Any]:
                warnings: list[str] = []
                if not large:  # the glyph check covers both PDFs' fonts
                    warnings = missing_glyph_warnings(issue, articles(), settings)
                layout = PartLayout(issue, articles(), ctx, settings, large)
                pages = layout.write(tmp / rel)
                # each article's first page, for the braille edition's print-page indicator
                starts = {pa.article.slug: layout.toc.get(pa.anchor, 0) for pa in articles()}
                return {"pages": pages, "warnings": warnings, "starts": starts}

            # a --print-marks build is its own unit: it never evicts the reader's PDF
            unit_id = rel + ("#marks" if ctx.options.print_marks else "")
            data = ctx.unit(unit_id, {**inputs, "large": large}, produce)
            for warning in data.get("warnings", []):  # shown again when copied from the cache
                ctx.warn(warning)
            ctx.counters["pdf_large_pages" if large else "pdf_pages"] += int(data.get("pages", 0))
            out.issue["pdf_large" if large else "pdf"] = rel
            if not large:
                for slug, page in data.get("starts", {}).items():
                    out.article(slug)["print_page"] = page
        if self.wants(ctx, "press"):
            out.issue.update(render_press(issue, ctx, settings, inputs, articles))
        return out


class PartLayout:
    """One PDF of an issue laid out part by part: the front (cover, contents, publisher's
    note), each article, the back page; then joined (assemble.py).

    Each part is cached under the digest of exactly what WeasyPrint is given (its HTML,
    the layouts and the images it links). Articles start on a new page, which makes them
    independent, and are laid out without page numbers, which makes them independent of
    where they land: the folios are one more small part stamped on when joining. So an
    edit lays out that article only, plus the contents, the back page and the folios when
    page numbers moved.
    """

    def __init__(self, issue: Issue, articles: list[PrintArticle], ctx: RenderContext,
                 settings: PrintSettings, large: bool, marks: bool | None = None):
        self.issue, self.articles, self.ctx = issue, articles, ctx
        self.settings, self.large = settings, large
        self.marks = ctx.options.print_marks if marks is None else marks
        self.base = ctx.layouts("print").resolve()
        self.content = ctx.site.path.parent.resolve()  # the only other files it may read
        self.folder = ctx.cache.folder("print-parts") / (
            f"{issue.id}-{'large' if large else 'standard'}{'-marks' if self.marks else ''}")
        # pages of each part in the joined PDF: (first page, last page, article or None)
        self.ranges: list[tuple[int, int, PrintArticle | None]] = []
        self.folder.mkdir(parents=True, exist_ok=True)
        self.common = (ctx.layout_digest("print"), settings.image_dpi, settings.jpeg_quality,
                       version("weasyprint"), __version__)
        self.used: set[str] = set()
        self.force = ctx.cache.force  # lay every part out again (once per build)
        self.written: set[str] = set()  # parts laid out and written by this build
        self.counted: set[str] = set()  # parts laid out by this build to count pages
        self.toc: dict[str, int] = {}  # article anchor -> its first page, once laid out

    def part(self, kind: str, articles: list[PrintArticle], start: int,
             toc: dict[str, int] | None = None, count_only: bool = False,
             folio_count: int = 0, info: dict[str, Any] | None = None) -> tuple[Path, int]:
        """One part's PDF in the part cache, and its page count (only the count, laid out
        but not written, with `count_only`). `info`, when given, receives how full its last
        page is ("fill", 0-1) and the page (0-based) each article starts on ("starts")."""
        html = render_html(self.issue, articles, self.ctx, self.settings, self.large, kind,
                           start, toc, folio_count, self.marks)
        images = [i.digest for pa in articles for i in pa.article.all_images]
        if kind == "front" and self.issue.cover:
            images.append(self.issue.cover.digest)
        key = digest(html, images, self.common)[:32]
        pdf, meta = self.folder / f"{key}.pdf", self.folder / f"{key}.json"
        self.used.update({pdf.name, meta.name})
        # with --force (or after a damaged part) only what this build laid out is reused
        fresh = not self.force or key in self.written or (count_only and key in self.counted)
        if fresh and meta.is_file() and (count_only or pdf.is_file()):
            with contextlib.suppress(OSError, ValueError, KeyError):
                data = json.loads(meta.read_text("utf-8"))
                if info is not None:
                    info.update(fill=float(data["fill"]), starts=dict(data["starts"]))
                return pdf, int(data["pages"])
        found: dict[str, Any] = {"anchors": [pa.anchor for pa in articles]}
        if count_only:
            pages = write_pdf(html, self.base, None, self.settings, found,
                              self.content)
        else:
            tmp = self.folder / f".{key}.{os.getpid()}.tmp"
            try:
                pages = write_pdf(html, self.base, tmp, self.settings, found,
                              self.content)
                os.replace(tmp, pdf)
            finally:
                tmp.unlink(missing_ok=True)
        if info is not None:
            info.update(fill=found["fill"], starts=found["starts"])
        atomic_write_bytes(meta, json.dumps({"kind": kind, "start": start, "pages": pages,
                                             "fill": found["fill"],
                                             "starts": found["starts"]}).encode())
        (self.counted if count_only else self.written).add(key)
        self.ctx.counters["pdf_parts_laid_out"] += 1
        return pdf, pages

    def article_parts(self) -> Iterator[tuple[list[PrintArticle], Path, int, dict[str, int]]]:
        """The articles' parts: each article laid out on its own, without folios, as if it
        started on page 1 (left and right pages differ only in their folios, see
        page.css.j2, so an article is the same wherever it lands). With
        `print.article_break: auto` an article whose last page is less than a third full
        shares a part with the next one, which then starts on that page."""
        articles, i = self.articles, 0
        while i < len(articles):
            group = [articles[i]]
            info: dict[str, Any] = {}
            path, n = self.part("article", group, 1, info=info)
            while self.settings.article_break == "auto" and i + len(group) < len(articles) \
                    and info.get("fill", 1.0) < 1 / 3:
                group = group + [articles[i + len(group)]]
                info = {}
                path, n = self.part("article", group, 1, info=info)
            yield group, path, n, {a: int(p) for a, p in info.get("starts", {}).items()}
            i += len(group)

    def write(self, target: Path, trim: bool | None = None) -> int:
        """Lay out (or reuse) every part and join them at `target`; returns the page count.

        A cached part that cannot be joined (a damaged cache file) is laid out again."""
        import pikepdf

        for attempt in (1, 2):
            parts, folios = self.layout()
            try:
                total = join_parts(parts, target, folios,
                                   {pa.anchor: pa.article.title for pa in self.articles},
                                   trim=not self.marks if trim is None else trim)
                break
            except (pikepdf.PdfError, pikepdf.ForeignObjectError, ValueError, KeyError,
                    AttributeError, OSError) as exc:
                if attempt == 2:
                    raise RenderError(M.RENDER_FAILED.format(kind=type(exc).__name__,
                                                             detail=str(exc)[:200])) from exc
                self.force = True
        for old in self.folder.iterdir():  # parts of earlier versions of this issue
            if old.name not in self.used and not old.name.startswith("."):
                old.unlink(missing_ok=True)
        return total

    def layout(self) -> tuple[list[Path], Path | None]:
        """The parts' PDFs in order (front, each article, back) and the articles' folios."""
        anchors = [pa.anchor for pa in self.articles]
        last = self.folder / "contents.json"  # the previous build's page numbers
        try:
            toc = {a: int(n) for a, n in json.loads(last.read_text("utf-8")).items()
                   if a in anchors}
        except (OSError, ValueError, AttributeError):
            toc = {}
        for _ in range(3):
            # The front's length hardly depends on the numbers it prints: lay it out with
            # the last known ones, place the articles after it, then print the real ones
            # (a cache hit when nothing moved); repeat in the rare case its length changed.
            guess = {a: toc.get(a, 0) for a in anchors}
            _, front_pages = self.part("front", self.articles, 1, guess, count_only=True)
            start, bodies, toc = front_pages + 1, [], {}
            self.ranges = [(1, front_pages, None)]
            for group, path, n, starts in self.article_parts():
                for k, pa in enumerate(group):
                    first = start + starts.get(pa.anchor, 0)
                    following = starts.get(group[k + 1].anchor, n - 1) if k + 1 < len(group) \
                        else n - 1
                    toc[pa.anchor] = first
                    self.ranges.append((first, start + following, pa))
                bodies.append(path)
                start += n
            back, back_pages = self.part("back", [], start)
            self.ranges.append((start, start + back_pages - 1, None))
            front, pages = self.part("front", self.articles, 1, toc)
            if pages == front_pages:
                break
        else:
            raise RenderError(M.CONTENTS_UNSTABLE)
        self.toc = toc
        atomic_write_bytes(last, json.dumps(toc).encode())
        self.used.add(last.name)
        count = start - front_pages - 1  # the articles' pages
        folios = self.part("folios", [], front_pages + 1, folio_count=count)[0] if count else None
        return [front, *bodies, back], folios


def unit_inputs(issue: Issue, ctx: RenderContext) -> dict[str, Any]:
    """Everything a PDF is made from (the cache re-renders when any of it changes)."""
    def images(refs: list[Any]) -> list[Any]:
        return [(i.src, i.digest, i.alt, i.caption) for i in refs]

    return {
        "articles": [(a.slug, a.order, a.hash, a.title, a.subtitle, a.section, a.author,
                      a.author_role, a.html, images(a.all_images), a.draft)
                     for a in issue.articles],
        "issue": (issue.id, issue.number, str(issue.date), issue.title, issue.note_html,
                  images([issue.cover] if issue.cover else [])),
        "layout": ctx.layout_digest("print"),
        "settings": ctx.settings_digest("print"),
        # printed too (back page, PDF subject and /Lang) but not in settings_digest
        "site": (ctx.site.description, ctx.site.language),
        "audio_qr": ctx.has_format("audio"),
        "formats": sorted(ctx.options.formats),  # the back page names the other editions
        "print_marks": ctx.options.print_marks,
        "engine": version("weasyprint"),
    }


def missing_glyph_warnings(issue: Issue, articles: list[PrintArticle],
                           settings: PrintSettings) -> list[str]:
    """Warnings (once per article and character) about text the fonts would print as tofu."""
    warnings: list[str] = []
    seen: set[tuple[str, str]] = set()
    for pa in articles:
        a = pa.article
        for role, text in pa.printed_text().items():
            for stack in (settings.fonts[role], settings.fonts["large"]):
                for ch in missing_glyphs(text, stack):
                    if (a.slug, ch) in seen:
                        continue
                    seen.add((a.slug, ch))
                    warnings.append(M.MISSING_GLYPH.format(article=a.title, file=a.file.name, char=ch,
                                                    code=ord(ch), fonts=", ".join(stack)))
    note = " ".join(filter(None, [issue.title, issue.note_md]))
    for stack in (settings.fonts["body"], settings.fonts["large"]):
        for ch in missing_glyphs(note, stack):
            if ("", ch) not in seen:
                seen.add(("", ch))
                warnings.append(M.MISSING_GLYPH.format(
                    article=M.ISSUE_NOTE, file=issue.file.name if issue.file else "_issue.md",
                    char=ch, code=ord(ch), fonts=", ".join(stack)))
    return warnings


@contextlib.contextmanager
def _quiet_weasyprint() -> Iterator[list[logging.LogRecord]]:
    """Keep WeasyPrint's English log lines away from editors (they see Korean only)."""
    records: list[logging.LogRecord] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    logger = logging.getLogger("weasyprint")
    handler = Collect(logging.WARNING)
    old_propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield records
    finally:
        logger.removeHandler(handler)
        logger.propagate = old_propagate


def _last_page_fill(page_box: Any) -> float:
    """How much of the last page's height its content (not running heads, not footnotes)
    takes, 0-1."""
    from weasyprint.formatting_structure import boxes

    top, height = page_box.content_box_y(), page_box.height or 1
    bottom = top
    for child in page_box.children:
        if isinstance(child, boxes.MarginBox) or type(child).__name__ == "FootnoteAreaBox":
            continue
        for box in child.descendants():
            if isinstance(box, (boxes.LineBox, boxes.ReplacedBox, boxes.TableBox)):
                bottom = max(bottom, box.position_y + box.margin_height())
    return max(0.0, min(1.0, (bottom - top) / height))


def write_pdf(html: str, base: Path, target: Path | None, settings: PrintSettings,
              found: dict[str, Any] | None = None, content: Path | None = None) -> int:
    """Render `html` to a tagged PDF at `target`; returns the number of pages.

    Without a target the HTML is only laid out, to count its pages (no PDF is written:
    embedding the images and fonts is about a third of the time)."""
    # Imported here, not at module level: loading WeasyPrint costs ~0.5 s, which a
    # rebuild whose PDFs all come from the cache should not pay.
    import weasyprint

    from . import (
        keepall,  # noqa: F401  (installs word-break: keep-all into WeasyPrint)
        tagging,  # noqa: F401  (artifacts and footnotes for PDF/UA-1)
    )
    from .fetch import local_fetcher

    fetcher = local_fetcher(base, *([content] if content else []))

    try:
        with _quiet_weasyprint():
            document = weasyprint.HTML(string=html, base_url=base.as_uri() + "/",
                                       url_fetcher=fetcher).render()
            if found is not None:
                wanted = set(found.get("anchors", ()))
                found["starts"] = {}
                for index, page in enumerate(document.pages):
                    for name in page.anchors:
                        if name in wanted and name not in found["starts"]:
                            found["starts"][name] = index
                found["fill"] = round(_last_page_fill(document.pages[-1]._page_box), 3) \
                    if document.pages else 1.0
            if target is None:
                return len(document.pages)
            target.parent.mkdir(parents=True, exist_ok=True)
            document.write_pdf(target, pdf_variant="pdf/ua-1", dpi=settings.image_dpi,
                               jpeg_quality=settings.jpeg_quality, optimize_images=True)
    except (OSError, ValueError, AssertionError) as exc:
        raise RenderError(M.RENDER_FAILED.format(kind=type(exc).__name__,
                                                 detail=str(exc)[:200])) from exc
    return len(document.pages)


WARN_PPI, ERROR_PPI = 300, 150
PPI_TOLERANCE = 0.98  # images downsampled to 300 ppi come out a pixel or two short


def render_press(issue: Issue, ctx: RenderContext, settings: PrintSettings,
                 inputs: dict[str, Any], articles: Any) -> dict[str, str]:
    """The press PDF (press.py), its preflight report (HTML, JSON) and the vendor's ZIP;
    returns their manifest entries. Cached as one unit like the other PDFs."""
    import shutil
    import tempfile

    from . import press

    rel = paths.pdf_press(issue.id)
    report_html, report_json = paths.press_report(issue.id, "html"), paths.press_report(issue.id, "json")
    package = paths.press_zip(issue.id)
    profile = press.PROFILE
    gs = shutil.which("gs")
    if gs is None:
        raise RenderError(M.PRESS_NO_GHOSTSCRIPT)
    if not profile.is_file():
        raise RenderError(M.PRESS_NO_PROFILE.format(path=profile))

    def produce(tmp: Path) -> dict[str, Any]:
        target = tmp / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".press-", dir=ctx.cache.folder("print-parts")) as w:
            work = Path(w)
            layout = PartLayout(issue, articles(), ctx, settings, large=False, marks=False)
            layout.write(work / "joined.pdf", trim=False)
            first, last, _ = layout.ranges[-1]
            prepared = press.prepare(work / "joined.pdf", work / "prepared.pdf",
                                     settings.pad_to, last - first + 1, settings.ink_limit)
            epoch = calendar.timegm(issue.date.timetuple())
            try:
                press.ghostscript(work / "prepared.pdf", target, profile, epoch)
            except press.PressError as exc:
                raise RenderError(M.PRESS_FAILED.format(detail=str(exc)[:200])) from exc
            title = f"{ctx.site.title} {issue.label} {issue.title} ({M.PRESS_EDITION})"
            press.finish(target, title, issue.date.isoformat())
            report = press.preflight(target, prepared, settings.ink_limit)
        report["file"] = Path(rel).name
        report["profile"] = {"file": str(profile), "package": "libgs-common"}
        for image in report["images"]:
            image.update(_image_source(image, layout.ranges, issue, prepared.padded))
            image["level"] = ("error" if image["ppi"] < ERROR_PPI * PPI_TOLERANCE else
                              "warning" if image["ppi"] < WARN_PPI * PPI_TOLERANCE else "ok")
        (tmp / report_json).write_text(press.report_json(report), "utf-8")
        (tmp / report_html).write_text(_report_html(report, ctx, issue), "utf-8")
        press.write_zip(tmp / package, {Path(rel).name: target,
                                        Path(report_html).name: tmp / report_html,
                                        Path(report_json).name: tmp / report_json})
        return {"pages": report["pages"], "images": [i for i in report["images"]
                                                     if i["level"] != "ok"],
                "problems": report["problems"]}

    # the press PDF always carries its own marks: --print-marks does not change it
    common = {k: v for k, v in inputs.items() if k != "print_marks"}
    data = ctx.unit(rel, {**common, "press": True, "pad_to": settings.pad_to,
                          "ink_limit": settings.ink_limit, "profile": digest(profile.read_bytes()),
                          "ghostscript": _gs_version(gs)}, produce)
    errors = [M.PRESS_TOO_LOW_PPI.format(**image) for image in data.get("images", [])
              if image["level"] == "error"]
    if ctx.options.strict and errors:  # checked on a cached copy too
        raise RenderError("\n".join(errors))
    for image in data.get("images", []):
        ctx.warn(M.PRESS_LOW_PPI.format(**image))
    if data.get("problems"):
        names = sorted({M.PRESS_PROBLEM_NAMES.get(p.split(":")[0], p) for p in data["problems"]})
        ctx.warn(M.PRESS_PROBLEMS.format(problems=", ".join(names), report=report_html))
    ctx.counters["pdf_press_pages"] += int(data.get("pages", 0))
    return {"press": rel, "press_preflight": report_html, "press_preflight_json": report_json,
            "press_zip": package}


def _gs_version(gs: str) -> str:
    import subprocess

    try:
        return subprocess.run([gs, "--version"], capture_output=True, text=True,
                              timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def _image_source(image: dict[str, Any], ranges: list[tuple[int, int, PrintArticle | None]],
                  issue: Issue, padded: int) -> dict[str, str]:
    """The article and file of an image found on a press page (by page and alt text)."""
    page = image["page"]
    if ranges and page > ranges[-1][0] - 1 + padded:
        page -= padded  # the back cover moved behind the blank pages
    for first, last, pa in ranges:
        if first <= page <= last:
            if pa is None:
                refs = [issue.cover] if issue.cover else []
                article = M.PRESS_COVER if first == 1 else M.BACK_TITLE
            else:
                refs, article = pa.article.all_images, pa.article.title
            ref = next((r for r in refs if r.alt == image["alt"]), None)
            return {"article": article, "image": ref.src if ref else image["alt"]}
    return {"article": "", "image": image["alt"]}


def _report_html(report: dict[str, Any], ctx: RenderContext, issue: Issue) -> str:
    """The preflight report for people (Korean), from the same data as the JSON."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ctx.layouts("print")),
                             autoescape=True, undefined=jinja2.StrictUndefined)
    return env.get_template("preflight.html").render(r=report, site=ctx.site, issue=issue, M=M)
