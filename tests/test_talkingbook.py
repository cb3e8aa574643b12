

def test_page_breaks_inside_an_article_are_found_in_the_page_text() -> None:
    from greenpub.editions.talkingbook.book import _running_lines, locate_breaks

    texts = ["Green 서구\n표지", "Green 서구\n구청 민원실에서\n첫 문장입니다.\n둘째 문장의 앞부분",
             "Green 서구\n그리고 둘째 문장의\n뒷부분이 여기\n있습니다. 셋째.\n4",
             "Green 서구\n• 넷째 문장\n시작입니다 그리고 끝.\n5"]
    sentences = ["구청 민원실에서", "첫 문장입니다.",
                 "둘째 문장의 앞부분 그리고 둘째 문장의 뒷부분이 여기 있습니다.", "셋째.",
                 "넷째 문장 시작입니다 그리고 끝."]
    repeated = _running_lines(texts)
    assert "Green서구" in repeated
    # page 3 begins inside the third sentence, page 4 with the fifth (the bullet is not
    # in the script; a running head and a folio are skipped)
    assert locate_breaks({3: texts[2], 4: texts[3]}, sentences, repeated) == [(3, 2), (4, 4)]
    # a page whose text is not in the article (the back page) gets no target
    assert locate_breaks({3: "Green 서구\n발행 인천광역시 서구 홍보정책담당관"}, sentences,
                         repeated) == []
