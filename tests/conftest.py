"""Shared fixtures: the repo root, the mini content tree, and running the real CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
SAMPLE = ROOT / "content"


@dataclass
class CliResult:
    code: int
    out: str
    err: str


def run_cli(*args: str, cwd: Path = ROOT, stdin: str | None = None,
            timeout: float = 600, env: dict[str, str] | None = None) -> CliResult:
    """Run `python build.py ...` as a user would (a real subprocess); `env` adds variables."""
    proc = subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=cwd,
                          capture_output=True, text=True, input=stdin, timeout=timeout,
                          env={**os.environ, **env} if env else None)
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


def build_sample(tmp: Path, formats: str | None = None, content: Path = SAMPLE,
                 quiet: bool = True) -> Path:
    """Build a content tree through the real CLI into tmp/out (cache in tmp/cache)."""
    args = ["build", "--content", str(content), "--out", str(tmp / "out"), "--cache",
            str(tmp / "cache")]
    if formats:
        args += ["--formats", formats]
    if quiet:
        args.append("-q")
    r = run_cli(*args)
    assert r.code == 0, r.err
    assert "Traceback" not in r.err
    return tmp / "out"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A private copy of the mini content tree that a test may edit."""
    dest = tmp_path / "content"
    shutil.copytree(MINI, dest)
    return dest


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def replace_in(path: Path, old: str, new: str) -> None:
    """Edit a content file as an editor would: one replacement, which must apply."""
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")
