"""Join the separately laid-out parts of an issue (front, each article, back) into one
tagged PDF with pikepdf.

WeasyPrint writes each part as a complete PDF/UA file. Joining keeps what makes the
result one accessible document:

- the first part's catalog: XMP metadata (pdfuaid), /Lang, /MarkInfo, /ViewerPreferences;
- one structure tree: every part's top-level elements move under the first part's
  /Document element, and the /ParentTree is rebuilt with new keys (pages first, then
  annotations, as WeasyPrint numbers them), so marked content still finds its element;
- named destinations: the parts' /Dests are merged, later parts winning, so a contents
  link (`/Dest (article-…)`, resolved in the front part to its own entry) now opens the
  article's first page;
- the outline: each part's bookmarks, pointing at the joined pages;
- folios: articles are laid out without page numbers (so an article that moves need not
  be laid out again); a separately laid-out run of pages holding only the numbers is
  stamped onto the articles' pages as Form XObjects, its content marked /Artifact;
- font subset tags: WeasyPrint derives the six-letter tag from the font alone, so two parts
  would carry different subsets under one name; each later part's tags are renamed
  (ISO 32000-1, 9.6.4: different subsets in one file have different tags).
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from pathlib import Path
from typing import Any

_SUBSET = re.compile(r"^/([A-Z]{6})\+(.+)$")


def _retag(name: Any, part: int) -> Any:
    import pikepdf

    match = _SUBSET.match(str(name))
    if not match:
        return name
    seed = hashlib.md5(f"{part}:{match.group(1)}".encode(), usedforsecurity=False).digest()
    tag = "".join(chr(65 + b % 26) for b in seed[:6])
    return pikepdf.Name(f"/{tag}+{match.group(2)}")


def _retag_fonts(pdf: Any, part: int) -> None:
    import pikepdf

    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary):
            continue
        kind = obj.get("/Type")
        if kind == "/Font" and "/BaseFont" in obj:
            obj.BaseFont = _retag(obj.BaseFont, part)
        elif kind == "/FontDescriptor" and "/FontName" in obj:
            obj.FontName = _retag(obj.FontName, part)


def _nums(tree: Any) -> dict[int, Any]:
    """A flat number tree (what WeasyPrint writes) as a dict."""
    if "/Nums" not in tree:
        raise ValueError("nested /ParentTree is not supported")
    nums = tree.Nums
    return {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}


def _dests(root: Any) -> list[tuple[str, Any]]:
    if "/Names" not in root or "/Dests" not in root.Names:
        return []
    dests = root.Names.Dests
    if "/Names" not in dests:
        raise ValueError("nested /Dests name tree is not supported")
    names = dests.Names
    return [(str(names[i]), names[i + 1]) for i in range(0, len(names), 2)]


def _as_artifact(pdf: Any, page: Any) -> None:
    """Mark all of a page's content as a pagination artifact (for stamping elsewhere)."""
    import pikepdf

    ops = []
    for operands, operator in pikepdf.parse_content_stream(page):
        if str(operator) == "BDC":
            operands, operator = [pikepdf.Name.Artifact], pikepdf.Operator("BMC")
        ops.append((operands, operator))
    page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(ops))


def join_parts(parts: list[Path], target: Path, folios: Path | None = None) -> int:
    """Write the parts, in order, as one tagged PDF at `target`; returns its page count.

    `folios`, when given, has one page per page of the middle parts (the articles), with
    their page numbers: each is stamped onto its page."""
    import pikepdf

    if not parts:
        raise ValueError("no parts to join")
    with contextlib.ExitStack() as stack:
        # Foreign stream data is read when the joined file is written: keep sources open.
        out = stack.enter_context(pikepdf.open(parts[0]))
        tree_root = out.Root.StructTreeRoot
        document = tree_root.K[0]
        # (page, its part's ParentTree as a dict) for every page, in order
        front_tree = _nums(tree_root.ParentTree)
        pages: list[tuple[Any, dict[int, Any]]] = [(p.obj, front_tree) for p in out.pages]
        dests = dict(_dests(out.Root))
        outline: list[tuple[str, Any]] = []
        with out.open_outline() as ol:
            outline += [(item.title, item.destination) for item in ol.root]

        front_count = last_count = len(out.pages)
        for index, path in enumerate(parts[1:], 1):
            src = stack.enter_context(pikepdf.open(path))
            last_count = len(src.pages)
            _retag_fonts(src, index)
            first = len(out.pages)
            out.pages.extend(src.pages)
            # The /Document element, copied with everything it reaches: its kids' /Pg and
            # /Obj references land on the pages and annotations just copied (pikepdf keeps
            # one foreign-object map per source), and its /P is the source tree root,
            # whose copied /ParentTree holds the source's keys mapped the same way.
            copied = out.copy_foreign(src.Root.StructTreeRoot.K[0])
            tree = _nums(copied.P.ParentTree)
            for kid in copied.K:
                if isinstance(kid, pikepdf.Dictionary):
                    kid.P = document
                document.K.append(kid)
            pages += [(out.pages[first + i].obj, tree) for i in range(len(src.pages))]
            if "/Names" in src.Root:
                names = out.copy_foreign(src.make_indirect(src.Root.Names))
                dests.update(_dests(pikepdf.Dictionary(Names=names)))
            with src.open_outline() as ol:
                for item in ol.root:
                    dest = item.destination
                    if isinstance(dest, pikepdf.Array):
                        dest = out.copy_foreign(src.make_indirect(dest))
                    outline.append((item.title, dest))

        if folios is not None:
            stamps = stack.enter_context(pikepdf.open(folios))
            _retag_fonts(stamps, len(parts))
            if front_count + len(stamps.pages) != len(out.pages) - last_count:
                raise ValueError("folio pages do not match the articles' pages")
            for i, stamp in enumerate(stamps.pages):
                _as_artifact(stamps, stamp)
                page = out.pages[front_count + i]
                page.add_overlay(out.copy_foreign(stamp.as_form_xobject()),
                                 pikepdf.Rectangle(page.mediabox))

        # One /ParentTree: pages keyed 0..n-1, then their annotations, as WeasyPrint does.
        nums = pikepdf.Array()
        annotations: list[tuple[Any, Any]] = []
        for key, (page, tree) in enumerate(pages):
            old = int(page.get("/StructParents", -1))
            if old in tree:
                page.StructParents = key
                nums.extend([key, tree[old]])
            for annot in page.get("/Annots", []):
                if "/StructParent" in annot and int(annot.StructParent) in tree:
                    annotations.append((annot, tree[int(annot.StructParent)]))
        for key, (annot, element) in enumerate(annotations, len(pages)):
            annot.StructParent = key
            nums.extend([key, element])
        tree_root.ParentTree = out.make_indirect(pikepdf.Dictionary(Nums=nums))
        tree_root.ParentTreeNextKey = len(pages) + len(annotations)

        if dests:
            flat = pikepdf.Array()
            for name in sorted(dests):
                flat.extend([pikepdf.String(name), dests[name]])
            if "/Names" not in out.Root:
                out.Root.Names = pikepdf.Dictionary()
            out.Root.Names.Dests = out.make_indirect(pikepdf.Dictionary(Names=flat))

        with out.open_outline() as ol:
            ol.root.clear()
            for title, dest in outline:
                ol.root.append(pikepdf.OutlineItem(title, dest))

        target.parent.mkdir(parents=True, exist_ok=True)
        count = len(out.pages)
        out.save(target, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return count
