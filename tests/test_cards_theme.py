"""layouts/cards/theme.yaml: loads, and every editor mistake is a Korean error with a line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from greenpub.editions.cards.theme import ImageLayer, contrast, load_theme, luminance
from greenpub.errors import ConfigError

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


def line_of(folder: Path, needle: str) -> int:
    lines = (folder / "theme.yaml").read_text("utf-8").splitlines()
    return next(i for i, ln in enumerate(lines, 1) if needle in ln)


def test_real_theme_loads_with_every_slide_kind():
    theme = load_theme(THEME)
    assert set(theme.slides) == {"cover", "content", "closing", "og_article", "og_issue",
                                 "cover_photo", "photo"}
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
    with pytest.raises(ConfigError) as err:
        load_theme(folder)
    e = err.value
    assert e.file == str(folder / "theme.yaml")
    assert "명도 대비" in e.message and "4.5:1" in e.message and "#9AA89F" in e.message
    assert "slides.content.layers" in e.message
    assert e.line == line_of(folder, '"{{ title }}", style: header')


def test_text_on_a_rounded_badge_is_checked_against_what_shows_at_its_corners(tmp_path: Path):
    # The draft badge's text box reaching into the rounded corners sees the slide colour.
    folder = edited(tmp_path, "text: {box: [797, 85, 190, 62]", "text: {box: [792, 80, 200, 72]")
    with pytest.raises(ConfigError, match="draft.slide"):
        load_theme(folder)


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
    with pytest.raises(ConfigError) as err:
        load_theme(folder)
    assert words in err.value.message
    assert err.value.file == str(folder / "theme.yaml") and err.value.line


def test_missing_theme_file(tmp_path: Path):
    with pytest.raises(ConfigError, match="theme.yaml"):
        load_theme(tmp_path)
