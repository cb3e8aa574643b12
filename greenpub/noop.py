"""The no-op rebuild: when nothing a build reads has changed since the last successful
build into the same output folder, and that output is still exactly as it was left,
there is nothing to do (like make).

"Everything a build reads" is stat-fingerprinted without importing any edition: every
file in the content folder (layout overrides included), greenpub's own code and shipped
layouts, the installed editions (entry points) and the versions of the libraries that
render, the Python version, and the build options as given. Any difference, or any file
of the output touched, runs the real pipeline, whose unit cache then decides what to
render again.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
from importlib.metadata import PackageNotFoundError, entry_points, version
from pathlib import Path
from typing import Any

from .fsutil import atomic_write_bytes

STATE = "last-build.json"
PACKAGE = Path(__file__).resolve().parent
# Libraries whose output goes into the files; a new version means a real build.
LIBRARIES = ("weasyprint", "pydyf", "braillify", "pillow", "jinja2", "markdown", "nh3",
             "lameenc", "mutagen", "pyloudnorm", "gTTS", "segno", "fonttools", "pikepdf",
             "lxml", "pydantic", "ruamel.yaml")


def _tree(h: Any, root: Path) -> None:
    if not root.exists():
        h.update(b"-missing-" + str(root).encode())
        return
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(filenames):
            if name.endswith(".pyc"):
                continue
            p = os.path.join(dirpath, name)
            try:
                st = os.stat(p)
            except OSError:
                continue
            h.update(f"{os.path.relpath(p, root)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())


def fingerprint(content: Path, options: dict[str, Any]) -> str:
    from .overrides import shipped_root

    h = hashlib.sha256()
    h.update(json.dumps(options, sort_keys=True, default=str).encode())
    h.update(platform.python_version().encode())
    for root in (content, PACKAGE, shipped_root() / "layouts"):
        _tree(h, root)
    eps = sorted((ep.name, ep.value) for ep in entry_points(group="greenpub.editions"))
    h.update(json.dumps(eps).encode())
    for lib in LIBRARIES:
        try:
            h.update(f"{lib}={version(lib)}".encode())
        except PackageNotFoundError:
            h.update(f"{lib}=-".encode())
    return h.hexdigest()


def output_state(out: Path) -> list[list[Any]]:
    state = []
    for dirpath, dirnames, filenames in os.walk(out):
        dirnames.sort()
        for name in sorted(filenames):
            p = os.path.join(dirpath, name)
            st = os.stat(p)
            state.append([os.path.relpath(p, out), st.st_size, st.st_mtime_ns])
    return state


def replay(cache_root: Path, out: Path, key: str) -> dict[str, Any] | None:
    """The stored summary of the last build when it is still current, else None."""
    try:
        state = json.loads((cache_root / STATE).read_text("utf-8"))
        if state.get("key") != key or state.get("output") != output_state(out):
            return None
        report_path = out / "build-report.json"
        report = json.loads(report_path.read_text("utf-8"))
    except (OSError, ValueError, AttributeError):
        return None
    summary: dict[str, Any] = state["summary"]
    # this build did nothing: no unit, no TTS call, no page laid out
    report.update({"noop": True, "seconds": 0.0, "rebuilt": [], "cache": {"hits": 0, "misses": 0},
                   "timings": {}, "counters": {k: 0 for k in report.get("counters", {})}})
    atomic_write_bytes(report_path, json.dumps(report, ensure_ascii=False, indent=2).encode())
    _save(cache_root, key, out, summary)  # the report's new mtime is part of the output
    return summary


def record(cache_root: Path, out: Path, key: str, summary: dict[str, Any]) -> None:
    try:
        _save(cache_root, key, out, summary)
    except OSError:
        pass  # only a shortcut for the next build


def _save(cache_root: Path, key: str, out: Path, summary: dict[str, Any]) -> None:
    cache_root.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(cache_root / STATE, json.dumps(
        {"key": key, "output": output_state(out), "summary": summary},
        ensure_ascii=False).encode())
