"""The accessible PDFs against a real PDF/UA-1 validator (page-validation, veraPDF's rules)
and the structure the validator cannot judge: one tree, one parent per element, the
reading order, artifacts, IDs, link descriptions, reproducible bytes."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import page
import pikepdf
import pytest
from conftest import ROOT, SAMPLE
from test_print import _issue, run_screen_pdfs

from greenpub.cache import BuildCache
from greenpub.config import Feedback
from greenpub.content.reader import read_content
from greenpub.editions.base import BuildOptions, RenderContext
from greenpub.review import decide


def _build(tmp: Path, cfg, issue, name: str = "out", cache: str = "cache") -> dict[str, Path]:
    ctx = RenderContext(site=cfg, out=tmp / name, project=ROOT,
                        options=BuildOptions(formats=("print", "audio")),
                        cache=BuildCache(tmp / cache))
    result = run_screen_pdfs(issue, ctx)
    return {k: ctx.out / rel for k, rel in result.outputs.issue.items()}


def _generated(issue):
    """The mini issue with a long second article: several pages, a table with headers,
    footnotes on more than one page, an external link, a list and a quote."""
    rows = "".join(f"<tr><td>{n}월</td><td>{n * 1000:,}부</td><td>동 주민센터 {n}곳</td></tr>"
                   for n in range(1, 13))
    paragraphs = []
    notes = []
    for n in range(1, 25):
        call = ""
        if n % 6 == 0:
            k = len(notes) + 1
            call = (f'<sup id="fnref:{k}"><a class="footnote-ref" href="#fn:{k}">{k}</a></sup>')
            notes.append(f'<li id="fn:{k}"><p>{k}번째 각주: 자료는 서구청 홍보정책담당관이 '
                         f'제공했습니다.&#160;<a class="footnote-backref" href="#fnref:{k}">'
                         f'&#8617;</a></p></li>')
        paragraphs.append(f"<p>문단 {n}: 서구 소식지는 주민 여러분의 목소리를 담습니다. "
                          f"{'종이 소식지와 모바일 소식지를 함께 만듭니다. ' * 6}{call}</p>")
        if n == 8:
            paragraphs.append(f"<table><thead><tr><th>달</th><th>부수</th><th>배부처</th></tr>"
                              f"</thead><tbody>{rows}</tbody></table>")
        if n == 12:
            paragraphs.append('<h2>더 알아보기</h2><ul><li>누리집: <a href="https://www.seo.'
                              'incheon.kr/">서구청 누리집</a></li><li>전화 문의</li></ul>'
                              "<blockquote><p>소식지를 늘 챙겨 봅니다.</p></blockquote>")
    html = "".join(paragraphs) + f'<div class="footnote"><hr><ol>{"".join(notes)}</ol></div>'
    second = issue.articles[1]
    issue.articles[1] = dataclasses.replace(second, html=html, hash="generated")
    return issue


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    tmp = tmp_path_factory.mktemp("ua")
    cfg, issue = _issue()
    out = {"mini": _build(tmp / "mini", cfg, issue)}
    cfg, issue = _issue()
    # with the residents' survey on the back page (site.yaml feedback:)
    cfg = dataclasses.replace(cfg, feedback=Feedback(
        "https://www.seo.incheon.kr/green/survey", "소식지 독자 의견 조사에 참여해 주세요"))
    out["generated"] = _build(tmp / "gen", cfg, _generated(issue))
    out["generated-again"] = _build(tmp / "gen2", cfg, _generated(_issue()[1]))
    return out


def _all(pdfs: dict) -> list[tuple[str, Path]]:
    return [(f"{name}:{kind}", pdf) for name in ("mini", "generated")
            for kind, pdf in pdfs[name].items()]


def test_validator_finds_no_pdfua1_failure(pdfs: dict):
    for label, pdf in _all(pdfs):
        report = page.validate_pdf(pdf, profile="ua1")
        failures = [f"{f.rule_id}: {f.message}" for f in report.failures]
        assert report.is_compliant and not failures, (label, failures[:10])
        assert report.rules.total > 50  # the PDF/UA-1 profile really ran


def test_validator_catches_a_link_outside_a_link_element(pdfs: dict, tmp_path: Path):
    """The validator is not a rubber stamp: the defect found in review fails it."""
    pdf = pdfs["mini"]["pdf"]
    with pikepdf.open(pdf) as doc:
        nums = doc.Root.StructTreeRoot.ParentTree.Nums
        for page_ in doc.pages:
            for annot in page_.get("/Annots", []):
                key = int(annot.StructParent)
                for i in range(0, len(nums), 2):
                    if int(nums[i]) == key:
                        nums[i + 1].S = pikepdf.Name.Span
        broken = tmp_path / "broken.pdf"
        doc.save(broken)
    report = page.validate_pdf(broken, profile="ua1")
    assert not report.is_compliant
    assert any("LINK" in f.rule_id for f in report.failures)


def _tree(doc) -> list:
    """Every structure element reached from the root, checking each is reached once and
    its /P is the element (or root) whose /K holds it."""
    root = doc.Root.StructTreeRoot
    seen: set = set()
    elements = []
    stack = [(root, root.K)]
    while stack:
        parent, kids = stack.pop()
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
            if not isinstance(kid, pikepdf.Dictionary) or "/S" not in kid:
                continue
            assert kid.objgen not in seen, "an element with two parents"
            seen.add(kid.objgen)
            assert kid.P.objgen == parent.objgen, "an element's /P is not its parent"
            elements.append(kid)
            if "/K" in kid:
                stack.append((kid, kid.K))
    return elements


def _mcids(content_ops) -> tuple[set[int], list[str]]:
    """The MCIDs of a content stream, and what is drawn outside marked content."""
    mcids, outside, depth = set(), [], 0
    for operands, op in content_ops:
        name = str(op)
        if name in ("BDC", "BMC"):
            depth += 1
            if name == "BDC" and isinstance(operands[1], pikepdf.Dictionary) \
                    and "/MCID" in operands[1]:
                mcids.add(int(operands[1].MCID))
        elif name == "EMC":
            depth -= 1
        elif name in ("Tj", "TJ", "Do", "f", "f*", "S", "B", "sh") and depth == 0:
            outside.append(name)
    return mcids, outside


def test_one_structure_tree_with_single_parents_and_content_inside_it(pdfs: dict):
    for label, pdf in _all(pdfs):
        with pikepdf.open(pdf) as doc:
            kinds = [o.get("/Type") for o in doc.objects if isinstance(o, pikepdf.Dictionary)]
            assert kinds.count("/StructTreeRoot") == 1, label
            documents = [o for o in doc.objects if isinstance(o, pikepdf.Dictionary)
                         and o.get("/S") == "/Document"]
            assert len(documents) == 1, label
            reached = {e.objgen for e in _tree(doc)}
            nums = doc.Root.StructTreeRoot.ParentTree.Nums
            tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
            for number, page_ in enumerate(doc.pages, 1):
                mcids, outside = _mcids(pikepdf.parse_content_stream(page_))
                assert not outside, (label, number, outside)  # the folio Do too
                mapped = tree[int(page_.StructParents)]
                for m in mcids:  # running heads are artifacts, not orphans
                    assert mapped[m].objgen in reached, (label, number, m)


def test_ids_are_unique_and_listed_in_the_idtree(pdfs: dict):
    for label, pdf in _all(pdfs):
        with pikepdf.open(pdf) as doc:
            elements = _tree(doc)
            ids = [str(e.ID) for e in elements if "/ID" in e]
            assert len(ids) == len(set(ids)), label
            if label.startswith("generated"):
                assert any(e.S == "/TH" for e in elements) and ids
            if ids:
                names = doc.Root.StructTreeRoot.IDTree.Names
                listed = {str(names[i]): names[i + 1].objgen for i in range(0, len(names), 2)}
                assert listed == {str(e.ID): e.objgen for e in elements if "/ID" in e}
            for e in elements:
                headers = e.get("/A", {}).get("/Headers") if isinstance(
                    e.get("/A"), pikepdf.Dictionary) else None
                for h in headers or []:
                    assert str(h) in ids, (label, str(h))


def test_articles_are_one_art_each_with_title_before_qr_and_notes(pdfs: dict):
    for label, pdf in _all(pdfs):
        with pikepdf.open(pdf) as doc:
            top = [k for k in doc.Root.StructTreeRoot.K[0].K]
            arts = [k for k in top if k.S == "/Art"]
            assert len(arts) == 2, (label, [str(k.S) for k in top])
            for art in arts:
                inside = [e for e in _tree(doc) if _ancestor(e, art)]
                order = [str(e.S) for e in inside]
                qr = next(i for i, e in enumerate(inside)
                          if str(e.get("/Alt", "")).startswith("이 기사 웹 페이지로"))
                assert order.index("/H2") < qr, label
            if label.startswith("generated"):
                notes = [e for e in _tree(doc) if e.S == "/Note" and _ancestor(e, arts[1])]
                assert len(notes) == 4 and all("/ID" in n for n in notes)
                assert len({int(p) for p in _pages_of(doc, arts[1])}) >= 2, label


def _ancestor(element, ancestor) -> bool:
    node = element
    while "/P" in node and node.get("/Type") != "/StructTreeRoot":
        node = node.P
        if node.objgen == ancestor.objgen:
            return True
    return False


def _pages_of(doc, element) -> set[int]:
    index = {p.objgen: i for i, p in enumerate(doc.pages)}
    return {index[e.Pg.objgen] for e in _tree(doc) if _ancestor(e, element) and "/Pg" in e}


def test_contents_links_leaders_and_annotations(pdfs: dict):
    issue = _issue()[1]
    titles = {f"article-{a.slug}": a.title for a in issue.articles}
    for _label, pdf in _all(pdfs):
        with pikepdf.open(pdf) as doc:
            nums = doc.Root.StructTreeRoot.ParentTree.Nums
            tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
            for page_ in doc.pages:
                for annot in page_.get("/Annots", []):
                    assert int(annot.F) & 4, "annotations print"
                    assert tree[int(annot.StructParent)].S == "/Link"
                    assert "/Contents" in annot and str(annot.Contents).strip()
            contents = [a for a in doc.pages[1].get("/Annots", []) if "/Dest" in a]
            assert {str(a.Dest): str(a.Contents) for a in contents} == titles
            # the contents' entries: section, title, page number; the dotted leader is an
            # artifact (it was about 70 tagged runs of periods per entry)
            lists = [e for e in _tree(doc) if e.S == "/L" and doc.pages[1].objgen == e.Pg.objgen]
            for item in lists[0].K:
                runs = [e for e in _tree(doc) if _ancestor(e, item)]
                assert len(runs) <= 8, len(runs)


def _in_order(node) -> list:
    """Structure elements in document (reading) order, depth first."""
    out = []
    for kid in (node.K if isinstance(node.K, pikepdf.Array) else [node.K]):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            out.append(kid)
            if "/K" in kid:
                out.extend(_in_order(kid))
    return out


def test_feedback_survey_is_read_after_the_site_qr_code_and_before_its_address(pdfs: dict):
    """The back page's survey block: a Figure with Korean alt text, then its address as a
    Link whose annotation opens the survey; after the back page's other QR code."""
    for kind, pdf in pdfs["generated"].items():
        with pikepdf.open(pdf) as doc:
            order = _in_order(doc.Root.StructTreeRoot)
            alts = [str(e.get("/Alt", "")) for e in order]
            site = next(i for i, a in enumerate(alts) if a.startswith("Green 서구 누리집"))
            survey = alts.index("설문 참여 QR 코드: 소식지 독자 의견 조사에 참여해 주세요")
            assert order[survey].S == "/Figure" and site < survey, kind
            links = [i for i, e in enumerate(order) if e.S == "/Link" and any(
                isinstance(k, pikepdf.Dictionary) and str(k.get("/Type")) == "/OBJR"
                and str(k.Obj.get("/A", {}).get("/URI", "")).endswith("/green/survey")
                for k in (e.K if isinstance(e.K, pikepdf.Array) else [e.K]))]
            assert links and links[0] > survey, kind
    for kind, pdf in pdfs["mini"].items():  # no feedback: no survey block
        with pikepdf.open(pdf) as doc:
            assert not any(str(e.get("/Alt", "")).startswith("설문 참여")
                           for e in _in_order(doc.Root.StructTreeRoot)), kind
def test_producer_matches_xmp_and_builds_are_byte_identical(pdfs: dict):
    for label, pdf in _all(pdfs):
        with pikepdf.open(pdf) as doc:
            producer = str(doc.docinfo.get("/Producer", ""))
            with doc.open_metadata() as meta:
                assert producer and meta.get("pdf:Producer") == producer, label
    for kind, pdf in pdfs["generated"].items():
        assert pdf.read_bytes() == pdfs["generated-again"][kind].read_bytes(), kind


@pytest.mark.slow
def test_sample_issue_passes_the_validator(tmp_path: Path):
    cfg, issues = read_content(SAMPLE)
    issue = issues[0]
    issue.articles = [a for a in issue.articles if decide(a, cfg).publishable]
    for kind, pdf in _build(tmp_path, cfg, issue).items():
        report = page.validate_pdf(pdf, profile="ua1")
        assert report.is_compliant, (kind, [f.message for f in report.failures][:10])
