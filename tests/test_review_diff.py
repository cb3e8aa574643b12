"""What changed since an approval: the diff data, the words, the terminal view."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import replace_in, run_cli
from PIL import Image

from greenpub.content.reader import read_content
from greenpub.review import checkpoint_diffs, decide, diff_since
from greenpub.review_diff import Span, diff_canonical, render_lines, summary, word_spans


def _wifi(content: Path):
    config, (issue,) = read_content(content)
    return config, next(a for a in issue.articles if a.file.name == "01-wifi.md")



def test_word_spans_mark_only_the_changed_words():
    assert word_spans("4월 10일 오후 4시", "4월 11일 오후 4시") == (
        Span("same", "4월 "), Span("removed", "10일"), Span("added", "11일"),
        Span("same", " 오후 4시"))
    assert word_spans(None, "새 문장") == (Span("added", "새 문장"),)


def test_fields_by_name_cards_aligned_body_by_paragraph_images_by_bytes():
    old = {"front": {"title": "제목", "author": "홍길동", "card": ["가", "나", "다"],
                     "images": [{"src": "a.png", "alt": "그림", "caption": "설명"}]},
           "body": "첫 문단.\n\n둘째 문단 그대로.\n\n셋째 문단.", "images": {"a.png": "1", "b.png": "2"}}
    new = {"front": {"title": "제목", "author": "김서구", "card": ["가", "새 카드", "나", "다"],
                     "images": [{"src": "a.png", "alt": "그림", "caption": "새 설명"}]},
           "body": "첫 문단!\n\n둘째 문단 그대로.\n\n셋째 문단.\n\n넷째 문단.",
           "images": {"a.png": "9", "c.png": "3"}}
    d = diff_canonical(old, new, "v2-old", "v2-new")
    assert [(c.key, c.label) for c in d.fields] == [
        ("author", "글쓴이"), ("card[1]", "카드 문장 2"), ("images[0].caption", "사진 1 설명")]
    assert d.fields[1].old is None and d.fields[1].new == "새 카드"  # one insertion, not three
    assert [(c.label, c.old is None) for c in d.body] == [("본문 1번째 문단", False),
                                                         ("본문 4번째 문단", True)]
    assert [(i.src, i.change) for i in d.images] == [("a.png", "replaced"), ("b.png", "removed"),
                                                     ("c.png", "added")]
    assert summary(d) == "글쓴이, 본문 2곳, 카드 문장 1곳, 사진 설명 1곳, 사진 2장"
    assert json.loads(json.dumps(d.to_dict()))["summary"] == summary(d)  # the desk's JSON


def test_the_editors_slip_from_the_issue_is_caught_and_shown(mini: Path):
    """All checkpoints approved; then a card date, a caption and the author changed."""
    path = mini / "2021-03" / "01-wifi.md"
    replace_in(path, "summary:", "card:\n  - 4월 10일부터 민원실 와이파이 무료\nsummary:")
    for cp in ("desk", "committee", "final"):
        run_cli("review", "approve", str(path), "--checkpoint", cp, "--by", "편집위원회",
                "--content", str(mini))
    config, article = _wifi(mini)
    assert decide(article, config).publishable
    replace_in(path, "4월 10일부터", "4월 11일부터")
    replace_in(path, "caption: 공공와이파이 접속 화면", "caption: 공공와이파이 접속 첫 화면")
    replace_in(path, "author: 홍보정책담당관", "author: 김서구")
    Image.new("RGB", (40, 30), "green").save(mini / "2021-03" / "images" / "wifi.png")
    config, article = _wifi(mini)
    d = decide(article, config)
    words = "글쓴이, 카드 문장 1곳, 사진 설명 1곳, 사진 1장"
    assert d.reasons == [f"{label}: 승인 후 내용 변경({words})"
                         for label in ("담당부서 검토", "편집위원회 심의", "발행 승인")]
    assert d.changes == words
    diffs = checkpoint_diffs(article, config)
    assert [cp.id for cp, _, _ in diffs] == ["desk", "committee", "final"]
    card = next(c for c in diffs[2][2].fields if c.key == "card[0]")
    assert [s for s in card.spans if s.op != "same"] == [Span("removed", "10일부터"),
                                                          Span("added", "11일부터")]
    # the terminal view without a terminal: plain markers, Korean, one line per change
    r = run_cli("review", "diff", str(path), "--checkpoint", "final", "--content", str(mini))
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert lines[0].startswith("발행 승인: ") and lines[0].endswith(f"승인한 내용에서 바뀜 — {words}")
    assert "  글쓴이: [-홍보정책담당관-]{+김서구+}" in lines
    assert "  카드 문장 1: 4월 [-10일부터-]{+11일부터+} 민원실 와이파이 무료" in lines
    assert "  사진 1 설명: 공공와이파이 접속 {+첫 +}화면" in lines
    assert "  사진 images/wifi.png: 파일 바뀜" in lines
    assert "\x1b[" not in r.out
    # in colour (as on a terminal) the same change is struck through and underlined
    colour = render_lines(diffs[2][2], color=True)
    assert "[red strike]10일부터[/]" in "".join(colour)
    r = run_cli("review", "diff", str(path), "--content", str(mini))
    assert r.out.count("승인한 내용에서 바뀜") == 3  # one head per checkpoint,
    assert r.out.count("[-10일부터-]") == 1  # the lines once: all three approved one version
    assert r.out.count("바뀐 곳은 위와 같습니다") == 2


def test_diff_without_the_stored_version_says_so(mini: Path):
    path = mini / "2021-03" / "01-wifi.md"
    for stored in (mini / ".review-store").glob("*.json"):
        stored.unlink()
    replace_in(path, "## 이용 방법", "## 이용 안내")
    config, article = _wifi(mini)
    approved = article.review[0].hash
    d = decide(article, config)
    assert d.reasons[0] == (f"담당부서 검토: 승인 후 내용 변경(승인한 내용 기록 없음, "
                            f"승인 {approved} → 현재 {article.hash})")
    assert not diff_since(article, approved, mini).known
    r = run_cli("review", "diff", str(path), "--checkpoint", "desk", "--content", str(mini))
    assert r.code == 0 and "저장소에 없어 비교할 수 없습니다" in r.out


def test_diff_of_a_never_approved_article_and_an_unknown_checkpoint(mini: Path):
    path = mini / "2021-03" / "03-pending.md"
    r = run_cli("review", "diff", str(path), "--content", str(mini))
    assert r.code == 0 and r.out.count("아직 승인한 적이 없습니다.") == 3
    r = run_cli("review", "diff", str(path), "--checkpoint", "layout", "--content", str(mini))
    assert r.code == 2 and "알 수 없는 검토 단계 'layout'" in r.err and "Traceback" not in r.err
