"""site.yaml: typed settings, every error at once with its line, shapes people write."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build_sample, run_cli

from greenpub.config import load_site_config
from greenpub.errors import ConfigError, ContentErrors

MINI_SITE = (Path(__file__).parent / "fixtures" / "mini" / "site.yaml").read_text("utf-8")


def _site(mini: Path, text: str) -> Path:
    (mini / "site.yaml").write_text(text, "utf-8")
    return mini


def test_every_error_reported_with_its_line_and_a_suggestion(mini: Path):
    text = MINI_SITE.replace("publisher:", "publsher:") + (
        "print:\n  colums: 2\n  page_size: A4 please\n"
        "braille:\n  cells_per_line: 99\n"
        "audio:\n  speed: fast\n")
    _site(mini, text)
    with pytest.raises(ContentErrors) as err:
        load_site_config(mini)
    errors = {e.message: e.line for e in err.value.errors}
    lines = text.splitlines()

    def line_of(fragment: str) -> int:
        return next(i for i, line in enumerate(lines, 1) if fragment in line)

    found = {msg.split("'")[1]: line for msg, line in errors.items() if "'" in msg}
    assert found["publsher"] == line_of("publsher:")
    assert any("혹시 'publisher'" in m for m in errors)
    assert found["print.colums"] == line_of("colums:")
    assert any("혹시 'columns'" in m for m in errors)
    assert found["print.page_size"] == line_of("page_size:")
    assert found["braille.cells_per_line"] == line_of("cells_per_line:")
    assert found["audio.speed"] == line_of("speed:")
    assert "publisher" in found  # the missing key is named too
    # check prints them all, in Korean, exit 2
    r = run_cli("check", "--content", str(mini))
    assert r.code == 2 and "Traceback" not in r.err
    assert r.err.count("오류") >= 6


@pytest.mark.parametrize("contact", [
    "contact: 홍보정책담당관 032-560-4114\n",
    "contact:\n  phone: 032-560-4114\n",
    "",
])
def test_contact_shapes_people_write_build_every_text_edition(mini: Path, tmp_path: Path,
                                                              contact: str):
    start = MINI_SITE.index("contact:")
    end = MINI_SITE.index("review:")
    text = MINI_SITE[:start] + contact + MINI_SITE[end:]
    text = text.replace("base_url: https://news.seo.incheon.kr/green/",
                        "base_url: https://news.seo.incheon.kr/green")
    _site(mini, text)
    cfg = load_site_config(mini)
    assert cfg.base_url == "https://news.seo.incheon.kr/green/"
    # the print back page prints the contact too: laid out for the one-line shape, the
    # newest; the other shapes go through the web pages and the cards
    formats = "web,print,cards" if contact.startswith("contact: ") else "web,cards"
    out = build_sample(tmp_path, formats, content=mini)
    page = (out / "index.html").read_text("utf-8")
    if "032-560-4114" in contact:
        assert "032-560-4114" in page


def test_number_phone_must_be_quoted(mini: Path):
    _site(mini, MINI_SITE.replace("phone: 032-560-4114", "phone: 0325604114"))
    with pytest.raises(ConfigError) as err:
        load_site_config(mini)
    assert "따옴표" in err.value.message
    assert err.value.line == MINI_SITE.splitlines().index("  phone: 032-560-4114") + 1


def test_an_empty_list_names_only_the_limit_it_has(mini: Path):
    """`review.checkpoints: []` (at least one, no maximum) says just that."""
    start = MINI_SITE.index("  checkpoints:")
    end = MINI_SITE.index("lexicon:")
    _site(mini, MINI_SITE[:start] + "  checkpoints: []\n" + MINI_SITE[end:])
    with pytest.raises(ConfigError) as err:
        load_site_config(mini)
    message = err.value.message
    assert "review.checkpoints" in message and "최소 1개" in message, message
    assert "최대" not in message and "()" not in message
    assert err.value.line == MINI_SITE[:start].count("\n") + 1
