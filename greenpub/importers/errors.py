"""The error of a file that cannot be imported (exit 2, Korean message naming the file)."""

from __future__ import annotations

from ..errors import GreenpubError


class ImportFailed(GreenpubError):
    """A document was refused: protected, corrupt, or not a supported kind."""
