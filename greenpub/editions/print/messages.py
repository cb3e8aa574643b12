"""Korean text of the print edition: messages to editors and words printed on pages."""

from ...messages import DRAFT_MARK

WATERMARK = DRAFT_MARK  # on every page of a --drafts build

# --- settings (site.yaml print:) -------------------------------------------
UNKNOWN_SETTING = "알 수 없는 설정 '{key}'입니다(오타인지 확인해 주세요). 쓸 수 있는 설정: {known}"
BAD_SETTING = "설정 '{key}'의 값이 잘못되었습니다: {expected}(현재 값: {value})."
EXPECT_PAGE_SIZE = "A4, A5, B5, letter 같은 용지 이름이나 '182mm 257mm' 같은 가로 세로 길이"
EXPECT_MARGINS = "'20mm 16mm 22mm'처럼 mm·cm·pt 단위 길이 1~4개"
EXPECT_RANGE = "{low}~{high} 사이의 수"
EXPECT_CHOICE = "{choices} 가운데 하나"
EXPECT_FONTS = "글꼴 이름 목록(예: [NanumMyeongjo, Noto Serif CJK KR])"
FONT_NOT_INSTALLED = ("설정 '{key}'의 글꼴({fonts})이 이 컴퓨터에 설치되어 있지 않습니다. "
                      "fonts-nanum, fonts-noto-cjk 꾸러미의 글꼴 이름을 써 주세요.")

# --- rendering ---------------------------------------------------------------
MISSING_GLYPH = ("인쇄판: 기사 '{article}'({file})의 글자 '{char}'(U+{code:04X})를 인쇄 글꼴"
                 "({fonts})로 그릴 수 없어 빈 네모(□)로 찍힙니다. 다른 글자로 바꾸거나 "
                 "site.yaml의 print.fonts에 이 글자가 있는 글꼴을 더해 주세요.")
ISSUE_NOTE = "발행인의 글"
FETCH_REFUSED = "인쇄판에는 원고 폴더 밖의 파일이나 인터넷 주소를 넣을 수 없습니다: {url}"
RENDER_FAILED = "인쇄용 PDF를 만들지 못했습니다({kind}: {detail})."
CONTENTS_UNSTABLE = ("인쇄용 PDF를 만들지 못했습니다: 차례의 쪽 번호를 넣을 때마다 차례의 쪽수가 "
                     "바뀝니다. 기사 제목을 조금 줄여 주세요.")

# --- the press PDF (print vendor) ---------------------------------------------
PRESS_NO_GHOSTSCRIPT = ("인쇄소용 PDF를 만들 Ghostscript(gs)가 설치되어 있지 않습니다. "
                        "'make bootstrap' 또는 'apt-get install ghostscript'로 설치해 주세요.")
PRESS_NO_PROFILE = ("인쇄소용 PDF의 CMYK 색상 프로필({path})이 없습니다. "
                    "'apt-get install libgs-common'으로 설치해 주세요.")
PRESS_FAILED = "인쇄소용 PDF를 만들지 못했습니다(Ghostscript: {detail})."
PRESS_LOW_PPI = ("인쇄소용 PDF: 기사 '{article}'의 그림 '{image}'의 인쇄 해상도가 {ppi} ppi입니다. "
                 "300 ppi보다 낮으면 흐리게 인쇄됩니다. 더 큰 원본 그림으로 바꿔 주세요.")
PRESS_TOO_LOW_PPI = ("인쇄소용 PDF: 기사 '{article}'의 그림 '{image}'의 인쇄 해상도가 {ppi} ppi로 "
                     "150 ppi보다 낮아 --strict 빌드를 멈췄습니다. 더 큰 원본 그림으로 바꿔 주세요.")
PRESS_PROBLEMS = "인쇄소용 PDF 사전 점검에서 문제가 발견되었습니다: {problems}. 점검 보고서({report})를 확인해 주세요."
PRESS_COVER = "표지"
PRESS_PROBLEM_NAMES = {"boxes": "재단·도련 상자", "font": "글꼴 미포함", "small-type-not-k":
                       "12pt 미만 글자가 먹(K) 단색이 아님", "rgb": "RGB 색 사용", "ink": "잉크 총량 초과",
                       "pdfx": "PDF/X-1a 요건 미충족"}

# --- printed on the pages ----------------------------------------------------
CONTENTS = "차례"
PUBLISHER = "발행"
PUBLISHED = "발행일"
BYLINE = "글"
QR_WEB = "웹에서 읽기"
QR_AUDIO = "음성으로 듣기"
QR_WEB_ALT = "이 기사 웹 페이지로 가는 QR 코드: {url}"
QR_AUDIO_ALT = "이 기사 음성 파일(MP3)로 가는 QR 코드: {url}"
QR_SITE_ALT = "Green 서구 누리집으로 가는 QR 코드: {url}"
DRAFT_ARTICLE = "검토용 · 미승인 기사"
LARGE_EDITION = "큰 글자판"
BACK_TITLE = "펴낸 곳"
LARGE_PDF = "큰 글자판 PDF"
BACK_OTHER_FORMATS = "이 소식지는 누리집에서 다음 형식으로도 볼 수 있습니다: {formats}."
BACK_QR = "각 기사 제목 옆 QR 코드를 스마트폰 카메라로 비추면 {targets} 바로 연결됩니다."
BACK_QR_TARGETS = {True: "웹 페이지와 음성", False: "웹 페이지"}
# the residents' survey (site.yaml feedback:) on the back page
BACK_FEEDBACK_TITLE = "독자 의견 조사"
BACK_FEEDBACK = ("QR 코드를 스마트폰 카메라로 비추거나 아래 주소로 들어가 소식지에 대한 의견을 "
                 "들려주세요. 보내 주신 의견은 소식지를 만드는 데 반영합니다.")
BACK_FEEDBACK_URL = "설문 주소"
QR_FEEDBACK_ALT = "설문 참여 QR 코드: {label}"


def with_ro(word: str) -> str:
    """`word` with the particle 으로/로: 로 after a vowel or ㄹ, 으로 after other final
    consonants (the back page used to print "(으)로")."""
    last = word.rstrip()[-1:] if word.strip() else ""
    if "가" <= last <= "힣":
        final = (ord(last) - 0xAC00) % 28
        return word + ("로" if final in (0, 8) else "으로")  # 8: ㄹ
    return word + "(으)로"


def back_other_formats(formats: tuple[str, ...] | list[str], large: bool = False) -> str:
    """The back page names only the other editions this build actually made (by the titles
    they declare); the large-print PDF does not offer itself as another format."""
    from .. import registry

    names = [cls.title for name, cls in registry().items() if name in formats
             and name != "print"]
    if not large and "print" in formats:
        names.insert(0, LARGE_PDF)
    text = BACK_OTHER_FORMATS.format(formats=", ".join(names)) if names else ""
    targets = with_ro(BACK_QR_TARGETS["audio" in formats])
    return (text + " " + BACK_QR.format(targets=targets)).strip()


CONTACT_LABELS = {
    "department": "담당",
    "address": "주소",
    "phone": "전화",
    "email": "전자우편",
    "fax": "팩스",
    "text": "연락처",
}
PRESS_EDITION = "인쇄소용"
