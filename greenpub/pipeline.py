"""The build pipeline: read -> validate & gate -> render each edition -> write atomically.

Every edition renders into a staging folder; only when all succeed is the
staging folder swapped in for the output folder, so a failed build leaves the
previous output untouched. Independent (edition, issue) tasks run in parallel
processes with --jobs; the web edition runs last because it links to the rest.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
import time
from collections.abc import Callable
from concurrent.futures import CancelledError, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import GENERATOR, editions
from .cache import BuildCache, CacheStats
from .config import SiteConfig
from .content.model import Article, Issue
from .content.reader import read_content
from .editions.base import BuildOptions, EditionResult, RenderContext, default_formats, run_edition
from .errors import ContentErrors, GreenpubError
from .fsutil import new_staging_dir, output_lock, swap_in
from .overrides import project_root
from .review import Decision, decide

Progress = Callable[[str], None]
Task = tuple[str, "Issue | None", str]  # (edition, issue or None for site-wide, part)


@dataclass
class GateResult:
    """What the gate decided, per issue: the issue handed to editions and every decision."""

    issue: Issue  # articles filtered to the ones that may be published (all with --drafts)
    decisions: list[Decision]


@dataclass
class BuildSummary:
    out: Path
    manifest: dict[str, Any]
    report: dict[str, Any]
    excluded: list[tuple[Article, list[str]]]
    warnings: list[str]
    seconds: float

    @property
    def published(self) -> int:
        return sum(a["status"] == "published" for i in self.manifest["issues"]
                   for a in i["articles"])


def gate(config: SiteConfig, issues: list[Issue], drafts: bool) -> list[GateResult]:
    results = []
    for issue in issues:
        decisions = [decide(a, config) for a in issue.articles]
        if drafts:
            articles = [dataclasses.replace(d.article, draft=not d.publishable,
                                            draft_reasons=tuple(d.reasons),
                                            draft_changes=d.diff.to_dict() if d.diff else None)
                        for d in decisions]
        else:
            articles = [d.article for d in decisions if d.publishable]
        results.append(GateResult(dataclasses.replace(issue, articles=articles), decisions))
    return results


def parse_formats(value: str | None, warnings: list[str] | None = None) -> tuple[str, ...]:
    """Edition names for a --formats value (all installed editions when empty).

    An old spelling is accepted; its deprecation warning is appended to `warnings`.
    """
    if not value:
        return default_formats()
    wanted: list[str] = []
    for word in (v.strip() for v in value.split(",")):
        if not word:
            continue
        name, warning = editions.resolve(word)
        if warning and warnings is not None:
            warnings.append(warning)
        if name not in wanted:
            wanted.append(name)
    return tuple(wanted)


TASK_TIMES = "task-times.json"


def _task_key(name: str, issue: Issue | None, part: str) -> str:
    return f"{name}|{issue.id if issue else '*'}|{part}"


def _task(name: str, issue: Issue | None, part: str, ctx: RenderContext) -> EditionResult:
    return run_edition(editions.load(name), issue, ctx, part)


class Pipeline:
    def __init__(self, content: Path, out: Path, options: BuildOptions,
                 cache_dir: Path | None = None, project: Path | None = None,
                 progress: Progress | None = None):
        """`project`: the folder holding `layouts/` (default: the shipped layouts with the
        content folder's `layouts/` overrides on top)."""
        self.content = content
        self.out = out
        self.options = options
        self.cache = BuildCache(cache_dir or out.parent / ".greenpub-cache", options.force)
        self.project = project or project_root(content, self.cache.root)
        self.progress = progress or (lambda msg: None)
        self.timings: dict[str, float] = {}
        self.task_times: dict[str, float] = {}
        self.workers = 1  # the most processes any wave ran at once

    def _timed(self, stage: str, start: float) -> None:
        self.timings[stage] = round(self.timings.get(stage, 0) + time.perf_counter() - start, 4)

    def run(self) -> BuildSummary:
        t0 = time.perf_counter()
        with output_lock(self.out):
            # 1. read
            t = time.perf_counter()
            self.progress("원고 읽는 중…")
            config, issues = read_content(self.content, list(self.options.issues) or None)
            self._timed("read", t)
            # 2. validate & gate
            t = time.perf_counter()
            gated = gate(config, issues, self.options.drafts)
            self._timed("gate", t)
            # 3. render each edition into a staging folder
            staging = new_staging_dir(self.out)
            try:
                results = self.render(config, gated, staging)
                manifest = self.manifest(gated, results)
                report = self.report(gated, results, t0)
                (staging / "manifest.json").write_text(
                    json.dumps(manifest, ensure_ascii=False, indent=2), "utf-8")
                (staging / "build-report.json").write_text(
                    json.dumps(report, ensure_ascii=False, indent=2), "utf-8")
                # 4. write atomically
                swap_in(staging, self.out)
                self._save_times()
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise
        excluded = [(d.article, d.reasons) for g in gated for d in g.decisions
                    if not d.publishable]
        return BuildSummary(out=self.out, manifest=manifest, report=report, excluded=excluded,
                            warnings=report["warnings"], seconds=time.perf_counter() - t0)

    # -- rendering -------------------------------------------------------------
    def render(self, config: SiteConfig, gated: list[GateResult],
               staging: Path) -> list[EditionResult]:
        """Editions in waves: each wave reads the manifest entries of the waves before it."""
        formats = self.options.formats or parse_formats(None)
        issues = [g.issue for g in gated]
        results: list[EditionResult] = []
        for wave in editions.waves(formats):
            manifest = self._outputs_by_issue(results)

            def ctx(manifest: dict[str, Any] = manifest) -> RenderContext:
                return RenderContext(site=config, out=staging, project=self.project,
                                     options=self.options, cache=self.cache,
                                     manifest=manifest, all_issues=issues)

            tasks: list[Task] = [(name, i, part) for name in wave for i in issues
                                 for part in editions.load(name).parts(i)]
            results += self._run_tasks(tasks, ctx)
            # site-wide outputs (the web index, the podcast feed) after every issue, with
            # this wave's issue outputs too
            site: list[Task] = [(name, None, "") for name in wave
                                if editions.registry()[name].has_site()]
            done = self._outputs_by_issue(results)

            def site_ctx(done: dict[str, Any] = done) -> RenderContext:
                return ctx(done)

            results += self._run_tasks(site, site_ctx)
        return results

    def _run_tasks(self, tasks: list[Task],
                   make_ctx: Callable[[], RenderContext]) -> list[EditionResult]:
        results: list[EditionResult] = []
        if not tasks:
            return results
        jobs = max(1, min(self.options.jobs, len(tasks)))
        self.workers = max(self.workers, jobs)
        loaded = {name: editions.load(name) for name, _, _ in tasks}

        def label(name: str, issue: Issue | None, part: str) -> str:
            e = loaded[name]
            where = [issue.id if issue else "전체", e.part_titles.get(part, "")]
            return f"{e.title} ({', '.join(w for w in where if w)})"

        if jobs == 1:
            for name, issue, part in tasks:
                self.progress(f"{label(name, issue, part)} 만드는 중…")
                results.append(_task(name, issue, part, make_ctx()))
        else:
            # Longest task first (times of the previous build; new tasks count as long),
            # so a slow PDF or audio task does not start last and leave a core idle.
            past = self._past_times()
            order = sorted(range(len(tasks)),
                           key=lambda k: -past.get(_task_key(*tasks[k]), float("inf")))
            errors: list[GreenpubError] = []
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                futures = {pool.submit(_task, *tasks[k], make_ctx()): k for k in order}
                done: dict[int, EditionResult] = {}
                for fut in as_completed(futures):
                    k = futures[fut]
                    try:
                        done[k] = fut.result()
                    except CancelledError:
                        continue
                    except GreenpubError as exc:  # every failing task is reported...
                        errors.extend(exc.errors if isinstance(exc, ContentErrors) else [exc])
                        for other in futures:  # ...and the ones not started are cancelled
                            other.cancel()
                        continue
                    except BaseException:
                        for other in futures:
                            other.cancel()
                        raise
                    self.progress(f"{label(*tasks[k])} 완료")
            if errors:
                unique = list({e.format(): e for e in errors}.values())
                raise unique[0] if len(unique) == 1 else ContentErrors(unique)
            results = [done[k] for k in range(len(tasks))]  # canonical order: same report
        for (name, issue, part), r in zip(tasks, results):
            key = f"edition:{r.edition}"
            self.timings[key] = round(self.timings.get(key, 0) + r.seconds, 4)
            self.task_times[_task_key(name, issue, part)] = round(r.seconds, 3)
        return results

    def _past_times(self) -> dict[str, float]:
        try:
            data = json.loads((self.cache.root / TASK_TIMES).read_text("utf-8"))
            return {str(k): float(v) for k, v in data.items()}
        except (OSError, ValueError, AttributeError, TypeError):
            return {}

    def _save_times(self) -> None:
        try:
            self.cache.root.mkdir(parents=True, exist_ok=True)
            (self.cache.root / TASK_TIMES).write_text(json.dumps(self.task_times, indent=1),
                                                      "utf-8")
        except OSError:
            pass  # only a scheduling hint

    @staticmethod
    def _outputs_by_issue(results: list[EditionResult]) -> dict[str, Any]:
        merged: dict[str, Any] = {}
        for r in results:
            if r.issue_id is None:
                continue
            entry = merged.setdefault(r.issue_id, {"outputs": {}, "articles": {}})
            entry["outputs"].update(r.outputs.issue)
            for slug, outs in r.outputs.articles.items():
                entry["articles"].setdefault(slug, {}).update(outs)
        return merged

    # -- manifest and report ---------------------------------------------------
    def manifest(self, gated: list[GateResult], results: list[EditionResult]) -> dict[str, Any]:
        by_issue = self._outputs_by_issue(results)
        site_outputs: dict[str, Any] = {}
        for r in results:
            if r.issue_id is None:
                site_outputs.update(r.outputs.issue)
        issues = []
        for g in gated:
            outs = by_issue.get(g.issue.id, {"outputs": {}, "articles": {}})
            published = {a.slug for a in g.issue.articles}
            articles = []
            for d in g.decisions:
                a = d.article
                status = "published" if (d.publishable or self.options.drafts) else "excluded"
                articles.append({
                    "slug": a.slug,
                    "file": _rel(a.file, self.content),
                    "title": a.title,
                    "hash": a.hash,
                    "status": status,
                    "draft": not d.publishable and self.options.drafts,
                    "reasons": d.reasons,
                    "outputs": outs["articles"].get(a.slug, {}) if a.slug in published else {},
                })
            issues.append({
                "id": g.issue.id, "number": g.issue.number, "title": g.issue.title,
                "date": g.issue.date.isoformat(), "outputs": outs["outputs"],
                "articles": articles,
            })
        return {"generator": GENERATOR,
                "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "drafts": self.options.drafts, "formats": list(self.options.formats),
                "outputs": site_outputs, "issues": issues}

    def report(self, gated: list[GateResult], results: list[EditionResult],
               t0: float) -> dict[str, Any]:
        stats = CacheStats()
        counters: dict[str, int] = {}
        warnings: list[str] = []
        for g in gated:
            for d in g.decisions:
                warnings.extend(d.article.warnings)
        for r in results:
            stats.hits += r.cache.hits
            stats.misses += r.cache.misses
            stats.records.extend(r.cache.records)
            for k, v in r.counters.items():
                counters[k] = counters.get(k, 0) + v
            warnings.extend(r.warnings)
        rebuilt = [dataclasses.asdict(rec) for rec in stats.records if rec.status == "built"]
        return {
            "generator": GENERATOR,
            "seconds": round(time.perf_counter() - t0, 3),
            "jobs": self.options.jobs,
            "workers": self.workers,
            "timings": self.timings,
            "cache": {"hits": stats.hits, "misses": stats.misses},
            "counters": counters,
            "rebuilt": rebuilt,
            "excluded": [{"file": _rel(d.article.file, self.content), "reasons": d.reasons}
                         for g in gated for d in g.decisions if not d.publishable],
            "warnings": list(dict.fromkeys(warnings)),
        }


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)

