"""Edition registry: editions are found through the `greenpub.editions` entry points.

To add an edition: write its package (an `Edition` subclass declaring its name, title,
outputs, needs and settings model) and add one line under
`[project.entry-points."greenpub.editions"]` in pyproject.toml. No list of edition
names exists anywhere else in greenpub.
"""

from __future__ import annotations

import functools
from importlib.metadata import entry_points

from .. import messages as M
from ..errors import ConfigError
from .base import ALL, Edition, OutputSpec

GROUP = "greenpub.editions"


@functools.cache
def registry() -> dict[str, type[Edition]]:
    """Every installed edition by name, in render order (an edition after those it needs)."""
    found: dict[str, type[Edition]] = {}
    for ep in sorted(entry_points(group=GROUP), key=lambda e: e.name):
        cls = ep.load()
        if not (isinstance(cls, type) and issubclass(cls, Edition)) or cls.name != ep.name:
            raise ConfigError(M.BAD_EDITION_ENTRY.format(name=ep.name, value=ep.value))
        found.setdefault(ep.name, cls)  # the same distribution seen twice on sys.path
    if not found:
        raise ConfigError(M.NO_EDITIONS)
    return {name: found[name] for name in _render_order(found)}


def _render_order(found: dict[str, type[Edition]]) -> list[str]:
    """Topological order by `needs`; ALL puts an edition after every one without ALL."""
    deps = {name: ([n for n in found if n != name and ALL not in found[n].needs]
                   if ALL in cls.needs else [n for n in cls.needs if n in found])
            for name, cls in found.items()}
    order: list[str] = []
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if name in order:
            return
        if name in visiting:
            raise ConfigError(M.EDITION_CYCLE.format(name=name))
        visiting.add(name)
        for dep in deps[name]:
            visit(dep)
        visiting.discard(name)
        order.append(name)

    for name in sorted(found):
        visit(name)
    return order


def waves(names: list[str] | tuple[str, ...]) -> list[list[str]]:
    """The chosen editions in groups: each group needs only outputs of earlier groups."""
    reg = registry()
    level: dict[str, int] = {}
    for name in reg:  # render order: dependencies first
        if name not in names:
            continue
        cls = reg[name]
        before = [n for n in names if n != name and n in reg and
                  (ALL in cls.needs and ALL not in reg[n].needs or n in cls.needs)]
        level[name] = 1 + max((level[n] for n in before if n in level), default=-1)
    groups: list[list[str]] = [[] for _ in range(max(level.values(), default=-1) + 1)]
    for name, lvl in level.items():
        groups[lvl].append(name)
    return groups


def load(name: str) -> Edition:
    return registry()[name]()


def available() -> list[str]:
    return list(registry())


def resolve(name: str) -> tuple[str, str | None]:
    """An edition name for a --formats word, and a deprecation warning for an old spelling."""
    reg = registry()
    if name in reg:
        return name, None
    for cls in reg.values():
        if name in cls.aliases:
            return cls.name, M.DEPRECATED_FORMAT.format(old=name, new=cls.name)
    raise ConfigError(M.UNKNOWN_FORMAT.format(value=name, known=", ".join(reg)))


def format_help() -> str:
    try:
        return ",".join(available())
    except ConfigError:
        return "-"


def output_specs() -> dict[str, OutputSpec]:
    """Every manifest key of every edition, in render order."""
    specs: dict[str, OutputSpec] = {}
    for cls in registry().values():
        specs.update(cls.outputs)
    return specs


def output_labels(article: bool = False) -> dict[str, str]:
    """Korean labels of every manifest key (as an article's output with `article`)."""
    return {key: (spec.article_label if article and spec.article_label else spec.label)
            for key, spec in output_specs().items()}


__all__ = ["ALL", "Edition", "OutputSpec", "available", "format_help", "load",
           "output_labels", "output_specs", "registry", "resolve", "waves"]
