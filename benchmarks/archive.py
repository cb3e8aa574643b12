"""Generate a year archive (N issues x M articles) from the sample issue, fully approved.

Used by bench_build.py; also handy for trying the tool on a bigger tree:
    .venv/bin/python benchmarks/archive.py /tmp/archive --issues 12 --articles 10
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from greenpub.content.frontmatter import dump_yaml, read_source  # noqa: E402
from greenpub.content.hashing import content_hash  # noqa: E402

SAMPLE = ROOT / "content"


def approve_all(meta, title: str, subtitle: str | None, summary: str, body: str,
                checkpoints: list[str], date: dt.date) -> None:
    h = content_hash(title, subtitle, summary, body)
    meta["review"] = [{"checkpoint": cp, "status": "approved", "by": "편집위원회",
                       "date": date, "hash": h} for cp in checkpoints]


def write_article(path: Path, meta, body: str) -> None:
    path.write_text("---\n" + dump_yaml(meta) + "---\n" + body, "utf-8")


def generate(dest: Path, issues: int = 12, articles: int = 10, source: Path = SAMPLE) -> Path:
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    shutil.copy(source / "site.yaml", dest / "site.yaml")
    checkpoints = re.findall(r"- id: (\w+)", (source / "site.yaml").read_text("utf-8"))
    src_issue = source / "2021-03"
    templates = sorted(p for p in src_issue.glob("[0-9]*.md"))
    issue_src = read_source(src_issue / "_issue.md")
    for n in range(issues):
        year, month = 2021 + n // 12, n % 12 + 1
        folder = dest / f"{year}-{month:02d}"
        shutil.copytree(src_issue / "images", folder / "images")
        meta = issue_src.meta
        meta["number"] = 299 + n
        meta["date"] = dt.date(year, month, 2)
        meta["title"] = f"{month}월의 서구 소식"
        write_article(folder / "_issue.md", meta, issue_src.body)
        for i in range(articles):
            src = read_source(templates[i % len(templates)])
            meta = src.meta
            title = f"{meta['title']} ({month}월호 {i + 1})"
            meta["title"] = title
            body = src.body + f"\n\n{month}월호 {i + 1}번째 기사입니다.\n"
            approve_all(meta, title, meta.get("subtitle"), meta["summary"], body, checkpoints,
                        dt.date(year, month, 1))
            slug = re.sub(r"^\d+-", "", templates[i % len(templates)].stem)
            write_article(folder / f"{i + 1:02d}-{slug}-{i + 1}.md", meta, body)
    return dest


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("dest", type=Path)
    ap.add_argument("--issues", type=int, default=12)
    ap.add_argument("--articles", type=int, default=10)
    a = ap.parse_args()
    print(generate(a.dest, a.issues, a.articles))
