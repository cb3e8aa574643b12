"""Korean messages of the card-news video edition."""

SETTINGS_UNKNOWN = "video: 알 수 없는 항목 '{key}'입니다. 쓸 수 있는 항목: {known}"
SETTINGS_BAD = "video.{key}의 값 {value}은(는) 쓸 수 없습니다: {expected}이(가) 필요합니다."
SETTINGS_COLOR = ("video.background의 색 '{value}'이(가) 카드뉴스 테마의 colors에 없습니다. "
                  "있는 색: {known}")
FFMPEG_MISSING = ("동영상을 만들려면 ffmpeg가 필요합니다. 데비안에서는 'apt-get install ffmpeg'로 "
                  "설치해 주세요.")
FFMPEG_FAILED = "기사 '{title}'의 동영상을 만들지 못했습니다(ffmpeg: {reason})."
CLOSING = "기사 전문은 {site} 웹 소식지에서 {verb} 수 있습니다."
CLOSING_READ = "읽을"
CLOSING_LISTEN = "읽고 들을"
COVER = "{section}. {title}."
HIGHLIGHT_INTRO = "{site} {label} 주요 소식입니다."
HIGHLIGHT_TOO_LONG = ("{label} 주요 소식 동영상은 {limit}초까지입니다: 기사 {n}편({titles})은 "
                      "넣지 못했습니다.")
VIDEO_TITLE = "{site} {label} 주요 소식"
DRAFT = "검토용 동영상입니다."
