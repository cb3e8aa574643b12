"""Card-news video: each article's slide series as a narrated MP4, plus an issue highlight.

Per article: the card news slides (drawn by the cards edition's own code, so they are
the same pixels as its PNGs), each on screen while its text is spoken with the
audiobook's voice, speech normaliser and TTS cache, crossfaded; loudness -16 LUFS and
true peak under -1 dBTP; MP4 (H.264 yuv420p + AAC, faststart) at 1080x1350 for feeds
and 1080x1920 for Shorts/Reels (the slide on the theme's background), Korean WebVTT
captions that are also a soft mov_text track in the MP4, and a poster frame. The issue
highlight (at most 90 s) shows each published article's cover while its title is said.

Each article is one cache unit (slides, narration, settings, code) and one of
`parts()`, so `--jobs` encodes articles in parallel and a warm rebuild encodes nothing.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from PIL import Image

from ... import paths
from ...cache import digest, tree_digest
from ...content.model import Article, Issue
from ...errors import ConfigError, RenderError
from ...lazy import lazy_import
from ..audio.engines import SAMPLE_RATE, TTS_OPTIONS, Narrator, TtsCache, make_engine
from ..audio.normalise import merged_lexicon, normalize
from ..audio.settings import load_settings as load_audio_settings
from ..base import Edition, Outputs, OutputSpec, RenderContext
from ..cards import RENDERER, SlideEnv, article_specs, plan_article, theme_file
from ..cards.render import SlideSpec, paint_slide
from ..cards.series import CardSettings
from ..cards.theme import Theme, load_theme
from . import encode
from . import messages as M
from .settings import VideoSettings, load_settings
from .timeline import plan, soundtrack, webvtt

if TYPE_CHECKING:
    import numpy as np
else:
    np = lazy_import("numpy")

__all__ = ["VideoEdition"]

HIGHLIGHT = "_highlight"  # the issue highlight's part and file name (no slug starts with _)
VERTICAL = (1080, 1920)
LOGO_SIZE = 132


def _code_digest() -> str:
    """This package and the cards package: a change to either redraws or re-encodes."""
    here = Path(__file__).parent
    return digest(tree_digest(here), tree_digest(here.parent / "cards"), RENDERER)


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if not text or text[-1] in ".?!…。" else text + "."


class VideoEdition(Edition):
    name = "video"
    title = "카드뉴스 동영상"
    # manifest key -> Korean label (per article; the issue's `video` is the highlight)
    outputs = {"video": OutputSpec("카드뉴스 동영상"),
               "video_vertical": OutputSpec("세로 동영상"), "captions": OutputSpec("자막"),
               "video_poster": OutputSpec("동영상 표지"),
               "video_duration": OutputSpec("동영상 길이"),
               "video_transcript": OutputSpec("동영상 대본")}
    needs = ("cards", "audio")  # their theme, voice and caches
    settings_model = VideoSettings
    default = False  # minutes of encoding per issue on 2 cores: built when asked for
    part_titles: ClassVar[dict[str, str]] = {HIGHLIGHT: "주요 소식"}

    def parts(self, issue: Issue) -> tuple[str, ...]:
        return (*(a.slug for a in issue.articles), HIGHLIGHT)

    def render(self, issue: Issue, ctx: RenderContext) -> Outputs:
        return _IssueVideo(issue, ctx).render()


class _IssueVideo:
    def __init__(self, issue: Issue, ctx: RenderContext):
        self.issue, self.ctx = issue, ctx
        site = ctx.site
        self.settings = load_settings(site)
        self.audio = load_audio_settings(site)
        self.cards = CardSettings.from_site(site)
        self.theme = load_theme(ctx.layouts("cards"), theme_file(site))
        if self.settings.background not in self.theme.colors:
            raise ConfigError(M.SETTINGS_COLOR.format(value=self.settings.background,
                                                      known=", ".join(self.theme.colors)),
                              site.path)
        if ctx.options.tts not in TTS_OPTIONS:
            raise RenderError(f"--tts {ctx.options.tts}")
        self.lexicon = merged_lexicon(site.lexicon)
        self.engine = make_engine(ctx.options.tts, self.audio)
        for counter in ("tts_calls", "tts_cache_hits"):
            ctx.counters[counter] += 0
        self.narrator = Narrator(self.engine, TtsCache(ctx.cache.folder("tts")), ctx.counters,
                                 ctx.warn)
        self.env = SlideEnv.of(ctx)
        self.common = {
            "theme": ctx.layout_digest("cards"), "fonts": self.theme.font_digest,
            "settings": ctx.settings_digest("cards", "video"), "video": self.settings.dict(),
            "voice": self.engine.identity(), "tts": ctx.options.tts,
            "loudness": self.audio.loudness_lufs, "code": _code_digest(),
        }

    # -- what is said ------------------------------------------------------------
    def caption(self, spec: SlideSpec, article: Article) -> str:
        """What a slide's narration says (and its caption shows)."""
        v = spec.values
        if spec.kind in ("cover", "cover_photo"):
            text = M.COVER.format(section=v["section"], title=article.title)
            text += f" {_sentence(article.subtitle)}" if article.subtitle else ""
            # with --drafts the video says so, as the slides (badge) and the audiobook do
            return f"{M.DRAFT} {text}" if self.ctx.drafts else text
        if spec.kind in ("closing", "closing_feedback"):
            verb = M.CLOSING_LISTEN if v["listen"] else M.CLOSING_READ
            return M.CLOSING.format(site=self.ctx.site.title, verb=verb)
        return str(v["text"])

    def spoken(self, text: str) -> str:
        return normalize(_sentence(text), self.lexicon)

    # -- rendering ---------------------------------------------------------------
    def render(self) -> Outputs:
        out = Outputs()
        for article in self.issue.articles:
            if self.ctx.part in ("", article.slug):
                self.article(article, out)
        if self.ctx.part in ("", HIGHLIGHT) and self.issue.articles:
            self.highlight(out)
        return out

    def article(self, article: Article, out: Outputs) -> None:
        specs = article_specs(article, self.issue, self.env, self.cards)
        captions = [self.caption(s, article) for s in specs]
        speech = [self.spoken(c) for c in captions]
        inputs = {**self.common, "slides": [(s.kind, s.values, s.focus) for s in specs],
                  "pictures": [_picture_digest(article, s) for s in specs],
                  "captions": captions, "speech": speech}

        def produce(tmp: Path) -> dict[str, Any]:
            pcms, engine = self.narrator.narrate(speech, article.title)
            return self.encode(tmp, article.slug, article.title, specs, captions, pcms,
                               [article] * len(specs), engine)

        data = self.ctx.unit(f"{self.issue.id}/{article.slug}", inputs, produce)
        self.entry(out.article(article.slug), article.slug, data)
        self.ctx.counters["video.seconds"] += round(data["duration"])

    def highlight(self, out: Outputs) -> None:
        """Each article's cover while its title is said, as many as fit the limit."""
        issue = self.issue
        covers = [(a, article_specs(a, issue, self.env, self.cards)[0]) for a in issue.articles]
        captions = [a.title for a, _ in covers]
        speech = [self.spoken(c) for c in captions]
        inputs = {**self.common, "slides": [(s.kind, s.values, s.focus) for _, s in covers],
                  "pictures": [_picture_digest(a, s) for a, s in covers],
                  "captions": captions, "speech": speech}
        title = M.VIDEO_TITLE.format(site=self.ctx.site.title, label=issue.label)

        def produce(tmp: Path) -> dict[str, Any]:
            pcms, engine = self.narrator.narrate(speech, title)
            s = self.settings
            keep: list[Any] = []
            used = 0.0
            for k, pcm in enumerate(pcms):
                need = (s.lead_ms + s.tail_ms) / 1000 + len(pcm) / SAMPLE_RATE + 1 / s.fps
                if keep and used + need > s.highlight_max_s:
                    break  # (the first cover always stays: a title is never 90 s long)
                keep.append(k)
                used += need
            data = self.encode(tmp, HIGHLIGHT, title, [covers[k][1] for k in keep],
                               [captions[k] for k in keep], [pcms[k] for k in keep],
                               [covers[k][0] for k in keep], engine)
            data["left_out"] = [captions[k] for k in range(len(pcms)) if k not in keep]
            return data

        data = self.ctx.unit(f"{issue.id}/{HIGHLIGHT}", inputs, produce)
        if data["left_out"]:
            self.ctx.warn(M.HIGHLIGHT_TOO_LONG.format(
                label=issue.label, limit=self.settings.highlight_max_s,
                n=len(data["left_out"]), titles=", ".join(data["left_out"])))
        self.entry(out.issue, HIGHLIGHT, data)

    def entry(self, entry: dict[str, Any], slug: str, data: dict[str, Any]) -> None:
        iid = self.issue.id
        entry["video"] = paths.video(iid, slug)
        if self.settings.vertical:
            entry["video_vertical"] = paths.video_vertical(iid, slug)
        entry["captions"] = paths.video_captions(iid, slug)
        entry["video_poster"] = paths.video_poster(iid, slug)
        entry["video_duration"] = data["duration"]
        entry["video_transcript"] = [c[2] for c in data["cues"]]

    def encode(self, tmp: Path, slug: str, title: str, specs: list[SlideSpec],
               captions: list[str], pcms: list[np.ndarray], owners: list[Article],
               engine: str) -> dict[str, Any]:
        s, iid = self.settings, self.issue.id
        timeline = plan(pcms, s.fps, s.lead_ms, s.tail_ms)
        audio = encode.master(soundtrack(pcms, timeline), self.audio.loudness_lufs,
                              s.true_peak_db)
        vtt = webvtt(captions, timeline)
        for rel in (paths.video(iid, slug), paths.video_captions(iid, slug)):
            (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp / paths.video_captions(iid, slug)).write_text(vtt, "utf-8")
        label = owners[0].title if len(set(map(id, owners))) == 1 else title
        with tempfile.TemporaryDirectory(prefix="greenpub-video-") as work_dir:
            work = Path(work_dir)
            wav, vtt_path = work / "narration.wav", work / "captions.vtt"
            encode.write_wav(wav, audio)
            vtt_path.write_text(vtt, "utf-8")
            images = [self.slide(spec, owner, n)
                      for n, (spec, owner) in enumerate(zip(specs, owners, strict=True), 1)]
            m = encode.fade_frames(s.fps, s.fade_ms, timeline.durations)
            sizes = [("", images, paths.video(iid, slug))]
            if s.vertical:
                sizes.append(("v-", [vertical_frame(self.theme, im, s) for im in images],
                              paths.video_vertical(iid, slug)))
            for prefix, pictures, rel in sizes:
                stills: list[Path] = []
                fades: list[list[Path]] = []
                for k, img in enumerate(pictures):
                    # PPM: frames for ffmpeg only, written and read without compression
                    stills.append(work / f"{prefix}slide-{k:02d}.ppm")
                    img.save(stills[-1])
                    if k:
                        fades.append([])
                        for j, frame in enumerate(encode.crossfade(pictures[k - 1], img, m)):
                            fades[-1].append(work / f"{prefix}fade-{k:02d}-{j:02d}.ppm")
                            frame.save(fades[-1][-1])
                script = work / f"{prefix}slides.ffconcat"
                script.write_text(encode.concat_list(stills, fades, m, timeline, s.fps), "utf-8")
                encode.run(encode.command(script, wav, vtt_path, tmp / rel, timeline, s, title),
                           label)
            images[0].save(tmp / paths.video_poster(iid, slug), "JPEG", quality=88)
        cues = [[start, end, text] for start, end, text
                in zip(timeline.starts, timeline.ends(), captions)]
        return {"duration": timeline.total, "cues": cues, "engine": engine,
                "narration": [round(len(p) / SAMPLE_RATE, 3) for p in pcms]}

    def slide(self, spec: SlideSpec, article: Article, n: int) -> Image.Image:
        plan_ = plan_article(self.theme, spec, article, n, self.ctx.drafts)
        return paint_slide(self.theme, plan_)


def vertical_frame(theme: Theme, slide: Image.Image, s: VideoSettings) -> Image.Image:
    """A 1080x1920 frame: the slide in the middle of the theme's background, the logo
    above it."""
    frame = Image.new("RGB", VERTICAL, theme.colors[s.background])
    top = (VERTICAL[1] - slide.height) // 2
    frame.paste(slide, ((VERTICAL[0] - slide.width) // 2, top))
    logo = theme.logo.copy()
    logo.thumbnail((LOGO_SIZE, LOGO_SIZE), Image.Resampling.LANCZOS)
    frame.paste(logo, ((VERTICAL[0] - logo.width) // 2, (top - logo.height) // 2), logo)
    return frame


def _picture_digest(article: Article, spec: SlideSpec) -> str | None:
    if spec.cover is None:
        return None
    return next((i.digest for i in (*article.images, *(c for c in article.card_images if c))
                 if i.path == spec.cover), str(spec.cover))
