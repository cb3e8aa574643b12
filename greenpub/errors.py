"""Exception hierarchy. Every message is Korean (users are editors) and names
the file and, where known, the line, so the CLI can print it as-is."""

from __future__ import annotations

from pathlib import Path


class GreenpubError(Exception):
    """Base of every error a user may see. `exit_code` is what the CLI returns."""

    exit_code = 2

    def __init__(self, message: str, file: str | Path | None = None, line: int | None = None):
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line
        super().__init__(self.format())

    def __reduce__(self):  # type: ignore[no-untyped-def]
        # Errors cross process boundaries (parallel editions); keep file and line.
        return (_rebuild, (type(self), self.__dict__.copy()))

    def format(self) -> str:
        if self.file and self.line:
            return f"{self.file}:{self.line}: {self.message}"
        if self.file:
            return f"{self.file}: {self.message}"
        return self.message


class ConfigError(GreenpubError):
    """site.yaml or an edition's settings are wrong."""


class ContentError(GreenpubError):
    """An issue or article file cannot be read or is invalid."""


class ReviewError(GreenpubError):
    """A review command was given something it cannot record."""


class RenderError(GreenpubError):
    """An edition could not render valid input (e.g. text that does not fit a card)."""


class BuildLockedError(GreenpubError):
    """Another build is writing the same output folder."""

    exit_code = 3


class ContentErrors(GreenpubError):
    """Several content errors found in one pass; reported together."""

    def __init__(self, errors: list[GreenpubError]):
        self.errors = errors
        super().__init__("\n".join(e.format() for e in errors))

    def format(self) -> str:  # pragma: no cover - trivial
        return "\n".join(e.format() for e in getattr(self, "errors", []))


def _rebuild(cls: type[GreenpubError], state: dict) -> GreenpubError:  # type: ignore[type-arg]
    err = cls.__new__(cls)
    err.__dict__.update(state)
    Exception.__init__(err, err.format())
    return err
