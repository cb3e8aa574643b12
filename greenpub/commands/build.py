"""`greenpub build`: read → gate → render every edition → swap into the output folder."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from rich.console import Console

from .. import messages as M
from ..errors import GreenpubError

NAME = "build"
HELP = "소식지를 모든 형식으로 만듭니다"


def default_jobs() -> int:
    """One task per core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class _FormatsHelp(str):
    """The --formats help lists the installed editions, looked up only when help is shown
    (finding them imports every edition, which a build served from the cache need not do)."""

    def __mod__(self, params: object) -> str:
        from ..editions import format_help

        return f"만들 형식, 쉼표로 구분 (기본: 전부 — {format_help()})"


def add_arguments(b: argparse.ArgumentParser) -> None:
    from . import content_opt

    content_opt(b)
    b.add_argument("--out", default="output", help="출력 폴더 (기본: output)")
    b.add_argument("--issue", action="append", default=[], metavar="YYYY-MM",
                   help="이 호만 만듭니다 (여러 번 쓸 수 있음; 출력 폴더에는 고른 호만 담깁니다)")
    b.add_argument("--formats", default=None, help=_FormatsHelp("%(default)s"))
    b.add_argument("--drafts", action="store_true",
                   help="승인되지 않은 기사도 '검토용' 표시를 달아 만듭니다")
    b.add_argument("--jobs", type=int, default=default_jobs(), help="동시에 만들 작업 수")
    b.add_argument("--force", action="store_true", help="캐시를 쓰지 않고 전부 다시 만듭니다")
    b.add_argument("--cache", default=None, help="캐시 폴더 (기본: 출력 폴더 옆 .greenpub-cache)")
    b.add_argument("--tts", choices=["espeak", "gtts", "auto"], default="espeak",
                   help="음성 합성 엔진 (기본: espeak, 오프라인)")
    b.add_argument("--braille-engine", default=None, help="점역 엔진 (기본: 측정 결과가 가장 좋은 엔진)")
    b.add_argument("--print-marks", action="store_true", help="인쇄소용 재단선과 3mm 도련을 넣습니다")
    b.add_argument("--strict", action="store_true",
                   help="제외되는 기사가 하나라도 있으면 실패(종료 코드 1)로 끝냅니다. 인쇄소용 "
                        "PDF의 그림이 150ppi 미만이면 빌드를 멈춥니다 (최종 인쇄용)")
    b.add_argument("-q", "--quiet", action="store_true", help="진행 상황을 출력하지 않습니다")


def run(args: argparse.Namespace, out: Console, console: Console) -> int:
    from .. import noop
    from ..fsutil import output_lock
    from . import escape

    if args.jobs < 1:
        raise GreenpubError("--jobs는 1 이상이어야 합니다.")
    content, out_dir = Path(args.content), Path(args.out)
    cache_dir = Path(args.cache) if args.cache else out_dir.parent / ".greenpub-cache"
    key = noop.fingerprint(content, {
        "out": str(out_dir.resolve()), "formats": args.formats, "drafts": args.drafts,
        "issues": sorted(args.issue), "tts": args.tts, "braille_engine": args.braille_engine,
        "print_marks": args.print_marks, "strict": args.strict})
    if not args.force:
        with output_lock(out_dir):
            replayed = noop.replay(cache_dir, out_dir, key)
        if replayed is not None:  # nothing changed: no content read, no edition loaded
            if not args.quiet:
                console.print(f"[dim]·[/] {M.NOTHING_CHANGED}")
            return _finish(args, replayed, out_dir, out, console, 0.0)

    from ..editions.base import BuildOptions
    from ..pipeline import Pipeline, parse_formats

    notes: list[str] = []
    formats = parse_formats(args.formats, notes)
    for note in notes:
        console.print(f"[yellow]{M.WARNING}[/] {escape(note)}")
    options = BuildOptions(
        formats=formats, drafts=args.drafts, jobs=args.jobs,
        force=args.force, quiet=args.quiet, tts=args.tts, braille_engine=args.braille_engine,
        print_marks=args.print_marks, issues=tuple(args.issue), strict=args.strict)
    progress = None if args.quiet else (lambda msg: console.print(f"[dim]·[/] {msg}"))
    summary = Pipeline(content, out_dir, options, cache_dir=cache_dir, progress=progress).run()
    from ..editions import output_labels

    result = {"warnings": summary.warnings, "published": summary.published,
              "excluded": [[a.title, str(a.file), reasons] for a, reasons in summary.excluded],
              "labels": output_labels(), "article_labels": output_labels(article=True)}
    noop.record(cache_dir, out_dir, key, result)
    return _finish(args, result, out_dir, out, console, summary.seconds)


def _finish(args: argparse.Namespace, result: dict[str, Any], out_dir: Path, out: Console,
            console: Console, seconds: float) -> int:
    import json

    from . import EXIT_INTERNAL, EXIT_OK, escape

    for w in result["warnings"]:
        console.print(f"[yellow]{M.WARNING}[/] {escape(w)}")
    if not args.quiet:
        print_outputs(json.loads((out_dir / "manifest.json").read_text("utf-8")), out_dir, out,
                      result["labels"], result.get("article_labels") or result["labels"])
    n_ex = 0 if args.drafts else len(result["excluded"])
    console.print(M.BUILD_DONE.format(n_pub=result["published"], n_ex=n_ex, seconds=seconds))
    failed = args.strict and bool(result["excluded"])
    if failed:
        console.print(f"[red]{M.STRICT_FAILED.format(n=len(result['excluded']))}[/]")
    # The excluded articles and their reasons are the last lines an editor reads.
    for title, file, reasons in result["excluded"]:
        label = "검토용 포함" if args.drafts else "제외"
        console.print(f"[yellow]{label}[/] {escape(title)} ({escape(file)})"
                      f" — {escape(', '.join(reasons))}", soft_wrap=True)
    return EXIT_INTERNAL if failed else EXIT_OK


def print_outputs(manifest: dict[str, Any], out_dir: Path, out: Console,
                  labels: dict[str, str], article_labels: dict[str, str]) -> None:
    """Where each file went, with the Korean label its edition declares for the key."""
    from . import escape

    def show(key: str, value: Any, indent: str, names: dict[str, str] = labels) -> None:
        if isinstance(value, str) and key in names:
            out.print(f"{indent}{names[key]:<10} {out_dir / value}")

    for key, value in manifest.get("outputs", {}).items():
        show(key, value, "")
    for issue in manifest["issues"]:
        out.print(f"[bold]{issue['id']}[/] 제{issue['number']}호 {escape(issue['title'])}")
        for key, value in issue["outputs"].items():
            show(key, value, "  ")
        for a in issue["articles"]:
            if a["status"] != "published":
                continue
            out.print(f"  · {escape(a['title'])}")
            for key, value in a["outputs"].items():
                if isinstance(value, list) and value and isinstance(value[0], dict) \
                        and "src" in value[0] and key in labels:
                    out.print(f"      {labels[key]:<10} {len(value)}장: "
                              f"{out_dir / Path(value[0]['src']).parent}/")
                else:
                    show(key, value, "      ", article_labels)
    out.print(f"목록: {out_dir / 'manifest.json'}, 빌드 보고서: {out_dir / 'build-report.json'}")
