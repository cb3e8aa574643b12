"""The review desk: a small web application where committee members sign in, see the drafts
as residents get them and what changed since they last decided, and decide.

accounts.py (argon2 password file, sign-in lockout), audit.py (append-only JSON-lines log and
the `check` hook), preview.py (the drafts preview built into the desk's own folder and rebuilt
in a watchfiles thread), app.py (the Starlette application: sessions, CSRF, pages, decisions).
Every decision goes through `review.approve`, the same writer and rules as `review approve`.
"""

from __future__ import annotations

from pathlib import Path


def desk_dir(content: Path) -> Path:
    """The desk's private folder beside the content folder (git-ignored, never in content/)."""
    return content.resolve().parent / ".greenpub-desk"
