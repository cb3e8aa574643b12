"""The publisher's note (_issue.md body) is checked and sanitised like an article, and
WeasyPrint reads nothing outside the content folder and greenpub, and nothing remote."""

from __future__ import annotations

import http.server
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from conftest import build_sample, run_cli


class _Counter(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        type(self).hits.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        return


@pytest.fixture
def server():
    _Counter.hits = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def _note(mini: Path, body: str) -> Path:
    issue = mini / "2021-03" / "_issue.md"
    text = issue.read_text("utf-8")
    issue.write_text(text.rstrip("\n") + "\n\n" + body + "\n", "utf-8")
    return issue


def test_note_image_outside_the_content_folder_is_an_error(mini: Path, tmp_path: Path):
    secret = tmp_path / "secret.png"
    shutil.copy(mini / "2021-03" / "images" / "wifi.png", secret)
    issue = _note(mini, f"![비밀](../../{secret.name})")
    r = run_cli("check", "--content", str(mini))
    assert r.code == 2 and "_issue.md:" in r.err and "원고 폴더 밖" in r.err
    lines = issue.read_text("utf-8").splitlines()
    assert f"_issue.md:{len(lines)}:" in r.err


def test_note_is_sanitised_and_remote_images_never_fetched(mini: Path, tmp_path: Path,
                                                           server: str):
    _note(mini, f"![원격 그림]({server}/remote.png)\n\n<script>alert(1)</script>\n\n"
                "![새싹 그림](images/wifi.png)")
    r = run_cli("check", "--content", str(mini))
    assert r.code == 0 and "허용되지 않는 HTML" in r.err and "_issue.md" in r.err
    out = build_sample(tmp_path, "web,print", content=mini)
    assert _Counter.hits == []
    page = (out / "2021-03" / "index.html").read_text("utf-8")
    assert "<script>alert" not in page and server not in page
    assert "새싹 그림" in page  # the local note image is shown, resized like article images
    pdf = out / "print" / "green-seogu-2021-03.pdf"
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True,
                            check=True).stdout
    assert len(images.splitlines()) > 2


def test_weasyprint_reads_only_allowed_files(tmp_path: Path, server: str):
    from greenpub.editions.print.edition import write_pdf
    from greenpub.editions.print.settings import PrintSettings

    content = tmp_path / "content"
    content.mkdir()
    inside = content / "ok.png"
    shutil.copy(Path(__file__).parent / "fixtures" / "mini" / "2021-03" / "images" / "wifi.png",
                inside)
    outside = tmp_path / "outside.png"
    shutil.copy(inside, outside)
    html = (f'<html lang="ko"><body><img src="{inside.as_uri()}" alt="안">'
            f'<img src="{outside.as_uri()}" alt="밖"><img src="{server}/x.png" alt="원격">'
            '</body></html>')
    pdf = tmp_path / "t.pdf"
    write_pdf(html, content, pdf, PrintSettings(), content=content)
    assert _Counter.hits == []
    listed = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True,
                            check=True).stdout.splitlines()[2:]
    assert len(listed) == 1  # only the file inside the content folder
