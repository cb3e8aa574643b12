"""EMF/WMF pictures (Office and 한글 clip art, charts pasted as pictures) → PNG.

Debian's small converters do it: `emf2svg-conv` (emf2svg) and `wmf2svg` (libwmf-bin)
turn the metafile into SVG, `rsvg-convert` (librsvg2-bin) draws it. Where a tool is
missing or fails the picture is left out and the caller warns.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

MIN_WIDTH = 800  # a metafile's natural size is often tiny; draw it at least this wide
TIMEOUT = 30


def kind(data: bytes) -> str | None:
    """emf, wmf, or None."""
    if len(data) >= 44 and data[:4] == b"\x01\x00\x00\x00" and data[40:44] == b" EMF":
        return "emf"
    if data[:4] == b"\xd7\xcd\xc6\x9a" or data[:6] in (b"\x01\x00\x09\x00\x00\x03",
                                                       b"\x02\x00\x09\x00\x00\x03"):
        return "wmf"
    return None


def to_png(data: bytes) -> bytes | None:
    what = kind(data)
    if what is None or not shutil.which("rsvg-convert"):
        return None
    tool = "emf2svg-conv" if what == "emf" else "wmf2svg"
    if not shutil.which(tool):
        return None
    with tempfile.TemporaryDirectory(prefix="greenpub-vector-") as tmp:
        src, svg, png = Path(tmp, f"in.{what}"), Path(tmp, "out.svg"), Path(tmp, "out.png")
        src.write_bytes(data)
        args = [tool, "-i", str(src), "-o", str(svg)] if what == "emf" else \
            [tool, "-o", str(svg), str(src)]
        try:
            subprocess.run(args, capture_output=True, timeout=TIMEOUT, check=True)
            subprocess.run(["rsvg-convert", "-o", str(png), str(svg)], capture_output=True,
                           timeout=TIMEOUT, check=True)
            width = _png_width(png.read_bytes())
            if 0 < width < MIN_WIDTH:
                zoom = min(8.0, MIN_WIDTH / width)
                subprocess.run(["rsvg-convert", "-z", f"{zoom:.3f}", "-o", str(png), str(svg)],
                               capture_output=True, timeout=TIMEOUT, check=True)
            return png.read_bytes()
        except (subprocess.SubprocessError, OSError):
            return None


def _png_width(data: bytes) -> int:
    return int.from_bytes(data[16:20], "big") if data[:8] == b"\x89PNG\r\n\x1a\n" else 0
