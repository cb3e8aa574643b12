"""`greenpub braille-text`: each line of stdin in Unicode braille."""

from __future__ import annotations

import argparse
import sys

from rich.console import Console

from ..errors import GreenpubError

NAME = "braille-text"
HELP = "표준 입력의 각 줄을 점자(유니코드)로 바꿔 출력합니다"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--engine", default=None, help="점역 엔진 (liblouis 또는 braillify)")


def run(args: argparse.Namespace, out: Console, console: Console) -> int:
    try:
        from ..editions.braille import braille_text
    except ImportError:
        raise GreenpubError("점자 판이 아직 설치되지 않았습니다.") from None
    lines = (line.rstrip("\n") for line in sys.stdin)
    for braille in braille_text(lines, args.engine):
        sys.stdout.write(braille + "\n")
    sys.stdout.flush()
    return 0
