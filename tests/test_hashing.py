import datetime as dt
import json
import unicodedata

from greenpub.content.hashing import (
    HASH_LENGTH,
    HASH_PREFIX,
    canonical_form,
    content_hash,
    hash_version,
)

META = {"title": "제목", "subtitle": "부제", "summary": "요약", "card": ["첫 문장", "둘째 문장"],
        "images": [{"src": "images/a.png", "alt": "그림", "caption": "설명"}]}
IMAGES = [("images/a.png", "ab" * 32)]


def h(meta=META, body="본문", images=IMAGES):
    return content_hash(canonical_form(meta, body, images))


def test_hash_is_versioned_and_12_hex_digits():
    value = h()
    assert value.startswith(HASH_PREFIX) and HASH_PREFIX == "v2-"
    digits = value[len(HASH_PREFIX):]
    assert len(digits) == HASH_LENGTH == 12
    int(digits, 16)
    assert hash_version(value) == 2
    assert hash_version("860c742dec2b") == 1 and hash_version(None) == 1


def test_canonical_form_is_json_with_every_field_but_review():
    meta = dict(META, review=[{"checkpoint": "desk", "status": "approved"}],
                date=dt.date(2021, 3, 2), featured=True, order=3)
    data = json.loads(canonical_form(meta, "본문\n", IMAGES))
    assert data["version"] == 2 and data["body"] == "본문"
    assert "review" not in data["front"]
    assert data["front"]["date"] == "2021-03-02" and data["front"]["featured"] is True
    assert data["front"]["order"] == 3 and data["images"] == {"images/a.png": "ab" * 32}


def test_hash_ignores_line_ends_trailing_spaces_normalisation_and_key_order():
    base = h(body="첫 줄\n둘째 줄\n")
    nfd = {k: (unicodedata.normalize("NFD", v) if isinstance(v, str) else v)
           for k, v in META.items()}
    assert nfd["title"] != META["title"]
    assert h(nfd, "첫 줄\r\n둘째 줄  \r\n\r\n") == base
    assert h(dict(reversed(list(META.items()))), "\n첫 줄 \t\n둘째 줄") == base
    # recording a review never changes the hash
    assert h(dict(META, review=[{"by": "x"}]), "첫 줄\n둘째 줄") == base


def test_hash_changes_with_any_field_the_body_and_image_bytes():
    base = h()
    assert h(dict(META, title="제목!")) != base
    assert h(dict(META, card=["첫 문장", "둘째 문장!"])) != base
    assert h(dict(META, card=["둘째 문장", "첫 문장"])) != base  # order of slides
    assert h(dict(META, images=[{"src": "images/a.png", "alt": "그림", "caption": "설명!"}])) != base
    assert h(dict(META, new_field_added_later="값")) != base  # by construction, not by a list
    assert h(body="본문!") != base
    assert h(images=[("images/a.png", "cd" * 32)]) != base
    # moving text between fields is a change too
    assert h(dict(META, subtitle="", summary="부제 요약")) != base
