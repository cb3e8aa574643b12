"""Dependency-tracked build cache (in the spirit of Lektor's build state).

Each output unit (an article page, an issue PDF, an article MP3, ...) is stored
with the named digests of what it was made from. A rebuild whose digests match
copies the stored files instead of rendering; otherwise it renders and records
which inputs changed, so build-report.json can say what was rebuilt and why.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__


def canonical(value: Any) -> Any:
    """`value` as plain JSON data, or TypeError for a type whose identity we cannot see.

    A cache key made with `str()` of an unknown object (a config object, a Path whose
    file changed) would be wrong in silence; an explicit refusal makes the unit say
    what it is made from.
    """
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    if isinstance(value, dict):
        return {str(k): canonical(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted(canonical(v) for v in value)
    if isinstance(value, enum.Enum):
        return canonical(value.value)
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):  # plain records
        return {f.name: canonical(getattr(value, f.name)) for f in dataclasses.fields(value)}
    dump = getattr(value, "model_dump", None)  # pydantic settings models
    if callable(dump):
        return canonical(dump())
    raise TypeError(f"digest() cannot key a {type(value).__name__}: pass its identity")


def digest(*parts: Any) -> str:
    """Stable digest of plain data and bytes; a file's contents are NOT read here."""
    h = hashlib.sha256()
    for p in parts:
        if isinstance(p, bytes):
            h.update(p)
        else:
            h.update(json.dumps(canonical(p), sort_keys=True, ensure_ascii=False).encode())
        h.update(b"\x00")
    return h.hexdigest()[:20]


@functools.lru_cache(maxsize=64)
def code_digest(root: Path) -> str:
    """Digest of one edition package's code (cached: code does not change during a build)."""
    return tree_digest(root)


def tree_digest(*roots: Path) -> str:
    """Digest of every file under the given folders (templates, themes, fonts config)."""
    h = hashlib.sha256()
    for root in roots:
        if root.is_file():
            files = [root]
        elif root.is_dir():
            # Bytecode caches come and go with the interpreter's settings; they are not inputs.
            files = sorted(p for p in root.rglob("*") if p.is_file()
                           and "__pycache__" not in p.parts and p.suffix != ".pyc")
        else:
            continue
        for p in files:
            h.update(str(p.relative_to(root if root.is_dir() else root.parent)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:20]


@dataclass
class UnitRecord:
    unit: str
    edition: str
    status: str  # "hit" | "built"
    reason: str = ""


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0
    records: list[UnitRecord] = field(default_factory=list)


class BuildCache:
    """Stores units under <root>/units/<edition>/<unit-digest>/ (meta.json + files/)."""

    def __init__(self, root: Path, force: bool = False):
        self.root = root
        self.force = force

    def folder(self, name: str) -> Path:
        """A private folder for an edition's own cache (e.g. TTS results)."""
        path = self.root / name
        path.mkdir(parents=True, exist_ok=True)
        return path

    def unit(self, edition: str, unit_id: str, inputs: dict[str, Any], out: Path,
             produce: Callable[[Path], dict[str, Any] | None],
             stats: CacheStats) -> dict[str, Any]:
        """Materialise one unit's files into `out`; render only when inputs changed.

        `produce(tmp)` writes files at their output-relative paths under `tmp` and
        may return JSON-able data (durations, alt texts) that is cached with them.
        """
        inputs = {**inputs, "generator": __version__}
        entry = self.root / "units" / edition / hashlib.sha1(unit_id.encode()).hexdigest()[:16]
        meta_path = entry / "meta.json"
        old: dict[str, Any] | None = None
        if meta_path.is_file():
            try:
                old = json.loads(meta_path.read_text("utf-8"))
            except (OSError, ValueError):
                old = None
        want = {k: digest(v) for k, v in inputs.items()}
        if old is not None and not self.force and old.get("inputs") == want \
                and _intact(entry / "files", old):
            _copy_files(entry / "files", out, old["files"])
            stats.hits += 1
            stats.records.append(UnitRecord(unit_id, edition, "hit"))
            return old.get("data") or {}
        if self.force:
            reason = "forced"
        elif old is None:
            reason = "new"
        else:
            changed = sorted(k for k in want if old.get("inputs", {}).get(k) != want[k])
            reason = "changed: " + ", ".join(changed or ["files missing"])
        entry.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".unit-", dir=entry.parent))
        try:
            (tmp / "files").mkdir()
            data = produce(tmp / "files") or {}
            files_root = tmp / "files"
            files = sorted(str(p.relative_to(files_root)) for p in files_root.rglob("*")
                           if p.is_file()) if files_root.exists() else []
            # Output files are hard links to these: their size and mtime show a file that
            # was changed in place (by hand, in output/) so it is never served again.
            file_stats = {f: _stat(files_root / f) for f in files}
            (tmp / "meta.json").write_text(json.dumps(
                {"unit": unit_id, "inputs": want, "files": files, "stats": file_stats,
                 "data": data},
                ensure_ascii=False, indent=1), "utf-8")
            if entry.exists():
                shutil.rmtree(entry)
            os.replace(tmp, entry)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
        _copy_files(entry / "files", out, files)
        stats.misses += 1
        stats.records.append(UnitRecord(unit_id, edition, "built", reason))
        return data


def _stat(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns]


def _intact(root: Path, meta: dict[str, Any]) -> bool:
    stats = meta.get("stats") or {}
    try:
        return all(stats.get(f) == _stat(root / f) for f in meta.get("files", []))
    except OSError:
        return False


def _copy_files(src_root: Path, out: Path, files: list[str]) -> None:
    for rel in files:
        dest = out / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        if dest.exists() or dest.is_symlink():
            dest.unlink()  # the same unit materialised twice (an image on two pages)
        try:
            os.link(src_root / rel, dest)  # cache files are never modified in place
        except OSError:
            shutil.copy2(src_root / rel, dest)
