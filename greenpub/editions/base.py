"""The one small interface every edition implements.

An edition receives a gated, parsed `Issue` (only the articles it may publish)
and a `RenderContext`; it writes files under `ctx.out` (the staging folder) and
returns the manifest entries for what it wrote. Expensive outputs go through
`ctx.unit(...)` so an unchanged input is copied from the cache, not re-rendered.
"""

from __future__ import annotations

import sys
import time
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from .. import messages as M
from ..cache import BuildCache, CacheStats, code_digest, digest, tree_digest
from ..config import SiteConfig
from ..content.model import Issue
from ..errors import RenderError

ALL = "*"  # in `Edition.needs`: every other edition (the web edition links to them all)


@dataclass(frozen=True)
class OutputSpec:
    """One manifest key an edition writes, as people see it."""

    label: str  # Korean: the CLI summary, the web edition's download links
    note: str | None = None  # a short Korean description beside the web link
    link: bool = False  # the web edition's issue and article pages link to it
    download: bool = True  # the link downloads a file rather than opening a page
    article_label: str | None = None  # for the same key on an article, when it differs


def default_formats() -> tuple[str, ...]:
    """Every installed edition that is built when --formats is not given."""
    from . import registry

    return tuple(name for name, cls in registry().items() if cls.default)


@dataclass(frozen=True)
class BuildOptions:
    formats: tuple[str, ...] = field(default_factory=default_formats)  # edition names
    drafts: bool = False
    jobs: int = 1
    force: bool = False
    quiet: bool = False
    tts: str = "espeak"  # espeak | gtts | auto
    braille_engine: str | None = None  # None: the measured default
    print_marks: bool = False
    strict: bool = False  # problems a print vendor would reject stop the build
    issues: tuple[str, ...] = ()


@dataclass
class Outputs:
    """Manifest entries: issue-level keys and per-article keys (paths relative to out)."""

    issue: dict[str, Any] = field(default_factory=dict)
    articles: dict[str, dict[str, Any]] = field(default_factory=dict)

    def article(self, slug: str) -> dict[str, Any]:
        return self.articles.setdefault(slug, {})


@dataclass
class EditionResult:
    edition: str
    issue_id: str | None
    outputs: Outputs
    warnings: list[str]
    counters: dict[str, int]
    cache: CacheStats
    seconds: float


@dataclass
class RenderContext:
    site: SiteConfig
    out: Path  # the staging folder: write here only
    project: Path  # where layouts/ and assets/ live
    options: BuildOptions
    cache: BuildCache
    # outputs of the editions rendered before this one, by issue id:
    # {"<issue>": {"outputs": {...}, "articles": {"<slug>": {...}}}}
    manifest: dict[str, Any] = field(default_factory=dict)
    all_issues: list[Issue] = field(default_factory=list)  # for site-wide pages
    edition: str = ""
    part: str = ""  # which of the edition's parts() to render; "" = all of them
    code_root: Path | None = None  # the rendering edition's package folder
    warnings: list[str] = field(default_factory=list)
    counters: Counter = field(default_factory=Counter)  # type: ignore[type-arg]
    stats: CacheStats = field(default_factory=CacheStats)

    @property
    def drafts(self) -> bool:
        return self.options.drafts

    def layouts(self, name: str | None = None) -> Path:
        return self.project / "layouts" / (name or self.edition)

    def layout_digest(self, name: str | None = None) -> str:
        return tree_digest(self.layouts(name))

    def settings_digest(self, *sections: str, lexicon: bool = False) -> str:
        """Digest of what every edition may print about the site, plus the named edition
        blocks (and the lexicon, for editions that read it) — and nothing else."""
        return digest([self.site.section(s) for s in sections], self.site.identity(),
                      self.site.lexicon if lexicon else None)

    def url(self, rel: str) -> str:
        return self.site.url(rel)

    def write_bytes(self, rel: str, data: bytes) -> str:
        path = self.out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return rel

    def write_text(self, rel: str, text: str) -> str:
        return self.write_bytes(rel, text.encode("utf-8"))

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def has_format(self, name: str) -> bool:
        return name in self.options.formats

    def unit(self, unit_id: str, inputs: dict[str, Any],
             produce: Callable[[Path], dict[str, Any] | None]) -> dict[str, Any]:
        """Render one cached unit; `inputs` name what it is made from. The edition's own
        code and layouts are added here, so no unit can forget them."""
        inputs = {**inputs, "drafts": self.options.drafts,
                  "edition_code": code_digest(self.code_root) if self.code_root else None,
                  "edition_layout": self.layout_digest() if self.layouts().is_dir() else None}
        # drafts (the preview, the review desk) and release builds keep separate entries
        key = unit_id + ("#drafts" if self.options.drafts else "")
        return self.cache.unit(self.edition, key, inputs, self.out, produce, self.stats)

    def issue_entry(self, issue_id: str) -> dict[str, Any]:
        return self.manifest.get(issue_id, {"outputs": {}, "articles": {}})


class Edition(ABC):
    """One output format, declaring everything about itself.

    An edition is its own package plus one line under
    `[project.entry-points."greenpub.editions"]` in pyproject.toml; nothing else in
    greenpub spells its name.
    """

    name: ClassVar[str]  # the --formats key, the site.yaml block and the layouts/ folder
    title: ClassVar[str]  # Korean name: progress output, the print back page
    aliases: ClassVar[tuple[str, ...]] = ()  # old --formats spellings, accepted with a warning
    outputs: ClassVar[dict[str, OutputSpec]] = {}  # the manifest keys it writes
    needs: ClassVar[tuple[str, ...]] = ()  # editions whose outputs it reads (ALL: every other)
    settings_model: ClassVar[type | None] = None  # pydantic model of its site.yaml block
    default: ClassVar[bool] = True  # built when --formats is not given (False: opt-in)
    part_titles: ClassVar[dict[str, str]] = {}  # Korean names of parts(), for progress output

    @abstractmethod
    def render(self, issue: Issue, ctx: RenderContext) -> Outputs:
        """Write this edition's files for one issue; return manifest entries."""

    def render_site(self, issues: list[Issue], ctx: RenderContext) -> Outputs | None:
        """Optional site-wide outputs (index, feed) after every issue is rendered."""
        return None

    @classmethod
    def has_site(cls) -> bool:
        return cls.render_site is not Edition.render_site

    def parts(self, issue: Issue) -> tuple[str, ...]:
        """Independent parts of one issue's output that may render in parallel processes
        (e.g. the standard and the large-print PDF); `render` reads `ctx.part`."""
        return ("",)

    def check(self, issues: list[Issue], site: SiteConfig, project: Path) -> list[Any]:
        """Optional checks for `greenpub check` (every article, before any build): the
        GreenpubErrors (file + line) a build of this edition would stop with."""
        return []

    def wants(self, ctx: RenderContext, part: str) -> bool:
        return ctx.part in ("", part)


def _template_error(exc: BaseException) -> RenderError | None:
    """A Jinja error in a (possibly overridden) layout, as a Korean error naming its line."""
    jinja2 = sys.modules.get("jinja2")
    if jinja2 is None or not isinstance(exc, jinja2.TemplateError):
        return None
    file = getattr(exc, "filename", None)
    line = getattr(exc, "lineno", None)
    tb = exc.__traceback__
    while tb is not None:  # jinja rewrites frames to point at the template's lines
        name = tb.tb_frame.f_code.co_filename
        if name.endswith((".html", ".xml", ".j2", ".css", ".txt")):
            file, line = name, tb.tb_lineno
        tb = tb.tb_next
    return RenderError(M.TEMPLATE_ERROR.format(detail=getattr(exc, "message", None) or exc),
                       file, line)


def run_edition(edition: Edition, issue: Issue | None, ctx: RenderContext,
                part: str = "") -> EditionResult:
    ctx.edition = edition.name
    ctx.part = part
    ctx.code_root = Path(sys.modules[type(edition).__module__].__file__ or ".").parent
    start = time.perf_counter()
    try:
        if issue is None:
            outputs = edition.render_site(ctx.all_issues, ctx) or Outputs()
        else:
            outputs = edition.render(issue, ctx)
    except Exception as exc:
        template_error = _template_error(exc)
        if template_error is None:
            raise
        raise template_error from None
    return EditionResult(edition.name, issue.id if issue else None, outputs, ctx.warnings,
                         dict(ctx.counters), ctx.stats, time.perf_counter() - start)
