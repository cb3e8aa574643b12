"""layouts/cards/theme.yaml: loads, and every editor mistake is a Korean error with a line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import run_cli

from greenpub.editions.cards.theme import ImageLayer, contrast, load_theme, luminance
from greenpub.errors import ConfigError, ContentErrors, GreenpubError

ROOT = Path(__file__).resolve().parent.parent
THEME = ROOT / "layouts" / "cards"


def edited(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the real theme with one passage changed."""
    folder = tmp_path / "cards"
    shutil.copytree(THEME, folder)
    text = (folder / "theme.yaml").read_text("utf-8")
    assert old in text, old
    (folder / "theme.yaml").write_text(text.replace(old, new, 1), "utf-8")
    return folder


def errors_of(folder: Path, shown: Path | None = None) -> list[GreenpubError]:
    """Every error loading the theme reports (one ConfigError, or several together)."""
    with pytest.raises((ConfigError, ContentErrors)) as err:
        load_theme(folder, shown)
    return err.value.errors if isinstance(err.value, ContentErrors) else [err.value]


def line_of(folder: Path, needle: str) -> int:
    lines = (folder / "theme.yaml").read_text("utf-8").splitlines()
    return next(i for i, ln in enumerate(lines, 1) if needle in ln)


def test_real_theme_loads_with_every_slide_kind():
    theme = load_theme(THEME)
    assert set(theme.slides) == {"cover", "content", "closing", "og_article", "og_issue",
                                 "cover_photo", "photo", "closing_feedback"}
    assert (theme.slides["cover"].width, theme.slides["cover"].height) == (1080, 1350)
    assert (theme.slides["og_article"].width, theme.slides["og_article"].height) == (1200, 630)
    assert any(isinstance(x, ImageLayer) and x.source == "qr"
               for x in theme.slides["closing"].layers)
    assert [f.path.name for f in theme.fonts["body"].faces] == [
        "NanumBarunGothic.ttf", "NotoSansCJK-Regular.ttc"]


def test_wcag_contrast_formula():
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast((255, 255, 255), (255, 255, 255)) == pytest.approx(1.0)
    assert luminance((119, 119, 119)) == pytest.approx(0.184, abs=0.001)  # #777 on white: 4.48
    assert contrast((119, 119, 119), (255, 255, 255)) < 4.5 < contrast((118, 118, 118),
                                                                        (255, 255, 255))


def test_low_contrast_is_refused_naming_layer_and_line(tmp_path: Path):
    folder = edited(tmp_path, 'muted: "#4C5E53"', 'muted: "#9AA89F"')
    errors = errors_of(folder)
    assert len(errors) == 3  # every text in muted on the content slide, each on its line
    e = errors[0]
    assert e.file == str(folder / "theme.yaml")
    assert "명도 대비" in e.message and "4.5:1" in e.message and "#9AA89F" in e.message
    assert "slides.content.layers" in e.message
    assert e.line == line_of(folder, '"{{ title }}", style: header')


def test_text_on_a_rounded_badge_is_checked_against_what_shows_at_its_corners(tmp_path: Path):
    # The draft badge's text box reaching into the rounded corners sees the slide colour.
    folder = edited(tmp_path, "text: {box: [797, 85, 190, 62]", "text: {box: [792, 80, 200, 72]")
    errors = errors_of(folder)
    assert errors and all("draft.slide[1].text" in e.message for e in errors)
    assert any("명도 대비" in e.message for e in errors)


def test_text_over_a_picture_is_refused(tmp_path: Path):
    folder = edited(tmp_path, 'text: {box: [64, 176, 600, 56], content: "{{ issue_label }}"',
                    'text: {box: [700, 176, 400, 56], content: "{{ issue_label }}"')
    with pytest.raises(ConfigError, match="그림 층"):
        load_theme(folder)


def test_overlapping_text_boxes_are_refused(tmp_path: Path):
    folder = edited(tmp_path, "text: {box: [88, 1064, 904, 120]", "text: {box: [88, 1000, 904, 120]")
    with pytest.raises(ConfigError, match="겹칩니다"):
        load_theme(folder)


def test_text_outside_the_margins_is_refused(tmp_path: Path):
    folder = edited(tmp_path, "text: {box: [88, 1212, 700, 50]", "text: {box: [88, 1262, 700, 50]")
    with pytest.raises(ConfigError, match="여백") as err:
        load_theme(folder)
    assert err.value.line == line_of(folder, "box: [88, 1262, 700, 50]")


@pytest.mark.parametrize("old,new,words", [
    ("style: badge, align: center,\n             valign: middle}",
     "style: bagde, align: center,\n             valign: middle}", "bagde"),
    ('{{ site_title }}", style: brand,\n               valign: middle, alt: false}',
     '{{ site_titel }}", style: brand,\n               valign: middle, alt: false}', "site_titel"),
    ('content: "{{ section }}", style: kicker,', 'content: "{{ section }", style: kicker,',
     "Jinja2"),
    ('red: "#B3261E"', 'red: "#B3261"', "#B3261"),
    ("NanumSquareB.ttf", "NanumSquareXB.ttf", "fonts-nanum"),
    ("NotoSansCJK-Bold.ttc#1", "NotoSansCJK-Bold.ttc#12", "#0~#9"),
    ("min_size: 44, color: ink", "min_size: 80, color: ink", "min_size 80"),
    ("logo: logo.png", "logo: missing.png", "missing.png"),
    ("  og_issue:\n", "  og_isue:\n", "og_isue"),
    ("align: center,\n             valign: middle}", "align: centre,\n             valign: middle}",
     "centre"),
])
def test_editor_mistakes_are_korean_errors(tmp_path: Path, old: str, new: str, words: str):
    folder = edited(tmp_path, old, new)
    errors = errors_of(folder)
    assert any(words in e.message for e in errors), [e.message for e in errors]
    assert all(e.file == str(folder / "theme.yaml") and e.line for e in errors)


def test_missing_theme_file(tmp_path: Path):
    with pytest.raises(ConfigError, match="theme.yaml"):
        load_theme(tmp_path)


def edited_many(tmp_path: Path, changes: list[tuple[str, str]]) -> Path:
    folder = edited(tmp_path, *changes[0])
    text = (folder / "theme.yaml").read_text("utf-8")
    for old, new in changes[1:]:
        assert old in text, old
        text = text.replace(old, new, 1)
    (folder / "theme.yaml").write_text(text, "utf-8")
    return folder


def test_every_mistake_in_the_file_is_reported_at_once_on_its_line(tmp_path: Path):
    folder = edited_many(tmp_path, [
        ("brand:    {font: heading, size: 44,", 'brand:    {font: heading, size: "44",'),
        ("kicker:   {font: body_bold, size: 44,", "kicker:   {font: body_bold, size: 44, colr: leaf,"),
        ("qr: {dark: ink, light: white}", "qr: {dark: ink, light: whte}"),
        ("- rect: {box: [88, 300, 96, 10], color: green}", "- rect: {box: [88, 300, 96], color: green}"),
        ('content: "{{ text }}", style: body, valign: middle}',
         'content: "{{ txt }}", style: body, valign: middle}'),
        ("style: footer, valign: bottom", "style: footer, valign: botom"),
    ])
    errors = errors_of(folder)
    found = {e.line: e.message for e in errors}
    assert all(e.file == str(folder / "theme.yaml") for e in errors)
    expect = {
        'size: "44"': ["styles.brand.size", "정수"],
        "colr: leaf": ["styles.kicker.colr", "혹시 'color'"],
        "light: whte": ["qr.light", "whte", "혹시 'white'"],
        "[88, 300, 96]": ["slides.content.layers[4].rect.box", "네 개의 정수"],
        "{{ txt }}": ["slides.content.layers[5].text.content", "'txt'", "혹시 'text'"],
        "valign: botom": ["slides.content.layers[7].text.valign", "botom", "bottom"],
    }
    assert len(errors) == len(expect), [e.format() for e in errors]
    for needle, words in expect.items():
        message = found[line_of(folder, needle)]
        assert all(w in message for w in words), (needle, message)


def test_unknown_key_suggests_the_one_meant(tmp_path: Path):
    folder = edited(tmp_path, "    size: slide\n    background: green\n",
                    "    size: slide\n    backgruond: green\n")
    errors = errors_of(folder)
    unknown = [e for e in errors if "backgruond" in e.message]
    assert len(unknown) == 1 and "혹시 'background'" in unknown[0].message
    assert "slides.cover.backgruond" in unknown[0].message
    assert unknown[0].line == line_of(folder, "backgruond: green")
    # the key it was meant to be is missing too: said once, on the slide
    assert any("slides.cover.background" in e.message for e in errors)


def test_wrong_types_are_named_with_what_is_expected(tmp_path: Path):
    folder = edited_many(tmp_path, [
        ("line_height: 1.2, max_lines: 1}", "line_height: tall, max_lines: 1}"),
        ("logo: logo.png", "logo: [logo.png]"),
        ("- rect: {box: [0, 0, 1080, 20], color: leaf}\n      - image: {box: [88, 96, 104, 104], "
         "source: logo}\n      - text: {box: [216, 96, 560, 104]",
         "- rect: {box: [0, 0, 1080, 20], color: leaf, radius: true}\n      - image: {box: "
         "[88, 96, 104, 104], source: logo}\n      - text: {box: [216, 96, 560, 104]"),
    ])
    errors = errors_of(folder)
    by_line = {e.line: e.message for e in errors}
    assert "숫자" in by_line[line_of(folder, "line_height: tall")]
    assert "styles.brand.line_height" in by_line[line_of(folder, "line_height: tall")]
    assert "logo" in by_line[line_of(folder, "logo: [logo.png]")]
    assert "문자열" in by_line[line_of(folder, "logo: [logo.png]")]
    radius = by_line[line_of(folder, "radius: true")]
    assert "slides.cover.layers[0].rect.radius" in radius and "정수" in radius
    assert len(errors) == 3


def test_every_drawing_problem_is_reported_at_once(tmp_path: Path):
    """The second pass (on a well-formed file): margins, overlaps, contrast, all at once."""
    folder = edited_many(tmp_path, [
        ("text: {box: [88, 1212, 700, 50]", "text: {box: [88, 1262, 700, 50]"),  # margin
        ("text: {box: [88, 1064, 904, 120]", "text: {box: [88, 1000, 904, 120]"),  # overlap
        ("qr: {dark: ink, light: white}", "qr: {dark: ink, light: muted}"),  # QR contrast
        ("closing:  {font: heading, size: 68, min_size: 52, color: white",
         "closing:  {font: heading, size: 68, min_size: 52, color: muted"),  # on green
    ])
    errors = errors_of(folder)
    words = ["여백", "겹칩니다", "QR 코드", "'slides.closing.layers[3].text'의 글자색",
             "'slides.closing_feedback.layers[3].text'의 글자색"]  # both use the style
    assert all(any(w in e.message for e in errors) for w in words), [e.message for e in errors]
    assert len(errors) == 5
    margin = next(e for e in errors if "여백" in e.message)
    assert margin.line == line_of(folder, "box: [88, 1262, 700, 50]")
    assert "slides.photo.layers[6].text" in margin.message
    overlap = next(e for e in errors if "겹칩니다" in e.message)
    assert overlap.line == line_of(folder, "box: [88, 1000, 904, 120]")


def test_an_override_in_the_content_project_is_named_in_errors(mini: Path, tmp_path: Path):
    """A content project's own layouts/cards/theme.yaml: `check` and `build` name that
    file and its lines (not the merged copy the build reads), every error at once."""
    theme = mini / "layouts" / "cards" / "theme.yaml"
    theme.parent.mkdir(parents=True)
    text = (THEME / "theme.yaml").read_text("utf-8")
    text = text.replace("style: badge, align: center,", "style: bagde, align: center,", 1)
    text = text.replace("qr: {dark: ink, light: white}", "qr: {dark: ink, lihgt: white}", 1)
    theme.write_text(text, "utf-8")
    lines = text.splitlines()
    style_line = next(i for i, ln in enumerate(lines, 1) if "style: bagde" in ln)
    qr_line = next(i for i, ln in enumerate(lines, 1) if "lihgt: white" in ln)
    r = run_cli("check", "--content", str(mini))
    assert r.code == 2 and "Traceback" not in r.err
    said = r.out + r.err
    assert f"{theme}:{style_line}:" in said and "bagde" in said and "혹시 'badge'" in said
    assert f"{theme}:{qr_line}:" in said and "혹시 'light'" in said
    r = run_cli("build", "--content", str(mini), "--out", str(tmp_path / "out"), "--cache",
                str(tmp_path / "cache"), "--formats", "cards", "-q")
    assert r.code == 2 and "Traceback" not in r.err
    assert f"{theme}:{style_line}:" in r.err and f"{theme}:{qr_line}:" in r.err


def test_a_loaded_theme_is_reused_until_a_file_changes(tmp_path: Path):
    """`greenpub check` and `serve` load the theme again and again: the same files give
    the same object without parsing; an edited theme.yaml or a replaced logo is read anew."""
    import os

    folder = tmp_path / "cards"
    shutil.copytree(ROOT / "layouts" / "cards", folder)
    first = load_theme(folder)
    assert load_theme(folder) is first
    theme = folder / "theme.yaml"
    theme.write_text(theme.read_text("utf-8") + "\n# 주석\n", "utf-8")
    second = load_theme(folder)
    assert second is not first and load_theme(folder) is second
    logo = folder / "logo.png"
    os.utime(logo, ns=(logo.stat().st_atime_ns, logo.stat().st_mtime_ns + 10**9))
    assert load_theme(folder) is not second
