"""The one small interface every edition implements.

An edition receives a gated, parsed `Issue` (only the articles it may publish)
and a `RenderContext`; it writes files under `ctx.out` (the staging folder) and
returns the manifest entries for what it wrote. Expensive outputs go through
`ctx.unit(...)` so an unchanged input is copied from the cache, not re-rendered.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, ClassVar

from ..cache import BuildCache, CacheStats, digest, tree_digest
from ..config import SiteConfig
from ..content.model import Issue

FORMATS = ("web", "cards", "pdf", "braille", "audio")


@dataclass(frozen=True)
class BuildOptions:
    formats: tuple[str, ...] = FORMATS
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
    warnings: list[str] = field(default_factory=list)
    counters: Counter = field(default_factory=Counter)  # type: ignore[type-arg]
    stats: CacheStats = field(default_factory=CacheStats)

    @property
    def drafts(self) -> bool:
        return self.options.drafts

    def layouts(self, name: str | None = None) -> Path:
        return self.project / "layouts" / (name or self.edition)

    def assets(self) -> Path:
        return self.project / "assets"

    def layout_digest(self, name: str | None = None) -> str:
        return tree_digest(self.layouts(name), self.assets() / "fonts.yaml")

    def settings_digest(self, *sections: str) -> str:
        """Digest of the site settings every edition may print, plus its own sections."""
        return digest([self.site.section(s) for s in sections], self.site.title,
                      self.site.publisher, self.site.base_url, self.site.contact,
                      self.site.description, self.site.language, self.site.lexicon)

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
        """Render one cached unit; `inputs` name what it is made from."""
        inputs = {**inputs, "drafts": self.options.drafts}
        return self.cache.unit(self.edition, unit_id, inputs, self.out, produce, self.stats)

    def issue_entry(self, issue_id: str) -> dict[str, Any]:
        return self.manifest.get(issue_id, {"outputs": {}, "articles": {}})


class Edition(ABC):
    """One output format. Subclasses set `name` (the --formats key) and `render`."""

    name: ClassVar[str]
    title: ClassVar[str]  # Korean name shown in progress output
    part_titles: ClassVar[dict[str, str]] = {}  # Korean names of parts(), for progress output

    @abstractmethod
    def render(self, issue: Issue, ctx: RenderContext) -> Outputs:
        """Write this edition's files for one issue; return manifest entries."""

    def render_site(self, issues: list[Issue], ctx: RenderContext) -> Outputs | None:
        """Optional site-wide outputs (index, feed) after every issue is rendered."""
        return None

    def parts(self, issue: Issue) -> tuple[str, ...]:
        """Independent parts of one issue's output that may render in parallel processes
        (e.g. the standard and the large-print PDF); `render` reads `ctx.part`."""
        return ("",)

    def wants(self, ctx: RenderContext, part: str) -> bool:
        return ctx.part in ("", part)


def run_edition(edition: Edition, issue: Issue | None, ctx: RenderContext,
                part: str = "") -> EditionResult:
    ctx.edition = edition.name
    ctx.part = part
    start = time.perf_counter()
    if issue is None:
        outputs = edition.render_site(ctx.all_issues, ctx) or Outputs()
    else:
        outputs = edition.render(issue, ctx)
    return EditionResult(edition.name, issue.id if issue else None, outputs, ctx.warnings,
                         dict(ctx.counters), ctx.stats, time.perf_counter() - start)
