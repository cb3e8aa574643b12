"""Regenerate tests/bad_inputs/good from tests/fixtures/mini: .venv/bin/python tests/bad_inputs/make_good.py"""
import shutil
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from greenpub.config import load_site_config
from greenpub.content.reader import ContentReader
from greenpub.review_store import ApprovedStore

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests/fixtures/mini"
GOOD = ROOT / "tests/bad_inputs/good"
W = "2021-03/01-wifi.md"
OLD_HASH = "v2-b9279e7a7c69"  # 01-wifi.md as approved in the mini fixture

def fresh(name):
    d = GOOD / name
    if d.exists():
        shutil.rmtree(d)
    shutil.copytree(MINI, d)
    return d

def texts(d):
    return [p for p in sorted(d.rglob("*")) if p.suffix in (".md", ".yaml")]

def rehash(path):
    content = path.parent.parent
    article = ContentReader(content, load_site_config(content)).read_article(path)
    h = article.hash
    ApprovedStore(content).save(article.canonical)  # re-approved: the store keeps the version
    raw = path.read_bytes()
    path.write_bytes(raw.replace(OLD_HASH.encode(), h.encode()))
    return h

# BOM on every text file
d = fresh("bom")
for p in texts(d):
    p.write_bytes(b"\xef\xbb\xbf" + p.read_bytes())
# CRLF line ends on every text file
d = fresh("crlf")
for p in texts(d):
    p.write_bytes(p.read_bytes().replace(b"\n", b"\r\n"))
# NFD Hangul (as macOS tools save it) on every text file
d = fresh("nfd")
for p in texts(d):
    p.write_text(unicodedata.normalize("NFD", p.read_text("utf-8")), "utf-8")
# all three at once, as one Windows-to-Mac round trip might leave it
d = fresh("bom-crlf-nfd")
for p in texts(d):
    text = unicodedata.normalize("NFD", p.read_text("utf-8")).replace("\n", "\r\n")
    p.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
# raw HTML that must be sanitised with a warning; template syntax stays literal
d = fresh("sanitise")
p = d / W
body_extra = """
<script>alert("script")</script>

<iframe src="https://example.org/embed"></iframe>

<style>body { background: url("javascript:alert('css')") }</style>

<p style="width: expression(alert('style'))">스타일 식이 들어간 문단</p>

<p><img src="images/wifi.png" alt="와이파이 그림" onerror="alert('onerror')"></p>

[자바스크립트 링크](javascript:alert('md'))

<a href="javascript:alert('raw')">원시 자바스크립트 링크</a>

<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">데이터 주소 링크</a>

템플릿 문법은 글자 그대로 나와야 합니다: {{ 7*7 }} 그리고 {% if true %}참{% endif %}
"""
p.write_text(p.read_text("utf-8") + body_extra, "utf-8")
print("sanitise hash", rehash(p))
