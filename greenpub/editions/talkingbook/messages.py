"""Korean messages and labels of the talking books (DAISY 2.02, EPUB 3)."""

DAISY_TITLE = "DAISY 녹음도서"
EPUB_TITLE = "EPUB 3 소리책"
PRINT_PAGES_UNREADABLE = ("인쇄판 PDF({file})에서 쪽 번호를 읽지 못해 녹음도서에 인쇄 쪽 "
                          "번호를 넣지 않았습니다: {reason}")
ACCESSIBILITY_SUMMARY = (
    "이 전자책은 본문 전체를 합성 음성으로 읽어 주며, 읽는 문장을 화면에 강조해 "
    "보여 줍니다(음성·텍스트 동기화). 제목과 소제목으로 이동할 수 있고, 그림에는 대체 "
    "텍스트가 있으며, 표는 머리글 칸이 표시되어 있습니다.")
ACCESSIBILITY_PAGES = " 인쇄판 쪽 번호로 이동할 수 있습니다."
COVER_ALT = "{title} 표지"
LANDMARK_COVER = "표지"
LANDMARK_TOC = "차례"
LANDMARK_BODY = "본문"
PAGE_LIST = "인쇄판 쪽"
TOC = "차례"
IMAGE_UNREADABLE = "녹음도서에 넣을 그림을 읽지 못했습니다: {reason}"
PDFTOTEXT_MISSING = ("pdftotext 프로그램이 없어 녹음도서에 기사 첫 쪽 번호만 넣었습니다. "
                     "'sudo apt install poppler-utils'로 설치해 주세요.")
