"""Korean strings of the braille edition: messages and the print text it adds.

Gathered here so a reviewer (and the transcriber) can read them together.
"""

# --- errors and warnings -------------------------------------------------------
UNKNOWN_ENGINE = "알 수 없는 점역 엔진 '{value}'입니다. 쓸 수 있는 엔진: {known}"
ENGINE_MISSING = "점역 엔진 '{name}'이(가) 설치되어 있지 않습니다. 설치하거나 다른 엔진을 고르세요."
NO_ENGINE = "점역 엔진(braillify, liblouis)이 하나도 설치되어 있지 않습니다."
BAD_SETTING = "site.yaml의 braille.{key} 값이 잘못되었습니다: {expected}(현재 값: {value})."
UNKNOWN_SETTING = "site.yaml의 braille 설정에 알 수 없는 항목 '{key}'이(가) 있습니다. 쓸 수 있는 항목: {known}"
EXPECT_INT = "{low}부터 {high} 사이의 정수가 필요합니다"
EXPECT_ENGINE = "{known} 중 하나가 필요합니다"
EXPECT_TEXT = "글자가 필요합니다"
EXPECT_BOOL = "true 또는 false가 필요합니다"
DROPPED_SYMBOL = ("점자 기호표에 없는 문자 '{symbol}'({code})을(를) 빼고 점역했습니다: {where}. "
                  "점역 교정사가 확인하거나 글로 풀어 써 주세요.")
LOCATION = "{volume}권 {page}쪽 {line}줄"
ENGINE_ACCURACY = ("점역 엔진 {engine}은(는) 점자 규정 예문 {total}개 가운데 {exact}개({rate:.1%})만 "
                   "규정대로 점역합니다(측정값). 점역 교정사의 확인이 꼭 필요합니다.")
WHERE_LINE = "기사 '{title}' {file} {line}행"
WHERE_ARTICLE = "기사 '{title}'"
CHECK_DIFFERS = "점역 교차 검증: 두 엔진의 결과가 다른 문단 {n}곳 — 점역 교정사 확인 필요({report})."
CHECK_ENGINE_MISSING = "교차 검증용 엔진 '{name}'이(가) 없어 교차 검증을 건너뛰었습니다."

# --- text the edition adds to the braille -------------------------------------
EDITION = "점자판"
DRAFT = "검토용"
CONTENTS = "차례"
TITLE_PAGE = "표지"
NOTE_TITLE = "발행인 인사"
PAGE_COUNT = "전 {n}쪽"
TRANSCRIBER_NOTE = "점역자 주: {text}"
FIGURE = "그림: {alt}"
FIGURE_CAPTION = "그림: {alt} ({caption})"
TABLE = "표: {caption}"
TABLE_NO_CAPTION = "표"
TABLE_ROWS = "{n}행. 행마다 번호를 쓰고 칸마다 줄을 바꾸어 '제목: 값'으로 읽습니다"
EMPTY_CELL = "(빈칸)"
FOOTNOTE = "각주 {n}: {text}"
FOOTNOTE_REF = "(각주 {n})"
BY_AUTHOR = "글: {author}"
BY_AUTHOR_ROLE = "글: {author} ({role})"
DATE = "{d.year}년 {d.month}월 {d.day}일"
PUBLISHED_BY = "발행: {publisher}"
TRANSCRIBED_BY = "점역: {agency}"
VOLUME = "전 {m}권 중 제{n}권"
PRINT_PAGE = "묵자 {n}쪽"
GUIDE = "일러두기"
GUIDE_LINES = (
    "이 점자판은 2024 한국 점자 규정에 따라 점역했습니다.",
    ("쪽 첫 줄 오른쪽 끝의 수는 점자 쪽 번호이고, 기사 첫 줄 오른쪽의 '묵자 쪽'은 인쇄본에서 "
     "그 기사가 시작하는 쪽입니다."),
    "줄 끝의 연결표는 긴 주소가 다음 줄로 이어진다는 표시입니다.",
    "표는 행마다 번호를 쓰고, 칸마다 줄을 바꾸어 '제목: 값'으로 적었습니다.",
)
GUIDE_SYMBOLS = "이 책에 쓰인 특수 기호:"

# --- HTML pages (preview, check report) ---------------------------------------
PREVIEW_TITLE = "{title} {label} 점자판 미리보기"
CHECK_TITLE = "{title} {label} 점역 교차 검증"
ENGINE_ESCAPE = ("점역 엔진 {engine}이(가) '{where}' 부분에서 점자가 아닌 기호를 냈습니다. "
                 "다른 엔진(--braille-engine)을 쓰거나 그 기호를 글로 풀어 써 주세요.")
