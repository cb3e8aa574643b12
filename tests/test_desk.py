"""The review desk with real parts: uvicorn on 127.0.0.1 (a free port) inside the test,
httpx clients, Debian chromium through Playwright, axe-core, argon2, the real front-matter
writer and gate, and the preview built by the desk (web and cards only, to stay fast)."""

from __future__ import annotations

import json
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Self

import httpx
import pytest
from conftest import MINI, replace_in, run_cli

from greenpub.config import load_site_config
from greenpub.content.reader import ContentReader
from greenpub.review import approve, decide

MEMBERS = ["mayor", "council", "pr", "media-prof", "design-prof", "reporter", "writer",
           "welfare", "resident"]
PASSWORD = "desk-pass-{}"
COMMITTEE = """review:
  checkpoints:
    - id: desk
      label: 담당부서 검토
    - id: committee
      label: 편집위원회 심의
      members: [{members}]
      quorum: 5
      chair: mayor
    - id: final
      label: 발행 승인
      members: [mayor]
committee:
{roster}
lexicon:""".format(members=", ".join(MEMBERS),
                   roster="\n".join(f"  - id: {m}\n    name: 위원 {m}" for m in MEMBERS))


def setup_content(root: Path) -> Path:
    content = root / "content"
    shutil.copytree(MINI, content)
    site = content / "site.yaml"
    text = site.read_text("utf-8")
    text = re.sub(r"review:\n(.*\n)*?lexicon:", COMMITTEE, text)
    site.write_text(text, "utf-8")
    return content


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, content: Path):
        import uvicorn

        from greenpub.desk.app import Desk, create_app

        self.content = content
        self.desk = Desk(content, formats="web,cards")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(
            create_app(self.desk), host="127.0.0.1", port=self.port, log_level="warning",
            lifespan="on"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Self:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            assert time.monotonic() < deadline, "desk did not start"
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("desk")
    content = setup_content(root)
    r = run_cli("desk", "add-member", "mayor", "--password-stdin", "--content", str(content),
                stdin=PASSWORD.format("mayor") + "\n")
    assert r.code == 0, r.err
    from greenpub.desk.accounts import Accounts

    accounts = Accounts(root / ".greenpub-desk")
    for m in MEMBERS[1:]:
        accounts.set_password(m, PASSWORD.format(m))
    with Server(content) as server:
        yield server


def login(server: Server, member: str, password: str | None = None) -> httpx.Client:
    c = httpx.Client(base_url=server.url, follow_redirects=False, timeout=60)
    r = c.get("/login")
    token = re.search(r'name="csrf" value="([^"]+)"', r.text).group(1)  # type: ignore[union-attr]
    r = c.post("/login", data={"member": member, "csrf": token,
                               "password": password or PASSWORD.format(member)})
    c.last_login = r  # type: ignore[attr-defined]
    return c


def csrf_of(c: httpx.Client, page: str) -> str:
    r = c.get(page)
    assert r.status_code == 200, r.text
    return re.search(r'name="csrf" value="([^"]+)"', r.text).group(1)  # type: ignore[union-attr]


def article_file(server: Server, name: str) -> Path:
    return server.content / "2021-03" / name


def state(server: Server, name: str, checkpoint: str):  # type: ignore[no-untyped-def]
    config = load_site_config(server.content)
    article = ContentReader(server.content, config).read_article(article_file(server, name))
    d = decide(article, config)
    return next(s for s in d.states if s.checkpoint.id == checkpoint), article


def test_add_member_keeps_hashes_outside_content(desk: Server) -> None:
    members = desk.content.parent / ".greenpub-desk" / "members.json"
    data = json.loads(members.read_text())["members"]
    assert set(data) == set(MEMBERS)
    assert all(h.startswith("$argon2id$") for h in data.values())
    assert PASSWORD.format("mayor") not in members.read_text()
    assert not any("members.json" in p.name for p in desk.content.rglob("*"))
    r = run_cli("desk", "add-member", "nobody", "--password-stdin", "--content",
                str(desk.content), stdin="whatever-long\n")
    assert r.code == 2 and "편집위원 명단" in r.err and "Traceback" not in r.err


def test_nothing_before_sign_in(desk: Server) -> None:
    with httpx.Client(base_url=desk.url, follow_redirects=True) as c:
        for page in ("/", "/issues/2021-03", "/issues/2021-03/wifi",
                     "/preview/2021-03/wifi/index.html", "/issues/2021-03/nope"):
            r = c.get(page)
            assert r.status_code == 200 and str(r.url).endswith("/login"), page
            assert 'name="member"' in r.text and 'name="password"' in r.text
            assert "와이파이" not in r.text and "2021-03" not in r.text
        before = article_file(desk, "02-survey.md").read_bytes()
        r = c.post("/issues/2021-03/survey", data={"checkpoint": "committee",
                                                   "status": "approved"})
        assert r.status_code == 403
        assert article_file(desk, "02-survey.md").read_bytes() == before


def test_post_without_csrf_or_as_another_member_is_refused(desk: Server) -> None:
    path = article_file(desk, "02-survey.md")
    before = path.read_bytes()
    with closing(login(desk, "reporter")) as c:
        token = csrf_of(c, "/issues/2021-03/survey")
        base = {"checkpoint": "committee", "status": "approved", "note": ""}
        assert c.post("/issues/2021-03/survey", data=base).status_code == 403
        assert c.post("/issues/2021-03/survey",
                      data=base | {"csrf": "x" + token}).status_code == 403
        assert c.post("/issues/2021-03/survey",
                      data=base | {"csrf": token, "by": "council"}).status_code == 403
        assert c.post("/issues/2021-03/survey",
                      data=base | {"csrf": token, "member": "mayor"}).status_code == 403
        # a checkpoint whose members do not include the reporter
        assert c.post("/issues/2021-03/survey",
                      data=base | {"csrf": token, "checkpoint": "final"}).status_code == 403
        assert c.post("/issues/2021-03/survey",
                      data=base | {"csrf": token, "checkpoint": "desk"}).status_code == 403
    assert path.read_bytes() == before


def test_path_traversal_is_not_found(desk: Server) -> None:
    with closing(login(desk, "welfare")) as c:
        for page in ("/issues/..%2F..%2Fetc", "/issues/2021-03/..%2F01-wifi.md",
                     "/issues/%2E%2E/wifi", "/issues/2021-03/..%2F..%2Fsite.yaml",
                     "/preview/..%2F..%2Fcontent%2Fsite.yaml", "/preview/%2E%2E/secret",
                     "/preview/..%2Fmembers.json", "/issues/2021-04"):
            r = c.get(page)
            assert r.status_code == 404, page
            assert "argon2" not in r.text and "title:" not in r.text
        token = csrf_of(c, "/issues/2021-03/survey")
        r = c.post("/issues/2021-03/..%2F..%2Fsite.yaml",
                   data={"csrf": token, "checkpoint": "committee", "status": "approved"})
        assert r.status_code == 404


def test_nine_members_decide_at_once(desk: Server) -> None:
    path = article_file(desk, "02-survey.md")
    log = desk.content.parent / ".greenpub-desk" / "audit.jsonl"
    log_before = len(log.read_text().splitlines())
    entries_before = path.read_text("utf-8").count("checkpoint: committee")
    clients = [login(desk, m) for m in MEMBERS]
    tokens = [csrf_of(c, "/issues/2021-03/survey") for c in clients]
    barrier = threading.Barrier(len(clients))
    codes: list[int] = []

    def go(c: httpx.Client, token: str, i: int) -> None:
        barrier.wait()
        r = c.post("/issues/2021-03/survey", data={
            "csrf": token, "checkpoint": "committee",
            "status": "approved" if i != 8 else "changes-requested", "note": f"위원 {i}"})
        codes.append(r.status_code)

    threads = [threading.Thread(target=go, args=(c, t, i))
               for i, (c, t) in enumerate(zip(clients, tokens))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    for c in clients:
        c.close()
    assert codes == [303] * 9
    text = path.read_text("utf-8")
    assert text.count("checkpoint: committee") == entries_before + 9
    assert all(f"by: {m}" in text for m in MEMBERS)
    lines = [json.loads(x) for x in log.read_text().splitlines()[log_before:]]
    assert sorted(x["member"] for x in lines) == sorted(MEMBERS)
    assert {x["article"] for x in lines} == {"2021-03/02-survey.md"}
    assert all(x["client"] == "127.0.0.1" and x["hash"].startswith("v2-") for x in lines)
    st, _ = state(desk, "02-survey.md", "committee")
    assert len(st.approvals) == 8 and st.progress == "8/5"
    assert not st.passed and st.blocks and st.blocks[0].by == "resident"  # the gate follows


def test_brute_force_locks_the_member(desk: Server) -> None:
    for i in range(5):
        c = login(desk, "writer", f"wrong-{i}")
        r = c.last_login  # type: ignore[attr-defined]
        assert (r.status_code, "맞지 않습니다" in r.text) == ((401, True) if i < 4 else (429, False))
        c.close()
    c = login(desk, "writer")  # the right password, but locked now
    assert c.last_login.status_code == 429 and "잠겼습니다" in c.last_login.text  # type: ignore[attr-defined]
    assert c.get("/", follow_redirects=True).url.path == "/login"
    c.close()
    other = login(desk, "design-prof")  # another member is not locked
    assert other.last_login.status_code == 303  # type: ignore[attr-defined]
    other.close()


def test_sign_out_ends_the_session(desk: Server) -> None:
    with closing(login(desk, "council")) as c:
        token = csrf_of(c, "/")
        cookie = c.cookies.get("greenpub_desk")
        assert c.post("/logout", data={"csrf": token}).status_code == 303
    with httpx.Client(base_url=desk.url, cookies={"greenpub_desk": cookie}) as stolen:
        assert stolen.get("/").headers["location"] == "/login"


def test_session_cookie_flags(desk: Server) -> None:
    c = login(desk, "pr")
    header = c.last_login.headers["set-cookie"].lower()  # type: ignore[attr-defined]
    assert "httponly" in header and "samesite=strict" in header and "secure" not in header
    c.close()
    # behind a TLS reverse proxy on a trusted address the cookie is Secure
    with httpx.Client(base_url=desk.url, headers={"X-Forwarded-Proto": "https"}) as tls:
        page = tls.get("/login")
        assert "; secure" in page.headers["set-cookie"].lower()
        token = re.search(r'name="csrf" value="([^"]+)"',  # type: ignore[union-attr]
                          page.text).group(1)
        # httpx keeps Secure cookies for https URLs only: send it as the proxy would
        r = tls.post("/login", data={"member": "pr", "password": PASSWORD.format("pr"),
                                     "csrf": token},
                     headers={"Cookie": f"greenpub_desk_login={token}"})
        assert r.status_code == 303 and "; secure" in r.headers["set-cookie"].lower()


def test_non_loopback_host_is_warned_about() -> None:
    from greenpub.commands.desk import _loopback
    from greenpub.desk import messages as DM

    assert _loopback("127.0.0.1") and _loopback("::1") and _loopback("localhost")
    assert not _loopback("0.0.0.0") and not _loopback("192.168.0.10")
    assert "TLS" in DM.NOT_LOOPBACK and "경고" in DM.NOT_LOOPBACK


@pytest.mark.browser
def test_browser_sign_in_diff_decide_and_axe(desk: Server) -> None:
    from browser import CHROMIUM, CHROMIUM_ARGS, axe_violations, horizontal_overflow
    from playwright.sync_api import sync_playwright

    path = article_file(desk, "01-wifi.md")
    # media-prof approved this version once; then the editor changed a sentence
    approve(path, desk.content, "committee", "media-prof", "approved")
    replace_in(path, "누구나 인증 없이", "누구나 비밀번호 없이")
    approve(path, desk.content, "desk", "홍보정책담당관", "approved")  # by hand, not logged
    assert desk.desk.preview.ready.wait(120)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                     headless=True)
        try:
            for viewport in ({"width": 390, "height": 844}, {"width": 1280, "height": 800}):
                ctx = browser.new_context(viewport=viewport, locale="ko-KR")
                page = ctx.new_page()
                page.goto(desk.url + "/issues/2021-03/wifi")
                assert page.url.endswith("/login")
                assert axe_violations(page) == []
                page.fill("#member", "media-prof")
                page.fill("#password", PASSWORD.format("media-prof"))
                page.press("#password", "Enter")  # keyboard only
                page.wait_for_load_state()
                assert page.url == desk.url + "/", page.content()
                assert axe_violations(page) == [] and horizontal_overflow(page) <= 0
                page.click("text=2021-03 제")
                page.wait_for_url(desk.url + "/issues/2021-03")
                assert "편집위원회 심의" in page.inner_text("table")
                assert axe_violations(page) == []
                page.goto(desk.url + "/issues/2021-03/wifi")
                assert page.inner_text("del") == "인증"
                assert page.inner_text("ins") == "비밀번호"
                assert page.locator("iframe[title]").count() == 1
                assert page.locator(".cards img").count() >= 3
                assert axe_violations(page) == []
                assert horizontal_overflow(page) <= 0
                page.goto(desk.url + "/password")
                assert page.locator("#password2").count() == 1
                assert axe_violations(page) == [] and horizontal_overflow(page) <= 0
                ctx.close()
            ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="ko-KR")
            page = ctx.new_page()
            page.goto(desk.url + "/login")
            page.fill("#member", "media-prof")
            page.fill("#password", PASSWORD.format("media-prof"))
            page.click("button[type=submit]")
            page.goto(desk.url + "/issues/2021-03/wifi")
            page.select_option("#checkpoint", "committee")
            page.check("input[value=approved]")
            page.fill("#note", "고친 문장 확인")
            page.click("text=결정 기록")
            page.wait_for_url(re.compile(r".*decided=committee.*"))
            assert "승인(으)로 기록했습니다" in page.inner_text("[role=status]")
            assert "1/5" in page.inner_text("#main table")
            assert "마지막으로 결정한 뒤" in page.content()
            assert "바뀐 것이 없습니다" in page.inner_text("main")
            ctx.close()
        finally:
            browser.close()
    st, article = state(desk, "01-wifi.md", "committee")
    assert st.approvals == ("media-prof",) and st.progress == "1/5" and not st.passed
    assert st.decisions[-1].note == "고친 문장 확인" and st.decisions[-1].hash == article.hash
    # the hand-typed approvals above are flagged, the desk's decisions are not
    from greenpub.content.reader import read_content
    from greenpub.desk.audit import unlogged_warnings

    warned = " ".join(unlogged_warnings(desk.content, read_content(desk.content)[1]))
    assert "01-wifi.md: desk 단계의 홍보정책담당관 승인" in warned
    assert "01-wifi.md: committee 단계의 media-prof 승인" in warned
    assert warned.count("media-prof") == 1 and "02-survey.md" not in warned


def test_check_flags_a_decision_typed_in_by_hand(tmp_path: Path) -> None:
    from greenpub.content.reader import read_content
    from greenpub.desk.audit import ensure_log

    content = setup_content(tmp_path)
    r = run_cli("check", "--content", str(content))
    assert r.code == 0 and "검토 데스크 기록" not in r.out + r.err  # no log: no warning
    ensure_log(content, read_content(content)[1])
    r = run_cli("check", "--content", str(content))
    assert r.code == 0 and "검토 데스크 기록" not in r.out + r.err  # the baseline covers it
    approve(content / "2021-03" / "02-survey.md", content, "committee", "writer", "rejected",
            "손으로 적음")
    r = run_cli("check", "--content", str(content))
    joined = " ".join((r.out + r.err).split())
    assert r.code == 0, r.err
    assert "02-survey.md: committee 단계의 writer 반려" in joined and "검토 데스크 기록" in joined
    r = run_cli("check", "--content", str(content), "--json")
    assert any("writer" in w for w in json.loads(r.out)["warnings"])


def test_pdf_pages_follow_the_named_destinations(tmp_path: Path) -> None:
    """Each article's pages of the issue PDF become PNGs (real pdftoppm), found through the
    print edition's `article-<slug>` destinations; the desk shows them on the article page."""
    import pikepdf

    from greenpub.desk.preview import Preview

    out = tmp_path / "preview"
    (out / "print").mkdir(parents=True)
    pdf = pikepdf.new()
    for _ in range(5):
        pdf.add_blank_page(page_size=(200, 280))
    names = pikepdf.Array()
    for slug, page in (("wifi", 1), ("survey", 3)):  # cover first, then two articles
        names.append(pikepdf.String(f"article-{slug}"))
        names.append(pikepdf.Array([pdf.pages[page].obj, pikepdf.Name.Fit]))
    pdf.Root.Names = pikepdf.Dictionary(Dests=pikepdf.Dictionary(Names=names))
    pdf.save(out / "print" / "issue.pdf")
    manifest = {"issues": [{"id": "2021-03", "outputs": {"pdf": "print/issue.pdf"},
                            "articles": [{"slug": "wifi", "outputs": {}},
                                         {"slug": "survey", "outputs": {}}]}]}
    (out / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    preview = Preview(MINI, tmp_path, "web")
    preview._pdf_pages(manifest)
    wifi, survey = preview.outputs("2021-03", "wifi"), preview.outputs("2021-03", "survey")
    assert wifi["pdf"] == "print/issue.pdf"
    assert [Path(p).name for p in wifi["pages"]] == ["p-2.png", "p-3.png"]
    assert [Path(p).name for p in survey["pages"]] == ["p-4.png", "p-5.png"]
    from PIL import Image

    with Image.open(out / wifi["pages"][0]) as im:
        assert im.format == "PNG" and im.width > 50


def test_cli_serves_and_gives_a_one_time_password(tmp_path: Path) -> None:
    import subprocess
    import sys

    from conftest import ROOT

    content = setup_content(tmp_path)
    r = run_cli("desk", "add-member", "welfare", "--content", str(content))
    assert r.code == 0, r.err
    once = re.search(r"처음 비밀번호[^:]*: (\S+)", r.out).group(1)  # type: ignore[union-attr]
    bad = run_cli("desk", "--content", str(tmp_path / "nowhere"))
    assert bad.code == 2 and "Traceback" not in bad.err
    port = free_port()
    proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "desk", "--content",
                             str(content), "--port", str(port), "--formats", "web"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                page = httpx.get(f"http://127.0.0.1:{port}/login", timeout=2)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline and proc.poll() is None
                time.sleep(0.2)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as c:
            token = re.search(r'name="csrf" value="([^"]+)"',  # type: ignore[union-attr]
                              c.get("/login").text).group(1)
            r2 = c.post("/login", data={"member": "welfare", "password": once, "csrf": token})
            assert r2.status_code == 303 and page.status_code == 200
            # the one-time password leads only to choosing a new one
            assert c.get("/").headers["location"] == "/password"
            assert c.get("/issues/2021-03/wifi").headers["location"] == "/password"
            form = c.get("/password").text
            csrf = re.search(r'name="csrf" value="([^"]+)"', form).group(1)  # type: ignore[union-attr]
            r3 = c.post("/password", data={"csrf": csrf, "password": "새비밀번호-123",
                                           "password2": "새비밀번호-124"})
            assert r3.status_code == 400 and "다릅니다" in r3.text
            r3 = c.post("/password", data={"csrf": csrf, "password": "새비밀번호-123",
                                           "password2": "새비밀번호-123"})
            assert r3.status_code == 303
            assert "2021-03" in c.get("/").text
        from greenpub.desk.accounts import Accounts

        accounts = Accounts(tmp_path / ".greenpub-desk")
        assert not accounts.one_time("welfare")
        assert accounts.verify("welfare", "새비밀번호-123")
        assert not accounts.verify("welfare", once)
    finally:
        proc.terminate()
        out, err = proc.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/" in out + err and "경고" not in out + err


def test_audit_log_is_a_chain_check_sees_an_edited_line(tmp_path: Path) -> None:
    from greenpub.content.reader import read_content
    from greenpub.desk.audit import broken_lines, ensure_log, log_path, record, unlogged_warnings

    content = setup_content(tmp_path)
    _config, issues = read_content(content)
    ensure_log(content, issues)
    for i in range(3):
        record(content, member="mayor", client="127.0.0.1", article="2021-03/01-wifi.md",
               checkpoint="committee", decision="approved", hash=f"v2-{i}", note="")
    path = log_path(content)
    assert broken_lines(path) == [] and unlogged_warnings(content, issues) == []
    lines = path.read_text("utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace('"mayor"', '"council"')
    path.write_text("".join(lines), "utf-8")
    assert broken_lines(path) == [4]  # the line after the edited one no longer follows
    assert any("4번째 줄" in w for w in unlogged_warnings(content, issues))


def test_the_chair_overrides_a_block_others_cannot(desk: Server) -> None:
    path = article_file(desk, "02-survey.md")
    with closing(login(desk, "welfare")) as c:
        token = csrf_of(c, "/issues/2021-03/survey")
        assert "위원장 재정" not in c.get("/issues/2021-03/survey").text
        r = c.post("/issues/2021-03/survey", data={"csrf": token, "checkpoint": "committee",
                                                   "status": "rejected", "note": "사실 확인"})
        assert r.status_code == 303
        before = path.read_bytes()
        r = c.post("/issues/2021-03/survey", data={
            "csrf": token, "checkpoint": "committee", "status": "approved",
            "override": "1", "note": "제가 풀겠습니다"})
        assert r.status_code == 400 and "위원장" in r.text  # the writer's own rule, in Korean
        assert path.read_bytes() == before
    st, _ = state(desk, "02-survey.md", "committee")
    assert any(b.by == "welfare" for b in st.blocks)
    with closing(login(desk, "mayor")) as c:
        page = c.get("/issues/2021-03/survey").text
        assert "위원장 재정" in page
        token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
        r = c.post("/issues/2021-03/survey", data={
            "csrf": token, "checkpoint": "committee", "status": "approved", "override": "1",
            "note": "사실 확인을 마쳤습니다"})
        assert r.status_code == 303
    st, _ = state(desk, "02-survey.md", "committee")
    assert not st.blocks and st.decisions[-1].override and st.decisions[-1].by == "mayor"
