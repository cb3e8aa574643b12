"""The review gate (is an article publishable, and why not) and the `approve` writer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from . import messages as M
from .config import Checkpoint, SiteConfig, load_site_config
from .content.frontmatter import read_source, rewrite_front_matter
from .content.model import Article, ReviewEntry, ReviewStatus
from .content.reader import ContentReader
from .errors import ReviewError
from .fsutil import atomic_write_bytes


@dataclass(frozen=True)
class CheckpointState:
    checkpoint: Checkpoint
    entry: ReviewEntry | None
    stale: bool

    @property
    def ok(self) -> bool:
        return (self.entry is not None and self.entry.status is ReviewStatus.APPROVED
                and not self.stale)

    @property
    def label(self) -> str:
        """Short Korean state for the status table."""
        if self.entry is None:
            return "-"
        if self.stale:
            return M.STALE_LABEL
        return M.STATUS_LABELS[self.entry.status.value]

    def reason(self, current_hash: str) -> str | None:
        label = self.checkpoint.label
        e = self.entry
        if e is None:
            return M.REASON_NO_ENTRY.format(label=label)
        if e.status is ReviewStatus.PENDING:
            return M.REASON_NOT_APPROVED.format(label=label) + (f" — {e.note}" if e.note else "")
        if e.status is ReviewStatus.CHANGES_REQUESTED:
            return M.REASON_CHANGES.format(label=label) + (f" — {e.note}" if e.note else "")
        if e.status is ReviewStatus.REJECTED:
            return M.REASON_REJECTED.format(label=label) + (f" — {e.note}" if e.note else "")
        if self.stale:
            return M.REASON_STALE.format(label=label, old=e.hash or "없음", new=current_hash)
        return None


@dataclass
class Decision:
    article: Article
    states: list[CheckpointState]
    reasons: list[str] = field(default_factory=list)

    @property
    def publishable(self) -> bool:
        return not self.reasons


def decide(article: Article, config: SiteConfig) -> Decision:
    """Publishable iff, for every checkpoint, the latest entry is approved with the current hash."""
    states = []
    for cp in config.checkpoints:
        latest = None
        for entry in article.review:
            if entry.checkpoint == cp.id:
                latest = entry  # entries are appended in order: the last one is the latest
        stale = (latest is not None and latest.status is ReviewStatus.APPROVED
                 and latest.hash != article.hash)
        states.append(CheckpointState(cp, latest, stale))
    reasons = [r for s in states if (r := s.reason(article.hash))]
    return Decision(article, states, reasons)


# --- approve ---------------------------------------------------------------
def approve(path: Path, content_dir: Path, checkpoint: str, by: str,
            status: str = "approved", note: str | None = None,
            today: dt.date | None = None) -> ReviewEntry:
    """Append a review entry with today's date and the current hash.

    Only the front matter is rewritten (ruamel round-trip keeps comments and key
    order); the body bytes stay identical; the file is replaced atomically.
    """
    config = load_site_config(content_dir)
    reader = ContentReader(content_dir, config)
    if checkpoint not in config.checkpoint_ids():
        raise ReviewError(M.UNKNOWN_CHECKPOINT.format(value=checkpoint,
                                                      known=", ".join(config.checkpoint_ids())),
                          config.path)
    try:
        st = ReviewStatus(status)
    except ValueError:
        raise ReviewError(M.UNKNOWN_STATUS.format(value=status)) from None
    article = reader.read_article(path)  # validates the whole file first
    src = read_source(path)
    meta = src.meta
    entry = CommentedMap()
    entry["checkpoint"] = checkpoint
    entry["status"] = st.value
    entry["by"] = by
    entry["date"] = (today or dt.date.today())
    entry["hash"] = article.hash
    if note:
        entry["note"] = note
    review = meta.get("review")
    if not isinstance(review, CommentedSeq):
        review = CommentedSeq()
        meta["review"] = review
    review.append(entry)
    atomic_write_bytes(path, rewrite_front_matter(path, meta))
    return ReviewEntry(checkpoint, st, by, entry["date"], article.hash, note, 0)
