"""The review desk application (Starlette). Pages are rendered with Jinja2 from
`templates/`; blocking work (reading content, argon2, writing front matter) runs in the
thread pool. Sessions live on the server and the cookie carries only a signed session id."""

from __future__ import annotations

import contextlib
import hmac
import html
import re
import secrets
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from itsdangerous import BadSignature, URLSafeTimedSerializer
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from .. import messages as M
from ..config import SiteConfig
from ..content.model import Article, Issue
from ..errors import GreenpubError
from . import desk_dir
from . import messages as DM
from .accounts import LOCK_SECONDS, MAX_FAILURES, Accounts
from .audit import ensure_log, record
from .preview import Preview

SESSION_COOKIE = "greenpub_desk"
LOGIN_COOKIE = "greenpub_desk_login"
SESSION_SECONDS = 12 * 3600
DECISIONS = ("approved", "changes-requested", "rejected")
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
       "media-src 'self'; frame-src 'self'; frame-ancestors 'none'; form-action 'self'; "
       "base-uri 'none'")


@dataclass
class Session:
    member: str
    csrf: str
    expires: float


class ContentView:
    """The content tree, read again only when a file under it changed (stat fingerprint)."""

    def __init__(self, content: Path):
        self.content = content
        self._lock = threading.Lock()
        self._key: tuple[Any, ...] | None = None
        self._data: tuple[SiteConfig, list[Issue]] | None = None

    def _fingerprint(self) -> tuple[Any, ...]:
        items = []
        for p in sorted(self.content.rglob("*")):
            if p.is_file():
                st = p.stat()
                items.append((str(p), st.st_mtime_ns, st.st_size))
        return tuple(items)

    def read(self) -> tuple[SiteConfig, list[Issue]]:
        from ..content.reader import read_content

        with self._lock:
            key = self._fingerprint()
            if self._data is None or key != self._key:
                self._data = read_content(self.content)
                self._key = key
            return self._data

    def find(self, issue_id: str, slug: str) -> tuple[SiteConfig, Issue, Article]:
        config, issues = self.read()
        for issue in issues:
            if issue.id == issue_id:
                for a in issue.articles:
                    if a.slug == slug:
                        return config, issue, a
        raise HTTPException(404)


class Desk:
    def __init__(self, content: Path, folder: Path | None = None, formats: str = "web,cards",
                 watch: bool = True):
        self.content = content.resolve()
        self.folder = folder or desk_dir(content)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.accounts = Accounts(self.folder)
        self.view = ContentView(self.content)
        self.preview = Preview(self.content, self.folder, formats)
        self.watch = watch
        self.sessions: dict[str, Session] = {}
        self._lock = threading.Lock()
        self.signer = URLSafeTimedSerializer(self._secret(), salt="greenpub-desk")
        self.env = Environment(loader=PackageLoader("greenpub.desk", "templates"),
                               autoescape=select_autoescape(["html"]))
        self.env.globals.update(labels=M.STATUS_LABELS, quote=quote)

    def _secret(self) -> str:
        path = self.folder / "secret"
        if not path.exists():
            from ..fsutil import atomic_write_bytes

            atomic_write_bytes(path, secrets.token_hex(32).encode())
            path.chmod(0o600)
        return path.read_text().strip()

    # --- sessions ----------------------------------------------------------------
    def session(self, request: Request) -> Session | None:
        raw = request.cookies.get(SESSION_COOKIE)
        if not raw:
            return None
        try:
            sid = self.signer.loads(raw, max_age=SESSION_SECONDS)
        except BadSignature:
            return None
        with self._lock:
            s = self.sessions.get(str(sid))
            if s is None or s.expires < time.time():
                return None
            return s

    def new_session(self, member: str) -> str:
        sid = secrets.token_urlsafe(32)
        with self._lock:
            now = time.time()
            for k in [k for k, v in self.sessions.items() if v.expires < now]:
                del self.sessions[k]
            self.sessions[sid] = Session(member, secrets.token_urlsafe(32),
                                         now + SESSION_SECONDS)
        return self.signer.dumps(sid)

    def end_session(self, request: Request) -> None:
        raw = request.cookies.get(SESSION_COOKIE, "")
        try:
            sid = self.signer.loads(raw, max_age=SESSION_SECONDS)
        except BadSignature:
            return
        with self._lock:
            self.sessions.pop(str(sid), None)

    # --- rendering ---------------------------------------------------------------
    def page(self, name: str, request: Request, status: int = 200, **ctx: Any) -> HTMLResponse:
        body = self.env.get_template(name).render(request=request, **ctx)
        resp = HTMLResponse(body, status_code=status)
        resp.headers["Content-Security-Policy"] = CSP
        resp.headers["Cache-Control"] = "no-store"
        resp.headers["Referrer-Policy"] = "same-origin"
        resp.headers["X-Content-Type-Options"] = "nosniff"
        return resp


def _secure(request: Request) -> bool:
    """Secure cookies when the browser talks TLS (to us or to a trusted reverse proxy:
    uvicorn turns X-Forwarded-Proto from --trusted-proxy into the request scheme)."""
    return request.url.scheme == "https"


def _cookie(resp: Response, request: Request, name: str, value: str, max_age: int) -> None:
    resp.set_cookie(name, value, max_age=max_age, httponly=True, samesite="strict",
                    secure=_secure(request), path="/")


def _same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))


def _client(request: Request) -> str:
    return request.client.host if request.client else ""


Handler = Callable[[Request], Awaitable[Response]]


def create_app(desk: Desk) -> Starlette:
    def signed_in(fn: Callable[[Request, Session], Awaitable[Response]]) -> Handler:
        async def wrapper(request: Request) -> Response:
            s = desk.session(request)
            if s is None:
                if request.method == "POST":
                    raise HTTPException(403)
                return RedirectResponse("/login", status_code=303)
            if request.url.path not in ("/password", "/logout") and \
                    desk.accounts.one_time(s.member):
                if request.method == "POST":
                    raise HTTPException(403)
                return RedirectResponse("/password", status_code=303)
            return await fn(request, s)
        return wrapper

    async def login_form(request: Request, error: str = "", status: int = 200) -> Response:
        # one token per browser until sign-in: a second tab (or the favicon request that
        # lands here) must not invalidate the form already shown
        token = request.cookies.get(LOGIN_COOKIE, "")
        if not re.fullmatch(r"[A-Za-z0-9_-]{43}", token):
            token = secrets.token_urlsafe(32)
        resp = desk.page("login.html", request, status, csrf=token, error=error, user=None)
        _cookie(resp, request, LOGIN_COOKIE, token, 3600)
        return resp

    async def login_get(request: Request) -> Response:
        if desk.session(request) is not None:
            return RedirectResponse("/", status_code=303)
        return await login_form(request)

    async def login_post(request: Request) -> Response:
        form = await request.form()
        if not _same(str(form.get("csrf", "")), request.cookies.get(LOGIN_COOKIE)):
            return await login_form(request, DM.CSRF_FAILED, 403)
        member = str(form.get("member", "")).strip()[:100]
        password = str(form.get("password", ""))[:1000]
        if desk.accounts.locked(member):
            return await login_form(request, DM.LOCKED.format(
                n=MAX_FAILURES, minutes=LOCK_SECONDS // 60), 429)
        ok = await run_in_threadpool(desk.accounts.verify, member, password)
        if not ok:
            if desk.accounts.locked(member):
                return await login_form(request, DM.LOCKED.format(
                    n=MAX_FAILURES, minutes=LOCK_SECONDS // 60), 429)
            return await login_form(request, DM.LOGIN_FAILED, 401)
        resp = RedirectResponse("/", status_code=303)
        _cookie(resp, request, SESSION_COOKIE, desk.new_session(member), SESSION_SECONDS)
        resp.delete_cookie(LOGIN_COOKIE, path="/")
        return resp

    @signed_in
    async def logout(request: Request, s: Session) -> Response:
        form = await request.form()
        if not _same(str(form.get("csrf", "")), s.csrf):
            raise HTTPException(403)
        desk.end_session(request)
        resp = RedirectResponse("/login", status_code=303)
        resp.delete_cookie(SESSION_COOKIE, path="/")
        return resp

    @signed_in
    async def password_page(request: Request, s: Session) -> Response:
        config, _ = await run_in_threadpool(desk.view.read)
        error = ""
        status = 200
        if request.method == "POST":
            form = await request.form()
            if not _same(str(form.get("csrf", "")), s.csrf):
                return forbidden(request, DM.CSRF_FAILED)
            new, again = str(form.get("password", ""))[:1000], str(form.get("password2", ""))
            if new != again:
                error = DM.PASSWORDS_DIFFER
            elif desk.accounts.one_time(s.member) and await run_in_threadpool(
                    desk.accounts.verify, s.member, new):
                error = DM.SAME_PASSWORD
            else:
                try:
                    await run_in_threadpool(desk.accounts.set_password, s.member, new)
                    return RedirectResponse("/", status_code=303)
                except GreenpubError as exc:
                    error = exc.message
            status = 400
        return desk.page("password.html", request, status, error=error, user=user(config, s),
                         one_time=desk.accounts.one_time(s.member))

    def user(config: SiteConfig, s: Session) -> dict[str, str]:
        from ..review import display_name

        return {"id": s.member, "name": display_name(config, s.member), "csrf": s.csrf}

    @signed_in
    async def issues(request: Request, s: Session) -> Response:
        config, all_issues = await run_in_threadpool(desk.view.read)
        return desk.page("issues.html", request, issues=all_issues, user=user(config, s),
                         site=config)

    def issue_rows(issue_id: str) -> tuple[SiteConfig, Issue, list[Any]]:
        from ..review import decide

        config, all_issues = desk.view.read()
        for issue in all_issues:
            if issue.id == issue_id:
                return config, issue, [decide(a, config) for a in issue.articles]
        raise HTTPException(404)

    @signed_in
    async def issue(request: Request, s: Session) -> Response:
        config, iss, decisions = await run_in_threadpool(issue_rows,
                                                         request.path_params["issue"])
        return desk.page("issue.html", request, issue=iss, decisions=decisions, site=config,
                         user=user(config, s))

    def article_context(issue_id: str, slug: str, s: Session) -> dict[str, Any]:
        from ..review import decide, diff_since

        config, iss, article = desk.view.find(issue_id, slug)
        decision = decide(article, config)
        mine = [e for e in article.review if e.by == s.member]
        last = mine[-1] if mine else None
        diff = diff_since(article, last.hash, desk.content) if last and last.hash else None
        allowed = [cp for cp in config.checkpoints
                   if cp.members is not None and s.member in cp.members]
        return {"site": config, "issue": iss, "article": article, "decision": decision,
                "last": last, "diff": diff, "allowed": allowed,
                "outputs": desk.preview.outputs(issue_id, slug),
                "preview_error": desk.preview.error, "preview_ready": desk.preview.ready.is_set(),
                "user": user(config, s)}

    @signed_in
    async def article_get(request: Request, s: Session) -> Response:
        ctx = await run_in_threadpool(article_context, request.path_params["issue"],
                                      request.path_params["slug"], s)
        done = request.query_params.get("decided", "")
        ctx["message"] = ""
        for st in ctx["decision"].states:
            if st.checkpoint.id == done:
                ctx["message"] = DM.DECIDED.format(
                    label=st.checkpoint.label,
                    status=M.STATUS_LABELS.get(st.entry.status.value, "") if st.entry else "")
        return desk.page("article.html", request, **ctx)

    def decide_now(issue_id: str, slug: str, s: Session, checkpoint: str, status: str,
                   note: str, client: str, override: bool) -> None:
        from ..review import approve

        _config, _iss, article = desk.view.find(issue_id, slug)
        entry = approve(article.file, desk.content, checkpoint, s.member, status,
                        note or None, override=override)
        record(desk.content, member=s.member, client=client,
               article=article.file.resolve().relative_to(desk.content).as_posix(),
               checkpoint=checkpoint, decision=entry.status.value, hash=entry.hash or "",
               note=note)

    @signed_in
    async def article_post(request: Request, s: Session) -> Response:
        form = await request.form()
        if not _same(str(form.get("csrf", "")), s.csrf):
            return forbidden(request, DM.CSRF_FAILED)
        for field in ("by", "member"):
            if field in form and str(form[field]) != s.member:
                return forbidden(request, DM.NOT_YOURSELF)
        issue_id, slug = request.path_params["issue"], request.path_params["slug"]
        config, _iss, _article = await run_in_threadpool(desk.view.find, issue_id, slug)
        checkpoint = str(form.get("checkpoint", ""))
        cp = next((c for c in config.checkpoints if c.id == checkpoint), None)
        if cp is None or cp.members is None or s.member not in cp.members:
            return forbidden(request, DM.NOT_YOUR_CHECKPOINT.format(
                label=cp.label if cp else checkpoint))
        status = str(form.get("status", ""))
        note = str(form.get("note", "")).strip()[:2000]
        error = ""
        if status not in DECISIONS:
            error = DM.BAD_STATUS
        else:
            try:
                await run_in_threadpool(decide_now, issue_id, slug, s, checkpoint, status,
                                        note, _client(request), form.get("override") == "1")
            except GreenpubError as exc:
                error = exc.message if hasattr(exc, "message") else str(exc)
        if error:
            ctx = await run_in_threadpool(article_context, issue_id, slug, s)
            return desk.page("article.html", request, 400, error=error, message="", **ctx)
        return RedirectResponse(f"/issues/{quote(issue_id)}/{quote(slug)}?decided="
                                f"{quote(checkpoint)}#state", status_code=303)

    def forbidden(request: Request, message: str) -> Response:
        return desk.page("error.html", request, 403, message=message, user=None)

    @signed_in
    async def preview_file(request: Request, s: Session) -> Response:
        root = desk.preview.out.resolve()
        rel = request.path_params["path"]
        try:
            path = (root / rel).resolve()
            path.relative_to(root)
        except (ValueError, OSError):
            raise HTTPException(404) from None
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            raise HTTPException(404)
        resp = FileResponse(path)
        resp.headers["Cache-Control"] = "no-store"
        resp.headers["X-Frame-Options"] = "SAMEORIGIN"
        return resp

    async def not_found(request: Request, exc: Exception) -> Response:
        code = getattr(exc, "status_code", 404)
        if desk.session(request) is None and request.method == "GET":
            return RedirectResponse("/login", status_code=303)  # nothing before sign-in
        message = DM.NOT_FOUND if code == 404 else html.escape(str(code))
        return desk.page("error.html", request, code, message=message, user=None)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        _config, all_issues = await run_in_threadpool(desk.view.read)
        ensure_log(desk.content, all_issues)
        if desk.watch:
            desk.preview.start()
        else:
            await run_in_threadpool(desk.preview.build)
        try:
            yield
        finally:
            desk.preview.stop()

    routes = [
        Route("/login", login_get, methods=["GET"]),
        Route("/login", login_post, methods=["POST"]),
        Route("/logout", logout, methods=["POST"]),
        Route("/password", password_page, methods=["GET", "POST"]),
        Route("/", issues, methods=["GET"]),
        Route("/issues/{issue}", issue, methods=["GET"]),
        Route("/issues/{issue}/{slug}", article_get, methods=["GET"]),
        Route("/issues/{issue}/{slug}", article_post, methods=["POST"]),
        Route("/preview/{path:path}", preview_file, methods=["GET"]),
    ]
    return Starlette(routes=routes, lifespan=lifespan,
                     exception_handlers={404: not_found, 403: not_found, 405: not_found})
