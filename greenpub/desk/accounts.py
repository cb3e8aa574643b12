"""Members' logins: argon2 hashes in `<desk>/members.json` (outside content/ and git), and the
sign-in lockout (5 failures → that member locked for 15 minutes)."""

from __future__ import annotations

import json
import os
import secrets
import threading
import time
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from ..errors import GreenpubError
from ..fsutil import atomic_write_bytes
from . import messages as DM

MAX_FAILURES = 5
LOCK_SECONDS = 15 * 60
MIN_PASSWORD = 8
# argon2 takes 64 MiB and a core per check: at most two at once on the office machine
_VERIFY_SLOTS = threading.BoundedSemaphore(2)


class Accounts:
    def __init__(self, folder: Path, clock=time.monotonic):  # type: ignore[no-untyped-def]
        self.file = folder / "members.json"
        self.hasher = PasswordHasher()
        self.clock = clock
        self._lock = threading.Lock()
        self._failures: dict[str, list[float]] = {}
        self._locked_until: dict[str, float] = {}
        # a real hash to verify against for unknown ids, so timing does not tell who exists
        self._dummy = self.hasher.hash(secrets.token_hex(16))

    def _read(self) -> dict[str, Any]:
        if not self.file.exists():
            return {"members": {}, "one_time": []}
        data = json.loads(self.file.read_text("utf-8"))
        return {"members": {str(k): str(v) for k, v in data.get("members", {}).items()},
                "one_time": [str(m) for m in data.get("one_time", [])]}

    def _load(self) -> dict[str, str]:
        return dict(self._read()["members"])

    def members(self) -> list[str]:
        return sorted(self._load())

    def one_time(self, member: str) -> bool:
        """True while the member still signs in with the password `add-member` made up."""
        return member in self._read()["one_time"]

    def set_password(self, member: str, password: str, one_time: bool = False) -> Path:
        if not password:
            raise GreenpubError(DM.EMPTY_PASSWORD)
        if len(password) < MIN_PASSWORD:
            raise GreenpubError(DM.SHORT_PASSWORD.format(n=MIN_PASSWORD))
        with self._lock:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            data = self._read()
            data["members"][member] = self.hasher.hash(password)
            data["one_time"] = [m for m in data["one_time"] if m != member] + \
                ([member] if one_time else [])
            atomic_write_bytes(self.file, json.dumps(data, indent=2).encode())
            os.chmod(self.file, 0o600)
        return self.file

    def locked(self, member: str) -> bool:
        with self._lock:
            until = self._locked_until.get(member, 0.0)
            return self.clock() < until

    def verify(self, member: str, password: str) -> bool:
        """True when the password is right and the member is not locked; counts failures."""
        if self.locked(member):
            return False
        stored = self._load().get(member)
        ok = False
        with _VERIFY_SLOTS:
            try:
                ok = self.hasher.verify(stored or self._dummy, password) and stored is not None
            except (VerificationError, InvalidHashError):
                ok = False
        with self._lock:
            if ok:
                self._failures.pop(member, None)
                return True
            now = self.clock()
            recent = [t for t in self._failures.get(member, []) if now - t < LOCK_SECONDS]
            recent.append(now)
            self._failures[member] = recent[-MAX_FAILURES:]
            if len(recent) >= MAX_FAILURES:
                self._locked_until[member] = now + LOCK_SECONDS
                self._failures.pop(member, None)
            if len(self._failures) > 10000:  # bounded memory under a flood of made-up ids
                self._failures.clear()
        return False
