"""`greenpub serve`: local preview that rebuilds on change and reloads the page."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console

NAME = "serve"
HELP = "미리보기 서버: 원고를 고치면 다시 만들고 새로 고칩니다"


def add_arguments(s: argparse.ArgumentParser) -> None:
    from . import content_opt

    content_opt(s)
    s.add_argument("--preview-dir", default=None,
                   help="미리보기를 만들 폴더 (기본: 원고 폴더 옆 .greenpub-preview; "
                        "output 폴더는 건드리지 않습니다)")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--formats", default="web", help="미리보기에서 만들 형식 (기본: web)")
    s.add_argument("--release", action="store_true", help="검토용 표시 없이 승인된 기사만 보여 줍니다")


def run(args: argparse.Namespace, out: Console, console: Console) -> int:
    from ..serve import serve

    content = Path(args.content)
    preview = Path(args.preview_dir) if args.preview_dir else \
        content.resolve().parent / ".greenpub-preview"
    return serve(content, preview, args.port, args.formats,
                 drafts=not args.release, console=console)
