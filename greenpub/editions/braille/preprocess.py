"""Print text -> the text the transcriber (symbols.py) reads, the same for every engine.

`normalize(text, changes)`: NFC; every kind of space (NBSP, tab, ideographic
space) to one space; invisible characters removed; look-alike characters folded to
the one the Korean braille standard names (ㆍ and ・ are the 가운뎃점 ·, 【】 are
대괄호, — is the 줄표 ―, °C is ℃); straight quotes to the curly pairs the standard
distinguishes; ☎ and ₩, which the standard has no cell for, spelled out (전화,
...원); 한자 read in Hangul (the `hanja` dictionary), a 한자 gloss after the same
word in Hangul (서구(西區)) left out; decorative ornaments (★, ▶ ...) left out.

Every change is appended to `changes` as a `Change` (what the print had, what the
braille reads), so the cross-check report lists each one for the transcriber.
Symbols themselves are not touched here: symbols.py writes them from the table.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
_MULTISPACE = re.compile(r" {2,}")

# Look-alikes folded to the character the standard prescribes a cell for.
_FOLD = str.maketrans({
    "\u318d": "\u00b7",  # ㆍ HANGUL LETTER ARAEA, typed as a middle dot in Korean documents
    "\u30fb": "\u00b7",  # ・ KATAKANA MIDDLE DOT
    "\uff65": "\u00b7",  # ･ HALFWIDTH KATAKANA MIDDLE DOT
    "\u2027": "\u00b7",  # ‧ HYPHENATION POINT
    "\u2219": "\u00b7",  # ∙ BULLET OPERATOR
    "\u22c5": "\u00b7",  # ⋅ DOT OPERATOR
    "\u301c": "~",  # 〜 WAVE DASH
    "\u223c": "~",  # ∼ TILDE OPERATOR
    "\u3010": "[", "\u3011": "]",  # 【】 are not in the standard: 대괄호
    "\u3016": "[", "\u3017": "]",  # 〖〗
    "\u3014": "(", "\u3015": ")",  # 〔〕 거북 괄호: 소괄호
    "\uff62": "\u300c", "\uff63": "\u300d",  # halfwidth corner brackets
    "\u2010": "-", "\u2011": "-", "\u2012": "-",  # hyphens
    "\u2013": "-",  # – EN DASH: the 붙임표 (a spaced one keeps its blanks)
    "\u2014": "\u2015",  # — EM DASH: the 줄표 ― of the standard
    "\u2025": "\u2026",  # ‥ TWO DOT LEADER: 줄임표
    "\u25e6": "\u2022",  # ◦ WHITE BULLET: the bullet
    "\u2212": "\u2212",  # MINUS SIGN stays (the standard has ⠔ for it)
})

# Symbols with no cell in the standard, spelled out.
_ALWAYS_SPELLED = {
    "\u260e": "전화",  # ☎
    "\u260f": "전화",  # ☏
    "\u2121": "전화",  # ℡
    "\U0001f4de": "전화",  # 📞
}
# Unit signs set as one character: written as the print reads them, Latin letters
# for the metric units (the roman section of 제28항), squares and cubes spelled out
# (the standard's cells for superscripts belong to its mathematics part).
_UNITS = {"㎞": "km", "㎏": "kg", "㎎": "mg", "㎝": "cm", "㎜": "mm", "㎖": "mL", "㎘": "kL",
          "ℓ": "L", "㎍": "마이크로그램", "μg": "마이크로그램", "µg": "마이크로그램",
          "㎾": "kW", "㎿": "MW", "㎐": "Hz", "㎈": "cal", "㎉": "kcal",
          "㎡": "제곱미터", "㎢": "제곱킬로미터", "㎠": "제곱센티미터", "㎥": "세제곱미터",
          "m²": "제곱미터", "km²": "제곱킬로미터", "m³": "세제곱미터"}
# Fractions set as one character, read as Korean reads them (½ -> 2분의 1).
_FRACTIONS = {"½": "2분의 1", "⅓": "3분의 1", "⅔": "3분의 2", "¼": "4분의 1", "¾": "4분의 3",
              "⅕": "5분의 1", "⅛": "8분의 1"}
_FRACTION = re.compile("[" + "".join(_FRACTIONS) + "]")
# Roman numerals (Ⅳ) and accented Latin letters (é): their Latin letters, so the
# roman section of the engine writes them rather than nothing at all.
_ROMAN_NUMERAL = re.compile("[\u2160-\u217f]")
_ACCENTED = re.compile("[\u00c0-\u024f]")


def _latin_base(ch: str) -> str:
    base = unicodedata.normalize("NFKD", ch)[:1]
    return base if base.isascii() and base.isalpha() else ch


_UNIT = re.compile("|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True)))
_WON = re.compile(r"[₩￦]\s*(\d[\d,]*(?:\.\d+)?)")
_DEGREES = re.compile(r"°\s?([CF])\b")  # °C and ℃ are one quantity: one spelling
# <서구 소식> in print is the 홑화살괄호 〈서구 소식〉, not two inequality signs
_ANGLE_PAIR = re.compile(r"<(?=\S)([^<>\d][^<>]*?)(?<=\S)>")

# Decorative ornaments (★특별★, ▶ 신청 방법): no cell in the standard; left out
# and listed. The 제72항 bullets (○ □ △ ▲ • ◎ ▣) are transcribed, not left out.
ORNAMENTS = set("★☆■◆◇▶▷►●◀◁▼▽♥♡♣♠✔✓❖➤➔☞✽✱❋")
_ORNAMENT_RUN = re.compile("[" + re.escape("".join(sorted(ORNAMENTS))) + "]+ ?")

# Hanja: a gloss after the same word in Hangul (서구(西區)) is left out, as
# transcribers do; any other Hanja is read in Hangul (the hanja dictionary).
_HANJA = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HANJA_GLOSS = re.compile(rf"([\uac00-\ud7a3]+)\s?[(\[]([{_HANJA}]+)[)\]]")
_HANJA_RUN = re.compile(rf"[{_HANJA}]+")

_OPENERS = set(" ([{<「『《〈\u2018\u201c\u2014\u2013\u2015-/")


@dataclass(frozen=True)
class Change:
    """One preprocessing change, for the cross-check report."""

    kind: str  # "replaced" | "removed"
    before: str
    after: str = ""


def _curly_quotes(text: str) -> str:
    """Straight quotes to the opening/closing forms (the standard has a cell for each)."""
    if '"' not in text and "'" not in text:
        return text
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch in "\"'":
            prev = text[i - 1] if i else " "
            nxt = text[i + 1] if i + 1 < len(text) else " "
            if ch == "'" and prev.isascii() and prev.isalpha() and nxt.isascii() and \
                    nxt.isalpha():
                out.append(ch)  # an apostrophe inside a Latin word (it's)
                continue
            opening = prev in _OPENERS
            if ch == '"':
                out.append("\u201c" if opening else "\u201d")
            else:
                out.append("\u2018" if opening else "\u2019")
        else:
            out.append(ch)
    return "".join(out)


def _hangul_reading(hanja_text: str) -> str:
    import hanja  # the hanja dictionary (PyPI), with the initial-sound rule (樂園 -> 낙원)

    return str(hanja.translate(hanja_text, "substitution"))


def _gloss(match: re.Match[str]) -> str:
    word, gloss = match.group(1), match.group(2)
    reading = _hangul_reading(gloss)
    # only a gloss that repeats the word before it is redundant
    return word if word.endswith(reading) or reading.endswith(word) else match.group(0)


def normalize(text: str, changes: list[Change] | None = None) -> str:
    """Engine-independent clean-up of one paragraph (see module docstring)."""
    log: list[Change] = changes if changes is not None else []

    def sub(pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str],
            text: str) -> str:
        def one(m: re.Match[str]) -> str:
            new = repl(m) if callable(repl) else m.expand(repl)
            if new != m.group(0):
                log.append(Change("removed" if not new.strip() else "replaced",
                                  m.group(0).strip() or m.group(0), new.strip()))
            return new
        return pattern.sub(one, text)

    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text.replace("\r", " ").replace("\n", " "))
    # Fullwidth ASCII (ＡＢＣ１２３（）) to ASCII
    text = "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else c for c in text)
    folded = text.translate(_FOLD)
    if folded != text:
        for before in dict.fromkeys(c for c, d in zip(text, folded) if c != d):
            log.append(Change("replaced", before, before.translate(_FOLD)))
        text = folded
    for symbol, words in _ALWAYS_SPELLED.items():
        if symbol in text:
            text = sub(re.compile(re.escape(symbol) + r"\s*"), words + " ", text)
    text = sub(_DEGREES, lambda m: "℃" if m.group(1) == "C" else "℉", text)
    text = sub(_ANGLE_PAIR, "\u3008\\1\u3009", text)
    text = sub(_HANJA_GLOSS, _gloss, text)
    text = sub(_HANJA_RUN, lambda m: _hangul_reading(m.group(0)), text)
    text = sub(_WON, lambda m: m.group(1) + "원", text)
    text = sub(_UNIT, lambda m: _UNITS[m.group(0)], text)
    text = sub(_FRACTION, lambda m: _FRACTIONS[m.group(0)], text)
    text = sub(_ROMAN_NUMERAL, lambda m: unicodedata.normalize("NFKC", m.group(0)), text)
    text = sub(_ACCENTED, lambda m: _latin_base(m.group(0)), text)
    text = sub(_ORNAMENT_RUN, " ", text)
    text = _curly_quotes(text)
    return _MULTISPACE.sub(" ", text).strip()
