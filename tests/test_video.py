"""Card-news video edition: real espeak-ng narration, real ffmpeg encodes, read back with
ffprobe/ffmpeg (codecs, duration, loudness, captions, slide timing, pixels)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from conftest import MINI, build_sample
from PIL import Image

ISSUE = "2021-03"
FAST = "video:\n  preset: ultrafast\n  fps: 10\n"
SURVEY = "https://survey.example.kr/green"  # site.yaml feedback: on the closing slide
# Two short card sentences keep the narration (and the test) short.
SHORT_CARD = "card:\n  - 민원실에서 무료로 씁니다.\n  - 인증은 필요 없습니다.\nreview:"


def probe(path: Path) -> dict:
    out = subprocess.run(["ffprobe", "-v", "error", "-show_streams", "-show_format", "-of",
                          "json", str(path)], capture_output=True, check=True, text=True)
    return json.loads(out.stdout)


def frame_at(path: Path, t: float, size: tuple[int, int]) -> np.ndarray:
    raw = subprocess.run(["ffmpeg", "-v", "error", "-ss", f"{t:.3f}", "-i", str(path),
                          "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"],
                         capture_output=True, check=True).stdout
    return np.frombuffer(raw, np.uint8).reshape(size[1], size[0], 3)


def psnr(a: np.ndarray, b: np.ndarray) -> float:
    mse = np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2)
    return float("inf") if mse == 0 else 10 * np.log10(255 ** 2 / mse)


def cues(vtt: str) -> list[tuple[float, float, str]]:
    def sec(t: str) -> float:
        h, m, s = t.split(":")
        return int(h) * 3600 + int(m) * 60 + float(s)

    out = []
    for block in vtt.strip().split("\n\n")[1:]:
        lines = block.splitlines()
        start, end = lines[1].split(" --> ")
        out.append((sec(start), sec(end), "\n".join(lines[2:])))
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("video")
    content = tmp / "content"
    shutil.copytree(MINI, content)
    (content / "2021-03" / "02-survey.md").unlink()  # one published article is enough
    (content / "site.yaml").write_text((content / "site.yaml").read_text("utf-8") + FAST
                                       + f"feedback:\n  url: {SURVEY}\n", "utf-8")
    wifi = content / "2021-03" / "01-wifi.md"
    wifi.write_text(wifi.read_text("utf-8").replace("review:", SHORT_CARD, 1), "utf-8")
    from greenpub.review import approve

    for checkpoint in ("desk", "committee", "final"):  # the changed cards are approved again
        approve(wifi, content, checkpoint, "편집위원회")
    return build_sample(tmp, "cards,video,web", content=content)


def test_mp4_streams_duration_and_faststart(built: Path):
    for rel, size in ((f"video/{ISSUE}/wifi.mp4", (1080, 1350)),
                      (f"video/{ISSUE}/wifi-vertical.mp4", (1080, 1920))):
        info = probe(built / rel)
        kinds = {s["codec_type"]: s for s in info["streams"]}
        v, a, s = kinds["video"], kinds["audio"], kinds["subtitle"]
        assert (v["codec_name"], v["pix_fmt"], v["width"], v["height"]) == ("h264", "yuv420p",
                                                                            *size)
        assert a["codec_name"] == "aac" and s["codec_name"] == "mov_text"
        assert s["tags"]["language"] == "kor"
        duration = float(info["format"]["duration"])
        assert abs(float(v["duration"]) - float(a["duration"])) < 0.5
        # the narration: where the decoded soundtrack last rises above silence
        pcm = np.frombuffer(subprocess.run(
            ["ffmpeg", "-v", "error", "-i", str(built / rel), "-f", "s16le", "-ac", "1",
             "-ar", "8000", "pipe:1"], capture_output=True, check=True).stdout, "<i2")
        loud = np.flatnonzero(np.abs(pcm) > 300)
        last_word = loud[-1] / 8000
        assert 0 < duration - last_word < 0.6 + 0.5  # tail_ms (0.6 s) + 0.5 s
        data = (built / rel).read_bytes()
        assert data.find(b"moov") < data.find(b"mdat")  # faststart: index first


def test_loudness_and_true_peak(built: Path):
    err = subprocess.run(["ffmpeg", "-nostats", "-i", str(built / f"video/{ISSUE}/wifi.mp4"),
                          "-map", "0:a", "-af", "ebur128=peak=true", "-f", "null", "-"],
                         capture_output=True, text=True, check=True).stderr
    summary = err[err.rindex("Summary:"):]
    integrated = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary)[1])
    peak = float(re.search(r"Peak:\s+(-?[\d.]+) dBFS", summary)[1])
    assert abs(integrated - -16.0) <= 1.0, integrated
    assert peak <= -1.0, peak


def test_caption_cues_follow_the_slide_changes(built: Path):
    """Which slide is on screen, frame by frame (decoded at 20 fps, matched to the cards
    edition's PNGs), changes when the captions say (±0.2 s)."""
    video = built / f"video/{ISSUE}/wifi.mp4"
    slides = sorted((built / f"cards/{ISSUE}/wifi").glob("0*.png"))
    small = [np.asarray(Image.open(p).convert("RGB").resize((54, 68), Image.Resampling.BOX),
                        np.float64) for p in slides]
    raw = subprocess.run(["ffmpeg", "-v", "error", "-i", str(video), "-vf",
                          "fps=20,scale=54:68:flags=area", "-f", "rawvideo", "-pix_fmt",
                          "rgb24", "pipe:1"], capture_output=True, check=True).stdout
    frames = np.frombuffer(raw, np.uint8).reshape(-1, 68, 54, 3).astype(np.float64)
    shown = [int(np.argmin([np.mean((f - s) ** 2) for s in small])) for f in frames]
    changes = [i / 20 for i in range(1, len(shown)) if shown[i] != shown[i - 1]]
    assert shown[0] == 0 and shown[-1] == len(slides) - 1
    vtt = cues((built / f"video/{ISSUE}/wifi.ko.vtt").read_text("utf-8"))
    assert len(vtt) == len(slides) == len(changes) + 1
    for (start, _, _), change in zip(vtt[1:], changes):
        assert abs(start - change) <= 0.2, (start, change)
    assert "민원실에서 무료로 씁니다." in vtt[1][2]
    assert vtt[-1][1] == pytest.approx(float(probe(video)["format"]["duration"]), abs=0.2)


def test_frame_at_each_slide_midpoint_is_the_slide(built: Path):
    vtt = cues((built / f"video/{ISSUE}/wifi.ko.vtt").read_text("utf-8"))
    slides = sorted((built / f"cards/{ISSUE}/wifi").glob("0*.png"))
    for (start, end, _), png in zip(vtt, slides):
        want = np.asarray(Image.open(png).convert("RGB"))
        feed = frame_at(built / f"video/{ISSUE}/wifi.mp4", (start + end) / 2, (1080, 1350))
        assert psnr(feed, want) >= 35, png.name
        tall = frame_at(built / f"video/{ISSUE}/wifi-vertical.mp4", (start + end) / 2,
                        (1080, 1920))
        assert psnr(tall[285:285 + 1350], want) >= 35, png.name


def test_closing_slide_shows_the_survey_qr_code_readable_in_the_video(built: Path,
                                                                     tmp_path: Path):
    vtt = cues((built / f"video/{ISSUE}/wifi.ko.vtt").read_text("utf-8"))
    start, end, text = vtt[-1]
    assert "웹 소식지" in text  # the closing slide's narration
    frame = tmp_path / "closing.png"
    subprocess.run(["ffmpeg", "-v", "error", "-ss", f"{(start + end) / 2:.3f}", "-i",
                    str(built / f"video/{ISSUE}/wifi.mp4"), "-frames:v", "1", str(frame)],
                   check=True)
    read = subprocess.run(["zbarimg", "-q", "--raw", str(frame)], capture_output=True,
                          text=True).stdout.split()
    assert sorted(read) == sorted([SURVEY, "https://news.seo.incheon.kr/green/2021-03/wifi/"])


def test_manifest_web_page_and_exclusions(built: Path):
    manifest = json.loads((built / "manifest.json").read_text("utf-8"))
    issue = manifest["issues"][0]
    arts = {a["slug"]: a for a in issue["articles"]}
    o = arts["wifi"]["outputs"]
    assert o["video"] == f"video/{ISSUE}/wifi.mp4"
    assert o["video_vertical"] == f"video/{ISSUE}/wifi-vertical.mp4"
    assert o["captions"] == f"video/{ISSUE}/wifi.ko.vtt"
    assert (built / o["video_poster"]).read_bytes()[:2] == b"\xff\xd8"
    # the excluded article gets no video
    assert "video" not in arts["pending"]["outputs"]
    assert not list((built / "video").rglob("pending*"))
    # the issue highlight: the covers with their titles, at most 90 s
    hl = issue["outputs"]["video"]
    assert float(probe(built / hl)["format"]["duration"]) <= 90
    assert "무료 와이파이" in (built / issue["outputs"]["captions"]).read_text("utf-8")
    page = (built / f"{ISSUE}/wifi/index.html").read_text("utf-8")
    assert '<track kind="captions" src="../../video/2021-03/wifi.ko.vtt" srclang="ko"' in page
    assert "인증은 필요 없습니다." in page.split('class="transcript"')[1]


def test_warm_rebuild_encodes_nothing(built: Path):
    tmp = built.parent
    before = (built / f"video/{ISSUE}/wifi.mp4").read_bytes()
    # a file saved again unchanged: the build runs (no no-op shortcut), every unit is cached
    site = tmp / "content" / "site.yaml"
    site.write_text(site.read_text("utf-8"), "utf-8")
    out = build_sample(tmp, "cards,video,web", content=tmp / "content")
    report = json.loads((out / "build-report.json").read_text("utf-8"))
    assert report["cache"]["misses"] == 0, report["rebuilt"]
    assert not [r for r in report["rebuilt"] if r["edition"] == "video"]
    assert report["counters"]["tts_calls"] == 0 and report["counters"]["video.seconds"] > 0
    assert (out / f"video/{ISSUE}/wifi.mp4").read_bytes() == before


def test_timeline_cues_and_soundtrack_line_up():
    from greenpub.editions.audio.engines import SAMPLE_RATE
    from greenpub.editions.video.timeline import plan, soundtrack, webvtt

    speech = [np.full(SAMPLE_RATE, 1000, np.int16), np.full(SAMPLE_RATE // 2, 1000, np.int16)]
    t = plan(speech, fps=25, lead_ms=400, tail_ms=600)
    assert t.durations == (2.0, 1.52)  # 0.4 + 1.0 + 0.6; 0.4 + 0.5 + 0.6 rounded up to frames
    track = soundtrack(speech, t)
    assert len(track) == round(3.52 * SAMPLE_RATE)
    loud = np.flatnonzero(track)
    assert loud[0] == round(0.4 * SAMPLE_RATE)  # the first words after the lead
    assert np.flatnonzero(track[round(2.0 * SAMPLE_RATE):])[0] == round(0.4 * SAMPLE_RATE)
    vtt = cues(webvtt(["첫 장", "둘째 장 --> 끝"], t))
    assert vtt == [(0.0, 2.0, "첫 장"), (2.0, 3.52, "둘째 장 → 끝")]


def test_video_is_opt_in_and_settings_are_checked(mini: Path):
    from conftest import run_cli

    from greenpub.pipeline import parse_formats

    assert "video" not in parse_formats(None) and parse_formats("video") == ("video",)
    (mini / "site.yaml").write_text((mini / "site.yaml").read_text("utf-8")
                                    + "video:\n  preset: turbo\n", "utf-8")
    r = run_cli("build", "--content", str(mini), "--out", str(mini.parent / "out"),
                "--formats", "video", "-q")
    assert r.code == 2 and "Traceback" not in r.err
    assert "site.yaml" in r.err and "video.preset" in r.err and "ultrafast" in r.err
    assert not (mini.parent / "out").exists()  # nothing half-written


def test_highlight_keeps_to_its_time_limit(tmp_path: Path):
    import dataclasses

    from conftest import ROOT

    from greenpub.cache import BuildCache
    from greenpub.content.reader import read_content
    from greenpub.editions.base import BuildOptions, RenderContext, run_edition
    from greenpub.editions.video import HIGHLIGHT, VideoEdition

    cfg, issues = read_content(MINI)
    video = {"preset": "ultrafast", "fps": 5, "vertical": False, "lead_ms": 3000,
             "tail_ms": 3000, "highlight_max_s": 12}
    cfg = cfg.with_section("video", video)
    issue = dataclasses.replace(issues[0], articles=issues[0].articles[:2])
    ctx = RenderContext(site=cfg, out=tmp_path / "out", project=ROOT,  # type: ignore[arg-type]
                        options=BuildOptions(formats=("video",)),
                        cache=BuildCache(tmp_path / "cache"))
    result = run_edition(VideoEdition(), issue, ctx, part=HIGHLIGHT)
    out = result.outputs.issue
    assert not result.outputs.articles  # only the highlight part was rendered
    duration = float(probe(tmp_path / "out" / out["video"])["format"]["duration"])
    assert 6 < duration <= 12
    assert out["video_transcript"] == [issue.articles[0].title]
    assert any("12초" in w and issue.articles[1].title in w for w in result.warnings)
