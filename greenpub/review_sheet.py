"""심의 결과표: the committee's decisions on one issue as HTML and a tagged PDF (PDF/UA-1).

Per article: its title, each checkpoint's decisions by member with date and note, the quorum
reached or not, publishable or the reasons, and what changed since the last approval.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import messages as M
from .config import SiteConfig
from .content.hashing import HASH_VERSION, hash_version
from .content.model import Article, ReviewStatus
from .errors import RenderError
from .fsutil import atomic_write_bytes
from .review import Decision, decide, diff_since, display_name
from .review_diff import IMAGE_WORDS

LAYOUTS = Path(__file__).resolve().parent.parent / "layouts" / "review"


def sheet_paths(out_dir: Path, issue_id: str) -> tuple[Path, Path]:
    stem = out_dir / f"review-sheet-{issue_id}"
    return stem.with_suffix(".html"), stem.with_suffix(".pdf")


def _article_data(d: Decision, config: SiteConfig) -> dict[str, Any]:
    a: Article = d.article
    states = []
    for s in d.states:
        cp = s.checkpoint
        entries = [{"who": display_name(config, e.by), "date": e.date or "-", "note": e.note or "",
                    "status": M.STATUS_LABELS[e.status.value], "override": e.override,
                    "target": "현재 내용" if e.hash == a.hash else "이전 내용"}
                   for e in a.review if e.checkpoint == cp.id]
        states.append({"label": cp.label, "passed": s.passed, "entries": entries,
                       "quorum": cp.quorum is not None, "needed": s.needed,
                       "approvals": len(s.approvals)})
    approvals = [e for e in a.review if e.status is ReviewStatus.APPROVED]
    last = approvals[-1] if approvals else None
    changes = diff_since(a, last.hash, config.path.parent) if last else None
    since = f"{last.date} {display_name(config, last.by)}" if last else ""
    return {"title": a.title, "file": a.file.name, "hash": a.hash,
            "publishable": d.publishable, "reasons": d.reasons, "states": states,
            "changes": changes, "changes_since": since,
            "old_definition": last is not None and hash_version(last.hash) != HASH_VERSION}


def render_sheet(config: SiteConfig, issue: Any) -> str:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    decisions = [decide(a, config) for a in issue.articles]
    dates = [e.date for a in issue.articles for e in a.review if e.date]
    names = {m.id: m.name for m in config.committee if m.id}
    checkpoints = [{"label": cp.label,
                    "members": ", ".join(names.get(i, i) for i in cp.members)
                    if cp.members is not None else "제한 없음",
                    "quorum": f"{cp.quorum or 1}명", "chair": names.get(cp.chair or "", "-")}
                   for cp in config.checkpoints]
    env = Environment(loader=FileSystemLoader(str(LAYOUTS)), autoescape=select_autoescape(),
                      undefined=StrictUndefined)
    return env.get_template("sheet.html").render(
        site=config, issue=issue, checkpoints=checkpoints, image_words=IMAGE_WORDS,
        articles=[_article_data(d, config) for d in decisions],
        meeting=max(dates).isoformat() if dates else "")


def write_sheet(content_dir: Path, issue_id: str, out_dir: Path) -> tuple[Path, Path]:
    """Write review-sheet-ISSUE.html and .pdf into `out_dir`; returns both paths."""
    from .content.reader import read_content

    config, (issue,) = read_content(content_dir, [issue_id])
    html = render_sheet(config, issue)
    html_path, pdf_path = sheet_paths(out_dir, issue_id)
    atomic_write_bytes(html_path, html.encode("utf-8"))
    atomic_write_bytes(pdf_path, _pdf(html, content_dir))
    return html_path, pdf_path


def _pdf(html: str, base: Path) -> bytes:
    # Imported here: loading WeasyPrint costs ~0.5 s that the other review commands skip.
    import logging

    import weasyprint

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    try:
        return weasyprint.HTML(string=html, base_url=base.resolve().as_uri() + "/").write_pdf(
            pdf_variant="pdf/ua-1")
    except (OSError, ValueError, AssertionError) as exc:
        raise RenderError(M.SHEET_FAILED.format(kind=type(exc).__name__,
                                                detail=str(exc)[:200])) from exc
