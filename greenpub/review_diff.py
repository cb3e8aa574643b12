"""What changed since an approval: a word-level diff between two canonical forms.

The data structure (`ArticleDiff`) is what the review desk renders; `render_lines` is the
terminal's view (colour, or `[-…-]{+…+}` markers when not a terminal) and `summary` says it
in words ("본문 2곳, 카드 문장 1곳, 사진 1장") for the status table, the build's reasons, the
검토용 banner and the meeting sheet. Front-matter fields are compared by name, the body by
paragraph, images by the digest of their bytes.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher
from typing import Any

FIELD_LABELS = {"title": "제목", "subtitle": "부제", "section": "분류", "author": "글쓴이",
                "author_role": "글쓴이 구분", "summary": "요약", "card": "카드 문장",
                "images": "사진", "tags": "태그", "alt": "대체 텍스트", "caption": "설명",
                "src": "파일", "focus": "초점"}
FIELD_ORDER = ["title", "subtitle", "section", "author", "author_role", "summary", "card",
               "images"]
GROUP_ORDER = ["제목", "부제", "분류", "글쓴이", "글쓴이 구분", "요약", "본문", "카드 문장",
               "사진 설명"]
SINGLE = {"제목", "부제", "분류", "글쓴이", "글쓴이 구분", "요약"}  # no count in the summary
_MISSING = object()
_TOKEN = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Span:
    op: str  # "same" | "removed" | "added"
    text: str


@dataclass(frozen=True)
class TextChange:
    key: str  # "title", "card[2]", "images[0].caption", "body[3]"
    label: str  # Korean: "제목", "카드 문장 3", "사진 1 설명", "본문 4번째 문단"
    group: str  # what the summary counts it under: "제목", "카드 문장", "본문" …
    old: str | None  # None: added
    new: str | None  # None: removed
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class ImageChange:
    src: str
    change: str  # "added" | "removed" | "replaced"
    old_digest: str | None
    new_digest: str | None


@dataclass
class ArticleDiff:
    approved_hash: str | None
    current_hash: str
    known: bool  # False: the approved version is not in the store (only hashes compared)
    fields: list[TextChange] = field(default_factory=list)
    body: list[TextChange] = field(default_factory=list)
    images: list[ImageChange] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.approved_hash != self.current_hash

    @property
    def empty(self) -> bool:
        return not (self.fields or self.body or self.images)

    def summary(self) -> str:
        return summary(self)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"summary": self.summary()}


# --- word diff ----------------------------------------------------------------
def word_spans(old: str | None, new: str | None) -> tuple[Span, ...]:
    """Spans of a word-level diff (words and the spaces between them are the units)."""
    a, b = _TOKEN.findall(old or ""), _TOKEN.findall(new or "")
    spans: list[Span] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if spans and spans[-1].op == op:
            spans[-1] = Span(op, spans[-1].text + text)
        else:
            spans.append(Span(op, text))

    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            add("same", "".join(a[i1:i2]))
            continue
        add("removed", "".join(a[i1:i2]))
        add("added", "".join(b[j1:j2]))
    return tuple(spans)


# --- comparing canonical forms ----------------------------------------------
def _text(value: Any) -> str | None:
    if value is _MISSING or value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "예" if value else "아니오"
    if isinstance(value, (int, float)):
        return str(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _label(path: list[str | int]) -> tuple[str, str]:
    """(label, summary group) of a front-matter path such as ['images', 0, 'caption']."""
    top = str(path[0])
    parts = [FIELD_LABELS.get(top, top)]
    for p in path[1:]:
        parts.append(str(p + 1) if isinstance(p, int) else FIELD_LABELS.get(p, p))
    label = " ".join(parts)
    if top == "images":
        return label, "사진 설명"
    return label, FIELD_LABELS.get(top, top)


def _key(path: list[str | int]) -> str:
    out = str(path[0])
    for p in path[1:]:
        out += f"[{p}]" if isinstance(p, int) else f".{p}"
    return out


def _change(path: list[str | int], old: Any, new: Any, out: list[TextChange]) -> None:
    if old == new:
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for k in list(old) + [k for k in new if k not in old]:
            _change(path + [k], old.get(k, _MISSING), new.get(k, _MISSING), out)
        return
    if isinstance(old, list) and isinstance(new, list):
        _list_change(path, old, new, out)
        return
    if isinstance(old, dict) and new is _MISSING:
        for k, v in old.items():
            _change(path + [k], v, _MISSING, out)
        return
    if old is _MISSING and isinstance(new, dict):
        for k, v in new.items():
            _change(path + [k], _MISSING, v, out)
        return
    if isinstance(old, list) and new is _MISSING or old is _MISSING and isinstance(new, list):
        _list_change(path, old if isinstance(old, list) else [],
                     new if isinstance(new, list) else [], out)
        return
    label, group = _label(path)
    a, b = _text(old), _text(new)
    out.append(TextChange(_key(path), label, group, a, b, word_spans(a, b)))


def _list_change(path: list[str | int], old: list[Any], new: list[Any],
                 out: list[TextChange]) -> None:
    """Align list items (images by their src) so one inserted card sentence is one change."""
    def ident(v: Any) -> str:
        if isinstance(v, dict) and "src" in v:
            return str(v["src"])
        return json.dumps(v, ensure_ascii=False, sort_keys=True)

    a, b = [ident(v) for v in old], [ident(v) for v in new]
    for _tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        pairs = list(zip(range(i1, i2), range(j1, j2)))
        for i, j in pairs:
            _change(path + [j], old[i], new[j], out)
        for i in range(i1 + len(pairs), i2):
            _change(path + [i], old[i], _MISSING, out)
        for j in range(j1 + len(pairs), j2):
            _change(path + [j], _MISSING, new[j], out)


def paragraphs(body: str) -> list[str]:
    return [p for p in re.split(r"\n[ \t]*\n", body) if p.strip()]


def _body_changes(old: str, new: str) -> list[TextChange]:
    a, b = paragraphs(old), paragraphs(new)
    out: list[TextChange] = []

    def add(i: int | None, j: int | None) -> None:
        n = (j if j is not None else i or 0) + 1
        pa = a[i] if i is not None else None
        pb = b[j] if j is not None else None
        out.append(TextChange(f"body[{n - 1}]", f"본문 {n}번째 문단", "본문", pa, pb,
                              word_spans(pa, pb)))

    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        pairs = list(zip(range(i1, i2), range(j1, j2)))
        for i, j in pairs:
            add(i, j)
        for i in range(i1 + len(pairs), i2):
            add(i, None)
        for j in range(j1 + len(pairs), j2):
            add(None, j)
    return out


def _image_changes(old: dict[str, str], new: dict[str, str]) -> list[ImageChange]:
    out = []
    for src in list(old) + [s for s in new if s not in old]:
        a, b = old.get(src), new.get(src)
        if a == b:
            continue
        change = "added" if a is None else "removed" if b is None else "replaced"
        out.append(ImageChange(src, change, a, b))
    return out


def diff_canonical(old: dict[str, Any], new: dict[str, Any], approved_hash: str | None,
                   current_hash: str) -> ArticleDiff:
    """The diff between two canonical forms (hashing.canonical_data)."""
    fields: list[TextChange] = []
    of, nf = old.get("front", {}), new.get("front", {})
    keys = sorted(set(of) | set(nf), key=lambda k: (FIELD_ORDER.index(k)
                                                     if k in FIELD_ORDER else 99, k))
    for k in keys:
        _change([k], of.get(k, _MISSING), nf.get(k, _MISSING), fields)
    return ArticleDiff(approved_hash, current_hash, True, fields,
                       _body_changes(old.get("body", ""), new.get("body", "")),
                       _image_changes(old.get("images", {}), new.get("images", {})))


# --- in words ---------------------------------------------------------------------
def summary(diff: ArticleDiff) -> str:
    """'본문 2곳, 카드 문장 1곳, 사진 1장' — what changed, counted in an editor's units."""
    counts: dict[str, int] = {}
    for c in diff.fields + diff.body:
        counts[c.group] = counts.get(c.group, 0) + 1
    parts = []
    for group in GROUP_ORDER + sorted(g for g in counts if g not in GROUP_ORDER):
        if group in counts:
            parts.append(group if group in SINGLE else f"{group} {counts[group]}곳")
    if diff.images:
        added = sum(c.change == "added" for c in diff.images)
        removed = sum(c.change == "removed" for c in diff.images)
        replaced = sum(c.change == "replaced" for c in diff.images)
        parts.append(f"사진 {replaced + max(added, removed)}장")
    return ", ".join(parts)


# --- for a terminal ---------------------------------------------------------------
IMAGE_WORDS = {"added": "추가", "removed": "삭제", "replaced": "파일 바뀜"}


def mark(spans: tuple[Span, ...], color: bool) -> str:
    """Spans as text: rich markup in colour, or [-removed-]{+added+} markers."""
    if color:
        from rich.markup import escape

        styles = {"same": "{}", "removed": "[red strike]{}[/]", "added": "[green underline]{}[/]"}
        return "".join(styles[s.op].format(escape(s.text)) for s in spans)
    markers = {"same": "{}", "removed": "[-{}-]", "added": "{{+{}+}}"}
    return "".join(markers[s.op].format(s.text) for s in spans)


def render_lines(diff: ArticleDiff, color: bool) -> list[str]:
    """The diff as lines for a terminal (rich markup when `color`)."""
    lines = []
    for c in diff.fields + diff.body:
        if c.old is None:
            what = "(추가) "
        elif c.new is None:
            what = "(삭제) "
        else:
            what = ""
        lines.append(f"  {c.label}: {what}{mark(c.spans, color)}")
    for im in diff.images:
        lines.append(f"  사진 {im.src}: {IMAGE_WORDS[im.change]}")
    return lines
