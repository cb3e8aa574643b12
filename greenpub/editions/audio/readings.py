"""Reading tables of the speech normaliser: special characters, units, address words,
service numbers. Data only; the passes that use them are in normalise.py."""

from __future__ import annotations

# Enclosed and compatibility characters read as words. Circled numbers become list
# ordinals (① 첫째), circled jamo their names, parenthesised corporate marks the words.
CORPORATE = {"㈜": "주식회사", "㈔": "사단법인", "㈕": "유한회사", "㈖": "재단법인",
             "㈗": "합자회사", "㈘": "합명회사", "㈙": "노동조합", "㈚": "사회복지법인",
             "㉿": "한국산업규격", "㈝": "오전", "㈞": "오후"}
JAMO_NAMES = ["기역", "니은", "디귿", "리을", "미음", "비읍", "시옷", "이응", "지읒", "치읓",
              "키읔", "티읕", "피읖", "히읗"]
JAMO_SYLLABLES = ["가", "나", "다", "라", "마", "바", "사", "아", "자", "차", "카", "타", "파",
                  "하"]
ROMAN = {c: i for i, c in enumerate("ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ", 1)}
ROMAN.update({c: i for i, c in enumerate("ⅰⅱⅲⅳⅴⅵⅶⅷⅸⅹⅺⅻ", 1)})


def enclosed_number(ch: str) -> int | None:
    """①..⑳ ㉑..㉟ ㊱..㊿ ⑴..⒇ ⒈..⒛ ❶..❿ ➀..➉ ➊..➓ -> their number."""
    o = ord(ch)
    for start, end, first in ((0x2460, 0x2473, 1), (0x3251, 0x325F, 21), (0x32B1, 0x32BF, 36),
                              (0x2474, 0x2487, 1), (0x2488, 0x249B, 1), (0x2776, 0x277F, 1),
                              (0x2780, 0x2789, 1), (0x278A, 0x2793, 1), (0x24EB, 0x24F4, 11)):
        if start <= o <= end:
            return first + o - start
    return None


def enclosed_jamo(ch: str) -> str | None:
    """㉠ 기역, ㈀ 기역, ㉮ 가, ㈎ 가 (list markers in Korean documents)."""
    o = ord(ch)
    for start, table in ((0x3260, JAMO_NAMES), (0x3200, JAMO_NAMES), (0x326E, JAMO_SYLLABLES),
                         (0x320E, JAMO_SYLLABLES)):
        if start <= o < start + 14:
            return table[o - start]
    return None


# Units after a number. Compound units (a/b) are read "a 퍼 b"; speed units take the
# Korean prefix 시속/초속/분속 before the number instead.
UNITS = {
    "㎢": "제곱킬로미터", "km²": "제곱킬로미터", "km2": "제곱킬로미터", "㎡": "제곱미터",
    "m²": "제곱미터", "m2": "제곱미터", "㎥": "세제곱미터", "m³": "세제곱미터",
    "m3": "세제곱미터", "㎤": "세제곱센티미터", "cm³": "세제곱센티미터", "㎠": "제곱센티미터",
    "cm²": "제곱센티미터",
    "㎞": "킬로미터", "km": "킬로미터", "㎝": "센티미터", "cm": "센티미터",
    "㎜": "밀리미터", "mm": "밀리미터", "㎛": "마이크로미터", "μm": "마이크로미터",
    "㎚": "나노미터", "nm": "나노미터",
    "㎏": "킬로그램", "kg": "킬로그램", "㎎": "밀리그램", "mg": "밀리그램", "㎍": "마이크로그램",
    "μg": "마이크로그램", "ug": "마이크로그램", "g": "그램", "t": "톤",
    "㎖": "밀리리터", "mL": "밀리리터", "ml": "밀리리터", "ℓ": "리터", "L": "리터",
    "㎗": "데시리터", "dL": "데시리터", "㎘": "킬로리터", "kL": "킬로리터", "㏄": "시시",
    "cc": "시시",
    "℃": "도", "°C": "도", "℉": "도", "°F": "도", "°": "도",
    "㏊": "헥타르", "ha": "헥타르",
    "GB": "기가바이트", "MB": "메가바이트", "KB": "킬로바이트", "TB": "테라바이트",
    "Gbps": "기가비피에스", "Mbps": "메가비피에스",
    "m": "미터", "%p": "퍼센트포인트", "%P": "퍼센트포인트", "%": "퍼센트", "‰": "퍼밀",
    "㎒": "메가헤르츠", "MHz": "메가헤르츠", "㎑": "킬로헤르츠", "kHz": "킬로헤르츠",
    "㎓": "기가헤르츠", "GHz": "기가헤르츠", "㎐": "헤르츠", "Hz": "헤르츠",
    "㎾": "킬로와트", "kW": "킬로와트", "㎿": "메가와트", "MW": "메가와트", "GW": "기가와트",
    "㎽": "밀리와트", "W": "와트", "㎾h": "킬로와트시", "kWh": "킬로와트시", "MWh": "메가와트시",
    "GWh": "기가와트시", "Wh": "와트시", "kcal": "킬로칼로리", "㎉": "킬로칼로리",
    "㎈": "칼로리", "cal": "칼로리", "㏈": "데시벨", "dB": "데시벨", "ppm": "피피엠",
    "ppb": "피피비", "㏃": "베크렐", "Bq": "베크렐", "㏜": "시버트", "mSv": "밀리시버트",
    "μSv": "마이크로시버트", "㎪": "킬로파스칼", "hPa": "헥토파스칼", "㍱": "헥토파스칼",
    "kV": "킬로볼트", "mAh": "밀리암페어시", "lx": "럭스",
    "tCO2": "이산화탄소 톤", "tCO₂": "이산화탄소 톤",
}
SPEED_UNITS = {"km/h": ("시속", "킬로미터"), "㎞/h": ("시속", "킬로미터"),
               "㎞/시": ("시속", "킬로미터"), "km/시": ("시속", "킬로미터"),
               "m/s": ("초속", "미터"), "㎧": ("초속", "미터"), "m/min": ("분속", "미터")}

# Numbers said digit by digit when they stand alone: emergency and public service lines.
SERVICE_NUMBERS = frozenset(
    "110 111 112 113 114 117 118 119 120 121 122 123 125 126 127 128 129 131 132 133 134 "
    "182 1301 1330 1331 1332 1333 1335 1339 1345 1350 1355 1357 1366 1369 1372 1377 1379 "
    "1382 1384 1388 1390 1393 1394 1396 1398 1399 1544 1577 1588 1600 1644 1661 1666 1670 "
    "1688 1899".split())

# Parts of e-mail and web addresses a listener recognises as words; anything else is
# spelled letter by letter so it can be typed.
ADDRESS_WORDS = {
    "www": "더블유 더블유 더블유", "kr": "케이알", "com": "컴", "net": "넷", "org": "오알지",
    "or": "오알", "co": "씨오", "go": "고", "ac": "에이씨", "re": "알이", "gov": "거브",
    "edu": "에듀", "info": "인포", "incheon": "인천", "seoul": "서울", "korea": "코리아",
    "green": "그린", "naver": "네이버", "daum": "다음", "hanmail": "한메일", "gmail": "지메일",
    "kakao": "카카오", "nate": "네이트", "data": "데이터", "news": "뉴스", "blog": "블로그",
    "mail": "메일", "youtube": "유튜브", "instagram": "인스타그램", "facebook": "페이스북",
    "open": "오픈", "survey": "서베이", "help": "헬프", "admin": "어드민", "web": "웹",
    "seogu": "서구", "smart": "스마트", "city": "시티", "eco": "에코", "art": "아트",
    "library": "라이브러리", "lib": "립", "center": "센터", "welfare": "웰페어",
    "event": "이벤트", "min": "민", "line": "라인", "me": "미", "tv": "티브이", "app": "앱",
    "youth": "유스", "book": "북", "bit": "비트", "ly": "엘와이", "forms": "폼스",
    "google": "구글", "apple": "애플", "cafe": "카페", "band": "밴드", "map": "맵",
    "go.kr": "고 점 케이알",
}
ADDRESS_SYMBOLS = {"@": "골뱅이", ".": "점", "-": "하이픈", "_": "언더바", "/": "슬래시",
                   ":": "콜론", "~": "물결", "+": "플러스", "=": "이퀄", "?": "물음표",
                   "#": "샵", "&": "앤드", "%": "퍼센트"}
ENGLISH_DIGITS = ["제로", "원", "투", "쓰리", "포", "파이브", "식스", "세븐", "에이트", "나인"]
