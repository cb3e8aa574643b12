"""Font facts shared by the editions that draw text themselves (print, cards)."""

from __future__ import annotations

import functools

from fontTools.ttLib import TTFont


@functools.lru_cache(maxsize=64)
def face_cmap(file: str, index: int = 0) -> frozenset[int]:
    """Code points one face (`index` inside a .ttc) has a glyph for; only the cmap is read."""
    font = TTFont(file, fontNumber=index, lazy=True)
    try:
        return frozenset(font.getBestCmap() or {})
    finally:
        font.close()
