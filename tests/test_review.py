"""The review gate and the `review approve` writer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import replace_in, run_cli

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


def test_final_cannot_be_approved_before_desk_even_without_rules(mini: Path):
    path = mini / "2021-03" / "03-pending.md"
    before = path.read_bytes()
    with pytest.raises(GreenpubError) as exc:
        approve(path, mini, "final", "발행인")
    assert "앞 단계 '담당부서 검토'" in exc.value.message and "미승인 단계" in exc.value.message
    assert path.read_bytes() == before
    approve(path, mini, "final", "발행인", "pending", "다음 달로")  # not an approval: recorded


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


# --- the approval covers everything published ------------------------------------

FIELD_EDITS = {  # every front-matter field of 01-wifi.md (and two it may gain)
    "title": ("title: 구청 민원실에서", "title: 구청 민원실에서도"),
    "subtitle": ('subtitle: 공공와이파이 "PublicWiFi@seo-gu"', "subtitle: 공공와이파이"),
    "section": ("section: 구정 소식", "section: 생활 정보"),
    "author": ("author: 홍보정책담당관", "author: 김서구"),
    "author_role": ("author: 홍보정책담당관", "author: 홍보정책담당관\nauthor_role: 주무관"),
    "summary": ("summary: 본청 1층", "summary: 본청 2층"),
    "images.src": ("src: images/wifi.png", "src: images/wifi-copy.png"),
    "images.alt": ("alt: 스마트폰 화면에", "alt: 휴대전화 화면에"),
    "images.caption": ("caption: 공공와이파이 접속 화면", "caption: 공공와이파이 접속 화면(예시)"),
    "images.focus": ("caption: 공공와이파이 접속 화면", "caption: 공공와이파이 접속 화면\n    focus: [0.5, 0.2]"),
    "card": ("review:", "card:\n  - 민원실 와이파이는 무료입니다\nreview:"),
    "tags": ("review:", "tags: [와이파이]\nreview:"),
}


@pytest.mark.parametrize("field", sorted(FIELD_EDITS) + ["image bytes", "body image bytes"])
def test_every_published_part_makes_the_approval_stale(mini: Path, field: str):
    from PIL import Image

    folder = mini / "2021-03"
    path = folder / "01-wifi.md"
    (folder / "images" / "wifi-copy.png").write_bytes((folder / "images" / "wifi.png").read_bytes())
    if field == "body image bytes":
        # an image used only in the body, approved first, then its file replaced
        replace_in(path, "## 이용 방법", "![접속 안내 그림](images/wifi-copy.png)\n\n## 이용 방법")
        for cp in ("desk", "committee", "final"):
            approve(path, mini, cp, "편집위원회")
    config, before = _article(mini, "01-wifi.md")
    assert decide(before, config).publishable
    if field in ("image bytes", "body image bytes"):
        target = "wifi.png" if field == "image bytes" else "wifi-copy.png"
        Image.new("RGB", (40, 30), "red").save(folder / "images" / target)
    else:
        replace_in(path, *FIELD_EDITS[field])
    config, after = _article(mini, "01-wifi.md")
    d = decide(after, config)
    assert after.hash != before.hash
    assert not d.publishable and len(d.reasons) == 3
    assert all("승인 후 내용 변경" in r for r in d.reasons), d.reasons


def test_approval_under_the_old_hash_definition_has_its_own_reason(mini: Path):
    path = mini / "2021-03" / "02-survey.md"
    config, article = _article(mini, "02-survey.md")
    path.write_text(path.read_text("utf-8").replace(article.hash, "333952c0cec6"), "utf-8")
    config, article = _article(mini, "02-survey.md")
    d = decide(article, config)
    assert d.reasons == [f"{label}: 검토 기준 변경으로 다시 승인 필요"
                         for label in ("담당부서 검토", "편집위원회 심의", "발행 승인")]
    assert [s.label for s in d.states] == ["기준 변경"] * 3
    r = run_cli("review", "diff", str(path), "--checkpoint", "desk", "--content", str(mini))
    assert r.code == 0 and "검토 기준(내용 해시)이 바뀌기 전의 것이라" in r.out


def test_approve_keeps_what_was_approved_in_the_store(mini: Path):
    import json

    path = mini / "2021-03" / "03-pending.md"
    entry = approve(path, mini, "desk", "홍보정책담당관")
    stored = sorted((mini / ".review-store").glob("*.json"))
    match = [p for p in stored if p.name.startswith(entry.hash[3:])]
    assert len(match) == 1
    data = json.loads(match[0].read_text("utf-8"))
    assert data["front"]["title"] == "아직 심의 중인 기사"
    assert data["body"] == "이 기사는 아직 발행되면 안 됩니다."
    # content-addressed: the name is the digest of the bytes
    import hashlib
    assert match[0].stem == hashlib.sha256(match[0].read_bytes()).hexdigest()
    r = run_cli("review", "hash", str(path), "--canonical", "--content", str(mini))
    assert r.code == 0 and r.out == match[0].read_text("utf-8")


# --- the committee's rules --------------------------------------------------------
RULES = """
committee:
  - {id: park, name: 박민정, role: 당연직}
  - {id: lee, name: 이도윤, role: 위촉직}
  - {id: choi, name: 최서윤, role: 위촉직}
  - {id: kang, name: 강하준, role: 당연직}
  - {id: jung, name: 정지우, role: 위촉직}
  - {id: yoon, name: 윤서아, role: 위촉직}
  - {id: cho, name: 조민호, role: 당연직}
  - {id: han, name: 한예린, role: 위촉직}
  - {id: lim, name: 임도현, role: 위촉직}
"""
MEMBERS = ["park", "lee", "choi", "kang", "jung", "yoon", "cho", "han", "lim"]


@pytest.fixture
def ruled(mini: Path) -> Path:
    """The mini tree under the committee's rules: 9 members, quorum 5, chair park."""
    site = mini / "site.yaml"
    text = site.read_text("utf-8").replace(
        "      label: 편집위원회 심의\n",
        "      label: 편집위원회 심의\n      members: [" + ", ".join(MEMBERS) + "]\n"
        "      quorum: 5\n      chair: park\n").replace(
        "      label: 발행 승인\n", "      label: 발행 승인\n      members: [park]\n")
    site.write_text(text + RULES, "utf-8")
    return mini


WIFI = ("2021-03", "01-wifi.md")


def _wifi(content: Path):
    return _article(content, "01-wifi.md")


def test_rules_without_members_keep_todays_behaviour_and_config_is_parsed(ruled: Path):
    from greenpub.config import load_site_config

    config = load_site_config(ruled)
    desk, committee, final = config.checkpoints
    assert not desk.has_rules and desk.members is None
    assert committee.members == tuple(MEMBERS) and committee.quorum == 5
    assert committee.chair == "park" and final.members == ("park",)
    assert config.committee[1].id == "lee" and config.committee[1].name == "이도윤"


@pytest.mark.parametrize("snippet,fragment", [
    ("      members: [park, nobody]\n", "'review.checkpoints[2].members[1]'의 'nobody'"),
    ("      quorum: 12\n", "정족수(quorum) 12"),
    ("      members: [park]\n      chair: lee\n", "위원장(chair) 'lee'"),
    ("      quorom: 3\n", "알 수 없는 설정 'review.checkpoints[2].quorom'입니다. 혹시 'quorum'"),
])
def test_bad_rules_are_refused_with_file_and_line(ruled: Path, snippet: str, fragment: str):
    from greenpub.config import load_site_config
    from greenpub.errors import ConfigError

    site = ruled / "site.yaml"
    text = site.read_text("utf-8")
    text = text.replace("      members: [" + ", ".join(MEMBERS) + "]\n      quorum: 5\n"
                        "      chair: park\n", "", 1)
    text = text.replace("      label: 발행 승인\n      members: [park]\n",
                        "      label: 발행 승인\n" + snippet, 1)
    site.write_text(text, "utf-8")
    with pytest.raises(ConfigError) as exc:
        load_site_config(ruled)
    assert fragment in exc.value.message
    first = text[:text.index(snippet)].count("\n") + 1
    assert exc.value.file == str(site) and exc.value.line in (first, first + 1)


def test_only_members_may_record_and_by_takes_id_or_name(ruled: Path):
    path = ruled.joinpath(*WIFI)
    before = path.read_bytes()
    r = run_cli("review", "approve", str(path), "--checkpoint", "committee", "--by", "편집위원회",
                "--content", str(ruled))
    assert r.code == 2 and "Traceback" not in r.err
    assert "'편집위원회'은(는) '편집위원회 심의' 단계에 결정을 기록할 수 없습니다" in r.err
    assert "박민정(park)" in r.err and "임도현(lim)" in r.err
    assert path.read_bytes() == before
    with pytest.raises(GreenpubError) as exc:
        approve(path, ruled, "final", "lee")  # a member, but not of this checkpoint
    assert "박민정(park)" in exc.value.message and "이도윤" not in exc.value.message.split(":")[-1]
    entry = approve(path, ruled, "committee", "이도윤")  # a unique name
    assert entry.by == "lee"
    assert "    by: lee\n" in path.read_text("utf-8")


def test_quorum_counts_distinct_members_on_the_current_hash(ruled: Path):
    path = ruled.joinpath(*WIFI)
    config, article = _wifi(ruled)  # the mini tree's "편집위원회" is no member: not counted
    assert decide(article, config).states[1].label == "- 0/5"
    for who in ("park", "lee", "lee", "choi", "kang"):  # lee twice counts once
        approve(path, ruled, "committee", who)
    config, article = _wifi(ruled)
    d = decide(article, config)
    state = d.states[1]
    assert state.approvals == ("park", "lee", "choi", "kang") and state.label == "승인 4/5"
    assert d.reasons == ["편집위원회 심의: 정족수 미달(현재 내용 승인 4/5명)",
                         "발행 승인: 미승인 단계(검토 기록 없음)"]
    approve(path, ruled, "committee", "jung")
    approve(path, ruled, "final", "park")
    config, article = _wifi(ruled)
    assert decide(article, config).publishable
    # an edit: every approval is of an earlier version now, and the status says what changed
    replace_in(path, "## 이용 방법", "## 이용 방법 안내")
    config, article = _wifi(ruled)
    d = decide(article, config)
    assert d.reasons[1] == ("편집위원회 심의: 승인 후 내용 변경(본문 1곳), 현재 내용 승인 0/5명")
    r = run_cli("review", "status", "--content", str(ruled))
    assert r.code == 0 and "구청 민원실에서 무료 와이파이를 쓰세요" in r.out.replace("\n", "")
    assert "0/5" in r.out


def test_a_checkpoint_waits_for_the_earlier_one(ruled: Path):
    path = ruled / "2021-03" / "03-pending.md"
    before = path.read_bytes()
    with pytest.raises(GreenpubError) as exc:
        approve(path, ruled, "committee", "park")
    assert exc.value.message.startswith("'편집위원회 심의' 단계는 앞 단계 '담당부서 검토'이(가)")
    assert exc.value.exit_code == 2 and path.read_bytes() == before
    # a request for changes may be recorded at any time; only approvals wait
    approve(path, ruled, "committee", "lee", "changes-requested", "표 보완")
    approve(path, ruled, "desk", "홍보정책담당관")
    with pytest.raises(GreenpubError) as exc:
        approve(path, ruled, "final", "park")
    assert "'편집위원회 심의'" in exc.value.message and "이도윤 수정 요청" in exc.value.message


def test_a_block_stands_until_the_same_member_or_the_chair_lifts_it(ruled: Path):
    path = ruled.joinpath(*WIFI)
    approve(path, ruled, "committee", "lee", "수정 요청", "사진 설명 보완",
            date="2021-02-24")  # Korean status word, meeting date
    for who in ("park", "choi", "kang", "jung", "yoon"):
        approve(path, ruled, "committee", who)
    config, article = _wifi(ruled)
    d = decide(article, config)
    assert d.states[1].label == "수정 요청 5/5"
    assert d.reasons[0] == "편집위원회 심의: 이도윤 수정 요청 — 사진 설명 보완"
    assert article.review[3].date == dt.date(2021, 2, 24)
    # the same member's later decision lifts it
    approve(path, ruled, "committee", "lee", "승인")
    config, article = _wifi(ruled)
    assert decide(article, config).states[1].passed
    # a new block; a member's later approval does not lift another member's block
    approve(path, ruled, "committee", "cho", "반려", "사실 확인 필요")
    approve(path, ruled, "committee", "han")
    config, article = _wifi(ruled)
    assert decide(article, config).reasons[0] == "편집위원회 심의: 조민호 반려 — 사실 확인 필요"
    # only the chair may override, only with a note, only as an approval
    for kwargs, fragment in [({"by": "lee"}, "위원장(박민정)만"),
                             ({"by": "park", "note": None}, "메모(--note)"),
                             ({"by": "park", "status": "rejected"}, "승인(approved)으로만")]:
        args = {"by": "park", "status": "approved", "note": "사실 확인함"} | kwargs
        with pytest.raises(GreenpubError) as exc:
            approve(path, ruled, "committee", args["by"], args["status"], args["note"],
                    override=True)
        assert fragment in exc.value.message
    r = run_cli("review", "approve", str(path), "--checkpoint", "committee", "--by", "박민정",
                "--note", "담당부서가 사실 확인함", "--override", "--content", str(ruled))
    assert r.code == 0, r.err
    config, article = _wifi(ruled)
    d = decide(article, config)
    assert d.states[1].passed and article.review[-1].override
    assert "override: true" in path.read_text("utf-8")


def test_bad_status_and_date_are_refused_in_korean(ruled: Path):
    path = ruled.joinpath(*WIFI)
    before = path.read_bytes()
    r = run_cli("review", "approve", str(path), "--checkpoint", "committee", "--by", "park",
                "--date", "2021-02-30", "--content", str(ruled))
    assert r.code == 2 and "날짜 '2021-02-30'" in r.err and "Traceback" not in r.err
    r = run_cli("review", "approve", str(path), "--checkpoint", "committee", "--by", "park",
                "--status", "보류", "--content", str(ruled))
    assert r.code == 2 and "알 수 없는 검토 상태 '보류'" in r.err
    assert path.read_bytes() == before


def test_nine_concurrent_approvals_lose_no_entry(ruled: Path):
    """Nine real `review approve` processes at once on one file, as at a meeting."""
    import subprocess
    import sys

    from conftest import ROOT

    path = ruled.joinpath(*WIFI)
    original = path.read_text("utf-8")
    body = original.split("\n---\n", 1)[1]
    procs = [subprocess.Popen([sys.executable, str(ROOT / "build.py"), "review", "approve",
                               str(path), "--checkpoint", "committee", "--by", who,
                               "--note", f"{who} 의견", "--date", "2021-02-24",
                               "--content", str(ruled)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for who in MEMBERS]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    config, article = _wifi(ruled)
    committee = [e for e in article.review if e.checkpoint == "committee"]
    assert sorted(e.by for e in committee if e.by in MEMBERS) == sorted(MEMBERS)
    assert decide(article, config).states[1].approvals.__len__() == 9
    text = path.read_text("utf-8")
    assert text.split("\n---\n", 1)[1] == body  # the body byte-for-byte
    assert text.startswith(original.split("\n---\n", 1)[0])  # earlier entries untouched
    assert not list(path.parent.glob(".*.tmp"))
