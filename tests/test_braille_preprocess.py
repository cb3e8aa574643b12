"""Preprocessing: what every engine receives, and that nothing unprintable gets out."""

from __future__ import annotations

import unicodedata

import pytest

from greenpub.editions.braille.engines import is_six_dot, load_engine
from greenpub.editions.braille.preprocess import Change, normalize
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


def test_ornaments_are_left_out_and_listed_but_bullets_and_marks_stay() -> None:
    changes: list[Change] = []
    assert normalize("▶ 신청 방법", changes) == "신청 방법"
    assert changes == [Change("removed", "▶")]
    assert normalize("○ 신청 기간: 3월") == "○ 신청 기간: 3월"  # a 제72항 bullet
    assert normalize("○○동 주민") == "○○동 주민"  # 숨김표
    assert normalize("★특별★ 할인") == "특별 할인"


def test_every_change_is_listed() -> None:
    changes: list[Change] = []
    normalize("안내 — 西區 청사(廳舍)에서 ☎ 560, 25°C", changes)
    assert Change("replaced", "—", "―") in changes
    assert Change("replaced", "西區", "서구") in changes
    assert Change("replaced", "☎", "전화") in changes
    assert Change("replaced", "°C", "℃") in changes
    assert Change("replaced", "청사(廳舍)", "청사") in changes
    # nothing listed for text that needs no change
    quiet: list[Change] = []
    normalize("서구 소식 3월호", quiet)
    assert quiet == []


def test_korean_brackets_follow_the_2024_standard_in_both_engines() -> None:
    for name in ENGINES:
        engine = load_engine(name)
        assert translate(engine, "『서구』") == "⠰⠦⠠⠎⠈⠍⠴⠆", name
        assert translate(engine, "「서구」") == "⠐⠦⠠⠎⠈⠍⠴⠂", name
        assert translate(engine, "가·나") == "⠫⠐⠆⠉", name
        assert translate(engine, "가~나") == "⠫⠈⠔⠉", name


def test_undrawable_symbols_are_dropped_and_reported() -> None:
    for name in ENGINES:
        dropped: dict[str, list[str]] = {}
        engine = load_engine(name)
        assert translate(engine, "축하 🎉 합니다", "x", dropped) == translate(engine, "축하 합니다")
        assert dropped == {"🎉": ["x"]}


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


def test_hanja_glosses_are_left_out_and_other_hanja_read_in_hangul() -> None:
    assert normalize("서구(西區) 소식") == "서구 소식"
    assert normalize("漢字 교실") == "한자 교실"
    assert normalize("樂園 같은 공원") == "낙원 같은 공원"  # the initial-sound rule
    # a gloss that is not the word before it is read, not dropped
    assert normalize("도서관(圖書館) 개관") == "도서관 개관"
    assert normalize("새 건물(廳舍)") == "새 건물(청사)"
    for name in ENGINES:
        engine = load_engine(name)
        dropped: dict[str, list[str]] = {}
        assert translate(engine, "漢字 교실", "", dropped) == translate(engine, "한자 교실")
        assert dropped == {}
