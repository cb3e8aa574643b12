"""Typed settings: pydantic models validated against the ruamel tree of a YAML file.

Every error pydantic finds is mapped back to the line it came from and worded in
Korean, with a "did you mean" for a misspelt key; all errors of a file are reported
at once (`ContentErrors`), never just the first.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any, TypeVar, get_origin

from pydantic import BaseModel, ConfigDict, ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from . import messages as M
from .content.frontmatter import line_of
from .errors import ConfigError

S = TypeVar("S", bound=BaseModel)


class Settings(BaseModel):
    """Base of every settings model: unknown keys are errors, values are not coerced
    from other types (a quoted "2" is not a number), instances are immutable."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def plain(value: Any) -> Any:
    """ruamel's CommentedMap/Seq as plain dicts and lists (what pydantic expects)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def validate(model: type[S], node: Any, path: Path, prefix: str = "", base_line: int = 1,
             value: Any = None, context: dict[str, Any] | None = None
             ) -> tuple[S | None, list[ConfigError]]:
    """The model made from `node` (a ruamel subtree of the file at `path`), or its errors.

    `value` is what to validate when it is not the whole node (lines still come from it);
    `context` reaches the model's validators (`info.context`), e.g. the names a file
    defines that other parts of it may refer to.
    """
    if value is None:
        value = plain(node) if node is not None else {}
    try:
        return model.model_validate(value, context=context), []
    except ValidationError as exc:
        errors = [_korean(err, model, node, path, prefix, base_line) for err in exc.errors()]
        return None, list({e.format(): e for e in errors}.values())


def _walk(node: Any, loc: tuple[Any, ...], base: int) -> tuple[Any, Any, int]:
    """(parent node, last key, line) for a pydantic error location inside `node`."""
    parent: Any = node
    key: Any = None
    line = line_of(node, None, base)
    for part in loc:
        if isinstance(parent, CommentedMap) and part in parent:
            line = line_of(parent, part, base)
            key, parent = part, parent[part]
        elif isinstance(parent, CommentedSeq) and isinstance(part, int) and part < len(parent):
            line = line_of(parent, part, base)
            key, parent = part, parent[part]
        else:
            key = part
            break
    return parent, key, line


def line_at(node: Any, loc: tuple[Any, ...], base: int = 1) -> int:
    """The file line of the value at `loc` (keys and indexes) inside ruamel `node`."""
    return _walk(node, loc, base)[2]


def _field_name(prefix: str, loc: tuple[Any, ...]) -> str:
    name = prefix
    for part in loc:
        if part == "[key]":  # pydantic's marker for an error in a dict key (the key is named)
            continue
        if isinstance(part, int):
            name += f"[{part}]"
        else:
            name += ("." if name and not name.endswith(".") else "") + str(part)
    return name


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The nested model that owns the last key of `loc` (for "did you mean" suggestions)."""
    current: Any = model
    keyed = False  # the next part is a key of a dict field, not a field name
    for part in loc[:-1]:
        if isinstance(part, int) or keyed:
            keyed = False
            continue
        field = current.model_fields.get(str(part)) if isinstance(current, type) and \
            issubclass(current, BaseModel) else None
        if field is None:
            return None
        keyed = _is_dict(field.annotation)
        current = _inner_model(field.annotation)
        if current is None:
            return None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _is_dict(annotation: Any) -> bool:
    if get_origin(annotation) is dict:
        return True
    return any(get_origin(arg) is dict for arg in getattr(annotation, "__args__", ()) or ())


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def suggest(word: str, known: list[str]) -> str:
    close = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    return M.DID_YOU_MEAN.format(key=close[0]) if close else ""


def unknown_key_error(key: str, known: list[str], path: Path, line: int,
                      prefix: str = "") -> ConfigError:
    return ConfigError(M.UNKNOWN_SETTING_KEY.format(
        key=f"{prefix}{key}", hint=suggest(key, known), known=", ".join(known)), path, line)


def _short(value: Any) -> str:
    text = str(value)
    text = text if len(text) <= 40 else text[:40] + "…"
    return f'"{text}"' if isinstance(value, str) else text


_EXPECTED = {
    "string_type": M.T_TEXT, "int_type": M.T_INT, "int_from_float": M.T_INT,
    "float_type": M.T_NUMBER, "bool_type": M.T_BOOL, "dict_type": M.T_MAP,
    "list_type": M.T_LIST, "model_type": M.T_MAP, "model_attributes_type": M.T_MAP,
    "date_type": M.T_DATE, "tuple_type": M.T_LIST,
}


def _korean(err: Any, model: type[BaseModel], node: Any, path: Path, prefix: str,
            base: int) -> ConfigError:
    loc = tuple(err["loc"])
    kind = err["type"]
    field = _field_name(prefix, loc)
    parent, key, line = _walk(node, loc, base)
    value = err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "extra_forbidden":
        owner = _model_at(model, loc)
        known = list(owner.model_fields) if owner else []
        owner_name = _field_name(prefix, loc[:-1]).rstrip(".")
        return unknown_key_error(str(loc[-1]), known, path, line,
                                 owner_name + "." if owner_name else "")
    if kind == "missing":
        return ConfigError(M.MISSING_FIELD.format(field=field), path, line)
    if kind == "string_too_short":
        return ConfigError(M.EMPTY_FIELD.format(field=field), path, line)
    if kind in ("too_short", "too_long"):
        limits = [M.LENGTH_AT_LEAST.format(low=ctx["min_length"])] if ctx.get("min_length") \
            else []
        if ctx.get("max_length") is not None:
            limits.append(M.LENGTH_AT_MOST.format(high=ctx["max_length"]))
        return ConfigError(M.BAD_LENGTH.format(field=field, limits=", ".join(limits)), path, line)
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return ConfigError(M.OUT_OF_RANGE.format(field=field, value=_short(value),
                                                 limit=_range_words(kind, ctx)), path, line)
    if kind in ("literal_error", "enum"):
        return ConfigError(M.NOT_ONE_OF.format(field=field, value=_short(value),
                                               known=str(ctx.get("expected", "")).replace(" or ", ", ")), path, line)
    if kind == "string_pattern_mismatch":
        return ConfigError(M.BAD_FORMAT.format(field=field, value=_short(value)), path, line)
    if kind == "value_error":
        # Our validators raise ValueError with a Korean sentence ({field} is filled in here).
        message = str(ctx.get("error") or err.get("msg", "")).removeprefix("Value error, ")
        return ConfigError(message.replace("{field}", field), path, line)
    expected = _EXPECTED.get(kind)
    if expected is None and kind.endswith("_parsing"):
        expected = _EXPECTED.get(kind.replace("_parsing", "_type"))
    return ConfigError(M.WRONG_TYPE.format(field=field, expected=expected or M.T_VALUE,
                                           value=_short(value)), path, line)


def _range_words(kind: str, ctx: dict[str, Any]) -> str:
    limit = next(iter(ctx.values()), "")
    return {"greater_than_equal": M.AT_LEAST, "less_than_equal": M.AT_MOST,
            "greater_than": M.MORE_THAN, "less_than": M.LESS_THAN}[kind].format(limit=limit)
