"""`greenpub speech-text`: each line of stdin as the audiobook voice would say it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console

NAME = "speech-text"
HELP = "표준 입력의 각 줄을 오디오북 음성이 읽는 글(한글)로 바꿔 출력합니다"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--content", default=None,
                   help="원고 폴더: 그 site.yaml의 lexicon(읽는 법)을 씁니다 (없으면 기본 읽기)")


def run(args: argparse.Namespace, out: Console, console: Console) -> int:
    from ..config import load_site_config
    from ..editions.audio.normalise import normalize

    lexicon: dict[str, str] = {}
    if args.content is not None:
        lexicon = load_site_config(Path(args.content)).lexicon
    # One output line per input line (an empty line stays empty), flushed as it goes so
    # the command works in a pipe line by line.
    # UTF-8 whatever the locale says; a broken byte becomes U+FFFD (then reported removed)
    # instead of ending the command with a traceback
    sys.stdin.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]
    sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    for line in sys.stdin:
        sys.stdout.write(normalize(line.rstrip("\r\n"), lexicon) + "\n")
        sys.stdout.flush()
    return 0
