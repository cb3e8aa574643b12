"""Local preview: build, serve the output on 127.0.0.1, rebuild when sources change,
and reload open pages (a tiny polling script injected into served HTML only)."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

from rich.console import Console
from watchfiles import watch

from .editions.base import BuildOptions
from .errors import GreenpubError
from .pipeline import PROJECT_ROOT, Pipeline, parse_formats

RELOAD_SNIPPET = b"""<script>
(function(){var v=null;setInterval(function(){fetch('/__greenpub/build').then(function(r){return r.text()})
.then(function(t){if(v!==null&&t!==v){location.reload()}v=t}).catch(function(){})},1000)})();
</script></body>"""


class PreviewState:
    def __init__(self) -> None:
        self.build_id = 0
        self.error = ""


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    state: PreviewState

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        if self.path == "/__greenpub/build":
            self._send(f"{self.state.build_id}:{self.state.error}".encode(), "text/plain")
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            self._send(path.read_bytes().replace(b"</body>", RELOAD_SNIPPET, 1), "text/html")
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
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    console.print(f"미리보기: http://127.0.0.1:{port}/  (끝내려면 Ctrl+C)")
    watched = [p for p in (content, PROJECT_ROOT / "layouts", PROJECT_ROOT / "assets") if p.exists()]
    try:
        for _changes in watch(*watched):
            console.print("바뀐 파일이 있어 다시 만드는 중…")
            rebuild()
    finally:
        server.shutdown()
    return 0
