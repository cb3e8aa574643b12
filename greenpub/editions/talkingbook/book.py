"""What the DAISY and the EPUB talking books share: the issue as sections (the contents,
then one per article, then the residents' survey when site.yaml has one), each a
sentence-by-sentence script spoken into one MP3 with the time span of every sentence, and
the print page each section starts on.

The speech is the audiobook's (same script writer, voices, TTS cache and loudness);
only the segmentation differs: one segment per sentence, so a player can highlight the
sentence it plays. Each section's MP3 is kept in a shared cache folder under the digest
of everything it is made from, so the DAISY and the EPUB edition encode it once, and a
warm rebuild asks no voice for anything.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ... import paths
from ...cache import digest, tree_digest
from ...content.model import Article, Block, ImageRef, Issue
from ..audio import IssueAudio
from ..audio import messages as AM
from ..audio.encode import encode_mp3, frame_samples, seconds
from ..audio.engines import SAMPLE_RATE
from ..audio.script import ScriptWriter, article_script, contents_script
from ..audio.settings import load_settings
from ..base import RenderContext
from . import messages as M

AUDIO_CACHE = "talkingbook-audio"
# Samples of silence LAME puts before the audio (encoder 576 + decoder 529; measured: a
# click at sample 11025 decodes with ffmpeg at 12131)
ENCODER_DELAY = 1105
NARRATORS = {"espeak": "espeak-ng 합성 음성", "gtts": "Google 번역 합성 음성(gTTS)"}


def code_digest() -> str:
    return tree_digest(Path(__file__).parent)


@dataclass
class Sentence:
    id: str  # the text element's id in the content document
    source: str  # the written text shown while it plays
    role: str
    block: int
    begin: float = 0.0  # seconds in the section's MP3
    end: float = 0.0


@dataclass
class Section:
    index: int
    key: str  # file stem: s00 (contents), s01 ..., and the survey's last when there is one
    title: str
    article: Article | None  # None: the contents (index 0) or the survey (the last one)
    script: ScriptWriter
    sentences: list[Sentence]
    blocks: list[Block]  # the body blocks the script's block numbers refer to
    pages: list[int] = field(default_factory=list)  # print pages that start here
    # print pages that start inside: (page, index of the sentence the page break falls in)
    breaks: list[tuple[int, int]] = field(default_factory=list)
    audio_key: str = ""
    duration: float = 0.0  # the MP3's length (frames), >= the last sentence's end
    engine: str = ""

    @property
    def spoken(self) -> float:
        """Seconds of the section the sentences cover (the sum of its clips)."""
        return self.sentences[-1].end if self.sentences else 0.0


class Book:
    """One issue as a talking book, rendered within one RenderContext."""

    def __init__(self, issue: Issue, ctx: RenderContext):
        self.issue, self.ctx = issue, ctx
        self.settings = load_settings(ctx.site)
        self.audio = IssueAudio(issue, ctx, self.settings)
        self.identifier = str(uuid.uuid5(uuid.NAMESPACE_URL,
                                         ctx.url(paths.web_issue_url(issue.id))))
        self.title = f"{ctx.site.title} {issue.label}"
        s, lex = self.settings, self.audio.lexicon
        contents = contents_script(issue, ctx.site.title, ctx.site.publisher, s, lex,
                                   ctx.drafts, by_sentence=True)
        self.sections = [self._section(0, AM.CONTENTS_TITLE, None, contents,
                                       issue.note_blocks)]
        for i, a in enumerate(issue.articles, 1):
            script = article_script(a, s, lex, ctx.drafts, by_sentence=True)
            self.sections.append(self._section(i, a.title, a, script, a.blocks))
        closing = self.audio.feedback_script(by_sentence=True)  # site.yaml feedback:
        if closing is not None:
            self.sections.append(self._section(len(self.sections), AM.FEEDBACK_TITLE, None,
                                               closing, []))
        found = print_pages(issue, ctx)
        self.pages = found[0] if found else None
        if found:
            self._place_pages(*found)
        for sec in self.sections:
            sec.audio_key = self._audio_key(sec)

    def _section(self, index: int, title: str, article: Article | None,
                 script: ScriptWriter, blocks: list[Block]) -> Section:
        key = f"s{index:02d}"
        sentences = [Sentence(f"{key}t{n:04d}", seg.source, seg.role, seg.block)
                     for n, seg in enumerate(script.segments, 1)]
        return Section(index, key, title, article, script, sentences, blocks)

    def _place_pages(self, pages: dict[str, int], texts: list[str]) -> None:
        """Front pages (cover, contents) at the contents; each article's first page at it,
        its other pages at the sentence each begins in (found in the page's text)."""
        starts = sorted(pages[a.slug] for a in self.issue.articles if a.slug in pages)
        first = min(starts, default=1)
        self.sections[0].pages = list(range(1, first))
        repeated = _running_lines(texts)
        for sec in self.sections[1:]:
            if sec.article and sec.article.slug in pages:
                start = pages[sec.article.slug]
                sec.pages = [start]
                # up to the next article, or to the back cover (the PDF's last page)
                end = next((n for n in starts if n > start), len(texts))
                sec.breaks = locate_breaks(
                    {n: texts[n - 1] for n in range(start + 1, end) if n <= len(texts)},
                    [x.source for x in sec.sentences], repeated)

    # -- inputs ------------------------------------------------------------------
    def _audio_key(self, sec: Section) -> str:
        return digest(self.audio.common, [(s.text, s.pause_ms) for s in sec.script.segments],
                      self.title, sec.title, SAMPLE_RATE, ENCODER_DELAY, "talkingbook-audio-2")

    def inputs(self) -> dict[str, Any]:
        """Everything both books are made from (for `ctx.unit`)."""
        ctx, issue = self.ctx, self.issue

        def images(refs: list[ImageRef]) -> list[Any]:
            return [(i.src, i.digest, i.alt, i.caption) for i in refs]

        return {
            "audio": [s.audio_key for s in self.sections],
            "text": [[(x.id, x.source, x.role, x.block) for x in s.sentences]
                     for s in self.sections],
            "blocks": [repr(s.blocks) for s in self.sections],
            "images": [images(a.all_images) for a in issue.articles],
            "cover": images([issue.cover]) if issue.cover else None,
            "pages": [(s.pages, s.breaks) for s in self.sections],
            "issue": (issue.id, issue.number, str(issue.date), issue.title),
            "site": ctx.settings_digest("audio"),
            "code": code_digest(),
        }

    # -- audio -------------------------------------------------------------------
    def speak(self, reverse: bool = False) -> None:
        """Give every section its MP3 (from the shared cache when it was spoken before).

        The DAISY and the EPUB edition may run at the same time in two processes: each
        section is made under a lock, so it is spoken and encoded once, and the EPUB goes
        through the sections from the end (`reverse`), so the two share the work."""
        import fcntl

        folder = self.ctx.cache.folder(AUDIO_CACHE)
        total = len(self.sections)
        for sec in (reversed(self.sections) if reverse else self.sections):
            mp3, meta = self.audio_files(sec)
            mp3.parent.mkdir(parents=True, exist_ok=True)
            with open(mp3.with_suffix(".lock"), "w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                data: dict[str, Any] | None = None
                if mp3.is_file():
                    try:
                        data = json.loads(meta.read_text("utf-8"))
                    except (OSError, ValueError):
                        data = None
                # --force: made again, once per build (the staging folder names the build)
                stale = data is None or len(data.get("spans", ())) != len(sec.sentences) or (
                    self.ctx.cache.force and data.get("build") != str(self.ctx.out))
                if stale:
                    data = self._encode(sec, mp3, meta, folder, f"{sec.index + 1}/{total}")
                    self.ctx.counters["talkingbook_audio_encoded"] += 1
            assert data is not None
            for sentence, (begin, end) in zip(sec.sentences, data["spans"], strict=True):
                sentence.begin, sentence.end = begin, end
            sec.duration, sec.engine = data["duration"], data["engine"]

    def audio_files(self, sec: Section) -> tuple[Path, Path]:
        folder = self.ctx.cache.folder(AUDIO_CACHE) / sec.audio_key[:2]
        return folder / f"{sec.audio_key}.mp3", folder / f"{sec.audio_key}.json"

    def _encode(self, sec: Section, mp3: Path, meta: Path, folder: Path,
                track: str) -> dict[str, Any]:
        audio, engine, spans = self.audio.speak_timed(sec.script, sec.title)
        frames = encode_mp3(audio, self.settings.bitrate)
        # LAME's MP3 starts its audio ENCODER_DELAY samples late (no gapless tag is
        # written, so players do not trim it): the clips are moved with it.
        data = {"spans": [[seconds(a + ENCODER_DELAY if a else 0), seconds(b + ENCODER_DELAY)]
                          for a, b in spans],
                "duration": seconds(frame_samples(frames)), "engine": engine,
                "build": str(self.ctx.out)}
        mp3.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".tb-", dir=folder))
        try:
            self.audio.write_mp3(tmp, "a.mp3", frames, self.audio.tags(sec.title, track))
            (tmp / "a.json").write_text(json.dumps(data), "utf-8")
            os.replace(tmp / "a.mp3", mp3)  # the MP3 first: the meta marks it complete
            os.replace(tmp / "a.json", meta)
        finally:
            for p in tmp.iterdir():
                p.unlink()
            tmp.rmdir()
        return data

    # -- facts for the metadata ----------------------------------------------------
    @property
    def total(self) -> float:
        return sum(s.spoken for s in self.sections)

    @property
    def narrator(self) -> str:
        engines = sorted({s.engine for s in self.sections if s.engine})
        voice = self.settings.voice
        names = [NARRATORS.get(e, e) + (f"({voice})" if e == "espeak" else "")
                 for e in engines]
        return ", ".join(names) or NARRATORS["espeak"]

    def image(self, section: Section, src: str) -> ImageRef | None:
        if section.article is None:
            return None
        return next((i for i in section.article.all_images if i.src == src), None)


def clock(secs: float, fraction: bool = False) -> str:
    """hh:mm:ss (DAISY 2.02 ncc:totalTime), or h:mm:ss.sss for EPUB media:duration."""
    ms = round(secs * 1000)
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    if fraction:
        return f"{h}:{m:02d}:{s:02d}.{ms:03d}"
    if ms >= 500:
        s += 1  # hh:mm:ss rounded (60 s carries)
        if s == 60:
            s, m = 0, m + 1
            if m == 60:
                m, h = 0, h + 1
    return f"{h:02d}:{m:02d}:{s:02d}"


def print_pages(issue: Issue, ctx: RenderContext) -> tuple[dict[str, int], list[str]] | None:
    """The print page each article starts on, read from the print PDF's named destinations
    (`article-<slug>`, see the print edition), and the text of every page (pdftotext,
    poppler); None when the print edition did not run."""
    rel = ctx.issue_entry(issue.id)["outputs"].get("pdf")
    if not rel or not (ctx.out / rel).is_file():
        return None
    import pikepdf

    try:
        with pikepdf.open(ctx.out / rel) as pdf:
            index: dict[Any, int] = {page.objgen: n for n, page in enumerate(pdf.pages, 1)}
            tree = pikepdf.NameTree(pdf.Root.Names.Dests)
            pages: dict[str, int] = {}
            for a in issue.articles:
                dest = tree.get(f"article-{a.slug}")
                if dest is None:
                    continue
                if isinstance(dest, pikepdf.Dictionary):
                    dest = dest.D
                n = index.get(dest[0].objgen)
                if n:
                    pages[a.slug] = n
            count = len(pdf.pages)
    except (pikepdf.PdfError, AttributeError, KeyError, IndexError, TypeError,
            ValueError, OSError) as exc:
        ctx.warn(M.PRINT_PAGES_UNREADABLE.format(file=rel, reason=exc))
        return None
    if not pages:
        return None
    return pages, _page_texts(ctx.out / rel, count, ctx)


def _page_texts(pdf: Path, count: int, ctx: RenderContext) -> list[str]:
    exe = shutil.which("pdftotext")
    if exe is None:
        ctx.warn(M.PDFTOTEXT_MISSING)
        return []
    proc = subprocess.run([exe, "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          timeout=120, check=False)
    if proc.returncode != 0:
        ctx.warn(M.PRINT_PAGES_UNREADABLE.format(
            file=pdf.name, reason=proc.stderr.decode("utf-8", "replace").strip()[:200]))
        return []
    texts = proc.stdout.decode("utf-8", "replace").split("\f")
    return texts[:count]


def _squash(text: str) -> str:
    """Letters and digits only: print and script text compared across line breaks."""
    return re.sub(r"[\W_]+", "", text)


def _running_lines(texts: list[str]) -> set[str]:
    """Lines printed on more than one page (running heads, the publication's name)."""
    seen: Counter[str] = Counter()
    for text in texts:
        seen.update({_squash(line) for line in text.splitlines()})
    return {line for line, n in seen.items() if n > 1}


def locate_breaks(pages: dict[int, str], sentences: list[str],
                  repeated: set[str] = frozenset(),  # type: ignore[assignment]
                  key_chars: int = 12, min_chars: int = 10) -> list[tuple[int, int]]:
    """(page, sentence index) for each page whose text is found in the sentences, in order:
    the first line of the page long enough to be telling (and not a running head) is
    looked up after the previous page's; the page breaks inside the sentence holding it."""
    joined: list[str] = []
    owner: list[int] = []
    for i, sentence in enumerate(sentences):
        part = _squash(sentence)
        joined.append(part)
        owner.extend([i] * len(part))
    text = "".join(joined)
    found: list[tuple[int, int]] = []
    pos = 0
    for number in sorted(pages):
        for line in pages[number].splitlines():
            squashed = _squash(line)
            if len(squashed) < min_chars or squashed in repeated:
                continue
            at = text.find(squashed[:key_chars], pos)
            if at >= 0:
                found.append((number, owner[at]))
                pos = at + 1
                break
    return found
