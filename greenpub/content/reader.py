"""Reader: content folder -> typed model (SiteConfig, Issues, Articles).

Every problem becomes a ContentError naming the file and line; errors from
several files are gathered into one ContentErrors so an editor sees all at once.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import lxml.html
from ruamel.yaml.comments import CommentedMap

from .. import messages as M
from ..config import SiteConfig, load_site_config
from ..errors import ContentError, ContentErrors, GreenpubError
from .blocks import figure_block, html_to_blocks
from .fields import Fields
from .frontmatter import read_source
from .hashing import canonical_form, content_hash
from .images import check_image, unused_files
from .markup import render_markdown
from .model import Article, ImageRef, Issue, ReviewEntry, ReviewStatus

ISSUE_ID = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
ARTICLE_NAME = re.compile(r"^(\d+)-([a-z0-9][a-z0-9-]*)\.md$")
ARTICLE_KEYS = {"title", "subtitle", "section", "author", "author_role", "summary", "images",
                "card", "card_title", "review", "tags"}
ISSUE_KEYS = {"number", "date", "title", "cover"}
UNDEFINED_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]")


def is_article_file(path: Path) -> bool:
    return bool(ARTICLE_NAME.match(path.name)) and ISSUE_ID.match(path.parent.name) is not None


class ContentReader:
    """Reads one content folder. `read()` returns the config and the issues."""

    def __init__(self, content_dir: Path, config: SiteConfig):
        self.root = content_dir.resolve()
        self.content_dir = content_dir
        self.errors: list[GreenpubError] = []
        self.config = config

    # -- public ----------------------------------------------------------------
    def read(self, only: list[str] | None = None) -> tuple[SiteConfig, list[Issue]]:
        folders = self.issue_folders()
        if only:
            known = [f.name for f in folders]
            for want in only:
                if want not in known:
                    raise ContentError(M.UNKNOWN_ISSUE.format(issue=want,
                                                              known=", ".join(known) or "-"),
                                       self.content_dir)
            folders = [f for f in folders if f.name in only]
        issues: list[Issue] = []
        for folder in folders:
            issue = self._guard(self.read_issue, folder)
            if issue is not None:
                issues.append(issue)
        numbers: dict[int, str] = {}
        for issue in issues:
            if issue.number in numbers:
                self.errors.append(ContentError(
                    M.DUPLICATE_NUMBER.format(number=issue.number, other=numbers[issue.number]),
                    issue.file))
            numbers[issue.number] = issue.id
        if self.errors:
            if len(self.errors) == 1:
                raise self.errors[0]
            raise ContentErrors(self.errors)
        return self.config, issues

    def issue_folders(self) -> list[Path]:
        folders = []
        for entry in sorted(self.content_dir.iterdir()):
            if not entry.is_dir() or entry.name.startswith((".", "_")):
                continue
            if ISSUE_ID.match(entry.name):
                folders.append(entry)
            elif (entry / "_issue.md").exists():
                self.errors.append(ContentError(M.BAD_ISSUE_ID.format(name=entry.name), entry))
        if not folders and not self.errors:
            raise ContentError(M.NO_ISSUES, self.content_dir)
        return folders

    def read_issue(self, folder: Path) -> Issue:
        issue_file = folder / "_issue.md"
        if not issue_file.is_file():
            raise ContentError(M.NO_ISSUE_FILE, folder)
        src = read_source(issue_file)
        f = Fields(src.meta, issue_file, src.meta_line)
        f.check_keys(ISSUE_KEYS)
        number = f.req_int("number")
        date = f.req_date("date")
        title = f.req_str("title")
        cover = None
        cover_node = f.opt_map("cover")
        if cover_node is not None:
            cover = self.image(folder, cover_node, f.sub(cover_node, "cover."))
        # The note gets the same sanitising and image checks as an article body.
        rendered = render_markdown(src.body)
        warnings = [f"{issue_file}:{src.body_line + off}: {msg}" for off, msg in rendered.warnings]
        note_images = self.body_images(folder, src.body, rendered.html, issue_file,
                                       src.body_line)
        articles = self.read_articles(folder)
        warnings += unused_files(folder, articles, cover, note_images)
        return Issue(id=folder.name, folder=folder, number=number, date=date, title=title,
                     note_md=src.body, note_html=rendered.html,
                     note_blocks=html_to_blocks(rendered.html), articles=articles,
                     cover=cover, file=issue_file, note_images=note_images,
                     warnings=warnings)

    def read_articles(self, folder: Path) -> list[Article]:
        articles: list[Article] = []
        prefixes: dict[int, Path] = {}
        slugs: dict[str, Path] = {}
        for path in sorted(folder.glob("*.md")):
            if path.name.startswith(("_", ".")):  # hidden: editor backups, macOS "._" files
                continue
            m = ARTICLE_NAME.match(path.name)
            if not m:
                self.errors.append(ContentError(M.BAD_ARTICLE_NAME.format(name=path.name), path))
                continue
            if not path.resolve().is_relative_to(self.root):
                self.errors.append(ContentError(M.FILE_OUTSIDE, path))
                continue
            order, slug = int(m.group(1)), m.group(2)
            if order in prefixes:
                self.errors.append(ContentError(
                    M.DUPLICATE_PREFIX.format(prefix=m.group(1), other=prefixes[order].name), path))
                continue
            if slug in slugs:
                self.errors.append(ContentError(
                    M.DUPLICATE_SLUG.format(slug=slug, other=slugs[slug].name), path))
                continue
            prefixes[order] = path
            slugs[slug] = path
            article = self._guard(self.read_article, path, order, slug)
            if article is not None:
                articles.append(article)
        articles.sort(key=lambda a: a.order)
        return articles

    def read_article(self, path: Path, order: int = 0, slug: str = "") -> Article:
        if not slug:
            m = ARTICLE_NAME.match(path.name)
            if not m:
                raise ContentError(M.NOT_AN_ARTICLE, path)
            order, slug = int(m.group(1)), m.group(2)
        src = read_source(path)
        f = Fields(src.meta, path, src.meta_line)
        f.check_keys(ARTICLE_KEYS)
        title = f.req_str("title")
        section = f.req_str("section")
        summary = f.req_str("summary")
        subtitle = f.opt_str("subtitle")
        author = f.opt_str("author")
        author_role = f.opt_str("author_role")
        folder = path.parent
        images = []
        seq = f.opt_list("images")
        for i, node in enumerate(seq):
            sub = Fields(node, path, src.meta_line, f"images[{i}].")
            if not isinstance(node, CommentedMap):
                raise ContentError(M.WRONG_TYPE.format(field=f"images[{i}]", expected=M.T_MAP,
                                                       value=node), path, f.item_line(seq, i))
            images.append(self.image(folder, node, sub))
        card, card_images = self.card_entries(folder, f, images)
        card_title = f.opt_str("card_title")
        lines = {key: f.line(key) for key in ("title", "subtitle", "section", "summary",
                                              "card_title", "card", "images") if f.has(key)}
        for i in range(len(card or [])):
            lines[f"card[{i}]"] = f.item_line(f.node["card"], i)
        review = self.review_entries(f)
        rendered = render_markdown(src.body)
        warnings = [f"{path}:{src.body_line + off}: {msg}" for off, msg in rendered.warnings]
        if section == M.UNSORTED_SECTION:  # left so by `greenpub import`
            warnings.append(f"{path}:{f.line('section')}: {M.SECTION_UNSORTED}")
        body_images = self.body_images(folder, src.body, rendered.html, path, src.body_line)
        for m in UNDEFINED_FOOTNOTE.finditer(rendered.html):
            off = src.body.find(m.group(0))
            warnings.append(f"{path}:{src.body_line + max(0, src.body[:off].count(chr(10)))}: "
                            + M.UNDEFINED_FOOTNOTE.format(ref=m.group(0)))
        blocks = html_to_blocks(rendered.html)
        canonical = canonical_form(src.meta, src.body,
                                   ((i.src, i.digest) for i in images + body_images))
        if images:
            blocks = [figure_block(images[0]), *blocks, *(figure_block(i) for i in images[1:])]
        return Article(
            file=path, order=order, slug=slug, title=title, section=section, summary=summary,
            body_md=src.body, body_line=src.body_line, html=rendered.html, blocks=blocks,
            hash=content_hash(canonical), canonical=canonical, subtitle=subtitle,
            author=author, author_role=author_role, images=images, body_images=body_images,
            card=card, card_images=card_images, card_title=card_title or None, lines=lines,
            review=review, warnings=warnings,
        )

    # -- parts -----------------------------------------------------------------
    def review_entries(self, f: Fields) -> list[ReviewEntry]:
        known = self.config.checkpoint_ids()
        entries = []
        seq = f.opt_list("review")
        for i, node in enumerate(seq):
            if not isinstance(node, CommentedMap):
                raise ContentError(M.WRONG_TYPE.format(field=f"review[{i}]", expected=M.T_MAP,
                                                       value=node), f.path, f.item_line(seq, i))
            sub = Fields(node, f.path, f.base, f"review[{i}].")
            cp = sub.req_str("checkpoint")
            if cp not in known:
                raise sub.fail(M.UNKNOWN_CHECKPOINT.format(value=cp, known=", ".join(known)),
                               "checkpoint")
            raw_status = sub.req_str("status")
            try:
                status = ReviewStatus(raw_status)
            except ValueError:
                raise sub.fail(M.UNKNOWN_STATUS.format(value=raw_status), "status") from None
            override = node.get("override") is True
            entries.append(ReviewEntry(cp, status, sub.opt_str("by"), sub.opt_date("date"),
                                       sub.opt_str("hash"), sub.opt_str("note"),
                                       sub.line(None), override))
        return entries

    def image(self, folder: Path, node: CommentedMap, f: Fields) -> ImageRef:
        f.check_keys({"src", "alt", "caption", "focus"})
        src = f.req_str("src")
        alt = f.opt_str("alt")
        if not alt:
            raise f.fail(M.IMAGE_NO_ALT.format(src=src), "alt" if "alt" in node else "src")
        ref = self.check_image(folder, src, alt, f.opt_str("caption"), f.path, f.line("src"))
        return dataclasses.replace(ref, focus=focus_point(f))

    def card_entries(self, folder: Path, f: Fields, images: list[ImageRef]
                     ) -> tuple[list[str] | None, tuple[ImageRef | None, ...]]:
        """`card:` items: a sentence, or {image: ..., text: ...} for a photo slide (the
        picture's alt and focus come from `images:` when listed there)."""
        if not f.has("card"):
            return None, ()
        seq = f.opt_list("card")
        texts: list[str] = []
        pictures: list[ImageRef | None] = []
        for i, item in enumerate(seq):
            if isinstance(item, CommentedMap):
                sub = f.sub(item, f"card[{i}].")
                sub.check_keys({"image", "text", "alt", "focus"})
                text = sub.req_str("text")
                src = sub.req_str("image")
                known = next((im for im in images if im.src == src), None)
                alt = sub.opt_str("alt") or (known.alt if known else None)
                if not alt:
                    raise sub.fail(M.IMAGE_NO_ALT.format(src=src), "image")
                ref = known if known and not sub.has("alt") else self.check_image(
                    folder, src, alt, None, f.path, sub.line("image"))
                if sub.has("focus") or known is None:
                    ref = dataclasses.replace(ref, focus=focus_point(sub))
                texts.append(text)
                pictures.append(ref)
                continue
            if not isinstance(item, str) or not item.strip():
                raise ContentError(M.WRONG_TYPE.format(field=f"card[{i}]", expected=M.T_TEXT,
                                                       value=item), f.path, f.item_line(seq, i))
            texts.append(str(item).strip())
            pictures.append(None)
        return texts, tuple(pictures) if any(pictures) else ()

    def body_images(self, folder: Path, body: str, html: str, path: Path,
                    body_line: int) -> list[ImageRef]:
        """Images in the body, found in the rendered HTML (Markdown's own parse, so any
        syntax Markdown accepts is checked), located back in the text for the line."""
        refs: list[ImageRef] = []
        if "<img" not in html:
            return refs
        root = lxml.html.fragment_fromstring(html, create_parent="div")
        for img in root.iter("img"):
            src = img.get("src") or ""
            pos = body.find(src) if src else -1
            line = body_line + (body[:pos].count("\n") if pos >= 0 else 0)
            if not src or re.match(r"^[a-z]+:", src, re.I) or src.startswith("//"):
                continue  # remote or data URL: the web edition drops it; never fetched
            alt = (img.get("alt") or "").strip()
            if not alt:
                raise ContentError(M.IMAGE_NO_ALT.format(src=src), path, line)
            refs.append(self.check_image(folder, src, alt, img.get("title"), path, line))
        return refs

    def check_image(self, folder: Path, src: str, alt: str, caption: str | None, path: Path,
                    line: int) -> ImageRef:
        return check_image(self.root, folder, src, alt, caption, path, line)

    def _guard(self, fn, *args):  # type: ignore[no-untyped-def]
        try:
            return fn(*args)
        except ContentErrors as exc:
            self.errors.extend(exc.errors)
        except GreenpubError as exc:
            self.errors.append(exc)
        return None


def focus_point(f: Fields) -> tuple[float, float]:
    """`focus: [x, y]`, each 0..1 from the left and top edge (default: the centre)."""
    if not f.has("focus"):
        return (0.5, 0.5)
    value = f.node["focus"]
    if (not isinstance(value, list) or len(value) != 2
            or any(isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v <= 1
                   for v in value)):
        raise f.fail(M.BAD_FOCUS.format(field=f.name("focus"), value=value), "focus")
    return (float(value[0]), float(value[1]))


def read_content(content_dir: Path, only: list[str] | None = None) -> tuple[SiteConfig, list[Issue]]:
    return ContentReader(content_dir, load_site_config(content_dir)).read(only)
