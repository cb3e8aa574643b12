"""The bad-input suite (issue 7): every mistake an editor can make is caught clearly, and
nothing is lost.

Each folder under tests/bad_inputs/ (except good/) is a small content tree with one
mistake and an expect.yaml naming the file, the line (when there is one) and a Korean
fragment the message must contain. Mistakes that cannot sensibly live in git (a 5 MB
line, a decompression bomb, a symlink leaving the folder) are generated from the mini
fixture by the test. For each case the real CLI runs in a subprocess over an output
folder that already holds a previous build; the build must exit 2 with a Korean message
naming file and line, print no traceback, and leave the previous output, the cache and
the content byte-for-byte as they were, with no staging folder or partial file behind.

tests/bad_inputs/good/ holds inputs that must be accepted: UTF-8 with BOM, CRLF, NFD
Hangul (each must build the very same pages as the clean tree) and raw HTML that is
sanitised with a warning naming file and line.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import struct
import unicodedata
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import MINI, ROOT, CliResult, run_cli, snapshot
from ruamel.yaml import YAML

BAD = ROOT / "tests" / "bad_inputs"
GOOD = BAD / "good"
HANGUL = re.compile(r"[가-힣]")
ARTICLE = "2021-03/01-wifi.md"
SURVEY = "2021-03/02-survey.md"


@dataclass(frozen=True)
class Expect:
    file: str  # relative to the content folder
    line: int | None
    contains: str


def load_expect(case: Path) -> Expect:
    data = YAML(typ="safe").load((case / "expect.yaml").read_text("utf-8"))
    return Expect(data["file"], data.get("line"), data["contains"])


COMMITTED = sorted(p for p in BAD.iterdir() if p.is_dir() and p != GOOD)


# --- generated cases ---------------------------------------------------------
def bomb_png(width: int, height: int) -> bytes:
    """A valid 1-bit PNG: a few dozen KB on disk, width*height pixels once decoded."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    row = b"\x00" + b"\xff" * ((width + 7) // 8)
    z = zlib.compressobj(9)
    idat = b"".join(z.compress(row) for _ in range(height)) + z.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def make_long_line(content: Path) -> Expect:
    path = content / SURVEY
    lines = path.read_text("utf-8").count("\n")
    pasted = "붙여넣은 표가 한 줄로 뭉개졌습니다 " * 110_000  # ~5 MB of UTF-8 on one line
    assert len(pasted.encode()) > 5_000_000
    with path.open("a", encoding="utf-8") as fh:
        fh.write(pasted + "\n")
    return Expect(SURVEY, lines + 1, "한 줄이 너무 깁니다")


def make_bomb(size: int) -> Callable[[Path], Expect]:
    def make(content: Path) -> Expect:
        (content / "2021-03/images/wifi.png").write_bytes(bomb_png(size, size))
        return Expect(ARTICLE, 8, f"{size * size:,} 화소")
    return make


def make_symlink_outside(content: Path) -> Expect:
    secret = content.parent / "outside.png"  # a real image, but outside the content folder
    shutil.copy(MINI / "2021-03/images/wifi.png", secret)
    link = content / "2021-03/images/wifi.png"
    link.unlink()
    link.symlink_to(os.path.relpath(secret, link.parent))
    return Expect(ARTICLE, 8, "원고 폴더 밖")


def make_symlinked_folder_outside(content: Path) -> Expect:
    outside = content.parent / "elsewhere"
    outside.mkdir()
    shutil.copy(MINI / "2021-03/images/wifi.png", outside / "wifi.png")
    images = content / "2021-03/images"
    (images / "wifi.png").unlink()
    (images / "ext").symlink_to(outside, target_is_directory=True)
    path = content / ARTICLE
    path.write_text(path.read_text("utf-8").replace("images/wifi.png", "images/ext/wifi.png"),
                    "utf-8")
    return Expect(ARTICLE, 8, "원고 폴더 밖")


def make_control_char(content: Path) -> Expect:
    path = content / SURVEY
    path.write_text(path.read_text("utf-8").replace("설문 문의는", "설문\x0b문의는"), "utf-8")
    return Expect(SURVEY, 26, "제어 문자(U+000B)")


GENERATED = {
    "five-mb-line": make_long_line,
    "decompression-bomb-100m": make_bomb(10_000),  # over our limit, under Pillow's
    "decompression-bomb-400m": make_bomb(20_000),  # over Pillow's own bomb limit too
    "image-symlink-outside": make_symlink_outside,
    "image-folder-symlink-outside": make_symlinked_folder_outside,
    "control-character": make_control_char,
}


# --- a previous build to protect ---------------------------------------------
@pytest.fixture(scope="module")
def previous(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One good build of the mini fixture (out + cache), copied for each case."""
    base = tmp_path_factory.mktemp("previous")
    r = build(MINI, base / "out", base / "cache")
    assert r.code == 0, r.err
    return base


@pytest.fixture
def site(previous: Path, tmp_path: Path) -> Path:
    """A folder holding `out` and `cache` from the previous build; bad builds go here."""
    dest = tmp_path / "site"
    shutil.copytree(previous, dest, symlinks=True)  # out, cache and the .out.lock file
    return dest


def build(content: Path, out: Path, cache: Path, *extra: str) -> CliResult:
    return run_cli("build", "--content", str(content), "--out", str(out), "--cache", str(cache),
                   "--formats", "web", "--jobs", "1", "-q", *extra, timeout=120)


def show(content: Path, rel: str) -> str:
    """The file as the CLI prints it: the --content argument joined with the relative path."""
    return str(content / rel)


def assert_refused(content: Path, site: Path, expect: Expect) -> None:
    out, cache = site / "out", site / "cache"
    before_out, before_cache = snapshot(out), snapshot(cache)
    before_content = snapshot(content)
    before_siblings = sorted(os.listdir(site))

    r = build(content, out, cache)

    assert r.code == 2, f"exit {r.code}\n{r.err}"
    assert "Traceback" not in r.out + r.err
    assert "Warning" not in r.err and "Error" not in r.err, r.err  # no English from libraries
    errors = [ln for ln in r.err.splitlines() if ln.startswith("오류 ")]
    where = show(content, expect.file)
    where += f":{expect.line}: " if expect.line else ":"
    mine = [ln for ln in errors if ln[len("오류 "):].startswith(where)]
    assert mine, f"no error naming {where!r}:\n{r.err}"
    assert any(expect.contains in ln for ln in mine), f"{expect.contains!r} not in:\n{r.err}"
    for ln in errors:
        message = ln.split(": ", 1)[1] if ": " in ln else ln
        assert HANGUL.search(message), f"message is not Korean: {ln}"
    # nothing lost, nothing half-written
    assert snapshot(out) == before_out
    assert snapshot(cache) == before_cache
    assert snapshot(content) == before_content
    assert sorted(os.listdir(site)) == before_siblings


@pytest.mark.parametrize("case", COMMITTED, ids=lambda p: p.name)
def test_committed_bad_tree_is_refused(case: Path, site: Path) -> None:
    content = case.relative_to(ROOT)  # as an editor types it: a path relative to the repo
    assert_refused(content, site, load_expect(case))


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_bad_tree_is_refused(name: str, site: Path, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    expect = GENERATED[name](content)
    assert_refused(content, site, expect)


def test_every_case_changes_only_what_its_name_says() -> None:
    """Guard the suite itself: each committed case differs from mini in a few files only,
    and each names the mistake it holds."""
    mini = snapshot(MINI)
    for case in COMMITTED:
        tree = {k: v for k, v in snapshot(case).items() if k != "expect.yaml"}
        changed = {k for k in mini.keys() | tree.keys() if mini.get(k) != tree.get(k)}
        assert 1 <= len(changed) <= 2, (case.name, changed)
        assert (case / "expect.yaml").read_text("utf-8").startswith("# "), case.name


def test_binary_garbage_fixture_holds_a_nul() -> None:
    data = (BAD / "binary-garbage/2021-03/04-garbage.md").read_bytes()
    assert b"\x00" in data
    rng = random.Random(7)  # how the fixture was made; keeps it reproducible
    assert data[:600] == bytes(rng.randrange(256) for _ in range(600))


def test_cp949_fixture_is_really_cp949() -> None:
    data = (BAD / "cp949" / SURVEY).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert data.decode("cp949") == (MINI / SURVEY).read_text("utf-8")


# --- accepted inputs -----------------------------------------------------------
@pytest.fixture(scope="module")
def clean_build(previous: Path) -> Path:
    return previous / "out"


def pages(out: Path) -> dict[str, bytes]:
    return {k: v for k, v in snapshot(out).items()
            if k not in ("manifest.json", "build-report.json")}


@pytest.mark.parametrize("name", ["bom", "crlf", "nfd", "bom-crlf-nfd"])
def test_windows_and_mac_saved_files_build_the_same_site(name: str, clean_build: Path,
                                                         tmp_path: Path) -> None:
    content = GOOD / name
    raw = (content / ARTICLE).read_bytes()
    if "bom" in name:
        assert raw.startswith(b"\xef\xbb\xbf")
    if "crlf" in name:
        assert b"\r\n" in raw
    if "nfd" in name:
        assert not unicodedata.is_normalized("NFC", raw.decode("utf-8-sig"))
    out = tmp_path / "out"
    r = build(content, out, tmp_path / "cache")
    assert r.code == 0, r.err
    assert "Traceback" not in r.out + r.err
    assert "오류" not in r.err and "경고" not in r.err, r.err  # accepted without complaint
    # the very same pages as the clean tree: nothing of the encoding leaks through
    assert pages(out) == pages(clean_build)
    for rel, data in pages(out).items():
        if rel.endswith((".html", ".xml")):
            assert unicodedata.is_normalized("NFC", data.decode("utf-8")), rel
    page = (out / "2021-03/wifi/index.html").read_text("utf-8")
    assert "구청 민원실에서 무료 와이파이를 쓰세요" in page
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    clean = json.loads((clean_build / "manifest.json").read_text("utf-8"))
    assert ([(a["slug"], a["hash"], a["status"]) for a in manifest["issues"][0]["articles"]]
            == [(a["slug"], a["hash"], a["status"]) for a in clean["issues"][0]["articles"]])


SANITISED = [  # (line in good/sanitise/2021-03/01-wifi.md, what the warning says was removed)
    (42, "script"), (44, "iframe"), (46, "style"),  # the whole <style>, its url() with it
    (48, "style 속성"), (50, "이벤트 처리기"), (52, "javascript: 주소"),
    (54, "javascript: 주소"), (56, "data: 주소"),
]


def test_dangerous_html_is_removed_with_a_warning(tmp_path: Path) -> None:
    content = (GOOD / "sanitise").relative_to(ROOT)
    source = (ROOT / content / ARTICLE).read_text("utf-8").splitlines()
    out = tmp_path / "out"
    r = build(content, out, tmp_path / "cache")
    assert r.code == 0, r.err
    assert "Traceback" not in r.out + r.err
    warnings = [ln for ln in r.err.splitlines() if ln.startswith("경고 ")]
    for line, what in SANITISED:
        where = f"경고 {show(content, ARTICLE)}:{line}: "
        assert any(w.startswith(where) and what in w for w in warnings), (line, what, r.err)
        assert source[line - 1].startswith(("<", "[")), (line, source[line - 1])
    # published, and nothing dangerous reached any page
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    wifi = next(a for a in manifest["issues"][0]["articles"] if a["slug"] == "wifi")
    assert wifi["status"] == "published"
    for rel, data in snapshot(out).items():
        if not rel.endswith((".html", ".xml")):
            continue
        # the web edition's own script files are the only scripts, never inline
        text = re.sub(r'<script src="(\.\./)*static/[a-z]+\.js"( defer)?></script>', "",
                      data.decode("utf-8")).lower()
        for bad in ("<script", "<iframe", "onerror", "javascript:", "expression(", "data:text",
                    "alert("):
            assert bad not in text, (rel, bad)
    page = (out / "2021-03/wifi/index.html").read_text("utf-8")
    # the harmless text around the removed parts survives, template syntax stays literal
    assert "스타일 식이 들어간 문단" in page and "데이터 주소 링크" in page
    assert "{{ 7*7 }}" in page and "{% if true %}참{% endif %}" in page


def test_mac_leftovers_are_accepted(tmp_path: Path, clean_build: Path) -> None:
    """A Korean image name a Mac kept in NFD, and the hidden "._" file it leaves beside
    each article: the build finds the image and ignores the hidden file."""
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    images = content / "2021-03/images"
    (images / "wifi.png").rename(images / unicodedata.normalize("NFD", "와이파이.png"))
    article = content / ARTICLE
    article.write_text(article.read_text("utf-8").replace("images/wifi.png", "images/와이파이.png"),
                       "utf-8")
    (content / "2021-03/._01-wifi.md").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X")
    from greenpub.review import approve

    for cp in ("desk", "committee", "final"):  # the image's src is part of what is approved
        approve(article, content, cp, "편집위원회")
    out = tmp_path / "out"
    r = build(content, out, tmp_path / "cache")
    assert r.code == 0, r.err
    assert "오류" not in r.err and "경고" not in r.err, r.err
    built = sorted(p.name for p in (out / "2021-03/images").iterdir())
    assert [n for n in built if n.startswith("와이파이-")], built
    assert all(unicodedata.is_normalized("NFC", n) for n in built)
    assert len(built) == len(list((clean_build / "2021-03/images").iterdir()))
