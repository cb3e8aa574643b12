"""Card news with photos: focal-point crop, a scrim whose contrast is measured on the
real pixels, photo slides from `card:` entries, card_title, `check` naming the field
that overflows, and automatic sentences that skip contact lines and title repeats."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
from conftest import ROOT, run_cli
from PIL import Image

from greenpub.cache import BuildCache
from greenpub.content.reader import read_content
from greenpub.editions.base import BuildOptions, RenderContext, run_edition
from greenpub.editions.cards import CardsEdition, SlideEnv, article_specs
from greenpub.editions.cards.render import SlideSpec, focus_crop, paint_slide, plan_slide
from greenpub.editions.cards.series import CardSettings, key_sentences
from greenpub.editions.cards.theme import contrast, load_theme

ISSUE = "2021-03"
WHITE = (255, 255, 255)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def wifi(mini: Path) -> Path:
    return mini / ISSUE / "01-wifi.md"


def line_of(path: Path, needle: str) -> int:
    return next(i for i, ln in enumerate(path.read_text("utf-8").splitlines(), 1)
                if needle in ln)


def photo(mini: Path, name: str, size: tuple[int, int], colour: tuple[int, int, int],
          marker: tuple[float, float] | None = None) -> str:
    img = Image.new("RGB", size, colour)
    if marker:  # a red square at the focal point
        x, y = int(marker[0] * size[0]), int(marker[1] * size[1])
        img.paste((230, 0, 0), (x - 20, y - 20, x + 20, y + 20))
    img.save(mini / ISSUE / "images" / name)
    return f"images/{name}"


def render_cards(mini: Path, tmp: Path) -> tuple[dict, Path]:
    cfg, issues = read_content(mini)
    issue = issues[0]
    # every article but the pending one: the edits below change what was approved (photo,
    # focus), which the gate rightly reports; the slides are what is tested here
    issue = dataclasses.replace(issue, articles=[a for a in issue.articles
                                                 if a.slug != "pending"])
    ctx = RenderContext(site=cfg, out=tmp / "out", project=ROOT,  # type: ignore[arg-type]
                        options=BuildOptions(formats=("cards",)), cache=BuildCache(tmp / "c"))
    return run_edition(CardsEdition(), issue, ctx).outputs.articles, tmp / "out"


def test_focus_crop_keeps_the_focal_point():
    src = Image.new("RGB", (4000, 1000), WHITE)
    src.paste((230, 0, 0), (3180, 480, 3220, 520))  # at (0.8, 0.5)
    centred = np.asarray(focus_crop(src, (1080, 1350)))
    kept = np.asarray(focus_crop(src, (1080, 1350), (0.8, 0.5)))
    assert (centred[..., 1] > 200).all()  # the centre crop loses the point
    ys, xs = np.nonzero(kept[..., 1] < 100)
    assert abs(xs.mean() - 540) < 10 and abs(ys.mean() - 675) < 10
    edge = np.asarray(focus_crop(src, (1080, 1350), (1.0, 0.5)))
    assert (edge[..., 1] < 100).any()  # clamped to the picture's edge, not past it


def test_cover_photo_uses_focus_and_scrim_reaches_contrast_on_real_pixels(mini: Path,
                                                                        tmp_path: Path):
    src = photo(mini, "white.png", (3000, 1200), WHITE, marker=(0.7, 0.3))
    edit(wifi(mini), "  - src: images/wifi.png", f"  - src: {src}\n    focus: [0.7, 0.3]")
    arts, out = render_cards(mini, tmp_path)
    cover = np.asarray(Image.open(out / arts["wifi"]["cards"][0]["src"]).convert("RGB"))
    # the marker (0.3 of the height -> y 405 of 1350, in the unscrimmed band) is centred
    ys, xs = np.nonzero((cover[..., 0] > 150) & (cover[..., 1] < 60))
    assert abs(xs.mean() - 540) < 15 and abs(ys.mean() - 405) < 15
    # on a white photo the scrim darkens until white text has 4.5:1 on every pixel
    theme = load_theme(ROOT / "layouts" / "cards")
    cfg, issues = read_content(mini)
    article = issues[0].articles[0]
    spec = article_specs(article, issues[0], SlideEnv(cfg, False, False, print),
                         CardSettings())[0]
    assert spec.kind == "cover_photo" and spec.focus == (0.7, 0.3)
    measured: dict[str, tuple[float, float]] = {}
    paint_slide(theme, plan_slide(theme, spec, False), measured)
    lower = measured["slides.cover_photo.layers[5].scrim"]
    assert lower[0] > 0.62 and lower[1] >= 4.5
    title_box = cover[720:1050, 88:992].reshape(-1, 3)
    colours, counts = np.unique(title_box, axis=0, return_counts=True)
    background = tuple(int(c) for c in colours[np.argmax(counts)])
    # the section (leaf green) and title (white) text both sit on it: the lighter one
    # decides, and the scrim is no darker than that needs
    leaf = theme.colors["leaf"]
    assert 4.5 <= min(contrast(WHITE, background), contrast(leaf, background)) < 4.8


def test_scrim_keeps_its_opacity_on_a_dark_photo(mini: Path):
    theme = load_theme(ROOT / "layouts" / "cards")
    src = photo(mini, "dark.png", (1080, 1350), (10, 10, 10))
    cfg, issues = read_content(mini)
    spec = SlideSpec("cover_photo", {**_values(cfg, issues), "photo_alt": "어두운 사진"},
                     cover=mini / ISSUE / src)
    measured: dict[str, tuple[float, float]] = {}
    paint_slide(theme, plan_slide(theme, spec, False), measured)
    assert measured["slides.cover_photo.layers[5].scrim"][0] == pytest.approx(0.62)


def _values(cfg, issues) -> dict:
    article = issues[0].articles[0]
    return article_specs(article, issues[0], SlideEnv(cfg, False, False, print),
                         CardSettings())[0].values


def test_card_entry_with_image_makes_a_photo_slide_and_card_title(mini: Path, tmp_path: Path):
    src = photo(mini, "hall.png", (1600, 1200), (40, 90, 60))
    edit(wifi(mini), "review:", "card_title: 민원실 무료 와이파이\ncard:\n"
         f"  - image: {src}\n    alt: 민원실 안내 창구 사진\n    focus: [0.5, 0.4]\n"
         "    text: 민원실에서 누구나 무료로 씁니다.\n  - 인증은 필요 없습니다.\nreview:")
    arts, out = render_cards(mini, tmp_path)
    cards = arts["wifi"]["cards"]
    assert len(cards) == 4
    assert "사진: 민원실 안내 창구 사진" in cards[1]["alt"]
    assert "민원실에서 누구나 무료로 씁니다." in cards[1]["alt"]
    assert cards[0]["alt"].count("민원실 무료 와이파이") == 1  # card_title on the cover
    assert "구청 민원실에서 무료 와이파이를 쓰세요" not in cards[0]["alt"]
    slide = np.asarray(Image.open(out / cards[1]["src"]).convert("RGB"))
    assert tuple(slide[400, 540]) == (40, 90, 60)  # the photo fills the slide's top


def test_check_names_the_field_and_line_of_a_slide_that_will_not_fit(mini: Path):
    path = wifi(mini)
    long_title = "구청 민원실에서 무료 와이파이를 쓰세요 " * 5
    edit(path, "title: 구청 민원실에서 무료 와이파이를 쓰세요", f"title: {long_title.strip()}")
    r = run_cli("check", "--content", str(mini))
    assert r.code == 2 and "Traceback" not in r.err
    assert f"{path}:{line_of(path, 'title:')}:" in r.err
    assert "title 항목" in r.err and "card_title" in r.err
    # a short card_title fixes it: the slides use it
    edit(path, "section:", "card_title: 민원실 무료 와이파이\nsection:")
    r = run_cli("check", "--content", str(mini))
    assert r.code == 0, r.err
    # a card sentence that overflows is named as card[1] with its own line
    edit(path, "review:", "card:\n  - 짧은 문장입니다.\n  - " + "아주 긴 문장입니다 " * 40
         + "\nreview:")
    r = run_cli("check", "--content", str(mini))
    assert r.code == 2
    assert f"{path}:{line_of(path, '아주 긴 문장')}:" in r.err and "card[1] 항목" in r.err


def test_bad_focus_is_an_error_with_file_and_line(mini: Path):
    path = wifi(mini)
    edit(path, "  - src: images/wifi.png", "  - src: images/wifi.png\n    focus: [1.5, 0.2]")
    r = run_cli("check", "--content", str(mini))
    assert r.code == 2 and "Traceback" not in r.err
    assert f"{path}:{line_of(path, 'focus:')}:" in r.err and "images[0].focus" in r.err


def test_automatic_sentences_skip_contact_lines_and_title_repeats(mini: Path):
    path = wifi(mini)
    edit(path, "## 이용 방법", "구청 민원실에서 무료 와이파이를 쓰세요.\n\n"
         "자세한 내용은 홍보정책담당관(032-560-4114)으로 문의해 주세요.\n\n"
         "접속 화면에서 PublicWiFi@seo-gu를 고르면 바로 연결됩니다.\n\n"
         "도서관과 주민센터에도 차례로 설치할 계획입니다.\n\n## 이용 방법")
    _, issues = read_content(mini)
    article = issues[0].articles[0]
    picked = key_sentences(article, 5)
    assert "도서관과 주민센터에도 차례로 설치할 계획입니다." in picked
    assert not any("문의" in s or "@" in s or "와이파이를 쓰세요" in s for s in picked)
