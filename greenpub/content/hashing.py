"""The content hash the editorial committee approves.

Definition (documented in README): take title, subtitle, summary and body as
readers see them; for each, normalise to NFC, turn CRLF/CR into LF, strip
trailing spaces and tabs on every line and blank lines at both ends; join the
four with a line holding only U+001E (record separator); sha256 over UTF-8;
keep the first 12 hex digits. Front matter other than those fields (review
entries, images, card texts) does not change the hash, so recording a review
never invalidates another.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

HASH_LENGTH = 12
_TRAILING = re.compile(r"[ \t]+$", re.M)


def normalise(text: str | None) -> str:
    text = unicodedata.normalize("NFC", text or "")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _TRAILING.sub("", text)
    return text.strip("\n")


def content_hash(title: str | None, subtitle: str | None, summary: str | None,
                 body: str | None) -> str:
    joined = "\n\x1e\n".join(normalise(p) for p in (title, subtitle, summary, body))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
