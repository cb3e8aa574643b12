"""SiteConfig: publication settings loaded and validated from content/site.yaml.

Edition-specific blocks (`print`, `braille`, `audio`, `cards`, `web`) are kept as
plain mappings here and validated by the edition that owns them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from . import messages as M
from .content.fields import Fields
from .content.frontmatter import decode_text, load_yaml
from .errors import ConfigError, ContentError

COMMITTEE_ROLES = {"당연직", "위촉직"}
SITE_KEYS = {"title", "publisher", "language", "base_url", "contact", "review", "committee",
             "lexicon", "print", "braille", "audio", "cards", "web", "description"}


@dataclass(frozen=True)
class Checkpoint:
    id: str
    label: str
    # The committee's rules (opt-in; a checkpoint without them takes the latest entry):
    members: tuple[str, ...] | None = None  # committee ids who may record a decision
    quorum: int | None = None  # distinct members' approvals of the current hash needed
    chair: str | None = None  # committee id who may override a block (with a note)

    @property
    def has_rules(self) -> bool:
        return self.members is not None or self.quorum is not None or self.chair is not None


@dataclass(frozen=True)
class CommitteeMember:
    name: str
    role: str  # 당연직 | 위촉직
    id: str = ""


@dataclass
class SiteConfig:
    path: Path
    title: str
    publisher: str
    language: str
    base_url: str
    contact: dict[str, str]
    checkpoints: list[Checkpoint]
    description: str = ""
    committee: list[CommitteeMember] = field(default_factory=list)
    lexicon: dict[str, str] = field(default_factory=dict)
    sections: dict[str, dict[str, Any]] = field(default_factory=dict)

    def checkpoint_ids(self) -> list[str]:
        return [c.id for c in self.checkpoints]

    def section(self, name: str) -> dict[str, Any]:
        """An edition's own settings block (plain dict; empty when absent)."""
        return self.sections.get(name, {})

    def url(self, rel: str) -> str:
        return self.base_url.rstrip("/") + "/" + rel.lstrip("/")


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _rules(cf: Fields, committee: list[CommitteeMember]) -> tuple[Any, Any, Any]:
    """A checkpoint's `members`, `quorum` and `chair`, checked against the committee."""
    ids = [m.id for m in committee if m.id]
    members = None
    if cf.has("members"):
        seq = cf.opt_list("members")
        members = tuple(str(v) for v in seq)
        for i, ref in enumerate(members):
            if ref not in ids:
                raise ConfigError(M.UNKNOWN_MEMBER.format(field=cf.name(f"members[{i}]"), value=ref,
                                                          known=", ".join(ids) or "-"),
                                  cf.path, cf.item_line(seq, i))
        if not members:
            raise cf.fail(M.EMPTY_FIELD.format(field=cf.name("members")), "members")
    quorum = cf.req_int("quorum") if cf.has("quorum") else None
    pool = len(members) if members is not None else len(ids) or None
    if quorum is not None and (quorum < 1 or (pool is not None and quorum > pool)):
        raise cf.fail(M.BAD_QUORUM.format(value=quorum, n=pool or "-"), "quorum")
    chair = cf.opt_str("chair")
    if chair is not None and chair not in (members or ids):
        raise cf.fail(M.BAD_CHAIR.format(value=chair, known=", ".join(members or ids) or "-"),
                      "chair")
    return members, quorum, chair


def load_site_config(content_dir: Path) -> SiteConfig:
    path = content_dir / "site.yaml"
    if not path.is_file():
        raise ConfigError(M.NO_SITE_FILE.format(folder=content_dir), path)
    try:
        text = decode_text(path.read_bytes(), path)
        data = load_yaml(text, path, 1)
    except ContentError as exc:
        raise ConfigError(exc.message, exc.file, exc.line) from None
    if not isinstance(data, CommentedMap):
        raise ConfigError(M.FRONT_MATTER_NOT_MAPPING, path, 1)
    f = Fields(data, path, 1, error=ConfigError)
    f.check_keys(SITE_KEYS)
    review = f.opt_map("review")
    if review is None:
        raise ConfigError(M.MISSING_FIELD.format(field="review.checkpoints"), path, 1)
    rf = f.sub(review, "review.")
    committee = []
    for i, item in enumerate(f.opt_list("committee")):
        cf = Fields(item, path, 1, f"committee[{i}].", ConfigError)
        cf.check_keys({"id", "name", "role"})
        role = cf.opt_str("role") or ""
        if role and role not in COMMITTEE_ROLES:
            raise cf.fail(M.BAD_COMMITTEE_ROLE.format(value=role), "role")
        member = CommitteeMember(cf.req_str("name"), role, cf.opt_str("id") or "")
        if member.id and member.id in {m.id for m in committee}:
            raise cf.fail(M.DUPLICATE_MEMBER.format(value=member.id), "id")
        committee.append(member)
    cps = rf.opt_list("checkpoints")
    if not cps:
        raise ConfigError(M.NO_CHECKPOINTS, path, rf.line("checkpoints"))
    checkpoints: list[Checkpoint] = []
    for i, item in enumerate(cps):
        cf = Fields(item, path, 1, f"review.checkpoints[{i}].", ConfigError)
        if not isinstance(item, CommentedMap):
            raise ConfigError(M.WRONG_TYPE.format(field=f"review.checkpoints[{i}]",
                                                  expected=M.T_MAP, value=item),
                              path, rf.item_line(cps, i))
        cf.check_keys({"id", "label", "members", "quorum", "chair"})
        cp = Checkpoint(cf.req_str("id"), cf.req_str("label"), *_rules(cf, committee))
        if cp.id in {c.id for c in checkpoints}:
            raise ConfigError(M.DUPLICATE_CHECKPOINT.format(value=cp.id), path, cf.line("id"))
        checkpoints.append(cp)
    contact_node = data.get("contact")
    contact: dict[str, str] = {}
    if isinstance(contact_node, CommentedMap):
        cf = f.sub(contact_node, "contact.")
        for k, v in contact_node.items():
            if v is None:
                continue
            if not isinstance(v, str):  # 0325604114 would silently lose its leading zero
                raise cf.fail(M.QUOTE_THIS.format(field=f"contact.{k}", value=v), k)
            contact[str(k)] = v
    elif contact_node is not None:
        contact = {"text": str(contact_node)}
    lexicon_node = f.opt_map("lexicon") or {}
    lf = f.sub(lexicon_node, "lexicon.")
    lexicon = {}
    for k, v in lexicon_node.items():
        if v is None or not str(v).strip():
            raise lf.fail(M.EMPTY_FIELD.format(field=f"lexicon.{k}"), k)
        lexicon[str(k)] = str(v)
    sections = {}
    for name in ("print", "braille", "audio", "cards", "web"):
        node = f.opt_map(name)
        sections[name] = _plain(node) if node is not None else {}
    return SiteConfig(
        path=path,
        title=f.req_str("title"),
        publisher=f.req_str("publisher"),
        language=f.opt_str("language", "ko") or "ko",
        base_url=(f.opt_str("base_url", "") or "").rstrip("/") + "/",
        contact=contact,
        checkpoints=checkpoints,
        description=f.opt_str("description", "") or "",
        committee=committee,
        lexicon=lexicon,
        sections=sections,
    )
