"""`serve`: builds, serves on 127.0.0.1, rebuilds on change and tells pages to reload."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import ROOT


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as r:  # noqa: S310 - loopback only
        return r.read().decode("utf-8")


def _wait(predicate, seconds: float = 30.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError("timed out")


def test_serve_rebuilds_and_reloads(mini: Path, tmp_path: Path):
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "serve", "--content", str(mini), "--preview-dir",
         str(tmp_path / "out"), "--port", str(port)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        page = _wait(lambda: _get(base + "2021-03/wifi/index.html"))
        assert "/__greenpub/build" in page  # the reload script is injected when served
        assert "검토용" in page  # previews show drafts by default
        first = _get(base + "__greenpub/build")
        art = mini / "2021-03" / "03-pending.md"
        art.write_text(art.read_text("utf-8").replace("아직 발행되면 안 됩니다", "고친 문장입니다"),
                       "utf-8")
        _wait(lambda: _get(base + "__greenpub/build") != first)
        assert "고친 문장입니다" in _get(base + "2021-03/pending/index.html")
        # the built files themselves carry no reload script
        assert "/__greenpub/build" not in (tmp_path / "out/2021-03/wifi/index.html").read_text(
            "utf-8")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _get_with_host(url: str, host: str) -> int:
    req = urllib.request.Request(url, headers={"Host": host})
    try:
        with urllib.request.urlopen(req, timeout=5) as r:  # noqa: S310 - loopback only
            return int(r.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def test_serve_keeps_output_shows_errors_and_checks_host(tmp_path: Path):
    import shutil
    import urllib.error  # noqa: F401 - used by _get_with_host

    from conftest import MINI

    project = tmp_path / "project"
    content = project / "content"
    shutil.copytree(MINI, content)
    output = project / "output"
    output.mkdir()
    (output / "keep.txt").write_text("published", "utf-8")
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "serve", "--content", "content", "--port",
         str(port)], cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait(lambda: _get(base + "2021-03/wifi/index.html"))
        # the preview has a folder of its own; output/ is not touched
        assert (project / ".greenpub-preview" / "2021-03" / "wifi" / "index.html").is_file()
        assert [p.name for p in output.iterdir()] == ["keep.txt"]
        assert _get_with_host(base, f"127.0.0.1:{port}") == 200
        assert _get_with_host(base, f"localhost:{port}") == 200
        assert _get_with_host(base, "evil.example:80") == 403
        # a broken article: the error is on the page, in Korean, with file and line
        first = _get(base + "__greenpub/build")
        art = content / "2021-03" / "01-wifi.md"
        art.write_text(art.read_text("utf-8").replace("title:", "title: [", 1), "utf-8")
        _wait(lambda: _get(base + "__greenpub/build") != first)
        page = _get(base + "2021-03/wifi/index.html")
        assert 'role="alert"' in page and "빌드 오류" in page and "01-wifi.md" in page
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert (output / "keep.txt").read_text("utf-8") == "published"
