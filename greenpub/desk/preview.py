"""The drafts preview the desk shows: built with drafts into the desk's own folder (never
`output/`), rebuilt by a watchfiles thread when content changes."""

from __future__ import annotations

import json
import subprocess
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
            summary = Pipeline(self.content, self.out, self.options, cache_dir=self.cache).run()
            self._pdf_pages(summary.manifest)
            self.error = ""
        except GreenpubError as exc:
            self.error = exc.format()
        except Exception as exc:  # noqa: BLE001 - the desk keeps serving the last good preview
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

    def _pdf_pages(self, manifest: dict[str, Any]) -> None:
        """Each article's pages of the issue PDF as PNG images (pdftoppm), found through the
        print edition's named destinations `article-<slug>` (every article starts a page)."""
        import pikepdf

        pages: dict[str, dict[str, list[str]]] = {}
        for issue in manifest.get("issues", []):
            rel = (issue.get("outputs") or {}).get("pdf")
            if not rel or not (self.out / rel).is_file():
                continue
            pdf_path = self.out / rel
            with pikepdf.open(pdf_path) as pdf:
                total = len(pdf.pages)
                starts: list[tuple[int, str]] = []
                names: Any = pdf.Root.get("/Names")
                dests: Any = names.get("/Dests") if names is not None else None
                arr: Any = dests.get("/Names") if dests is not None else None
                for i in range(0, len(arr) if arr is not None else 0, 2):
                    name = str(arr[i])
                    if name.startswith("article-"):
                        dest: Any = arr[i + 1]
                        dest = dest.get("/D") if isinstance(dest, pikepdf.Dictionary) else dest
                        starts.append((pdf.pages.index(pikepdf.Page(dest[0])), name[8:]))
            starts.sort()
            folder = self.out / "desk-pages" / issue["id"]
            folder.mkdir(parents=True, exist_ok=True)
            subprocess.run(["pdftoppm", "-r", "48", "-png", str(pdf_path), str(folder / "p")],
                           check=True, capture_output=True, timeout=300)
            images = sorted(folder.glob("p-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
            by_slug: dict[str, list[str]] = {}
            for k, (first, slug) in enumerate(starts):
                last = starts[k + 1][0] if k + 1 < len(starts) else total
                by_slug[slug] = [img.relative_to(self.out).as_posix()
                                 for img in images[first:last]]
            pages[issue["id"]] = by_slug
        if pages:
            (self.out / "desk-pages" / "pages.json").write_text(json.dumps(pages), "utf-8")

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
        """The article's outputs, with the issue's braille preview and PDF and the article's
        PDF pages as images (`pages`)."""
        for i in self.manifest().get("issues", []):
            if i.get("id") == issue:
                for a in i.get("articles", []):
                    if a.get("slug") == slug:
                        out = dict(a.get("outputs") or {})
                        whole = i.get("outputs") or {}
                        for key in ("pdf", "braille_preview"):
                            if whole.get(key):
                                out[key] = whole[key]
                        try:
                            pages = json.loads((self.out / "desk-pages" / "pages.json")
                                               .read_text("utf-8"))
                            out["pages"] = pages.get(issue, {}).get(slug, [])
                        except (OSError, ValueError):
                            pass
                        return out
        return {}
