"""One module per command (MkDocs style).

Each command module defines `NAME`, `HELP`, `add_arguments(parser)` and
`run(args, out, console) -> int`. Heavy imports stay inside `run`, so
`greenpub --help` and a no-op build start fast.
"""

from __future__ import annotations

import argparse
import re
import sys
from types import ModuleType

from . import braille_text, build, check, desk, import_, new, review, serve, speech_text

EXIT_OK, EXIT_INTERNAL, EXIT_INPUT = 0, 1, 2

# The order here is the order of `greenpub --help`.
COMMANDS: tuple[ModuleType, ...] = (build, check, review, new, import_, serve, desk,
                                   braille_text, speech_text)

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


def content_opt(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--content", default="content", help="원고 폴더 (기본: content)")


def subcommands(p: argparse.ArgumentParser, dest: str, metavar: str) -> argparse._SubParsersAction:
    return p.add_subparsers(dest=dest, metavar=metavar, parser_class=KoreanArgumentParser)


def parser() -> argparse.ArgumentParser:
    from .. import GENERATOR

    p = KoreanArgumentParser(prog="greenpub", description="Green 서구 소식지 발행 도구")
    p.add_argument("--version", action="version", version=GENERATOR)
    sub = subcommands(p, "command", "명령")
    for module in COMMANDS:
        sp = sub.add_parser(module.NAME, help=module.HELP)
        module.add_arguments(sp)
        sp.set_defaults(run=module.run)
    return p


def escape(text: str) -> str:
    from rich.markup import escape as rich_escape

    return rich_escape(text)
