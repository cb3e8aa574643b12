"""An issue's blocks -> braille pages (lists of Unicode braille lines).

Page shape, after common Korean braille book practice:

- the first line of every page carries only the braille page number, at its
  right end; text uses the other lines;
- page 1 is the title page (publication, 호수, date, publisher; 검토용 on drafts),
  then the contents (차례) with braille page numbers, then the publisher's note
  and each article, each starting on a new page;
- article titles are centred; headings inside an article start at cell 5
  (level 2) or cell 7 (level 3 and below) after a blank line, and are never left
  alone at the foot of a page;
- paragraphs start at cell 3 and run on from cell 1; list items and table rows
  hang (cell 3, then cell 5); quotes are indented two cells throughout;
- tables are read row by row, a row's number at cell 1 and each cell on its own
  line as '제목: 값' (header repeated, empty cells said); an image becomes a
  transcriber's note (점역자 주) with its alt text; footnotes follow the block
  citing them, their marks stay in the text.

Lines break only at blank cells (word boundaries); only a token longer than a
whole line (a link address) is split, after / . @ or -, with the continuation
mark ⠠ at the end of the line (제42항).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ...content.model import Block, Figure, Heading, Issue, ListBlock, Paragraph, Quote, Table
from . import messages as M
from .engines import BLANK

Translate = Callable[[str, str], str]  # (print text, where) -> Unicode braille


@dataclass
class Group:
    """Lines that belong together; a heading keeps with the lines after it."""

    lines: list[str]
    keep_with_next: bool = False
    blank_before: bool = False


@dataclass
class Section:
    """A run of groups starting on a new page (title page, contents, an article)."""

    key: str  # "title", "guide", "contents", "note" or an article slug ("-2" ... per volume)
    title: str  # print title, for the contents and the preview
    groups: list[Group] = field(default_factory=list)
    recto: bool = False  # in interpoint, starts on a right-hand (odd) page
    volume: int = 1


@dataclass
class Book:
    pages: list[list[str]]  # every page's lines, the page-number line first
    starts: dict[str, int]  # section key -> its first page (1-based)
    titles: dict[str, str]  # section key -> print title
    volumes: list[tuple[int, int]] = field(default_factory=list)  # (first, last) page per volume


# A token longer than a line (a link address, an e-mail) is broken only after one of
# these, and the line ends with the continuation mark (연결표 ⠠, 제42항).
BREAK_AFTER = ("\u2838\u280c", "\u2832", "\u2808\u2801", "\u2824")  # / . @ -
CONTINUATION = "\u2820"


def break_points(word: str) -> list[int]:
    """Cell offsets after which `word` may be broken (after / . @ -), in order."""
    points = set()
    for mark in BREAK_AFTER:
        start = word.find(mark)
        while start != -1:
            end = start + len(mark)
            if end < len(word):
                points.add(end)
            start = word.find(mark, start + 1)
    return sorted(points)


def split_long(word: str, room: int, rest_room: int) -> list[str]:
    """Pieces of a token too long for a line: each but the last ends after a break
    mark and carries the continuation mark; only a token with no usable break mark
    is cut at the line's end (still marked)."""
    pieces: list[str] = []
    width = room
    while len(word) > width:
        fits = [p for p in break_points(word) if p <= width - 1]
        cut = fits[-1] if fits else width - 1
        pieces.append(word[:cut] + CONTINUATION)
        word = word[cut:]
        width = rest_room
    pieces.append(word)
    return pieces


def wrap(braille: str, width: int, first: int = 0, rest: int = 0) -> list[str]:
    """Break braille at blank cells into lines of at most `width` cells.

    No word is ever split, except a token longer than a whole line (see split_long).
    """
    words = [w for w in braille.split(BLANK) if w]
    lines: list[str] = []
    current = ""
    indent = first
    for word in words:
        candidate = word if not current else current + BLANK + word
        if indent + len(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(BLANK * indent + current)
            indent = rest
            current = ""
        if indent + len(word) <= width:
            current = word
            continue
        *pieces, last = split_long(word, width - indent, width - rest)
        for piece in pieces:
            lines.append(BLANK * indent + piece)
            indent = rest
        current = last
    if current:
        lines.append(BLANK * indent + current)
    return lines


def centre(braille: str, width: int) -> list[str]:
    lines = wrap(braille, width)
    return [BLANK * ((width - len(line)) // 2) + line for line in lines]


def right(braille: str, width: int) -> str:
    return BLANK * (width - len(braille)) + braille


class Layout:
    def __init__(self, translate: Translate, number: Callable[[int], str],
                 width: int, height: int):
        self.tr = translate
        self.number = number  # page number -> braille (⠼ + digits)
        self.width = width
        self.height = height  # lines per page, the page-number line included

    # --- blocks ---------------------------------------------------------------
    def para(self, text: str, where: str, first: int = 2, rest: int = 0) -> list[str]:
        return wrap(self.tr(text, where), self.width, first, rest)

    def blocks(self, blocks: list[Block], where: str) -> list[Group]:
        groups: list[Group] = []
        notes = 0
        for i, block in enumerate(blocks):
            at = f"{where} #{i + 1}"
            if isinstance(block, Heading):
                indent = 4 if block.level <= 2 else 6
                groups.append(Group(self.para(block.text, at, indent, indent),
                                    keep_with_next=True, blank_before=True))
                continue
            if isinstance(block, Paragraph):
                text = block.text
                # footnote reference marks where the print has them: (각주 n)
                for k, offset in reversed(list(enumerate(block.refs_at))):
                    mark = M.FOOTNOTE_REF.format(n=notes + k + 1)
                    text = text[:offset] + mark + text[offset:]
                lines = self.para(text, at)
            elif isinstance(block, Quote):
                lines = self.para(block.text, at, 4, 2)
            elif isinstance(block, ListBlock):
                lines = []
                levels = block.levels or (0,) * len(block.items)
                markers = block.markers or tuple(
                    f"{n}." if block.ordered else "" for n in range(1, len(block.items) + 1))
                for n, (item, level, marker) in enumerate(zip(block.items, levels, markers), 1):
                    # a bullet is the 제72항 bullet •, a number keeps its number; a
                    # nested item is indented two cells more per level
                    text = f"{marker or '•'} {item}"
                    lines += self.para(text, f"{at}.{n}", 2 + 2 * level, 4 + 2 * level)
            elif isinstance(block, Table):
                lines = self.table(block, at)
            elif isinstance(block, Figure):
                text = (M.FIGURE_CAPTION.format(alt=block.alt, caption=block.caption)
                        if block.caption and block.caption != block.alt
                        else M.FIGURE.format(alt=block.alt))
                lines = self.para(M.TRANSCRIBER_NOTE.format(text=text), at, 2, 4)
            else:  # pragma: no cover - the block model is closed
                continue
            for note in getattr(block, "footnotes", ()):
                notes += 1
                lines += self.para(M.FOOTNOTE.format(n=notes, text=note),
                                   f"{at} {M.FOOTNOTE.format(n=notes, text='')}", 2, 4)
            groups.append(Group(lines))
        return groups

    def table(self, table: Table, where: str) -> list[str]:
        """A table read row by row: each row starts at cell 1 with its number, each
        cell on its own line at cell 3 (runover at cell 5) as '제목: 값' with the
        header repeated; the line structure, not a character that may occur in
        the text, separates cells. An empty cell says so."""
        head = M.TABLE.format(caption=table.caption) if table.caption else M.TABLE_NO_CAPTION
        intro = f"{head}, {M.TABLE_ROWS.format(n=len(table.rows))}"
        lines = self.para(M.TRANSCRIBER_NOTE.format(text=intro), where, 2, 4)
        for n, row in enumerate(table.rows, 1):
            width = max(len(row), len(table.header))
            for i in range(width):
                value = row[i] if i < len(row) and row[i].strip() else M.EMPTY_CELL
                label = table.header[i] if i < len(table.header) else ""
                text = f"{label}: {value}" if label else value
                at = f"{where} 행 {n}"
                lines += (self.para(f"{n}. {text}", at, 0, 4) if i == 0
                          else self.para(text, at, 2, 4))
        return lines

    # --- sections -------------------------------------------------------------
    def article_section(self, key: str, title: str, head: list[tuple[str, bool]],
                        blocks: list[Block]) -> Section:
        """`head`: (print line, centred?) lines above the body."""
        section = Section(key, title)
        top: list[str] = []
        for text, centred in head:
            top += centre(self.tr(text, title), self.width) if centred \
                else self.para(text, title, 0, 2)
        section.groups.append(Group(top + [""], keep_with_next=True))
        section.groups += self.blocks(blocks, title)
        return section

    def title_section(self, lines: list[str]) -> Section:
        section = Section("title", M.TITLE_PAGE)
        body: list[str] = []
        for text in lines:
            body += centre(self.tr(text, M.EDITION), self.width) if text else [""]
        if len(body) > self.height - 1:  # the title page is one page: blank lines go first
            body = [line for line in body if line]
        section.groups.append(Group(body))
        return section

    def contents_section(self, entries: list[tuple[str, str]],
                         pages: dict[str, int]) -> Section:
        section = Section("contents", M.CONTENTS)
        section.groups.append(Group(centre(self.tr(M.CONTENTS, M.CONTENTS), self.width) + [""]))
        for key, title in entries:
            num = self.number(pages.get(key, 999))
            lines = wrap(self.tr(title, M.CONTENTS), self.width - len(num) - 5, 0, 2)
            last = lines[-1]
            # guide dots (dot 5) lead the eye from the title to its page number
            lead = self.width - len(last) - len(num) - 2
            lines[-1] = last + BLANK + "\u2810" * lead + BLANK + num
            section.groups.append(Group(lines))
        return section

    def guide_section(self, entries: list[tuple[str, str]], key: str = "guide") -> Section:
        """일러두기: how this edition is laid out, and every special symbol it uses."""
        section = Section(key, M.GUIDE)
        section.groups.append(Group(centre(self.tr(M.GUIDE, M.GUIDE), self.width) + [""]))
        for text in M.GUIDE_LINES:
            section.groups.append(Group(self.para(text, M.GUIDE)))
        if entries:
            section.groups.append(Group(self.para(M.GUIDE_SYMBOLS, M.GUIDE), blank_before=True))
        for name, cells in entries:
            # the symbol's name in braille, then its cells as they stand in the text
            section.groups.append(Group(wrap(self.tr(name + ":", M.GUIDE) + BLANK + cells,
                                             self.width, 2, 4)))
        return section

    # --- pagination -------------------------------------------------------------
    def paginate(self, sections: list[Section], interpoint: bool = False) -> Book:
        """Pages of at most `height` lines, the page-number line first.

        A block runs on across pages but never leaves a single line at the foot
        (orphan) or the head (widow) of a page when it has room to avoid it; a
        heading keeps two lines of what follows; a section never ends on a page
        with a single line if the page before can give it lines. In interpoint,
        a section marked `recto` starts on an odd page (a blank page before it).
        """
        body = self.height - 1
        pages: list[list[str]] = []
        owners: list[list[int]] = []  # per page, per line: the group it belongs to
        starts: dict[str, int] = {}
        titles: dict[str, str] = {}
        first_page: dict[int, int] = {}
        gid = 0
        for section in sections:
            if interpoint and section.recto and len(pages) % 2 == 1:
                pages.append([])
                owners.append([])
            page: list[str] = []
            own: list[int] = []
            starts[section.key] = len(pages) + 1
            titles[section.key] = section.title
            first_page.setdefault(section.volume, len(pages) + 1)
            begin = len(pages)

            def flush() -> None:
                nonlocal page, own
                pages.append(page)
                owners.append(own)
                page, own = [], []

            groups = section.groups
            for gi, group in enumerate(groups):
                gid += 1
                lines = list(group.lines)
                if group.blank_before and page and page[-1] != "":
                    lines.insert(0, "")
                # a heading (keep_with_next) takes two lines of what follows with it
                need = min(len(lines), 2)
                if group.keep_with_next and gi + 1 < len(groups):
                    need = len(lines) + min(2, len(groups[gi + 1].lines))
                if page and len(page) + min(need, body) > body:
                    flush()
                i = 0
                while i < len(lines):
                    if len(page) == body:
                        flush()
                    if not page and lines[i] == "":
                        i += 1
                        continue  # no blank line at the top of a page
                    room = body - len(page)
                    left = len(lines) - i
                    take = min(room, left)
                    if left == room + 1 and room >= 3:
                        take = room - 1  # no widow: two lines go over, not one
                    page.extend(lines[i:i + take])
                    own.extend([gid] * take)
                    i += take
                    if i < len(lines):
                        flush()
            if page or starts[section.key] == len(pages) + 1:
                flush()
            # no page with a single line: the page before gives it lines
            if len(pages) - begin >= 2 and len(pages[-1]) == 1:
                prev, prev_own = pages[-2], owners[-2]
                tail = 0
                last = prev_own[-1] if prev_own else 0
                while tail < len(prev_own) and prev_own[len(prev_own) - 1 - tail] == last:
                    tail += 1
                move = tail if tail <= 3 else 2
                if len(prev) - move >= 2:
                    pages[-1][:0] = prev[-move:]
                    owners[-1][:0] = prev_own[-move:]
                    del prev[-move:]
                    del prev_own[-move:]
        numbered = [[right(self.number(n), self.width)] + [line.rstrip(BLANK) for line in p]
                    for n, p in enumerate(pages, 1)]
        firsts = sorted(first_page.values())
        volumes = [(f, (firsts[i + 1] - 1) if i + 1 < len(firsts) else len(pages))
                   for i, f in enumerate(firsts)]
        return Book(numbered, starts, titles, volumes)


def issue_sections(issue: Issue, layout: Layout, site_title: str, publisher: str,
                   drafts: bool, print_pages: dict[str, int] | None = None) -> list[Section]:
    """Every section of the issue except title page, 일러두기 and contents.

    `print_pages`: the print edition's page where each article starts; the
    article's first line then carries the print-page indicator (묵자 n쪽).
    """
    sections = []
    if issue.note_blocks:
        sections.append(layout.article_section("note", M.NOTE_TITLE, [(M.NOTE_TITLE, True)],
                                               issue.note_blocks))
    for article in issue.articles:
        head: list[tuple[str, bool]] = [(article.section, False), (article.title, True)]
        if article.subtitle:
            head.append((article.subtitle, True))
        if article.author:
            by = (M.BY_AUTHOR_ROLE.format(author=article.author, role=article.author_role)
                  if article.author_role else M.BY_AUTHOR.format(author=article.author))
            head.append((by, False))
        if drafts and article.draft:
            head.insert(0, (M.DRAFT, False))
        section = layout.article_section(article.slug, article.title, head, article.blocks)
        page = (print_pages or {}).get(article.slug)
        if page:
            indicator = layout.tr(M.PRINT_PAGE.format(n=page), article.title)
            section.groups[0].lines.insert(0, right(indicator, layout.width))
        sections.append(section)
    return sections


@dataclass(frozen=True)
class Production:
    """How the book is made: agency on the title page, volumes, interpoint."""

    agency: str = ""
    volume_pages: int = 0  # 0: one volume
    interpoint: bool = False


def title_lines(issue: Issue, site_title: str, publisher: str, drafts: bool,
                total: int | None, agency: str = "", volume: tuple[int, int] = (1, 1)) -> list[str]:
    lines = [site_title, M.EDITION, "", issue.title, "", f"제{issue.number}호",
             M.DATE.format(d=issue.date), "", M.PUBLISHED_BY.format(publisher=publisher)]
    if agency:
        lines.append(M.TRANSCRIBED_BY.format(agency=agency))
    if volume[1] > 1:
        lines += ["", M.VOLUME.format(n=volume[0], m=volume[1])]
    if total:
        lines += ["", M.PAGE_COUNT.format(n=total)]
    if drafts:
        lines = [M.DRAFT, ""] + lines
    return lines


def split_volumes(layout: Layout, sections: list[Section], volume_pages: int) -> list[list[Section]]:
    """Sections grouped into volumes of about `volume_pages` pages, split only
    between articles (a longer article makes a volume of its own)."""
    if volume_pages <= 0 or not sections:
        return [sections]
    volumes: list[list[Section]] = [[]]
    count = 0
    for section in sections:
        n = len(layout.paginate([section]).pages)
        if volumes[-1] and count + n > volume_pages:
            volumes.append([])
            count = 0
        volumes[-1].append(section)
        count += n
    return volumes


def lay_out_issue(issue: Issue, layout: Layout, site_title: str, publisher: str,
                  drafts: bool, production: Production = Production(),
                  print_pages: dict[str, int] | None = None,
                  symbols: Callable[[], list[tuple[str, str]]] | None = None) -> Book:
    """Per volume: title page, 일러두기, contents and its sections; page numbers resolved.

    `symbols()` lists (name, cells) of the special symbols the transcription used,
    for the 일러두기 page.
    """
    body = issue_sections(issue, layout, site_title, publisher, drafts, print_pages)
    volumes = split_volumes(layout, body, production.volume_pages)
    m = len(volumes)
    for v, secs in enumerate(volumes, 1):
        for sec in secs:
            sec.volume = v
    entries = [(s.key, s.title) for s in body]
    pages: dict[str, int] = {}
    total: int | None = None
    # The contents' length depends on the page numbers it shows and the page
    # numbers on the contents' length; two rounds settle it, four are allowed.
    for _ in range(4):
        used = symbols() if symbols else []
        sections: list[Section] = []
        for v, secs in enumerate(volumes, 1):
            suffix = "" if v == 1 else f"-{v}"
            title = layout.title_section(title_lines(issue, site_title, publisher, drafts, total,
                                                     production.agency, (v, m)))
            title.key += suffix
            guide = layout.guide_section(used, "guide" + suffix)
            contents = layout.contents_section([(s.key, s.title) for s in secs], pages)
            contents.key += suffix
            for extra in (title, guide, contents):
                extra.volume = v
            title.recto = True
            sections += [title, guide, contents, *secs]
        book = layout.paginate(sections, production.interpoint)
        starts = {k: book.starts[k] for k, _ in entries}
        if starts == pages and total == len(book.pages) and used == (symbols() if symbols else []):
            break
        pages, total = starts, len(book.pages)
    return book
