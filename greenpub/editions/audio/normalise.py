"""Korean speech normalisation: written text -> text a TTS voice reads as a Korean
listener expects.

Pure functions. The order of the passes matters: URLs before the lexicon (a URL may
contain a lexicon word), phone numbers and dates before plain numbers, ranges after
dates and times (so both ends carry their counter), counters last.

Number reading follows standard usage: native numbers (한, 두, 세 ...) with native
counters up to 99 (세 명, 다섯 개, 두 시, 스무 살), Sino-Korean numbers otherwise
(삼십 분, 천 곳, 천 원), 유월/시월 for June/October, phone numbers digit by digit
with 0 read as 공.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# Readings of English words and abbreviations; site.yaml `lexicon:` overrides these.
DEFAULT_LEXICON: dict[str, str] = {
    "Green": "그린",
    "WiFi": "와이파이",
    "Wi-Fi": "와이파이",
    "SNS": "에스엔에스",
    "QR": "큐알",
    "PC": "피시",
    "TV": "티브이",
    "CCTV": "씨씨티브이",
    "IPTV": "아이피티브이",
    "KTX": "케이티엑스",
    "GTX": "지티엑스",
    "Q&A": "큐앤에이",
    "e-mail": "이메일",
    "email": "이메일",
    "app": "앱",
    "OK": "오케이",
    "COVID-19": "코로나 일구",
    "코로나19": "코로나 일구",
    "YouTube": "유튜브",
    "Instagram": "인스타그램",
    "Facebook": "페이스북",
    "Blog": "블로그",
    "MHz": "메가헤르츠",
    "kHz": "킬로헤르츠",
}

# Addresses are useless read aloud; the web edition shows them.
URL_PHRASE = "인터넷 주소"
EMAIL_PHRASE = "전자우편 주소"

_DIGIT = "영일이삼사오육칠팔구"
_PHONE_DIGIT = "공일이삼사오육칠팔구"
_SMALL_UNITS = ((1000, "천"), (100, "백"), (10, "십"))
_BIG_UNITS = ((10**16, "경"), (10**12, "조"), (10**8, "억"), (10**4, "만"))
_NATIVE_ONES = ["", "하나", "둘", "셋", "넷", "다섯", "여섯", "일곱", "여덟", "아홉"]
_NATIVE_ONES_ATTR = ["", "한", "두", "세", "네", "다섯", "여섯", "일곱", "여덟", "아홉"]
_NATIVE_TENS = ["", "열", "스물", "서른", "마흔", "쉰", "예순", "일흔", "여든", "아흔"]
_LETTERS = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                    ["에이", "비", "씨", "디", "이", "에프", "지", "에이치", "아이", "제이",
                     "케이", "엘", "엠", "엔", "오", "피", "큐", "알", "에스", "티", "유",
                     "브이", "더블유", "엑스", "와이", "지"]))
_WEEKDAYS = {"월": "월요일", "화": "화요일", "수": "수요일", "목": "목요일", "금": "금요일",
             "토": "토요일", "일": "일요일"}


# --- numbers ---------------------------------------------------------------------
def _sino_small(n: int) -> str:
    """1..9999 in Sino-Korean, '일' dropped before 천/백/십 (천, 백, 십)."""
    out = []
    for value, name in _SMALL_UNITS:
        d, n = divmod(n, value)
        if d:
            out.append(("" if d == 1 else _DIGIT[d]) + name)
    if n:
        out.append(_DIGIT[n])
    return "".join(out)


def sino(n: int) -> str:
    """Sino-Korean reading of a whole number: 1000 천, 10000 만, 123456 십이만 삼천사백오십육."""
    if n == 0:
        return "영"
    if n < 0:
        return "마이너스 " + sino(-n)
    groups = []
    for value, name in _BIG_UNITS:
        d, n = divmod(n, value)
        if d:
            # 만 is read without 일 (만 원), 억 and above with it (일억 원)
            groups.append(("" if d == 1 and name == "만" else _sino_small(d)) + name)
    if n:
        groups.append(_sino_small(n))
    return " ".join(groups)


def native(n: int, attributive: bool = True) -> str:
    """Native Korean reading for 1..99; attributive forms before a counter (한, 두, 스무)."""
    if not 0 < n < 100:
        raise ValueError(n)
    tens, ones = divmod(n, 10)
    if attributive and ones == 0 and tens == 2:
        return "스무"
    return _NATIVE_TENS[tens] + (_NATIVE_ONES_ATTR if attributive else _NATIVE_ONES)[ones]


def digits(text: str, zero: str = "공") -> str:
    """Digit by digit (phone numbers, codes): 0 as 공 by default."""
    table = (zero + _PHONE_DIGIT[1:]) if zero != "공" else _PHONE_DIGIT
    return "".join(table[int(c)] for c in text if c.isdigit())


def decimal(text: str) -> str:
    """'3.5' -> 삼 점 오, '29.4' -> 이십구 점 사."""
    whole, _, frac = text.partition(".")
    out = sino(int(whole or "0"))
    if frac:
        out += " 점 " + "".join(_DIGIT[int(c)] for c in frac)
    return out


def month(n: int) -> str:
    return {6: "유월", 10: "시월"}.get(n, sino(n) + "월")


def _has_batchim(word: str) -> bool:
    """True when the last syllable ends in a consonant (selects 으로/로, 은/는)."""
    if not word:
        return False
    code = ord(word[-1]) - 0xAC00
    return 0 <= code < 11172 and code % 28 != 0


def _ro(word: str) -> str:
    """The particle 로/으로 after `word` (ㄹ-final takes 로)."""
    if not word or not _has_batchim(word):
        return "로"
    return "로" if (ord(word[-1]) - 0xAC00) % 28 == 8 else "으로"


# --- counters ----------------------------------------------------------------------
# Native counters (read 한/두/세 ... up to 99). Longer counters first in the pattern.
NATIVE_COUNTERS = ("명", "개", "시간", "시", "살", "권", "곳", "가지", "마리", "대", "장",
                   "잔", "벌", "켤레", "그루", "송이", "채", "척", "군데", "달", "사람",
                   "번째", "번", "차례", "배", "병", "봉지", "상자", "그릇", "자루", "바퀴",
                   "포기", "통", "편", "줄", "칸")
# Sino counters that share a prefix with a native one and must win the longest match.
SINO_COUNTERS = ("개월", "개소", "개국", "개교", "번지", "시군구", "세", "년", "월", "일",
                 "분", "초", "원", "층", "호선", "호", "회", "건", "부", "차", "주년",
                 "주", "위", "점", "등", "동", "쪽", "개년")
UNITS = {
    "㎢": "제곱킬로미터", "km²": "제곱킬로미터", "㎡": "제곱미터", "m²": "제곱미터",
    "㎞": "킬로미터", "km": "킬로미터", "㎝": "센티미터", "cm": "센티미터",
    "㎜": "밀리미터", "mm": "밀리미터", "㎏": "킬로그램", "kg": "킬로그램",
    "㎖": "밀리리터", "mL": "밀리리터", "ml": "밀리리터", "ℓ": "리터", "L": "리터",
    "℃": "도", "°C": "도", "ha": "헥타르", "GB": "기가바이트", "MB": "메가바이트",
    "m": "미터", "g": "그램", "t": "톤", "%p": "퍼센트포인트", "%": "퍼센트",
    "MHz": "메가헤르츠", "kHz": "킬로헤르츠", "kW": "킬로와트", "kWh": "킬로와트시",
}
# Words after 번 that make it a label (1번 출구 일 번), not a count (세 번).
_BEON_LABEL = ("출구", "버스", "국도", "도로", "창구", "게이트", "선", "홈", "국", "지선")
_VEHICLE_WORDS = ("버스", "차", "차량", "택시", "자전거", "기계", "컴퓨터", "카메라", "피시",
                  "씨씨티브이", "대수", "킥보드", "오토바이")
_TIME_COUNTERS = ("년", "월", "일", "시", "분", "초")
_NOSPACE = ("년", "월", "일", "호선", "호", "층", "주년", "개월", "번째")

_NUM = r"\d{1,3}(?:,\d{3})+|\d+"
_COUNTER_ALT = "|".join(sorted((*NATIVE_COUNTERS, *SINO_COUNTERS), key=len, reverse=True))
_UNIT_ALT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))


def read_count(value: str, counter: str, before: str = "", after: str = "") -> str:
    """A number with its counter: ('3', '명') -> '세 명'; ('30', '분') -> '삼십 분'."""
    if "." in value:
        return decimal(value) + " " + counter
    n = int(value.replace(",", ""))
    use_native = counter in NATIVE_COUNTERS and 0 < n < 100
    if counter == "시" and n > 24:
        use_native = False
    if counter == "번" and after.lstrip().startswith(_BEON_LABEL):
        use_native = False
    if counter == "대" and n % 10 == 0 and not any(w in before[-14:] for w in _VEHICLE_WORDS):
        use_native = False  # 20대 청년 (an age group), unless counting vehicles
    if counter == "월":
        return month(n)
    if counter == "번째" and n == 1:
        return "첫 번째"
    reading = native(n) if use_native else sino(n)
    sep = "" if counter in _NOSPACE else " "
    return reading + sep + counter


# --- passes ------------------------------------------------------------------------
_URL = re.compile(r"(?:https?://|www\.)[A-Za-z0-9\-._~:/?#@!$&%+=,;]+|"
                  r"(?<![A-Za-z0-9.@-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:kr|com|net|org)"
                  r"(?![A-Za-z0-9@])(?:/[A-Za-z0-9\-._~/?#=&%]*)?", re.I)
_EMAIL = re.compile(r"[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_PHONE = re.compile(r"(?<![\d-])(0\d{1,2})[-.)\s](\d{3,4})[-.\s](\d{4})(?![\d-])|"
                    r"(?<![\d-])(1[5-9]\d\d)-(\d{4})(?![\d-])")
_DATE_YMD = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[.\-/]\s*(1[0-2]|0?[1-9])\s*[.\-/]\s*"
                       r"(3[01]|[12]\d|0?[1-9])(?:\s*\.(?!\d))?")
_DATE_YM = re.compile(r"(?<!\d)((?:19|20)\d\d)\.\s*(1[0-2]|0?[1-9])\.(?!\s*\d)")
_DATE_MD = re.compile(r"(?<![\d.])(1[0-2]|0?[1-9])\.\s+(3[01]|[12]\d|0?[1-9])\.")
_WEEKDAY = re.compile(r"\s*\(([월화수목금토일])\)")
_TIME = re.compile(r"(?<![\d:])([01]?\d|2[0-4]):([0-5]\d)(?![\d:])")
_HISTORIC = re.compile(r"(?<![\d.·])(\d{1,2})·(\d{1,2})(?![\d·])"
                       r"(?=\s?(?:절|전쟁|민주|운동|항쟁|선언|사태|정신|기념|특별법))")
_NUMBER_LIST = re.compile(r"(?<![\d.])(\d+(?:\s*·\s*\d+)+)\s*(" + "|".join(_TIME_COUNTERS)
                          + r")")
_DATE_YM_RANGE = re.compile(r"(?<!\d)((?:19|20)\d\d)\.\s*(1[0-2]|0?[1-9])\.\s*~\s*"
                            r"(1[0-2]|0?[1-9])\.")
_MONEY_SIGN = re.compile(r"[₩￦]\s*(" + _NUM + r")")
_THOUSAND_WON = re.compile(r"(" + _NUM + r")\s*천\s*원")
_KOREAN_BIG = re.compile(r"(" + _NUM + r")\s*(조|억|만|천|백)(?=[\s\d조억만천백원명개곳]|$)")
_RANGE_COPY = re.compile(r"(" + _NUM + r"(?:\.\d+)?)\s*~\s*(" + _NUM + r"(?:\.\d+)?)\s*("
                         + _COUNTER_ALT + "|" + _UNIT_ALT + ")")
_TIME_RUN = (r"(?:(?:오전|오후|낮|밤|새벽|저녁|아침)\s*)?(?:\d+(?:년|월|일|시|분)\s*)*"
             r"\d+(?:년|월|일|시|분)(?:\s*[월화수목금토일]요일)?(?:\s*(?:오전|오후)?\s*\d+시"
             r"(?:\s*\d+분)?)?")
_RANGE_TIME = re.compile(r"(" + _TIME_RUN + r")\s*~\s*(" + _TIME_RUN + r")")
_RANGE_OPEN = re.compile(r"(" + _TIME_RUN + r")\s*~(?!\s*\d)")
_DEC = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_ARROW = re.compile(r"\s*→\s*(" + _DEC + r"[가-힣]{0,2}(?:\s+" + _DEC
                    + r"[가-힣]{0,2})*)(?=[\s,.)」]|$)")
_ARROW_LAST = re.compile(r"(" + _DEC + r")([가-힣]{0,2})$")
_NUMBER = re.compile(r"(?<![\d.])(-?)(" + _NUM + r")(\.\d+)?(\s?)(?:(" + _UNIT_ALT
                     + r")(?![A-Za-z])|(" + _COUNTER_ALT + r"))?")
_FRACTION = re.compile(r"(?<![\d/])(\d+)/(\d+)(?![\d/])")
_ACRONYM = re.compile(r"(?<![A-Za-z])([A-Z]{2,6})(?![A-Za-z])")
_SINGLE_CAP = re.compile(r"(?<![A-Za-z])([A-Z])(?=[가-힣\d]|\s*$)")
_ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")

_SYMBOLS = [
    ("☎", " 전화 "), ("☏", " 전화 "), ("※", " 참고로, "), ("℡", " 전화 "),
    ("&", " 앤 "), ("+", " 플러스 "), ("=", " 곧 "), ("@", " 앳 "), ("#", " 샵 "),
    ("→", ", "), ("…", ", "), ("·", ", "), ("ㆍ", ", "), ("/", ", "), ("|", ", "),
]
_DROP = "▶►▷■□●○◎◆◇★☆•❶❷❸「」『』《》〈〉<>\"“”‘’'*_`[]{}"  # removed: quotes hug a particle
_BRACKETS = re.compile(r"\s*[(（]\s*([^()（）]*?)\s*[)）]([가-힣]*)")
# What may follow a closing parenthesis and belongs to the word before it:
# '담당관(☎ 560-4114)으로' is read '담당관으로, 전화 …'.
_PARTICLES = frozenset("은 는 이 가 을 를 와 과 의 로 으로 에 에서 에게 께 도 만 까지 부터 이나 나 "
                       "라는 이라는 라고 이라고 처럼 보다 입니다 이다 이며 이고 인 란 이란".split())


def _lexicon_pattern(lexicon: Mapping[str, str]) -> re.Pattern[str] | None:
    keys = sorted(lexicon, key=len, reverse=True)
    if not keys:
        return None
    parts = []
    for k in keys:
        p = re.escape(k)
        if k[0].isascii() and k[0].isalnum():
            p = r"(?<![A-Za-z0-9])" + p
        if k[-1].isascii() and k[-1].isalnum():
            p += r"(?![A-Za-z])"
        parts.append(p)
    return re.compile("|".join(parts), re.I)


def merged_lexicon(site_lexicon: Mapping[str, str]) -> dict[str, str]:
    """Built-in readings with the site's own entries over them."""
    return {**DEFAULT_LEXICON, **site_lexicon}


def _is_address(word: str) -> bool:
    return bool(_URL.fullmatch(word) or _EMAIL.fullmatch(word))


def apply_address_lexicon(text: str, lexicon: Mapping[str, str]) -> str:
    """Lexicon entries that are addresses (`data.go.kr: 데이터 점 고 점 케이알`): the
    editor wants them read out, so they go before addresses become a short phrase.
    Only a whole address is replaced, never the tail of a longer one."""
    keys = sorted((k for k in lexicon if _is_address(k)), key=len, reverse=True)
    if not keys:
        return text
    pattern = re.compile(r"(?<![A-Za-z0-9_./@:-])(?:" + "|".join(map(re.escape, keys))
                         + r")(?![A-Za-z0-9_/@-]|\.[A-Za-z0-9])", re.I)
    lower = {k.lower(): lexicon[k] for k in keys}
    return pattern.sub(lambda m: lexicon.get(m.group(0)) or lower[m.group(0).lower()], text)


def apply_lexicon(text: str, lexicon: Mapping[str, str]) -> str:
    pattern = _lexicon_pattern(lexicon)
    if pattern is None:
        return text
    lower = {k.lower(): v for k, v in lexicon.items()}
    return pattern.sub(lambda m: lexicon.get(m.group(0)) or lower[m.group(0).lower()], text)


def _url(m: re.Match[str]) -> str:
    url = m.group(0)
    trail = len(url) - len(url.rstrip(".,;:!?"))  # sentence punctuation after a URL
    return " " + URL_PHRASE + (url[-trail:] if trail else "")


def _phone(m: re.Match[str]) -> str:
    groups = [g for g in m.groups() if g]
    spoken = [digits(g) for g in groups]
    # Koreans read the last hyphen as 에: 오육공에 사일일사
    return " " + ", ".join(spoken[:-2] + [spoken[-2] + "에 " + spoken[-1]]) + " "


def _ymd(m: re.Match[str]) -> str:
    y, mo, d = (int(g) for g in m.groups())
    return f"{y}년 {mo}월 {d}일"


def _time(m: re.Match[str]) -> str:
    h, mi = int(m.group(1)), int(m.group(2))
    return f"{h}시" + (f" {mi}분" if mi else "")


def _thousand_won(m: re.Match[str]) -> str:
    # budget tables write amounts in thousands of won: 66,000천원 = 66,000,000원
    return f"{int(m.group(1).replace(',', '')) * 1000}원"


def _korean_big(m: re.Match[str]) -> str:
    n = int(m.group(1).replace(",", ""))
    unit = m.group(2)
    if n == 1 and unit in ("만", "천", "백"):
        return unit
    return sino(n) + unit


def _range_copy(m: re.Match[str]) -> str:
    a, b, counter = m.groups()
    if counter in _TIME_COUNTERS:
        return f"{a}{counter}~{b}{counter}"
    return f"{a}{counter}에서 {b}{counter}"


def _arrow(m: re.Match[str]) -> str:
    """'85,000부 → 60,000부' -> '85,000부에서 60,000부로'."""
    target = m.group(1)
    last = _ARROW_LAST.search(target)
    if last is None or last.group(2).endswith("로"):
        return f"에서 {target}"
    num, word = last.group(1), last.group(2)
    spoken = read_count(num, word) if word else decimal(num.replace(",", ""))
    return f"에서 {target}" + _ro(spoken)


def _number(m: re.Match[str], text: str) -> str:
    minus, value, frac, space, unit, counter = m.groups()
    value = value + (frac or "")
    counter = unit or counter or ""
    if counter in UNITS:
        unit = UNITS[counter]
        if unit == "도" and minus:
            return "영하 " + (decimal(value) if frac else sino(int(value.replace(",", "")))) + " 도"
        reading = decimal(value) if frac else sino(int(value.replace(",", "")))
        return ("마이너스 " if minus else "") + reading + " " + unit
    prefix = " 마이너스 " if minus and not text[:m.start()].rstrip()[-1:].isalnum() else minus
    if counter:
        before = text[max(0, m.start() - 20):m.start()]
        after = text[m.end():m.end() + 6]
        return prefix + read_count(value, counter, before, after)
    if not frac and "," not in value and (value.startswith("0") and len(value) > 1
                                          or len(value) > 12):
        return prefix + digits(value, "영") + space
    return prefix + (decimal(value) if frac else sino(int(value.replace(",", "")))) + space


def _is_particle(word: str) -> bool:
    """A particle or particles run together: 에, 에는, 에서도, 으로만 ..."""
    if word in _PARTICLES:
        return True
    return any(word.startswith(p) and _is_particle(word[len(p):])
               for p in _PARTICLES if len(p) < len(word))


def _bracket(m: re.Match[str]) -> str:
    inner, after = m.group(1).strip(" ,"), m.group(2)
    before = m.string[:m.start()].split()
    if not inner or before and before[-1].rstrip(",") == inner:  # 와이파이(Wi-Fi): said once
        return after
    if _is_particle(after):
        return f"{after}, {inner}, "
    return f", {inner}, {after}"


def _english(m: re.Match[str]) -> str:
    return "".join(_LETTERS[c] for c in m.group(1))


def unknown_words(text: str, lexicon: Mapping[str, str]) -> list[str]:
    """English words the lexicon does not cover and that are not acronyms (spelled out)."""
    text = _EMAIL.sub(" ", _URL.sub(" ", text))
    text = apply_lexicon(text, merged_lexicon(lexicon))
    found = []
    for w in _ENGLISH_WORD.findall(text):
        if w.isupper() and len(w) <= 6 or w in UNITS:
            continue
        if w not in found:
            found.append(w)
    return found


def normalize(text: str, lexicon: Mapping[str, str] | None = None) -> str:
    """Written Korean -> what the voice should say. `lexicon` is merged over the defaults."""
    lex = merged_lexicon(lexicon or {})
    t = text.replace("∼", "~").replace("～", "~").replace("〜", "~").replace("\u00a0", " ")
    t = apply_address_lexicon(t, lex)
    t = _URL.sub(_url, _EMAIL.sub(" " + EMAIL_PHRASE, t))
    t = apply_lexicon(t, lex)
    t = _PHONE.sub(_phone, t)
    t = _DATE_YM_RANGE.sub(lambda m: f"{int(m.group(1))}년 {int(m.group(2))}월~"
                           f"{int(m.group(3))}월", t)
    t = _DATE_YMD.sub(_ymd, t)
    t = _DATE_YM.sub(lambda m: f"{int(m.group(1))}년 {int(m.group(2))}월", t)
    t = _DATE_MD.sub(lambda m: f"{int(m.group(1))}월 {int(m.group(2))}일", t)
    t = _WEEKDAY.sub(lambda m: " " + _WEEKDAYS[m.group(1)], t)
    t = _TIME.sub(_time, t)
    t = _NUMBER_LIST.sub(lambda m: ", ".join(
        n.strip() + m.group(2) for n in m.group(1).split("·")), t)
    t = _HISTORIC.sub(lambda m: digits(m.group(1) + m.group(2), "영"), t)
    t = _MONEY_SIGN.sub(lambda m: m.group(1) + "원", t)
    t = _THOUSAND_WON.sub(_thousand_won, t)
    t = _FRACTION.sub(lambda m: f"{sino(int(m.group(2)))}분의 {sino(int(m.group(1)))}", t)
    t = _RANGE_COPY.sub(_range_copy, t)
    t = _RANGE_TIME.sub(lambda m: f"{m.group(1)}부터 {m.group(2)}까지", t)
    t = _RANGE_OPEN.sub(lambda m: f"{m.group(1)}부터", t)
    t = t.replace("~", " 에서 ")
    t = _ARROW.sub(_arrow, t)
    t = _KOREAN_BIG.sub(_korean_big, t)
    src = t
    t = _NUMBER.sub(lambda m: _number(m, src), t)
    t = _ACRONYM.sub(_english, t)
    t = _SINGLE_CAP.sub(lambda m: _LETTERS[m.group(1)], t)
    for sym, spoken in _SYMBOLS:
        t = t.replace(sym, spoken)
    t = _BRACKETS.sub(_bracket, t)
    t = t.translate({ord(c): None for c in _DROP})
    t = re.sub(r"\s*-\s+|\s+-\s*", ", ", t)
    t = t.replace("-", " ")
    t = re.sub(r"\s+([,.?!])", r"\1", t)
    t = re.sub(r",\s*([:;])", r"\1", t)  # '시스템(WIPS): …' -> '시스템, 윕스: …'
    t = re.sub(r",(\s*,)+", ",", t)
    t = re.sub(r"^[,\s]+|[,\s]+$", "", re.sub(r"\s+", " ", t))
    t = re.sub(r"[,.]*([.?!])[,.]*(?=\s|$)", r"\1", t)
    return t
