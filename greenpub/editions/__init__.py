"""Edition registry: the --formats key -> the class that renders it.

To add an edition: write a module with an `Edition` subclass and add one line here.
"""

from __future__ import annotations

import importlib

from .base import FORMATS, Edition

REGISTRY: dict[str, str] = {
    "audio": "greenpub.editions.audio:AudioEdition",
    "cards": "greenpub.editions.cards:CardsEdition",
    "braille": "greenpub.editions.braille:BrailleEdition",
    "pdf": "greenpub.editions.print:PrintEdition",
    "web": "greenpub.editions.web:WebEdition",  # last: links to every other edition
}


def load(name: str) -> Edition:
    module, _, cls = REGISTRY[name].partition(":")
    return getattr(importlib.import_module(module), cls)()  # type: ignore[no-any-return]


def available() -> list[str]:
    """Formats whose module is present (editions under construction are skipped)."""
    names = []
    for name, target in REGISTRY.items():
        module = target.partition(":")[0]
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name and module.startswith(exc.name):
                continue
            raise
        names.append(name)
    return names


__all__ = ["FORMATS", "REGISTRY", "Edition", "load", "available"]


def format_help() -> str:
    return ",".join(FORMATS)


def output_labels() -> dict[str, str]:
    return {"web": "웹판", "web_index": "웹 첫 화면", "feed": "피드", "pdf": "인쇄판 PDF",
            "pdf_large": "큰 글자 PDF", "brf": "점자 BRF", "pef": "점자 PEF",
            "braille_check": "점역 교차 검증", "braille_preview": "점자 미리보기",
            "mp3": "오디오북 MP3", "m3u": "재생 목록", "audio_contents": "차례 음성", "transcript": "음성 대본",
            "podcast": "팟캐스트 피드",
            "og": "공유 이미지", "cards_zip": "카드뉴스 ZIP", "cards": "카드뉴스"}
