"""`greenpub check`: validate the content and show the review status."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from rich.console import Console

from .. import messages as M

NAME = "check"
HELP = "원고를 검사하고 검토 현황을 보여 줍니다"


def add_arguments(c: argparse.ArgumentParser) -> None:
    from . import content_opt

    content_opt(c)
    c.add_argument("--json", action="store_true", help="결과를 JSON으로 출력합니다")


def run(args: argparse.Namespace, out: Console, console: Console) -> int:
    from ..content.reader import read_content
    from ..errors import ContentErrors, GreenpubError
    from ..pipeline import gate
    from . import EXIT_INPUT, escape

    content = Path(args.content)
    try:
        config, issues = read_content(content)
        problems = edition_checks(content, config, issues)
        if problems:
            raise ContentErrors(problems)
    except (ContentErrors, GreenpubError) as exc:
        errors = exc.errors if isinstance(exc, ContentErrors) else [exc]
        if args.json:
            print(json.dumps({"ok": False, "errors": [
                {"file": e.file, "line": e.line, "message": e.message} for e in errors],
                "issues": []}, ensure_ascii=False, indent=2))
        else:
            for e in errors:
                console.print(f"[bold red]오류[/] {escape(e.format())}")
        return EXIT_INPUT
    gated = gate(config, issues, drafts=False)
    warnings = [w for i in issues for w in i.warnings] + \
        [w for i in issues for a in i.articles for w in a.warnings]
    from ..desk.audit import unlogged_warnings  # decisions the review desk did not record

    warnings += unlogged_warnings(content, issues)
    if args.json:
        data = {"ok": True, "errors": [], "warnings": warnings,
                "issues": [{"id": g.issue.id, "articles": [
                    {"slug": d.article.slug, "file": str(d.article.file), "hash": d.article.hash,
                     "publishable": d.publishable, "reasons": d.reasons, "changes": d.changes,
                     "checkpoints": {s.checkpoint.id: s.label for s in d.states}}
                    for d in g.decisions]} for g in gated]}
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    for w in warnings:
        console.print(f"[yellow]{M.WARNING}[/] {escape(w)}")
    status_table(config, gated, out)
    pending = sum(1 for g in gated for d in g.decisions if not d.publishable)
    out.print(f"검사 통과: 오류 없음. 발행 대기 기사 {pending}편." if pending else
              "검사 통과: 오류 없음. 모든 기사가 발행 가능합니다.")
    return 0


def edition_checks(content: Path, config: Any, issues: list[Any]) -> list[Any]:
    """Every installed edition's own checks (e.g. a card slide that will not fit), each a
    GreenpubError naming the field and line, with the layouts a build would use."""
    import tempfile

    from ..editions import registry
    from ..overrides import project_root

    with tempfile.TemporaryDirectory(prefix="greenpub-check-") as tmp:
        project = project_root(content, Path(tmp))
        return [e for cls in registry().values() for e in cls().check(issues, config, project)]


def status_table(config: Any, gated: list[Any], out: Console) -> None:
    from rich.table import Table

    from . import escape

    for g in gated:
        table = Table(title=f"{g.issue.id} 제{g.issue.number}호 검토 현황", show_lines=False)
        table.add_column("기사", overflow="fold")
        for cp in config.checkpoints:
            table.add_column(cp.label)
        table.add_column("발행")
        for d in g.decisions:
            cells = []
            for s in d.states:
                style = "green" if s.ok else ("red" if s.blocks or s.entry and s.entry.status.value
                                              in ("rejected", "changes-requested") or s.stale
                                              else "yellow")
                cells.append(f"[{style}]{escape(s.label)}[/]")
            verdict = "[green]가능[/]" if d.publishable else "[red]제외[/]"
            table.add_row(escape(d.article.title), *cells, verdict)
        out.print(table)
        for d in g.decisions:
            if not d.publishable:
                out.print(f"  {escape(d.article.title)} ({d.article.file.name}): "
                          f"{escape(', '.join(d.reasons))}")
