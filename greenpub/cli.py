"""Commands only: parse arguments, call the pipeline, print, set the exit code.

Users are editors: every message is Korean, bad input ends with a message that
names the file and line, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import traceback
from pathlib import Path
from typing import Any, Sequence

from rich.console import Console
from rich.table import Table

from . import GENERATOR
from . import messages as M
from .config import load_site_config
from .content.frontmatter import read_source
from .content.reader import ContentReader, read_content
from .editions.base import FORMATS, BuildOptions
from .errors import ContentErrors, GreenpubError
from .pipeline import Pipeline, default_jobs, gate, parse_formats
from .review import approve

EXIT_OK, EXIT_INTERNAL, EXIT_INPUT = 0, 1, 2

_ARGPARSE_KO = [
    (r"the following arguments are required: (.*)", r"필요한 값이 빠졌습니다: \1"),
    (r"unrecognized arguments: (.*)", r"알 수 없는 인자입니다: \1"),
    (r"argument (\S+): invalid choice: (\S+) \(choose from (.*)\)",
     r"\1에 쓸 수 없는 값 \2입니다(가능한 값: \3)"),
    (r"argument (\S+): invalid int value: (\S+)", r"\1에는 정수를 써야 합니다(입력: \2)"),
    (r"argument (\S+): expected one argument", r"\1 뒤에 값을 하나 써 주세요"),
    (r"invalid choice: (\S+) \(choose from (.*)\)", r"알 수 없는 명령 \1입니다(가능한 명령: \2)"),
]


class KoreanArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        for pattern, repl in _ARGPARSE_KO:
            if re.search(pattern, message):
                message = re.sub(pattern, repl, message)
                break
        self.print_usage(sys.stderr)
        sys.stderr.write(f"오류: {message}\n'greenpub --help'로 사용법을 볼 수 있습니다.\n")
        sys.exit(EXIT_INPUT)


def _parser() -> argparse.ArgumentParser:
    p = KoreanArgumentParser(prog="greenpub", description="Green 서구 소식지 발행 도구")
    p.add_argument("--version", action="version", version=GENERATOR)
    sub = p.add_subparsers(dest="command", metavar="명령", parser_class=KoreanArgumentParser)

    def content_opt(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--content", default="content", help="원고 폴더 (기본: content)")

    b = sub.add_parser("build", help="소식지를 모든 형식으로 만듭니다")
    content_opt(b)
    b.add_argument("--out", default="output", help="출력 폴더 (기본: output)")
    b.add_argument("--issue", action="append", default=[], metavar="YYYY-MM",
                   help="이 호만 만듭니다 (여러 번 쓸 수 있음; 출력 폴더에는 고른 호만 담깁니다)")
    b.add_argument("--formats", default=None,
                   help=f"만들 형식, 쉼표로 구분 (기본: 전부 — {','.join(FORMATS)})")
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
                   help="인쇄소가 거절할 문제(150 ppi 미만 그림 등)가 있으면 빌드를 멈춥니다")
    b.add_argument("-q", "--quiet", action="store_true", help="진행 상황을 출력하지 않습니다")

    c = sub.add_parser("check", help="원고를 검사하고 검토 현황을 보여 줍니다")
    content_opt(c)
    c.add_argument("--json", action="store_true", help="결과를 JSON으로 출력합니다")

    r = sub.add_parser("review", help="편집위원회 검토 기록")
    rsub = r.add_subparsers(dest="review_command", metavar="검토명령",
                            parser_class=KoreanArgumentParser)
    rh = rsub.add_parser("hash", help="기사의 현재 내용 해시를 출력합니다")
    rh.add_argument("file")
    content_opt(rh)
    ra = rsub.add_parser("approve", help="검토 결과를 기사 앞머리에 기록합니다")
    ra.add_argument("file")
    ra.add_argument("--checkpoint", required=True, help="검토 단계 id (예: desk, committee, final)")
    ra.add_argument("--by", required=True, help="검토한 사람 또는 기구")
    ra.add_argument("--status", default="approved",
                    choices=["approved", "pending", "changes-requested", "rejected"])
    ra.add_argument("--note", default=None, help="메모 (수정 요청 내용 등)")
    content_opt(ra)
    rs = rsub.add_parser("status", help="기사별 검토 현황표를 보여 줍니다")
    rs.add_argument("issue", nargs="?", help="호 (YYYY-MM), 생략하면 전부")
    content_opt(rs)

    n = sub.add_parser("new", help="새 호나 새 기사의 틀을 만듭니다")
    nsub = n.add_subparsers(dest="new_command", metavar="종류", parser_class=KoreanArgumentParser)
    ni = nsub.add_parser("issue", help="새 호 폴더")
    ni.add_argument("id", metavar="YYYY-MM")
    content_opt(ni)
    na = nsub.add_parser("article", help="새 기사 파일")
    na.add_argument("issue", metavar="YYYY-MM")
    na.add_argument("slug", help="영문 소문자·숫자·하이픈 (예: spring-festival)")
    content_opt(na)

    s = sub.add_parser("serve", help="미리보기 서버: 원고를 고치면 다시 만들고 새로 고칩니다")
    content_opt(s)
    s.add_argument("--out", default="output")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--formats", default="web", help="미리보기에서 만들 형식 (기본: web)")
    s.add_argument("--release", action="store_true", help="검토용 표시 없이 승인된 기사만 보여 줍니다")

    bt = sub.add_parser("braille-text", help="표준 입력의 각 줄을 점자(유니코드)로 바꿔 출력합니다")
    bt.add_argument("--engine", default=None, help="점역 엔진 (liblouis 또는 braillify)")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    console = Console(stderr=True, highlight=False, soft_wrap=True)
    out = Console(highlight=False, soft_wrap=True)
    if not args.command:
        parser.print_help()
        return EXIT_INPUT
    try:
        handler = {
            "build": cmd_build, "check": cmd_check, "review": cmd_review, "new": cmd_new,
            "serve": cmd_serve, "braille-text": cmd_braille_text,
        }[args.command]
        return handler(args, out, console)
    except ContentErrors as exc:
        for err in exc.errors:
            console.print(f"[bold red]오류[/] {_escape(err.format())}")
        console.print(M.BUILD_FAILED if args.command == "build" else "")
        return exc.exit_code
    except GreenpubError as exc:
        console.print(f"[bold red]오류[/] {_escape(exc.format())}")
        if args.command == "build":
            console.print(M.BUILD_FAILED)
        return exc.exit_code
    except KeyboardInterrupt:
        console.print("중단했습니다. 기존 출력은 그대로입니다.")
        return 130
    except Exception as exc:  # a bug of ours: log it, tell the user in Korean, no traceback
        log = Path(".greenpub-error.log").resolve()
        try:
            log.write_text(traceback.format_exc(), "utf-8")
        except OSError:
            log = Path("/tmp/greenpub-error.log")
            log.write_text(traceback.format_exc(), "utf-8")
        console.print(f"[bold red]오류[/] {M.INTERNAL_ERROR.format(kind=type(exc).__name__, log=log)}")
        return EXIT_INTERNAL


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


# --- build -------------------------------------------------------------------
def cmd_build(args: argparse.Namespace, out: Console, console: Console) -> int:
    if args.jobs < 1:
        raise GreenpubError("--jobs는 1 이상이어야 합니다.")
    options = BuildOptions(
        formats=parse_formats(args.formats), drafts=args.drafts, jobs=args.jobs,
        force=args.force, quiet=args.quiet, tts=args.tts, braille_engine=args.braille_engine,
        print_marks=args.print_marks, strict=args.strict, issues=tuple(args.issue))
    progress = None if args.quiet else (lambda msg: console.print(f"[dim]·[/] {msg}"))
    summary = Pipeline(Path(args.content), Path(args.out), options,
                       cache_dir=Path(args.cache) if args.cache else None,
                       progress=progress).run()
    for article, reasons in summary.excluded:
        label = "검토용 포함" if args.drafts else "제외"
        console.print(f"[yellow]{label}[/] {_escape(str(article.file))} — {_escape(', '.join(reasons))}")
    for w in summary.warnings:
        console.print(f"[yellow]{M.WARNING}[/] {_escape(w)}")
    if not args.quiet:
        _print_outputs(summary.manifest, Path(args.out), out)
    n_ex = 0 if args.drafts else len(summary.excluded)
    console.print(M.BUILD_DONE.format(n_pub=summary.published, n_ex=n_ex,
                                      seconds=summary.seconds))
    return EXIT_OK


def _print_outputs(manifest: dict[str, Any], out_dir: Path, out: Console) -> None:
    labels = {"web": "웹판", "web_index": "웹 첫 화면", "feed": "피드", "pdf": "인쇄판 PDF",
              "pdf_large": "큰 글자 PDF", "brf": "점자 BRF", "pef": "점자 PEF",
              "braille_check": "점역 교차 검증", "braille_preview": "점자 미리보기",
              "mp3": "오디오북 MP3", "m3u": "재생 목록", "audio_contents": "차례 음성",
              "og": "공유 이미지", "cards_zip": "카드뉴스 ZIP"}

    def show(key: str, value: Any, indent: str) -> None:
        if isinstance(value, str) and key in labels:
            out.print(f"{indent}{labels[key]:<10} {out_dir / value}")

    for key, value in manifest.get("outputs", {}).items():
        show(key, value, "")
    for issue in manifest["issues"]:
        out.print(f"[bold]{issue['id']}[/] 제{issue['number']}호 {_escape(issue['title'])}")
        for key, value in issue["outputs"].items():
            show(key, value, "  ")
        for a in issue["articles"]:
            if a["status"] != "published":
                continue
            o = a["outputs"]
            parts = [o.get("web"), o.get("mp3")]
            cards = o.get("cards")
            if cards:
                parts.append(f"카드 {len(cards)}장: {out_dir / Path(cards[0]['src']).parent}/")
            shown = "  ".join(str(out_dir / p) if not str(p).startswith("카드") else p
                              for p in parts if p)
            out.print(f"  · {_escape(a['title'])}\n      {shown}")
    out.print(f"목록: {out_dir / 'manifest.json'}, 빌드 보고서: {out_dir / 'build-report.json'}")


# --- check & review ------------------------------------------------------------
def cmd_check(args: argparse.Namespace, out: Console, console: Console) -> int:
    content = Path(args.content)
    try:
        config, issues = read_content(content)
    except (ContentErrors, GreenpubError) as exc:
        errors = exc.errors if isinstance(exc, ContentErrors) else [exc]
        if args.json:
            print(json.dumps({"ok": False, "errors": [
                {"file": e.file, "line": e.line, "message": e.message} for e in errors],
                "issues": []}, ensure_ascii=False, indent=2))
        else:
            for e in errors:
                console.print(f"[bold red]오류[/] {_escape(e.format())}")
        return 1
    gated = gate(config, issues, drafts=False)
    if args.json:
        data = {"ok": True, "errors": [], "warnings": [w for i in issues for a in i.articles
                                                         for w in a.warnings],
                "issues": [{"id": g.issue.id, "articles": [
                    {"slug": d.article.slug, "file": str(d.article.file), "hash": d.article.hash,
                     "publishable": d.publishable, "reasons": d.reasons,
                     "checkpoints": {s.checkpoint.id: s.label for s in d.states}}
                    for d in g.decisions]} for g in gated]}
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    for i in issues:
        for a in i.articles:
            for w in a.warnings:
                console.print(f"[yellow]{M.WARNING}[/] {_escape(w)}")
    _status_table(config, gated, out)
    pending = sum(1 for g in gated for d in g.decisions if not d.publishable)
    out.print(f"검사 통과: 오류 없음. 발행 대기 기사 {pending}편." if pending else
              "검사 통과: 오류 없음. 모든 기사가 발행 가능합니다.")
    return 0


def _status_table(config: Any, gated: list[Any], out: Console) -> None:
    for g in gated:
        table = Table(title=f"{g.issue.id} 제{g.issue.number}호 검토 현황", show_lines=False)
        table.add_column("기사")
        for cp in config.checkpoints:
            table.add_column(cp.label)
        table.add_column("발행")
        for d in g.decisions:
            cells = []
            for s in d.states:
                style = "green" if s.ok else ("red" if s.entry and s.entry.status.value in
                                              ("rejected", "changes-requested") or s.stale
                                              else "yellow")
                cells.append(f"[{style}]{s.label}[/]")
            verdict = "[green]가능[/]" if d.publishable else "[red]제외[/]"
            table.add_row(f"{d.article.order:02d}-{d.article.slug}", *cells, verdict)
        out.print(table)
        for d in g.decisions:
            if not d.publishable:
                out.print(f"  {d.article.file.name}: {_escape(', '.join(d.reasons))}")


def _content_dir_for(file: Path, default: str) -> Path:
    """The content folder of an article file: the parent of its issue folder."""
    if default != "content" or not (file.parent.parent / "site.yaml").exists():
        return Path(default)
    return file.parent.parent


def cmd_review(args: argparse.Namespace, out: Console, console: Console) -> int:
    if args.review_command == "hash":
        # The same reader a build uses, so the hash printed is the one the gate compares.
        path = Path(args.file)
        reader = ContentReader(_content_dir_for(path, args.content))
        reader.config = load_site_config(reader.content_dir)
        print(reader.read_article(path).hash)
        return 0
    if args.review_command == "approve":
        path = Path(args.file)
        entry = approve(path, _content_dir_for(path, args.content), args.checkpoint, args.by,
                        args.status, args.note)
        out.print(M.APPROVED_RECORDED.format(file=path, checkpoint=args.checkpoint,
                                             status=M.STATUS_LABELS[entry.status.value],
                                             hash=entry.hash, by=args.by, date=entry.date))
        return 0
    if args.review_command == "status":
        config, issues = read_content(Path(args.content), [args.issue] if args.issue else None)
        _status_table(config, gate(config, issues, drafts=False), out)
        return 0
    raise GreenpubError("검토 명령을 써 주세요: hash, approve, status")


# --- new ---------------------------------------------------------------------
ISSUE_TEMPLATE = """---
number: {number}
date: {date}
title: 이번 호 제목을 쓰세요
# cover:
#   src: images/cover.jpg
#   alt: 표지 사진을 말로 설명해 주세요
---
발행인의 글을 여기에 쓰세요.
"""

ARTICLE_TEMPLATE = """---
title: 기사 제목을 쓰세요
subtitle:
section: 구정 소식
author:
author_role:
summary: 기사를 한두 문장으로 요약해 주세요. 카드뉴스, 공유 미리보기, 오디오북에 쓰입니다.
images: []
review:
{review}---
본문을 여기에 쓰세요.
"""


def cmd_new(args: argparse.Namespace, out: Console, console: Console) -> int:
    from .content.reader import ARTICLE_NAME, ISSUE_ID

    content = Path(args.content)
    if args.new_command == "issue":
        if not ISSUE_ID.match(args.id):
            raise GreenpubError(M.BAD_ISSUE_ID.format(name=args.id))
        folder = content / args.id
        if folder.exists():
            raise GreenpubError(f"호 폴더가 이미 있습니다: {folder}")
        numbers = []
        for f in sorted(content.glob("*/_issue.md")):
            try:
                numbers.append(int(read_source(f).meta.get("number")))
            except (GreenpubError, TypeError, ValueError):
                continue
        (folder / "images").mkdir(parents=True)
        year, month = map(int, args.id.split("-"))
        (folder / "_issue.md").write_text(ISSUE_TEMPLATE.format(
            number=max(numbers, default=0) + 1, date=dt.date(year, month, 1).isoformat()), "utf-8")
        out.print(f"새 호를 만들었습니다: {folder / '_issue.md'}")
        return 0
    if args.new_command == "article":
        folder = content / args.issue
        if not (folder / "_issue.md").exists():
            raise GreenpubError(M.NO_ISSUE_FILE, folder)
        if not re.match(r"^[a-z0-9][a-z0-9-]*$", args.slug):
            raise GreenpubError(M.BAD_ARTICLE_NAME.format(name=args.slug))
        existing = [ARTICLE_NAME.match(p.name) for p in folder.glob("*.md")]
        if any(m and m.group(2) == args.slug for m in existing):
            raise GreenpubError(M.DUPLICATE_SLUG.format(slug=args.slug, other="기존 파일"), folder)
        order = max((int(m.group(1)) for m in existing if m), default=0) + 1
        reader = ContentReader(content)
        reader.config = load_site_config(content)
        review = "".join(f"  - checkpoint: {cp.id}\n    status: pending\n"
                         for cp in reader.config.checkpoints)
        path = folder / f"{order:02d}-{args.slug}.md"
        path.write_text(ARTICLE_TEMPLATE.format(review=review), "utf-8")
        out.print(f"새 기사를 만들었습니다: {path}")
        return 0
    raise GreenpubError("만들 종류를 써 주세요: issue 또는 article")


# --- serve & braille-text ----------------------------------------------------
def cmd_serve(args: argparse.Namespace, out: Console, console: Console) -> int:
    from .serve import serve

    return serve(Path(args.content), Path(args.out), args.port, args.formats,
                 drafts=not args.release, console=console)


def cmd_braille_text(args: argparse.Namespace, out: Console, console: Console) -> int:
    try:
        from .editions.braille import braille_text
    except ImportError:
        raise GreenpubError("점자 판이 아직 설치되지 않았습니다.") from None
    lines = (line.rstrip("\n") for line in sys.stdin)
    for braille in braille_text(lines, args.engine):
        sys.stdout.write(braille + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
