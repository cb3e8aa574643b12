"""The content hash the editorial committee approves, and the canonical form it is taken over.

Definition (version 2, documented in README): the canonical form of an article is a JSON
document (keys sorted, UTF-8, two-space indent, a final newline) holding

- ``front``: every front-matter field except ``review`` — by construction, so a field added
  later is covered without anyone listing it. Strings are NFC, LF line ends, trailing spaces
  and tabs stripped on every line, surrounding blank space stripped; dates are ISO strings;
  numbers and booleans stay JSON numbers and booleans; lists and mappings recurse;
- ``body``: the Markdown body, normalised like a string but keeping leading spaces;
- ``images``: ``{src: sha256 of the file's bytes}`` for every image the article uses
  (front matter and body);
- ``version``: 2.

The hash is ``v2-`` followed by the first 12 hex digits of sha256 over the canonical form.
A hash without the ``v2-`` prefix was made under version 1 (title, subtitle, summary and
body only); the gate reports such approvals as made under an older definition.
Recording a review never changes the hash, so one approval never invalidates another.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

HASH_VERSION = 2
HASH_PREFIX = f"v{HASH_VERSION}-"
HASH_LENGTH = 12  # hex digits after the prefix
EXCLUDED_KEYS = frozenset({"review"})  # the only front-matter field outside the hash
_TRAILING = re.compile(r"[ \t]+$", re.MULTILINE)


def normalise(text: str | None) -> str:
    text = unicodedata.normalize("NFC", text or "")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _TRAILING.sub("", text)
    return text.strip("\n")


def _plain(value: Any) -> Any:
    """A ruamel value as plain JSON data, strings normalised."""
    if isinstance(value, Mapping):
        return {unicodedata.normalize("NFC", str(k)): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, bool):
        return value
    if type(value).__name__ == "ScalarBoolean":  # ruamel keeps yes/no as an int subclass
        return bool(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return normalise(str(value)).strip()


def canonical_data(meta: Mapping[str, Any], body: str | None,
                   images: Iterable[tuple[str, str]]) -> dict[str, Any]:
    front = {k: v for k, v in _plain(meta).items() if k not in EXCLUDED_KEYS}
    return {"version": HASH_VERSION, "front": front, "body": normalise(body),
            "images": {unicodedata.normalize("NFC", src): digest for src, digest in images}}


def dump_canonical(data: Mapping[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def canonical_form(meta: Mapping[str, Any], body: str | None,
                   images: Iterable[tuple[str, str]]) -> str:
    """The text the hash is taken over (what `review hash --canonical` prints)."""
    return dump_canonical(canonical_data(meta, body, images))


def content_hash(canonical: str) -> str:
    return HASH_PREFIX + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def hash_version(value: str | None) -> int:
    """The definition a stored hash was made under (1 for the bare 12 hex digits)."""
    m = re.match(r"^v(\d+)-[0-9a-f]+$", value or "")
    return int(m.group(1)) if m else 1


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
