"""Card news and the residents' feedback survey (site.yaml `feedback:`): the closing slide
carries a second, decodable QR code to the survey with its label; without `feedback:`
every slide is as before."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
import segno
from conftest import MINI, ROOT
from PIL import Image

from greenpub.cache import BuildCache
from greenpub.content.model import Issue
from greenpub.content.reader import read_content
from greenpub.editions.base import BuildOptions, EditionResult, RenderContext, run_edition
from greenpub.editions.cards import CardsEdition
from greenpub.editions.cards.theme import load_theme
from greenpub.errors import ConfigError
from greenpub.review import decide

SURVEY = "https://survey.example.kr/green?round=2021-1"
LABEL = "소식지 독자 의견 조사"
ARTICLE = "https://news.seo.incheon.kr/green/2021-03/wifi/"
QUIET = 4  # modules of light around a QR code (ISO/IEC 18004)


def with_feedback(dest: Path, label: str = LABEL) -> Path:
    if not dest.exists():
        shutil.copytree(MINI, dest)
    site = dest / "site.yaml"
    text = site.read_text("utf-8").split("feedback:")[0]
    site.write_text(text + f"feedback:\n  url: {SURVEY}\n  label: {label}\n", "utf-8")
    return dest


def render(content: Path, tmp: Path, cache: Path | None = None,
           project: Path = ROOT) -> EditionResult:
    cfg, issues = read_content(content)
    issue: Issue = issues[0]
    issue = dataclasses.replace(issue, articles=[a for a in issue.articles
                                                 if decide(a, cfg).publishable])
    ctx = RenderContext(site=cfg, out=tmp / "out", project=project,
                        options=BuildOptions(formats=("cards",)),
                        cache=BuildCache(cache or tmp / "cache"))
    return run_edition(CardsEdition(), issue, ctx)


def slides(out: Path, result: EditionResult, slug: str = "wifi") -> list[Path]:
    return [out / c["src"] for c in result.outputs.articles[slug]["cards"]]


def qr_codes(png: Path) -> list[str]:
    r = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True)
    return sorted(r.stdout.split())


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, EditionResult]]:
    tmp = tmp_path_factory.mktemp("feedback")
    content = with_feedback(tmp / "content")
    return {"feedback": (tmp / "a" / "out", render(content, tmp / "a")),
            "plain": (tmp / "b" / "out", render(MINI, tmp / "b"))}


def test_closing_slide_has_a_survey_qr_code_that_reads_back(both):
    out, result = both["feedback"]
    closing = slides(out, result)[-1]
    assert qr_codes(closing) == sorted([ARTICLE, SURVEY])
    alt = result.outputs.articles["wifi"]["cards"][-1]["alt"]
    assert LABEL in alt and SURVEY in alt and ARTICLE in alt


def test_survey_qr_code_keeps_a_quiet_zone_of_four_modules(both):
    out, result = both["feedback"]
    theme = load_theme(ROOT / "layouts" / "cards")
    layer = next(x for x in theme.slides["closing_feedback"].layers
                 if getattr(x, "source", None) == "feedback_qr")
    x, y, w, h = layer.box
    modules = len(segno.make(SURVEY, error="m", micro=False).matrix) + 2 * QUIET
    scale = min(w, h) // modules
    side = modules * scale
    ox, oy = x + (w - side) // 2, y + (h - side) // 2
    with Image.open(slides(out, result)[-1]) as im:
        square = np.asarray(im.convert("RGB").crop((ox, oy, ox + side, oy + side)))
    is_dark = (square == theme.qr_dark).all(axis=2)
    assert (is_dark | (square == theme.qr_light).all(axis=2)).all()  # two colours only
    rows, cols = np.nonzero(is_dark)
    quiet = QUIET * scale
    assert rows.min() == cols.min() == quiet
    assert rows.max() == cols.max() == side - quiet - 1


def test_without_feedback_the_series_is_as_before(both):
    out, result = both["feedback"]
    plain_out, plain = both["plain"]
    for slug in result.outputs.articles:
        with_fb, without = slides(out, result, slug), slides(plain_out, plain, slug)
        assert len(with_fb) == len(without)
        for a, b in zip(with_fb[:-1], without[:-1]):
            assert a.read_bytes() == b.read_bytes(), a  # only the closing slide changes
        assert with_fb[-1].read_bytes() != without[-1].read_bytes()
    assert qr_codes(slides(plain_out, plain)[-1]) == [ARTICLE]
    assert "의견 조사" not in plain.outputs.articles["wifi"]["cards"][-1]["alt"]


def test_changing_the_survey_redraws_the_closing_slides(tmp_path: Path):
    content = with_feedback(tmp_path / "content")
    cache = tmp_path / "cache"
    first = render(content, tmp_path / "a", cache)
    assert render(content, tmp_path / "b", cache).cache.misses == 0
    with_feedback(content, label="설문에 참여해 주세요")
    again = render(content, tmp_path / "c", cache)
    assert again.cache.misses == first.cache.misses == 3  # both articles and the issue
    changed = slides(tmp_path / "c" / "out", again)[-1].read_bytes()
    assert changed != slides(tmp_path / "a" / "out", first)[-1].read_bytes()


def test_a_theme_without_the_survey_slide_draws_the_plain_closing(tmp_path: Path, both):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "layouts" / "cards", project / "layouts" / "cards")
    theme = project / "layouts" / "cards" / "theme.yaml"
    text = theme.read_text("utf-8")
    start = text.index("  # The closing slide when site.yaml sets `feedback:`")
    theme.write_text(text[:start] + text[text.index("  og_article:"):], "utf-8")
    result = render(with_feedback(tmp_path / "content"), tmp_path, project=project)
    plain_out, plain = both["plain"]
    # the old closing slide: the article's QR code only (its values differ, not its look)
    assert slides(tmp_path / "out", result)[-1].read_bytes() == \
        slides(plain_out, plain)[-1].read_bytes()


def test_the_survey_slide_is_contrast_checked(tmp_path: Path):
    folder = tmp_path / "cards"
    shutil.copytree(ROOT / "layouts" / "cards", folder)
    theme = folder / "theme.yaml"
    old = 'content: "{{ feedback_label }}", style: note,'
    text = theme.read_text("utf-8")
    assert old in text
    theme.write_text(text.replace(old, old + " color: muted,"), "utf-8")
    with pytest.raises(ConfigError) as err:
        load_theme(folder)
    assert "slides.closing_feedback.layers[9].text" in err.value.message
    assert "명도 대비" in err.value.message
    lines = theme.read_text("utf-8").splitlines()
    assert err.value.line == next(i for i, ln in enumerate(lines, 1) if old + " color" in ln)
