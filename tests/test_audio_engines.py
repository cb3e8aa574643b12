"""TTS engines: espeak-ng for real, and the real gTTS client against a local stand-in
server on 127.0.0.1 that answers gTTS's batchexecute request format (only the URL
is redirected, so gTTS builds, sends and parses its requests itself)."""

from __future__ import annotations

import base64
import json
import threading
import urllib.parse
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import gtts.tts
import lameenc
import numpy as np
import pytest

from greenpub.editions.audio.engines import (
    SAMPLE_RATE,
    AutoEngine,
    EspeakEngine,
    GttsEngine,
    Narrator,
    TtsCache,
    TtsUnavailable,
)
from greenpub.errors import RenderError


def _tone_mp3(seconds: float = 0.6) -> bytes:
    """What Google answers with: a 24 kHz mono MP3 (here a 440 Hz tone)."""
    t = np.arange(int(24000 * seconds)) / 24000
    pcm = (0.3 * np.sin(2 * np.pi * 440 * t) * 32767).astype("<i2")
    enc = lameenc.Encoder()
    enc.set_bit_rate(32)
    enc.set_in_sample_rate(24000)
    enc.set_channels(1)
    return bytes(enc.encode(pcm.tobytes()) + enc.flush())


class StandIn:
    """Answers POST /_/TranslateWebserverUi/data/batchexecute like translate.google.com.

    `plan` is a list of HTTP statuses to answer in turn (then 200 for ever);
    `texts` records what gTTS asked to speak."""

    def __init__(self) -> None:
        self.plan: list[int] = []
        self.texts: list[str] = []
        self.paths: list[str] = []
        self.mp3 = _tone_mp3()
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                body = self.rfile.read(int(self.headers["Content-Length"])).decode()
                stand_in.paths.append(self.path)
                freq = urllib.parse.parse_qs(body)["f.req"][0]
                rpc = json.loads(freq)[0][0]
                assert rpc[0] == "jQ1olc"
                stand_in.texts.append(json.loads(rpc[1])[0])
                status = stand_in.plan.pop(0) if stand_in.plan else 200
                if status != 200:
                    self.send_response(status)
                    self.end_headers()
                    return
                b64 = base64.b64encode(stand_in.mp3).decode()
                payload = ")]}'\n\n" + json.dumps(
                    [["wrb.fr", "jQ1olc", json.dumps([b64]), None, None, None, "generic"]],
                    separators=(",", ":"))
                data = payload.encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever,
                                       kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def stand_in(monkeypatch: pytest.MonkeyPatch) -> Iterator[StandIn]:
    server = StandIn()
    monkeypatch.setattr(gtts.tts, "_translate_url",
                        lambda tld="com", path="": f"http://127.0.0.1:{server.port}/{path}")
    yield server
    server.close()


def _gtts(sleeps: list[float]) -> GttsEngine:
    return GttsEngine(timeout=5, retries=3, backoff=0.01, sleep=sleeps.append)


def test_espeak_speaks_korean() -> None:
    pcm = EspeakEngine().synthesize("구민 여러분, 안녕하십니까.")
    assert pcm.dtype == np.int16
    assert 0.8 < len(pcm) / SAMPLE_RATE < 5
    assert np.abs(pcm).max() > 3000


def test_gtts_success(stand_in: StandIn) -> None:
    sleeps: list[float] = []
    pcm = _gtts(sleeps).synthesize("와이파이를 켭니다.")
    assert stand_in.texts == ["와이파이를 켭니다."]
    assert stand_in.paths == ["/_/TranslateWebserverUi/data/batchexecute"]
    # the decoded tone: 0.6 s resampled to SAMPLE_RATE, at its level
    assert abs(len(pcm) / SAMPLE_RATE - 0.6) < 0.1
    assert 0.25 < np.abs(pcm).max() / 32768 < 0.35
    assert sleeps == []


def test_gtts_retries_429_with_backoff(stand_in: StandIn) -> None:
    stand_in.plan = [429, 503]
    sleeps: list[float] = []
    engine = _gtts(sleeps)
    pcm = engine.synthesize("다시 해 봅니다.")
    assert len(pcm) > 0
    assert engine.requests == 3
    assert sleeps == [0.01, 0.02]  # exponential backoff


def test_gtts_outage_gives_korean_reason(stand_in: StandIn) -> None:
    stand_in.plan = [503] * 10
    sleeps: list[float] = []
    with pytest.raises(TtsUnavailable) as err:
        _gtts(sleeps).synthesize("안 됩니다.")
    assert "HTTP 503" in err.value.reason and "4번 시도" in err.value.reason
    assert sleeps == [0.01, 0.02, 0.04]


def test_gtts_client_error_is_not_retried(stand_in: StandIn) -> None:
    stand_in.plan = [403]
    sleeps: list[float] = []
    with pytest.raises(TtsUnavailable):
        _gtts(sleeps).synthesize("거절")
    assert sleeps == [] and len(stand_in.texts) == 1


def test_auto_falls_back_per_article_with_warning(stand_in: StandIn, tmp_path) -> None:
    sleeps: list[float] = []
    gtts_engine = _gtts(sleeps)
    espeak = EspeakEngine()
    counters: Counter[str] = Counter()
    warnings: list[str] = []
    narrator = Narrator(AutoEngine(gtts_engine, espeak), TtsCache(tmp_path / "tts"), counters,
                        warnings.append)
    # first article: the network works
    pcms, used = narrator.narrate(["첫 기사입니다.", "둘째 문단."], "첫 기사")
    assert used == "gtts" and len(pcms) == 2 and warnings == []
    # second article: an outage in the middle -> the whole article in espeak-ng's voice
    stand_in.plan = [200] + [503] * 10
    pcms, used = narrator.narrate(["둘째 기사입니다.", "끊깁니다."], "둘째 기사")
    assert used == "espeak"
    assert len(warnings) == 1 and "둘째 기사" in warnings[0] and "espeak-ng" in warnings[0]
    assert all(len(p) > SAMPLE_RATE // 4 for p in pcms)
    # third article: gTTS is known to be down; no more waiting on it
    asked = len(stand_in.texts)
    _, used = narrator.narrate(["셋째 기사입니다."], "셋째 기사")
    assert used == "espeak" and len(stand_in.texts) == asked and len(warnings) == 2
    assert counters["tts_fallbacks"] == 2


def test_auto_falls_back_when_nothing_listens(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setattr(gtts.tts, "_translate_url",
                        lambda tld="com", path="": f"http://127.0.0.1:9/{path}")  # discard port
    warnings: list[str] = []
    narrator = Narrator(AutoEngine(_gtts([]), EspeakEngine()), TtsCache(tmp_path), Counter(),
                        warnings.append)
    _, used = narrator.narrate(["연결이 안 됩니다."], "기사")
    assert used == "espeak" and "연결하지 못했습니다" in warnings[0]


def test_gtts_only_outage_is_a_korean_render_error(stand_in: StandIn, tmp_path) -> None:
    stand_in.plan = [500] * 10
    narrator = Narrator(_gtts([]), TtsCache(tmp_path), Counter(), lambda m: None)
    with pytest.raises(RenderError) as err:
        narrator.narrate(["안 됩니다."], "기사")
    assert "--tts espeak" in err.value.message


def test_cache_serves_repeats_and_separates_engines(stand_in: StandIn, tmp_path) -> None:
    counters: Counter[str] = Counter()
    cache = TtsCache(tmp_path)
    espeak = Narrator(EspeakEngine(), cache, counters, lambda m: None)
    first, _ = espeak.narrate(["같은 문장입니다."], "a")
    again, _ = espeak.narrate(["같은 문장입니다."], "a")
    assert counters == Counter(tts_calls=1, tts_cache_hits=1)
    assert np.array_equal(first[0], again[0])
    # another voice setting or engine is another entry
    Narrator(EspeakEngine(speed=200), cache, counters, lambda m: None).narrate(
        ["같은 문장입니다."], "a")
    Narrator(_gtts([]), cache, counters, lambda m: None).narrate(["같은 문장입니다."], "a")
    assert counters["tts_calls"] == 3 and len(stand_in.texts) == 1
