"""Slides and narration on one clock: when each slide shows, when its words are spoken.

Slide k is on screen from `starts[k]` to `starts[k + 1]`; the crossfade between two
slides is centred on that change, and slide k's narration starts `lead` seconds after
it (so it is never spoken under the previous slide). Every duration is a whole number
of video frames, so cues, crossfades and frames agree exactly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...lazy import lazy_import
from ..audio.engines import SAMPLE_RATE

if TYPE_CHECKING:
    import numpy as np
else:
    np = lazy_import("numpy")


@dataclass(frozen=True)
class Timeline:
    durations: tuple[float, ...]  # seconds each slide is on screen (whole frames)
    fps: int
    lead: float  # seconds of silence before each narration

    @property
    def starts(self) -> tuple[float, ...]:
        out, t = [], 0.0
        for d in self.durations:
            out.append(round(t, 6))
            t += d
        return tuple(out)

    @property
    def total(self) -> float:
        return round(sum(self.durations), 6)

    def ends(self) -> tuple[float, ...]:
        return self.starts[1:] + (self.total,)


def plan(speech: list[np.ndarray], fps: int, lead_ms: int, tail_ms: int) -> Timeline:
    """One slide per narration: lead + speech + tail, rounded up to whole frames."""
    durations = []
    for pcm in speech:
        seconds = (lead_ms + tail_ms) / 1000 + len(pcm) / SAMPLE_RATE
        durations.append(math.ceil(seconds * fps - 1e-9) / fps)
    return Timeline(tuple(durations), fps, lead_ms / 1000)


def soundtrack(speech: list[np.ndarray], timeline: Timeline) -> np.ndarray:
    """int16 PCM as long as the video: each narration at its slide's start + lead."""
    total = round(timeline.total * SAMPLE_RATE)
    out = np.zeros(total, dtype=np.int16)
    for pcm, start in zip(speech, timeline.starts, strict=True):
        at = round((start + timeline.lead) * SAMPLE_RATE)
        out[at:at + len(pcm)] = pcm[:max(0, total - at)]
    return out


def vtt_time(seconds: float) -> str:
    from ..audio.encode import timestamp

    return timestamp(seconds)


def webvtt(texts: list[str], timeline: Timeline) -> str:
    """WebVTT captions: one cue per slide, from its change to the next change."""
    lines = ["WEBVTT", ""]
    for n, (text, start, end) in enumerate(zip(texts, timeline.starts, timeline.ends()), 1):
        body = "\n".join(ln.strip() for ln in text.replace("-->", "→").splitlines()
                         if ln.strip())
        lines += [str(n), f"{vtt_time(start)} --> {vtt_time(end)}", body, ""]
    return "\n".join(lines)
