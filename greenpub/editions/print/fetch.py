"""What WeasyPrint may read while laying out a PDF: files inside the content folder and
greenpub's own files (layouts, package data), and data: URLs. Nothing from the network
and no other file: a publisher's note pointing at /etc/passwd or at http:// is skipped
(with WeasyPrint's warning) instead of being embedded or fetched."""

from __future__ import annotations

import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from . import messages as M

PACKAGE = Path(__file__).resolve().parents[2]  # greenpub/


def local_fetcher(*roots: Path) -> Any:
    """A WeasyPrint URL fetcher confined to `roots` (plus the greenpub package)."""
    from weasyprint.urls import URLFetcher

    allowed = tuple({r.resolve() for r in (*roots, PACKAGE)})

    class LocalFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = url.split(":", 1)[0].lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = Path(urllib.request.url2pathname(urllib.parse.urlparse(url).path))
                if any(path.resolve().is_relative_to(root) for root in allowed):
                    return super().fetch(url, headers)
            raise ValueError(M.FETCH_REFUSED.format(url=url[:120]))

    return LocalFetcher(allowed_protocols={"file", "data"}, allow_redirects=False)
