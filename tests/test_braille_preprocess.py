"""Preprocessing: what every engine receives, and that nothing unprintable gets out."""

from __future__ import annotations

import unicodedata

import pytest

from greenpub.editions.braille.engines import is_six_dot, load_engine
from greenpub.editions.braille.preprocess import normalize, prepare
from greenpub.editions.braille.transcribe import translate

ENGINES = ["braillify", "liblouis"]

# Everything a newsletter throws at the engines, in one paragraph.
STRESS = ("※ 문의: ☎ 032-560-4114, 면적 85㎡·120㎡, 3월 2일~5일, 「서구 소식」 『Green 서구』 "
          "《조례》 〈공고〉 【안내】 ₩5,000 기온 20℃ ①신청 ★특별★ 🎉 \"따옴표\" '작은' 漢字")


def test_nfc_decomposed_hangul_gives_the_same_braille() -> None:
    nfd = unicodedata.normalize("NFD", "서구 소식")
    assert nfd != "서구 소식"
    for name in ENGINES:
        engine = load_engine(name)
        assert translate(engine, nfd) == translate(engine, "서구 소식")


def test_nbsp_tabs_and_runs_of_spaces_become_one_space() -> None:
    assert normalize("서구\u00a0소식\t안내  \u3000끝\u200b") == "서구 소식 안내 끝"


def test_look_alikes_fold_to_the_standard_symbol() -> None:
    assert normalize("본청ㆍ제2청사・의회") == "본청·제2청사·의회"
    assert normalize("3월 2일〜5일") == "3월 2일~5일"
    assert normalize("【안내】") == "[안내]"
    assert normalize("ＡＢＣ１２３") == "ABC123"


def test_symbols_without_a_cell_are_spelled_out() -> None:
    assert normalize("☎ 032-560-4114") == "전화 032-560-4114"
    assert normalize("☎032") == "전화 032"
    assert normalize("입장료 ₩5,000") == "입장료 5,000원"


def test_straight_quotes_become_opening_and_closing() -> None:
    assert normalize('공공와이파이 "PublicWiFi" 와 \'서구\'') == \
        "공공와이파이 \u201cPublicWiFi\u201d 와 \u2018서구\u2019"
    assert normalize("(\"가\")") == "(\u201c가\u201d)"


def test_leading_bullets_are_ornaments_but_inner_symbols_stay() -> None:
    assert normalize("▶ 신청 방법") == "신청 방법"
    assert normalize("○ 신청 기간: 3월") == "신청 기간: 3월"
    assert normalize("○○동 주민") == "○○동 주민"  # 숨김표, not a bullet


def test_unknown_symbol_is_spelled_out_for_the_engine_that_lacks_it() -> None:
    louis = load_engine("liblouis")
    braillify = load_engine("braillify")
    assert prepare("85㎡", louis).text == "85제곱미터"
    assert prepare("85㎡", braillify).text == "85㎡"  # braillify has the standard's cells
    assert prepare("20℃", louis).text == "20도"


def test_korean_brackets_follow_the_2024_standard_in_both_engines() -> None:
    for name in ENGINES:
        engine = load_engine(name)
        assert translate(engine, "『서구』") == "⠰⠦⠠⠎⠈⠍⠴⠆", name
        assert translate(engine, "「서구」") == "⠐⠦⠠⠎⠈⠍⠴⠂", name
        assert translate(engine, "가·나") == "⠫⠐⠆⠉", name
        assert translate(engine, "가~나") == "⠫⠈⠔⠉", name


def test_undrawable_symbols_are_dropped_and_reported() -> None:
    for name in ENGINES:
        prepared = prepare("축하 🎉 합니다", load_engine(name))
        assert prepared.text == "축하 합니다"
        assert prepared.dropped == ["🎉"]


@pytest.mark.parametrize("name", ENGINES)
def test_no_escape_sequence_or_eight_dot_cell_ever_comes_out(name: str) -> None:
    engine = load_engine(name)
    braille = translate(engine, STRESS)
    assert braille and is_six_dot(braille)
    # liblouis writes unknown characters as '\x....' escapes: cells ⠄⡳⠭
    assert "⠄⡳⠭" not in braille


def test_without_preprocessing_the_engines_do_fail_on_these_symbols() -> None:
    # the guard above is meaningful: raw engines escape or raise on the same text
    louis = load_engine("liblouis")
    assert not is_six_dot(louis.translate("면적 85㎡ ☎ 032"))
    with pytest.raises(ValueError):
        load_engine("braillify").translate("【안내】 ★")


def test_hanja_glosses_are_left_out_and_lone_hanja_reported() -> None:
    assert normalize("서구(西區) 소식") == "서구 소식"
    for name in ENGINES:
        prepared = prepare("漢字 교실", load_engine(name))
        assert prepared.text == "교실"
        assert prepared.dropped == ["漢", "字"]
