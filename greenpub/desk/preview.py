"""The drafts preview the desk shows: built with drafts into the desk's own folder (never
`output/`), rebuilt by a watchfiles thread when content changes."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

from watchfiles import watch

from ..editions.base import BuildOptions
from ..errors import GreenpubError
from ..overrides import shipped_root
from ..pipeline import Pipeline, parse_formats


class Preview:
    def __init__(self, content: Path, folder: Path, formats: str = "web,cards"):
        self.content = content
        self.out = folder / "preview"
        self.cache = folder / "cache"
        self.options = BuildOptions(formats=parse_formats(formats), drafts=True, jobs=1,
                                    quiet=True)
        self.error = ""
        self.builds = 0
        self.ready = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._manifest: tuple[float, dict[str, Any]] | None = None

    def build(self) -> None:
        try:
            Pipeline(self.content, self.out, self.options, cache_dir=self.cache).run()
            self.error = ""
        except GreenpubError as exc:
            self.error = exc.format()
        except Exception as exc:  # the desk keeps serving the last good preview
            self.error = str(exc)
        self.builds += 1
        self.ready.set()

    def _loop(self) -> None:
        self.build()
        watched = [p for p in (self.content, shipped_root() / "layouts") if p.exists()]
        for _changes in watch(*watched, stop_event=self._stop, rust_timeout=500):
            if self._stop.is_set():
                break
            self.build()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="desk-preview", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=30)

    def manifest(self) -> dict[str, Any]:
        path = self.out / "manifest.json"
        try:
            mtime = path.stat().st_mtime
        except OSError:
            return {}
        if self._manifest is None or self._manifest[0] != mtime:
            try:
                self._manifest = (mtime, json.loads(path.read_text("utf-8")))
            except (OSError, ValueError):
                return self._manifest[1] if self._manifest else {}
        return self._manifest[1]

    def outputs(self, issue: str, slug: str) -> dict[str, Any]:
        for i in self.manifest().get("issues", []):
            if i.get("id") == issue:
                for a in i.get("articles", []):
                    if a.get("slug") == slug:
                        return dict(a.get("outputs") or {})
        return {}
