"""The pipeline: manifest, report, atomic output, lock, incremental and parallel builds."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import MINI, run_cli, snapshot

from greenpub.errors import BuildLockedError
from greenpub.fsutil import output_lock


def build(content: Path, out: Path, cache: Path, *extra: str):
    return run_cli("build", "--content", str(content), "--out", str(out), "--cache", str(cache),
                   "--formats", "web", "-q", *extra)


def test_manifest_contract(tmp_path: Path):
    r = build(MINI, tmp_path / "out", tmp_path / "cache")
    assert r.code == 0, r.err
    m = json.loads((tmp_path / "out" / "manifest.json").read_text("utf-8"))
    assert m["generator"].startswith("greenpub ") and m["built_at"] and m["drafts"] is False
    (issue,) = m["issues"]
    assert {k: issue[k] for k in ("id", "number", "title", "date")} == {
        "id": "2021-03", "number": 301, "title": "봄을 여는 서구 소식", "date": "2021-03-02"}
    assert issue["outputs"]["web"] == "2021-03/index.html"
    by_slug = {a["slug"]: a for a in issue["articles"]}
    assert by_slug["wifi"]["status"] == "published" and by_slug["wifi"]["reasons"] == []
    assert by_slug["wifi"]["file"] == "2021-03/01-wifi.md"
    assert by_slug["wifi"]["outputs"]["web"] == "2021-03/wifi/index.html"
    assert by_slug["pending"]["status"] == "excluded" and by_slug["pending"]["outputs"] == {}
    assert "담당부서 검토: 미승인 단계" in by_slug["pending"]["reasons"]
    report = json.loads((tmp_path / "out" / "build-report.json").read_text("utf-8"))
    assert {"read", "gate", "edition:web"} <= set(report["timings"])
    assert report["cache"]["misses"] > 0 and report["excluded"][0]["file"] == "2021-03/03-pending.md"
    # where each file went is printed for people, not only written to the manifest
    r = run_cli("build", "--content", str(MINI), "--out", str(tmp_path / "out"), "--cache",
                str(tmp_path / "cache"), "--formats", "web")
    assert str(tmp_path / "out" / "2021-03" / "wifi" / "index.html") in r.out


def test_failed_build_leaves_previous_output_untouched(mini: Path, tmp_path: Path):
    out, cache = tmp_path / "out", tmp_path / "cache"
    assert build(mini, out, cache).code == 0
    before = snapshot(out)
    (mini / "2021-03" / "02-survey.md").write_text("---\ntitle: [깨진\n---\n본문", "utf-8")
    r = build(mini, out, cache)
    assert r.code == 2
    assert "02-survey.md:" in r.err and "기존 출력 폴더는 그대로" in r.err
    assert "Traceback" not in r.err + r.out
    assert snapshot(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.")] in (
        [], [".out.lock"])


def test_render_failure_midway_also_leaves_output(mini: Path, tmp_path: Path):
    out, cache = tmp_path / "out", tmp_path / "cache"
    assert build(mini, out, cache).code == 0
    before = snapshot(out)
    # valid content, but an overridden template the web edition cannot fill
    override = mini / "layouts" / "web" / "issue.html"
    override.parent.mkdir(parents=True)
    override.write_text("<p>\n{{ no_such_thing.x }}</p>", "utf-8")
    r = build(mini, out, cache)
    assert r.code == 2 and "Traceback" not in r.err
    assert "issue.html:2" in r.err and "틀" in r.err
    assert snapshot(out) == before
    assert not [p for p in tmp_path.iterdir() if ".building-" in p.name]


def test_layouts_overridden_per_file_from_the_content_folder(mini: Path, tmp_path: Path):
    out, cache = tmp_path / "out", tmp_path / "cache"
    css = mini / "layouts" / "web" / "static" / "web.css"
    css.parent.mkdir(parents=True)
    css.write_text("body { color: #123456 }", "utf-8")
    assert build(mini, out, cache).code == 0
    assert (out / "static" / "web.css").read_text("utf-8") == "body { color: #123456 }"
    # every other template still comes from greenpub
    assert "Green 서구" in (out / "2021-03" / "wifi" / "index.html").read_text("utf-8")


def test_output_folder_permissions_follow_the_umask(tmp_path: Path):
    out = tmp_path / "out"
    old = os.umask(0o022)
    try:
        assert build(MINI, out, tmp_path / "cache").code == 0
    finally:
        os.umask(old)
    assert (out.stat().st_mode & 0o777) == 0o755


def test_swap_in_rolls_back_when_the_second_rename_fails(tmp_path: Path, monkeypatch):
    from greenpub import fsutil

    out = tmp_path / "out"
    out.mkdir()
    (out / "old.txt").write_text("old", "utf-8")
    staging = fsutil.new_staging_dir(out)
    (staging / "new.txt").write_text("new", "utf-8")
    real = os.replace
    calls = []

    def failing(src, dst):  # the disk fills up on the second rename
        calls.append((src, dst))
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(fsutil.os, "replace", failing)
    with pytest.raises(OSError):
        fsutil.swap_in(staging, out)
    assert (out / "old.txt").read_text("utf-8") == "old"


def test_lock_stops_a_second_build(tmp_path: Path):
    out = tmp_path / "out"
    with output_lock(out):
        with pytest.raises(BuildLockedError):
            with output_lock(out):
                pass
        r = build(MINI, out, tmp_path / "cache")
        assert r.code == 3 and "다른 빌드" in r.err
    assert build(MINI, out, tmp_path / "cache").code == 0


def test_cli_exit_codes(tmp_path: Path, mini: Path):
    assert run_cli().code == 2  # no command: help and a non-zero exit
    r = run_cli("build", "--formats", "web,pdfx", "--content", str(MINI), "--out",
                str(tmp_path / "o"))
    assert r.code == 2 and "알 수 없는 형식" in r.err
    r = run_cli("build", "--nope")
    assert r.code == 2 and "알 수 없는 인자" in r.err
    r = run_cli("build", "--content", str(tmp_path / "missing"), "--out", str(tmp_path / "o"))
    assert r.code == 2 and "site.yaml" in r.err
    # check: 0 with only pending articles, 1 with errors
    r = run_cli("check", "--content", str(mini))
    assert r.code == 0 and "발행 대기 기사 1편" in r.out
    r = run_cli("check", "--content", str(mini), "--json")
    data = json.loads(r.out)
    assert data["ok"] is True
    pending = [a for i in data["issues"] for a in i["articles"] if not a["publishable"]]
    assert [a["slug"] for a in pending] == ["pending"]
    (mini / "2021-03" / "02-survey.md").write_text("---\ntitle: x\n---\n", "utf-8")
    r = run_cli("check", "--content", str(mini), "--json")
    assert r.code == 2
    err = json.loads(r.out)["errors"][0]
    assert err["file"].endswith("02-survey.md") and "section" in err["message"]


def test_new_issue_and_article_scaffold_is_valid(mini: Path):
    r = run_cli("new", "issue", "2021-04", "--content", str(mini))
    assert r.code == 0, r.err
    r = run_cli("new", "article", "2021-04", "spring-festival", "--content", str(mini))
    assert r.code == 0, r.err
    path = mini / "2021-04" / "01-spring-festival.md"
    assert path.is_file()
    r = run_cli("check", "--content", str(mini), "--json")
    assert r.code == 0, r.out
    data = json.loads(r.out)
    new = next(i for i in data["issues"] if i["id"] == "2021-04")
    assert new["articles"][0]["checkpoints"] == {"desk": "대기", "committee": "대기",
                                                 "final": "대기"}
    assert run_cli("new", "article", "2021-04", "spring-festival",
                   "--content", str(mini)).code == 2
    assert run_cli("new", "issue", "2021-13", "--content", str(mini)).code == 2


def test_noop_rebuild_renders_nothing_and_edit_renders_little(mini: Path, tmp_path: Path):
    out, cache = tmp_path / "out", tmp_path / "cache"
    assert build(mini, out, cache).code == 0
    r = build(mini, out, cache)
    assert r.code == 0
    report = json.loads((out / "build-report.json").read_text("utf-8"))
    assert report["rebuilt"] == [] and report["cache"]["misses"] == 0
    # one article edited (and re-approved): its page, the issue page, the neighbours that
    # link to it by title, the feed and the search index are rebuilt; nothing else
    path = mini / "2021-03" / "01-wifi.md"
    path.write_text(path.read_text("utf-8").replace("무료 와이파이를", "공짜 와이파이를"), "utf-8")
    for cp in ("desk", "committee", "final"):
        assert run_cli("review", "approve", str(path), "--checkpoint", cp, "--by", "x",
                       "--content", str(mini)).code == 0
    assert build(mini, out, cache).code == 0
    report = json.loads((out / "build-report.json").read_text("utf-8"))
    rebuilt = {r["unit"] for r in report["rebuilt"]}
    assert rebuilt == {"page:2021-03/wifi/index.html", "page:2021-03/index.html",
                       "page:2021-03/survey/index.html", "feed", "search-index"}
    assert all(r["reason"].startswith(("changed: data", "changed: pages"))
               for r in report["rebuilt"])
    assert "공짜 와이파이를" in (out / "2021-03/wifi/index.html").read_text("utf-8")
    # --force rebuilds everything
    build(mini, out, cache, "--force")
    report = json.loads((out / "build-report.json").read_text("utf-8"))
    assert report["cache"]["hits"] == 0 and {r["reason"] for r in report["rebuilt"]} == {"forced"}


def test_parallel_build_equals_serial(tmp_path: Path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert build(MINI, a, tmp_path / "ca", "--jobs", "1", "--formats", "web,cards,braille").code == 0
    assert build(MINI, b, tmp_path / "cb", "--jobs", "2", "--formats", "web,cards,braille").code == 0
    report = json.loads((b / "build-report.json").read_text("utf-8"))
    assert report["workers"] == 2  # a real pool of two processes rendered cards and braille
    serial = json.loads((a / "build-report.json").read_text("utf-8"))
    assert serial["workers"] == 1
    sa, sb = snapshot(a), snapshot(b)
    for s in (sa, sb):
        s.pop("manifest.json"), s.pop("build-report.json")
    assert sa == sb


def test_output_paths_are_inside_out(tmp_path: Path):
    out = tmp_path / "out"
    assert build(MINI, out, tmp_path / "cache").code == 0
    m = json.loads((out / "manifest.json").read_text("utf-8"))

    def paths(node):  # type: ignore[no-untyped-def]
        if isinstance(node, dict):
            for v in node.values():
                yield from paths(v)
        elif isinstance(node, list):
            for v in node:
                yield from paths(v)
        elif isinstance(node, str) and "/" in node and not node.startswith("http"):
            yield node

    for issue in m["issues"]:
        for rel in paths([issue["outputs"], [a["outputs"] for a in issue["articles"]]]):
            assert not os.path.isabs(rel) and (out / rel).exists(), rel


def test_article_symlink_leaving_the_content_folder_is_refused(mini: Path, tmp_path: Path):
    outside = tmp_path / "elsewhere.md"
    outside.write_text((mini / "2021-03" / "02-survey.md").read_text("utf-8"), "utf-8")
    (mini / "2021-03" / "09-linked.md").symlink_to(outside)
    r = build(mini, tmp_path / "out", tmp_path / "cache")
    assert r.code == 2 and "09-linked.md" in r.err and "원고 폴더 밖" in r.err


def test_errors_of_every_parallel_task_are_reported(mini: Path, tmp_path: Path):
    """Two editions fail in two worker processes: the editor sees both errors at once."""
    override = mini / "layouts" / "braille" / "preview.html"
    override.parent.mkdir(parents=True)
    override.write_text("<p>\n\n{{ missing_value.x }}</p>", "utf-8")
    theme = mini / "layouts" / "cards" / "theme.yaml"
    theme.parent.mkdir(parents=True)
    theme.write_text("colors: [\n", "utf-8")
    (tmp_path / "out").mkdir()
    r = run_cli("build", "--content", str(mini), "--out", str(tmp_path / "out"), "--cache",
                str(tmp_path / "cache"), "--formats", "braille,cards,web", "--jobs", "2", "-q")
    assert r.code == 2 and "Traceback" not in r.err
    assert "preview.html:3" in r.err and "theme.yaml" in r.err
    assert list((tmp_path / "out").iterdir()) == []


def test_noop_rebuild_reads_nothing_and_a_touched_output_rebuilds(mini: Path, tmp_path: Path):
    out, cache = tmp_path / "out", tmp_path / "cache"
    assert build(mini, out, cache, "--formats", "web,braille").code == 0
    r = build(mini, out, cache, "--formats", "web,braille")
    assert r.code == 0 and "바뀐 것이 없어" not in r.err  # -q: quiet
    report = json.loads((out / "build-report.json").read_text("utf-8"))
    assert report["noop"] is True and report["rebuilt"] == []
    # still the same summary lines: the excluded article is named last
    assert r.err.strip().splitlines()[-1].startswith("제외") and "03-pending.md" in r.err
    # an output file damaged by hand: a real build restores it
    page = out / "2021-03" / "wifi" / "index.html"
    good = page.read_text("utf-8")
    page.write_text("damaged", "utf-8")
    assert build(mini, out, cache, "--formats", "web,braille").code == 0
    assert page.read_text("utf-8") == good
    assert "noop" not in json.loads((out / "build-report.json").read_text("utf-8"))
    # other options are another build
    r = build(mini, out, cache, "--formats", "web,braille", "--drafts")
    assert "noop" not in json.loads((out / "build-report.json").read_text("utf-8"))
