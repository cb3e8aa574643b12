"""The review gate (is an article publishable, and why not) and the `approve` writer.

A checkpoint without rules in site.yaml passes when its latest entry approves the current
hash. A checkpoint with rules (`members`, `quorum`, `chair`) passes when at least `quorum`
distinct members' latest entries approve the current hash and no member's latest entry is a
`changes-requested` or `rejected` that the chair has not overridden since.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from . import messages as M
from .config import Checkpoint, CommitteeMember, SiteConfig, load_site_config
from .content.frontmatter import read_source, rewrite_front_matter
from .content.hashing import HASH_VERSION, hash_version
from .content.model import Article, ReviewEntry, ReviewStatus
from .content.reader import ContentReader
from .errors import ReviewError
from .fsutil import atomic_write_bytes
from .review_diff import ArticleDiff, diff_canonical
from .review_store import ApprovedStore

BLOCKING = (ReviewStatus.CHANGES_REQUESTED, ReviewStatus.REJECTED)


@dataclass(frozen=True)
class CheckpointState:
    checkpoint: Checkpoint
    entry: ReviewEntry | None  # the latest entry at this checkpoint
    stale: bool  # approvals exist, but of an earlier version (or an older hash definition)
    passed: bool = False
    why: str | None = None  # Korean reason when not passed
    approvals: tuple[str, ...] = ()  # who approved the current hash (member ids or names)
    needed: int = 1
    blocks: tuple[ReviewEntry, ...] = ()  # standing changes-requested / rejected entries
    decisions: tuple[ReviewEntry, ...] = ()  # each person's latest entry, in file order
    changes: ArticleDiff | None = None  # since the latest approval, when stale
    old_definition: bool = False  # stale only because the hash definition changed

    @property
    def ok(self) -> bool:
        return self.passed

    @property
    def progress(self) -> str:
        """'2/5' for a quorum checkpoint, '' otherwise."""
        return f"{len(self.approvals)}/{self.needed}" if self.needed > 1 else ""

    @property
    def label(self) -> str:
        """Short Korean state for the status table."""
        if self.blocks:
            word = M.STATUS_LABELS[self.blocks[-1].status.value]
        elif self.passed:
            word = M.STATUS_LABELS["approved"]
        elif self.stale:
            word = M.OLD_DEFINITION_LABEL if self.old_definition else M.STALE_LABEL
        elif self.entry is None:
            word = "-"
        else:
            word = M.STATUS_LABELS[self.entry.status.value]
        return f"{word} {self.progress}".strip() if self.progress else word

    def reason(self, current_hash: str | None = None) -> str | None:
        return self.why


@dataclass
class Decision:
    article: Article
    states: list[CheckpointState]
    reasons: list[str] = field(default_factory=list)

    @property
    def publishable(self) -> bool:
        return not self.reasons

    @property
    def diff(self) -> ArticleDiff | None:
        """The diff since the approval a checkpoint holds for an earlier version, if stored."""
        for s in self.states:
            if s.changes is not None and s.changes.known and not s.changes.empty:
                return s.changes
        return None

    @property
    def changes(self) -> str:
        """What changed since that approval, in words ('' when nothing or unknown)."""
        return self.diff.summary() if self.diff else ""


# --- who is who ---------------------------------------------------------------
def find_member(config: SiteConfig, by: str | None) -> CommitteeMember | None:
    """The committee member `by` names (id, or a name only one member has)."""
    if not by:
        return None
    for m in config.committee:
        if m.id and m.id == by:
            return m
    named = [m for m in config.committee if m.name == by]
    if len(named) > 1:
        raise ReviewError(M.AMBIGUOUS_MEMBER.format(by=by, found=", ".join(
            m.id or m.name for m in named)), config.path)
    return named[0] if named else None


def _recorded_member(config: SiteConfig, by: str | None) -> CommitteeMember | None:
    """The member a recorded `by` names; an ambiguous name in an old entry names nobody."""
    try:
        return find_member(config, by)
    except ReviewError:
        return None


def person(config: SiteConfig, by: str | None) -> str:
    """A stable key for whoever recorded an entry: the member id when known."""
    m = _recorded_member(config, by)
    return (m.id or m.name) if m else (by or "")


def display_name(config: SiteConfig, by: str | None) -> str:
    m = _recorded_member(config, by)
    return m.name if m else (by or "-")


# --- the gate -------------------------------------------------------------------
def _with_note(text: str, note: str | None) -> str:
    return text + (f" — {note}" if note else "")


def diff_since(article: Article, approved_hash: str | None, content_dir: Path) -> ArticleDiff:
    """The diff between the version approved under `approved_hash` and the article now."""
    old = ApprovedStore(content_dir).load(approved_hash)
    if old is None or not article.canonical:
        return ArticleDiff(approved_hash, article.hash, known=False)
    return diff_canonical(old, json.loads(article.canonical), approved_hash, article.hash)


def _stale_reason(label: str, article: Article, approved: ReviewEntry,
                  content_dir: Path) -> tuple[str, ArticleDiff | None, bool]:
    if hash_version(approved.hash) != HASH_VERSION:
        return M.REASON_OLD_DEFINITION.format(label=label), None, True
    diff = diff_since(article, approved.hash, content_dir)
    words = diff.summary() if diff.known and not diff.empty else \
        M.STALE_UNKNOWN.format(old=approved.hash or "없음", new=article.hash)
    return M.REASON_STALE.format(label=label, changes=words), diff, False


def checkpoint_state(article: Article, cp: Checkpoint, config: SiteConfig) -> CheckpointState:
    content_dir = config.path.parent
    entries = [e for e in article.review if e.checkpoint == cp.id]
    latest = entries[-1] if entries else None
    label = cp.label
    if not cp.has_rules:  # today's behaviour: the latest entry decides
        stale = (latest is not None and latest.status is ReviewStatus.APPROVED
                 and latest.hash != article.hash)
        passed = latest is not None and latest.status is ReviewStatus.APPROVED and not stale
        changes, old_def, why = None, False, None
        if latest is None:
            why = M.REASON_NO_ENTRY.format(label=label)
        elif latest.status is ReviewStatus.PENDING:
            why = _with_note(M.REASON_NOT_APPROVED.format(label=label), latest.note)
        elif latest.status is ReviewStatus.CHANGES_REQUESTED:
            why = _with_note(M.REASON_CHANGES.format(label=label), latest.note)
        elif latest.status is ReviewStatus.REJECTED:
            why = _with_note(M.REASON_REJECTED.format(label=label), latest.note)
        elif stale:
            why, changes, old_def = _stale_reason(label, article, latest, content_dir)
        return CheckpointState(cp, latest, stale, passed, why,
                               (person(config, latest.by),) if passed and latest else (),
                               1, (), tuple(entries[-1:]), changes, old_def)
    # the committee's rules
    allowed = set(cp.members) if cp.members is not None else None
    mine = [e for e in entries if allowed is None or person(config, e.by) in allowed]
    last: dict[str, int] = {}
    for i, e in enumerate(mine):
        last[person(config, e.by)] = i
    overrides = [i for i, e in enumerate(mine) if e.override and cp.chair
                 and person(config, e.by) == cp.chair and e.status is ReviewStatus.APPROVED]
    decisions = tuple(mine[i] for i in sorted(last.values()))
    blocks = tuple(mine[i] for i in sorted(last.values()) if mine[i].status in BLOCKING
                   and not any(o > i for o in overrides))
    approvals = tuple(person(config, e.by) for e in decisions
                      if e.status is ReviewStatus.APPROVED and e.hash == article.hash)
    stale_ones = [e for e in decisions
                  if e.status is ReviewStatus.APPROVED and e.hash != article.hash]
    needed = cp.quorum or 1
    passed = not blocks and len(approvals) >= needed
    why, changes, old_def = None, None, False
    if blocks:
        why = ", ".join(_with_note(M.REASON_BLOCKED.format(
            label=label, who=display_name(config, b.by),
            status=M.STATUS_LABELS[b.status.value]), b.note) for b in blocks)
    elif not passed:
        if stale_ones:
            why, changes, old_def = _stale_reason(label, article, stale_ones[-1], content_dir)
        if needed > 1 and why is not None:
            why += ", " + M.QUORUM_PROGRESS.format(n=len(approvals), needed=needed)
        elif needed > 1:
            why = M.REASON_QUORUM.format(label=label, n=len(approvals), needed=needed)
            if decisions and decisions[-1].status is ReviewStatus.PENDING:
                why = _with_note(why, decisions[-1].note)
        elif why is None:
            why = (M.REASON_NO_ENTRY.format(label=label) if not decisions else
                   _with_note(M.REASON_NOT_APPROVED.format(label=label), decisions[-1].note))
    # entries by people outside `members` (say, from before the rules) are not decisions
    return CheckpointState(cp, mine[-1] if mine else None, bool(stale_ones) and not passed,
                           passed, why, approvals, needed, blocks, decisions, changes, old_def)


def decide(article: Article, config: SiteConfig) -> Decision:
    """Publishable iff every checkpoint passes on the current hash (see the module doc)."""
    states = [checkpoint_state(article, cp, config) for cp in config.checkpoints]
    reasons = [s.why for s in states if not s.passed and s.why]
    return Decision(article, states, reasons)


def checkpoint_diffs(article: Article, config: SiteConfig) -> list[tuple[Checkpoint,
                                                                          ReviewEntry | None,
                                                                          ArticleDiff | None]]:
    """Per checkpoint: its latest approval and the diff between what it approved and now
    (None when the checkpoint has never approved)."""
    out: list[tuple[Checkpoint, ReviewEntry | None, ArticleDiff | None]] = []
    for cp in config.checkpoints:
        approved = [e for e in article.review
                    if e.checkpoint == cp.id and e.status is ReviewStatus.APPROVED]
        if not approved:
            out.append((cp, None, None))
            continue
        e = approved[-1]
        out.append((cp, e, diff_since(article, e.hash, config.path.parent)))
    return out


# --- approve ---------------------------------------------------------------
def parse_status(value: str) -> ReviewStatus:
    """English or Korean status words (승인, 수정 요청, 반려, 대기)."""
    key = " ".join(str(value).split())
    if key not in M.STATUS_WORDS:
        raise ReviewError(M.UNKNOWN_STATUS.format(value=value))
    return ReviewStatus(M.STATUS_WORDS[key])


def parse_date(value: dt.date | str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ReviewError(M.BAD_REVIEW_DATE.format(value=value)) from None


def _who(config: SiteConfig, cp: Checkpoint, by: str) -> str:
    """The value recorded in `by`: a member's id at a checkpoint with members."""
    if cp.members is None:
        return by
    m = find_member(config, by)
    if m is None or m.id not in cp.members:
        allowed = ", ".join(f"{mm.name}({mm.id})" for mid in cp.members
                            for mm in config.committee if mm.id == mid)
        raise ReviewError(M.NOT_A_MEMBER.format(by=by, label=cp.label, allowed=allowed),
                          config.path)
    return m.id


def approve(path: Path, content_dir: Path, checkpoint: str, by: str,
            status: str = "approved", note: str | None = None,
            today: dt.date | None = None, *, date: dt.date | str | None = None,
            override: bool = False) -> ReviewEntry:
    """Append a review entry with the meeting date (default today) and the current hash.

    Rules of the checkpoint are checked first (membership, order of checkpoints, the chair's
    override); a violation raises ReviewError and leaves the file as it was. The approved
    version is saved in the store (review_store.py). Writers are serialised by a file lock,
    so concurrent approvals of one file all land. Only the front matter is rewritten
    (ruamel round-trip keeps comments and key order); the body bytes stay identical; the
    file is replaced atomically.
    """
    config = load_site_config(content_dir)
    if checkpoint not in config.checkpoint_ids():
        raise ReviewError(M.UNKNOWN_CHECKPOINT.format(value=checkpoint,
                                                      known=", ".join(config.checkpoint_ids())),
                          config.path)
    cp = next(c for c in config.checkpoints if c.id == checkpoint)
    st = parse_status(status)
    when = parse_date(date if date is not None else today)
    who = _who(config, cp, by)
    if override:
        if not cp.chair:
            raise ReviewError(M.OVERRIDE_NO_CHAIR.format(label=cp.label), config.path)
        if who != cp.chair:
            raise ReviewError(M.OVERRIDE_NOT_CHAIR.format(
                label=cp.label, chair=display_name(config, cp.chair)), config.path)
        if not note:
            raise ReviewError(M.OVERRIDE_NEEDS_NOTE)
        if st is not ReviewStatus.APPROVED:
            raise ReviewError(M.OVERRIDE_APPROVES)
    store = ApprovedStore(content_dir)
    reader = ContentReader(content_dir, config)
    with store.lock():
        article = reader.read_article(path)  # validates the whole file first
        if st is ReviewStatus.APPROVED:
            for earlier in config.checkpoints[:config.checkpoints.index(cp)]:
                state = checkpoint_state(article, earlier, config)
                if not state.passed:
                    raise ReviewError(M.ORDER_FIRST.format(label=cp.label, earlier=earlier.label,
                                                           reason=state.why), path)
        src = read_source(path)
        meta = src.meta
        entry = CommentedMap()
        entry["checkpoint"] = checkpoint
        entry["status"] = st.value
        entry["by"] = who
        entry["date"] = when
        entry["hash"] = article.hash
        if note:
            entry["note"] = note
        if override:
            entry["override"] = True
        review = meta.get("review")
        if not isinstance(review, CommentedSeq):
            review = CommentedSeq()
            meta["review"] = review
        review.append(entry)
        store.save(article.canonical)
        atomic_write_bytes(path, rewrite_front_matter(path, meta))
    return ReviewEntry(checkpoint, st, who, when, article.hash, note, 0, override)
