"""The Korean speech normaliser, as a table of written -> spoken cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from greenpub.editions.audio.normalise import (DEFAULT_LEXICON, native, normalize, sino,
                                               unknown_words)

SITE_LEXICON = {"PublicWiFi@seo-gu": "퍼블릭와이파이 앳 서구", "WIPS": "윕스",
                "data.go.kr": "데이터 점 고 점 케이알"}

CASES_FILE = Path(__file__).parent / "data" / "speech_cases.tsv"


def _read_cases() -> list[tuple[str, str, str]]:
    """(family, written, spoken) from the table: '## family' lines head each group."""
    cases, family = [], ""
    for line in CASES_FILE.read_text("utf-8").splitlines():
        if line.startswith("## "):
            family = line[3:].strip()
        elif line.strip() and not line.startswith("#"):
            written, spoken = line.split("\t")
            cases.append((family, written, spoken))
    return cases


CASES = [(w, s) for _, w, s in _read_cases()]


@pytest.mark.parametrize(("written", "spoken"), CASES, ids=[c[0] for c in CASES])
def test_normalise_table(written: str, spoken: str) -> None:
    assert normalize(written, SITE_LEXICON) == spoken


def test_table_is_large() -> None:
    assert len(CASES) >= 300
    assert len(set(w for w, _ in CASES)) == len(CASES)  # no case twice


@pytest.mark.parametrize(("n", "reading"), [
    (0, "영"), (1, "일"), (10, "십"), (11, "십일"), (100, "백"), (1000, "천"), (10000, "만"),
    (10001, "만 일"), (20000, "이만"), (110000, "십일만"), (100000000, "일억"),
    (100010000, "일억 만"), (2021, "이천이십일"),
])
def test_sino(n: int, reading: str) -> None:
    assert sino(n) == reading


def test_native_forms() -> None:
    assert [native(n) for n in (1, 2, 3, 4, 20, 99)] == ["한", "두", "세", "네", "스무",
                                                        "아흔아홉"]
    assert native(20, attributive=False) == "스물"
    with pytest.raises(ValueError):
        native(100)


def test_site_lexicon_overrides_defaults() -> None:
    assert DEFAULT_LEXICON["Green"] == "그린"
    assert normalize("Green 서구", {"Green": "초록"}) == "초록 서구"
    # case-insensitive fallback, exact spelling preferred
    assert normalize("GREEN 서구") == "그린 서구"
    # a lexicon key is a whole word: not replaced inside a longer English word
    assert normalize("Greenery", {"Green": "초록"}) == "지알이이엔이알와이"  # spelled


def test_unknown_words_are_reported() -> None:
    assert unknown_words("PublicWiFi@seo-gu를 고르세요. SNS와 Webex", {}) == [
        "PublicWiFi", "seo-gu", "Webex"]
    assert unknown_words("PublicWiFi@seo-gu를 고르세요", SITE_LEXICON) == []
    # URLs are not words to read
    assert unknown_words("https://www.example.com/page", {}) == []


def test_no_digits_or_latin_left_in_real_sentences() -> None:
    text = ("올해 신문·방송·영상 매체를 활용한 홍보에는 620,623천원이 쓰입니다. 기간: 2021. 3. 2.(화) "
            "~ 3. 31.(수) 오후 6시, ☎ 032-560-4114(평일 오전 9시~오후 6시)")
    spoken = normalize(text, SITE_LEXICON)
    assert not any(c.isdigit() or c.isascii() and c.isalpha() for c in spoken), spoken
    assert "육억 이천육십이만 삼천 원이 쓰입니다" in spoken
