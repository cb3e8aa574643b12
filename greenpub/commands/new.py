"""`greenpub new`: scaffold a new issue folder or article file."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console

from ..errors import GreenpubError

NAME = "new"
HELP = "새 호나 새 기사의 틀을 만듭니다"


def add_arguments(n: argparse.ArgumentParser) -> None:
    from . import content_opt, subcommands

    nsub = subcommands(n, "new_command", "종류")
    ni = nsub.add_parser("issue", help="새 호 폴더")
    ni.add_argument("id", metavar="YYYY-MM")
    content_opt(ni)
    na = nsub.add_parser("article", help="새 기사 파일")
    na.add_argument("issue", metavar="YYYY-MM")
    na.add_argument("slug", help="영문 소문자·숫자·하이픈 (예: spring-festival)")
    content_opt(na)


def run(args: argparse.Namespace, out: Console, console: Console) -> int:
    from ..content import scaffold

    content = Path(args.content)
    if args.new_command == "issue":
        path = scaffold.new_issue(content, args.id)
        out.print(f"새 호를 만들었습니다: {path}")
        return 0
    if args.new_command == "article":
        path = scaffold.new_article(content, args.issue, args.slug)
        out.print(f"새 기사를 만들었습니다: {path}")
        return 0
    raise GreenpubError("만들 종류를 써 주세요: issue 또는 article")
