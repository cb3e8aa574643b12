"""The press PDF: the standard edition's own layout made ready for the print vendor.

From the joined standard PDF (its parts are laid out with a 3 mm bleed, see page.css.j2):

1. `prepare` (pikepdf): links, tags and other screen-only objects go (PDF/X allows no
   link annotations); blank pages pad the page count to `print.pad_to` before the back
   cover; neutral greys become black ink only (K), and every glyph under 12 pt that is not
   white is drawn in 100 % K, so small type and body text never print in four inks; images
   lose /Interpolate; each page gets a TrimBox (the page), a BleedBox (3 mm more) and a slug
   around it where crop and registration marks are drawn, outside the bleed.
2. Ghostscript's pdfwrite turns it into PDF/X-3 with a CMYK output intent
   (ColorConversionStrategy=CMYK; colours already in DeviceCMYK, like the K-only type,
   stay as they are).
3. `finish` (pikepdf): dates from the issue (SOURCE_DATE_EPOCH for Ghostscript) and a
   deterministic /ID, so the same issue gives the same bytes.
4. `preflight`: pages, boxes, colour spaces, embedded fonts, each image's effective
   resolution (measured on the layout, before Ghostscript), maximum ink coverage
   (Ghostscript renders the pages as CMYK pixels), small type in K only.
"""

from __future__ import annotations

import io
import json
import math
import os
import shutil
import subprocess
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MM = 72 / 25.4
BLEED_MM = 3.0
SLUG_MM = 9.0  # beyond the bleed: crop marks 2 mm off the bleed, 5 mm long, targets
SMALL_TYPE_PT = 12.0
K100 = (0.0, 0.0, 0.0, 1.0)
PROFILE = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")  # Debian libgs-common
PROFILE_CONDITION = "CGATS TR 001"  # SWOP (coated), what the Artifex profile describes
PROFILE_INFO = "Artifex CMYK SWOP Profile (Ghostscript default_cmyk.icc)"
INK_LIMIT = 300  # % total area coverage for SWOP coated
# Ghostscript's pdfwrite (10.00 in Debian bookworm) writes PDF/X-3 only; with every colour
# converted to DeviceCMYK and transparency flattened the file meets PDF/X-1a:2003
# (ISO 15930-4, PDF 1.4), which `finish` declares and `conformance` checks requirement by
# requirement on the finished file.
PDFX_VERSION = "PDF/X-1a:2003"

_PAINT = {"f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "BI", "INLINE IMAGE"}
_TEXT = {"Tj", "TJ", "'", '"'}


class PressError(Exception):
    """Ghostscript is missing or failed (the edition turns this into a Korean message)."""


@dataclass
class ImageUse:
    page: int  # 1-based, in the press PDF
    alt: str
    pixels: tuple[int, int]
    ppi: float


@dataclass
class Prepared:
    pages: int
    padded: int
    images: list[ImageUse] = field(default_factory=list)


def _matrix_mul(a: list[float], b: list[float]) -> list[float]:
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def _scale(m: list[float]) -> float:
    return math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))


def _device_cmyk(operands: list[Any], op: str, limit: int) -> tuple[list[Any], str]:
    """An RGB or grey colour operator as DeviceCMYK: a grey (r = g = b, or DeviceGray) as
    black ink only, any other colour through the press profile with its ink limited."""
    values = [float(x) for x in operands]
    stroke = op in ("RG", "G")
    if op in ("g", "G") or max(values) - min(values) < 0.002:
        return [0, 0, 0, round(1 - values[0], 4)], "K" if stroke else "k"
    return list(_rgb_to_cmyk(tuple(values), limit)), "K" if stroke else "k"


def _is_white(color: tuple[list[Any], str] | None) -> bool:
    if color is None:
        return False
    values, op = [float(x) for x in color[0]], color[1]
    return (op == "k" and max(values) == 0) or (op in ("rg", "g") and min(values) >= 0.999)


class _Recolour:
    """Rewrites content streams: neutral greys to K, small type to 100 % K; also records
    where images are drawn (for their effective resolution)."""

    def __init__(self, pdf: Any, limit: int):
        self.pdf = pdf
        self.limit = limit
        self.done: set[tuple[int, int]] = set()
        self.images: list[tuple[Any, list[float], int | None]] = []  # (xobject, ctm, mcid)

    def stream(self, owner: Any, resources: Any, ctm: list[float]) -> bytes:
        import pikepdf

        out: list[tuple[Any, Any]] = []
        logical: tuple[list[Any], str] | None = None  # what the layout asked for
        actual: tuple[list[Any], str] | None = None  # what is in effect now
        stack: list[tuple[Any, Any, list[float]]] = []
        size, tm_scale, mcids = 0.0, 1.0, []
        xobjects = resources.get("/XObject", {}) if resources is not None else {}

        def emit(color: tuple[list[Any], str]) -> None:
            out.append((color[0], pikepdf.Operator(color[1])))

        for operands, operator in pikepdf.parse_content_stream(owner):
            op = str(operator)
            if op == "q":
                stack.append((logical, actual, ctm))
            elif op == "Q" and stack:
                logical, actual, ctm = stack.pop()
            elif op == "cm":
                ctm = _matrix_mul([float(x) for x in operands], ctm)
            elif op in ("rg", "g", "k", "sc", "scn", "cs"):
                if op in ("rg", "g"):
                    converted = _device_cmyk(list(operands), op, self.limit)
                    operands, operator = converted[0], pikepdf.Operator(converted[1])
                logical = actual = (list(operands), str(operator))
            elif op in ("RG", "G"):
                converted = _device_cmyk(list(operands), op, self.limit)
                operands, operator = converted[0], pikepdf.Operator(converted[1])
            elif op == "BT":
                tm_scale = 1.0
            elif op == "Tm":
                tm_scale = _scale([float(x) for x in operands])
            elif op == "Tf":
                size = float(operands[1])
            elif op == "BDC":
                props = operands[1]
                mcids.append(int(props.MCID) if isinstance(props, pikepdf.Dictionary)
                             and "/MCID" in props else None)
            elif op == "BMC":
                mcids.append(None)
            elif op == "EMC" and mcids:
                mcids.pop()
            if op in _TEXT:
                small = size * tm_scale * _scale(ctm) < SMALL_TYPE_PT - 0.01
                if small and not _is_white(logical):
                    if actual is None or actual[1] != "k" or \
                            tuple(float(x) for x in actual[0]) != K100:
                        actual = (list(K100), "k")
                        emit(actual)
                elif logical is not None and actual != logical:
                    actual = logical
                    emit(actual)
            elif op in _PAINT and logical is not None and actual != logical:
                actual = logical
                emit(actual)
            if op == "Do":
                xobject = xobjects.get(str(operands[0])) if xobjects else None
                if xobject is not None:
                    mcid = next((m for m in reversed(mcids) if m is not None), None)
                    self.xobject(xobject, ctm, mcid)
            out.append((operands, operator))
        return pikepdf.unparse_content_stream(out)

    def xobject(self, xobject: Any, ctm: list[float], mcid: int | None) -> None:
        subtype = xobject.get("/Subtype")
        if subtype == "/Image":
            if "/Interpolate" in xobject:
                del xobject["/Interpolate"]
            self.images.append((xobject, ctm, mcid))
            return
        if subtype != "/Form" or xobject.objgen in self.done:
            return
        self.done.add(xobject.objgen)
        matrix = [float(x) for x in xobject.get("/Matrix", [1, 0, 0, 1, 0, 0])]
        data = self.stream(xobject, xobject.get("/Resources"), _matrix_mul(matrix, ctm))
        xobject.write(data)
        if "/Filter" in xobject:
            del xobject["/Filter"]


def _marks(trim: list[float]) -> bytes:
    """Crop marks and registration targets in the slug, in all four inks."""
    x0, y0, x1, y1 = trim
    gap, length = (BLEED_MM + 2) * MM, 5 * MM
    lines = []
    for x in (x0, x1):
        for y, sign in ((y0, -1), (y1, 1)):
            lines.append((x, y + sign * gap, x, y + sign * (gap + length)))
    for y in (y0, y1):
        for x, sign in ((x0, -1), (x1, 1)):
            lines.append((x + sign * gap, y, x + sign * (gap + length), y))
    ops = ["q", "1 1 1 1 K", "0.25 w"]
    ops += [f"{a:.2f} {b:.2f} m {c:.2f} {d:.2f} l S" for a, b, c, d in lines]
    r, mid = 2.2 * MM, (BLEED_MM + 6) * MM
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    for tx, ty in ((cx, y1 + mid), (cx, y0 - mid), (x0 - mid, cy), (x1 + mid, cy)):
        k = 0.5523 * r
        ops.append(f"{tx + r:.2f} {ty:.2f} m {tx + r:.2f} {ty + k:.2f} {tx + k:.2f} {ty + r:.2f} "
                   f"{tx:.2f} {ty + r:.2f} c {tx - k:.2f} {ty + r:.2f} {tx - r:.2f} {ty + k:.2f} "
                   f"{tx - r:.2f} {ty:.2f} c {tx - r:.2f} {ty - k:.2f} {tx - k:.2f} {ty - r:.2f} "
                   f"{tx:.2f} {ty - r:.2f} c {tx + k:.2f} {ty - r:.2f} {tx + r:.2f} {ty - k:.2f} "
                   f"{tx + r:.2f} {ty:.2f} c S")
        ops.append(f"{tx - 1.6 * r:.2f} {ty:.2f} m {tx + 1.6 * r:.2f} {ty:.2f} l S")
        ops.append(f"{tx:.2f} {ty - 1.6 * r:.2f} m {tx:.2f} {ty + 1.6 * r:.2f} l S")
    ops.append("Q")
    return ("\n".join(ops) + "\n").encode()


def _alts(pdf: Any) -> dict[tuple[int, int], str]:
    """(page index, MCID) -> alternate text of the element, for the images."""
    import pikepdf

    out: dict[tuple[int, int], str] = {}
    root = pdf.Root.get("/StructTreeRoot")
    if root is None or "/ParentTree" not in root:
        return out
    nums = root.ParentTree.get("/Nums", [])
    by_key = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    for index, page in enumerate(pdf.pages):
        elements = by_key.get(int(page.get("/StructParents", -1)))
        if not isinstance(elements, pikepdf.Array):
            continue
        for mcid, element in enumerate(elements):
            if isinstance(element, pikepdf.Dictionary) and "/Alt" in element:
                out[(index, mcid)] = str(element.Alt)
    return out


def limit_ink(cmyk: Any, limit: int) -> Any:
    """CMYK pixels (uint8 array, last axis C, M, Y, K) with total ink capped at `limit` %:
    where C + M + Y + K is over the limit, C, M and Y shrink in proportion and K stays, so
    blacks stay black and the sheet does not stay wet on a long run (the profile's own
    conversion gives up to ~305 % for RGB near-black, over SWOP's 300 %)."""
    import numpy as np

    pixels = np.asarray(cmyk, dtype=np.float64)
    cap = limit * 255 / 100
    cmy, k = pixels[..., :3], pixels[..., 3:]
    total = cmy.sum(axis=-1, keepdims=True) + k
    over = total > cap
    if not over.any():
        return np.asarray(cmyk, dtype=np.uint8)
    room = np.clip(cap - k, 0, None)
    scale = np.where(over, room / np.maximum(cmy.sum(axis=-1, keepdims=True), 1e-9), 1.0)
    # floor, so rounding never puts a pixel back over the limit
    out = np.concatenate([np.floor(cmy * np.minimum(scale, 1.0)), k], axis=-1)
    return out.astype(np.uint8)


def _to_cmyk(image: Any, limit: int) -> None:
    """An RGB image XObject converted to the press profile's CMYK with littleCMS (Pillow),
    total ink limited (`limit_ink`): Ghostscript would convert five times slower, re-encode
    it as JPEG and not limit the ink."""
    import zlib

    import numpy as np
    import pikepdf
    from pikepdf import PdfImage

    if image.get("/ColorSpace") != "/DeviceRGB" or int(image.get("/BitsPerComponent", 8)) != 8:
        return
    try:
        pil = PdfImage(image).as_pil_image().convert("RGB")
    except (pikepdf.PdfError, NotImplementedError, ValueError, OSError):
        return  # left to Ghostscript
    cmyk = _transform().apply(pil)
    pixels = limit_ink(np.asarray(cmyk), limit)
    image.write(zlib.compress(np.ascontiguousarray(pixels).tobytes(), 6),
                filter=pikepdf.Name.FlateDecode)
    image.ColorSpace = pikepdf.Name.DeviceCMYK
    for key in ("/DecodeParms", "/Decode"):
        if key in image:
            del image[key]


def _rgb_to_cmyk(values: tuple[float, ...], limit: int) -> list[float]:
    """One vector colour (r, g, b in 0..1) as the profile's CMYK, ink limited."""
    import numpy as np
    from PIL import Image

    key = (values, limit)
    if key not in _COLOURS:
        rgb = tuple(max(0, min(255, round(v * 255))) for v in values)
        pixel = np.asarray(_transform().apply(Image.new("RGB", (1, 1), rgb)))  # type: ignore[arg-type]
        cmyk = limit_ink(pixel, limit)[0, 0]
        _COLOURS[key] = [round(int(c) / 255, 4) for c in cmyk]
    return _COLOURS[key]


_COLOURS: dict[tuple[tuple[float, ...], int], list[float]] = {}
_TRANSFORM: list[Any] = []


def _transform() -> Any:
    """sRGB → the press profile (relative colorimetric), built once per process."""
    from PIL import ImageCms

    if not _TRANSFORM:
        _TRANSFORM.append(ImageCms.buildTransform(
            ImageCms.createProfile("sRGB"), str(PROFILE), "RGB", "CMYK",
            renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC))
    return _TRANSFORM[0]


def prepare(joined: Path, target: Path, pad_to: int, back_pages: int,
            ink_limit: int = INK_LIMIT) -> Prepared:
    """Step 1 (see the module doc): `joined` is the standard layout with its bleed."""
    import pikepdf

    with pikepdf.open(joined) as pdf:
        alts = _alts(pdf)
        pages = len(pdf.pages)
        padded = (-pages) % pad_to if pad_to > 1 else 0
        recolour = _Recolour(pdf, ink_limit)
        found: list[ImageUse] = []
        for index, page in enumerate(pdf.pages):
            for key in ("/Annots", "/StructParents", "/Tabs"):
                if key in page.obj:
                    del page.obj[key]
            start = len(recolour.images)
            page.obj.Contents = pdf.make_stream(
                recolour.stream(page, page.obj.get("/Resources"), [1, 0, 0, 1, 0, 0]))
            for xobject, ctm, mcid in recolour.images[start:]:
                w, h = int(xobject.Width), int(xobject.Height)
                drawn_w = math.hypot(ctm[0], ctm[1]) / 72
                drawn_h = math.hypot(ctm[2], ctm[3]) / 72
                if drawn_w <= 0 or drawn_h <= 0:
                    continue
                ppi = min(w / drawn_w, h / drawn_h)
                _to_cmyk(xobject, ink_limit)
                number = index + 1 + (padded if index >= pages - back_pages else 0)
                found.append(ImageUse(number, alts.get((index, mcid), ""), (w, h), round(ppi)))
        for key in ("/StructTreeRoot", "/MarkInfo", "/Names", "/ViewerPreferences", "/Lang",
                    "/Metadata", "/Outlines", "/PageMode"):
            if key in pdf.Root:
                del pdf.Root[key]
        first = pdf.pages[0].obj
        trim = [float(x) for x in first.get("/TrimBox", first.MediaBox)]
        for _ in range(padded):  # blank pages before the back cover
            blank = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=first.MediaBox,
                                       TrimBox=first.get("/TrimBox", first.MediaBox),
                                       Resources=pikepdf.Dictionary(),
                                       Contents=pdf.make_stream(b""))
            pdf.pages.insert(len(pdf.pages) - back_pages, pikepdf.Page(blank))
        for page in pdf.pages:
            trim = [float(x) for x in page.obj.get("/TrimBox", page.obj.MediaBox)]
            bleed = [trim[0] - BLEED_MM * MM, trim[1] - BLEED_MM * MM,
                     trim[2] + BLEED_MM * MM, trim[3] + BLEED_MM * MM]
            slug = SLUG_MM * MM
            page.obj.TrimBox = pikepdf.Array([round(v, 3) for v in trim])
            page.obj.BleedBox = pikepdf.Array([round(v, 3) for v in bleed])
            page.obj.MediaBox = pikepdf.Array([round(bleed[0] - slug, 3),
                                               round(bleed[1] - slug, 3),
                                               round(bleed[2] + slug, 3),
                                               round(bleed[3] + slug, 3)])
            if "/CropBox" in page.obj:
                del page.obj["/CropBox"]
            page.contents_add(pdf.make_stream(_marks(trim)), prepend=False)
        pdf.save(target)
    return Prepared(pages + padded, padded, found)


def ghostscript(source: Path, target: Path, profile: Path, epoch: int) -> None:
    """Step 2: Ghostscript's PDF/X (X-3 rules) in CMYK with `profile` as the output intent."""
    gs = shutil.which("gs")
    if gs is None:
        raise PressError("ghostscript")
    definition = target.with_suffix(".pdfx.ps")
    definition.write_text(_pdfx_def(profile), "latin-1")
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
    cmd = [gs, "-q", "-dPDFX", "-dBATCH", "-dNOPAUSE", "-dNOSAFER", "-sDEVICE=pdfwrite",
           "-sColorConversionStrategy=CMYK", "-sProcessColorModel=DeviceCMYK",
           f"-sOutputICCProfile={profile}", "-dAutoRotatePages=/None",
           "-dEmbedAllFonts=true", "-dSubsetFonts=true",
           # lossless: a JPEG round trip would push limited near-blacks over the ink limit
           "-dAutoFilterColorImages=false", "-dColorImageFilter=/FlateEncode",
           "-dAutoFilterGrayImages=false", "-dGrayImageFilter=/FlateEncode",
           f"-sOutputFile={target}",
           str(definition), str(source)]
    try:
        proc = subprocess.run(cmd, check=False, capture_output=True, text=True, env=env,
                              timeout=600)
    finally:
        definition.unlink(missing_ok=True)
    if proc.returncode != 0 or not target.is_file():
        raise PressError((proc.stderr or proc.stdout).strip()[-300:])
    if "reverting to normal PDF" in proc.stdout + proc.stderr:
        raise PressError((proc.stdout + proc.stderr).strip()[-300:])


def _ps_string(text: str) -> str:
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def _pdfx_def(profile: Path) -> str:
    """Ghostscript's PDFX_def.ps, filled in: the profile, its condition, the version."""
    return f"""%!
[ /GTS_PDFXVersion ({PDFX_VERSION}) /Trapped /False /DOCINFO pdfmark
/ICCProfile {_ps_string(str(profile))} def
[/_objdef {{icc_PDFX}} /type /stream /OBJ pdfmark
[{{icc_PDFX}} << /N 4 >> /PUT pdfmark
[{{icc_PDFX}} ICCProfile (r) file /PUT pdfmark
[/_objdef {{OutputIntent_PDFX}} /type /dict /OBJ pdfmark
[{{OutputIntent_PDFX}} <<
  /Type /OutputIntent /S /GTS_PDFX
  /OutputCondition {_ps_string(PROFILE_INFO)}
  /Info {_ps_string(PROFILE_INFO)}
  /OutputConditionIdentifier {_ps_string(PROFILE_CONDITION)}
  /RegistryName (http://www.color.org)
  /DestOutputProfile {{icc_PDFX}}
>> /PUT pdfmark
[{{Catalog}} <</OutputIntents [ {{OutputIntent_PDFX}} ]>> /PUT pdfmark
"""


def finish(path: Path, title: str, date: str) -> None:
    """Step 3: PDF/X-1a:2003 declared (PDF 1.4 header, /Info and XMP), the issue's date
    in both, Producer the same in both, fixed /ID."""
    import pikepdf

    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        stamp = f"D:{date.replace('-', '')}000000Z"
        producer = str(pdf.docinfo.get("/Producer", "Ghostscript"))
        pdf.docinfo.Title = pikepdf.String(title)
        pdf.docinfo.CreationDate = pikepdf.String(stamp)
        pdf.docinfo.ModDate = pikepdf.String(stamp)
        pdf.docinfo.GTS_PDFXVersion = pikepdf.String(PDFX_VERSION)
        pdf.docinfo.Trapped = pikepdf.Name("/False")
        if "/GTS_PDFXConformance" in pdf.docinfo:  # X-1a:2001 only
            del pdf.docinfo["/GTS_PDFXConformance"]
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta["pdf:Producer"] = producer
            meta["dc:title"] = title
            meta["xmp:CreateDate"] = f"{date}T00:00:00Z"
            meta["xmp:ModifyDate"] = f"{date}T00:00:00Z"
            meta["xmp:MetadataDate"] = f"{date}T00:00:00Z"
            meta["pdfx:GTS_PDFXVersion"] = PDFX_VERSION
            meta["pdf:Trapped"] = "False"
        for key in ("xmpMM:DocumentID", "xmpMM:InstanceID"):
            with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
                if key in meta:
                    del meta[key]
        if "/ID" in pdf.trailer:  # Ghostscript's first ID is not from the content
            del pdf.trailer["/ID"]
        pdf.save(path, deterministic_id=True, compress_streams=True, force_version="1.4")


_DEVICE_OK = {"/DeviceCMYK", "/DeviceGray", "/Pattern"}
_FILTERS_OK = {"/ASCIIHexDecode", "/ASCII85Decode", "/CCITTFaxDecode", "/DCTDecode",
               "/FlateDecode", "/RunLengthDecode"}


def _colour_space_ok(cs: Any) -> bool:
    """PDF/X-1a: process colour is DeviceCMYK (or Gray), spot colours Separation/DeviceN
    with such an alternate; no RGB, ICC-based, CIE or Lab colour."""
    import pikepdf

    if isinstance(cs, pikepdf.Name):
        return str(cs) in _DEVICE_OK
    if not isinstance(cs, pikepdf.Array) or len(cs) == 0:
        return False
    family = str(cs[0])
    if family in ("/Separation", "/DeviceN") and len(cs) > 2:  # their alternate space
        return _colour_space_ok(cs[2])
    if family == "/Indexed" and len(cs) > 1:
        return _colour_space_ok(cs[1])
    if family == "/Pattern":
        return len(cs) == 1 or _colour_space_ok(cs[1])
    return len(cs) == 1 and family in _DEVICE_OK


def conformance(pdf: Any) -> list[str]:
    """The PDF/X-1a:2003 (ISO 15930-4) requirements a file can be checked for, each failure
    as a short English key with the object where it was found; [] when the file conforms.
    Colour: only CMYK/grey/spot. Transparency: none (no soft masks, constant alpha 1,
    blend mode Normal, no transparency groups). Fonts embedded. Boxes: a TrimBox on every
    page inside the BleedBox inside the MediaBox. One GTS_PDFX output intent with a
    condition and a CMYK profile. /Info: version, Trapped True/False, title, dates. None
    of: encryption, JavaScript or actions, annotations on the page, transfer functions,
    halftones, PostScript XObjects, alternate images, OPI, embedded files, LZW/JBIG2/JPEG
    2000 compression. A file /ID. (The rule list was compared with the PDF/X-1a profile of
    the `preflight` Ruby gem.)"""
    import pikepdf

    found: list[str] = []
    if pdf.pdf_version > "1.4":
        found.append(f"version:{pdf.pdf_version}")
    if pdf.is_encrypted:
        found.append("encrypted")
    info = pdf.docinfo
    if str(info.get("/GTS_PDFXVersion", "")) != PDFX_VERSION:
        found.append("info:GTS_PDFXVersion")
    if str(info.get("/Trapped", "")) not in ("/True", "/False"):
        found.append("info:Trapped")
    for key in ("/Title", "/CreationDate", "/ModDate"):
        if key not in info:
            found.append(f"info:{key[1:]}")
    if "/ID" not in pdf.trailer:
        found.append("document-id")
    if "/Metadata" in pdf.Root:
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            if meta.get("pdfx:GTS_PDFXVersion", PDFX_VERSION) != PDFX_VERSION:
                found.append("xmp:GTS_PDFXVersion")
    intents = [i for i in pdf.Root.get("/OutputIntents", []) if i.get("/S") == "/GTS_PDFX"]
    if len(intents) != 1:
        found.append("output-intent")
    else:
        profile = intents[0].get("/DestOutputProfile")
        for key in ("/OutputConditionIdentifier", "/Info"):
            if not str(intents[0].get(key, "")):
                found.append(f"output-intent:{key[1:]}")
        if profile is None or int(profile.get("/N", 0)) != 4:
            found.append("output-intent:profile")
    names = pdf.Root.get("/Names", {})
    if "/JavaScript" in names or "/OpenAction" in pdf.Root or "/AA" in pdf.Root:
        found.append("actions")
    for number, page in enumerate(pdf.pages, 1):
        obj = page.obj
        media = [float(v) for v in obj.MediaBox]
        trim = obj.get("/TrimBox")
        bleed = [float(v) for v in obj.get("/BleedBox", obj.MediaBox)]
        if trim is None:
            found.append(f"trimbox:{number}")
        elif not (_within([float(v) for v in trim], bleed) and _within(bleed, media)):
            found.append(f"boxes:{number}")
        if "/Annots" in obj or "/AA" in obj:
            found.append(f"annotations:{number}")
        group = obj.get("/Group")
        if group is not None and group.get("/S") == "/Transparency":
            found.append(f"transparency-group:{number}")
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            continue
        where = f"{obj.objgen[0]}"
        kind, subtype = obj.get("/Type"), obj.get("/Subtype")
        if kind in ("/Filespec", "/EmbeddedFile"):
            found.append(f"embedded-file:{where}")
        if isinstance(obj, pikepdf.Stream):
            filters = obj.get("/Filter")
            chain = filters if isinstance(filters, pikepdf.Array) else [filters] if filters else []
            if any(str(f) not in _FILTERS_OK for f in chain):
                found.append(f"compression:{where}")
        if kind == "/ExtGState":
            if str(obj.get("/SMask", "/None")) != "/None":
                found.append(f"soft-mask:{where}")
            if float(obj.get("/CA", 1)) != 1 or float(obj.get("/ca", 1)) != 1:
                found.append(f"alpha:{where}")
            if str(obj.get("/BM", "/Normal")) not in ("/Normal", "/Compatible"):
                found.append(f"blend-mode:{where}")
            if any(k in obj for k in ("/TR", "/TR2", "/HT")):
                found.append(f"transfer-or-halftone:{where}")
        elif subtype == "/Image":
            if "/SMask" in obj or "/SMaskInData" in obj and int(obj.SMaskInData) != 0:
                found.append(f"soft-mask:{where}")
            if not obj.get("/ImageMask", False) and not _colour_space_ok(obj.get("/ColorSpace")):
                found.append(f"colour:{where}")
            if any(k in obj for k in ("/Alternates", "/OPI")):
                found.append(f"alternates-or-opi:{where}")
        elif subtype in ("/Form", "/PS"):
            group = obj.get("/Group")
            if subtype == "/PS" or "/OPI" in obj:
                found.append(f"postscript-or-opi:{where}")
            elif group is not None and group.get("/S") == "/Transparency":
                found.append(f"transparency-group:{where}")
        elif kind == "/FontDescriptor":
            if not any(k in obj for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                found.append(f"font:{str(obj.get('/FontName', where))[1:]}")
        if "/ColorSpace" in obj and isinstance(obj.ColorSpace, pikepdf.Dictionary):
            for name, cs in obj.ColorSpace.items():  # a resource dictionary's spaces
                if not _colour_space_ok(cs):
                    found.append(f"colour:{where}{name}")
        if "/Shading" in obj and isinstance(obj.Shading, pikepdf.Dictionary):
            for name, shading in obj.Shading.items():
                if not _colour_space_ok(shading.get("/ColorSpace")):
                    found.append(f"colour:{where}{name}")
    return sorted(set(found))


def _within(inner: list[float], outer: list[float], slack: float = 0.01) -> bool:
    return (inner[0] >= outer[0] - slack and inner[1] >= outer[1] - slack
            and inner[2] <= outer[2] + slack and inner[3] <= outer[3] + slack)


def _ink(path: Path, dpi: int = 24) -> list[float]:
    """Maximum total ink (%) per page inside the bleed box, from Ghostscript's CMYK pixels."""
    import tempfile

    import numpy as np
    from PIL import Image

    with tempfile.TemporaryDirectory(prefix=".ink-", dir=path.parent) as folder:
        pattern = Path(folder) / "p%04d.tif"
        subprocess.run(["gs", "-q", "-dBATCH", "-dNOPAUSE", "-dNOSAFER", "-sDEVICE=tiff32nc",
                        f"-r{dpi}", "-dUseBleedBox", f"-sOutputFile={pattern}", str(path)],
                       check=True, capture_output=True, timeout=600)
        out = []
        for tif in sorted(Path(folder).glob("p*.tif")):
            with Image.open(tif) as image:
                pixels = np.asarray(image, dtype=np.uint16)
            out.append(round(float(pixels.sum(axis=2).max()) / 255 * 100, 1))
        return out


def _colour_spaces(pdf: Any) -> tuple[list[str], int, int]:
    """Colour spaces used (operators, images, resources); small glyphs not in 100 % K."""
    import pikepdf

    spaces: set[str] = set()
    small_total = small_not_k = 0
    seen: set[tuple[int, int]] = set()

    def walk(owner: Any, resources: Any, ctm: list[float]) -> None:
        nonlocal small_total, small_not_k
        fill: tuple[str, tuple[float, ...]] = ("g", (0.0,))
        stack: list[Any] = []
        size, tm = 0.0, 1.0
        res_spaces = resources.get("/ColorSpace", {}) if resources is not None else {}
        for _name, cs in (res_spaces.items() if res_spaces else []):
            spaces.add(str(cs[0]) + f"/N{int(cs[1].N)}" if isinstance(cs, pikepdf.Array)
                       and str(cs[0]) == "/ICCBased" else str(cs[0] if isinstance(
                           cs, pikepdf.Array) else cs))
        xobjects = resources.get("/XObject", {}) if resources is not None else {}
        for operands, operator in pikepdf.parse_content_stream(owner):
            op = str(operator)
            if op == "q":
                stack.append((fill, ctm))
            elif op == "Q" and stack:
                fill, ctm = stack.pop()
            elif op == "cm":
                ctm = _matrix_mul([float(x) for x in operands], ctm)
            elif op in ("rg", "RG"):
                spaces.add("/DeviceRGB")
            elif op in ("g", "G"):
                spaces.add("/DeviceGray")
            elif op in ("k", "K"):
                spaces.add("/DeviceCMYK")
            if op in ("rg", "g", "k", "sc", "scn"):
                fill = (op, tuple(float(x) for x in operands if not isinstance(x, pikepdf.Name)))
            elif op == "BT":
                tm = 1.0
            elif op == "Tm":
                tm = _scale([float(x) for x in operands])
            elif op == "Tf":
                size = float(operands[1])
            elif op in _TEXT and size * tm * _scale(ctm) < SMALL_TYPE_PT - 0.01:
                small_total += 1
                white = (fill[0] == "g" and fill[1][0] >= 0.999) or (
                    fill[0] == "k" and max(fill[1]) == 0)
                if not white and not (fill[0] == "k" and fill[1] == K100) and not (
                        fill[0] == "g" and fill[1][0] == 0):
                    small_not_k += 1
            elif op == "Do":
                x = xobjects.get(str(operands[0])) if xobjects else None
                if x is None:
                    continue
                if x.get("/Subtype") == "/Image":
                    cs = x.get("/ColorSpace")
                    spaces.add(str(cs[0]) if isinstance(cs, pikepdf.Array) else str(cs))
                elif x.get("/Subtype") == "/Form" and x.objgen not in seen:
                    seen.add(x.objgen)
                    walk(x, x.get("/Resources"), ctm)

    for page in pdf.pages:
        walk(page, page.obj.get("/Resources"), [1, 0, 0, 1, 0, 0])
    return sorted(spaces), small_total, small_not_k


def preflight(path: Path, prepared: Prepared, ink_limit: int = INK_LIMIT) -> dict[str, Any]:
    """Step 4: the facts a print vendor checks, read back from the press PDF."""
    import pikepdf

    with pikepdf.open(path) as pdf:
        boxes = []
        problems: list[str] = []
        for number, page in enumerate(pdf.pages, 1):
            media = [float(x) for x in page.obj.MediaBox]
            bleed = [float(x) for x in page.obj.get("/BleedBox", media)]
            trim = [float(x) for x in page.obj.get("/TrimBox", media)]
            margin = [trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2],
                      bleed[3] - trim[3]]
            slug = [bleed[0] - media[0], bleed[1] - media[1], media[2] - bleed[2],
                    media[3] - bleed[3]]
            boxes.append({"page": number,
                          "trim_mm": [round((trim[2] - trim[0]) / MM, 1),
                                      round((trim[3] - trim[1]) / MM, 1)],
                          "bleed_mm": round(min(margin) / MM, 2),
                          "slug_mm": round(min(slug) / MM, 2)})
            if min(margin) < BLEED_MM * MM - 0.1 or min(slug) <= 0:
                problems.append(f"boxes:{number}")
        fonts = []
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor":
                embedded = any(k in obj for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                fonts.append({"name": str(obj.FontName)[1:], "embedded": embedded})
                if not embedded:
                    problems.append(f"font:{obj.FontName}")
        spaces, small, small_not_k = _colour_spaces(pdf)
        if small_not_k:
            problems.append("small-type-not-k")
        if {"/DeviceRGB", "/ICCBased/N3"} & set(spaces):
            problems.append("rgb")
        intents: Any = pdf.Root.get("/OutputIntents", [])
        intent = {"condition": str(intents[0].get("/OutputConditionIdentifier", "")),
                  "info": str(intents[0].get("/Info", ""))} if intents else {}
        version = str(pdf.docinfo.get("/GTS_PDFXVersion", ""))
        pdfx = conformance(pdf)
        problems.extend(f"pdfx:{p}" for p in pdfx)
        interpolated = sum(1 for o in pdf.objects if isinstance(o, pikepdf.Dictionary)
                           and o.get("/Subtype") == "/Image" and o.get("/Interpolate") is True)
    ink = _ink(path)
    if max(ink, default=0) > ink_limit:
        problems.append("ink")
    return {
        "pdfx": version, "pdfx_failures": pdfx, "output_intent": intent, "pages": len(boxes),
        "blank_pages_added": prepared.padded, "boxes": boxes, "colour_spaces": spaces,
        "fonts": sorted(fonts, key=lambda f: f["name"]),
        "small_type": {"glyph_runs": small, "not_k_only": small_not_k},
        "images": [{"page": i.page, "alt": i.alt, "pixels": list(i.pixels), "ppi": i.ppi}
                   for i in prepared.images],
        "interpolated_images": interpolated,
        "max_ink_percent": max(ink, default=0), "ink_limit_percent": ink_limit,
        "ink_per_page": ink, "problems": problems,
    }


def write_zip(target: Path, files: dict[str, Path]) -> None:
    """The vendor's package, byte for byte the same for the same files."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, path in files.items():
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    target.write_bytes(buffer.getvalue())


def report_json(report: dict[str, Any]) -> str:
    return json.dumps(report, ensure_ascii=False, indent=1, sort_keys=True)
