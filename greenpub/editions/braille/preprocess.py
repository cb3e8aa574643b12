"""Print text -> text an engine can translate, the same way for every engine.

Two steps:

1. `normalize` (engine-independent): NFC; every kind of space (NBSP, tab,
   ideographic space) to one space; invisible characters removed; look-alike
   characters folded to the one the Korean braille standard names (ㆍ and ・ are
   the 가운뎃점 ·, 【】 are 대괄호, ～ is the 물결표 ~); straight quotes to the
   curly pairs the standard distinguishes (opening ⠦, closing ⠴); ☎ and ₩,
   which the standard has no cell for, spelled out (전화, ...원).
2. `prepare(text, engine)`: a symbol the chosen engine does not know is spelled
   out (㎡ -> 제곱미터) or folded by NFKC (① -> 1); failing both, it is dropped and
   reported, so no escape sequence or 8-dot cell ever reaches the embosser.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .engines import BrailleEngine

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
    "\u2212": "\u2212",  # MINUS SIGN stays (the standard has ⠔ for it)
})

# Symbols with no cell in the standard, spelled out for every engine.
_ALWAYS_SPELLED = {
    "\u260e": "전화",  # ☎
    "\u260f": "전화",  # ☏
    "\u2121": "전화",  # ℡
    "\U0001f4de": "전화",  # 📞
}
_WON = re.compile(r"[₩￦]\s*(\d[\d,]*(?:\.\d+)?)")

# Spelled out only for an engine that does not know the symbol.
SPELLED: dict[str, str] = {
    "※": "참고", "㎡": "제곱미터", "㎢": "제곱킬로미터", "㎥": "세제곱미터", "㎠": "제곱센티미터",
    "㎞": "킬로미터", "㎏": "킬로그램", "㎎": "밀리그램", "㎝": "센티미터", "㎜": "밀리미터",
    "ℓ": "리터", "㎖": "밀리리터", "㎘": "킬로리터", "℃": "도", "℉": "화씨 도", "°": "도",
    "²": "제곱", "³": "세제곱", "%": "퍼센트", "€": "유로", "$": "달러", "£": "파운드",
    "¥": "엔", "₩": "원", "￦": "원", "→": "에서 ", "←": "에서 ", "&": "와 ", "@": "골뱅이",
    "#": "샵", "·": ", ", "~": "부터 ",
}
# Ornaments that start a line in print (▶ 신청 방법); a transcriber leaves them out.
# 숨김표 ○ and 빠짐표 □ are real symbols inside text; at the start of a line and
# followed by a space they are bullets (□ 사업 개요, ○ 신청 기간).
_LEADING_ORNAMENT = re.compile(r"^(?:[★☆■□◆◇▶▷►●○◎◀◁▲△▼▽♥♡♣♠✔✓❖➤➔•]+ +)+")
_ORNAMENT_ONLY = set("★☆■◆◇▶▷►●◀◁▲▼♥♡♣♠✔✓❖➤➔")

# Hanja glosses after Hangul (서구(西區)) are left out, as transcribers do: the
# Hangul already says it and neither engine reads Hanja.
_HANJA = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HANJA_GLOSS = re.compile(rf"\s?[(\[][{_HANJA}]+[)\]]")
_IS_HANJA = re.compile(rf"[{_HANJA}]")

_OPENERS = set(" ([{<「『《〈\u2018\u201c\u2014\u2013-/")


def _curly_quotes(text: str) -> str:
    """Straight quotes to the opening/closing forms (the standard has a cell for each)."""
    if '"' not in text and "'" not in text:
        return text
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch in "\"'":
            prev = text[i - 1] if i else " "
            opening = prev in _OPENERS
            if ch == '"':
                out.append("\u201c" if opening else "\u201d")
            else:
                out.append("\u2018" if opening else "\u2019")
        else:
            out.append(ch)
    return "".join(out)


def normalize(text: str) -> str:
    """Engine-independent clean-up of one paragraph (see module docstring)."""
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text.replace("\r", " ").replace("\n", " "))
    # Fullwidth ASCII (ＡＢＣ１２３（）) to ASCII; NFKC would also fold ㎡ and ①,
    # which some engines translate better than their spelled-out forms.
    text = "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else c for c in text)
    text = text.translate(_FOLD)
    for symbol, words in _ALWAYS_SPELLED.items():
        if symbol in text:
            text = re.sub(re.escape(symbol) + r"\s*", words + " ", text)
    text = _HANJA_GLOSS.sub("", text)
    text = _WON.sub(lambda m: m.group(1) + "원", text)
    text = _LEADING_ORNAMENT.sub("", text)
    text = _curly_quotes(text)
    return _MULTISPACE.sub(" ", text).strip()


@dataclass
class Prepared:
    text: str
    dropped: list[str] = field(default_factory=list)  # symbols left out, for a warning


def plain(ch: str) -> bool:
    """Characters every engine knows; skips the per-character probe."""
    return ("가" <= ch <= "힣") or ch.isascii() and (ch.isalnum() or ch in " .,?!-()")


def prepare(text: str, engine: BrailleEngine) -> Prepared:
    """`normalize`, then make every remaining symbol one `engine` knows."""
    text = normalize(text)
    out: list[str] = []
    dropped: list[str] = []
    for ch in text:
        if plain(ch) or (not _IS_HANJA.match(ch) and engine.knows(ch)):
            out.append(ch)
            continue
        spelled = SPELLED.get(ch)
        folded = unicodedata.normalize("NFKC", ch)
        if spelled is not None and all(plain(c) or engine.knows(c) for c in spelled):
            out.append(spelled)
        elif folded != ch and all(plain(c) or engine.knows(c) for c in folded):
            out.append(folded)
        else:
            if ch not in _ORNAMENT_ONLY and ch not in dropped:
                dropped.append(ch)
            out.append(" ")
    return Prepared(_MULTISPACE.sub(" ", "".join(out)).strip(), dropped)
