"""심의 결과표 (HTML and tagged PDF, read back), `build --strict` and the 검토용 diff."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import replace_in, run_cli
from test_review import MEMBERS, RULES, ruled  # noqa: F401  (the fixture)

from greenpub.review import approve


def test_meeting_sheet_html_and_tagged_pdf(ruled: Path, tmp_path: Path):  # noqa: F811
    wifi = ruled / "2021-03" / "01-wifi.md"
    for who in ("park", "lee", "choi"):
        approve(wifi, ruled, "committee", who, date="2021-02-24")
    approve(wifi, ruled, "committee", "kang", "수정 요청", "표 보완", date="2021-02-24")
    survey = ruled / "2021-03" / "02-survey.md"
    for who in MEMBERS[:5]:
        approve(survey, ruled, "committee", who, date="2021-02-24")
    approve(survey, ruled, "final", "park", date="2021-02-26")
    replace_in(survey, "60,000부로", "50,000부로")
    out = tmp_path / "sheet"
    r = run_cli("review", "sheet", "2021-03", "--out", str(out), "--content", str(ruled))
    assert r.code == 0, r.err
    html = (out / "review-sheet-2021-03.html").read_text("utf-8")
    assert "<del>60,000부로</del><ins>50,000부로</ins>" in html
    pdf = out / "review-sheet-2021-03.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    assert "Tagged:          yes" in info and "심의 결과표" in info
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True,
                          text=True).stdout
    flat = " ".join(text.split())
    assert "Green 서구 제301호 (2021년 3월) 심의 결과표" in flat
    # per article: title, decisions by member with date and note, quorum, publishable or why
    w = flat[flat.index("1. 구청 민원실에서 무료 와이파이를 쓰세요"):flat.index("2. 소식지 구독")]
    assert "편집위원회 심의 — 미통과 · 정족수 5명 중 3명 승인(미달)" in w
    assert "박민정 승인 2021-02-24" in w and "강하준 수정 요청 2021-02-24 표 보완" in w
    assert "발행: 불가 — 편집위원회 심의: 강하준 수정 요청 — 표 보완" in w
    s = flat[flat.index("2. 소식지 구독"):flat.index("3. 아직 심의 중인 기사")]
    assert "정족수 5명 중 0명 승인(미달)" in s and "이전 내용" in s
    assert "2021-02-26 박민정 승인한 내용에서: 본문 1곳" in s
    assert "[-60,000부로-]{+50,000부로+}" in s
    p = flat[flat.index("3. 아직 심의 중인 기사"):]
    assert "승인한 적이 없습니다." in p and "담당부서 검토 — 미통과" in p


def test_sheet_for_an_unknown_issue_is_a_korean_error(mini: Path, tmp_path: Path):
    out = tmp_path / "sheet"
    r = run_cli("review", "sheet", "2030-01", "--out", str(out), "--content", str(mini))
    assert r.code == 2 and "호 '2030-01'을(를) 찾을 수 없습니다" in r.err
    assert "Traceback" not in r.err and not out.exists()


def _build(content: Path, tmp: Path, *extra: str):
    return run_cli("build", "--content", str(content), "--out", str(tmp / "out"), "--cache",
                   str(tmp / "cache"), "--formats", "web", *extra)


def test_build_ends_with_the_excluded_articles_and_strict_fails(mini: Path, tmp_path: Path):
    r = _build(mini, tmp_path, "-q")
    assert r.code == 0
    assert r.err.splitlines()[-1] == (
        f"제외 아직 심의 중인 기사 ({mini / '2021-03' / '03-pending.md'}) — 담당부서 검토: "
        "미승인 단계, 편집위원회 심의: 미승인 단계(검토 기록 없음), 발행 승인: 미승인 단계(검토 기록 없음)")
    r = _build(mini, tmp_path, "-q", "--strict")
    assert r.code == 1 and "Traceback" not in r.err
    lines = r.err.splitlines()
    assert lines[-2].startswith("--strict: 발행되지 않는 기사가 1편") and "03-pending.md" in lines[-1]
    for cp in ("desk", "committee", "final"):
        approve(mini / "2021-03" / "03-pending.md", mini, cp, "편집위원회")
    r = _build(mini, tmp_path, "-q", "--strict")
    assert r.code == 0 and r.err.splitlines()[-1].startswith("빌드 완료: 3개 기사 발행, 0개 제외")


def test_draft_banner_says_what_changed_and_links_the_diff(mini: Path, tmp_path: Path):
    replace_in(mini / "2021-03" / "02-survey.md", "60,000부로", "50,000부로")
    r = _build(mini, tmp_path, "-q", "--drafts")
    assert r.code == 0, r.err
    page = (tmp_path / "out" / "2021-03" / "survey" / "index.html").read_text("utf-8")
    assert "담당부서 검토: 승인 후 내용 변경(본문 1곳)" in page
    assert '<a href="#review-diff">' in page and 'id="review-diff"' in page
    assert "<del>60,000부로</del><ins>50,000부로</ins>" in page
    wifi = (tmp_path / "out" / "2021-03" / "wifi" / "index.html").read_text("utf-8")
    assert 'id="review-diff"' not in wifi  # approved as it is: no diff section
