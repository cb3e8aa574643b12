"""The Korean speech normaliser, as a table of written -> spoken cases."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from conftest import SAMPLE, run_cli

from greenpub.content.reader import read_content
from greenpub.editions.audio.normalise import (
    DEFAULT_LEXICON,
    native,
    normalize,
    normalize_checked,
    sino,
    unknown_words,
)
from greenpub.editions.audio.script import article_script, contents_script
from greenpub.editions.audio.settings import AudioSettings

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
    assert len({w for w, _ in CASES}) == len(CASES)  # no case twice


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


# --- nothing unreadable reaches the voice ------------------------------------------------
_SPOKEN = re.compile(r"[가-힣 .,?!:;]*")


def _symbol_corpus() -> list[str]:
    """Every assigned character of the blocks newsletters draw symbols from, plus
    hanja, jamo, emoji and Latin/Greek letters."""
    ranges = [(0x21, 0x7E), (0xA1, 0xFF), (0x370, 0x3FF), (0x2010, 0x205E), (0x2070, 0x209C),
              (0x20A0, 0x20C0), (0x2100, 0x218B), (0x2190, 0x21FF), (0x2200, 0x22FF),
              (0x2300, 0x23FF), (0x2460, 0x24FF), (0x2500, 0x257F), (0x25A0, 0x25FF),
              (0x2600, 0x26FF), (0x2700, 0x27BF), (0x3000, 0x303F), (0x3131, 0x318E),
              (0x3200, 0x32FF), (0x3300, 0x33FF), (0x4E00, 0x4E40), (0xFF01, 0xFF65),
              (0x1F300, 0x1F320), (0x1F600, 0x1F610)]
    return [chr(c) for a, b in ranges for c in range(a, b + 1)
            if unicodedata.category(chr(c))[0] != "C"]


def test_generated_symbol_corpus_reaches_the_voice_as_hangul_only() -> None:
    corpus = _symbol_corpus()
    assert len(corpus) > 2000
    reported: set[str] = set()
    for ch in corpus:
        # the character alone, after a number, before a counter, hugging a word, bracketed
        sentence = f"주민 {ch} 참여. 3{ch} {ch}5개 서구{ch}는 ({ch})"
        spoken, removed = normalize_checked(sentence, SITE_LEXICON)
        assert _SPOKEN.fullmatch(spoken), (sentence, spoken)
        # reported as written (fullwidth forms as their ASCII twins)
        assert set(removed) <= set(sentence + unicodedata.normalize("NFKC", sentence)), (
            sentence, removed)
        reported.update(removed)
    # what no rule reads is reported, never silently lost: emoji, jamo, card suits
    assert {"♥", "😀", "ㅋ", "☺"} <= reported
    # what rules read is not reported
    assert not reported & {"①", "㈜", "㎡", "℃", "→", "Ⅲ", "市", "α", "Ω", "%", "$", "±", "×",
                           "°", "½", "é", "€", "№", "™", "«", "㉠", "ⅲ"}


def test_removed_characters_are_named() -> None:
    spoken, removed = normalize_checked("축제에 오세요♥ 😀 ㅋㅋ")
    assert spoken == "축제에 오세요"
    assert removed == ["♥", "😀", "ㅋ"]


def test_sample_issue_speaks_hangul_only() -> None:
    cfg, issues = read_content(SAMPLE)
    for issue in issues:
        scripts = [contents_script(issue, cfg.title, cfg.publisher, AudioSettings(),
                                   cfg.lexicon, False)]
        scripts += [article_script(a, AudioSettings(), cfg.lexicon, False)
                    for a in issue.articles]
        for script in scripts:
            assert script.removed == []
            assert script.unknown_words() == []
            for seg in script.segments:
                assert _SPOKEN.fullmatch(seg.text), seg.text
                # markup leaves nothing behind: no half bracket, no empty clause
                assert not re.search(r"^[,.]|,\s*[,.]|\s[.,]", seg.text), seg.text


def test_speech_text_command_reads_lines(tmp_path: Path) -> None:
    r = run_cli("speech-text", "--content", str(SAMPLE),
                stdin="☎ 560-4114\n\nPublicWiFi@seo-gu 접속\n제1장 5대 과제\n")
    assert r.code == 0, r.err
    assert r.out.split("\n") == ["전화 오육공에 사일일사", "", "퍼블릭와이파이 앳 서구 접속",
                                 "제일 장 오 대 과제", ""]
    # without --content: the built-in lexicon only (the site's entry is not known)
    r = run_cli("speech-text", stdin="PublicWiFi 접속\n")
    assert r.code == 0 and r.out == "피유비엘아이씨더블유아이에프아이 접속\n"
    r = run_cli("speech-text", "--content", str(tmp_path), stdin="x\n")
    assert r.code == 2 and "site.yaml" in r.err and "Traceback" not in r.err
