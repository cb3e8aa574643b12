"""Korean messages of the mobile web edition (users are editors and residents)."""

UNKNOWN_SETTING = "site.yaml의 web 설정에 알 수 없는 항목 '{key}'이(가) 있습니다. 사용할 수 있는 항목: {known}"
BAD_SETTING = "site.yaml의 web.{key} 값 '{value}'이(가) 잘못되었습니다: {expected}이(가) 필요합니다."
EXPECT_LINK = "url(https://로 시작하는 주소)과 label(글자)을 가진 항목"
EXPECT_KOGL = "공공누리 유형 번호 1~4"
EXPECT_EMBLEM = "콘텐츠 폴더 안의 SVG·PNG·WebP·JPEG 그림 파일 경로"
EMBLEM_MISSING = "site.yaml의 web.emblem 그림 파일 '{value}'을(를) 찾을 수 없거나 읽을 수 없습니다."
SEARCH_FAILED = "검색 색인(Pagefind)을 만들지 못했습니다: {detail}"
# {field} is filled in by the settings validator with the key's full name.
BAD_FIELD = "'{{field}}' 값 '{value}'이(가) 잘못되었습니다: {expected}이(가) 필요합니다."
