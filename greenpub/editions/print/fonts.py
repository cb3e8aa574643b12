"""Which installed fonts the print CSS names, and which characters they cannot draw.

WeasyPrint finds fonts through fontconfig and, when no font has a glyph, draws
an empty box (tofu) without a word. We resolve the CSS font stacks to files
with fontconfig and read their character maps with fontTools, so a missing
character becomes a Korean warning naming the article instead.
"""

from __future__ import annotations

import functools
import subprocess
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from ...fonts import face_cmap


@functools.lru_cache(maxsize=1)
def _font_files() -> dict[str, list[tuple[str, int]]]:
    """casefolded family name -> [(file, face index)] for every installed font."""
    try:
        out = subprocess.run(["fc-list", "--format", "%{family}\t%{file}\t%{index}\n"],
                             capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    files: dict[str, list[tuple[str, int]]] = {}
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) != 3:
            continue
        family, file, index = parts
        for name in family.split(","):
            files.setdefault(name.strip().casefold(), []).append((file, int(index or 0)))
    return files


def installed_families() -> set[str]:
    return set(_font_files())


def family_cmap(family: str) -> frozenset[int]:
    """Code points any face of the family can draw (bold faces share the map)."""
    faces = _font_files().get(family.casefold(), [])
    # The regular face is enough and saves reading every weight of large CJK collections.
    regular = [f for f in faces if "bold" not in Path(f[0]).name.lower()] or faces
    codes: set[int] = set()
    for file, index in regular[:1]:
        codes |= face_cmap(file, index)
    return frozenset(codes)


def _drawable_without_font(ch: str) -> bool:
    # Spaces, joiners and marks pango handles without a glyph of its own.
    return ch.isspace() or unicodedata.category(ch) in {"Cc", "Cf", "Zs", "Zl", "Zp"}


def missing_glyphs(text: str, stack: Iterable[str]) -> list[str]:
    """Characters of `text` that no family of `stack` can draw, in order of appearance."""
    pending = [ch for ch in dict.fromkeys(text) if not _drawable_without_font(ch)]
    for family in stack:
        if not pending:
            break
        cmap = family_cmap(family)
        pending = [ch for ch in pending if ord(ch) not in cmap]
    return pending
