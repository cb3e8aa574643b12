"""The Korean speech normaliser, as a table of written -> spoken cases."""

from __future__ import annotations

import pytest

from greenpub.editions.audio.normalise import (DEFAULT_LEXICON, native, normalize, sino,
                                               unknown_words)

SITE_LEXICON = {"PublicWiFi@seo-gu": "퍼블릭와이파이 앳 서구", "WIPS": "윕스",
                "data.go.kr": "데이터 점 고 점 케이알"}

CASES = [
    # native numbers with native counters
    ("3명", "세 명"),
    ("5개", "다섯 개"),
    ("2시", "두 시"),
    ("12시", "열두 시"),
    ("2권", "두 권"),
    ("20살", "스무 살"),
    ("21살", "스물한 살"),
    ("1,000곳", "천 곳"),
    ("버스쉘터 30곳", "버스쉘터 서른 곳"),
    ("2시간", "두 시간"),
    ("4마리", "네 마리"),
    ("1번째", "첫 번째"),
    ("3번 방문", "세 번 방문"),
    ("1번 출구", "일 번 출구"),
    ("시내버스 외부 20대", "시내버스 외부 스무 대"),
    ("20대 청년", "이십 대 청년"),
    ("7줄, 5칸", "일곱 줄, 다섯 칸"),
    ("영상 30편", "영상 서른 편"),
    # Sino-Korean counters
    ("30분", "삼십 분"),
    ("65세", "육십오 세"),
    ("6개월", "육개월"),
    ("8건", "팔 건"),
    ("2,345회", "이천삼백사십오 회"),
    ("85,000부", "팔만 오천 부"),
    ("본청 1층", "본청 일층"),
    ("제2청사", "제이청사"),
    ("제301호", "제삼백일호"),
    ("2호선", "이호선"),
    ("윈도우 10", "윈도우 십"),
    # dates
    ("2021. 3. 15.", "이천이십일년 삼월 십오일"),
    ("2021-03-15", "이천이십일년 삼월 십오일"),
    ("2021년 3월 15일", "이천이십일년 삼월 십오일"),
    ("6월", "유월"),
    ("10월", "시월"),
    ("6월호", "유월호"),
    ("3. 2.(화)", "삼월 이일 화요일"),
    ("업그레이드(2020. 2.)", "업그레이드, 이천이십년 이월"),
    ("매주 수요일(3·10·17일)", "매주 수요일, 삼일, 십일, 십칠일"),
    ("3·1절", "삼일절"),
    ("6·25 전쟁", "육이오 전쟁"),
    # times and ranges
    ("14:30", "열네 시 삼십 분"),
    ("09:00", "아홉 시"),
    ("오전 9시~오후 6시", "오전 아홉 시부터 오후 여섯 시까지"),
    ("(3. 2.~3. 31.)", "삼월 이일부터 삼월 삼십일일까지"),
    ("2021. 3. 2.(화) ~ 3. 31.(수) 오후 6시",
     "이천이십일년 삼월 이일 화요일부터 삼월 삼십일일 수요일 오후 여섯 시까지"),
    ("교체(2020. 4.~7.)", "교체, 이천이십년 사월부터 칠월까지"),
    ("3~5명", "세 명에서 다섯 명"),
    ("10~20%", "십 퍼센트에서 이십 퍼센트"),
    ("85,000부 → 60,000부", "팔만 오천 부에서 육만 부로"),
    ("고도화(1.0 → 2.0)", "고도화, 일 점 영에서 이 점 영으로"),
    # money
    ("1,000원", "천 원"),
    ("10,000원", "만 원"),
    ("66,000천원", "육천육백만 원"),
    ("396,000천원", "삼억 구천육백만 원"),
    ("₩5,000", "오천 원"),
    ("3억 5천만 원", "삼억 오천만 원"),
    ("1만 원", "만 원"),
    ("1억 원", "일억 원"),
    ("12,345,678,901", "백이십삼억 사천오백육십칠만 팔천구백일"),
    # percent, decimals, fractions
    ("30%", "삼십 퍼센트"),
    ("29.4%", "이십구 점 사 퍼센트"),
    ("0.5", "영 점 오"),
    ("1/3", "삼분의 일"),
    ("2%p", "이 퍼센트포인트"),
    # phone numbers: digit by digit, 0 as 공
    ("☎ 032-560-4114", "전화 공삼이, 오육공에 사일일사"),
    ("010-1234-5678", "공일공, 일이삼사에 오육칠팔"),
    ("02-123-4567", "공이, 일이삼에 사오육칠"),
    ("1588-1234", "일오팔팔에 일이삼사"),
    ("담당관(☎ 032-560-4114)으로 전해 주세요.",
     "담당관으로, 전화 공삼이, 오육공에 사일일사, 전해 주세요."),
    # a bracket before particles run together (에는, 에서도): the particles stay
    ("본청 대회의실(약 330㎡)에는 한 번에", "본청 대회의실에는, 약 삼백삼십 제곱미터, 한 번에"),
    ("서구청(본관)에서도 쓸 수", "서구청에서도, 본관, 쓸 수"),
    # units and symbols
    ("100㎡", "백 제곱미터"),
    ("약 330㎡", "약 삼백삼십 제곱미터"),
    ("5㎞", "오 킬로미터"),
    ("3.5km", "삼 점 오 킬로미터"),
    ("25℃", "이십오 도"),
    ("-3℃", "영하 삼 도"),
    ("90.7MHz", "구십 점 칠 메가헤르츠"),
    ("※ 조사 결과", "참고로, 조사 결과"),
    ("본청·별관", "본청, 별관"),
    ("「사업=홍보」라는 생각", "사업 곧 홍보라는 생각"),
    ("「Green 서구」를 어떻게 받아 보고 싶으세요?", "그린 서구를 어떻게 받아 보고 싶으세요?"),
    # English through the lexicon, acronyms spelled out
    ("WiFi를 켭니다", "와이파이를 켭니다"),
    ("와이파이(Wi-Fi)를 켭니다.", "와이파이를 켭니다."),
    ("보안 무선인터넷(WIFI)을 설치", "보안 무선인터넷을, 와이파이, 설치"),
    ("SNS로 알립니다", "에스엔에스로 알립니다"),
    ("QR코드", "큐알코드"),
    ("ESG 경영", "이에스지 경영"),
    ("A동", "에이동"),
    ("코로나19로", "코로나 일구로"),
    ("PublicWiFi@seo-gu", "퍼블릭와이파이 앳 서구"),
    ("차단시스템(WIPS)이 막습니다", "차단시스템이, 윕스, 막습니다"),
    ("무선침입차단시스템(WIPS): 허가받지 않은", "무선침입차단시스템, 윕스: 허가받지 않은"),
    # URLs and e-mail addresses become a short phrase
    ("https://www.seo.incheon.kr/green/survey 참고", "인터넷 주소 참고"),
    ("자세한 내용은 www.seo.incheon.kr에서", "자세한 내용은 인터넷 주소에서"),
    ("green@seo.incheon.kr로 보내세요", "전자우편 주소로 보내세요"),
    ("누리집(https://data.go.kr).", "누리집, 인터넷 주소."),
    # ... unless the site's lexicon gives the address a reading: then only the whole address
    ("공공데이터포털(data.go.kr)에서 누구나", "공공데이터포털에서, 데이터 점 고 점 케이알, 누구나"),
    ("data.go.kr에서 받으세요", "데이터 점 고 점 케이알에서 받으세요"),
    ("www.data.go.kr/list 참고", "인터넷 주소 참고"),
]


@pytest.mark.parametrize(("written", "spoken"), CASES, ids=[c[0] for c in CASES])
def test_normalise_table(written: str, spoken: str) -> None:
    assert normalize(written, SITE_LEXICON) == spoken


def test_table_is_large() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize(("n", "reading"), [
    (0, "영"), (1, "일"), (10, "십"), (11, "십일"), (100, "백"), (1000, "천"), (10000, "만"),
    (10001, "만 일"), (20000, "이만"), (110000, "십일만"), (100000000, "일억"),
    (100010000, "일억 만"), (2021, "이천이십일"),
])
def test_sino(n: int, reading: str) -> None:
    assert sino(n) == reading


def test_native_forms() -> None:
    assert [native(n) for n in (1, 2, 3, 4, 20, 99)] == ["한", "두", "세", "네", "스무",
                                                        "아흔아홉"]
    assert native(20, attributive=False) == "스물"
    with pytest.raises(ValueError):
        native(100)


def test_site_lexicon_overrides_defaults() -> None:
    assert DEFAULT_LEXICON["Green"] == "그린"
    assert normalize("Green 서구", {"Green": "초록"}) == "초록 서구"
    # case-insensitive fallback, exact spelling preferred
    assert normalize("GREEN 서구") == "그린 서구"
    # a lexicon key is a whole word: not replaced inside a longer English word
    assert normalize("Greenery", {"Green": "초록"}) == "Greenery"


def test_unknown_words_are_reported() -> None:
    assert unknown_words("PublicWiFi@seo-gu를 고르세요. SNS와 Zoom", {}) == [
        "PublicWiFi", "seo-gu", "Zoom"]
    assert unknown_words("PublicWiFi@seo-gu를 고르세요", SITE_LEXICON) == []
    # URLs are not words to read
    assert unknown_words("https://www.example.com/page", {}) == []


def test_no_digits_or_latin_left_in_real_sentences() -> None:
    text = ("올해 신문·방송·영상 매체를 활용한 홍보에는 620,623천원이 쓰입니다. 기간: 2021. 3. 2.(화) "
            "~ 3. 31.(수) 오후 6시, ☎ 032-560-4114(평일 오전 9시~오후 6시)")
    spoken = normalize(text, SITE_LEXICON)
    assert not any(c.isdigit() or c.isascii() and c.isalpha() for c in spoken), spoken
    assert "육억 이천육십이만 삼천 원이 쓰입니다" in spoken
