"""Edition registry: the --formats key -> the class that renders it.

To add an edition: write a module with an `Edition` subclass and add one line here.
"""

from __future__ import annotations

import importlib

from .base import FORMATS, Edition

REGISTRY: dict[str, str] = {
    "audio": "greenpub.editions.audio:AudioEdition",
    "cards": "greenpub.editions.cards:CardsEdition",
    "braille": "greenpub.editions.braille:BrailleEdition",
    "pdf": "greenpub.editions.print:PrintEdition",
    "video": "greenpub.editions.video:VideoEdition",
    "web": "greenpub.editions.web:WebEdition",  # last: links to every other edition
}


def load(name: str) -> Edition:
    module, _, cls = REGISTRY[name].partition(":")
    return getattr(importlib.import_module(module), cls)()  # type: ignore[no-any-return]


def available() -> list[str]:
    """Formats whose module is present (editions under construction are skipped)."""
    names = []
    for name, target in REGISTRY.items():
        module = target.partition(":")[0]
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name and module.startswith(exc.name):
                continue
            raise
        names.append(name)
    return names


__all__ = ["FORMATS", "REGISTRY", "Edition", "load", "available"]
