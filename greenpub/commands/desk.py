"""`greenpub desk`: the committee's review desk (a web application) and its logins."""

from __future__ import annotations

import argparse
import ipaddress
import secrets
import sys
from pathlib import Path

from rich.console import Console

NAME = "desk"
HELP = "검토 데스크: 편집위원이 브라우저에서 로그인해 기사를 보고 결정합니다"


def add_arguments(d: argparse.ArgumentParser) -> None:
    from . import content_opt, subcommands

    content_opt(d)
    d.add_argument("--host", default="127.0.0.1",
                   help="열 주소 (기본: 127.0.0.1, 이 컴퓨터에서만). 다른 주소는 TLS 프록시 뒤에서만")
    d.add_argument("--port", type=int, default=8700, help="포트 (기본: 8700)")
    d.add_argument("--formats", default="web,cards",
                   help="미리보기에서 만들 형식 (기본: web,cards)")
    d.add_argument("--trusted-proxy", default="127.0.0.1",
                   help="X-Forwarded-Proto/For를 믿을 프록시 주소 (기본: 127.0.0.1)")
    dsub = subcommands(d, "desk_command", "데스크명령")
    add = dsub.add_parser("add-member", help="편집위원의 로그인 계정을 만듭니다 (비밀번호 재설정도)")
    add.add_argument("member", metavar="ID", help="site.yaml committee의 위원 id")
    add.add_argument("--password-stdin", action="store_true",
                     help="비밀번호를 표준 입력에서 읽습니다 (없으면 처음 비밀번호를 만들어 보여 줌)")
    content_opt(add)


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def add_member(args: argparse.Namespace, out: Console) -> int:
    from ..config import load_site_config
    from ..desk import desk_dir
    from ..desk import messages as DM
    from ..desk.accounts import Accounts
    from ..errors import GreenpubError

    content = Path(args.content)
    config = load_site_config(content)
    ids = [m.id for m in config.committee if m.id]
    member = next((m for m in config.committee if m.id == args.member), None)
    if member is None:
        raise GreenpubError(DM.UNKNOWN_MEMBER.format(id=args.member, known=", ".join(ids)),
                            config.path)
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        shown = None
    else:
        password = secrets.token_urlsafe(12)
        shown = password
    path = Accounts(desk_dir(content)).set_password(member.id, password, one_time=bool(shown))
    out.print(DM.MEMBER_ADDED.format(name=member.name, id=member.id, file=path), markup=False)
    if shown:
        out.print(DM.ONE_TIME_PASSWORD.format(password=shown), markup=False)
    return 0


def run(args: argparse.Namespace, out: Console, console: Console) -> int:
    if getattr(args, "desk_command", None) == "add-member":
        return add_member(args, out)
    import uvicorn

    from ..content.reader import read_content
    from ..desk import messages as DM
    from ..desk.app import Desk, create_app

    content = Path(args.content)
    read_content(content)  # a Korean error naming the file before anything is served
    desk = Desk(content, formats=args.formats)
    if not desk.accounts.members():
        console.print(f"[yellow]{DM.NO_MEMBERS}[/]")
    if not _loopback(args.host):
        console.print(f"[bold yellow]{DM.NOT_LOOPBACK.format(host=args.host)}[/]")
    console.print(DM.SERVING.format(host=args.host, port=args.port))
    uvicorn.run(create_app(desk), host=args.host, port=args.port, log_level="warning",
                proxy_headers=True, forwarded_allow_ips=args.trusted_proxy)
    return 0
