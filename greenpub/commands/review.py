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


def content_dir_for(file: Path, default: str) -> Path:
    """The content folder of an article file: the parent of its issue folder."""
    if default != "content" or not (file.parent.parent / "site.yaml").exists():
        return Path(default)
    return file.parent.parent


def run(args: argparse.Namespace, out: Console, console: Console) -> int:
    from ..config import load_site_config
    from ..content.reader import ContentReader, read_content
    from ..pipeline import gate
    from ..review import approve
    from .check import status_table

    if args.review_command == "hash":
        # The same reader a build uses, so the hash printed is the one the gate compares.
        path = Path(args.file)
        content = content_dir_for(path, args.content)
        reader = ContentReader(content, load_site_config(content))
        print(reader.read_article(path).hash)
        return 0
    if args.review_command == "approve":
        path = Path(args.file)
        entry = approve(path, content_dir_for(path, args.content), args.checkpoint, args.by,
                        args.status, args.note)
        out.print(M.APPROVED_RECORDED.format(file=path, checkpoint=args.checkpoint,
                                             status=M.STATUS_LABELS[entry.status.value],
                                             hash=entry.hash, by=args.by, date=entry.date))
        return 0
    if args.review_command == "status":
        config, issues = read_content(Path(args.content), [args.issue] if args.issue else None)
        status_table(config, gate(config, issues, drafts=False), out)
        return 0
    raise GreenpubError("검토 명령을 써 주세요: hash, approve, status")
