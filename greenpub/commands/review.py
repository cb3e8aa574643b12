"""`greenpub review`: the committee's decisions in each article's front matter."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console

from .. import messages as M
from ..errors import GreenpubError

NAME = "review"
HELP = "편집위원회 검토 기록"


def add_arguments(r: argparse.ArgumentParser) -> None:
    from . import content_opt, subcommands

    rsub = subcommands(r, "review_command", "검토명령")
    rh = rsub.add_parser("hash", help="기사의 현재 내용 해시를 출력합니다")
    rh.add_argument("file")
    rh.add_argument("--canonical", action="store_true",
                    help="해시를 구하는 정규형(canonical form) 전체를 출력합니다")
    content_opt(rh)
    ra = rsub.add_parser("approve", help="검토 결과를 기사 앞머리에 기록합니다")
    ra.add_argument("file")
    ra.add_argument("--checkpoint", required=True, help="검토 단계 id (예: desk, committee, final)")
    ra.add_argument("--by", required=True, help="검토한 사람: 편집위원 id 또는 이름")
    ra.add_argument("--status", default="approved",
                    help="approved(승인), changes-requested(수정 요청), rejected(반려), "
                         "pending(대기) — 기본: approved")
    ra.add_argument("--note", default=None, help="메모 (수정 요청 내용 등)")
    ra.add_argument("--date", default=None, metavar="YYYY-MM-DD",
                    help="회의(결정) 날짜 (기본: 오늘)")
    ra.add_argument("--override", action="store_true",
                    help="위원장의 재정: 앞선 수정 요청·반려를 풀고 승인합니다 (--note 필요)")
    content_opt(ra)
    rs = rsub.add_parser("status", help="기사별 검토 현황표를 보여 줍니다")
    rs.add_argument("issue", nargs="?", help="호 (YYYY-MM), 생략하면 전부")
    content_opt(rs)
    rd = rsub.add_parser("diff", help="승인한 내용과 지금 내용의 차이를 보여 줍니다")
    rd.add_argument("file")
    rd.add_argument("--checkpoint", default=None, help="이 검토 단계가 승인한 내용과 비교합니다")
    content_opt(rd)
    rsh = rsub.add_parser("sheet", help="심의 결과표(HTML, PDF)를 만듭니다")
    rsh.add_argument("issue", help="호 (YYYY-MM)")
    rsh.add_argument("--out", default=None, help="결과표를 둘 폴더 (기본: 현재 폴더)")
    content_opt(rsh)


def content_dir_for(file: Path, default: str) -> Path:
    """The content folder of an article file: the parent of its issue folder."""
    if default != "content" or not (file.parent.parent / "site.yaml").exists():
        return Path(default)
    return file.parent.parent


def run(args: argparse.Namespace, out: Console, console: Console) -> int:
    from ..config import load_site_config
    from ..content.reader import ContentReader, read_content
    from ..pipeline import gate
    from ..review import approve, display_name
    from .check import status_table

    if args.review_command == "hash":
        # The same reader a build uses, so the hash printed is the one the gate compares.
        path = Path(args.file)
        content = content_dir_for(path, args.content)
        article = ContentReader(content, load_site_config(content)).read_article(path)
        print(article.canonical if args.canonical else article.hash, end="\n" if not
              args.canonical else "")
        return 0
    if args.review_command == "approve":
        path = Path(args.file)
        content = content_dir_for(path, args.content)
        entry = approve(path, content, args.checkpoint, args.by, args.status, args.note,
                        date=args.date, override=args.override)
        out.print(M.APPROVED_RECORDED.format(
            file=path, checkpoint=args.checkpoint, status=M.STATUS_LABELS[entry.status.value],
            hash=entry.hash, by=display_name(load_site_config(content), entry.by),
            date=entry.date), markup=False)
        return 0
    if args.review_command == "status":
        config, issues = read_content(Path(args.content), [args.issue] if args.issue else None)
        status_table(config, gate(config, issues, drafts=False), out)
        return 0
    if args.review_command == "diff":
        return show_diff(Path(args.file), args, out)
    if args.review_command == "sheet":
        from ..review_sheet import write_sheet

        html, pdf = write_sheet(Path(args.content), args.issue,
                                Path(args.out) if args.out else Path("."))
        out.print(M.SHEET_WRITTEN.format(html=html, pdf=pdf), markup=False)
        return 0
    raise GreenpubError("검토 명령을 써 주세요: hash, approve, status, diff, sheet")


def show_diff(path: Path, args: argparse.Namespace, out: Console) -> int:
    from ..config import load_site_config
    from ..content.hashing import HASH_VERSION, hash_version
    from ..content.reader import ContentReader
    from ..review import checkpoint_diffs, display_name
    from ..review_diff import render_lines

    content = content_dir_for(path, args.content)
    config = load_site_config(content)
    if args.checkpoint and args.checkpoint not in config.checkpoint_ids():
        raise GreenpubError(M.UNKNOWN_CHECKPOINT.format(
            value=args.checkpoint, known=", ".join(config.checkpoint_ids())), config.path)
    article = ContentReader(content, config).read_article(path)
    color = out.is_terminal
    shown: set[str] = set()  # an approved version's diff is printed once
    for cp, entry, diff in checkpoint_diffs(article, config):
        if args.checkpoint and cp.id != args.checkpoint:
            continue
        head = f"{cp.label}: "
        if entry is None or diff is None:
            out.print(head + M.DIFF_NEVER_APPROVED, markup=False)
            continue
        when = f"{entry.date} {display_name(config, entry.by)}"
        if not diff.changed:
            out.print(head + M.DIFF_SAME.format(when=when), markup=False)
        elif not diff.known and hash_version(entry.hash) != HASH_VERSION:
            out.print(head + M.DIFF_OLD_DEFINITION.format(when=when), markup=False)
        elif not diff.known:
            out.print(head + M.DIFF_UNKNOWN.format(when=when, old=diff.approved_hash,
                                                   new=diff.current_hash), markup=False)
        else:
            out.print(head + M.DIFF_HEAD.format(when=when, summary=diff.summary()),
                      markup=False)
            if diff.approved_hash in shown:
                out.print(M.DIFF_AS_ABOVE, markup=False)
                continue
            shown.add(diff.approved_hash or "")
            for line in render_lines(diff, color):
                out.print(line, markup=color, highlight=False, soft_wrap=True)
    return 0
