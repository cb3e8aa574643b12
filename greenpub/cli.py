"""Entry point: parse arguments, run one command, turn errors into Korean messages and exit codes.

Users are editors: every message is Korean, bad input ends with a message that
names the file and line, never a traceback. The commands live in `commands/`.
"""

from __future__ import annotations

import sys
import tempfile
import traceback
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console

from . import messages as M
from .commands import EXIT_INPUT, EXIT_INTERNAL, escape, parser
from .errors import ContentErrors, GreenpubError


def main(argv: Sequence[str] | None = None) -> int:
    p = parser()
    args = p.parse_args(argv)
    console = Console(stderr=True, highlight=False, soft_wrap=True)
    out = Console(highlight=False, soft_wrap=True)
    if not args.command:
        p.print_help()
        return EXIT_INPUT
    failed = M.BUILD_FAILED if args.command == "build" else ""
    try:
        return int(args.run(args, out, console))
    except ContentErrors as exc:
        for err in exc.errors:
            console.print(f"[bold red]오류[/] {escape(err.format())}")
        if failed:
            console.print(failed)
        return exc.exit_code
    except GreenpubError as exc:
        console.print(f"[bold red]오류[/] {escape(exc.format())}")
        if failed:
            console.print(failed)
        return exc.exit_code
    except KeyboardInterrupt:
        console.print("중단했습니다. 기존 출력은 그대로입니다.")
        return 130
    except Exception as exc:  # a bug of ours: log it, tell the user in Korean, no traceback
        log = _write_error_log(traceback.format_exc())
        console.print(f"[bold red]오류[/] {M.INTERNAL_ERROR.format(kind=type(exc).__name__, log=log)}")
        return EXIT_INTERNAL


def _write_error_log(text: str) -> Path:
    """The traceback goes beside the user's work, or into a fresh private temp file."""
    log = Path(".greenpub-error.log").resolve()
    try:
        log.write_text(text, "utf-8")
        return log
    except OSError:
        fd, name = tempfile.mkstemp(prefix="greenpub-error-", suffix=".log")
        with open(fd, "w", encoding="utf-8") as f:
            f.write(text)
        return Path(name)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
