"""Keep-all wrapping, shrink-to-fit and glyph coverage, measured with the real Debian fonts."""

from __future__ import annotations

import pytest

from greenpub.editions.cards.textlayout import DoesNotFit, FontChain, FontFace, fit, units, wrap

NANUM = FontFace.parse("/usr/share/fonts/truetype/nanum/NanumBarunGothicBold.ttf")
NOTO_KR = FontFace.parse("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc#1")

TEXT = "본청 1층 민원봉사실과 제2청사 1층에서 누구나 인증 없이 공공와이파이를 쓸 수 있습니다."


@pytest.fixture(scope="module")
def chain() -> FontChain:
    return FontChain("body", (NANUM, NOTO_KR))


def test_noto_collection_face_1_is_korean():
    from fontTools.ttLib import TTCollection

    coll = TTCollection(str(NOTO_KR.path), lazy=True)
    assert coll.fonts[NOTO_KR.index]["name"].getDebugName(4) == "Noto Sans CJK KR Bold"


def test_wraps_only_at_spaces_and_within_width(chain: FontChain):
    lines = wrap(TEXT, chain, 60, 600)
    assert len(lines) > 2
    assert " ".join(lines) == TEXT  # nothing lost, every break was a space
    words = set(TEXT.split())
    for line in lines:
        assert chain.width(line, 60) <= 600
        assert set(line.split()) <= words  # no word cut in two (keep-all)


def test_width_is_measured_with_the_font_not_counted(chain: FontChain):
    # The same number of characters: Hangul is far wider than Latin 'i'.
    assert chain.width("가" * 10, 40) > 2 * chain.width("i" * 10, 40)
    assert chain.width("가나다", 80) == pytest.approx(2 * chain.width("가나다", 40), rel=0.05)


def test_dates_and_lone_symbols_stay_with_their_neighbour():
    assert units("조사(3. 2.~3. 31.) 참여") == ["조사(3. 2.~3. 31.)", "참여"]
    assert units("누리집이나 ☎ 032-560-4114로") == ["누리집이나", "☎ 032-560-4114로"]
    assert units("3. 봄") == ["3.", "봄"]


def test_fit_keeps_size_when_text_fits(chain: FontChain):
    f = fit("짧은 문장입니다.", chain, size=66, min_size=44, line_height=1.5, width=904,
            height=800)
    assert f.size == 66 and f.lines == ("짧은 문장입니다.",)


def test_fit_shrinks_until_it_fits(chain: FontChain):
    f = fit(TEXT * 2, chain, size=66, min_size=30, line_height=1.5, width=904, height=400)
    assert 30 <= f.size < 66
    assert len(f.lines) * f.line_px <= 400
    assert all(chain.width(line, f.size) <= 904 for line in f.lines)
    assert " ".join(f.lines) == TEXT * 2


def test_fit_fails_instead_of_cropping(chain: FontChain):
    with pytest.raises(DoesNotFit) as err:
        fit(TEXT * 5, chain, size=66, min_size=44, line_height=1.5, width=904, height=400)
    assert err.value.min_size == 44 and err.value.lines > err.value.max_lines


def test_fit_fails_on_a_word_wider_than_the_box(chain: FontChain):
    with pytest.raises(DoesNotFit) as err:
        fit("가" * 40, chain, size=60, min_size=50, line_height=1.4, width=500, height=800)
    assert err.value.word == "가" * 40


def test_long_url_breaks_after_slash(chain: FontChain):
    url = "news.seo.incheon.kr/green/2021-03/a-very-long-article-slug-for-testing"
    lines = wrap(url, chain, 34, 500)
    assert len(lines) > 1 and "".join(lines) == url


def test_balanced_lines_use_the_same_count_but_even_widths(chain: FontChain):
    plain = fit(TEXT, chain, size=60, min_size=60, line_height=1.4, width=904, height=900)
    even = fit(TEXT, chain, size=60, min_size=60, line_height=1.4, width=904, height=900,
               balance=True)
    assert len(even.lines) == len(plain.lines)
    spread = [chain.width(x, 60) for x in even.lines]
    plain_spread = [chain.width(x, 60) for x in plain.lines]
    assert max(spread) - min(spread) <= max(plain_spread) - min(plain_spread)


def test_coverage_and_fallback_chain(chain: FontChain):
    assert chain.missing(TEXT) is None
    # U+213B FACSIMILE SIGN: not in Nanum, drawn by Noto Sans CJK KR
    assert chain.face_of("℻") == 1 and chain.missing("℻ 032-560-4114") is None
    assert [face for face, _ in chain.runs("팩스 ℻ 번호")] == [NANUM, NOTO_KR, NANUM]
    assert FontChain("x", (NANUM,)).missing("팩스 ℻") == "℻"
    assert chain.missing("좋아요 😀") == "😀"
