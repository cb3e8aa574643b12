"""Braille pages -> BRF (braille ready file) for embossers.

BRF is North American braille ASCII: one printable character (0x20-0x5F) per
6-dot cell, CRLF at each line end and a form feed between pages; embossers and
refreshable displays read it as-is.
"""

from __future__ import annotations

# Braille ASCII, indexed by the cell's dot bits (dot 1 = bit 0 ... dot 6 = bit 5).
BRAILLE_ASCII = " A1B'K2L@CIF/MSP\"E3H9O6R^DJG>NTQ,*5<-U8V.%[$+X!&;:4\\0Z7(_?W]#Y)="

_TO_ASCII = {0x2800 + bits: ch for bits, ch in enumerate(BRAILLE_ASCII)}
_FROM_ASCII = {ord(ch): chr(0x2800 + bits) for bits, ch in enumerate(BRAILLE_ASCII)}


def to_ascii(braille: str) -> str:
    """Unicode braille (6-dot cells only) -> braille ASCII; ValueError otherwise."""
    for ch in braille:
        if ord(ch) not in _TO_ASCII:
            raise ValueError(f"not a 6-dot braille cell: U+{ord(ch):04X}")
    return braille.translate(_TO_ASCII)


def from_ascii(text: str) -> str:
    """Braille ASCII -> Unicode braille; lowercase BRF (0x60-0x7F) is accepted too."""
    return "".join(chr(ord(c) - 0x20) if "\x60" <= c <= "\x7f" else c
                   for c in text).translate(_FROM_ASCII)


def brf_bytes(pages: list[list[str]]) -> bytes:
    """Pages of Unicode braille lines -> BRF: CRLF line ends, FF between pages."""
    text = "\f".join("".join(to_ascii(line).rstrip(" ") + "\r\n" for line in page)
                     for page in pages)
    return text.encode("ascii")
