"""Korean messages of the audiobook edition (users are editors and listeners)."""

# --- spoken phrases ------------------------------------------------------------
DRAFT_NOTICE = "검토용 음성입니다. 아직 발행이 승인되지 않은 내용이 들어 있을 수 있습니다."
DRAFT_ARTICLE = "이 기사는 아직 승인되지 않았습니다."
CONTENTS_HEAD = "{title}, {label}."
CONTENTS_DATE = "{year}년 {month}월 {day}일 발행, {publisher}."
CONTENTS_ISSUE_TITLE = "이번 호 제목은 {title}입니다."
CONTENTS_COUNT = "이번 호에는 기사 {n}편이 실려 있습니다."
CONTENTS_ITEM = "{ordinal}, {section}, {title}."
CONTENTS_NOTE = "여는 글."
CONTENTS_END = "차례를 마칩니다."
ARTICLE_SECTION = "{section} 기사입니다."
ARTICLE_AUTHOR = "글, {author}."
ARTICLE_END = "기사를 마칩니다."
HEADING = "소제목, {text}."
LIST_START = "항목 {n}개의 목록입니다."
LIST_ITEM_ORDERED = "{ordinal}, {text}"
TABLE_START = "표입니다."
TABLE_CAPTION = "표 제목, {caption}."
TABLE_SHAPE = "{rows}줄, {cols}칸으로 되어 있습니다."
TABLE_ROW = "{ordinal} 줄. {cells}"
TABLE_END = "표를 마칩니다."
FIGURE = "사진 설명: {alt}"
FIGURE_CAPTION = "사진 제목: {caption}"
QUOTE_START = "인용문입니다."
QUOTE_END = "인용을 마칩니다."
FOOTNOTE = "각주, {text}"
CONTENTS_TITLE = "차례"
# the closing part on the residents' survey (site.yaml feedback:), after the last article
FEEDBACK_TITLE = "독자 의견 조사"
FEEDBACK_HEAD = "독자 의견 조사 안내."
FEEDBACK_THANKS = "이번 호를 끝까지 들어 주셔서 고맙습니다."
FEEDBACK_INVITE = ("소식지를 더 좋게 만들기 위해 독자 여러분의 의견을 듣고 있습니다. "
                   "보내 주신 의견은 소식지를 만드는 데 반영합니다.")
FEEDBACK_WEB = "웹 소식지에서는 모든 화면 맨 아래에 있는 설문 링크를 누르면 됩니다. 링크 이름: {label}"
FEEDBACK_PRINT = "종이 소식지에서는 뒤표지의 QR 코드를 스마트폰 카메라로 비추면 설문으로 갑니다."
FEEDBACK_HOST = "{label}. 설문은 {host} 누리집에 있습니다."
FEEDBACK_PHONE = "설문에 관한 문의 전화는 {who}, {phone}입니다."
FEEDBACK_END = "이번 호 소식을 모두 마칩니다."
FEEDBACK_DESCRIPTION = "{album}의 마지막 장, 독자 의견 조사 안내입니다."
WHOLE_ALBUM = "{album} 전체 듣기"
WHOLE_DESCRIPTION = "{album} 전체를 한 파일로 들을 수 있습니다. 차례와 기사 {n}편({titles})이 장(챕터)으로 나뉘어 있습니다."
CONTENTS_DESCRIPTION = "{album}의 차례와 여는 글입니다."
VOICE_CREDIT = "이 음성은 사람이 아닌 컴퓨터 합성 음성({voices})으로 읽었습니다."
VOICE_NAMES = {"espeak": "espeak-ng 한국어", "gtts": "Google 번역 음성 합성"}
PODCAST_TITLE = "{title} 오디오북"
PODCAST_DESCRIPTION = ("{publisher} 소식지 {title}를 귀로 듣는 오디오북입니다. 이번 호 전체와 기사 하나하나를 "
                       "들을 수 있고, 음성이 읽는 글 그대로의 대본도 함께 드립니다.")
PODCAST_ISSUE = "{label} {title}. 차례와 모든 기사를 한 번에 듣습니다. 기사마다 장(챕터)으로 나뉘어 있습니다."
ORDINALS = ["첫째", "둘째", "셋째", "넷째", "다섯째", "여섯째", "일곱째", "여덟째", "아홉째",
            "열째", "열한째", "열두째", "열셋째", "열넷째", "열다섯째", "열여섯째", "열일곱째",
            "열여덟째", "열아홉째", "스무째"]

# --- warnings and errors ---------------------------------------------------------
TTS_FALLBACK = ("온라인 음성 합성(gTTS)을 쓸 수 없어 '{label}'을(를) espeak-ng 음성으로 "
                "만들었습니다: {reason}")
TTS_UNAVAILABLE = ("온라인 음성 합성(gTTS)에 연결할 수 없습니다: {reason}. 인터넷 연결을 "
                   "확인하거나 --tts espeak(오프라인)로 다시 빌드해 주세요.")
TTS_HTTP = "서버가 HTTP {status} 응답을 보냈습니다({attempts}번 시도)"
TTS_NO_CONNECTION = "서버에 연결하지 못했습니다"
TTS_BAD_AUDIO = "서버 응답에서 음성을 찾지 못했습니다"
ESPEAK_MISSING = ("espeak-ng 프로그램을 찾을 수 없습니다. 'sudo apt install espeak-ng'로 "
                  "설치해 주세요.")
ESPEAK_FAILED = "espeak-ng 음성 합성에 실패했습니다: {reason}"
FFMPEG_MISSING = ("gTTS 음성을 변환할 ffmpeg 프로그램이 없습니다. 'sudo apt install ffmpeg'로 "
                  "설치해 주세요.")
DECODE_FAILED = "gTTS 음성(MP3)을 읽지 못했습니다: {reason}"
UNKNOWN_WORDS = ("'{label}'에 읽는 법을 모르는 영어 낱말이 있습니다: {words}. 지금은 한 글자씩 "
                 "읽습니다. site.yaml의 lexicon에 한글 읽기를 추가해 주세요(예: {example}: 읽는 법).")
BAD_SETTING = "site.yaml audio.{key} 값이 잘못되었습니다({value}): {expected}"
UNKNOWN_SETTING = ("site.yaml audio 항목에 알 수 없는 설정 '{key}'이(가) 있습니다. "
                   "쓸 수 있는 설정: {known}")
UNREADABLE_CHAR = ("'{label}'({file} {line}번째 줄)의 '{char}'({code})는 읽는 법이 없어 "
                   "음성에서 뺐습니다. 글로 바꾸거나 site.yaml의 lexicon에 읽는 법을 넣어 주세요.")
TEMPLATE_TEXT = "틀 문법"
BAD_TTS_OPTION = "--tts 값 '{value}'은(는) 쓸 수 없습니다. espeak, gtts, auto 가운데 고르세요."
COVER_UNREADABLE = "표지 그림을 음성 파일에 넣지 못했습니다({file}): {reason}"
