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
    for what in ("script", "iframe", "on…", "javascript:", "data:", "expression"):
        assert what in kinds
    assert r.warnings[0][0] == 2  # line offset of the <script> inside the body


def test_allowed_markup_survives():
    r = render_markdown("| a | b |\n|---|---|\n| 1 | 2 |\n\n**굵게** [링크](https://seo.incheon.kr)"
                        "{: .x }\n\n<mark>표시</mark>\n")
    assert "<table>" in r.html and "<strong>굵게</strong>" in r.html
    assert 'href="https://seo.incheon.kr"' in r.html and "<mark>표시</mark>" in r.html
    assert r.warnings == []


def test_template_syntax_is_literal():
    r = render_markdown("계산: {{ 7*7 }} {% if x %}y{% endif %}")
    assert "{{ 7*7 }}" in r.html and "49" not in r.html
