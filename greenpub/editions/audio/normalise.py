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
import unicodedata
from collections.abc import Mapping

import hanja

from .readings import (
    ADDRESS_SYMBOLS,
    ADDRESS_WORDS,
    CORPORATE,
    ENGLISH_DIGITS,
    ROMAN,
    SERVICE_NUMBERS,
    SPEED_UNITS,
    UNITS,
    enclosed_jamo,
    enclosed_number,
)

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
    "ZOOM": "줌",
    "Zoom": "줌",
    "K-POP": "케이팝",
    "K-pop": "케이팝",
    "A/S": "에이에스",
    "AS": "에이에스",
    "Wi-Fi6": "와이파이 식스",
    "Wi-Fi 6": "와이파이 식스",
    "WiFi 6": "와이파이 식스",
    "NAVER": "네이버",
    "KAKAO": "카카오",
    "kakao": "카카오",
    "UNESCO": "유네스코",
    "NATO": "나토",
    "OECD": "오이시디",
    "LED": "엘이디",
    "LTE": "엘티이",
    "AI": "에이아이",
    "IoT": "아이오티",
    "ICT": "아이씨티",
    "NFC": "엔에프씨",
    "DMZ": "디엠제트",
    "MZ": "엠제트",
    "R&D": "알앤디",
    "ESG": "이에스지",
    "ARS": "에이알에스",
    "USB": "유에스비",
    "PDF": "피디에프",
    "MP3": "엠피쓰리",
    "OTT": "오티티",
    "SOS": "에스오에스",
    "KF94": "케이에프 구십사",
    "PM2.5": "피엠 이 점 오",
    "7080": "칠공팔공",
    "1회용": "일회용",
    "e-book": "이북",
    "ebook": "이북",
    "e-sports": "이스포츠",
    "vs": "대",
    "VS": "대",
    "vs.": "대",
    "No.1": "넘버원",
    "TOP": "톱",
    "BEST": "베스트",
    "PM10": "피엠 십",
    "KF80": "케이에프 팔십",
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
                     "브이", "더블유", "엑스", "와이", "제트"]))
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
                   "포기", "통", "편", "줄", "칸", "가구", "매", "모금", "쌍", "접시")
# Sino counters that share a prefix with a native one and must win the longest match.
SINO_COUNTERS = ("분기", "석", "평", "학년", "학기", "단계", "교시", "개월", "개소", "개국", "개교", "번지", "시군구", "세", "년", "월", "일",
                 "분", "초", "원", "층", "호선", "호", "회", "건", "부", "차", "주년",
                 "주", "위", "점", "등", "동", "쪽", "개년")
# Words after 번 that make it a label (1번 출구 일 번), not a count (세 번).
_BEON_LABEL = ("출구", "버스", "국도", "도로", "창구", "게이트", "선", "홈", "국", "지선")
# 대 counts vehicles and machines in native numbers (충전기 30대 서른 대); otherwise it is
# Sino-Korean (5대 과제 오 대, 20대 청년 이십 대).
_VEHICLE_WORDS = ("버스", "차", "차량", "택시", "자전거", "기계", "컴퓨터", "카메라", "피시",
                  "씨씨티브이", "대수", "킥보드", "오토바이", "트럭", "드론", "로봇", "장비",
                  "노트북", "태블릿", "스마트폰", "휴대폰", "전화기", "프린터", "복합기", "키오스크",
                  "모니터", "에어컨", "냉장고", "세탁기", "정수기", "선풍기", "난방기", "승강기",
                  "엘리베이터", "보트", "선박", "헬기", "비행기", "열차", "전동차", "굴착기", "중장비",
                  "단말기", "기기", "장치", "텔레비전", "티브이", "스피커", "자판기", "전광판",
                  "충전기", "청소기", "측정기", "감지기", "카트", "휠체어", "유모차", "버스쉘터")
_MACHINE_VERBS = ("설치", "배치", "도입", "운행", "보급", "구입", "구매", "증차", "투입", "교체",
                  "대여", "운영", "주차", "지원", "기증", "추가", "늘려", "늘린", "들여")
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
    if counter == "대" and use_native:
        use_native = _counts_machines(before, after)
    if counter == "월":
        return month(n)
    if counter == "번째" and n == 1:
        return "첫 번째"
    reading = native(n) if use_native else sino(n)
    sep = "" if counter in _NOSPACE else " "
    return reading + sep + counter


def _counts_machines(before: str, after: str) -> bool:
    words = re.findall(r"[가-힣]+", before)[-2:]
    if any(v in w for w in words for v in _VEHICLE_WORDS):
        return True
    nxt = after.lstrip("씩를을은는도만의이가 ,")
    return nxt.startswith(_MACHINE_VERBS)


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
# 5.3.(월)~5.14.(금): month and day without spaces, recognised only where a date must
# stand (before a weekday, a range mark or 부터/까지, or after a range mark); 5.3. alone
# may be a decimal.
_DATE_MD_COMPACT = re.compile(r"(?:(?<=~)|(?<=~\s)|(?<![\d.]))(1[0-2]|0?[1-9])\.(3[01]|[12]\d|0?[1-9])\."
                              r"(?=\s*(?:\([월화수목금토일]\)|~|부터|까지))|(?:(?<=~)|(?<=~\s))"
                              r"(1[0-2]|0?[1-9])\.(3[01]|[12]\d|0?[1-9])\.")
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
# The particle written after a range is folded into its 까지 (…13:00까지, …13:00에 -> 까지).
_RANGE_TIME = re.compile(r"(" + _TIME_RUN + r")\s*~\s*(" + _TIME_RUN + r")(까지|에(?![가-힣]))?")
_RANGE_OPEN = re.compile(r"(" + _TIME_RUN + r")\s*~(?!\s*\d)")
_DEC = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_ARROW = re.compile(r"\s*→\s*(" + _DEC + r"[가-힣]{0,2}(?:\s+" + _DEC
                    + r"[가-힣]{0,2})*)(?=[\s,.)」]|$)")
_ARROW_LAST = re.compile(r"(" + _DEC + r")([가-힣]{0,2})$")
_NUMBER = re.compile(r"(?<![\d.])(-?)(" + _NUM + r")(\.\d+)?(\s?)(?:(" + _UNIT_ALT
                     + r")(?![A-Za-z])|(" + _COUNTER_ALT + r"))?"
                     r"((?:을|를|은|는|과|와|으로|로)(?=[\s,.!?:;)」』]|$))?")
_PARTICLE_PAIRS = {"을": ("을", "를"), "를": ("을", "를"), "은": ("은", "는"), "는": ("은", "는"),
                   "과": ("과", "와"), "와": ("과", "와")}
_FRACTION = re.compile(r"(?<![\d/])(\d+)/(\d+)(?![\d/])")
_ACRONYM = re.compile(r"(?<![A-Za-z])([A-Z]{2,6})(?![A-Za-z])")
_SINGLE_CAP = re.compile(r"(?<![A-Za-z])([A-Z])(?=[가-힣\d]|-[가-힣]|\s*$)")
_ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")

_SYMBOLS = [
    ("☎", " 전화 "), ("☏", " 전화 "), ("※", " 참고로, "), ("℡", " 전화 "),
    ("&", " 앤 "), ("+", " 플러스 "), ("=", " 곧 "), ("@", " 앳 "), ("#", " 샵 "),
    ("→", ", "), ("⇒", ", "), ("➡", ", "), ("…", ", "), ("‥", ", "), ("ㆍ", ", "), ("·", ", "), ("ㆍ", ", "), ("/", ", "), ("|", ", "),
]
_DROP = "▶►▷■□●○◎◆◇★☆•◦▪▫♦❖✓✔☑「」『』《》〈〉【】〔〕<>\"“”‘’'*_`[]{}()（）"  # removed: quotes hug a particle
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


def particle_after(spoken: str, particle: str) -> str:
    """The particle as it must sound after `spoken` (the writer chose it for the written
    form: 76㎍/㎥을 -> 세제곱미터를, 5층로 -> 오층으로)."""
    if particle in ("으로", "로"):
        return _ro(spoken)
    with_batchim, without = _PARTICLE_PAIRS[particle]
    return with_batchim if _has_batchim(spoken) else without


def _number(m: re.Match[str], text: str) -> str:
    particle = m.group(7)
    reading = _number_reading(m, text)
    if not particle:
        return reading
    reading = reading.rstrip()
    return reading + particle_after(reading, particle)


def _number_reading(m: re.Match[str], text: str) -> str:
    minus, value, frac, space, unit, counter, _ = m.groups()
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
    if before and inner.startswith(before[-1].rstrip(",") + " "):
        inner = inner[len(before[-1].rstrip(",")) + 1:]  # 전화(☎ 560-4371): 전화 said once
    if _is_particle(after):
        return f"{after}, {inner}, "
    return f", {inner}, {after}"


def _english(m: re.Match[str]) -> str:
    return "".join(_LETTERS[c] for c in m.group(1))


def _looks_like_acronym(word: str) -> bool:
    """ESG, CCTV, WHO: spelled out. A capitalised word a listener says as a word (ZOOM,
    NAVER, UNESCO) has four or more letters with a vowel between consonants."""
    if len(word) <= 3:
        return True
    return not re.search(r"[^AEIOU][AEIOU]+[^AEIOU]", word)


def unknown_words(text: str, lexicon: Mapping[str, str]) -> list[str]:
    """English words the lexicon does not cover: words (spelled out letter by letter
    until the editor gives a reading) and all-caps words that look like words."""
    text = _EMAIL.sub(" ", _URL.sub(" ", text))
    text = apply_lexicon(text, merged_lexicon(lexicon))
    found = []
    for w in _ENGLISH_WORD.findall(text):
        if w.isupper() and _looks_like_acronym(w) or w in UNITS or len(w) == 1:
            continue
        if w not in found:
            found.append(w)
    return found


# --- characters ----------------------------------------------------------------------
_CHAR_MAP: dict[int, int | str] = {ord(k): v for k, v in {
    "∼": "~", "～": "~", "〜": "~", "\u00a0": " ", "\u3000": " ", "−": "-", "‐": "-", "‑": "-",
    "\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": "", "\u00ad": "", "․": ".",
    "‧": "·", "∙": "·", "⋅": "·", "•": "•", "ｍ": "m"}.items()}
_CHAR_MAP.update({i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F) if i != 0xFF5E})
_CHAR_MAP.update({0x2080 + i: str(i) for i in range(10)})  # CO₂ -> CO2
_DASH_RANGE = re.compile(r"(?<=[\dⅠ-Ⅻⅰ-ⅻ])\s*[–—]\s*(?=[\dⅠ-Ⅻⅰ-ⅻ])")
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")
# 드라이브 스루(Drive-Thru), 스마트시티(Smart City): an English gloss of the Hangul word
# before it is not read twice. All-caps acronyms in brackets (WIPS) are read.
_ENGLISH_GLOSS = re.compile(r"([가-힣])\s*\((?=[^)]*[a-z])[A-Za-z][A-Za-z &'-]*\)")
_HANJA = "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
_HANJA_AFTER = re.compile(r"([가-힣]+)\s*[(（]\s*" + _HANJA + r"+(?:\s*" + _HANJA
                          + r"+)*\s*[)）]")
_HANJA_BEFORE = re.compile(r"(?:" + _HANJA + r"+\s*)+[(（]\s*([가-힣][가-힣\s]*)\s*[)）]")
_HANJA_RUN = re.compile(_HANJA + "+")
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁾⁽ⁿ†‡"
_GREEK_NAMES = dict(zip(
    "ALPHA BETA GAMMA DELTA EPSILON ZETA ETA THETA IOTA KAPPA LAMDA MU NU XI OMICRON PI RHO "
    "SIGMA TAU UPSILON PHI CHI PSI OMEGA".split(),
    "알파 베타 감마 델타 엡실론 제타 에타 세타 요타 카파 람다 뮤 뉴 크사이 오미크론 파이 로 시그마 타우 "
    "입실론 파이 카이 프사이 오메가".split()))
_GREEK_LETTER = re.compile(r"[\u0391-\u03c9]")
# Symbols read as words (currency and signs standing without a number included).
_SIGN_WORDS = [("±", " 플러스마이너스 "), ("×", " 곱하기 "), ("÷", " 나누기 "), ("≒", " 약 "),
               ("≈", " 약 "), ("≤", " 이하 "), ("≥", " 이상 "), ("≠", " 같지 않음 "),
               ("∞", " 무한대 "), ("№", " 번호 "), ("§", " 조 "), ("%", " 퍼센트 "),
               ("‰", " 퍼밀 "), ("℃", " 도 "), ("℉", " 도 "), ("°", " 도 "), ("$", " 달러 "),
               ("€", " 유로 "), ("£", " 파운드 "), ("¥", " 엔 "), ("₩", " 원 "), ("￦", " 원 "),
               ("¢", " 센트 "), ("ℓ", " 리터 "), ("Ω", " 옴 "), ("♀", " 여성 "), ("♂", " 남성 "),
               ("〇", " 영 "), ("〃", " 위와 같음 "), ("←", ", "), ("↑", ", "), ("↓", ", "),
               ("↗", ", "), ("↘", ", "), ("⇐", ", "), ("√", " 루트 ")]
# Unit characters standing without a number (면적(㎡)) are read by their names.
_SIGN_WORDS += [(u, f" {r} ") for u, r in UNITS.items() if len(u) == 1 and not u.isascii()
                and u not in dict(_SIGN_WORDS)]
_FRACTION_CHARS = {"½": "1/2", "⅓": "1/3", "⅔": "2/3", "¼": "1/4", "¾": "3/4", "⅕": "1/5",
                   "⅛": "1/8"}
_MONEY_SIGNS = {"$": "달러", "€": "유로", "¥": "엔", "£": "파운드", "￥": "엔"}


def _enclosed(t: str) -> str:
    """Enclosed numbers as list ordinals, circled jamo, ㈜-style marks, Roman numerals."""
    from .messages import ORDINALS

    out = []
    for ch in t:
        if ch in CORPORATE:
            out.append(" " + CORPORATE[ch] + " ")
        elif ch in ROMAN:
            out.append(str(ROMAN[ch]))
        elif (n := enclosed_number(ch)) is not None:
            out.append(" " + (ORDINALS[n - 1] if n <= len(ORDINALS) else sino(n) + "번")
                       + ", ")
        elif (jamo := enclosed_jamo(ch)) is not None:
            out.append(" " + jamo + ", ")
        else:
            out.append(ch)
    return "".join(out)


def _hanja(t: str) -> str:
    """한자: dropped beside its Hangul gloss (시민(市民), 市民(시민)), otherwise read."""
    t = _HANJA_AFTER.sub(lambda m: m.group(1), t)
    t = _HANJA_BEFORE.sub(lambda m: m.group(1), t)
    return _HANJA_RUN.sub(lambda m: hanja.translate(m.group(0), "substitution"), t)


# --- addresses read out ------------------------------------------------------------------
_HANDLE = re.compile(r"(?<![A-Za-z0-9._%+-])@[A-Za-z0-9_.]*[A-Za-z0-9_]")  # @seogu_incheon
_ADDR_SPLIT = re.compile(r"([@./\-_:~+=?#&%])")
_SHORT_PATH = re.compile(r"/?(?:[A-Za-z0-9_-]{1,15}/?)?")


def read_address(addr: str, lexicon: Mapping[str, str] | None = None) -> str:
    """An e-mail or web address said so it can be typed: words a listener knows
    (www, kr, incheon ...), other parts letter by letter, symbols by name."""
    lower = {k.lower(): v for k, v in (lexicon or {}).items()}
    out = []
    for part in _ADDR_SPLIT.split(addr):
        if not part:
            continue
        if part in ADDRESS_SYMBOLS:
            out.append(ADDRESS_SYMBOLS[part])
            continue
        low = part.lower()
        if low in ADDRESS_WORDS:
            out.append(ADDRESS_WORDS[low])
        elif low in lower and re.fullmatch(r"[가-힣 ]+", lower[low]):
            out.append(lower[low])
        else:
            for run in re.findall(r"[A-Za-z]+|\d+", part):
                if run.isdigit():
                    out.append(digits(run))
                else:
                    out.append(ADDRESS_WORDS.get(run.lower())
                               or "".join(_LETTERS[c] for c in run.upper()))
    return " ".join(out)


def _email_read(m: re.Match[str], lexicon: Mapping[str, str]) -> str:
    return " " + read_address(m.group(0), lexicon)


def _url_read(m: re.Match[str], lexicon: Mapping[str, str]) -> str:
    url = m.group(0)
    trail = len(url) - len(url.rstrip(".,;:!?)"))  # sentence punctuation after a URL
    if trail:
        url = url[:-trail]
    bare = re.sub(r"^https?://", "", url, flags=re.I)
    host, slash, path = bare.partition("/")
    tail = m.group(0)[len(m.group(0)) - trail:] if trail else ""
    if slash and not _SHORT_PATH.fullmatch(path):
        return " " + URL_PHRASE + tail  # a long path: the web edition shows it
    return " " + read_address(host + (("/" + path.rstrip("/")) if path.strip("/") else ""),
                              lexicon) + tail


# --- numbers read digit by digit ------------------------------------------------------
_TEL_PREFIX = (r"(?:☎|☏|℡|📞|📱|전화(?:번호)?|내선(?:번호)?|연락처|문의(?:처|전화)?|상담(?:전화)?|"
               r"팩스|휴대폰|휴대전화|(?<![A-Za-z])(?:FAX|Fax|TEL|Tel|T|F)(?![A-Za-z]))")
_TEL_NUM = r"(?:\(?0\d{1,2}\)?[-.\s)]\s*)?\d{3,4}(?:[-.)\s]\d{4})?(?![\d.,]?\d)"
_TEL_AFTER = (r"(?!\s?(?:년|월|일|시|분|초|명|개|원|곳|회|건|세|층|호|%|km|m|㎡|부|가지|차|주|"
              r"배|대|만|천|억))")
_TEL_CTX = re.compile(r"(" + _TEL_PREFIX + r")(\s*[:：.)]?\s*(?:국번\s*없이\s*)?)((?:"
                      + _TEL_NUM + _TEL_AFTER + r")(?:\s*[,·/]\s*" + _TEL_NUM + _TEL_AFTER
                      + r"|\s*~\s*\d{1,4}(?![\d.,]?\d))*)")
_TEL_TOKEN = re.compile(r"(?:\(?0\d{1,2}\)?[-.\s)]\s*)?\d{3,4}(?:[-.)\s]\d{4})?|\d{1,4}|[,·/~]")
# 3-1 매립장, 307-1번지: 삼의 일 (numbers joined by a hyphen that are not a phone number)
_NUMBER_PAIR = re.compile(r"(?<![\d\-.,])(\d{1,4})-(\d{1,3})(?![\d\-.,])(\s?(?:" + _COUNTER_ALT
                          + "|" + _UNIT_ALT + "))?")


def _number_pair(m: re.Match[str]) -> str:
    a, b, counter = m.groups()
    if counter and counter.strip() != "번지":
        return f"{a}~{b}{counter}"  # 3-4명: a range written with a hyphen
    return f"{a}의 {b}{counter or ''}"


_LOCAL_PHONE = re.compile(r"(?<![\d\-.,])([2-9]\d{2,3})-(\d{4})(?![\d\-]|\s?년)")
_POSTCODE = re.compile(r"(우편번호|\(우\)|우\)|〒)\s*[:：]?\s*(\d{5})(?!\d)")
_POSTCODE_BRACKETED = re.compile(r"(우편|주소)\((\d{5})\)")  # 우편(22689)으로
_PLACES = ("인천", "서울", "부산", "대구", "광주", "대전", "울산", "세종", "경기", "강원", "충청",
           "충북", "충남", "전라", "전북", "전남", "경상", "경북", "경남", "제주", "서구")
_POSTCODE_BEFORE_ADDRESS = re.compile(r"(?<![\d,.])\(?(\d{5})\)?(?=\s*(?:" + "|".join(_PLACES)
                                      + "))")
_SERVICE = re.compile(r"(?<![\d\-.,:])(1\d{2,3})(?!\d|[-.,:]\d|\s?(?:" + _COUNTER_ALT + "|"
                      + _UNIT_ALT + r"|만|천|억|퍼센트|킬로|미터|[A-Za-z]))")


_TEL_LATIN = {"FAX": "팩스", "Fax": "팩스", "F": "팩스", "TEL": "전화", "Tel": "전화", "T": "전화"}


def phone_reading(token: str) -> str:
    """'032-560-4114' -> '공삼이, 오육공에 사일일사'; '4114' -> '사일일사'."""
    groups = re.findall(r"\d+", token)
    spoken = [digits(g) for g in groups]
    if len(spoken) < 2:
        return spoken[0] if spoken else ""
    # Koreans read the last hyphen as 에: 오육공에 사일일사
    return ", ".join(spoken[:-2] + [spoken[-2] + "에 " + spoken[-1]])


def _tel_context(m: re.Match[str]) -> str:
    prefix, sep, numbers = m.groups()
    prefix = _TEL_LATIN.get(prefix, prefix) + (":" if ":" in sep or "：" in sep else "")
    out = []
    for tok in _TEL_TOKEN.findall(numbers):
        if tok in ",·/":
            out.append(", ")
        elif tok == "~":
            out.append("에서 ")
        else:
            out.append(phone_reading(tok))
    return prefix + " " + "".join(out)


def _local_phone(m: re.Match[str]) -> str:
    a, b = m.groups()
    if re.fullmatch(r"(?:19|20)\d\d", a) and re.fullmatch(r"(?:19|20)\d\d", b):
        return f"{a}에서 {b}"  # 2020-2021: years
    return phone_reading(m.group(0))


def _service(m: re.Match[str]) -> str:
    return digits(m.group(1)) if m.group(1) in SERVICE_NUMBERS else m.group(0)


# --- special number forms ---------------------------------------------------------
# Classifiers after 제+number: the counters, and the parts of laws and documents.
_JE_COUNTER_ALT = "|".join(sorted({*NATIVE_COUNTERS, *SINO_COUNTERS, "조", "항", "기", "절", "관",
                                   "과", "목", "강", "막", "교시", "구역", "지구", "선거구"},
                                  key=len, reverse=True))
_ORDINAL_JE = re.compile(r"(?<![가-힣A-Za-z])제\s?(\d+)(?![\d.,])(\s?)(" + _JE_COUNTER_ALT
                         + r")?")
_QUARTER = re.compile(r"(?<![\d/])([1-4])/4\s?분기")
_RATIO = re.compile(r"(?<![\d.:])(\d+(?:\.\d+)?)(\s*):(\s*)(\d+(?:\.\d+)?)(?![\d:])")
_RATIO_WORDS = ("경쟁률", "비율", "비", "배율", "대비", "비중", "성비", "축척", "대")
_HISTORIC_DATE = re.compile(r"(?<![\d.·,])(1[0-2]|[1-9])·([1-3]?\d)(?![\d·]|\s?(?:" + _COUNTER_ALT
                            + r"))(?=\s?[가-힣])")
_APPROX = re.compile(r"(?<![\d.,~])([1-8])\s*~\s*([2-9])(?![\d.,])\s?(" + _COUNTER_ALT + r")")
_APPROX_NATIVE = {1: "한두", 2: "두세", 3: "서너", 4: "네다섯", 5: "대여섯", 6: "예닐곱",
                  7: "일고여덟", 8: "여덟아홉"}
_D_DAY = re.compile(r"(?<![A-Za-z0-9])D-(?:day|Day|DAY)?(\d{1,3})?(?![\d])")
_BASEMENT = re.compile(r"(?<![A-Za-z0-9])B(\d{1,2})\s?층")
_DIGIT_LETTER = re.compile(r"(?<![A-Za-z0-9.,])(\d)([A-Z])(?![A-Za-z0-9])")
_LETTER_DIGIT = re.compile(r"(?<![A-Za-z0-9])([A-Z]{1,3})-?(\d{1,3})(?![\d.,]\d|[A-Za-z\d])")
_LOWER_PREFIX = re.compile(r"(?<![A-Za-z0-9])([a-z])(?=[가-힣])")
_SPEED = re.compile(r"(" + _NUM + r"(?:\.\d+)?)\s?(" + "|".join(
    re.escape(u) for u in sorted(SPEED_UNITS, key=len, reverse=True)) + r")")
_PARTICLE_AFTER = r"((?:을|를|은|는|과|와|으로|로)(?=[\s,.!?:;)」』]|$))?"
_COMPOUND_UNIT = re.compile(r"(" + _NUM + r"(?:\.\d+)?)\s?(" + _UNIT_ALT + r")/(" + _UNIT_ALT
                            + r")(?![A-Za-z])" + _PARTICLE_AFTER)
_MONEY_FOREIGN = re.compile(r"([$€¥£￥])\s?(" + _NUM + r"(?:\.\d+)?)")
_LEFTOVER_WORD = re.compile(r"[A-Za-z]+")
_PAIRED_PARTICLE = re.compile(r"([가-힣])\s?(\(으\)로|\(이\)[가-힣]+|을\(를\)|를\(을\)|이\(가\)|"
                              r"가\(이\)|은\(는\)|는\(은\)|과\(와\)|와\(과\))")
_BOTH = re.compile(r"\s*[↔⇔]\s*")


def _speed(m: re.Match[str]) -> str:
    """30km/h -> 시속 30 킬로미터 (once: '시속 30km/h' keeps its own 시속)."""
    prefix, unit = SPEED_UNITS[m.group(2)]
    said = m.string[max(0, m.start() - 4):m.start()].strip().endswith(prefix)
    return ("" if said else prefix + " ") + f"{m.group(1)} {unit}"


def _ordinal_je(m: re.Match[str]) -> str:
    n, space, counter = m.groups()
    reading = "제" + sino(int(n))
    if not counter:
        return reading + space
    return reading + ("" if counter in _NOSPACE else " ") + counter


def _ratio(m: re.Match[str], text: str) -> str:
    a, sp1, sp2, b = m.groups()
    before = text[max(0, m.start() - 12):m.start()]
    if "." in a or "." in b or sp1 or sp2 or any(w in before for w in _RATIO_WORDS):
        return f"{a} 대 {b}"
    return m.group(0)


def _historic(m: re.Match[str]) -> str:
    """8·15 광복절 팔일오, 4·19 사일구, 6·10 육십, 12·12 십이십이."""
    mo, day = int(m.group(1)), int(m.group(2))
    if not 1 <= day <= 31:
        return m.group(0)
    day_reading = sino(day) if mo >= 10 or day % 10 == 0 else digits(m.group(2), "영")
    return sino(mo) + day_reading


def _approx(m: re.Match[str], text: str) -> str:
    """2~3일 이삼 일, 3~4명 서너 명: a pair of neighbouring numbers is one guess."""
    a, b, counter = int(m.group(1)), int(m.group(2)), m.group(3)
    before = text[max(0, m.start() - 6):m.start()]
    if b != a + 1 or counter in ("월", "시", "분", "초", "번째", "번지") or \
            counter == "일" and re.search(r"월\s*$", before):
        return m.group(0)
    if counter in NATIVE_COUNTERS and not (counter == "대" and not _counts_machines(
            text[max(0, m.start() - 20):m.start()], text[m.end():m.end() + 6])):
        return _APPROX_NATIVE[a] + " " + counter
    second = "륙" if b == 6 else _DIGIT[b]
    return _DIGIT[a] + second + ("" if counter in _NOSPACE and counter not in ("년", "일")
                                 else " ") + counter


def _letter_digit(m: re.Match[str]) -> str:
    letters, num = m.groups()
    spoken = "".join(_LETTERS[c] for c in letters)
    if len(num) == 1:
        return spoken + ENGLISH_DIGITS[int(num)]
    return spoken + sino(int(num))


def _paired_particle(m: re.Match[str]) -> str:
    prev, pair = m.groups()
    batchim = _has_batchim(prev)
    if pair == "(으)로":
        return prev + _ro(prev)
    if pair.startswith("(이)"):
        return prev + ("이" if batchim else "") + pair[3:]
    first, second = pair[0], pair[2]
    with_batchim = first if first in "을이은과" else second
    without = second if with_batchim == first else first
    return prev + (with_batchim if batchim else without)


def _both(m: re.Match[str]) -> str:
    prev = m.string[:m.start()].rstrip()
    return ("과 " if _has_batchim(prev) else "와 ") if prev else ""


def _greek(m: re.Match[str]) -> str:
    name = unicodedata.name(m.group(0), "").split()[-1]
    return _GREEK_NAMES.get(name, m.group(0))


def _plain_latin(t: str) -> str:
    """café -> cafe: accented Latin letters lose their accents (then read as letters)."""
    return "".join(unicodedata.normalize("NFKD", c)[0] if "À" <= c <= "ɏ" and c.isalpha()
                   else c for c in t)


def _is_readable(ch: str) -> bool:
    return "가" <= ch <= "힣" or ch in " .,?!:;"


# Punctuation that is structure, not content: dropped without a word to the editor.
_SILENT = set(_DROP) | set("()（）[]{}〔〕【】-–—‒―'\"/\\|™®©℠«»‹›¡¿‚„‛‟′″‴") | set(_SUPERSCRIPTS)


def normalize_checked(text: str, lexicon: Mapping[str, str] | None = None
                      ) -> tuple[str, list[str]]:
    """Written Korean -> (what the voice says, characters that had no reading and were
    removed). Only Hangul, spaces and basic punctuation reach the voice."""
    lex = merged_lexicon(lexicon or {})
    removed: list[str] = []
    # Template syntax written in content ({{ 7*7 }}, {% if %}) is shown literally on the
    # web; read aloud it would be noise ("칠칠"): the whole span is left out and reported.
    removed += [m.group(0) for m in _TEMPLATE.finditer(text)]
    t = _TEMPLATE.sub(" ", text).translate(_CHAR_MAP)
    t = _DASH_RANGE.sub("~", t)
    t = _plain_latin("".join(_FRACTION_CHARS.get(c, c) for c in t))
    t = _hanja(t)
    t = _enclosed(t)
    t = _ENGLISH_GLOSS.sub(r"\1", t)
    t = apply_address_lexicon(t, lex)
    t = _EMAIL.sub(lambda m: _email_read(m, lex), t)
    t = _HANDLE.sub(lambda m: " " + read_address(m.group(0), lex), t)
    t = _URL.sub(lambda m: _url_read(m, lex), t)
    t = apply_lexicon(t, lex)
    t = _TEL_CTX.sub(_tel_context, t)
    t = _POSTCODE.sub(lambda m: ("우편번호" if "우" in m.group(1) else m.group(1)) + " "
                      + digits(m.group(2)) + " ", t)
    t = _POSTCODE_BRACKETED.sub(lambda m: f"{m.group(1)}(우편번호 {digits(m.group(2))})", t)
    t = _POSTCODE_BEFORE_ADDRESS.sub(lambda m: "우편번호 " + digits(m.group(1)) + ", ", t)
    t = _PHONE.sub(lambda m: " " + phone_reading(m.group(0)), t)
    t = _LOCAL_PHONE.sub(_local_phone, t)
    t = _DATE_YM_RANGE.sub(lambda m: f"{int(m.group(1))}년 {int(m.group(2))}월~"
                           f"{int(m.group(3))}월", t)
    t = _DATE_YMD.sub(_ymd, t)
    t = _DATE_YM.sub(lambda m: f"{int(m.group(1))}년 {int(m.group(2))}월", t)
    t = _DATE_MD.sub(lambda m: f"{int(m.group(1))}월 {int(m.group(2))}일", t)
    t = _DATE_MD_COMPACT.sub(lambda m: "{}월 {}일".format(
        *(int(g) for g in m.groups() if g is not None)), t)
    t = _WEEKDAY.sub(lambda m: " " + _WEEKDAYS[m.group(1)], t)
    t = _NUMBER_PAIR.sub(_number_pair, t)
    src = t
    t = _RATIO.sub(lambda m: _ratio(m, src), t)
    t = _TIME.sub(_time, t)
    t = _NUMBER_LIST.sub(lambda m: ", ".join(
        n.strip() + m.group(2) for n in m.group(1).split("·")), t)
    t = _HISTORIC.sub(_historic, t)
    t = _HISTORIC_DATE.sub(_historic, t)
    t = _SERVICE.sub(_service, t)
    t = _ORDINAL_JE.sub(_ordinal_je, t)
    t = _D_DAY.sub(lambda m: f"디데이 {sino(int(m.group(1)))}일 전" if m.group(1) else "디데이", t)
    t = _BASEMENT.sub(lambda m: f"지하 {sino(int(m.group(1)))}층", t)
    t = _SPEED.sub(_speed, t)
    t = _COMPOUND_UNIT.sub(lambda m: f"{m.group(1)}{m.group(2)} 퍼 {UNITS[m.group(3)]}" + (
        particle_after(UNITS[m.group(3)], m.group(4)) if m.group(4) else ""), t)
    t = _MONEY_SIGN.sub(lambda m: m.group(1) + "원", t)
    t = _MONEY_FOREIGN.sub(lambda m: m.group(2) + " " + _MONEY_SIGNS[m.group(1)], t)
    t = _THOUSAND_WON.sub(_thousand_won, t)
    t = _QUARTER.sub(lambda m: _DIGIT[int(m.group(1))] + "사분기", t)
    t = _FRACTION.sub(lambda m: f"{sino(int(m.group(2)))}분의 {sino(int(m.group(1)))}", t)
    src = t
    t = _APPROX.sub(lambda m: _approx(m, src), t)
    t = _RANGE_COPY.sub(_range_copy, t)
    t = _RANGE_TIME.sub(lambda m: f"{m.group(1)}부터 {m.group(2)}까지", t)
    t = _RANGE_OPEN.sub(lambda m: f"{m.group(1)}부터 ", t)
    t = re.sub(r"(\d)\s*~\s*(?=\d)", r"\1에서 ", t)  # 4~6학년: 사에서 육학년
    t = t.replace("~", " 에서 ")
    t = _ARROW.sub(_arrow, t)
    t = _KOREAN_BIG.sub(_korean_big, t)
    t = _DIGIT_LETTER.sub(lambda m: ENGLISH_DIGITS[int(m.group(1))] + _LETTERS[m.group(2)], t)
    t = _LETTER_DIGIT.sub(_letter_digit, t)
    src = t
    t = _NUMBER.sub(lambda m: _number(m, src), t)
    t = _ACRONYM.sub(_english, t)
    t = _SINGLE_CAP.sub(lambda m: _LETTERS[m.group(1)], t)
    t = _LOWER_PREFIX.sub(lambda m: _LETTERS[m.group(1).upper()], t)
    t = _LEFTOVER_WORD.sub(lambda m: "".join(_LETTERS[c] for c in m.group(0).upper()), t)
    t = t.translate({ord(c): None for c in _SUPERSCRIPTS})
    for sym, spoken in [*_SYMBOLS, *_SIGN_WORDS]:
        t = t.replace(sym, spoken)
    t = _GREEK_LETTER.sub(_greek, t)
    t = _BOTH.sub(_both, t)
    t = _PAIRED_PARTICLE.sub(_paired_particle, t)
    t = _BRACKETS.sub(_bracket, t)
    t = t.translate({ord(c): None for c in _DROP})
    t = re.sub(r"\s*-\s+|\s+-\s*", ", ", t)
    t = t.replace("-", " ")
    kept = []
    for ch in t:
        if _is_readable(ch) or ch.isspace():
            kept.append(ch)
        elif "0" <= ch <= "9":
            kept.append(digits(ch, "영"))
        else:
            if ch not in _SILENT and ch not in removed:
                removed.append(ch)
            kept.append(" ")
    t = "".join(kept)
    t = re.sub(r"\s+([,.?!])", r"\1", t)
    t = re.sub(r",\s*([:;])", r"\1", t)  # '시스템(WIPS): …' -> '시스템, 윕스: …'
    t = re.sub(r",(\s*,)+", ",", t)
    t = re.sub(r"[:;](\s*[:;])+", ":", t)
    t = re.sub(r"^[,.:;\s]+|[,:;\s]+$", "", re.sub(r"\s+", " ", t))
    t = re.sub(r"[,.]*([.?!])[,.]*(?=\s|$)", r"\1", t)
    return t, removed


def normalize(text: str, lexicon: Mapping[str, str] | None = None) -> str:
    """Written Korean -> what the voice should say. `lexicon` is merged over the defaults."""
    return normalize_checked(text, lexicon)[0]
