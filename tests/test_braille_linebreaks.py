"""Line breaks over a generated corpus: no word is split, except a token longer than a
line, broken only after / . @ - with the continuation mark ⠠ (제42항)."""

from __future__ import annotations

import random

import pytest

from greenpub.editions.braille.engines import load_engine
from greenpub.editions.braille.layout import BREAK_AFTER, CONTINUATION, wrap
from greenpub.editions.braille.transcribe import Transcriber

B = "\u2800"

WORDS = ["서구", "주민", "여러분의", "참여로", "만들어지는", "소식지입니다.", "공원", "산책로가",
         "새로", "열렸습니다", "청라국제도시", "가정동", "검단", "1,000원", "3월", "31일까지",
         "(선착순)", "“함께해요”", "Green", "WiFi", "COVID-19", "김○○", "①", "25℃",
         "→", "―", "서울-인천", "…", "환경·교통·복지", "2026.11.30.", "10:30~12:00",
         "아름다운우리동네가꾸기한마당축제추진위원회사무국"]
ADDRESSES = ["https://www.seo.incheon.kr/green/survey/2026/notice-board/view?id=12345",
             "green.newsletter.subscription@seo.incheon.go.kr",
             "www.example-long-domain-name-for-testing.or.kr/path/to/some/page"]


def _corpus(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    paragraphs = []
    for _ in range(n):
        words = [rng.choice(WORDS) for _ in range(rng.randint(3, 30))]
        if rng.random() < 0.4:
            words.insert(rng.randrange(len(words) + 1), rng.choice(ADDRESSES))
        paragraphs.append(" ".join(words))
    return paragraphs


def _splits(lines: list[str], expected: list[str], width: int) -> list[tuple[str, str]]:
    """Walk the wrapped lines against the words they must hold, in order; return each
    split as (whole token, piece on the line without the continuation mark)."""
    k, pending = 0, ""
    splits: list[tuple[str, str]] = []
    for line in lines:
        assert len(line) <= width
        parts = [w for w in line.split(B) if w]
        for j, part in enumerate(parts):
            if pending + part == expected[k]:
                k, pending = k + 1, ""
                continue
            # anything else must be a piece of a split token: last on its line,
            # marked, and the token's next cells
            assert j == len(parts) - 1 and part.endswith(CONTINUATION), (line, expected[k])
            assert expected[k].startswith(pending + part[:-1]), (line, expected[k])
            splits.append((expected[k], part[:-1]))
            pending += part[:-1]
    assert k == len(expected) and pending == ""
    return splits


@pytest.mark.parametrize("width, seed", [(40, 1), (32, 2), (28, 3), (24, 4)])
def test_generated_corpus_breaks_only_between_words(width: int, seed: int) -> None:
    tr = Transcriber(load_engine("braillify"))
    for text in _corpus(40, seed):
        braille = tr(text)
        expected = [w for w in braille.split(B) if w]
        for first, rest in ((2, 0), (4, 6)):
            lines = wrap(braille, width, first, rest)
            for token, piece in _splits(lines, expected, width):
                # only a token longer than a whole line is split ...
                assert len(token) > width - max(first, rest), text
                # ... after / . @ -, or at the line's end when it has none of them
                assert piece.endswith(BREAK_AFTER) or not any(m in token[:-1]
                                                              for m in BREAK_AFTER), piece


def test_an_address_is_split_after_its_slashes_and_dots() -> None:
    tr = Transcriber(load_engine("braillify"))
    braille = tr("설문 주소는 https://www.seo.incheon.kr/green/survey/2026/notice 입니다.")
    lines = wrap(braille, 24)
    split = [line for line in lines if line.endswith(CONTINUATION)]
    assert split
    for line in split:
        assert line[:-1].endswith(BREAK_AFTER)
    # Hangul words are whole on their lines
    for word in ("설문", "주소는", "입니다."):
        assert any(tr(word) in line.split(B) for line in lines)
