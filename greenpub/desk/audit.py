"""The desk's append-only record: one JSON line per decision (member, time, client address,
article, checkpoint, decision, hash), each carrying the digest of the line before (`prev`), so editing or
removing a line is detected. The first line, written when the log is created, lists
the decisions already in the front matter then (`kind: baseline`), so `check` can flag any
later front-matter decision the log does not contain: one typed in by hand."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from . import desk_dir
from . import messages as DM

LOG_NAME = "audit.jsonl"
Key = tuple[str, str, str, str, str]  # article file, checkpoint, by, status, hash


def log_path(content: Path) -> Path:
    return desk_dir(content) / LOG_NAME


@contextlib.contextmanager
def _locked_append(path: Path) -> Iterator[int]:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield fd
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _digest(line: bytes) -> str:
    return hashlib.sha256(line.rstrip(b"\n")).hexdigest()


def _previous(path: Path) -> str:
    """The digest of the log's last line ('' for an empty log): each line carries its
    predecessor's digest in `prev`, so an edited or removed line breaks the chain."""
    try:
        with open(path, "rb") as f:
            end = f.seek(0, os.SEEK_END)
            tail = b""
            pos = end
            while pos > 0:  # read backwards until the last line is whole
                step = min(65536, pos)
                pos -= step
                f.seek(pos)
                tail = f.read(step) + tail
                if b"\n" in tail.rstrip(b"\n"):
                    break
    except OSError:
        return ""
    tail = tail.rstrip(b"\n")
    return _digest(tail.rsplit(b"\n", 1)[-1]) if tail else ""


def _write(fd: int, record: dict[str, Any], path: Path) -> None:
    record = record | {"prev": _previous(path)}
    line = (json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
    os.write(fd, line)  # one write on an O_APPEND descriptor under the lock
    os.fsync(fd)


def front_matter_keys(content: Path, issues: list[Any]) -> list[Key]:
    root = content.resolve()
    keys = []
    for issue in issues:
        for a in issue.articles:
            rel = a.file.resolve().relative_to(root).as_posix()
            for e in a.review:
                keys.append((rel, e.checkpoint, e.by or "", e.status.value, e.hash or ""))
    return keys


def ensure_log(content: Path, issues: list[Any]) -> Path:
    """Create the log with its baseline line if it does not exist yet."""
    path = log_path(content)
    with _locked_append(path) as fd:
        if os.fstat(fd).st_size == 0:
            _write(fd, {"kind": "baseline", "time": _now(),
                        "entries": [list(k) for k in front_matter_keys(content, issues)]},
                   path)
    return path


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def record(content: Path, *, member: str, client: str, article: str, checkpoint: str,
           decision: str, hash: str, note: str | None) -> dict[str, Any]:
    entry = {"kind": "decision", "member": member, "time": _now(), "client": client,
             "article": article, "checkpoint": checkpoint, "decision": decision,
             "hash": hash, "note": note or ""}
    path = log_path(content)
    with _locked_append(path) as fd:
        _write(fd, entry, path)
    return entry


def read_log(content: Path) -> list[dict[str, Any]]:
    path = log_path(content)
    if not path.exists():
        return []
    out = []
    for line in path.read_text("utf-8").splitlines():
        line = line.strip()
        if line:
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError:
                continue  # a torn last line after a crash is no decision
    return out


def broken_lines(path: Path) -> list[int]:
    """Line numbers whose `prev` is not the digest of the line before (edited or removed)."""
    broken = []
    prev = ""
    for n, line in enumerate(path.read_bytes().splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError:
            broken.append(n)
            prev = _digest(line)
            continue
        if rec.get("prev", "") != prev:
            broken.append(n)
        prev = _digest(line)
    return broken


def logged_keys(content: Path) -> Counter[Key]:
    keys: Counter[Key] = Counter()
    for r in read_log(content):
        if r.get("kind") == "baseline":
            keys.update(tuple(k) for k in r.get("entries", []))  # type: ignore[misc]
        elif r.get("kind") == "decision":
            keys[(r["article"], r["checkpoint"], r["member"], r["decision"], r["hash"])] += 1
    return keys


def unlogged_warnings(content: Path, issues: list[Any]) -> list[str]:
    """The `check` hook: Korean warnings for front-matter decisions missing from the log
    (nothing when the desk has never run here)."""
    path = log_path(content)
    if not path.exists():
        return []
    from ..messages import STATUS_LABELS

    left = logged_keys(content)
    warnings = [DM.CHAIN_BROKEN.format(log=path, line=n) for n in broken_lines(path)]
    for key in front_matter_keys(content, issues):
        if left[key] > 0:
            left[key] -= 1
            continue
        rel, cp, by, status, h = key
        warnings.append(DM.UNLOGGED.format(file=rel, checkpoint=cp, by=by or "-",
                                           status=STATUS_LABELS.get(status, status),
                                           hash=h or "-", log=path))
    return warnings
