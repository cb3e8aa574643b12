"""HWP 5.x binary (.hwp) → ImportedDocument.

python-hwpx (Apache-2.0) converts the HWP 5 compound file into the OWPML parts
of an HWPX package; the same OWPML walker as for `.hwpx` files reads them. Its
reader refuses distribution (배포용), password and DRM documents with stable
error codes, which become our Korean messages.
"""

from __future__ import annotations

from pathlib import Path

from . import messages as M
from .errors import ImportFailed
from .markdown import MarkdownWriter
from .model import ImportedDocument
from .owpml import OwpmlReader

REFUSED = {
    "hwp5-distribution": M.DISTRIBUTION,
    "hwp5-password": M.PASSWORD,
    "hwp5-drm": M.DRM,
}


def read(path: Path, data: bytes) -> ImportedDocument:
    from hwpx.errors import Hwp5Error
    from hwpx.hwp5.package import convert

    try:
        converted = convert(data)
    except Hwp5Error as exc:
        code = getattr(exc, "code", "")
        if code == "hwp5-version-unsupported":
            raise ImportFailed(M.OLD_HWP.format(version=exc.context.get("version", "?")),
                               path) from None
        raise ImportFailed(REFUSED.get(code, M.CORRUPT), path) from None
    writer = MarkdownWriter(path.name)
    for what, n in converted.report.unconverted.items():
        kind = UNCONVERTED.get(what, "hwp5")
        if kind and n:
            writer.count(kind, n)
    return OwpmlReader(converted.files, path, writer).read()


# What python-hwpx could not convert, as our report kinds (None: nothing an article loses:
# page backgrounds, shape styling, picture effects).
UNCONVERTED = {
    "master-page": None, "shape-data": None, "picture-effects": None, "presentation": None,
    "memo-body": "comment", "track-changes": "tracked-change", "control-eqed": "equation",
    "equation-caption": None, "control-form": "shape", "control-gso": "shape",
    "textart-code": "shape", "compose-frame": None, "ole-object-type": None,
    "ole-draw-aspect": None,
}
