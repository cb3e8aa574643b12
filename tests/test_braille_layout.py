"""Line breaking and braille ASCII, on their own."""

from __future__ import annotations

from pathlib import Path

import pytest

from greenpub.content.model import Block, Heading, Paragraph
from greenpub.editions.braille.accuracy import load_examples
from greenpub.editions.braille.brf import BRAILLE_ASCII, brf_bytes, from_ascii, to_ascii
from greenpub.editions.braille.layout import Layout, centre, wrap

B = "\u2800"
ROOT = Path(__file__).resolve().parent.parent
# ../shared/braille-rules beside the project (a worktree sits one level deeper)
RULES = next((p for p in (ROOT.parent / "shared" / "braille-rules",
                          ROOT.parent.parent / "shared" / "braille-rules") if p.is_dir()),
             ROOT.parent / "shared" / "braille-rules")


def test_wrap_breaks_only_between_words() -> None:
    words = ["⠁" * n for n in (5, 7, 3, 9, 4, 6, 8, 2, 10, 5)]
    lines = wrap(B.join(words), 20, first=2, rest=0)
    assert all(len(line) <= 20 for line in lines)
    assert lines[0].startswith(B * 2) and not lines[1].startswith(B)
    # re-joining the lines gives the same words in the same order, none split
    assert [w for line in lines for w in line.split(B) if w] == words


def test_a_number_is_never_split_across_lines() -> None:
    number = "⠼⠁⠚⠂⠚⠚⠚⠂⠚⠚⠚"  # 10,000,000
    text = B.join(["⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁"] + [number] * 3)
    lines = wrap(text, 24)
    for line in lines:
        for word in line.split(B):
            assert word in ("", number, "⠁" * 14)


def test_only_a_word_longer_than_a_line_is_split() -> None:
    lines = wrap("⠁" * 50 + B + "⠃⠃", 20, first=2, rest=2)
    # 17 cells and the continuation mark ⠠ per line, then the rest and the next word
    assert [len(line) for line in lines] == [20, 20, 18, 4]
    assert lines[0].endswith("⠁⠠") and lines[1].endswith("⠁⠠") and lines[2].endswith("⠁")
    assert lines[-1].endswith(B + "⠃⠃")


def test_centre() -> None:
    assert centre("⠁⠃", 10) == [B * 4 + "⠁⠃"]


def test_braille_ascii_matches_the_standards_brf_column() -> None:
    rows = load_examples(RULES)
    assert len(BRAILLE_ASCII) == 64
    disagree = []
    for ex in rows:
        # the CSV writes letters (and | for \\) in lowercase braille ASCII
        upper = "".join(chr(ord(c) - 0x20) if "`" <= c <= "\x7f" else c for c in ex.brf)
        if to_ascii(ex.braille) != upper or from_ascii(ex.brf) != ex.braille:
            disagree.append(ex)
    # Four single Latin letters in rule 29 carry the roman indicator in the BRF
    # column but not in the Unicode one: a quirk of the data, not of the table.
    assert [(e.rule, e.text) for e in disagree] == [
        ("rule_29", "A"), ("rule_29", "b"), ("rule_29", "h"), ("rule_29", "N")]


def test_brf_bytes_shape() -> None:
    data = brf_bytes([["⠁⠃", "", "⠉⠀⠀"], ["⠙"]])
    assert data == b"AB\r\n\r\nC\r\n\fD\r\n"


def test_eight_dot_cells_are_refused() -> None:
    with pytest.raises(ValueError):
        to_ascii("⠁\u2841")


def _paginate(blocks: list[Block], height: int = 12) -> list[list[str]]:
    layout = Layout(lambda text, where="": text.replace(" ", B), lambda n: f"⠼{n}",
                    width=20, height=height)
    section = layout.article_section("a", "⠞", [("⠞", True)], blocks)
    return layout.paginate([section]).pages


def test_a_heading_never_ends_a_page_and_paragraphs_run_on() -> None:
    para = " ".join(["⠁⠃⠉"] * 40)  # about 9 lines at width 20
    heading = "⠓⠓⠓⠓ ⠓⠓⠓"
    for lead in range(1, 6):
        blocks = [Paragraph(" ".join(["⠁⠃⠉"] * 5 * lead)), Heading(2, heading),
                  Paragraph(para), Heading(2, heading), Paragraph(para)]
        pages = _paginate(blocks)
        for page in pages:
            assert heading.replace(" ", B) not in page[-1], (lead, pages)
            assert len(page) <= 12
        # every word is there once, and no page is left mostly empty
        assert sum(line.count("⠁⠃⠉") for page in pages for line in page) == 5 * lead + 80
        assert all(len(page) >= 8 for page in pages[:-1]), (lead, [len(p) for p in pages])
