"""The audiobook edition: one MP3 for the contents, one per article, and the whole
issue as one MP3 with ID3v2.4 chapters (CHAP/CTOC), plus an M3U8 playlist.

Stages: script (blocks -> normalised spoken segments) -> engines (TTS, cached per
segment) -> encode (loudness-normalised MP3, tags). Each MP3 is a `ctx.unit`, so a
warm rebuild with nothing changed neither calls a voice nor re-encodes anything.
The whole-issue file is the parts' MPEG frames joined (no second encoding), which
also places every chapter on an exact frame boundary.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ... import paths
from ...cache import digest, tree_digest
from ...content.model import Issue
from ...errors import RenderError
from ...lazy import lazy_import
from ..base import Edition, Outputs, OutputSpec, RenderContext
from . import messages as M
from .encode import (
    Chapter,
    Tags,
    cover_jpeg,
    encode_mp3_limited,
    frame_samples,
    join,
    normalise_loudness,
    seconds,
    silence,
    strip_id3,
    write_tags,
)
from .engines import TTS_OPTIONS, Narrator, TtsCache, make_engine
from .normalise import merged_lexicon
from .script import ScriptWriter, article_script, contents_script, feedback_script
from .settings import AudioSettings, load_settings

if TYPE_CHECKING:
    import numpy as np
else:
    np = lazy_import("numpy")

__all__ = ["AudioEdition", "IssueAudio"]


def _code_digest() -> str:
    """Digest of this package's source: a change to the normaliser or encoder rebuilds."""
    return tree_digest(Path(__file__).parent)


def _script_digest(script: ScriptWriter) -> str:
    return digest([(s.text, s.pause_ms) for s in script.segments])


class _IssueAudio:
    """One issue's audiobook, rendered within one RenderContext."""

    def __init__(self, issue: Issue, ctx: RenderContext, settings: AudioSettings):
        self.issue, self.ctx, self.settings = issue, ctx, settings
        if ctx.options.tts not in TTS_OPTIONS:
            raise RenderError(M.BAD_TTS_OPTION.format(value=ctx.options.tts))
        self.lexicon = merged_lexicon(ctx.site.lexicon)
        self.engine = make_engine(ctx.options.tts, settings)
        for counter in ("tts_calls", "tts_cache_hits"):  # reported even when zero
            ctx.counters[counter] += 0
        self.narrator = Narrator(self.engine, TtsCache(ctx.cache.folder("tts")), ctx.counters,
                                 ctx.warn)
        site = ctx.site
        self.album = f"{site.title} {issue.label}"
        self.common = {
            "settings": settings.dict(), "tts": ctx.options.tts,
            "engine": self.engine.identity(), "code": _code_digest(),
            "tags": [site.title, site.publisher, issue.number, issue.date.isoformat(),
                     issue.label],
            "cover": issue.cover.digest if issue.cover else None,
        }
        self._cover: bytes | None | bool = False

    # -- helpers -----------------------------------------------------------------
    def cover(self) -> bytes | None:
        if self._cover is False:
            self._cover = None
            cover = self.issue.cover
            if cover is not None:
                try:
                    self._cover = cover_jpeg(cover.path)
                except OSError as exc:
                    self.ctx.warn(M.COVER_UNREADABLE.format(file=cover.path, reason=exc))
        return self._cover if isinstance(self._cover, bytes) else None

    def speak(self, script: ScriptWriter, label: str) -> tuple[np.ndarray, str]:
        """A script as loudness-normalised float audio, and the engine that spoke it.

        The part ends with the pause between articles, so the parts play back to back
        (playlist or whole-issue file) with a breath between them."""
        audio, engine, _ = self.speak_timed(script, label)
        return audio, engine

    def speak_timed(self, script: ScriptWriter,
                    label: str) -> tuple[np.ndarray, str, list[tuple[int, int]]]:
        """`speak`, plus where each segment lies in the audio: (first sample, end sample),
        its pause included, so the spans are contiguous and cover the whole audio."""
        texts = [s.text for s in script.segments]
        pcms, engine = self.narrator.narrate(texts, label)
        pauses = [s.pause_ms for s in script.segments]
        if pauses:
            pauses[-1] = max(pauses[-1], self.settings.article_pause_ms)
        lead = silence(250)
        pcm = join([lead, *pcms], [0, *pauses])
        spans, pos = [], 0
        for i, (part, pause) in enumerate(zip(pcms, pauses, strict=True)):
            end = pos + (len(lead) if i == 0 else 0) + len(part) + len(silence(pause))
            spans.append((pos, end))
            pos = end
        # loudness normalisation scales and limits sample by sample: the length is kept
        return normalise_loudness(pcm, self.settings.loudness_lufs), engine, spans

    def check_words(self, script: ScriptWriter, label: str) -> None:
        words = script.unknown_words()
        if words:
            self.ctx.warn(M.UNKNOWN_WORDS.format(label=label, words=", ".join(words),
                                                 example=words[0]))

    def check_chars(self, script: ScriptWriter, label: str, file: Path | None) -> None:
        """Warn about every character the normaliser removed (nothing reads it), naming
        the file and the line where the editor wrote it."""
        try:
            lines = file.read_text("utf-8").splitlines() if file else []
        except OSError:
            lines = []
        seen = set()
        for ch, source in script.removed:
            if ch in seen:
                continue
            seen.add(ch)
            line = next((i for i, ln in enumerate(lines, 1) if ch in ln and source[:10] in ln),
                        None) or next((i for i, ln in enumerate(lines, 1) if ch in ln), 0)
            self.ctx.warn(M.UNREADABLE_CHAR.format(label=label, file=file or "-",
                                                   line=line or "?", char=ch,
                                                   code=f"U+{ord(ch):04X}" if len(ch) == 1
                                                   else M.TEMPLATE_TEXT))

    def write_mp3(self, tmp: Path, rel: str, frames: bytes, tags: Tags,
                  chapters: list[Chapter] | None = None) -> None:
        path = tmp / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(frames)
        write_tags(path, tags, chapters)

    def tags(self, title: str, track: str, description: str = "", engine: str = "",
             album: str | None = None) -> Tags:
        return Tags(title=title, album=album or self.album, publisher=self.ctx.site.publisher,
                    track=track, date=self.issue.date.isoformat(), cover_jpeg=self.cover(),
                    description=description, narrator=voice_credit(engine))

    # -- parts -------------------------------------------------------------------
    def part(self, key: str, rel: str, script: ScriptWriter, label: str, title: str,
             track: str, description: str = "",
             extra: dict[str, Any] | None = None) -> tuple[dict[str, Any], str]:
        """One cached MP3 (contents, an article or the survey) with its transcript beside
        it; returns its unit data and input digest."""
        inputs = {**self.common, "script": _script_digest(script), "title": title,
                  "track": track, "description": description, **(extra or {})}

        def produce(tmp: Path) -> dict[str, Any]:
            audio, engine = self.speak(script, label)
            frames = encode_mp3_limited(audio, self.settings.bitrate)
            self.write_mp3(tmp, rel, frames, self.tags(title, track, description, engine))
            (tmp / transcript_path(rel)).write_text(transcript(script), "utf-8")
            return {"duration": seconds(frame_samples(frames)), "engine": engine}

        data = self.ctx.unit(f"{self.issue.id}/{key}", inputs, produce)
        return data, digest(inputs)

    def render(self) -> Outputs:
        issue, ctx, s = self.issue, self.ctx, self.settings
        out = Outputs()
        contents = contents_script(issue, ctx.site.title, ctx.site.publisher, s, self.lexicon,
                                   ctx.drafts)
        self.check_words(contents, M.CONTENTS_NOTE.rstrip("."))
        self.check_chars(contents, M.CONTENTS_NOTE.rstrip("."), issue.file)
        # (MP3, chapter title, article slug) in playing order
        parts: list[tuple[str, str, str | None]] = []
        digests = []
        rel = paths.audio_contents(issue.id)
        closing = self.feedback_script()
        if closing is not None:  # the label is the editors' text (site.yaml)
            self.check_words(closing, M.FEEDBACK_TITLE)
            self.check_chars(closing, M.FEEDBACK_TITLE, ctx.site.path)
        # Track numbers follow the playlist (contents first, the survey last), "n/total" as
        # players expect; excluded articles leave no gaps.
        total = len(issue.articles) + 1 + (closing is not None)
        contents_title = f"{issue.label} {M.CONTENTS_TITLE}"
        data, d = self.part("00-contents", rel, contents, "차례", contents_title,
                            f"1/{total}", M.CONTENTS_DESCRIPTION.format(album=self.album))
        parts.append((rel, M.CONTENTS_TITLE, None))
        digests.append(d)
        playlist = [(data["duration"], contents_title, rel)]
        engines = {data["engine"]}
        for track, a in enumerate(issue.articles, 2):
            script = article_script(a, s, self.lexicon, ctx.drafts)
            self.check_words(script, a.title)
            self.check_chars(script, a.title, a.file)
            rel = paths.audio_article(issue.id, a, track - 1)  # numbered without gaps
            data, d = self.part(a.slug, rel, script, a.title, a.title, f"{track}/{total}",
                                a.summary)
            parts.append((rel, a.title, a.slug))
            digests.append(d)
            engines.add(data["engine"])
            playlist.append((data["duration"], a.title, rel))
            out.article(a.slug).update({"mp3": rel, "duration": data["duration"],
                                        "transcript": transcript_path(rel)})
        if closing is not None:
            rel = paths.audio_feedback(issue.id, total - 1)
            title = f"{issue.label} {M.FEEDBACK_TITLE}"
            data, d = self.part("zz-feedback", rel, closing, M.FEEDBACK_TITLE, title,
                                f"{total}/{total}",
                                M.FEEDBACK_DESCRIPTION.format(album=self.album),
                                extra={"feedback": self.feedback_inputs()})
            parts.append((rel, M.FEEDBACK_TITLE, None))
            digests.append(d)
            engines.add(data["engine"])
            playlist.append((data["duration"], title, rel))
            out.issue["audio_feedback"] = rel
        whole = self.whole(parts, digests, sorted(engines))
        out.issue.update({
            "mp3": paths.audio_issue(issue.id),
            "m3u": paths.audio_playlist(issue.id),
            "audio_contents": paths.audio_contents(issue.id),
            "transcript": transcript_path(paths.audio_issue(issue.id)),
            "transcript_contents": transcript_path(paths.audio_contents(issue.id)),
            "chapters": whole["chapters"],
            "chapters_json": whole["chapters_json"],
            "duration": whole["duration"],
            "audio_title": self.whole_album,
            "audio_engines": sorted(engines),
        })
        self.write_playlist(playlist)
        return out

    def feedback_script(self, by_sentence: bool = False) -> ScriptWriter | None:
        """The closing part on the residents' survey; None when site.yaml has no
        `feedback:`. It says where the survey is in the editions this build makes.
        The talking books end with it too (`by_sentence`)."""
        site, ctx = self.ctx.site, self.ctx
        if site.feedback is None:
            return None
        return feedback_script(site.feedback, site.contact, site.publisher, self.settings,
                               self.lexicon, web=ctx.has_format("web"),
                               printed=ctx.has_format("print"), by_sentence=by_sentence)

    def feedback_inputs(self) -> list[Any]:
        """What the survey part is made from besides its script (for cache keys)."""
        fb = self.ctx.site.feedback
        return [fb.url, fb.label] if fb else []

    @property
    def whole_album(self) -> str:
        return M.WHOLE_ALBUM.format(album=self.album)

    def whole(self, parts: list[tuple[str, str, str | None]], digests: list[str],
              engines: list[str]) -> dict[str, Any]:
        """The whole issue in one MP3: the parts' frames joined, one chapter per part (the
        contents first, at 0 s), its transcript, and the chapters as a JSON chapters file
        (Podcasting 2.0) for podcast apps."""
        rel = paths.audio_issue(self.issue.id)
        json_rel = rel[:-4] + ".chapters.json"

        def produce(tmp: Path) -> dict[str, Any]:
            frames: list[bytes] = []
            chapters: list[dict[str, Any]] = []
            texts: list[str] = []
            pos = 0
            for part_rel, title, slug in parts:
                data = strip_id3((self.ctx.out / part_rel).read_bytes())
                n = frame_samples(data)
                chapters.append({"title": title, "slug": slug,
                                 "start": seconds(pos), "end": seconds(pos + n)})
                texts.append((self.ctx.out / transcript_path(part_rel)).read_text("utf-8"))
                frames.append(data)
                pos += n
            marks = [Chapter(f"ch{i:02d}", c["title"], round(c["start"] * 1000),
                             round(c["end"] * 1000)) for i, c in enumerate(chapters, 1)]
            articles = [c["title"] for c in chapters if c["slug"]]
            description = M.WHOLE_DESCRIPTION.format(
                album=self.album, n=len(articles), titles=", ".join(articles))
            self.write_mp3(tmp, rel, b"".join(frames),
                           self.tags(self.whole_album, "1/1", description,
                                     "+".join(engines), album=self.whole_album), marks)
            (tmp / transcript_path(rel)).write_text("\n".join(texts), "utf-8")
            (tmp / json_rel).write_text(json.dumps(
                {"version": "1.2.0", "title": self.whole_album,
                 "chapters": [{"startTime": c["start"], "endTime": c["end"],
                               "title": c["title"]} for c in chapters]},
                ensure_ascii=False, indent=1), "utf-8")
            return {"chapters": chapters, "duration": seconds(pos), "chapters_json": json_rel}

        inputs = {**self.common, "parts": digests, "engines": engines, "v": 2}
        return self.ctx.unit(f"{self.issue.id}/whole", inputs, produce)

    def write_playlist(self, items: list[tuple[float, str, str]]) -> None:
        """Extended M3U in UTF-8: Korean titles numbered in playing order, no gaps."""
        base = f"audio/{self.issue.id}/"
        lines = ["#EXTM3U", f"#PLAYLIST:{self.album}", f"#EXTALB:{self.album}",
                 f"#EXTART:{self.ctx.site.publisher}"]
        for n, (duration, title, rel) in enumerate(items, 1):
            lines.append(f"#EXTINF:{round(duration)},{self.ctx.site.title} - {n:02d}. {title}")
            lines.append(rel[len(base):] if rel.startswith(base) else rel)
        self.ctx.write_text(paths.audio_playlist(self.issue.id), "\n".join(lines) + "\n")


def transcript_path(mp3_rel: str) -> str:
    """The transcript beside an MP3: 01-wifi.mp3 -> 01-wifi.txt."""
    return mp3_rel[:-4] + ".txt"


def transcript(script: ScriptWriter) -> str:
    """Exactly what the voice says, one spoken segment a line."""
    return "".join(seg.text + "\n" for seg in script.segments)


def voice_credit(engine: str) -> str:
    names = [M.VOICE_NAMES.get(e, e) for e in engine.split("+") if e]
    return M.VOICE_CREDIT.format(voices=", ".join(names)) if names else ""


IssueAudio = _IssueAudio  # for the talking book, which speaks the same way


class AudioEdition(Edition):
    name = "audio"
    title = "오디오북"
    outputs = {
        "mp3": OutputSpec("이번 호 전체 듣기(MP3)", "기사별 장(챕터) 포함", link=True,
                          article_label="기사 음성(MP3)"),
        "m3u": OutputSpec("기사별 재생 목록(M3U8)", link=True),
        "audio_contents": OutputSpec("차례 음성"),
        "transcript": OutputSpec("음성 대본", "음성이 읽는 글 그대로(텍스트)"),
        "transcript_contents": OutputSpec("차례 음성 대본"),
        "chapters_json": OutputSpec("장(챕터) 목록(JSON)"),
        "audio_feedback": OutputSpec("독자 의견 조사 안내 음성", "이번 호 오디오북의 마지막 장"),
        "podcast": OutputSpec("팟캐스트 피드", "팟캐스트 앱에서 구독", link=True, download=False),
    }
    settings_model = AudioSettings

    def render(self, issue: Issue, ctx: RenderContext) -> Outputs:
        return _IssueAudio(issue, ctx, load_settings(ctx.site)).render()

    def render_site(self, issues: list[Issue], ctx: RenderContext) -> Outputs | None:
        """The podcast feed over every issue's audio (after all issues are rendered)."""
        from .podcast import write_feed

        out = Outputs()
        feed = write_feed(issues, ctx)
        if feed:
            out.issue["podcast"] = feed
        return out


