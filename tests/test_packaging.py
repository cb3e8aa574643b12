"""A wheel carries everything a build needs: the layouts travel as package data."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import MINI, ROOT


def test_wheel_install_builds_an_issue(tmp_path: Path):
    # built from a copy: an in-tree build leaves greenpub.egg-info in the checkout, whose
    # entry points would then shadow the installed ones for anything run from there
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy(ROOT / name, src / name)
    for name in ("greenpub", "layouts"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                    "-w", str(wheels), str(src)], check=True, capture_output=True)
    wheel = next(wheels.glob("greenpub-*.whl"))
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target",
                    str(site), str(wheel)], check=True, capture_output=True)
    assert (site / "greenpub" / "layouts" / "web" / "article.html").is_file()
    work = tmp_path / "work"  # far from the checkout: nothing can be read from it
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    code = ("import sys, greenpub.overrides as o; from greenpub.cli import main; "
            "print(o.shipped_root(), file=sys.stderr); sys.exit(main(sys.argv[1:]))")
    proc = subprocess.run([sys.executable, "-c", code, "build", "--content", str(MINI), "--out",
                           "out", "--formats", "web,print", "-q"], cwd=work, env=env,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert str(site) in proc.stderr and str(ROOT) not in proc.stderr.splitlines()[0]
    manifest = json.loads((work / "out" / "manifest.json").read_text("utf-8"))
    assert manifest["issues"][0]["outputs"]["pdf"].endswith(".pdf")
    assert (work / "out" / "static").is_dir()
