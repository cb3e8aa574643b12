"""Structure a braille reader can follow: list markers and nesting, with real engines."""

from __future__ import annotations

import markdown

from greenpub.content.blocks import html_to_blocks
from greenpub.content.model import ListBlock
from greenpub.editions.braille.engines import load_engine
from greenpub.editions.braille.layout import Layout
from greenpub.editions.braille.transcribe import Transcriber

B = "\u2800"


def _layout(width: int = 40, height: int = 25) -> tuple[Layout, Transcriber]:
    tr = Transcriber(load_engine("braillify"))
    return Layout(tr, lambda n: tr(str(n)), width, height), tr


def test_nested_lists_keep_their_nesting_and_markers() -> None:
    md = ("- 신청 방법\n    - 방문 - 구청 민원실\n    - 온라인\n"
          "        1. 누리집 접속\n        2. 신청서 작성\n- 문의: 환경과\n")
    (block,) = html_to_blocks(markdown.markdown(md))
    assert isinstance(block, ListBlock)
    assert block.items == ("신청 방법", "방문 - 구청 민원실", "온라인", "누리집 접속",
                           "신청서 작성", "문의: 환경과")
    assert block.levels == (0, 1, 1, 2, 2, 0)
    layout, tr = _layout()
    (group,) = layout.blocks([block], "목록")
    lines = group.lines
    indent = [len(line) - len(line.lstrip(B)) for line in lines]
    assert indent == [2, 4, 4, 6, 6, 2]
    bullet = "⠸⠲" + B
    assert lines[0] == B * 2 + bullet + tr("신청 방법")
    assert lines[3] == B * 6 + tr("1. 누리집 접속")
    # '항목 - 하위' keeps its spacing: the hyphen stands between blanks
    assert B + "⠤" + B in lines[1]


def test_flat_lists_are_unchanged_in_the_model() -> None:
    (block,) = html_to_blocks(markdown.markdown("1. 가\n2. 나\n"))
    assert block == ListBlock(True, ("가", "나"))
