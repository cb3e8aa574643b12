"""The edition contract: editions are found through entry points and declare themselves.

A toy edition installed from the test suite (a real distribution on PYTHONPATH with
its own entry point) shows up in --formats, the manifest, the web links and the CLI
summary without any change to greenpub's files.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT as ROOT_DIR
from conftest import run_cli

from greenpub import editions
from greenpub.editions.base import ALL, Edition

TOY = '''
from greenpub.editions.base import Edition, OutputSpec, Outputs


class ToyEdition(Edition):
    name = "toy"
    title = "장난감판"
    outputs = {"toy_txt": OutputSpec("장난감 파일", "시험용 글자 파일", link=True)}

    def render(self, issue, ctx):
        rel = f"toy/{issue.id}.txt"
        ctx.write_text(rel, "\\n".join(a.title for a in issue.articles))
        out = Outputs(issue={"toy_txt": rel})
        for a in issue.articles:
            out.article(a.slug)["toy_txt"] = rel
        return out
'''


@pytest.fixture
def toy_path(tmp_path: Path) -> Path:
    site = tmp_path / "site-packages"
    site.mkdir()
    (site / "toy_greenpub_edition.py").write_text(TOY, "utf-8")
    dist = site / "toy_greenpub_edition-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: toy-greenpub-edition\n"
                                   "Version: 0.1\n", "utf-8")
    (dist / "entry_points.txt").write_text(
        "[greenpub.editions]\ntoy = toy_greenpub_edition:ToyEdition\n", "utf-8")
    return site


def test_toy_edition_is_found_everywhere(toy_path: Path, mini: Path, tmp_path: Path):
    env = {"PYTHONPATH": str(toy_path)}
    r = run_cli("build", "--help", env=env)
    assert r.code == 0 and "toy" in r.out
    out = tmp_path / "out"
    r = run_cli("build", "--content", str(mini), "--out", str(out), "--cache",
                str(tmp_path / "cache"), "--formats", "toy,web", env=env)
    assert r.code == 0, r.err
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert manifest["formats"] == ["toy", "web"]
    issue = manifest["issues"][0]
    assert issue["outputs"]["toy_txt"] == "toy/2021-03.txt"
    assert (out / "toy" / "2021-03.txt").read_text("utf-8")
    # the web edition ran after it (web needs ALL) and links it with its Korean label
    page = (out / issue["outputs"]["web"]).read_text("utf-8")
    assert "장난감 파일" in page and "toy/2021-03.txt" in page and "시험용 글자 파일" in page
    # the CLI summary names it
    assert "장난감 파일" in r.out and str(out / "toy" / "2021-03.txt") in r.out


def test_unknown_and_old_format_names(mini: Path, tmp_path: Path):
    r = run_cli("build", "--content", str(mini), "--out", str(tmp_path / "o"),
                "--formats", "toy", "-q")
    assert r.code == 2 and "알 수 없는 형식 'toy'" in r.err and "print" in r.err
    assert "Traceback" not in r.err
    # the old key of the print edition still works, with a deprecation warning
    from greenpub.pipeline import parse_formats

    warnings: list[str] = []
    assert parse_formats("pdf,web,pdf", warnings) == ("print", "web")
    assert len(warnings) == 2 and "'pdf'" in warnings[0] and "'print'" in warnings[0]


def test_every_installed_edition_declares_itself():
    reg = editions.registry()
    assert {"web", "cards", "print", "braille", "audio"} <= set(reg)
    seen: dict[str, str] = {}
    for name, cls in reg.items():
        assert issubclass(cls, Edition) and cls.name == name and cls.title
        assert cls.outputs, f"{name} declares no manifest keys"
        for key in cls.outputs:
            assert key not in seen, f"{key} declared by {seen.get(key)} and {name}"
            seen[key] = name
        for need in cls.needs:
            assert need == ALL or need in reg
    order = list(reg)
    assert order[-1] == "web"  # it needs every other edition
    waves = editions.waves(order)
    assert waves[-1] == ["web"] and sum(map(len, waves)) == len(order)


def test_heavy_libraries_load_only_for_the_editions_that_use_them(mini: Path, tmp_path: Path):
    """Every edition class is imported to read its declarations, but numpy (~150 ms a
    process) runs only when an edition that computes with it renders: a web and braille
    build never loads it."""
    import subprocess
    import sys

    script = """
import sys
from pathlib import Path
from greenpub.editions import registry
from greenpub.editions.base import BuildOptions
from greenpub.pipeline import Pipeline
registry()
def loaded():
    module = sys.modules.get("numpy")
    return module is not None and type(module).__name__ != "_LazyModule"
print("after-registry", loaded())
Pipeline(Path(sys.argv[1]), Path(sys.argv[2]), BuildOptions(formats=tuple(sys.argv[3].split(",")),
         drafts=True, jobs=1)).run()
print("after-build", loaded())
from greenpub.editions.audio.encode import silence
silence(10)  # the first use loads it: the check above can see a loaded numpy
print("after-use", loaded())
"""
    def run(formats: str) -> str:
        out = tmp_path / formats.replace(",", "-")
        proc = subprocess.run([sys.executable, "-c", script, str(mini), str(out), formats],
                              capture_output=True, text=True, cwd=str(ROOT_DIR), timeout=300)
        assert proc.returncode == 0, proc.stderr[-2000:]
        return proc.stdout

    assert run("web,braille").split() == ["after-registry", "False", "after-build", "False",
                                          "after-use", "True"]
