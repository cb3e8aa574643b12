"""Where templates and theme files come from.

greenpub ships its layouts (`layouts/<edition>/` in the source tree, package data
`greenpub/layouts/` in a wheel). A content project overrides any of those files by
putting a file at the same path in `layouts/` beside its `site.yaml` (like MkDocs'
`custom_dir`): the build sees one merged tree, so every edition reads its layouts the
same way whether they were overridden or not.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from importlib.resources import files
from pathlib import Path

OVERRIDE_DIR = "layouts"


def shipped_root() -> Path:
    """The folder that holds the shipped `layouts/`: the checkout, or the installed package."""
    package = Path(__file__).resolve().parent
    checkout = package.parent
    if (checkout / "layouts").is_dir() and (checkout / "pyproject.toml").is_file():
        return checkout
    return Path(str(files("greenpub")))  # a wheel: greenpub/layouts/ (setup.py copies it)


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def project_root(content: Path, cache_root: Path) -> Path:
    """A folder whose `layouts/` is the shipped layouts with the content's overrides on top."""
    shipped = shipped_root()
    custom = content / OVERRIDE_DIR
    if not custom.is_dir() or not _files(custom):
        return shipped
    h = hashlib.sha256()
    sources: dict[str, Path] = {}
    for root in (shipped / "layouts", custom):
        for p in _files(root):
            sources[str(p.relative_to(root))] = p
    for rel, p in sorted(sources.items()):
        h.update(rel.encode() + b"\0" + p.read_bytes() + b"\0")
    merged = cache_root / "layouts" / h.hexdigest()[:16]
    if (merged / "layouts").is_dir():
        return merged
    merged.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".layouts-", dir=merged.parent))
    try:
        for rel, p in sources.items():
            dest = tmp / "layouts" / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(p, dest)
        try:
            os.replace(tmp, merged)
        except OSError:  # another build made it first
            shutil.rmtree(tmp, ignore_errors=True)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return merged


def override_of(content: Path, rel: str) -> Path | None:
    """The content project's own `layouts/<rel>` when it overrides the shipped file (for
    messages: an error names the file the editor wrote, not its copy in the merged tree)."""
    path = content / OVERRIDE_DIR / rel
    return path if path.is_file() else None
