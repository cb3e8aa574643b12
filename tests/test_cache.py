"""The build cache's input digests."""

from pathlib import Path

from greenpub.cache import tree_digest


def test_tree_digest_follows_sources_not_bytecode(tmp_path: Path):
    (tmp_path / "mod.py").write_text("x = 1\n", "utf-8")
    before = tree_digest(tmp_path)
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "mod.cpython-311.pyc").write_bytes(b"\x00bytecode")
    (tmp_path / "stray.pyc").write_bytes(b"\x00")
    assert tree_digest(tmp_path) == before  # running the code must not invalidate the cache
    (tmp_path / "mod.py").write_text("x = 2\n", "utf-8")
    assert tree_digest(tmp_path) != before
