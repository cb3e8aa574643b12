"""The braille edition: BRF and PEF for embossers and braille displays, a check
report where the two engines disagree, and a page-by-page preview for proofreading.

    print blocks --preprocess--> engine --> layout (pages) --> BRF, PEF, preview
                                  \\--> second engine --> check report
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ... import paths
from ...cache import digest, tree_digest
from ...content.model import Issue
from ..base import Edition, Outputs, OutputSpec, RenderContext
from . import messages as M
from .brf import brf_bytes
from .crosscheck import Difference, cross_check
from .engines import (
    ACCEPTED_RATE,
    BLANK,
    MEASURED,
    BrailleEngine,
    available_engines,
    default_engine,
    load_engine,
)
from .layout import CONTINUATION, Book, Layout, Production, lay_out_issue
from .pef import pef_bytes
from .settings import BrailleSettings
from .transcribe import Transcriber, translate

__all__ = ["BrailleEdition", "BrailleEngine", "BrailleSettings", "available_engines",
           "braille_text", "default_engine", "load_engine", "render_book"]

_CODE = Path(__file__).parent


def braille_text(lines: Iterable[str], engine: str | None = None) -> Iterator[str]:
    """Unicode braille of each line (one paragraph each), unpaginated.

    Used by `build.py braille-text`; the same preprocessing as the edition.
    """
    chosen = load_engine(engine or default_engine())
    for line in lines:
        yield translate(chosen, line.rstrip("\r\n"))


# Left off the 일러두기 page: punctuation every braille reader knows.
COMMON_PUNCTUATION = frozenset(".,?!“”‘’()")


def render_book(issue: Issue, engine: BrailleEngine, settings: BrailleSettings,
                site_title: str, publisher: str, drafts: bool,
                print_pages: dict[str, int] | None = None) -> tuple[Book, Transcriber]:
    """Lay out an issue in braille pages with `engine` (no files written)."""
    tr = Transcriber(engine)

    def number(n: int) -> str:
        return translate(engine, str(n))

    def symbols() -> list[tuple[str, str]]:
        used = sorted(tr.used.values(), key=lambda e: (int(e.rule), e.print, e.context))
        seen: dict[str, list[str]] = {}
        for e in used:
            if e.print in COMMON_PUNCTUATION and not e.context:
                continue  # every reader knows these; the page lists the special ones
            if e.context != "repeat" and e.cells not in seen.setdefault(e.name, []):
                seen[e.name].append(e.cells)
        # the name in braille, then the cells as they stand in the text
        return [(name, BLANK.join(cells)) for name, cells in seen.items()]

    layout = Layout(tr, number, settings.cells_per_line, settings.lines_per_page)
    production = Production(settings.agency, settings.volume_pages, settings.interpoint)
    return lay_out_issue(issue, layout, site_title, publisher, drafts, production,
                         print_pages, symbols), tr


def _issue_digest(issue: Issue) -> str:
    return digest(issue.id, issue.number, str(issue.date), issue.title, issue.note_md,
                  [(a.slug, a.order, a.hash, a.draft) for a in issue.articles])


class BrailleEdition(Edition):
    name = "braille"
    title = "점자판"
    outputs = {
        "braille_preview": OutputSpec("점자 미리보기", "점역 교정용", link=True, download=False),
        "brf": OutputSpec("점자 파일(BRF)", "점자 프린터·점자정보단말기용", link=True),
        "pef": OutputSpec("점자 파일(PEF)", "국제 표준 점자 형식", link=True),
        "braille_check": OutputSpec("점역 교차 검증"),
    }
    settings_model = BrailleSettings
    needs = ("print",)  # the print page where each article starts (print-page indicator)

    def render(self, issue: Issue, ctx: RenderContext) -> Outputs:
        settings = BrailleSettings.from_site(ctx.site)
        engine = load_engine(ctx.options.braille_engine or settings.engine or default_engine())
        others = [load_engine(n) for n in available_engines() if n != engine.name]
        rel = {"brf": paths.brf(issue.id), "pef": paths.pef(issue.id),
               "braille_check": paths.braille_check(issue.id),
               "braille_preview": paths.braille_preview(issue.id)}
        inputs = {
            "issue": _issue_digest(issue),
            "print_pages": print_pages(ctx, issue),
            "engines": [engine.version()] + [o.version() for o in others],
            "settings": ctx.settings_digest("braille"),
            "layout": ctx.layout_digest(),
            "code": tree_digest(_CODE),
        }

        def produce(tmp: Path) -> dict[str, Any]:
            return _produce(issue, ctx, settings, engine, others, rel, tmp)

        data = ctx.unit(f"braille-{issue.id}", inputs, produce)
        exact, total = MEASURED.get(engine.name, (0, 0))
        if total and exact / total < ACCEPTED_RATE:
            ctx.warn(M.ENGINE_ACCURACY.format(engine=engine.name, exact=exact, total=total,
                                              rate=exact / total))
        for symbol, where in data.get("dropped", {}).items():
            ctx.warn(M.DROPPED_SYMBOL.format(symbol=symbol, code=f"U+{ord(symbol):04X}",
                                             where=", ".join(where[:3])))
        if data.get("missing_other"):
            ctx.warn(M.CHECK_ENGINE_MISSING.format(name=data["missing_other"]))
        if data.get("differences"):
            ctx.warn(M.CHECK_DIFFERS.format(n=data["differences"], report=rel["braille_check"]))
        ctx.counters["braille_pages"] += data.get("pages", 0)
        ctx.counters["braille_differences"] += data.get("differences", 0)
        outputs = Outputs(issue=dict(rel))
        for slug, page in data.get("starts", {}).items():
            outputs.article(slug)["braille_page"] = page
        return outputs


def _gap_counts(differences: list[Difference]) -> list[tuple[str, str, int]]:
    """(description, rule, paragraphs) per known liblouis gap among the differences."""
    counts: dict[tuple[str, str], int] = {}
    for d in differences:
        for gap in {g.id: g for g in d.gaps}.values():
            key = (gap.description, gap.rule)
            counts[key] = counts.get(key, 0) + 1
    return [(desc, rule, n) for (desc, rule), n in counts.items()]


def locator(book: Book) -> Callable[[str], str]:
    """Braille of a paragraph -> '1권 12쪽 5줄', where its first line stands."""
    index: list[tuple[int, int, int, str]] = []
    for vol, (first, last) in enumerate(book.volumes or [(1, len(book.pages))], 1):
        for page in range(first, last + 1):
            for n, line in enumerate(book.pages[page - 1][1:], 2):
                if line.strip(BLANK):
                    index.append((vol, page, n, line.strip(BLANK).removesuffix(CONTINUATION)))

    def locate(braille: str) -> str:
        for vol, page, n, line in index:
            if braille.startswith(line) and len(line) >= min(len(braille), 3):
                return M.LOCATION.format(volume=vol, page=page, line=n)
        return ""
    return locate


def print_pages(ctx: RenderContext, issue: Issue) -> dict[str, int]:
    """The print edition's first page of each article, when the print edition ran
    before this one and recorded it in the manifest (`print_page`)."""
    articles = ctx.issue_entry(issue.id).get("articles", {})
    return {slug: int(outs["print_page"]) for slug, outs in articles.items()
            if isinstance(outs, dict) and str(outs.get("print_page", "")).isdigit()}


def pef_identifier(issue: Issue, drafts: bool) -> str:
    """Distinct per edition (braille, not the print's), and per draft build: a draft's
    identifier carries the digest of the content it was made from."""
    base = f"urn:green-seogu:{issue.id}:braille"
    return f"{base}:draft-{_issue_digest(issue)[:12]}" if drafts else base


def _line_of(path: Path | None, symbol: str) -> int:
    """The first line of `path` holding `symbol` (1-based), 0 when not found."""
    try:
        lines = path.read_text("utf-8").splitlines() if path else []
    except OSError:  # pragma: no cover - the file was read moments ago
        return 0
    return next((n for n, line in enumerate(lines, 1) if symbol in line), 0)


def _locate(issue: Issue, symbol: str, where: str) -> str:
    """"기사 '제목' x.md 12행" for a symbol seen in the paragraph `where`."""
    for article in issue.articles:
        if where == article.title or where.startswith(article.title + " "):
            line = _line_of(article.file, symbol)
            return (M.WHERE_LINE.format(title=article.title, file=article.file.name, line=line)
                    if line else M.WHERE_ARTICLE.format(title=article.title))
    if where.startswith(M.NOTE_TITLE) and issue.file is not None:
        line = _line_of(issue.file, symbol)
        if line:
            return M.WHERE_LINE.format(title=M.NOTE_TITLE, file=issue.file.name, line=line)
    return where


def _produce(issue: Issue, ctx: RenderContext, settings: BrailleSettings,
             engine: BrailleEngine, others: list[BrailleEngine], rel: dict[str, str],
             tmp: Path) -> dict[str, Any]:
    book, tr = render_book(issue, engine, settings, ctx.site.title, ctx.site.publisher,
                           ctx.drafts, print_pages(ctx, issue))

    def write(key: str, data: bytes) -> None:
        path = tmp / rel[key]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    write("brf", brf_bytes(book.pages))
    title = f"{ctx.site.title} {issue.label}" + (f" ({M.DRAFT})" if ctx.drafts else "")
    write("pef", pef_bytes(book.pages, cols=settings.cells_per_line,
                           rows=settings.lines_per_page, title=title,
                           identifier=pef_identifier(issue, ctx.drafts), date=issue.date,
                           language=ctx.site.language or "ko", publisher=ctx.site.publisher,
                           creator=settings.agency or ctx.site.publisher,
                           source=f"urn:green-seogu:{issue.id}:print",
                           volumes=book.volumes, duplex=settings.interpoint))
    units = list(tr.units.values())
    other = others[0] if others else None
    differences: list[Difference] = cross_check(units, other, locator(book)) if other else []
    env = Environment(loader=FileSystemLoader(str(ctx.layouts("braille"))),
                      autoescape=select_autoescape(["html"]), undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)

    def link(from_key: str, target: str) -> str:
        return paths.relative(rel[from_key], target)

    common = {"site": ctx.site, "issue": issue, "drafts": ctx.drafts, "M": M,
              "engine": engine, "other": other}
    write("braille_preview", env.get_template("preview.html").render(
        **common, title=M.PREVIEW_TITLE.format(title=ctx.site.title, label=issue.label),
        pages=book.pages, starts=book.starts, titles=book.titles,
        settings=settings, brf=link("braille_preview", rel["brf"]),
        pef=link("braille_preview", rel["pef"]),
        check=link("braille_preview", rel["braille_check"]),
        home=link("braille_preview", paths.web_issue(issue.id))).encode("utf-8"))
    dropped = {symbol: list(dict.fromkeys(_locate(issue, symbol, w) for w in where))
               for symbol, where in tr.dropped.items()}
    write("braille_check", env.get_template("check.html").render(
        **common, title=M.CHECK_TITLE.format(title=ctx.site.title, label=issue.label),
        differences=differences, checked=len(units),
        known=[d for d in differences if d.gaps],
        known_counts=_gap_counts(differences),
        changes=[(u.where, u.text, c) for u in units for c in u.changes],
        confirm=sorted((e for e in tr.used.values() if e.status == "confirm"),
                       key=lambda e: e.print),
        unknown=dropped, code=lambda ch: f"U+{ord(ch):04X}",
        preview=link("braille_check", rel["braille_preview"])).encode("utf-8"))
    return {"pages": len(book.pages), "differences": len(differences),
            "dropped": dropped,
            "engine": engine.name,
            "missing_other": "" if other else "/".join(
                n for n in ("braillify", "liblouis") if n != engine.name),
            "starts": {k: v for k, v in book.starts.items()
                       if k != "note" and not k.startswith(("title", "contents", "guide"))}}
