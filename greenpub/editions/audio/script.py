"""What the audiobook says: an article's or the contents' blocks -> spoken segments.

Markdown structure becomes speech the way a reader on local radio would voice it:
headings with a longer pause, ordered lists as 첫째/둘째, tables row by row with
their column headers, images as "사진 설명: …", footnotes right after their block.
Every segment is normalised (numbers, dates, English) before it reaches a voice.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ...config import Contact, Feedback
from ...content.model import (
    Article,
    Block,
    Figure,
    Heading,
    Issue,
    ListBlock,
    Paragraph,
    Quote,
    Table,
)
from . import messages as M
from .normalise import normalize_checked, unknown_words
from .settings import AudioSettings


@dataclass(frozen=True)
class Segment:
    text: str  # normalised: what the voice says
    pause_ms: int  # silence after it
    # Where it comes from, for editions that show the text with the voice (the talking
    # book): the written text, the block's number in the script and the part of it
    # ("heading", "para", "item:2", "row:1", "note:0", "title" ...). Not part of the sound.
    source: str = ""
    block: int = -1
    role: str = ""


# A sentence ends at . ? ! (optionally closed by a quote or bracket) before a space.
_SENTENCE_END = re.compile(r"(?<=[.?!…])[\"'”’)\]]*\s+(?=\S)")


def sentences(text: str) -> list[str]:
    """Split written text into sentences (for the talking book's sentence-by-sentence sync)."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        out.append(text[start:m.end()].strip())
        start = m.end()
    out.append(text[start:].strip())
    return [t for t in out if t]


def ordinal(i: int) -> str:
    """1 -> 첫째, 2 -> 둘째 ... (for list items, rows and the contents)."""
    return M.ORDINALS[i - 1] if 0 < i <= len(M.ORDINALS) else f"{i}번째"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".?!:" else text + "."


@dataclass
class ScriptWriter:
    settings: AudioSettings
    lexicon: Mapping[str, str]
    segments: list[Segment] = field(default_factory=list)
    written: list[str] = field(default_factory=list)  # source text, for the lexicon check
    # True: one segment per sentence, SENTENCE_PAUSE_MS apart (the talking book, which
    # highlights each sentence while it plays); False: one segment per call (the audiobook)
    by_sentence: bool = False
    block: int = -1  # stamped on each segment: which block / part of the script
    role: str = ""
    # (character, source text) of every character removed because nothing reads it
    removed: list[tuple[str, str]] = field(default_factory=list)

    SENTENCE_PAUSE_MS = 300

    def at(self, role: str, block: int | None = None) -> ScriptWriter:
        """Name the part of the script the next segments belong to."""
        self.role = role
        if block is not None:
            self.block = block
        return self

    def say(self, text: str, pause_ms: int | None = None, split: bool = True) -> None:
        """One segment, or with `by_sentence` one per sentence (unless `split` is False:
        a table row, a heading stay whole, as they are shown as one piece)."""
        pause = self.settings.pause_ms if pause_ms is None else pause_ms
        parts = sentences(text) if self.by_sentence and split else [text]
        for i, part in enumerate(parts):
            spoken, removed = normalize_checked(_sentence(part), self.lexicon)
            self.removed.extend((ch, part) for ch in removed)
            if not spoken:
                continue
            self.written.append(part)
            self.segments.append(Segment(
                spoken, pause if i == len(parts) - 1 else self.SENTENCE_PAUSE_MS,
                source=part, block=self.block, role=self.role))

    def unknown_words(self) -> list[str]:
        return unknown_words("\n".join(self.written), self.lexicon)

    # -- blocks ----------------------------------------------------------------
    def blocks(self, blocks: list[Block]) -> None:
        s = self.settings
        for block in blocks:
            self.block += 1
            self.role = type(block).__name__.lower()
            if isinstance(block, Heading):
                if self.segments:  # a longer pause before a new part
                    prev = self.segments[-1]
                    self.segments[-1] = dataclasses.replace(
                        prev, pause_ms=max(prev.pause_ms, s.heading_pause_ms))
                # The talking books show the heading and their players announce structure
                # themselves; the audiobook says it ("소제목, …").
                heading = block.text if self.by_sentence else M.HEADING.format(text=block.text)
                self.say(heading, s.heading_pause_ms, split=False)
            elif isinstance(block, Paragraph):
                self.say(block.text)
            elif isinstance(block, ListBlock):
                if len(block.items) > 1 and not self.by_sentence:  # a list's length, heard
                    self.say(M.LIST_START.format(n=len(block.items)), s.pause_ms // 2)
                for i, item in enumerate(block.items, 1):
                    self.role = f"item:{i - 1}"
                    text = M.LIST_ITEM_ORDERED.format(ordinal=ordinal(i), text=item) \
                        if block.ordered else item
                    last = i == len(block.items)
                    self.say(text, s.pause_ms if last else s.pause_ms // 2)
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, Figure):
                self.figure(block)
            elif isinstance(block, Quote):
                self.say(M.QUOTE_START, s.pause_ms // 2)
                self.say(block.text, s.pause_ms // 2)
                self.say(M.QUOTE_END)
            # Footnotes are read at the end of the block that cites them (paragraph, list,
            # table or quote), always there, each introduced the same way.
            for k, note in enumerate(getattr(block, "footnotes", ())):
                self.role = f"note:{k}"
                self.say(M.FOOTNOTE.format(text=note))

    def table(self, table: Table) -> None:
        half = self.settings.pause_ms // 2
        self.say(M.TABLE_START, half)
        if table.caption:
            self.say(M.TABLE_CAPTION.format(caption=table.caption), half)
        cols = max([len(table.header), *(len(r) for r in table.rows)], default=0)
        self.say(M.TABLE_SHAPE.format(rows=len(table.rows), cols=cols), half)
        for i, row in enumerate(table.rows, 1):
            self.role = f"row:{i - 1}"
            cells = []
            for j, cell in enumerate(row):
                head = table.header[j] if j < len(table.header) else ""
                if not cell:
                    continue
                cells.append(f"{head}, {cell}" if head else cell)
            self.say(M.TABLE_ROW.format(ordinal=ordinal(i), cells=". ".join(cells)), half,
                     split=False)
        self.role = "table"
        self.say(M.TABLE_END)

    def figure(self, figure: Figure) -> None:
        if figure.alt:
            self.say(M.FIGURE.format(alt=figure.alt), self.settings.pause_ms // 2)
        if figure.caption and figure.caption != figure.alt:
            self.role = "caption"
            self.say(M.FIGURE_CAPTION.format(caption=figure.caption))


def article_script(article: Article, settings: AudioSettings, lexicon: Mapping[str, str],
                   drafts: bool, by_sentence: bool = False) -> ScriptWriter:
    """Title, author, body of one article."""
    w = ScriptWriter(settings, lexicon, by_sentence=by_sentence)
    if drafts:
        w.at("draft").say(M.DRAFT_NOTICE)
        if article.draft:
            w.say(M.DRAFT_ARTICLE)
    w.at("section").say(M.ARTICLE_SECTION.format(section=article.section),
                        settings.pause_ms // 2)
    w.at("title").say(article.title, settings.heading_pause_ms if not article.subtitle
                      else settings.pause_ms // 2)
    if article.subtitle:
        w.at("subtitle").say(article.subtitle, settings.heading_pause_ms)
    if article.author:
        author = article.author + (f" {article.author_role}" if article.author_role else "")
        w.at("author").say(M.ARTICLE_AUTHOR.format(author=author), settings.heading_pause_ms)
    w.blocks(article.blocks)
    w.at("end", -1).say(M.ARTICLE_END)
    return w


def contents_script(issue: Issue, site_title: str, publisher: str, settings: AudioSettings,
                    lexicon: Mapping[str, str], drafts: bool,
                    by_sentence: bool = False) -> ScriptWriter:
    """Publication, 호수, date, the list of articles, then the publisher's note."""
    w = ScriptWriter(settings, lexicon, by_sentence=by_sentence)
    hp = settings.heading_pause_ms
    if drafts:
        w.at("draft").say(M.DRAFT_NOTICE)
    w.at("title").say(M.CONTENTS_HEAD.format(title=site_title, label=f"제{issue.number}호"),
                      settings.pause_ms // 2)
    d = issue.date
    w.at("date").say(M.CONTENTS_DATE.format(year=d.year, month=d.month, day=d.day,
                                            publisher=publisher))
    w.at("issue-title").say(M.CONTENTS_ISSUE_TITLE.format(title=issue.title), hp)
    w.at("count").say(M.CONTENTS_COUNT.format(n=len(issue.articles)))
    for i, a in enumerate(issue.articles, 1):
        w.at(f"item:{i - 1}").say(
            M.CONTENTS_ITEM.format(ordinal=ordinal(i), section=a.section, title=a.title),
            settings.pause_ms // 2 if i < len(issue.articles) else hp)
    if issue.note_blocks:
        w.at("note-heading").say(M.CONTENTS_NOTE, settings.pause_ms // 2)
        w.blocks(issue.note_blocks)
    w.at("end", -1).say(M.CONTENTS_END)
    return w


def feedback_script(feedback: Feedback, contact: Contact, publisher: str,
                    settings: AudioSettings, lexicon: Mapping[str, str], web: bool,
                    printed: bool, by_sentence: bool = False) -> ScriptWriter:
    """The closing part on the residents' survey (site.yaml feedback:): where a listener
    finds it in the editions this build makes (never its address read out letter by
    letter), and the office's phone for questions when site.yaml gives one."""
    w = ScriptWriter(settings, lexicon, by_sentence=by_sentence)
    w.at("feedback-title").say(M.FEEDBACK_HEAD, settings.heading_pause_ms)
    w.at("feedback").say(M.FEEDBACK_THANKS)
    w.say(M.FEEDBACK_INVITE)
    if web:
        w.say(M.FEEDBACK_WEB.format(label=_sentence(feedback.label)))  # shown as written
    if printed:
        w.say(M.FEEDBACK_PRINT)
    if not (web or printed):  # no page of this build links it: name the site it is on
        host = (urlsplit(feedback.url).hostname or "").removeprefix("www.")
        w.say(M.FEEDBACK_HOST.format(label=feedback.label.rstrip("."), host=host))
    if contact.phone:
        w.say(M.FEEDBACK_PHONE.format(who=contact.department or publisher, phone=contact.phone))
    w.at("end", -1).say(M.FEEDBACK_END)
    return w
