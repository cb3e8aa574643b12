"""greenpub: turns a monthly issue of Green 서구 written in Markdown into
a mobile web edition, card news, print PDFs, braille and an audiobook."""

__version__ = "0.1.0"
GENERATOR = f"greenpub {__version__}"
