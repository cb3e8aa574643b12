"""Local preview: build into a preview folder of its own (never `output/`), serve it on
127.0.0.1, rebuild when sources change, and reload open pages (a tiny polling script
injected into served HTML only). A failed build is shown on the page as well as in the
terminal. Requests whose Host is not this machine's loopback name are refused, so a web
page elsewhere cannot read the preview through DNS rebinding."""

from __future__ import annotations

import functools
import html
import http.server
import threading
from pathlib import Path

from rich.console import Console
from watchfiles import watch

from .editions.base import BuildOptions
from .errors import GreenpubError
from .overrides import shipped_root
from .pipeline import Pipeline, parse_formats

RELOAD_SNIPPET = b"""<script>
(function(){var v=null;setInterval(function(){fetch('/__greenpub/build').then(function(r){return r.text()})
.then(function(t){if(v!==null&&t!==v){location.reload()}v=t}).catch(function(){})},1000)})();
</script></body>"""


class PreviewState:
    def __init__(self) -> None:
        self.build_id = 0
        self.error = ""


ERROR_BANNER = ('<div role="alert" style="position:sticky;top:0;z-index:99;margin:0;'
                'padding:1em;background:#fff0f0;color:#8a0000;border-bottom:3px solid #8a0000;'
                'font:16px/1.5 sans-serif;white-space:pre-wrap">'
                '<strong>빌드 오류 — 아래 화면은 마지막으로 성공한 빌드입니다.</strong>\n{error}</div>')
ERROR_PAGE = ('<!doctype html><html lang="ko"><meta charset="utf-8"><title>빌드 오류</title>'
              '<body>{banner}</body></html>')


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    state: PreviewState
    port: int

    def _host_ok(self) -> bool:
        host = (self.headers.get("Host") or "").strip().lower()
        return host in {f"{name}:{self.port}" for name in ("127.0.0.1", "localhost", "[::1]")}

    def do_HEAD(self) -> None:  # noqa: N802 - http.server naming
        if not self._host_ok():
            self.send_error(403)
            return
        super().do_HEAD()

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        if not self._host_ok():
            self.send_error(403, "Forbidden host")
            return
        if self.path == "/__greenpub/build":
            self._send(f"{self.state.build_id}:{self.state.error}".encode(), "text/plain")
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        banner = ERROR_BANNER.format(error=html.escape(self.state.error)).encode() \
            if self.state.error else b""
        if path.suffix == ".html" and path.is_file():
            page = path.read_bytes().replace(b"</body>", RELOAD_SNIPPET, 1)
            if banner:
                page = page.replace(b"<body>", b"<body>" + banner, 1) if b"<body>" in page \
                    else banner + page
            self._send(page, "text/html")
            return
        if banner and path.suffix in ("", ".html"):
            body = ERROR_PAGE.format(banner=banner.decode()).encode()
            self._send(body.replace(b"</body>", RELOAD_SNIPPET, 1), "text/html")
            return
        super().do_GET()

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", f"{content_type}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # quiet
        return


def serve(content: Path, out: Path, port: int, formats: str, drafts: bool,
          console: Console) -> int:
    options = BuildOptions(formats=parse_formats(formats), drafts=drafts, jobs=1)
    state = PreviewState()
    out.mkdir(parents=True, exist_ok=True)

    def rebuild() -> None:
        try:
            summary = Pipeline(content, out, options).run()
            state.error = ""
            console.print(f"다시 만들었습니다 ({summary.seconds:.1f}초).")
        except GreenpubError as exc:
            state.error = exc.format()
            console.print(f"[bold red]오류[/] {exc.format()}")
        state.build_id += 1

    rebuild()
    handler = functools.partial(PreviewHandler, directory=str(out))
    PreviewHandler.state = state
    PreviewHandler.port = port
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    console.print(f"미리보기: http://127.0.0.1:{port}/  (끝내려면 Ctrl+C)")
    watched = [p for p in (content, shipped_root() / "layouts") if p.exists()]
    try:
        for _changes in watch(*watched):
            console.print("바뀐 파일이 있어 다시 만드는 중…")
            rebuild()
    finally:
        server.shutdown()
    return 0
