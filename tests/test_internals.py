"""Guards where greenpub reaches into a library's internals (see docs/ARCHITECTURE.md).

Each test checks the shape of exactly what the patch relies on — an attribute, a
signature — not a version number, and says what to look at when it fails. pyproject.toml
caps both libraries below their next release, so a bump is a deliberate change that
runs these first.
"""

from __future__ import annotations

import inspect


def test_weasyprint_shapes_keepall_patches():
    from weasyprint.css import validation
    from weasyprint.css.tokens import single_keyword
    from weasyprint.text import ffi as text_ffi
    from weasyprint.text import line_break

    hint = ("greenpub/editions/print/keepall.py patches WeasyPrint internals for Korean "
            "keep-all; WeasyPrint changed: ")
    assert "word-break" in validation.properties.PROPERTIES, hint + "no PROPERTIES['word-break']"
    assert callable(single_keyword), hint + "no css.tokens.single_keyword"
    params = list(inspect.signature(line_break.Layout.set_text).parameters)
    assert params[:3] == ["self", "text", "justify"], hint + f"Layout.set_text{params}"
    assert hasattr(text_ffi, "ffi") and hasattr(text_ffi, "pango"), hint + "no text.ffi.pango"
    assert hasattr(text_ffi.pango, "pango_layout_get_attributes"), hint + "Pango attrs API"
    # The value WeasyPrint rejects is why the patch exists: if keep-all is accepted
    # natively one day, drop the patch (keepall.py) and use the CSS alone.
    from greenpub.editions.print import keepall  # noqa: F401  (installs the patch)

    assert line_break.Layout._greenpub_keep_all is True  # type: ignore[attr-defined]
    assert validation.properties.PROPERTIES["word-break"].__module__ == keepall.__name__


def test_mutagen_shapes_chapter_order_patch():
    from mutagen.id3 import ID3, _tags

    hint = ("greenpub/editions/audio/encode.py overrides mutagen's private ID3._write to "
            "write chapters last, in order; mutagen changed: ")
    assert list(inspect.signature(ID3._write).parameters) == ["self", "config"], hint + "_write"
    params = inspect.signature(_tags.save_frame).parameters
    assert list(params)[:1] == ["frame"] and "config" in params, hint + "_tags.save_frame"


def test_mutagen_chapters_come_out_in_order(tmp_path):
    """The behaviour the patch exists for: CHAP frames in chapter order in the file."""
    import lameenc
    from mutagen.id3 import ID3

    from greenpub.editions.audio.encode import Chapter, Tags, write_tags

    enc = lameenc.Encoder()
    enc.set_channels(1)
    enc.set_in_sample_rate(22050)
    enc.set_bit_rate(32)
    mp3 = tmp_path / "a.mp3"
    mp3.write_bytes(enc.encode(b"\0\0" * 22050 * 3) + enc.flush())
    titles = ["차례", "아주 긴 제목의 첫 번째 기사입니다 " * 3, "짧은 기사", "세 번째"]
    chapters = [Chapter(f"ch{i}", t, i * 500, i * 500 + 500) for i, t in enumerate(titles)]
    write_tags(mp3, Tags(title="t", album="a", publisher="p", track="1/1", date="2021"),
               chapters)
    data = mp3.read_bytes()
    offsets = [data.index(f"ch{i}".encode() + b"\0") for i in range(len(titles))]
    assert offsets == sorted(offsets)
    assert [f.element_id for f in ID3(mp3).getall("CHAP")]  # mutagen reads them back


def test_weasyprint_shapes_tagging_patches():
    """greenpub/editions/print/tagging.py wraps four WeasyPrint 70 internals (PDF/UA-1)."""
    from weasyprint import document as wp_document
    from weasyprint.pdf import stream as wp_stream
    from weasyprint.pdf import tags as wp_tags

    hint = ("greenpub/editions/print/tagging.py wraps WeasyPrint's tagging for PDF/UA-1 "
            "(artifacts, notes); WeasyPrint changed: ")
    from greenpub.editions.print import tagging  # noqa: F401  (installs the wrappers)

    # what the wrappers call through to, captured before they were installed
    for module, name, params in ((wp_document, "draw_page", ["page", "stream"]),
                                 (wp_tags, "_build_box_tree", ["box", "parent"]),
                                 (wp_tags, "_get_pdf_tag", ["tag"])):
        fn = getattr(module, name, None)
        assert callable(fn), hint + f"no {module.__name__}.{name}"
        assert fn.__module__ == tagging.__name__, hint + f"{name} not wrapped"
        inner = fn.__closure__ and [c.cell_contents for c in fn.__closure__
                                     if callable(c.cell_contents)
                                     and getattr(c.cell_contents, "__name__", "") == name]
        assert inner, hint + f"{name}: original not kept"
        got = list(inspect.signature(inner[0]).parameters)[:len(params)]
        assert got == params, hint + f"{name}{got}"
    assert callable(getattr(wp_stream.Stream, "marked", None)), hint + "no Stream.marked"
