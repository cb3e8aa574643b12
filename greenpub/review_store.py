"""What was approved: a content-addressed store of canonical forms inside the content folder.

`review approve` saves the canonical form (hashing.py) of the version it records under
``content/.review-store/<sha256 of the form>.json``; the file name is the digest of the bytes,
so a stored version can never be edited in place, and the hash in a review entry (its first
12 hex digits) finds it again. The store is kept in version control with the content (the
reader skips folders starting with a dot). The lock file in it serialises writers.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from . import messages as M
from .content.hashing import HASH_PREFIX
from .errors import ReviewError
from .fsutil import atomic_write_bytes

STORE_DIR = ".review-store"
LOCK_NAME = ".lock"
LOCK_TIMEOUT = 60.0  # seconds; an approval takes well under one


class ApprovedStore:
    def __init__(self, content_dir: Path):
        self.root = Path(content_dir) / STORE_DIR

    def save(self, canonical: str) -> Path:
        data = canonical.encode("utf-8")
        path = self.root / f"{hashlib.sha256(data).hexdigest()}.json"
        if not path.exists():
            self._prepare()
            atomic_write_bytes(path, data)
            path.chmod(0o644)  # mkstemp makes 0600; these are shared content files
        return path

    def _prepare(self) -> None:
        """The folder, with a .gitignore for the lock file (the rest is kept with the content)."""
        self.root.mkdir(parents=True, exist_ok=True)
        gitignore = self.root / ".gitignore"
        if not gitignore.exists():
            atomic_write_bytes(gitignore, f"{LOCK_NAME}\n".encode())
            gitignore.chmod(0o644)

    def load(self, content_hash: str | None) -> dict[str, Any] | None:
        """The canonical data approved under `content_hash`, or None when not stored."""
        if not content_hash or not content_hash.startswith(HASH_PREFIX):
            return None
        digest = content_hash[len(HASH_PREFIX):]
        if not digest.isalnum() or not self.root.is_dir():
            return None
        for path in sorted(self.root.glob(f"{digest}*.json")):
            try:
                return json.loads(path.read_text("utf-8"))
            except (OSError, ValueError):
                return None
        return None

    @contextmanager
    def lock(self) -> Iterator[None]:
        """One writer at a time for every review entry of this content folder."""
        self._prepare()
        with open(self.root / LOCK_NAME, "a+") as fh:
            deadline = time.monotonic() + LOCK_TIMEOUT
            while True:
                try:
                    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise ReviewError(M.REVIEW_LOCKED.format(seconds=int(LOCK_TIMEOUT))) \
                            from None
                    time.sleep(0.02)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)
