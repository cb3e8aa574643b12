"""User-facing Korean messages, gathered so a reviewer can read them together.

Editions keep their own rendering-specific messages beside their code but follow
the same style: say what is wrong, where, and what to do.
"""

# --- reading files -----------------------------------------------------------
FILE_TOO_LARGE = "파일이 너무 큽니다({size} MB). 원고 파일은 20 MB 이하여야 합니다."
EMPTY_FILE = "빈 파일입니다. 앞머리(front matter)와 본문을 작성해 주세요."
BINARY_FILE = "텍스트 파일이 아닙니다(이진 데이터). 마크다운(.md) 원고인지 확인해 주세요."
WRONG_ENCODING = ("파일 인코딩이 UTF-8이 아니라 {found}로 보입니다. "
                  "편집기에서 '다른 이름으로 저장 → 인코딩: UTF-8'로 다시 저장해 주세요.")
LINE_TOO_LONG = "한 줄이 너무 깁니다({n:,}자). 붙여 넣은 내용이 깨지지 않았는지 확인해 주세요."
CONTROL_CHAR = "보이지 않는 제어 문자(U+{code:04X})가 들어 있습니다. 지우고 다시 저장해 주세요."
CANNOT_READ = "파일을 읽을 수 없습니다: {reason}"
IS_FOLDER = "파일이 아니라 폴더입니다"
NO_PERMISSION = "읽기 권한이 없습니다"
NO_FRONT_MATTER = "파일 맨 앞에 '---'로 시작하는 앞머리(front matter)가 없습니다."
FRONT_MATTER_UNCLOSED = "앞머리(front matter)를 닫는 '---' 줄이 없습니다."
FRONT_MATTER_NOT_MAPPING = "앞머리는 '항목: 값' 형식이어야 합니다(목록이나 문장만 있으면 안 됩니다)."
BAD_YAML = "앞머리(YAML) 형식이 잘못되었습니다: {detail}"
BAD_YAML_FILE = "YAML 형식이 잘못되었습니다: {detail}"
YAML_TAB = "탭 문자는 쓸 수 없습니다. 들여쓰기는 공백(스페이스)으로 해 주세요."
YAML_QUOTE = ("이 줄에서 연 따옴표가 닫히지 않았습니다. 여는 따옴표와 닫는 따옴표의 "
              "짝을 확인해 주세요.")
YAML_DUPLICATE_KEY = "항목 '{key}'이(가) 두 번 나옵니다. 하나만 남겨 주세요."
YAML_COLON = ("값 안에 ': '(콜론과 공백)이 있거나 들여쓰기가 어긋났습니다. 값에 콜론이 "
              "들어가면 값 전체를 따옴표로 감싸 주세요(예: title: \"제목: 부제\").")
YAML_NO_COLON = "이 줄에 '항목: 값'의 콜론(:)이 없습니다. '항목: 값' 형식으로 써 주세요."
YAML_RESERVED = "값이 '{char}' 문자로 시작하면 값 전체를 따옴표로 감싸 주세요(예: \"@서구\")."
YAML_ALIAS = "값이 '*' 또는 '&' 문자로 시작하면 값 전체를 따옴표로 감싸 주세요(예: \"*중요*\")."
YAML_FLOW = "대괄호 [ ] 또는 중괄호 { } 가 닫히지 않았습니다. 짝을 확인해 주세요."
YAML_AFTER_VALUE = ("값 뒤에 읽을 수 없는 글자가 있습니다. 따옴표로 감싼 값이면 닫는 따옴표 "
                    "뒤에 글자가 없어야 합니다.")
YAML_INDENT = ("들여쓰기가 맞지 않습니다. 같은 단계의 항목은 같은 칸에서 시작하고, "
               "목록(-)과 '항목: 값'을 섞지 마세요.")
YAML_BAD_DATE = "'{value}'은(는) 달력에 없는 날짜입니다. YYYY-MM-DD 형식의 실제 날짜로 고쳐 주세요."
YAML_BAD_VALUE = "값 '{value}'을(를) 읽을 수 없습니다. 값을 따옴표로 감싸거나 고쳐 주세요."
YAML_TOO_DEEP = "괄호나 들여쓰기가 너무 깊게 겹쳐 있습니다. 붙여 넣은 내용이 깨지지 않았는지 확인해 주세요."
YAML_GENERIC = ("YAML 문법을 해석할 수 없습니다. 들여쓰기(공백), '항목: 값'의 콜론, "
                "따옴표의 짝을 확인해 주세요.")

# --- fields ------------------------------------------------------------------
MISSING_FIELD = "필수 항목 '{field}'이(가) 없습니다."
EMPTY_FIELD = "'{field}' 항목이 비어 있습니다."
WRONG_TYPE = "'{field}' 항목의 형식이 잘못되었습니다: {expected}이(가) 필요합니다(현재 값: {value})."
T_TEXT = "문자열"
T_INT = "정수(예: 123)"
T_DATE = "날짜(YYYY-MM-DD, 예: 2021-03-02)"
T_LIST = "목록"
T_MAP = "'항목: 값' 묶음"
T_NUMBER = "숫자(예: 1.5)"
T_BOOL = "true 또는 false"
T_VALUE = "올바른 값"
DID_YOU_MEAN = " 혹시 '{key}'을(를) 쓰려던 것인가요?"
UNKNOWN_SETTING_KEY = "알 수 없는 설정 '{key}'입니다.{hint} 쓸 수 있는 설정: {known}"
BAD_LENGTH = "'{field}' 항목의 개수가 맞지 않습니다({limits})."
LENGTH_AT_LEAST = "최소 {low}개"
LENGTH_AT_MOST = "최대 {high}개"
OUT_OF_RANGE = "'{field}' 값 {value}은(는) 쓸 수 없습니다: {limit}."
AT_LEAST = "{limit} 이상이어야 합니다"
AT_MOST = "{limit} 이하여야 합니다"
MORE_THAN = "{limit}보다 커야 합니다"
LESS_THAN = "{limit}보다 작아야 합니다"
NOT_ONE_OF = "'{field}' 값 '{value}'은(는) 쓸 수 없습니다. 가능한 값: {known}"
BAD_FORMAT = "'{field}' 값 '{value}'의 형식이 잘못되었습니다."
UNKNOWN_CHECKPOINT = ("알 수 없는 검토 단계 '{value}'입니다. site.yaml의 review.checkpoints에 "
                      "있는 단계({known}) 중 하나를 써 주세요.")
UNKNOWN_STATUS = ("알 수 없는 검토 상태 '{value}'입니다. pending(대기), approved(승인), "
                  "changes-requested(수정 요청), rejected(반려) 중 하나를 써 주세요.")
DUPLICATE_MEMBER = "편집위원 id '{value}'가 두 번 나옵니다."
UNKNOWN_MEMBER = ("'{field}'의 '{value}'은(는) committee에 없는 편집위원 id입니다. "
                  "있는 id: {known}")
BAD_QUORUM = "정족수(quorum) {value}은(는) 1 이상, 심의할 수 있는 위원 수({n}) 이하여야 합니다."
BAD_CHAIR = "위원장(chair) '{value}'은(는) 이 단계의 위원(members)이어야 합니다. 가능한 id: {known}"
BAD_COMMITTEE_ROLE = "편집위원 구분 '{value}'은(는) 쓸 수 없습니다. 당연직 또는 위촉직으로 써 주세요."
QUOTE_THIS = ("'{field}' 값 {value}이(가) 숫자로 읽혔습니다(맨 앞의 0이 사라질 수 있습니다). "
              "따옴표로 감싸 주세요(예: \"032-560-4114\").")
UNDEFINED_FOOTNOTE = "각주 '{ref}'의 내용이 없습니다. 본문 아래에 '{ref}: 각주 내용' 줄을 써 주세요."
BAD_FEEDBACK_URL = "'feedback.url' 값 '{value}'은(는) 웹 주소가 아닙니다: https://로 시작하는 설문 주소를 적어 주세요."
FEEDBACK_LABEL = "소식지 독자 의견 조사 참여하기"
UNKNOWN_KEY = "알 수 없는 항목 '{key}'입니다(오타인지 확인해 주세요). 사용할 수 있는 항목: {known}"
DUPLICATE_CHECKPOINT = "검토 단계 id '{value}'가 두 번 나옵니다."
NO_CHECKPOINTS = "review.checkpoints에 검토 단계가 하나 이상 있어야 합니다."
BAD_ISSUE_ID = "호 폴더 이름 '{name}'은(는) YYYY-MM 형식이어야 합니다(예: 2021-03)."
BAD_ARTICLE_NAME = ("기사 파일 이름 '{name}'은(는) '숫자-슬러그.md' 형식이어야 합니다"
                    "(예: 01-wifi.md, 슬러그는 영문 소문자·숫자·하이픈).")
DUPLICATE_SLUG = "슬러그 '{slug}'가 같은 호의 다른 파일({other})과 겹칩니다."
DUPLICATE_PREFIX = "순서 번호 '{prefix}'가 같은 호의 다른 파일({other})과 겹칩니다."
DUPLICATE_NUMBER = "호수 {number}이(가) 다른 호({other})와 겹칩니다."
NO_ISSUE_FILE = "호 폴더에 _issue.md 파일이 없습니다."
BAD_BASE_URL = "base_url '{value}'은(는) https://로 시작하는 누리집 주소여야 합니다."
NO_SITE_FILE = "site.yaml 파일이 없습니다. 원고 폴더({folder})가 맞는지 확인해 주세요."
NO_ISSUES = "원고 폴더에 호(YYYY-MM 폴더)가 하나도 없습니다."
UNKNOWN_ISSUE = "호 '{issue}'을(를) 찾을 수 없습니다. 있는 호: {known}"

UNSORTED_SECTION = "미분류"
SECTION_UNSORTED = "분류(section)가 '미분류'입니다. 알맞은 분류(예: 구정 소식)로 바꿔 주세요."

# --- images ------------------------------------------------------------------
BAD_FOCUS = ("'{field}'은(는) 사진에서 지켜야 할 곳을 [가로, 세로] 두 수(0~1, 왼쪽·위 끝이 0, "
             "가운데가 [0.5, 0.5])로 적어야 합니다(현재 값: {value}).")
IMAGE_NO_ALT = "이미지 '{src}'에 대체 텍스트(alt)가 없습니다. 시각장애인 독자를 위해 꼭 적어 주세요."
IMAGE_MISSING = "이미지 파일 '{src}'을(를) 찾을 수 없습니다."
IMAGE_MISSING_CASE = ("이미지 파일 '{src}'을(를) 찾을 수 없습니다. 대소문자만 다른 '{found}'이(가) "
                      "있습니다. 파일 이름을 글자 그대로 맞춰 주세요.")
IMAGE_BACKSLASH = ("이미지 경로 '{src}'에 역슬래시(\\)가 있습니다. 경로는 '/'로 나눠 주세요"
                   "(예: {fixed}).")
FILE_OUTSIDE = ("이 원고 파일은 원고 폴더 밖의 파일을 가리키는 바로가기(심볼릭 링크)입니다. "
                "원고 파일을 호 폴더 안에 직접 두어 주세요.")
IMAGE_CONVERT = "이미지를 변환할 수 없습니다(파일이 손상되었을 수 있습니다). 다시 저장해 주세요."
IMAGE_OUTSIDE = ("이미지 경로 '{src}'가 원고 폴더 밖을 가리킵니다. 이미지는 호 폴더의 "
                 "images/ 안에 두고 'images/파일이름'처럼 적어 주세요.")
IMAGE_NOT_IMAGE = "'{src}'은(는) 이미지 파일이 아니거나 손상되었습니다({reason})."
IMAGE_UNKNOWN_KIND = "이미지 형식을 알아볼 수 없음"
IMAGE_DAMAGED = "파일이 잘렸거나 손상됨"
IMAGE_FILE_TOO_LARGE = "이미지 파일 '{src}'이(가) 너무 큽니다({mb} MB). {limit} MB 이하로 줄여 주세요."
IMAGE_TOO_LARGE = ("이미지 '{src}'의 크기가 너무 큽니다({pixels:,} 화소). "
                   "{limit:,} 화소 이하로 줄여 주세요.")
IMAGE_FORMAT = "이미지 '{src}'의 형식({fmt})은 쓸 수 없습니다. JPEG, PNG, WebP, GIF 중 하나로 저장해 주세요."
STRAY_DOCUMENT = ("{kind} 파일은 빌드에 쓰이지 않습니다. 기사로 실으려면 'greenpub import'로 "
                  "마크다운 기사로 바꿔 주세요(그대로 두면 이 기사는 빠집니다).")
STRAY_LOCK_FILE = "문서 편집기가 남긴 임시 잠금 파일(~$)입니다. 편집기를 닫은 뒤 지워 주세요."
STRAY_COPY = ("복사본으로 보이는 원고입니다. 기사 파일 이름은 '숫자-슬러그.md'여야 하므로 "
              "빌드에 쓰이지 않습니다. 필요 없으면 지워 주세요.")
STRAY_MARKDOWN_DEEP = "하위 폴더의 마크다운 파일은 빌드에 쓰이지 않습니다. 기사는 호 폴더 바로 아래에 두어 주세요."
STRAY_IMAGE = "어느 기사에도 쓰이지 않은 이미지입니다. 기사에 넣거나 지워 주세요."
STRAY_OTHER = "빌드에 쓰이지 않는 파일입니다."

# --- markdown ----------------------------------------------------------------
HTML_REMOVED = "허용되지 않는 HTML({what})을 제거했습니다. 본문에는 스크립트나 외부 삽입을 쓸 수 없습니다."

# --- review gate -------------------------------------------------------------
REASON_NOT_APPROVED = "{label}: 미승인 단계"
REASON_NO_ENTRY = "{label}: 미승인 단계(검토 기록 없음)"
REASON_CHANGES = "{label}: 수정 요청"
REASON_REJECTED = "{label}: 반려"
REASON_STALE = "{label}: 승인 후 내용 변경({changes})"
REASON_OLD_DEFINITION = "{label}: 검토 기준 변경으로 다시 승인 필요"
REASON_QUORUM = "{label}: 정족수 미달(현재 내용 승인 {n}/{needed}명)"
QUORUM_PROGRESS = "현재 내용 승인 {n}/{needed}명"
REASON_BLOCKED = "{label}: {who} {status}"
STALE_UNKNOWN = "승인한 내용 기록 없음, 승인 {old} → 현재 {new}"
STATUS_LABELS = {
    "pending": "대기",
    "approved": "승인",
    "changes-requested": "수정 요청",
    "rejected": "반려",
}
STALE_LABEL = "승인 후 변경"
OLD_DEFINITION_LABEL = "기준 변경"
STATUS_WORDS = {  # what `review approve --status` accepts, Korean or English
    "approved": "approved", "승인": "approved",
    "pending": "pending", "대기": "pending",
    "changes-requested": "changes-requested", "수정 요청": "changes-requested",
    "수정요청": "changes-requested",
    "rejected": "rejected", "반려": "rejected",
}
DRAFT_MARK = "검토용"

# --- review commands ---------------------------------------------------------
APPROVED_RECORDED = "{file}: '{checkpoint}' 단계에 '{status}'(으)로 기록했습니다(해시 {hash}, {by}, {date})."
NOT_A_MEMBER = ("'{by}'은(는) '{label}' 단계에 결정을 기록할 수 없습니다. "
               "기록할 수 있는 사람: {allowed}")
AMBIGUOUS_MEMBER = "'{by}'에 해당하는 편집위원이 여럿입니다({found}). id로 써 주세요."
ORDER_FIRST = ("'{label}' 단계는 앞 단계 '{earlier}'이(가) 현재 내용으로 통과한 뒤에 "
               "승인할 수 있습니다({reason}).")
OVERRIDE_NOT_CHAIR = "재정(--override)은 '{label}' 단계의 위원장({chair})만 기록할 수 있습니다."
OVERRIDE_NO_CHAIR = "'{label}' 단계에는 위원장(chair)이 정해져 있지 않아 재정을 기록할 수 없습니다."
OVERRIDE_NEEDS_NOTE = "재정(--override)에는 까닭을 적은 메모(--note)가 있어야 합니다."
OVERRIDE_APPROVES = "재정(--override)은 승인(approved)으로만 기록할 수 있습니다."
BAD_REVIEW_DATE = "날짜 '{value}'을(를) 읽을 수 없습니다. YYYY-MM-DD 형식으로 써 주세요(예: 2021-02-24)."
REVIEW_LOCKED = "다른 검토 기록이 끝나지 않았습니다({seconds}초 기다림). 잠시 뒤 다시 실행해 주세요."
DIFF_NEVER_APPROVED = "아직 승인한 적이 없습니다."
DIFF_SAME = "{when} 승인한 내용 그대로입니다."
DIFF_HEAD = "{when} 승인한 내용에서 바뀜 — {summary}"
DIFF_UNKNOWN = ("{when} 승인한 내용이 저장소에 없어 비교할 수 없습니다(승인 {old} → 현재 {new}). "
                "다시 승인하면 그때부터 비교할 수 있습니다.")
DIFF_OLD_DEFINITION = ("{when} 승인은 검토 기준(내용 해시)이 바뀌기 전의 것이라 비교할 수 없습니다. "
                       "지금 내용을 다시 검토해 승인해 주세요.")
DIFF_AS_ABOVE = "  (같은 판을 승인했습니다: 바뀐 곳은 위와 같습니다)"
SHEET_FAILED = "심의 결과표 PDF를 만들 수 없습니다({kind}: {detail})."
SHEET_WRITTEN = "심의 결과표를 만들었습니다: {html}, {pdf}"
NOT_AN_ARTICLE = "기사 파일이 아닙니다(호 폴더 안의 '숫자-슬러그.md' 파일이어야 합니다)."

# --- build -------------------------------------------------------------------
TEMPLATE_ERROR = ("틀(layouts의 템플릿)을 채우지 못했습니다: {detail}. 원고 폴더의 layouts/에 "
                  "고쳐 둔 틀이 있다면 그 파일을 확인해 주세요.")
BUILD_LOCKED = "다른 빌드가 같은 출력 폴더({out})에 쓰고 있습니다. 끝난 뒤 다시 실행해 주세요."
UNKNOWN_FORMAT = "알 수 없는 형식 '{value}'입니다. 쓸 수 있는 형식: {known}"
DEPRECATED_FORMAT = "형식 이름 '{old}'은(는) 곧 없어집니다. 앞으로는 '{new}'을(를) 써 주세요."
NO_EDITIONS = ("설치된 판(형식)이 하나도 없습니다. 'make run'으로 greenpub를 설치해 주세요"
               "(pip install -e .).")
BAD_EDITION_ENTRY = ("판 등록 '{name} = {value}'이(가) 잘못되었습니다: Edition을 상속하고 "
                     "name이 '{name}'인 클래스를 가리켜야 합니다.")
EDITION_CYCLE = "판 '{name}'이(가) 서로를 필요로 하는 순환 관계에 있습니다(needs 확인)."
EXCLUDED = "제외: {file} — {reasons}"
NOTHING_CHANGED = "지난 빌드 뒤로 바뀐 것이 없어 출력을 그대로 둡니다(다시 만들려면 --force)."
BUILD_DONE = "빌드 완료: {n_pub}개 기사 발행, {n_ex}개 제외, {seconds:.1f}초"
BUILD_FAILED = "빌드 실패 — 기존 출력 폴더는 그대로 두었습니다."
INTERNAL_ERROR = ("예기치 못한 내부 오류가 났습니다({kind}). 기존 출력은 그대로입니다. "
                  "자세한 내용은 {log} 파일에 기록했습니다. 개발 담당자에게 이 파일을 보내 주세요.")
WARNING = "경고"
STRICT_FAILED = "--strict: 발행되지 않는 기사가 {n}편 있어 실패로 끝냅니다(종료 코드 1). 아래 까닭을 확인해 주세요."
