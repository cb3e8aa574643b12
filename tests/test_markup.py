"""Sanitising: nothing executable survives, template syntax stays literal text."""

from greenpub.content.markup import render_markdown


def test_scripts_iframes_handlers_and_js_urls_are_removed_with_warnings():
    md = (
        "문단\n\n"
        "<script>alert(1)</script>\n\n"
        '<iframe src="https://example.com"></iframe>\n\n'
        '<img src="x.png" alt="x" onerror="alert(1)">\n\n'
        '<a href="javascript:alert(1)">눌러</a> <a href="data:text/html,hi">데이터</a>\n\n'
        '<p style="width: expression(alert(1))">스타일</p>\n'
    )
    r = render_markdown(md)
    low = r.html.lower()
    for bad in ("<script", "alert(1)", "<iframe", "onerror", "javascript:", "data:", "expression"):
        assert bad not in low, bad
    kinds = " ".join(msg for _, msg in r.warnings)
    for what in ("script", "iframe", "on…", "javascript:", "data:", "style 속성"):
        assert what in kinds
    assert r.warnings[0][0] == 2  # line offset of the <script> inside the body
    assert dict((msg, line) for line, msg in r.warnings)[
        "허용되지 않는 HTML(style 속성)을 제거했습니다. 본문에는 스크립트나 외부 삽입을 쓸 수 없습니다."] == 10


def test_a_removed_link_leaves_plain_words():
    r = render_markdown('자세한 내용은 <a href="javascript:void(0)" title="새 창">자세히 보기</a>)를 누르세요.')
    assert "자세히 보기)를" in r.html
    assert "<a" not in r.html and "새 창" not in r.html and "title" not in r.html
    assert len(r.warnings) == 1 and "javascript:" in r.warnings[0][1]


def test_markdown_own_markup_is_not_reported():
    r = render_markdown("| 왼쪽 | 오른쪽 |\n|:-|-:|\n| 1 | 2 |\n\n본문[^1]\n\n[^1]: 각주\n")
    assert r.warnings == []
    assert 'class="footnote-ref"' in r.html and 'id="fn:1"' in r.html


def test_content_ids_and_classes_cannot_take_the_sites_names():
    r = render_markdown('<div class="prose table-wrap" id="main">본문</div>\n\n문단\n{: #top .lead }')
    assert 'class="u-prose u-table-wrap"' in r.html and 'id="u-main"' in r.html
    assert 'id="u-top"' in r.html and 'class="u-lead"' in r.html


def test_allowed_markup_survives():
    r = render_markdown("| a | b |\n|---|---|\n| 1 | 2 |\n\n**굵게** [링크](https://seo.incheon.kr)"
                        "{: .x }\n\n<mark>표시</mark>\n")
    assert "<table>" in r.html and "<strong>굵게</strong>" in r.html
    assert 'href="https://seo.incheon.kr"' in r.html and "<mark>표시</mark>" in r.html
    assert r.warnings == []


def test_template_syntax_is_literal():
    r = render_markdown("계산: {{ 7*7 }} {% if x %}y{% endif %}")
    assert "{{ 7*7 }}" in r.html and "49" not in r.html
