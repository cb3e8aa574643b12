"""The audiobook edition: files, chapters, tags, loudness, pauses, gate, drafts, cache,
and the whole thing through the CLI. Real espeak-ng, lameenc, mutagen, pyloudnorm;
MP3s are decoded back with ffmpeg as a listener's player would."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import subprocess
from pathlib import Path

import lxml.etree
import numpy as np
import pytest
from conftest import MINI, ROOT, run_cli
from mutagen.id3 import ID3
from mutagen.mp3 import MP3

from greenpub.cache import BuildCache
from greenpub.config import Feedback, SiteConfig
from greenpub.content.model import Issue
from greenpub.content.reader import read_content
from greenpub.editions.audio import AudioEdition
from greenpub.editions.audio import messages as M
from greenpub.editions.audio.encode import loudness, pause_lengths, quiet_frames
from greenpub.editions.audio.engines import SAMPLE_RATE, decode_mp3
from greenpub.editions.audio.script import article_script, contents_script
from greenpub.editions.audio.settings import AudioSettings, load_settings
from greenpub.editions.base import BuildOptions, EditionResult, RenderContext, run_edition
from greenpub.errors import ConfigError
from greenpub.review import decide


def _gated(drafts: bool = False) -> tuple[SiteConfig, Issue]:
    cfg, issues = read_content(MINI)
    issue = issues[0]
    articles = []
    for a in issue.articles:
        if decide(a, cfg).publishable:
            articles.append(a)
        elif drafts:
            articles.append(dataclasses.replace(a, draft=True))
    return cfg, dataclasses.replace(issue, articles=articles)


def _render(cfg: SiteConfig, issue: Issue, out: Path, cache: Path,
            **options: object) -> EditionResult:
    ctx = RenderContext(site=cfg, out=out, project=ROOT, options=BuildOptions(**options),
                        cache=BuildCache(cache))
    return run_edition(AudioEdition(), issue, ctx)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Issue, EditionResult]:
    tmp = tmp_path_factory.mktemp("audio")
    cfg, issue = _gated()
    result = _render(cfg, issue, tmp / "out", tmp / "cache")
    return tmp, issue, result


def _pcm(path: Path) -> np.ndarray:
    return decode_mp3(path.read_bytes()).astype(np.float64) / 32768


def test_outputs_follow_the_manifest_contract(built) -> None:
    tmp, issue, result = built
    out = tmp / "out"
    o = result.outputs
    assert o.issue["mp3"] == "audio/2021-03/green-seogu-2021-03.mp3"
    assert o.issue["m3u"] == "audio/2021-03/green-seogu-2021-03.m3u8"
    assert o.issue["audio_contents"] == "audio/2021-03/00-contents.mp3"
    assert set(o.articles) == {"wifi", "survey"}
    assert o.articles["wifi"]["mp3"] == "audio/2021-03/01-wifi.mp3"
    for rel in [o.issue["mp3"], o.issue["m3u"], o.issue["audio_contents"],
                *(a["mp3"] for a in o.articles.values())]:
        assert (out / rel).is_file(), rel
    playlist = (out / o.issue["m3u"]).read_text("utf-8").splitlines()
    assert playlist[0] == "#EXTM3U"
    assert [ln for ln in playlist if not ln.startswith("#")] == [
        "00-contents.mp3", "01-wifi.mp3", "02-survey.mp3"]
    # Korean titles, numbered in playing order without gaps
    assert [ln.split(",", 1)[1] for ln in playlist if ln.startswith("#EXTINF")] == [
        "Green 서구 - 01. 제301호 (2021년 3월) 차례", f"Green 서구 - 02. {issue.articles[0].title}",
        f"Green 서구 - 03. {issue.articles[1].title}"]
    assert all(abs(MP3(out / a["mp3"]).info.length - a["duration"]) < 0.1
               for a in o.articles.values())


def test_excluded_article_is_absent(built) -> None:
    tmp, _, result = built
    files = sorted(p.name for p in (tmp / "out" / "audio" / "2021-03").iterdir())
    assert not any("pending" in f for f in files)
    assert "pending" not in result.outputs.articles
    assert all(c["slug"] != "pending" for c in result.outputs.issue["chapters"])


def test_chapters_read_back_with_mutagen(built) -> None:
    tmp, issue, result = built
    path = tmp / "out" / result.outputs.issue["mp3"]
    tags = ID3(path)
    duration_ms = MP3(path).info.length * 1000
    chaps = sorted(tags.getall("CHAP"), key=lambda c: c.start_time)
    assert len(chaps) == len(issue.articles) + 1 == 3  # the contents, then each article
    assert [c.sub_frames["TIT2"].text[0] for c in chaps] == ["차례"] + [
        a.title for a in issue.articles]
    (toc,) = tags.getall("CTOC")
    assert toc.child_element_ids == [c.element_id for c in chaps]
    starts = [c.start_time for c in chaps]
    assert starts[0] == 0 and starts[1] > 5000  # the contents chapter starts the file
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    for c, nxt in zip(chaps, chaps[1:]):
        assert c.start_time < c.end_time == nxt.start_time
    assert chaps[-1].end_time <= duration_ms + 1
    # the manifest's chapter list says the same, in seconds
    assert [round(c["start"] * 1000) for c in result.outputs.issue["chapters"]] == starts
    # each chapter begins where the article's own MP3 begins: the section announcement
    whole = _pcm(path)
    art = _pcm(tmp / "out" / result.outputs.articles["survey"]["mp3"])
    at = round(chaps[2].start_time / 1000 * SAMPLE_RATE)
    n = SAMPLE_RATE * 2
    # CHAP times are whole milliseconds: look within one millisecond (22 samples)
    best = max(np.corrcoef(whole[at + k:at + k + n], art[:n])[0, 1] for k in range(-22, 23))
    assert best > 0.99


def test_tags(built) -> None:
    tmp, issue, result = built
    out = tmp / "out"
    album = "Green 서구 제301호 (2021년 3월)"
    whole = f"{album} 전체 듣기"
    for rel, title, track, talb in [
        # the whole issue is clearly the whole: its own album, the only track of it
        (result.outputs.issue["mp3"], whole, "1/1", whole),
        (result.outputs.issue["audio_contents"], "제301호 (2021년 3월) 차례", "1/3", album),
        (result.outputs.articles["wifi"]["mp3"], issue.articles[0].title, "2/3", album),
        (result.outputs.articles["survey"]["mp3"], issue.articles[1].title, "3/3", album),
    ]:
        tags = ID3(out / rel)
        assert tags.version == (2, 4, 0)
        assert tags["TIT2"].text == [title]
        assert tags["TALB"].text == [talb]
        # a description and a credit for the synthetic voice
        (comm,) = tags.getall("COMM")
        assert comm.lang == "kor" and "컴퓨터 합성 음성(espeak-ng 한국어)" in comm.text[0]
        assert tags["TXXX:NARRATOR"].text[0].startswith("이 음성은 사람이 아닌")
        assert tags["TPE1"].text == ["인천광역시 서구"]
        assert tags["TRCK"].text == [track]
        assert str(tags["TDRC"].text[0]) == "2021-03-02"
        assert tags["TLAN"].text == ["kor"]
        (apic,) = tags.getall("APIC")
        assert apic.mime == "image/jpeg" and apic.type == 3 and apic.data[:2] == b"\xff\xd8"


def _ffmpeg_ebur128(path: Path) -> tuple[float, float]:
    """(integrated loudness LUFS, true peak dBTP) as ffmpeg's EBU R128 meter reports them."""
    err = subprocess.run(["ffmpeg", "-hide_banner", "-nostats", "-i", str(path), "-af",
                          "ebur128=peak=true", "-f", "null", "-"],
                         capture_output=True, text=True, check=True).stderr
    summary = err[err.rindex("Summary:"):]
    lufs = float(summary.split("I:")[1].split("LUFS")[0])
    peak = float(summary.split("Peak:")[1].split("dBFS")[0])
    return lufs, peak


def test_true_peak_is_under_minus_one_dbtp_after_encoding(built) -> None:
    tmp, _, result = built
    o = result.outputs
    for rel in [o.issue["mp3"], o.issue["audio_contents"], *(a["mp3"] for a in
                                                             o.articles.values())]:
        lufs, peak = _ffmpeg_ebur128(tmp / "out" / rel)
        assert peak <= -1.0, (rel, peak)
        assert abs(lufs - (-16.0)) <= 1.0, (rel, lufs)


def test_transcripts_are_what_the_voice_says(built) -> None:
    tmp, issue, result = built
    out = tmp / "out"
    o = result.outputs
    cfg, _ = _gated()
    wifi = o.articles["wifi"]
    assert wifi["transcript"] == "audio/2021-03/01-wifi.txt"
    script = article_script(issue.articles[0], AudioSettings(), cfg.lexicon, False)
    text = (out / wifi["transcript"]).read_text("utf-8")
    assert text.splitlines() == [s.text for s in script.segments]
    assert o.issue["transcript"] == "audio/2021-03/green-seogu-2021-03.txt"
    whole = (out / o.issue["transcript"]).read_text("utf-8")
    parts = [(out / o.issue["transcript_contents"]).read_text("utf-8")] + [
        (out / a["transcript"]).read_text("utf-8") for a in o.articles.values()]
    assert whole == "\n".join(parts)
    assert not re.search(r"[^가-힣 .,?!:;\n]", whole)  # only what a voice can say
    chapters = json.loads((out / o.issue["chapters_json"]).read_text("utf-8"))
    assert chapters["version"] == "1.2.0"
    assert [c["title"] for c in chapters["chapters"]] == ["차례"] + [
        a.title for a in issue.articles]
    assert chapters["chapters"][0]["startTime"] == 0


SURVEY = Feedback("https://www.seo.incheon.kr/green/survey", "소식지 독자 의견 조사에 참여해 주세요")


def _chapter_titles(path: Path) -> list[str]:
    return [c.sub_frames["TIT2"].text[0]
            for c in sorted(ID3(path).getall("CHAP"), key=lambda c: c.start_time)]


def test_feedback_survey_is_the_last_chapter_and_said_in_words(built, tmp_path: Path) -> None:
    """site.yaml feedback: the issue's audiobook ends with a chapter on the survey: where
    to find it and the office's phone, never its address spelled out; the articles'
    voices come from the cache; a new label re-renders only that part and the whole.
    Real espeak-ng; chapters read back with mutagen."""
    tmp, issue, plain = built
    cfg, _ = _gated()
    cfg = dataclasses.replace(cfg, feedback=SURVEY)
    shutil.copytree(tmp / "cache", tmp_path / "cache")  # the module's voices, left as they are
    result = _render(cfg, issue, tmp_path / "fb", tmp_path / "cache")
    o, out = result.outputs.issue, tmp_path / "fb"
    closing = (out / "audio/2021-03/03-feedback.txt").read_text("utf-8")
    # one more track: every part's track tag (n/total) changes, but only the survey is
    # spoken (the other voices come from the TTS cache)
    assert result.counters["tts_calls"] == len(closing.splitlines())
    assert o["audio_feedback"] == "audio/2021-03/03-feedback.mp3"
    titles = _chapter_titles(out / o["mp3"])
    assert titles == ["차례", *(a.title for a in issue.articles), "독자 의견 조사"]
    assert "독자 의견 조사" not in _chapter_titles(tmp / "out" / plain.outputs.issue["mp3"])
    assert [c["title"] for c in o["chapters"]][-1] == "독자 의견 조사"
    assert abs(o["chapters"][-1]["end"] - MP3(out / o["mp3"]).info.length) < 0.1
    lines = (out / o["transcript"]).read_text("utf-8").splitlines()
    assert lines[-len(closing.splitlines()):] == closing.splitlines()
    assert closing.startswith("독자 의견 조사 안내.\n")
    assert "링크 이름: 소식지 독자 의견 조사에 참여해 주세요." in closing
    assert "뒤표지의 큐알 코드" in closing  # the print edition is built too
    assert "홍보정책담당관, 공삼이, 오육공에 사일일사" in closing  # contact: in site.yaml
    assert not re.search(r"[^가-힣 .,?!:;\n]", closing)  # no address, only Hangul
    playlist = (out / o["m3u"]).read_text("utf-8").splitlines()
    assert playlist[-1] == "03-feedback.mp3" and playlist[-2].endswith("04. 제301호 (2021년 3월) 독자 의견 조사")
    assert ID3(out / o["audio_feedback"])["TRCK"].text[0] == "4/4"
    # a new label: that part and the whole again, nothing else
    cfg = dataclasses.replace(cfg, feedback=Feedback(SURVEY.url, "독자 설문"))
    again = _render(cfg, issue, tmp_path / "fb2", tmp_path / "cache", formats=("audio",))
    assert again.cache.misses == 2 and again.cache.hits == 3
    closing = (tmp_path / "fb2/audio/2021-03/03-feedback.txt").read_text("utf-8")
    # without the web and print editions: the site the survey is on, by name
    assert "큐알" not in closing and "링크" not in closing
    assert "독자 설문. 설문은 에스이오 점 인천 점 케이알 누리집에 있습니다." in closing


def test_mp3_is_mono_speech_at_the_loudness_target(built) -> None:
    tmp, _, result = built
    for rel in [result.outputs.issue["mp3"], result.outputs.articles["wifi"]["mp3"]]:
        info = MP3(tmp / "out" / rel).info
        assert info.channels == 1 and info.sample_rate == SAMPLE_RATE and info.bitrate == 64000
        audio = _pcm(tmp / "out" / rel)
        assert abs(loudness(audio) - (-16.0)) <= 1.0
        assert np.abs(audio).max() < 1.0  # not clipped


def test_listening_has_pauses_between_sections(built) -> None:
    """Decode an article as a listener's player would: speech with short pauses."""
    tmp, _, result = built
    audio = _pcm(tmp / "out" / result.outputs.articles["wifi"]["mp3"])
    pauses = pause_lengths(audio)
    runs = pause_lengths(audio, min_ms=0)
    quiet = quiet_frames(audio)
    assert len(pauses) >= 8  # title, author, figure, paragraphs, list items, table rows
    assert max(pauses) >= AudioSettings().heading_pause_ms - 100
    assert np.mean(~quiet) > 0.6  # mostly speech, not silence
    assert runs[-1] >= AudioSettings().article_pause_ms - 100  # a breath before the next


def test_warm_rebuild_calls_no_voice_and_encodes_nothing(built) -> None:
    tmp, issue, first = built
    assert first.counters["tts_calls"] > 10
    before = {p: p.read_bytes() for p in (tmp / "out" / "audio").rglob("*.mp3")}
    cfg, _ = _gated()
    again = _render(cfg, issue, tmp / "out2", tmp / "cache")
    assert again.counters["tts_calls"] == 0
    assert again.cache.misses == 0 and again.cache.hits == 4  # contents, 2 articles, whole
    for path, data in before.items():
        assert (tmp / "out2" / path.relative_to(tmp / "out")).read_bytes() == data


def test_one_changed_article_reuses_the_other_voices(built, tmp_path: Path) -> None:
    tmp, issue, _ = built
    cfg, _ = _gated()
    wifi, survey = issue.articles
    edited = dataclasses.replace(survey, title="설문에 꼭 참여해 주세요", hash="changed")
    result = _render(cfg, dataclasses.replace(issue, articles=[wifi, edited]), tmp_path / "out",
                     tmp / "cache")
    # the title is said twice (contents and article); everything else is cached
    assert result.counters["tts_calls"] == 2
    built_units = {r.unit for r in result.cache.records if r.status == "built"}
    assert built_units == {"2021-03/00-contents", "2021-03/survey", "2021-03/whole"}


def test_drafts_say_so_first(tmp_path: Path) -> None:
    cfg, issue = _gated(drafts=True)
    settings, lexicon = AudioSettings(), cfg.lexicon
    assert [a.slug for a in issue.articles] == ["wifi", "survey", "pending"]
    contents = contents_script(issue, cfg.title, cfg.publisher, settings, lexicon, True)
    assert contents.segments[0].text.startswith("검토용 음성입니다")
    for a in issue.articles:
        segments = article_script(a, settings, lexicon, True).segments
        assert segments[0].text.startswith("검토용 음성입니다")
        assert (segments[1].text == M.DRAFT_ARTICLE) == a.draft
    normal = article_script(issue.articles[0], settings, lexicon, False).segments
    assert not normal[0].text.startswith("검토용")
    result = _render(cfg, issue, tmp_path / "out", tmp_path / "cache", drafts=True)
    assert "pending" in result.outputs.articles
    assert len(result.outputs.issue["chapters"]) == 4  # contents + 3 articles


def test_script_reads_structure_aloud() -> None:
    cfg, issue = _gated()
    wifi = article_script(issue.articles[0], AudioSettings(), cfg.lexicon, False)
    texts = [s.text for s in wifi.segments]
    assert texts[0] == "구정 소식 기사입니다."
    assert texts[1] == "구청 민원실에서 무료 와이파이를 쓰세요."
    assert "글, 홍보정책담당관." in texts
    assert any(t.startswith("사진 설명: 스마트폰 화면에") for t in texts)
    assert "소제목, 이용 방법." in texts  # headings: a short cue
    # list item, then its footnote right after the list
    item = texts.index("직원: 최초 일 회 인증.")
    assert texts[item + 1] == "각주, 스마트폰을 바꾸면 다시 인증합니다."
    # the table: its shape, then each row with its column headers
    assert "두 줄, 두 칸으로 되어 있습니다." in texts
    assert "첫째 줄. 구분, 공공와이파이. 서비스 구역, 본청 일층 민원봉사실." in texts
    assert texts[-1] == "기사를 마칩니다."
    contents = contents_script(issue, cfg.title, cfg.publisher, AudioSettings(), cfg.lexicon,
                               False)
    ctexts = [s.text for s in contents.segments]
    assert ctexts[:4] == ["그린 서구, 제삼백일호.", "이천이십일년 삼월 이일 발행, 인천광역시 서구.",
                          "이번 호 제목은 봄을 여는 서구 소식입니다.",
                          "이번 호에는 기사 두 편이 실려 있습니다."]
    assert "첫째, 구정 소식, 구청 민원실에서 무료 와이파이를 쓰세요." in ctexts


def test_bad_audio_settings_are_config_errors() -> None:
    cfg, _ = _gated()
    for bad, words in [({"speed": 1000}, "audio.speed"), ({"bitrate": 65}, "audio.bitrate"),
                       ({"voice": "ko; rm"}, "audio.voice"), ({"colour": 1}, "'audio.colour'"),
                       ({"gtts_slow": "yes"}, "audio.gtts_slow")]:
        with pytest.raises(ConfigError) as err:
            cfg.with_section("audio", bad)
        assert words in err.value.message and err.value.file == str(cfg.path)
    ok = cfg.with_section("audio", {"speed": 140, "pause_ms": 800})
    assert load_settings(ok).speed == 140


def test_cli_build_reports_tts_calls_then_none(tmp_path: Path) -> None:
    args = ["build", "--content", str(MINI), "--out", str(tmp_path / "out"), "--cache",
            str(tmp_path / "cache"), "--formats", "audio", "-q"]
    r = run_cli(*args)
    assert r.code == 0, r.err
    report = json.loads((tmp_path / "out" / "build-report.json").read_text("utf-8"))
    assert report["counters"]["tts_calls"] > 10
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text("utf-8"))
    (issue,) = manifest["issues"]
    assert issue["outputs"]["mp3"] == "audio/2021-03/green-seogu-2021-03.mp3"
    assert [c["slug"] for c in issue["outputs"]["chapters"]] == [None, "wifi", "survey"]
    wifi = next(a for a in issue["articles"] if a["slug"] == "wifi")
    assert wifi["outputs"]["mp3"] == "audio/2021-03/01-wifi.mp3"
    r = run_cli(*args)
    assert r.code == 0, r.err
    report = json.loads((tmp_path / "out" / "build-report.json").read_text("utf-8"))
    assert report["counters"]["tts_calls"] == 0
    out = subprocess.run(["ffprobe", "-v", "error", "-show_chapters", "-of", "json",
                          str(tmp_path / "out" / issue["outputs"]["mp3"])],
                         capture_output=True, text=True, check=True).stdout
    _check_podcast(tmp_path / "out", manifest)
    chapters = json.loads(out)["chapters"]
    assert [c["tags"]["title"] for c in chapters] == [
        "차례", "구청 민원실에서 무료 와이파이를 쓰세요", "소식지 구독 방법 설문에 참여해 주세요"]
    assert float(chapters[0]["start_time"]) == 0


def _check_podcast(out: Path, manifest: dict) -> None:
    """The RSS 2.0 podcast feed: an enclosure for every article MP3 and the whole issue,
    podcast tags, chapters (Podlove Simple Chapters and a JSON chapters file)."""
    ns = {"itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
          "podcast": "https://podcastindex.org/namespace/1.0",
          "psc": "http://podlove.org/simple-chapters"}
    assert manifest["outputs"]["podcast"] == "audio/podcast.xml"
    rss = lxml.etree.parse(str(out / manifest["outputs"]["podcast"])).getroot()
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    ch = rss.find("channel")
    assert ch.findtext("language") == "ko"
    assert ch.findtext("title") == "Green 서구 오디오북"
    assert ch.findtext("itunes:author", namespaces=ns) == "인천광역시 서구"
    assert ch.findtext("itunes:explicit", namespaces=ns) == "no"
    image = ch.find("itunes:image", ns).get("href")
    base = "https://news.seo.incheon.kr/green/"
    assert image.startswith(base)
    from PIL import Image
    with Image.open(out / image[len(base):]) as im:
        assert im.size == (1400, 1400)
    (issue,) = manifest["issues"]
    items = ch.findall("item")
    published = [a for a in issue["articles"] if a["status"] == "published"]
    expected = [issue["outputs"]["mp3"]] + [a["outputs"]["mp3"] for a in published]
    enclosures = [i.find("enclosure") for i in items]
    assert [e.get("url") for e in enclosures] == [base + rel for rel in expected]
    for e, rel in zip(enclosures, expected):
        assert e.get("type") == "audio/mpeg"
        assert int(e.get("length")) == (out / rel).stat().st_size
    for item in items:
        assert int(item.findtext("itunes:duration", namespaces=ns)) > 0
        assert item.findtext("itunes:explicit", namespaces=ns) == "no"
        assert item.find("podcast:transcript", ns).get("type") == "text/plain"
        assert item.findtext("guid") and item.findtext("pubDate")
    whole = items[0]
    starts = [c.get("start") for c in whole.findall("psc:chapters/psc:chapter", ns)]
    titles = [c.get("title") for c in whole.findall("psc:chapters/psc:chapter", ns)]
    assert starts[0] == "00:00:00.000" and len(starts) == len(published) + 1
    assert titles == ["차례"] + [a["title"] for a in published]
    chapters_url = whole.find("podcast:chapters", ns).get("url")
    assert chapters_url == base + issue["outputs"]["chapters_json"]


def test_unreadable_characters_are_warned_with_file_and_line(mini: Path, tmp_path: Path) -> None:
    from greenpub.editions.audio import _IssueAudio

    art = mini / "2021-03" / "01-wifi.md"
    art.write_text(art.read_text("utf-8") + "\n축제에 오세요♥ 계산 {{ 7*7 }} 끝\n", "utf-8")
    line = len(art.read_text("utf-8").splitlines())
    cfg, issues = read_content(mini)
    wifi = next(a for a in issues[0].articles if a.slug == "wifi")
    ctx = RenderContext(site=cfg, out=tmp_path / "out", project=ROOT, options=BuildOptions(),
                        cache=BuildCache(tmp_path / "cache"))
    script = article_script(wifi, AudioSettings(), cfg.lexicon, False)
    _IssueAudio(issues[0], ctx, AudioSettings()).check_chars(script, wifi.title, wifi.file)
    heart = [w for w in ctx.warnings if "'♥'" in w]
    assert len(heart) == 1 and f"{line}번째 줄" in heart[0] and "01-wifi.md" in heart[0]
    assert wifi.title in heart[0] and "U+2665" in heart[0]
    assert any("{{ 7*7 }}" in w and "틀 문법" in w for w in ctx.warnings)
    spoken = " ".join(s.text for s in script.segments)
    assert "축제에 오세요 계산 끝." in spoken and "칠칠" not in spoken


def test_true_peak_sees_the_peaks_between_samples() -> None:
    from greenpub.editions.audio.encode import true_peak_db

    t = np.arange(SAMPLE_RATE)
    # a tone at a quarter of the sample rate, sampled 45 degrees off its crests
    x = 0.5 * np.sin(2 * np.pi * t / 4 + np.pi / 4)
    assert abs(20 * np.log10(np.abs(x).max()) - (-9.03)) < 0.05  # sample peak
    assert abs(true_peak_db(x) - (-6.02)) < 0.3  # true peak
    assert true_peak_db(np.zeros(100)) == float("-inf")
