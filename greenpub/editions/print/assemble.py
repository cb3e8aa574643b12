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
- structure fixes for PDF/UA-1 (ISO 14289-1): an article laid out over several pages is one
  /Art element (WeasyPrint starts one per page) holding its footnotes' /Note elements; every
  element with an /ID (table headers, notes) gets a part-unique ID listed in the /IDTree;
  link annotations are printable and described by the title of the article they open;
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


def _elements(node: Any) -> Any:
    """Every structure element below `node` (depth first, in order)."""
    import pikepdf

    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, pikepdf.Array):
            stack.extend(reversed(list(item)))
        elif isinstance(item, pikepdf.Dictionary) and "/S" in item:
            yield item
            if "/K" in item:
                stack.append(item.K)


def _starts_article(art: Any) -> bool:
    """An /Art piece that opens an article: its title (H2) comes within its first elements
    (the article head); a piece continuing an article on a new page has none."""
    for n, element in enumerate(_elements(art)):
        if n > 12:
            return False
        if element.get("/S") == "/H2":
            return True
    return False


def _one_article(document: Any) -> None:
    """WeasyPrint starts a new /Art element on every page an article spans and puts the
    page's footnotes after the page's elements: gather each article's pieces into its first
    /Art, and give each article its footnotes (/Note, in order: as many as it has calls,
    /Reference), so a part may hold one article or, with print.article_break: auto, several
    short ones."""
    import pikepdf

    out = pikepdf.Array()
    articles: list[Any] = []
    notes: list[Any] = []
    for kid in list(document.K):
        is_art = isinstance(kid, pikepdf.Dictionary) and kid.get("/S") == "/Art"
        if is_art and (not articles or _starts_article(kid)):
            articles.append(kid)
            out.append(kid)
        elif not articles:
            out.append(kid)
        elif is_art:
            art = articles[-1]
            for grandchild in kid.K:
                if isinstance(grandchild, pikepdf.Dictionary) and "/S" in grandchild:
                    grandchild.P = art
                art.K.append(grandchild)
        else:
            notes.append(kid)
    if not articles:
        return
    calls = [sum(1 for e in _elements(art) if e.get("/S") == "/Reference") for art in articles]
    calls[-1] += max(0, len(notes) - sum(calls))  # anything unaccounted for: the last one
    for art, count in zip(articles, calls):
        for note in notes[:count]:
            if isinstance(note, pikepdf.Dictionary):
                note.P = art
            art.K.append(note)
        notes = notes[count:]
    document.K = out


def _number_ids(document: Any, part: int, ids: dict[str, Any]) -> None:
    """Give every element with an /ID (WeasyPrint's table headers, footnotes) an ID unique
    in the joined file, point table cells' /Headers at the new IDs, collect them in `ids`."""
    import pikepdf

    renamed: dict[str, str] = {}
    cells = []
    notes = 0
    for element in _elements(document):
        if element.get("/S") == "/Note" and "/ID" not in element:
            notes += 1
            element.ID = pikepdf.String(f"note-{notes}")
        if "/ID" in element:
            new = f"p{part}-{element.ID}"
            renamed[str(element.ID)] = new
            element.ID = pikepdf.String(new)
            ids[new] = element
        attrs = element.get("/A")
        if isinstance(attrs, pikepdf.Dictionary) and "/Headers" in attrs:
            cells.append(attrs)
    for attrs in cells:
        attrs.Headers = pikepdf.Array([pikepdf.String(renamed.get(str(h), str(h)))
                                       for h in attrs.Headers])


def _fix_structure(document: Any, part: int, ids: dict[str, Any]) -> None:
    _one_article(document)
    _number_ids(document, part, ids)


def _stamp(pdf: Any, page: Any, form: Any, name: str) -> None:
    """Draw `form` over the whole page, as a pagination artifact, under a fixed resource
    name (pikepdf's add_overlay picks random names, which made builds differ)."""
    import pikepdf

    # WeasyPrint's pages may share one resource dictionary: this page gets its own
    resources = pikepdf.Dictionary({k: v for k, v in page.obj.get("/Resources", {}).items()})
    xobjects = pikepdf.Dictionary({k: v for k, v in resources.get("/XObject", {}).items()})
    xobjects[name] = form
    resources.XObject = xobjects
    page.obj.Resources = resources
    prefix = pdf.make_stream(b"q\n")
    suffix = pdf.make_stream(
        f"Q\n/Artifact <</Type /Pagination>> BDC q {name} Do Q EMC\n".encode())
    contents = page.obj.Contents
    streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
    page.obj.Contents = pikepdf.Array([prefix, *streams, suffix])


def join_parts(parts: list[Path], target: Path, folios: Path | None = None,
               titles: dict[str, str] | None = None, trim: bool = False) -> int:
    """Write the parts, in order, as one tagged PDF at `target`; returns its page count.

    `folios`, when given, has one page per page of the middle parts (the articles), with
    their page numbers: each is stamped onto its page. `titles` maps link targets (named
    destinations) to the text that describes the link. With `trim`, each page is cut to
    its TrimBox (the parts are laid out with a bleed for the press PDF)."""
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

        ids: dict[str, Any] = {}
        _fix_structure(document, 0, ids)
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
            _fix_structure(copied, index, ids)
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
                _stamp(out, out.pages[front_count + i],
                       out.copy_foreign(stamp.as_form_xobject()), "/GreenpubFolio")

        # One /ParentTree: pages keyed 0..n-1, then their annotations, as WeasyPrint does.
        nums = pikepdf.Array()
        annotations: list[tuple[Any, Any]] = []
        for key, (page, tree) in enumerate(pages):
            old = int(page.get("/StructParents", -1))
            if old in tree:
                page.StructParents = key
                nums.extend([key, tree[old]])
            for annot in page.get("/Annots", []):
                annot.F = 4  # printable (ISO 14289-1, 7.18.1 via PDF/A-style checks)
                dest = str(annot.get("/Dest", ""))
                if titles and dest in titles:
                    annot.Contents = pikepdf.String(titles[dest])
                if "/StructParent" in annot and int(annot.StructParent) in tree:
                    annotations.append((annot, tree[int(annot.StructParent)]))
        for key, (annot, element) in enumerate(annotations, len(pages)):
            annot.StructParent = key
            nums.extend([key, element])
        tree_root.ParentTree = out.make_indirect(pikepdf.Dictionary(Nums=nums))
        tree_root.ParentTreeNextKey = len(pages) + len(annotations)
        if ids:
            flat_ids = pikepdf.Array()
            for name in sorted(ids):
                flat_ids.extend([pikepdf.String(name), ids[name]])
            tree_root.IDTree = out.make_indirect(pikepdf.Dictionary(Names=flat_ids))
        elif "/IDTree" in tree_root:
            del tree_root["/IDTree"]

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

        if trim:
            for page in out.pages:
                if "/TrimBox" in page.obj:
                    page.obj.MediaBox = page.obj.TrimBox
                    for key in ("/BleedBox", "/TrimBox", "/CropBox"):
                        if key in page.obj:
                            del page.obj[key]

        target.parent.mkdir(parents=True, exist_ok=True)
        count = len(out.pages)
        out.save(target, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return count
