"""Offline site search: Pagefind (from PyPI, `pagefind[bin]`) indexes the built pages.

Only the article bodies (`data-pagefind-body`) are indexed; the bundle lands in
`pagefind/` next to the site index and the search page loads it with no outside request.
"""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

from ...errors import RenderError
from ..base import RenderContext
from . import messages as M

BUNDLE = "pagefind"


def build_index(ctx: RenderContext, pages: list[str]) -> str:
    """Index the given output-relative pages (already written); returns the bundle folder."""
    h = hashlib.sha256()
    for rel in sorted(pages):
        h.update(rel.encode() + b"\0" + (ctx.out / rel).read_bytes() + b"\0")

    def produce(tmp: Path) -> None:
        try:
            from pagefind_bin import get_executable

            exe = str(get_executable())
        except (ImportError, FileNotFoundError) as exc:
            raise RenderError(M.SEARCH_FAILED.format(detail=exc), None) from None
        proc = subprocess.run(
            [exe, "--site", str(ctx.out), "--output-path", str(tmp / BUNDLE), "--silent"],
            capture_output=True, text=True, timeout=300, check=False)
        if proc.returncode != 0:
            detail = (proc.stderr or proc.stdout).strip().splitlines()
            raise RenderError(M.SEARCH_FAILED.format(detail=detail[-1] if detail else
                                                     proc.returncode), None)

    ctx.unit("search-index", {"pages": h.hexdigest()}, produce)
    return BUNDLE
