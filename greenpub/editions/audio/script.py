"""What the audiobook says: an article's or the contents' blocks -> spoken segments.

Markdown structure becomes speech the way a reader on local radio would voice it:
headings with a longer pause, ordered lists as 첫째/둘째, tables row by row with
their column headers, images as "사진 설명: …", footnotes right after their block.
Every segment is normalised (numbers, dates, English) before it reaches a voice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ...content.model import Article, Block, Figure, Heading, Issue, ListBlock, Paragraph, Quote, Table
from . import messages as M
from .normalise import normalize_checked, unknown_words
from .settings import AudioSettings


@dataclass(frozen=True)
class Segment:
    text: str  # normalised: what the voice says
    pause_ms: int  # silence after it


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
    # (character, source text) of every character removed because nothing reads it
    removed: list[tuple[str, str]] = field(default_factory=list)

    def say(self, text: str, pause_ms: int | None = None) -> None:
        spoken, removed = normalize_checked(_sentence(text), self.lexicon)
        self.removed.extend((ch, text) for ch in removed)
        if not spoken:
            return
        self.written.append(text)
        self.segments.append(Segment(spoken, self.settings.pause_ms if pause_ms is None
                                     else pause_ms))

    def unknown_words(self) -> list[str]:
        return unknown_words("\n".join(self.written), self.lexicon)

    # -- blocks ----------------------------------------------------------------
    def blocks(self, blocks: list[Block]) -> None:
        s = self.settings
        for block in blocks:
            if isinstance(block, Heading):
                if self.segments:  # a longer pause before a new part
                    last = self.segments[-1]
                    self.segments[-1] = Segment(last.text, max(last.pause_ms,
                                                               s.heading_pause_ms))
                self.say(M.HEADING.format(text=block.text), s.heading_pause_ms)
            elif isinstance(block, Paragraph):
                self.say(block.text)
            elif isinstance(block, ListBlock):
                if len(block.items) > 1:
                    self.say(M.LIST_START.format(n=len(block.items)), s.pause_ms // 2)
                for i, item in enumerate(block.items, 1):
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
            for note in getattr(block, "footnotes", ()):
                self.say(M.FOOTNOTE.format(text=note))

    def table(self, table: Table) -> None:
        half = self.settings.pause_ms // 2
        self.say(M.TABLE_START, half)
        if table.caption:
            self.say(M.TABLE_CAPTION.format(caption=table.caption), half)
        cols = max([len(table.header), *(len(r) for r in table.rows)], default=0)
        self.say(M.TABLE_SHAPE.format(rows=len(table.rows), cols=cols), half)
        for i, row in enumerate(table.rows, 1):
            cells = []
            for j, cell in enumerate(row):
                head = table.header[j] if j < len(table.header) else ""
                if not cell:
                    continue
                cells.append(f"{head}, {cell}" if head else cell)
            self.say(M.TABLE_ROW.format(ordinal=ordinal(i), cells=". ".join(cells)), half)
        self.say(M.TABLE_END)

    def figure(self, figure: Figure) -> None:
        if figure.alt:
            self.say(M.FIGURE.format(alt=figure.alt), self.settings.pause_ms // 2)
        if figure.caption and figure.caption != figure.alt:
            self.say(M.FIGURE_CAPTION.format(caption=figure.caption))


def article_script(article: Article, settings: AudioSettings, lexicon: Mapping[str, str],
                   drafts: bool) -> ScriptWriter:
    """Title, author, body of one article."""
    w = ScriptWriter(settings, lexicon)
    if drafts:
        w.say(M.DRAFT_NOTICE)
        if article.draft:
            w.say(M.DRAFT_ARTICLE)
    w.say(M.ARTICLE_SECTION.format(section=article.section), settings.pause_ms // 2)
    w.say(article.title, settings.heading_pause_ms if not article.subtitle
          else settings.pause_ms // 2)
    if article.subtitle:
        w.say(article.subtitle, settings.heading_pause_ms)
    if article.author:
        author = article.author + (f" {article.author_role}" if article.author_role else "")
        w.say(M.ARTICLE_AUTHOR.format(author=author), settings.heading_pause_ms)
    w.blocks(article.blocks)
    w.say(M.ARTICLE_END)
    return w


def contents_script(issue: Issue, site_title: str, publisher: str, settings: AudioSettings,
                    lexicon: Mapping[str, str], drafts: bool) -> ScriptWriter:
    """Publication, 호수, date, the list of articles, then the publisher's note."""
    w = ScriptWriter(settings, lexicon)
    hp = settings.heading_pause_ms
    if drafts:
        w.say(M.DRAFT_NOTICE)
    w.say(M.CONTENTS_HEAD.format(title=site_title, label=f"제{issue.number}호"),
          settings.pause_ms // 2)
    d = issue.date
    w.say(M.CONTENTS_DATE.format(year=d.year, month=d.month, day=d.day, publisher=publisher))
    w.say(M.CONTENTS_ISSUE_TITLE.format(title=issue.title), hp)
    w.say(M.CONTENTS_COUNT.format(n=len(issue.articles)))
    for i, a in enumerate(issue.articles, 1):
        w.say(M.CONTENTS_ITEM.format(ordinal=ordinal(i), section=a.section, title=a.title),
              settings.pause_ms // 2 if i < len(issue.articles) else hp)
    if issue.note_blocks:
        w.say(M.CONTENTS_NOTE, settings.pause_ms // 2)
        w.blocks(issue.note_blocks)
    w.say(M.CONTENTS_END)
    return w
