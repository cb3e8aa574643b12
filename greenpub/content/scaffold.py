"""Templates for a new issue folder and a new article file (`greenpub new`)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from .. import messages as M
from ..errors import GreenpubError
from .frontmatter import read_source

ISSUE_TEMPLATE = """---
number: {number}
date: {date}
title: 이번 호 제목을 쓰세요
# cover:
#   src: images/cover.jpg
#   alt: 표지 사진을 말로 설명해 주세요
---
발행인의 글을 여기에 쓰세요.
"""

ARTICLE_TEMPLATE = """---
title: 기사 제목을 쓰세요
subtitle:
section: 구정 소식
author:
author_role:
summary: 기사를 한두 문장으로 요약해 주세요. 카드뉴스, 공유 미리보기, 오디오북에 쓰입니다.
images: []
review:
{review}---
본문을 여기에 쓰세요.
"""


def new_issue(content: Path, issue_id: str) -> Path:
    from .reader import ISSUE_ID

    if not ISSUE_ID.match(issue_id):
        raise GreenpubError(M.BAD_ISSUE_ID.format(name=issue_id))
    folder = content / issue_id
    if folder.exists():
        raise GreenpubError(f"호 폴더가 이미 있습니다: {folder}")
    numbers = []
    for f in sorted(content.glob("*/_issue.md")):
        try:
            numbers.append(int(read_source(f).meta.get("number")))
        except (GreenpubError, TypeError, ValueError):
            continue
    (folder / "images").mkdir(parents=True)
    year, month = map(int, issue_id.split("-"))
    path = folder / "_issue.md"
    path.write_text(ISSUE_TEMPLATE.format(
        number=max(numbers, default=0) + 1, date=dt.date(year, month, 1).isoformat()), "utf-8")
    return path


def next_article_path(folder: Path, slug: str) -> Path:
    """`NN-slug.md` with the next free number; refuses a slug the issue already has."""
    from .reader import ARTICLE_NAME

    existing = [ARTICLE_NAME.match(p.name) for p in folder.glob("*.md")]
    if any(m and m.group(2) == slug for m in existing):
        raise GreenpubError(M.DUPLICATE_SLUG.format(slug=slug, other="기존 파일"), folder)
    order = max((int(m.group(1)) for m in existing if m), default=0) + 1
    return folder / f"{order:02d}-{slug}.md"


def pending_review_yaml(content: Path) -> str:
    """A pending review entry for every checkpoint of the site's review process."""
    from ..config import load_site_config

    config = load_site_config(content)
    return "".join(f"  - checkpoint: {cp.id}\n    status: pending\n"
                   for cp in config.checkpoints)


def new_article(content: Path, issue_id: str, slug: str) -> Path:
    folder = content / issue_id
    if not (folder / "_issue.md").exists():
        raise GreenpubError(M.NO_ISSUE_FILE, folder)
    if not re.match(r"^[a-z0-9][a-z0-9-]*$", slug):
        raise GreenpubError(M.BAD_ARTICLE_NAME.format(name=slug))
    path = next_article_path(folder, slug)
    path.write_text(ARTICLE_TEMPLATE.format(review=pending_review_yaml(content)), "utf-8")
    return path
