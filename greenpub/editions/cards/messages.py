"""Korean messages of the card news edition, gathered so a reviewer can read them together."""

# --- theme (layouts/cards/theme.yaml) -----------------------------------------
NO_THEME = "카드뉴스 테마 파일이 없습니다. layouts/cards/theme.yaml을 만들어 주세요."
THEME_NOT_MAPPING = "카드뉴스 테마는 '항목: 값' 형식이어야 합니다."
BAD_COLOR = ("'{field}'의 색 '{value}'을(를) 알 수 없습니다.{hint} '#0F5C3A'처럼 # 뒤에 16진수 "
             "6자리를 쓰거나 colors에 정의한 이름을 써 주세요.")
BAD_HEX = ("'{field}'의 색 '{value}'을(를) 알 수 없습니다. colors에는 '#0F5C3A'처럼 # 뒤에 "
           "16진수 6자리를 써 주세요.")
BAD_BOX = "'{field}'은(는) [x, y, 너비, 높이] 네 개의 정수여야 합니다(현재 값: {value})."
BAD_SIZE = "'{field}'은(는) [너비, 높이] 두 개의 양의 정수여야 합니다(현재 값: {value})."
BAD_NUMBER = "'{field}'은(는) {low}~{high} 사이의 수여야 합니다(현재 값: {value})."
BAD_CHOICE = "'{field}'의 값 '{value}'은(는) 쓸 수 없습니다. 쓸 수 있는 값: {known}"
NO_FONT_FILE = "'{field}'의 글꼴 파일 '{value}'이(가) 없습니다. 데비안 글꼴 꾸러미({package})를 설치해 주세요."
BAD_FONT_FILE = "'{field}'의 글꼴 파일 '{value}'을(를) 읽을 수 없습니다({reason})."
NO_FONTS = "'{field}'에 글꼴 파일이 없습니다. 글꼴 파일 경로를 하나 이상 적어 주세요."
FONT_INDEX = "'{field}': 글꼴 모음 '{value}'에는 {count}개 글꼴만 있습니다(#0~#{last})."
UNKNOWN_FONT = "'{field}'의 글꼴 '{value}'이(가) fonts에 없습니다.{hint} 있는 글꼴: {known}"
UNKNOWN_STYLE = "'{field}'의 글자 모양 '{value}'이(가) styles에 없습니다.{hint} 있는 모양: {known}"
UNKNOWN_SIZE = "'{field}'의 크기 '{value}'이(가) sizes에 없습니다.{hint} 있는 크기: {known}"
MIN_ABOVE_SIZE = "'{field}': 최소 글자 크기(min_size {min_size})가 글자 크기(size {size})보다 큽니다."
NO_LOGO = "로고 파일 '{value}'이(가) 없습니다(layouts/cards/ 기준 경로)."
BAD_LOGO = "로고 파일 '{value}'을(를) 그림으로 읽을 수 없습니다({reason})."
MISSING_SLIDE = "테마에 '{kind}' 장({label}) 정의가 없습니다. slides.{kind}를 추가해 주세요."
LAYER_KIND = ("'{field}'의 층은 rect(색 상자), scrim(반투명 막), image(그림), text(글자) 중 "
              "하나를 하나만 가져야 합니다.")
OUTSIDE_SLIDE = "'{field}'의 상자 {box}가 장({width}×{height}) 밖으로 나갑니다."
OUTSIDE_MARGIN = ("'{field}'의 상자 {box}가 여백(margins) 안쪽 영역 {safe} 밖으로 나갑니다. "
                  "글자와 그림은 여백 안에 두어야 휴대전화 화면에서 잘리지 않습니다.")
BAD_TEMPLATE = "'{field}'의 글 틀(Jinja2)이 잘못되었습니다: {detail}"
UNKNOWN_VARIABLE = "'{field}'에서 알 수 없는 값 {detail}을(를) 씁니다.{hint} 쓸 수 있는 값: {known}"
LOW_CONTRAST = ("'{field}'의 글자색 {fg}과(와) 바탕색 {bg}의 명도 대비가 {ratio:.2f}:1로 "
                "기준(4.5:1, WCAG AA)보다 낮습니다. 더 어둡거나 밝은 색을 골라 주세요.")
LOW_CONTRAST_QR = ("QR 코드 색 {fg}과(와) 바탕색 {bg}의 명도 대비가 {ratio:.2f}:1로 "
                   "기준(4.5:1)보다 낮아 휴대전화로 읽기 어렵습니다.")
TEXT_OVERLAP = ("'{field}'의 글자 상자 {box}가 '{other}'의 글자 상자 {other_box}와 겹칩니다. "
                "글이 길어지면 서로 덮어쓰므로 상자를 겹치지 않게 옮겨 주세요.")
TEXT_OVER_IMAGE = ("'{field}'의 글자가 그림 층('{image}') 위에 놓여 명도 대비를 확인할 수 없습니다. "
                   "글자 상자를 그림과 겹치지 않게 옮겨 주세요.")

# --- site.yaml cards: ----------------------------------------------------------
SETTINGS_UNKNOWN = "cards: 알 수 없는 항목 '{key}'입니다. 쓸 수 있는 항목: {known}"
SETTINGS_RANGE = "cards.{key}은(는) {low}~{high} 사이의 정수여야 합니다(현재 값: {value})."

# --- articles ------------------------------------------------------------------
CARD_COUNT = ("기사 '{title}'의 card: 항목은 {low}~{high}개여야 합니다(현재 {n}개). "
              "카드뉴스 본문 장은 {low}~{high}장입니다.")
CARD_EMPTY = "기사 '{title}'의 card: {n}번째 항목이 비어 있습니다."
TOO_FEW_SENTENCES = ("기사 '{title}'에서 카드뉴스 본문으로 쓸 문장을 {n}개만 찾았습니다. "
                     "앞머리에 card: 목록(2~5개 문장)을 적어 주세요.")
MISSING_GLYPH = ("기사 '{title}'의 카드뉴스 {slide}: 글자 '{char}'(U+{code:04X})는 카드 글꼴"
                 "({fonts}) 어디에도 없어 그릴 수 없습니다. 다른 글자로 바꿔 주세요.")
MISSING_GLYPH_ISSUE = ("{issue} 공유 이미지: 글자 '{char}'(U+{code:04X})는 카드 글꼴({fonts}) "
                       "어디에도 없어 그릴 수 없습니다. 다른 글자로 바꿔 주세요.")
TOO_LONG = ("기사 '{title}'의 카드뉴스 {slide}: 글이 너무 길어 상자에 들어가지 않습니다"
            "(가장 작은 글자 크기 {min_size}px에서도 {need}). 문장을 줄이거나 card: 항목을 "
            "둘로 나눠 주세요: “{excerpt}”")
TOO_LONG_ISSUE = ("{issue} 공유 이미지: 글이 너무 길어 상자에 들어가지 않습니다(가장 작은 글자 "
                  "크기 {min_size}px에서도 {need}): “{excerpt}”")
NEED_LINES = "{lines}줄이 필요하지만 {max_lines}줄까지만 들어갑니다"
NEED_WIDTH = "낱말 “{word}”이(가) 한 줄보다 깁니다"
SLIDE_NAME = "{n}번째 장({label})"
TOO_LONG_FIELD = ("기사 '{title}'의 카드뉴스 {slide}: {field} 항목의 글이 너무 길어 상자에 들어가지 "
                  "않습니다(가장 작은 글자 크기 {min_size}px에서도 {need}). {hint}: “{excerpt}”")
FIELD_HINTS = {
    "title": "앞머리에 card_title: 로 카드뉴스용 짧은 제목을 적어 주세요",
    "card_title": "card_title을 더 짧게 줄여 주세요",
    "subtitle": "부제(subtitle)를 줄여 주세요",
    "section": "분류(section) 이름을 줄여 주세요",
    "card": "문장을 줄이거나 card: 항목을 둘로 나눠 주세요",
    "summary": "요약(summary)을 줄이거나 앞머리에 card: 목록을 적어 주세요",
    "body": "본문에서 고른 문장이 깁니다. 앞머리에 card: 목록(2~5개 문장)을 적어 주세요",
}
FIELD_BODY = "본문"
FIELD_THEME = "테마(layouts/cards/theme.yaml)"
PHOTO_ALT = "사진: {alt}"

SLIDE_LABELS = {
    "cover": "표지",
    "cover_photo": "사진 표지",
    "photo": "사진",
    "content": "본문",
    "closing": "마무리",
    "closing_feedback": "마무리",
    "og_article": "공유 이미지",
    "og_issue": "호 공유 이미지",
}
QR_ALT = "기사 주소 QR 코드"
