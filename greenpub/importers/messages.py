"""Korean messages of `greenpub import` (the importers and the article writer)."""

# The unsorted section and its `check` reminder are shared with the reader.
from ..messages import SECTION_UNSORTED as SECTION_REMINDER  # noqa: F401
from ..messages import UNSORTED_SECTION  # noqa: F401

# --- refused files -------------------------------------------------------------
NOT_FOUND = "가져올 파일을 찾을 수 없습니다."
NOT_A_FILE = "파일이 아니라 폴더입니다."
UNKNOWN_KIND = ("한글(HWP, HWPX)이나 워드(DOCX) 문서가 아닙니다. 가져올 수 있는 파일은 "
                ".hwp, .hwpx, .docx입니다.")
EMPTY = "빈 파일입니다."
TOO_LARGE = "파일이 너무 큽니다({mb} MB). {limit} MB 이하의 문서만 가져올 수 있습니다."
DISTRIBUTION = ("배포용 문서라서 내용을 읽을 수 없습니다. 한글에서 '배포용 문서로 저장'을 "
                "해제한 원본을 받아 주세요.")
PASSWORD = "암호가 걸린 문서라서 열 수 없습니다. 한글이나 워드에서 암호를 풀고 다시 저장해 주세요."
DRM = "보안(DRM)이 걸린 문서라서 열 수 없습니다. 보안을 해제한 원본을 받아 주세요."
CORRUPT = "문서가 손상되어 읽을 수 없습니다. 한글이나 워드에서 열어 다시 저장해 주세요."
OLD_HWP = ("옛 한글 문서 형식(HWP {version})이라 가져올 수 없습니다. 한글에서 "
           "'다른 이름으로 저장 → HWPX'로 저장해 주세요.")
OLD_DOC = ("옛 워드 문서 형식(.doc)이라 가져올 수 없습니다. 워드에서 "
           "'다른 이름으로 저장 → Word 문서(.docx)'로 저장해 주세요.")
NO_TEXT = "문서에 본문 글이 없습니다."

# --- the command ----------------------------------------------------------------
BAD_SLUG = "슬러그 '{slug}'는 영문 소문자·숫자·하이픈만 쓸 수 있습니다(예: spring-festival)."
NO_ISSUE = "호 '{issue}'의 폴더가 없습니다. 먼저 'greenpub new issue {issue}'로 만들어 주세요."
CANNOT_WRITE = "기사를 쓸 수 없습니다({reason}). 폴더 권한과 남은 공간을 확인해 주세요."
SLUG_WITH_MANY = "--slug는 파일을 하나만 가져올 때 쓸 수 있습니다."
IMPORTED = "가져왔습니다: {source} → {target} (슬러그 {slug})"
IMPORTED_IMAGES = "  그림 {n}개를 {folder}에 저장했습니다. 앞머리의 images에 대체 텍스트(alt)를 써 주세요."
REPORT_HEAD = "  옮기지 못했거나 확인할 것:"
NEXT_STEP = "다음 단계: 앞머리의 요약(summary), 분류(section), 그림 설명(alt)을 고친 뒤 'greenpub check'로 확인하세요."
SUMMARY_TODO = "기사를 한두 문장으로 요약해 주세요. 카드뉴스, 공유 미리보기, 오디오북에 쓰입니다."

# --- report lines -----------------------------------------------------------------
TABLE_MERGED = "표 {n}('{first}'): 합친 칸을 나누고 같은 내용을 칸마다 넣었습니다. 표를 확인해 주세요."
TABLE_NO_HEADER = "표 {n}('{first}'): 제목 줄을 알 수 없어 첫 줄을 제목 줄로 썼습니다."
TABLE_AS_TEXT = "표 {n}('{first}'): 한 줄이나 한 칸짜리 표라서 문단으로 옮겼습니다."
FIRST_PARA_TITLE = "제목 스타일이 없어 첫 문단을 제목으로 썼습니다."
NO_TITLE = "제목을 찾지 못해 파일 이름을 제목으로 썼습니다. 앞머리의 title을 고쳐 주세요."
IMAGE_VECTOR = ("그림 {n}은(는) {fmt} 형식이라 변환하지 못해 넣지 않았습니다. 원본 그림을 "
                "PNG나 JPEG로 받아 images 폴더에 넣어 주세요.")
IMAGE_UNREADABLE = "그림 {n}을(를) 읽을 수 없어 넣지 않았습니다(손상되었거나 알 수 없는 형식)."
IMAGE_CONVERTED = "그림 {n}을(를) {fmt}에서 PNG로 바꿨습니다."
NOT_CARRIED = {
    "textbox": "글상자 {n}개의 글을 일반 문단으로 옮겼습니다(위치와 모양은 빠짐).",
    "shape": "도형(선, 사각형 등) {n}개는 옮기지 않았습니다.",
    "equation": "수식 {n}개는 옮기지 않았습니다.",
    "chart": "차트 {n}개는 옮기지 않았습니다. 그림으로 저장해 넣어 주세요.",
    "ole": "문서에 끼운 개체(OLE) {n}개는 옮기지 않았습니다.",
    "comment": "메모(댓글) {n}개는 옮기지 않았습니다.",
    "header-footer": "머리말·꼬리말 {n}개는 옮기지 않았습니다.",
    "page-layout": "쪽 모양(용지, 여백, 다단, 쪽 나눔)은 옮기지 않습니다.",
    "nested-table": "표 안의 표 {n}개를 글로 풀어 넣었습니다.",
    "tracked-change": "변경 내용 추적 {n}건은 반영된 상태로만 옮겼습니다.",
    "hwp5": "HWP 변환에서 빠진 요소 {n}개가 있습니다.",
}
NOT_CARRIED_OTHER = "{what} {n}개는 옮기지 않았습니다."
ENCRYPTED_HWPX = ("암호가 걸렸거나 배포용으로 저장된 문서라서 내용을 읽을 수 없습니다. 한글에서 "
                  "암호나 배포용 설정을 해제한 원본을 받아 주세요.")
