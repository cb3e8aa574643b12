"""Regenerate the committed bad trees from tests/fixtures/mini: .venv/bin/python tests/bad_inputs/make_cases.py"""
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests/fixtures/mini"
BAD = ROOT / "tests/bad_inputs"

def case(name, files=None, remove=(), expect=None, raw=None):
    d = BAD / name
    if d.exists():
        shutil.rmtree(d)
    shutil.copytree(MINI, d)
    for rel in remove:
        (d / rel).unlink()
    for rel, text in (files or {}).items():
        p = d / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, "utf-8")
    for rel, data in (raw or {}).items():
        p = d / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    if expect:
        lines = [f"# {expect.pop('why')}"]
        for k, v in expect.items():
            lines.append(f"{k}: {v}" if not isinstance(v, str) else f"{k}: \"{v}\"")
        (d / "expect.yaml").write_text("\n".join(lines) + "\n", "utf-8")

def sub(rel, old, new, count=1):
    text = (MINI / rel).read_text("utf-8")
    assert old in text, (rel, old)
    return text.replace(old, new, count)

W = "2021-03/01-wifi.md"
ISSUE = "2021-03/_issue.md"
S = "2021-03/02-survey.md"

case("yaml-tab", {W: sub(W, "  - src: images/wifi.png", "\t- src: images/wifi.png")},
     expect=dict(why="a tab used for indentation in front matter", file=W, line=8, contains="탭 문자"))
case("yaml-unclosed-quote", {W: sub(W, "section: 구정 소식", 'section: "구정 소식')},
     expect=dict(why="a double quote that is never closed", file=W, line=4, contains="따옴표"))
case("front-matter-list", {S: "---\n- 소식지 구독 방법 설문에 참여해 주세요\n- 알림\n- 김서연\n---\n본문입니다.\n"},
     expect=dict(why="front matter is a YAML list, not a mapping", file=S, line=2, contains="'항목: 값' 형식"))
case("front-matter-text", {S: "---\n그냥 문장 하나만 있습니다\n---\n본문입니다.\n"},
     expect=dict(why="front matter is a plain sentence", file=S, line=2, contains="'항목: 값' 형식"))
case("missing-field", {S: sub(S, "summary: 종이 소식지와 모바일 소식지 가운데 어떤 방식을 원하시는지 의견을 모읍니다.\n", "")},
     expect=dict(why="the required summary field is missing", file=S, line=2, contains="'summary'"))
case("date-as-text", {ISSUE: sub(ISSUE, "date: 2021-03-02", 'date: "3월 2일"')},
     expect=dict(why="the issue date written as Korean text", file=ISSUE, line=3, contains="'date' 항목의 형식이 잘못되었습니다: 날짜"))
case("number-as-text", {ISSUE: sub(ISSUE, "number: 301", 'number: "삼백일"')},
     expect=dict(why="the issue number written as Korean text", file=ISSUE, line=2, contains="'number' 항목의 형식이 잘못되었습니다: 정수"))
case("unknown-checkpoint", {W: sub(W, "checkpoint: committee", "checkpoint: comittee")},
     expect=dict(why="a misspelt review checkpoint", file=W, line=17, contains="알 수 없는 검토 단계 'comittee'"))
case("unknown-status", {S: sub(S, "status: approved", "status: 승인")},
     expect=dict(why="a review status outside the four allowed values", file=S, line=9, contains="알 수 없는 검토 상태 '승인'"))
case("duplicate-slug", {"2021-03/04-wifi.md": (MINI / W).read_text("utf-8")},
     expect=dict(why="two articles with the same slug", file="2021-03/04-wifi.md", contains="슬러그 'wifi'"))
case("duplicate-prefix", {"2021-03/01-wifi2.md": (MINI / W).read_text("utf-8")},
     expect=dict(why="two articles with the same order prefix", file="2021-03/01-wifi2.md", contains="순서 번호 '01'"))
case("cp949", raw={S: (MINI / S).read_text("utf-8").encode("cp949")},
     expect=dict(why="an article saved as CP949 (EUC-KR) by a Windows editor", file=S, line=2, contains="CP949"))
case("empty-file", raw={S: b""},
     expect=dict(why="an empty article file", file=S, contains="빈 파일"))
case("blank-file", raw={S: b"\n  \n\t\n"},
     expect=dict(why="an article holding only blank lines", file=S, contains="빈 파일"))
rng = random.Random(7)
garbage = bytes(rng.randrange(256) for _ in range(600)) + b"\x00" + bytes(rng.randrange(256) for _ in range(300))
case("binary-garbage", raw={"2021-03/04-garbage.md": garbage},
     expect=dict(why="random bytes named .md", file="2021-03/04-garbage.md", contains="텍스트 파일이 아닙니다"))
case("missing-image", {W: sub(W, "src: images/wifi.png", "src: images/wifi-new.png")},
     expect=dict(why="front matter image that does not exist", file=W, line=8, contains="images/wifi-new.png"))
case("missing-body-image", {S: (MINI / S).read_text("utf-8") + "\n![설문 안내 포스터](images/poster.png)\n"},
     expect=dict(why="a body image that does not exist", file=S, line=28, contains="images/poster.png"))
case("image-dotdot", {W: sub(W, "src: images/wifi.png", "src: ../../site.yaml")},
     expect=dict(why="an image path climbing out with ..", file=W, line=8, contains="원고 폴더 밖"))
case("image-absolute", {W: sub(W, "src: images/wifi.png", "src: /etc/passwd")},
     expect=dict(why="an absolute image path", file=W, line=8, contains="원고 폴더 밖"))
case("image-not-image", {W: sub(W, "src: images/wifi.png", "src: images/photo.jpg")},
     raw={"2021-03/images/photo.jpg": "사진 대신 메모를 저장했습니다.\n".encode()},
     expect=dict(why="a text file named .jpg", file=W, line=8, contains="이미지 형식을 알아볼 수 없음"))
case("bad-site-yaml", {"site.yaml": sub("site.yaml", "title: Green 서구", "title: 'Green 서구")},
     expect=dict(why="site.yaml with an unclosed quote", file="site.yaml", line=1, contains="따옴표"))
case("unknown-key", {S: sub(S, "section: 알림", "secton: 알림")},
     expect=dict(why="a misspelt front matter key", file=S, line=3, contains="알 수 없는 항목 'secton'"))
case("no-front-matter", {S: "소식지 구독 방법 설문에 참여해 주세요\n\n본문만 있습니다.\n"},
     expect=dict(why="an article without front matter", file=S, line=1, contains="앞머리"))

case("utf16", raw={S: (MINI / S).read_text("utf-8").encode("utf-16")},
     expect=dict(why="an article saved as UTF-16 ('유니코드' in Notepad)", file=S, contains="UTF-16"))
wifi = (MINI / "2021-03/images/wifi.png").read_bytes()
case("image-truncated", raw={"2021-03/images/wifi.png": wifi[: len(wifi) // 2]},
     expect=dict(why="a PNG cut off half way (an interrupted copy)", file=W, line=8, contains="손상"))
case("impossible-date", {ISSUE: sub(ISSUE, "date: 2021-03-02", "date: 2021-02-30")},
     expect=dict(why="a date that is not in the calendar", file=ISSUE, line=3, contains="달력에 없는 날짜"))
case("yaml-colon-in-value", {S: sub(S, "title: 소식지 구독 방법 설문에 참여해 주세요", "title: 설문: 소식지 구독 방법")},
     expect=dict(why="an unquoted value holding ': '", file=S, line=2, contains="따옴표로 감싸"))
case("duplicate-key", {S: sub(S, "section: 알림", "section: 알림\nsection: 구정 소식")},
     expect=dict(why="the same key twice", file=S, line=4, contains="항목 'section'이(가) 두 번"))
case("list-as-text", {S: sub(S, "author_role: 청소년 명예기자", "author_role: [청소년, 명예기자]")},
     expect=dict(why="a list where text is expected", file=S, line=5, contains="'author_role' 항목의 형식이 잘못되었습니다: 문자열"))
case("image-wrong-case", {W: sub(W, "src: images/wifi.png", "src: images/WiFi.PNG")},
     expect=dict(why="an image name differing only in letter case (fine on Windows, not here)", file=W, line=8, contains="대소문자만 다른 'images/wifi.png'"))
case("image-backslash", {W: sub(W, "src: images/wifi.png", "src: images\\wifi.png")},
     expect=dict(why="a Windows path with a backslash", file=W, line=8, contains="역슬래시"))
