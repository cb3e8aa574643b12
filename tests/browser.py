"""Playwright driving Debian's chromium (browser downloads are impossible here),
plus axe-core through axe-playwright-python. Shared by every browser test."""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]
PHONE = {"width": 390, "height": 844}


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve a built output folder on 127.0.0.1 (an ephemeral port)."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            return

        def send_head(self):  # type: ignore[no-untyped-def]
            """Byte ranges, as every real web server answers them: without them the
            browser cannot seek in audio it has not downloaded yet."""
            m = re.fullmatch(r"bytes=(\d+)-(\d*)", self.headers.get("Range", ""))
            path = Path(self.translate_path(self.path))
            if not m or not path.is_file():
                return super().send_head()
            data = path.read_bytes()
            start = int(m.group(1))
            end = min(int(m.group(2) or len(data) - 1), len(data) - 1)
            if start >= len(data):
                self.send_error(416)
                return None
            self.send_response(206)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Range", f"bytes {start}-{end}/{len(data)}")
            self.send_header("Content-Length", str(end - start + 1))
            self.send_header("Accept-Ranges", "bytes")
            self.end_headers()
            return io.BytesIO(data[start:end + 1])

    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def phone_page() -> Iterator[tuple[object, list[str]]]:
    """A page at 390x844; yields (page, list of URLs requested outside 127.0.0.1)."""
    from playwright.sync_api import sync_playwright

    outside: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                     headless=True)
        try:
            context = browser.new_context(viewport=PHONE, device_scale_factor=1,
                                          is_mobile=True, has_touch=True, locale="ko-KR")
            page = context.new_page()

            def on_request(request) -> None:  # type: ignore[no-untyped-def]
                url = request.url
                if not url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")):
                    outside.append(url)

            page.on("request", on_request)
            yield page, outside
        finally:
            browser.close()


def axe_violations(page) -> list[dict]:  # type: ignore[no-untyped-def]
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return list(results.response.get("violations", []))


def horizontal_overflow(page) -> int:  # type: ignore[no-untyped-def]
    """How many CSS pixels the document is wider than the viewport (0 = no sideways scroll)."""
    return int(page.evaluate(
        "Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - window.innerWidth"))
