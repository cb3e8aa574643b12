"""Typed access to a ruamel mapping with Korean errors naming file and line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .. import messages as M
from ..errors import ContentError
from .frontmatter import line_of


class Fields:
    """Wraps one YAML mapping: `req_str("title")`, `opt_int(...)`, ... with line-aware errors."""

    def __init__(self, node: Any, path: Path, base_line: int, prefix: str = "",
                 error: type[ContentError] = ContentError):
        self.node = node if isinstance(node, CommentedMap) else CommentedMap()
        self.path = path
        self.base = base_line
        self.prefix = prefix
        self.error = error

    def name(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def line(self, key: str | None = None) -> int:
        return line_of(self.node, key, self.base)

    def fail(self, message: str, key: str | None = None) -> ContentError:
        return self.error(message, self.path, self.line(key))

    def has(self, key: str) -> bool:
        return key in self.node and self.node[key] is not None

    def _type_error(self, key: str, expected: str) -> ContentError:
        value = str(self.node.get(key))
        if len(value) > 40:
            value = value[:40] + "…"
        return self.fail(M.WRONG_TYPE.format(field=self.name(key), expected=expected,
                                             value=value), key)

    def req_str(self, key: str) -> str:
        if not self.has(key):
            raise self.error(M.MISSING_FIELD.format(field=self.name(key)), self.path,
                             self.line(None))
        value = self.opt_str(key)
        if not value:
            raise self.fail(M.EMPTY_FIELD.format(field=self.name(key)), key)
        return value

    def opt_str(self, key: str, default: str | None = None) -> str | None:
        if not self.has(key):
            return default
        value = self.node[key]
        if isinstance(value, bool) or isinstance(value, (CommentedMap, CommentedSeq, list, dict)):
            raise self._type_error(key, M.T_TEXT)
        return str(value).strip()

    def req_int(self, key: str) -> int:
        if not self.has(key):
            raise self.error(M.MISSING_FIELD.format(field=self.name(key)), self.path,
                             self.line(None))
        value = self.node[key]
        if isinstance(value, bool) or not isinstance(value, int):
            raise self._type_error(key, M.T_INT)
        return int(value)

    def req_date(self, key: str) -> dt.date:
        if not self.has(key):
            raise self.error(M.MISSING_FIELD.format(field=self.name(key)), self.path,
                             self.line(None))
        value = self.opt_date(key)
        assert value is not None
        return value

    def opt_date(self, key: str) -> dt.date | None:
        if not self.has(key):
            return None
        value = self.node[key]
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        raise self._type_error(key, M.T_DATE)

    def opt_list(self, key: str) -> list[Any]:
        if not self.has(key):
            return []
        value = self.node[key]
        if not isinstance(value, list):
            raise self._type_error(key, M.T_LIST)
        return value

    def opt_map(self, key: str) -> CommentedMap | None:
        if not self.has(key):
            return None
        value = self.node[key]
        if not isinstance(value, CommentedMap):
            raise self._type_error(key, M.T_MAP)
        return value

    def sub(self, node: Any, prefix: str) -> Fields:
        base = self.base
        return Fields(node, self.path, base, prefix, self.error)

    def item_line(self, seq: Any, index: int) -> int:
        return line_of(seq, index, self.base)

    def check_keys(self, allowed: set[str]) -> None:
        for key in self.node:
            if key not in allowed:
                raise self.fail(M.UNKNOWN_KEY.format(key=self.name(str(key)),
                                                     known=", ".join(sorted(allowed))), key)
