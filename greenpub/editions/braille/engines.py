"""Braille engines behind one small interface: `translate(text) -> Unicode braille`.

Two engines translate Korean print into Korean braille:

- **braillify** (PyPI), written to the 2024 Korean braille standard;
- **liblouis** (Debian python3-louis) with its Korean grade-2 table `ko-g2.ctb`
  plus our `greenpub-ko.cti` for punctuation the table lacks.

Both return Unicode braille (U+2800 block, U+2800 = blank cell). They are given
words only (Hangul, digits, Latin letters): every symbol is written from
greenpub's reviewed table (symbols.py). Which engine is the default is a
measured fact, recorded in docs/BRAILLE.md (see `DEFAULT_ENGINE`).
"""

from __future__ import annotations

import functools
from abc import ABC, abstractmethod
from pathlib import Path
from typing import ClassVar

from ...errors import RenderError
from . import messages as M

BLANK = "\u2800"

# Measured on ../shared/braille-rules (docs/BRAILLE.md): braillify 99.8 % exact,
# liblouis ko-g2 66 %. Re-run benchmarks/bench_braille.py before changing it.
DEFAULT_ENGINE = "braillify"
# Exact rows out of the standard's 499 examples through greenpub's transcriber
# (symbols from the table, words from the engine); a test re-measures them.
MEASURED: dict[str, tuple[int, int]] = {"braillify": (498, 499), "liblouis": (345, 499)}
ACCEPTED_RATE = 0.995  # below it, a build with the engine warns with its figure


def is_six_dot(text: str) -> bool:
    """True when every character is a 6-dot cell (U+2800..U+283F)."""
    return all("\u2800" <= ch <= "\u283f" for ch in text)


class BrailleEngine(ABC):
    """Translates one paragraph of (preprocessed) print into Unicode braille."""

    name: ClassVar[str]
    label: ClassVar[str]  # shown to transcribers in the check report

    @abstractmethod
    def translate(self, text: str) -> str:
        """Unicode braille for `text`; blanks between words are U+2800."""

    @abstractmethod
    def version(self) -> str:
        """Engine and table version, part of the cache key."""


class BraillifyEngine(BrailleEngine):
    name = "braillify"
    label = "braillify"

    def __init__(self) -> None:
        import braillify  # imported here: a missing engine must not break the others

        self._module = braillify

    def translate(self, text: str) -> str:
        if not text.strip():
            return ""
        return str(self._module.translate_to_unicode(text))

    def version(self) -> str:
        from importlib.metadata import PackageNotFoundError, version

        try:
            return f"braillify {version('braillify')}"
        except PackageNotFoundError:  # pragma: no cover - installed without metadata
            return "braillify"


class LouisEngine(BrailleEngine):
    name = "liblouis"
    label = "liblouis (ko-g2)"
    TABLE = "ko-g2.ctb"
    EXTRA = Path(__file__).with_name("greenpub-ko.cti")

    def __init__(self) -> None:
        import louis

        # The Korean tables redefine emphasis classes; liblouis logs that on every
        # table load. It is harmless and would only clutter the build output.
        louis.setLogLevel(louis.LOG_ERROR)
        self._louis = louis
        self._tables = [str(self.EXTRA), self.TABLE]
        self._mode = louis.dotsIO | louis.ucBrl

    def translate(self, text: str) -> str:
        if not text.strip():
            return ""
        out = self._louis.translateString(self._tables, text, mode=self._mode)
        # Trailing blanks come from trailing spaces only; keep cells as they are.
        return str(out)

    def version(self) -> str:
        return f"liblouis {self._louis.version()} {self.TABLE}+{self.EXTRA.name}"


ENGINES: dict[str, type[BrailleEngine]] = {
    BraillifyEngine.name: BraillifyEngine,
    LouisEngine.name: LouisEngine,
}


@functools.cache
def load_engine(name: str) -> BrailleEngine:
    """The engine called `name`; RenderError (Korean) when unknown or not installed."""
    cls = ENGINES.get(name)
    if cls is None:
        raise RenderError(M.UNKNOWN_ENGINE.format(value=name, known=", ".join(ENGINES)))
    try:
        return cls()
    except ImportError:
        raise RenderError(M.ENGINE_MISSING.format(name=name)) from None


def available_engines() -> list[str]:
    """Engine names that load on this machine, the default first."""
    names = []
    for name in sorted(ENGINES, key=lambda n: (n != DEFAULT_ENGINE, n)):
        try:
            load_engine(name)
        except RenderError:
            continue
        names.append(name)
    return names


def default_engine() -> str:
    """The measured best engine when installed, else the first one that loads."""
    names = available_engines()
    if not names:
        raise RenderError(M.NO_ENGINE)
    return names[0]
