"""The review gate and the `review approve` writer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import run_cli

from greenpub.content.reader import read_content
from greenpub.errors import GreenpubError
from greenpub.review import approve, decide


def _article(content: Path, name: str):
    config, (issue,) = read_content(content)
    article = next(a for a in issue.articles if a.file.name == name)
    return config, article


def test_fully_approved_article_is_publishable(mini: Path):
    config, article = _article(mini, "01-wifi.md")
    d = decide(article, config)
    assert d.publishable and d.reasons == []


def test_pending_and_missing_checkpoints_are_reported(mini: Path):
    config, article = _article(mini, "03-pending.md")
    d = decide(article, config)
    assert not d.publishable
    assert d.reasons == ["담당부서 검토: 미승인 단계", "편집위원회 심의: 미승인 단계(검토 기록 없음)",
                         "발행 승인: 미승인 단계(검토 기록 없음)"]


@pytest.mark.parametrize("status,reason", [("changes-requested", "편집위원회 심의: 수정 요청 — 표 보완"),
                                           ("rejected", "편집위원회 심의: 반려 — 표 보완")])
def test_latest_entry_counts(mini: Path, status: str, reason: str):
    path = mini / "2021-03" / "01-wifi.md"
    approve(path, mini, "committee", "편집위원회", status=status, note="표 보완")
    config, article = _article(mini, "01-wifi.md")
    d = decide(article, config)
    assert d.reasons == [reason]
    # a later approval of the same checkpoint supersedes it
    approve(path, mini, "committee", "편집위원회")
    config, article = _article(mini, "01-wifi.md")
    assert decide(article, config).publishable


def test_text_change_after_approval_makes_it_stale(mini: Path):
    path = mini / "2021-03" / "02-survey.md"
    path.write_text(path.read_text("utf-8").replace("60,000부", "50,000부"), "utf-8")
    config, article = _article(mini, "02-survey.md")
    d = decide(article, config)
    assert not d.publishable
    assert len(d.reasons) == 3 and all("승인 후 내용 변경" in r for r in d.reasons)
    assert d.reasons[0] == "담당부서 검토: 승인 후 내용 변경(본문 1곳)"


def test_review_entries_do_not_change_the_hash(mini: Path):
    _, before = _article(mini, "03-pending.md")
    approve(mini / "2021-03" / "03-pending.md", mini, "desk", "담당부서")
    _, after = _article(mini, "03-pending.md")
    assert before.hash == after.hash


def test_approve_rewrites_only_front_matter_byte_for_byte(mini: Path):
    path = mini / "2021-03" / "03-pending.md"
    # CRLF line ends, a comment and odd spacing in the body must all survive
    original = ("---\r\n# 편집부 메모: 3월호\r\ntitle: 아직 심의 중인 기사\r\nsection: 알림\r\n"
                "summary: 요약입니다.\r\nreview:\r\n  - checkpoint: desk\r\n    status: pending\r\n"
                "---\r\n본문  첫 줄\r\n\r\n\t들여쓴 줄 {{ 7*7 }}\r\n끝")
    path.write_bytes(original.encode("utf-8"))
    body_before = original.split("---\r\n", 2)[2].encode("utf-8")
    entry = approve(path, mini, "desk", "홍보정책담당관", today=dt.date(2021, 3, 1))
    data = path.read_bytes()
    assert data.endswith(b"---\r\n" + body_before)
    text = data.decode("utf-8")
    assert "# 편집부 메모: 3월호" in text  # comments kept
    assert "hash: " + entry.hash in text and "date: 2021-03-01" in text
    assert "\n" not in text.replace("\r\n", "")  # still CRLF everywhere
    _, article = _article(mini, "03-pending.md")
    assert article.review[-1].hash == article.hash and article.review[-1].by == "홍보정책담당관"
    assert [e.status.value for e in article.review] == ["pending", "approved"]
    assert not list(path.parent.glob(".*.tmp"))  # atomic write left no temp file


def test_approve_refuses_unknown_checkpoint_and_leaves_file(mini: Path):
    path = mini / "2021-03" / "03-pending.md"
    before = path.read_bytes()
    with pytest.raises(GreenpubError) as exc:
        approve(path, mini, "layout", "누군가")
    assert "알 수 없는 검토 단계" in exc.value.message
    assert path.read_bytes() == before


def test_cli_review_commands(mini: Path):
    path = mini / "2021-03" / "03-pending.md"
    r = run_cli("review", "hash", str(path))
    assert r.code == 0
    _, article = _article(mini, "03-pending.md")
    assert r.out.strip() == article.hash
    for cp in ("desk", "committee", "final"):
        r = run_cli("review", "approve", str(path), "--checkpoint", cp, "--by", "편집위원회",
                    "--content", str(mini))
        assert r.code == 0, r.err
        assert "기록했습니다" in r.out
    r = run_cli("review", "status", "2021-03", "--content", str(mini))
    assert r.code == 0 and "검토 현황" in r.out and "제외" not in r.out
    _, issues = read_content(mini)  # the reader still accepts the rewritten file
    assert all(a.hash for i in issues for a in i.articles)
    r = run_cli("review", "approve", str(path), "--checkpoint", "desk", "--by", "x",
                "--status", "maybe", "--content", str(mini))
    assert r.code == 2 and "오류" in r.err and "Traceback" not in r.err
