"""Reading text files and YAML with line numbers; round-trip writing of front matter.

ruamel.yaml keeps line numbers on every mapping (``.lc``) and writes a mapping
back with its comments and key order, which `review approve` relies on.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from .. import messages as M
from ..errors import ContentError

MAX_LINE = 200_000  # characters; a longer line is pasted garbage, not prose
MAX_FILE = 20 * 1024 * 1024


def _yaml() -> YAML:
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def decode_text(data: bytes, path: Path) -> str:
    """Decode a file editors saved: UTF-8 (BOM allowed), CRLF allowed, NFD normalised.

    Anything else is refused with a message that says what was found and how to fix it.
    """
    if len(data) > MAX_FILE:
        raise ContentError(M.FILE_TOO_LARGE.format(size=len(data) // 1024 // 1024), path)
    if not data.strip():
        raise ContentError(M.EMPTY_FILE, path)
    if _looks_utf16(data):
        raise ContentError(M.WRONG_ENCODING.format(found="UTF-16(유니코드)"), path)
    if b"\x00" in data[:8192]:
        raise ContentError(M.BINARY_FILE, path)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        for enc, label in (("cp949", "CP949(EUC-KR)"),):
            try:
                data.decode(enc)
            except UnicodeDecodeError:
                continue
            raise ContentError(M.WRONG_ENCODING.format(found=label), path, line) from None
        raise ContentError(M.BINARY_FILE, path, line) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for i, ln in enumerate(text.split("\n"), 1):
        if len(ln) > MAX_LINE:
            raise ContentError(M.LINE_TOO_LONG.format(n=len(ln)), path, i)
    bad = re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text)
    if bad:
        line = text[: bad.start()].count("\n") + 1
        raise ContentError(M.CONTROL_CHAR.format(code=ord(bad.group())), path, line)
    return unicodedata.normalize("NFC", text)


def _looks_utf16(data: bytes) -> bool:
    """Windows Notepad's "유니코드" is UTF-16: a BOM, or NUL in every other byte of ASCII."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    head = data[:400]
    even, odd = head[0::2], head[1::2]
    if len(head) < 8:
        return False
    nul_even, nul_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    return max(nul_even, nul_odd) > 0.3 and min(nul_even, nul_odd) < 0.05


def load_yaml(text: str, path: Path, first_line: int = 1) -> Any:
    """Parse YAML; errors name the file and the line in the file (not in the block).

    ruamel's English problem texts never reach the user: each known problem maps to
    a Korean explanation, and the line is the one an editor has to fix (where an
    unclosed quote opened, not the end of the file where the scanner gave up).
    """
    what = M.BAD_YAML_FILE if path.suffix in (".yaml", ".yml") else M.BAD_YAML
    try:
        return _yaml().load(text)
    except MarkedYAMLError as exc:
        detail, mark = _yaml_problem(exc)
        line = first_line + mark.line if mark is not None else first_line
        raise ContentError(what.format(detail=detail), path, line) from None
    except YAMLError:
        raise ContentError(what.format(detail=M.YAML_GENERIC), path, first_line) from None
    except ValueError:
        # ruamel builds dates and tagged numbers after parsing, without a mark:
        # `date: 2021-02-30` ends as a bare ValueError. Find the value by re-reading lines.
        offset, value = _bad_value(text)
        template = M.YAML_BAD_DATE if DATE_LIKE.match(value) else M.YAML_BAD_VALUE
        raise ContentError(what.format(detail=template.format(value=value)), path,
                           first_line + offset) from None
    except RecursionError:
        raise ContentError(what.format(detail=M.YAML_TOO_DEEP), path, first_line) from None


DATE_LIKE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}")
_VALUE = re.compile(r"^\s*(?:-\s+)?(?:[^#\s][^#:]*:\s+)?(?P<value>[^#\s].*?)\s*$")


def _bad_value(text: str) -> tuple[int, str]:
    """(line offset, value) of the first one-line scalar that YAML cannot construct."""
    for offset, ln in enumerate(text.split("\n")):
        m = _VALUE.match(ln)
        if not m:
            continue
        try:
            YAML(typ="safe", pure=True).load(m.group("value"))
        except ValueError:
            return offset, m.group("value")
        except Exception:  # noqa: BLE001 - other problems are not the one we look for
            continue
    return 0, "?"


# (pattern in ruamel's problem text, Korean explanation, report the context mark)
_YAML_PROBLEMS = [
    (re.compile(r"'\\t'|\btab\b"), M.YAML_TAB, False),
    (re.compile(r"found duplicate key \"(?P<key>[^\"]*)\""), M.YAML_DUPLICATE_KEY, False),
    (re.compile(r"mapping values are not allowed"), M.YAML_COLON, False),
    (re.compile(r"could not find expected ':'"), M.YAML_NO_COLON, True),
    (re.compile(r"found character '(?P<char>[@`%|>])' that cannot start"), M.YAML_RESERVED, False),
    (re.compile(r"found undefined alias|while scanning an? (alias|anchor)"),
     M.YAML_ALIAS, False),
    (re.compile(r"expected ',' or '[\]}]'"), M.YAML_FLOW, True),
    (re.compile(r"but found '<scalar>'"), M.YAML_AFTER_VALUE, False),
    (re.compile(r"expected <block end>|expected <block mapping|did not find expected '-'"),
     M.YAML_INDENT, False),
]


def _yaml_problem(exc: MarkedYAMLError) -> tuple[str, Any]:
    """Korean explanation of a ruamel error and the mark whose line to report."""
    context = exc.context or ""
    problem = exc.problem or ""
    if "quoted scalar" in context:
        return M.YAML_QUOTE, exc.context_mark or exc.problem_mark
    for pattern, message, at_context in _YAML_PROBLEMS:
        m = pattern.search(problem) or pattern.search(context)
        if m:
            mark = exc.context_mark if at_context and exc.context_mark else exc.problem_mark
            detail = message.format(**m.groupdict()) if m.groupdict() else message
            return detail, mark or exc.context_mark
    return M.YAML_GENERIC, exc.problem_mark or exc.context_mark


def line_of(node: Any, key: str | int | None, base: int) -> int:
    """File line of `key` inside a ruamel mapping/sequence, or of the node itself."""
    try:
        if key is not None and isinstance(node, (CommentedMap, CommentedSeq)):
            if isinstance(node, CommentedMap):
                return base + node.lc.key(key)[0]
            return base + node.lc.item(key)[0]
        if isinstance(node, (CommentedMap, CommentedSeq)):
            return base + node.lc.line
    except (KeyError, IndexError, TypeError, AttributeError):
        pass
    return base


FM_OPEN = re.compile(r"\A---[ \t]*\n")
FM_CLOSE = re.compile(r"^(---|\.\.\.)[ \t]*$", re.M)


@dataclass
class SourceText:
    """A Markdown file split into front matter and body, with line numbers."""

    path: Path
    meta: CommentedMap
    body: str
    meta_line: int  # file line of the first front-matter line
    body_line: int  # file line where the body starts


def split_front_matter(text: str, path: Path) -> tuple[str, str, int, int]:
    if not FM_OPEN.match(text):
        raise ContentError(M.NO_FRONT_MATTER, path, 1)
    start = FM_OPEN.match(text).end()  # type: ignore[union-attr]
    close = FM_CLOSE.search(text, start)
    if not close:
        raise ContentError(M.FRONT_MATTER_UNCLOSED, path, 1)
    fm = text[start:close.start()]
    body_start = close.end() + 1 if close.end() < len(text) else close.end()
    body = text[body_start:]
    body_line = text[:body_start].count("\n") + 1
    return fm, body, 2, body_line


def read_source(path: Path) -> SourceText:
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise ContentError(M.CANNOT_READ.format(reason=M.IS_FOLDER), path) from None
    except PermissionError:
        raise ContentError(M.CANNOT_READ.format(reason=M.NO_PERMISSION), path) from None
    except OSError as exc:
        raise ContentError(M.CANNOT_READ.format(reason=exc.strerror), path) from None
    text = decode_text(data, path)
    fm, body, meta_line, body_line = split_front_matter(text, path)
    meta = load_yaml(fm, path, meta_line)
    if meta is None:
        meta = CommentedMap()
    if not isinstance(meta, CommentedMap):
        raise ContentError(M.FRONT_MATTER_NOT_MAPPING, path, meta_line)
    return SourceText(path, meta, body, meta_line, body_line)


def rewrite_front_matter(path: Path, meta: CommentedMap) -> bytes:
    """New file bytes: front matter re-dumped, everything after it byte-for-byte unchanged."""
    raw = path.read_bytes()
    bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
    raw_body = raw[len(bom):]
    nl = b"\r\n" if b"\r\n" in raw_body[:4096] else b"\n"
    text = raw_body.decode("utf-8")
    # locate the closing fence in the raw (possibly CRLF) text
    m_open = re.match(r"---[ \t]*\r?\n", text)
    if not m_open:
        raise ContentError(M.NO_FRONT_MATTER, path, 1)
    m_close = re.compile(r"^(---|\.\.\.)[ \t]*\r?$", re.M).search(text, m_open.end())
    if not m_close:
        raise ContentError(M.FRONT_MATTER_UNCLOSED, path, 1)
    rest = text[m_close.start():].encode("utf-8")
    buf = io.StringIO()
    _yaml().dump(meta, buf)
    dumped = buf.getvalue().encode("utf-8").replace(b"\n", nl)
    return bom + text[: m_open.end()].encode("utf-8") + dumped + rest


def dump_yaml(data: Any) -> str:
    buf = io.StringIO()
    _yaml().dump(data, buf)
    return buf.getvalue()
