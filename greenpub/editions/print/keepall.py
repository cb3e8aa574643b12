"""`word-break: keep-all` for WeasyPrint 70, which rejects the value.

Korean is set with spaces between words and breaks lines only there; Pango's
default (UAX #14) allows a break between any two Hangul syllables, so lines end
in the middle of words ("보안 무 / 선인터넷"). Browsers implement keep-all; WeasyPrint
does not (its `word-break` validator knows only normal and break-all). We accept
the value and, while it applies, give Pango an `allow_breaks=FALSE` attribute
(Pango >= 1.44) over each run of letters and digits that holds Hangul. The runs stay
breakable by `overflow-wrap: break-word` when a single word is wider than the
line, as in browsers. Imported for its effect, once per process.
"""

from __future__ import annotations

import re
from typing import Any

from weasyprint.css.tokens import single_keyword
from weasyprint.css.validation import properties
from weasyprint.text import ffi as text_ffi
from weasyprint.text import line_break

# Letters and digits around Hangul form one word ("2021년", "WIPS가"); as in Blink, breaks
# that UAX #14 allows at punctuation and brackets ("천원|(10개월분)|입니다") stay allowed.
# A tilde (and its wide forms) joins a range to the words around it ("10시~12시"), so it
# never starts a line.
_HANGUL_WORD = re.compile(r"[\w~\u301c\uff5e]*[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]"
                          r"[\w~\u301c\uff5e]*")
_MAX_RUN = 24  # longer runs are not words: leave them breakable


def _install() -> None:
    if getattr(line_break.Layout, "_greenpub_keep_all", False):
        return
    text_ffi.ffi.cdef("PangoAttribute * pango_attr_allow_breaks_new (gboolean allow_breaks);")
    pango = text_ffi.pango
    ffi = text_ffi.ffi

    @single_keyword
    def word_break(keyword: str) -> bool:
        return keyword in ("normal", "break-all", "keep-all")

    word_break.wants_base_url = False  # type: ignore[attr-defined]
    properties.PROPERTIES["word-break"] = word_break

    original = line_break.Layout.set_text

    def set_text(self: Any, text: str, justify: bool = False) -> None:
        original(self, text, justify)
        if self.style["word_break"] != "keep-all" or not self.text:
            return
        runs = [m for m in _HANGUL_WORD.finditer(self.text) if 1 < len(m.group()) <= _MAX_RUN]
        if not runs:
            return
        attr_list = pango.pango_layout_get_attributes(self.layout)
        if attr_list == ffi.NULL:
            attr_list = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
        encoded_upto = 0
        byte_pos = 0
        for m in runs:
            byte_pos += len(self.text[encoded_upto:m.start()].encode())
            start = byte_pos
            byte_pos += len(m.group().encode())
            encoded_upto = m.end()
            attr = pango.pango_attr_allow_breaks_new(False)
            attr.start_index, attr.end_index = start, byte_pos
            pango.pango_attr_list_insert(attr_list, attr)
        pango.pango_layout_set_attributes(self.layout, attr_list)

    line_break.Layout.set_text = set_text  # type: ignore[method-assign]
    line_break.Layout._greenpub_keep_all = True  # type: ignore[attr-defined]


_install()
