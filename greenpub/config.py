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
             "lexicon", "print", "braille", "audio", "cards", "web", "video", "description"}


@dataclass(frozen=True)
class Checkpoint:
    id: str
    label: str


@dataclass(frozen=True)
class CommitteeMember:
    name: str
    role: str  # 당연직 | 위촉직


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
        cp = Checkpoint(cf.req_str("id"), cf.req_str("label"))
        if cp.id in {c.id for c in checkpoints}:
            raise ConfigError(M.DUPLICATE_CHECKPOINT.format(value=cp.id), path, cf.line("id"))
        checkpoints.append(cp)
    committee = []
    for i, item in enumerate(f.opt_list("committee")):
        cf = Fields(item, path, 1, f"committee[{i}].", ConfigError)
        cf.check_keys({"name", "role"})
        role = cf.opt_str("role") or ""
        if role and role not in COMMITTEE_ROLES:
            raise cf.fail(M.BAD_COMMITTEE_ROLE.format(value=role), "role")
        committee.append(CommitteeMember(cf.req_str("name"), role))
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
    for name in ("print", "braille", "audio", "cards", "web", "video"):
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
