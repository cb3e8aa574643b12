from greenpub.content.hashing import HASH_LENGTH, content_hash


def test_hash_is_12_hex_digits():
    h = content_hash("제목", None, "요약", "본문")
    assert len(h) == HASH_LENGTH == 12
    int(h, 16)


def test_hash_ignores_line_ends_trailing_spaces_and_normalisation():
    base = content_hash("제목", "부제", "요약", "첫 줄\n둘째 줄\n")
    import unicodedata

    nfd_title = unicodedata.normalize("NFD", "제목")
    assert nfd_title != "제목"
    assert content_hash(nfd_title, "부제", "요약", "첫 줄\r\n둘째 줄  \r\n\r\n") == base
    assert content_hash("제목", "부제", "요약", "\n첫 줄 \t\n둘째 줄") == base


def test_hash_changes_with_every_field_readers_see():
    base = content_hash("제목", "부제", "요약", "본문")
    assert content_hash("제목!", "부제", "요약", "본문") != base
    assert content_hash("제목", "부제!", "요약", "본문") != base
    assert content_hash("제목", "부제", "요약!", "본문") != base
    assert content_hash("제목", "부제", "요약", "본문!") != base
    # moving text between fields is a change too
    assert content_hash("제목", "", "부제 요약", "본문") != content_hash("제목", "부제", "요약", "본문")
