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
    lost = sum(converted.report.unconverted.get(k, 0) for k in converted.report.unconverted
               if k not in ("master-page", "shape-data"))
    if lost:
        writer.count("hwp5", lost)
    return OwpmlReader(converted.files, path, writer).read()
