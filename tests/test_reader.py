"""Content model: reading the mini tree into typed objects."""

import datetime as dt
from pathlib import Path

from conftest import MINI

from greenpub.content.model import Figure, Heading, ListBlock, Paragraph, ReviewStatus, Table
from greenpub.content.reader import read_content


def test_reads_site_issue_and_articles_in_prefix_order():
    config, issues = read_content(MINI)
    assert config.title == "Green 서구"
    assert [c.id for c in config.checkpoints] == ["desk", "committee", "final"]
    assert config.lexicon["WiFi"] == "와이파이"
    (issue,) = issues
    assert issue.id == "2021-03" and issue.number == 301 and issue.date == dt.date(2021, 3, 2)
    assert issue.cover is not None and issue.cover.alt
    assert [a.slug for a in issue.articles] == ["wifi", "survey", "pending"]
    assert [a.order for a in issue.articles] == [1, 2, 3]


def test_article_fields_review_and_images():
    _, (issue,) = read_content(MINI)
    wifi = issue.articles[0]
    assert wifi.section == "구정 소식" and wifi.subtitle.startswith("공공와이파이")
    assert wifi.images[0].caption == "공공와이파이 접속 화면"
    assert wifi.images[0].width == 640 and len(wifi.images[0].digest) == 64
    assert [e.checkpoint for e in wifi.review] == ["desk", "committee", "final"]
    assert all(e.status is ReviewStatus.APPROVED and e.hash == wifi.hash for e in wifi.review)
    survey = issue.articles[1]
    assert survey.author_role == "청소년 명예기자"


def test_blocks_for_braille_and_speech():
    _, (issue,) = read_content(MINI)
    blocks = issue.articles[0].blocks
    assert isinstance(blocks[0], Figure)  # the lead image comes first, with its alt text
    assert any(isinstance(b, Heading) and b.text == "이용 방법" for b in blocks)
    lists = [b for b in blocks if isinstance(b, ListBlock)]
    assert lists and lists[0].items[1] == "직원: 최초 1회 인증"  # no footnote number in text
    assert lists[0].footnotes == ("스마트폰을 바꾸면 다시 인증합니다.",)
    table = next(b for b in blocks if isinstance(b, Table))
    assert table.header == ("구분", "서비스 구역")
    assert table.rows[0] == ("공공와이파이", "본청 1층 민원봉사실")
    assert isinstance(blocks[1], Paragraph)


def test_footnote_attached_to_its_paragraph(tmp_path: Path):
    from greenpub.content.blocks import html_to_blocks
    from greenpub.content.markup import render_markdown

    html = render_markdown("첫 문단[^a].\n\n둘째 문단.\n\n[^a]: 각주 내용\n").html
    blocks = html_to_blocks(html)
    # refs_at: where the print has the footnote mark (after "첫 문단")
    assert blocks == [Paragraph("첫 문단.", ("각주 내용",), (4,)), Paragraph("둘째 문단.")]
