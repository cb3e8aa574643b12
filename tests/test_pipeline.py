"""The pipeline: manifest, report, atomic output, lock, incremental and parallel builds."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import MINI, run_cli, snapshot

from greenpub.editions.base import BuildOptions
from greenpub.errors import BuildLockedError
from greenpub.fsutil import output_lock
from greenpub.pipeline import Pipeline


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
    # valid content, but a template the web edition cannot render
    project = tmp_path / "project"
    (project / "layouts").mkdir(parents=True)
    (project / "layouts" / "web").mkdir()
    (project / "layouts" / "web" / "issue.html").write_text("{{ no_such_thing.x }}", "utf-8")
    with pytest.raises(Exception):
        Pipeline(mini, out, BuildOptions(formats=("web",)), cache_dir=cache,
                 project=project).run()
    assert snapshot(out) == before
    assert not [p for p in tmp_path.iterdir() if ".building-" in p.name]


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
    assert r.code == 1
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
    assert build(MINI, a, tmp_path / "ca", "--jobs", "1").code == 0
    assert build(MINI, b, tmp_path / "cb", "--jobs", "2").code == 0
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
