"""SiteConfig: publication settings loaded and validated from content/site.yaml.

The whole file is validated by typed models (`settings.py`): the site's own keys here,
each edition's block by the model the edition declares (`Edition.settings_model`).
Every error names the line, and all of them are reported at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, field_validator
from ruamel.yaml.comments import CommentedMap

from . import messages as M
from .content.frontmatter import decode_text, line_of, load_yaml
from .errors import ConfigError, ContentError, ContentErrors
from .settings import Settings, plain, unknown_key_error, validate

COMMITTEE_ROLES = ("당연직", "위촉직")
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


MemberId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]+$")]


class CheckpointModel(Settings):
    id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]+$")]
    label: Text
    # The committee's rules (opt-in; a checkpoint without them takes the latest entry):
    members: Annotated[list[MemberId], Field(min_length=1)] | None = None
    quorum: Annotated[int, Field(ge=1)] | None = None
    chair: MemberId | None = None


class MemberModel(Settings):
    id: MemberId | None = None
    name: Text
    role: Literal["당연직", "위촉직"] | None = None


class ReviewModel(Settings):
    checkpoints: Annotated[list[CheckpointModel], Field(min_length=1)]

    @field_validator("checkpoints")
    @classmethod
    def _unique(cls, value: list[CheckpointModel]) -> list[CheckpointModel]:
        seen: set[str] = set()
        for cp in value:
            if cp.id in seen:
                raise ValueError(M.DUPLICATE_CHECKPOINT.format(value=cp.id))
            seen.add(cp.id)
        return value


class Contact(Settings):
    """The publisher's contact block; every field a template may print exists (maybe empty)."""

    department: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    fax: str = ""
    homepage: str = ""
    text: str = ""  # `contact:` written as one line

    def items(self) -> Iterator[tuple[str, str]]:
        """The fields that were given, in a fixed order."""
        for key in type(self).model_fields:
            value = getattr(self, key)
            if value:
                yield key, value

    def __bool__(self) -> bool:
        return any(True for _ in self.items())

    def get(self, key: str, default: str | None = None) -> str | None:
        """Mapping-style access for code and templates written against a dict."""
        value = getattr(self, key, None) if key in type(self).model_fields else None
        return value or default


class FeedbackModel(Settings):
    """The residents' feedback survey the office runs (linked from every edition)."""

    url: str
    label: Text = M.FEEDBACK_LABEL

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        value = value.strip()
        if not value.startswith(("https://", "http://")):
            raise ValueError(M.BAD_FEEDBACK_URL.format(value=value))
        return value


class SiteModel(Settings):
    title: Text
    publisher: Text
    language: Text = "ko"
    base_url: str = ""
    description: str = ""
    contact: Contact = Contact()
    review: ReviewModel
    committee: list[MemberModel] = []
    lexicon: dict[str, Text] = {}
    feedback: FeedbackModel | None = None

    @field_validator("contact", mode="before")
    @classmethod
    def _contact(cls, value: Any) -> Any:
        if value is None:
            return {}
        if isinstance(value, str):  # one line: "홍보정책담당관 032-560-4114"
            return {"text": value}
        if isinstance(value, dict):
            return {k: v for k, v in value.items() if v is not None}
        return value

    @field_validator("base_url")
    @classmethod
    def _base_url(cls, value: str) -> str:
        value = value.strip()
        if value and not re.match(r"^https?://[^\s/]+", value):
            raise ValueError(M.BAD_BASE_URL.format(value=value))
        return value.rstrip("/") + "/"


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
class Feedback:
    url: str
    label: str


@dataclass(frozen=True)
class CommitteeMember:
    name: str
    role: str  # 당연직 | 위촉직 | ""
    id: str = ""


@dataclass
class SiteConfig:
    path: Path
    title: str
    publisher: str
    language: str
    base_url: str
    contact: Contact
    checkpoints: list[Checkpoint]
    description: str = ""
    committee: list[CommitteeMember] = field(default_factory=list)
    lexicon: dict[str, str] = field(default_factory=dict)
    sections: dict[str, dict[str, Any]] = field(default_factory=dict)  # raw edition blocks
    settings: dict[str, Any] = field(default_factory=dict)  # validated edition settings
    feedback: Feedback | None = None

    def checkpoint_ids(self) -> list[str]:
        return [c.id for c in self.checkpoints]

    def section(self, name: str) -> dict[str, Any]:
        """An edition's own settings block as written (plain dict; empty when absent)."""
        return self.sections.get(name, {})

    def settings_for(self, name: str) -> Any:
        """An edition's validated settings (its model's defaults when the block is absent)."""
        if name not in self.settings:
            from .editions import registry

            model = registry()[name].settings_model
            if model is None:
                raise KeyError(name)
            self.settings[name] = model()
        return self.settings[name]

    def url(self, rel: str) -> str:
        return self.base_url.rstrip("/") + "/" + rel.lstrip("/")

    def identity(self) -> dict[str, Any]:
        """What any edition may print about the publication (for cache keys)."""
        return {"title": self.title, "publisher": self.publisher, "language": self.language,
                "base_url": self.base_url, "description": self.description,
                "contact": self.contact.model_dump(),
                "feedback": [self.feedback.url, self.feedback.label] if self.feedback else None}

    def with_section(self, name: str, block: dict[str, Any]) -> SiteConfig:
        """A copy with one edition block replaced and validated (for programs and tests)."""
        import dataclasses

        from .editions import registry

        settings = dict(self.settings)
        model = registry()[name].settings_model
        if model is not None:
            value, errors = validate(model, None, self.path, f"{name}.", value=block)
            if errors:
                raise errors[0]
            settings[name] = value
        return dataclasses.replace(self, sections={**self.sections, name: block},
                                   settings=settings)


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
    return parse_site_config(data, path)


def parse_site_config(data: CommentedMap, path: Path) -> SiteConfig:
    from .editions import registry

    editions = registry()
    site_keys = list(SiteModel.model_fields)
    known = site_keys + list(editions)
    errors: list[ConfigError] = []
    for key in data:
        if str(key) not in known:
            errors.append(unknown_key_error(str(key), known, path, line_of(data, key, 1)))
    contact = data.get("contact")
    if isinstance(contact, CommentedMap):
        for key, v in list(contact.items()):
            if isinstance(v, int) and not isinstance(v, bool):
                # 0325604114 would silently lose its leading zero: say so on its own line
                errors.append(ConfigError(M.QUOTE_THIS.format(field=f"contact.{key}", value=v),
                                          path, line_of(contact, key, 1)))
    own = {str(k): v for k, v in plain(data).items() if k in site_keys}
    if isinstance(own.get("contact"), dict):  # the numbers were reported above, once
        own["contact"] = {k: str(v) if isinstance(v, int) and not isinstance(v, bool) else v
                          for k, v in own["contact"].items()}
    site, own_errors = validate(SiteModel, data, path, value=own)
    errors += own_errors
    sections: dict[str, dict[str, Any]] = {}
    settings: dict[str, Any] = {}
    for name, cls in editions.items():
        node = data.get(name)
        if node is not None and not isinstance(node, CommentedMap):
            errors.append(ConfigError(M.WRONG_TYPE.format(field=name, expected=M.T_MAP,
                                                          value=str(node)[:40]),
                                      path, line_of(data, name, 1)))
            continue
        sections[name] = plain(node) if node is not None else {}
        if cls.settings_model is not None:
            value, block_errors = validate(cls.settings_model, node, path, f"{name}.")
            errors += block_errors
            settings[name] = value
    if site is not None:
        errors += _rule_errors(site, data, path)
    if errors:
        errors.sort(key=lambda e: e.line or 0)
        if len(errors) == 1:
            raise errors[0]
        raise ContentErrors(list(errors))
    assert site is not None
    return SiteConfig(
        path=path, title=site.title, publisher=site.publisher, language=site.language,
        base_url=site.base_url or "/", contact=site.contact,
        checkpoints=[Checkpoint(c.id, c.label, tuple(c.members) if c.members else None,
                                c.quorum, c.chair) for c in site.review.checkpoints],
        description=site.description,
        committee=[CommitteeMember(m.name, m.role or "", m.id or "") for m in site.committee],
        lexicon=dict(site.lexicon), sections=sections, settings=settings,
        feedback=Feedback(site.feedback.url, site.feedback.label) if site.feedback else None)


def _rule_errors(site: SiteModel, data: CommentedMap, path: Path) -> list[ConfigError]:
    """The committee's rules checked against the roster, each error on its own line."""
    errors: list[ConfigError] = []
    committee_node = data.get("committee")
    ids: list[str] = []
    for i, m in enumerate(site.committee):
        if m.id and m.id in ids:
            errors.append(ConfigError(M.DUPLICATE_MEMBER.format(value=m.id), path,
                                      line_of(committee_node, i, 1)))
        if m.id:
            ids.append(m.id)
    cps_node = (data.get("review") or {}).get("checkpoints")
    for i, cp in enumerate(site.review.checkpoints):
        node = cps_node[i] if isinstance(cps_node, list) and i < len(cps_node) else None
        field = f"review.checkpoints[{i}]"
        for j, ref in enumerate(cp.members or []):
            if ref not in ids:
                members = node.get("members") if isinstance(node, CommentedMap) else None
                errors.append(ConfigError(M.UNKNOWN_MEMBER.format(
                    field=f"{field}.members[{j}]", value=ref, known=", ".join(ids) or "-"),
                    path, line_of(members, j, 1)))
        pool = len(cp.members) if cp.members is not None else len(ids) or None
        if cp.quorum is not None and pool is not None and cp.quorum > pool:
            errors.append(ConfigError(M.BAD_QUORUM.format(value=cp.quorum, n=pool), path,
                                      line_of(node, "quorum", 1)))
        if cp.chair is not None and cp.chair not in (cp.members or ids):
            errors.append(ConfigError(M.BAD_CHAIR.format(
                value=cp.chair, known=", ".join(cp.members or ids) or "-"), path,
                line_of(node, "chair", 1)))
    return errors
