"""Image files named as people name them (spaces, Korean, commas) reach every srcset intact."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import unquote

import lxml.html
from conftest import run_cli


def test_spaces_and_korean_in_image_names_are_percent_encoded(mini: Path, tmp_path: Path):
    images = mini / "2021-03" / "images"
    name = "봄 축제, 사진.png"
    shutil.move(images / "wifi.png", images / name)
    art = mini / "2021-03" / "01-wifi.md"
    art.write_text(art.read_text("utf-8").replace("images/wifi.png", f'"images/{name}"'),
                   "utf-8")
    out = tmp_path / "out"
    r = run_cli("build", "--content", str(mini), "--out", str(out), "--cache",
                str(tmp_path / "cache"), "--formats", "web", "--drafts", "-q")
    assert r.code == 0, r.err
    page_path = out / "2021-03" / "wifi" / "index.html"
    root = lxml.html.fromstring(page_path.read_text("utf-8"))
    candidates = []
    for el in root.xpath("//img[@srcset] | //source[@srcset]"):
        for candidate in el.get("srcset").split(","):
            parts = candidate.split()
            assert len(parts) == 2 and parts[1].endswith("w"), candidate  # url + width only
            candidates.append(parts[0])
        candidates.append(el.get("src") or parts[0])
    assert candidates
    for url in candidates:
        assert " " not in url and "," not in url and all(ord(c) < 128 for c in url), url
        assert (page_path.parent / unquote(url)).resolve().is_file(), url
