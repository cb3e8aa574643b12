"""Print edition benchmark: PDF stage time against the plain `weasyprint` command.

Each PDF is laid out part by part (front, each article, back) and joined with pikepdf
(editions/print/edition.py PartLayout, assemble.py). For each PDF (standard, large print) of
the sample issue this times, in one run:
  stage  — what the edition does with an empty part cache: build the article HTML, check
           glyphs, render the parts' templates, lay out every part (the front twice: once
           to learn its length, once with the page numbers) and join them;
  plain  — `weasyprint` as a command on the same content as one HTML document (the
           parts' bodies in one file) with the same PDF options (pdf/ua-1, image dpi, JPEG
           quality, optimised images);
  api    — WeasyPrint's Python API on that one document in this process;
  edit   — the stage again after one article's text changed, with the parts cached by
           the previous run: what an editor's one-article edit costs this PDF;
and prints them, the ratio stage/plain (target <= 1.3), stage/api and the PDF sizes. It
also times the press PDF (press.py: join, recolour, Ghostscript PDF/X, preflight) from the
standard PDF's cached parts and from nothing, and the whole edition uncached and cached
(all three PDFs, in one process: a build runs them as parallel tasks). The runs are interleaved,
--repeat times, and the fastest of each is kept: the machine is shared, and the minimum
is the figure least disturbed by other work.

    .venv/bin/python benchmarks/bench_print.py [--content content] [--repeat 3]
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import weasyprint  # noqa: E402

from greenpub.cache import BuildCache  # noqa: E402
from greenpub.content.reader import read_content  # noqa: E402
from greenpub.editions.base import BuildOptions, RenderContext, run_edition  # noqa: E402
from greenpub.editions.print import PrintEdition  # noqa: E402
from greenpub.editions.print.document import build_articles, render_html  # noqa: E402
from greenpub.editions.print.edition import PartLayout, missing_glyph_warnings  # noqa: E402
from greenpub.editions.print.settings import load_settings  # noqa: E402
from greenpub.review import decide  # noqa: E402


def timed(fn) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    cfg, issues = read_content(args.content)
    issue = issues[0]
    issue.articles = [a for a in issue.articles if decide(a, cfg).publishable]
    tmp = Path(tempfile.mkdtemp(prefix="bench-print-"))
    weasyprint_cmd = shutil.which("weasyprint", path=str(Path(sys.executable).parent)) \
        or "weasyprint"
    try:
        ctx = RenderContext(site=cfg, out=tmp / "out", project=ROOT, options=BuildOptions(),
                            cache=BuildCache(tmp / "cache"))
        ctx.edition = "print"
        settings = load_settings(cfg)
        layouts = ctx.layouts("print").resolve()
        print(f"issue {issue.id}: {len(issue.articles)} published articles, "
              f"fastest of {args.repeat} interleaved runs")
        print(f"{'pdf':<10}{'stage s':>9}{'plain s':>9}{'ratio':>7}{'api s':>8}{'ratio':>7}"
              f"{'edit s':>8}{'pages':>7}{'size KB':>9}")
        edited = dataclasses.replace(issue, articles=list(issue.articles))
        first = edited.articles[0]
        edited.articles[0] = dataclasses.replace(
            first, html=first.html + "<p>편집부가 덧붙인 문장입니다.</p>", hash="edited")
        runs_done = 0

        def body(html: str) -> str:
            return re.search(r"<body[^>]*>(.*)</body>", html, re.S).group(1)  # type: ignore

        for large in (False, True):
            label = "large" if large else "standard"
            target = tmp / f"{label}.pdf"
            pages = 0

            def stage(which=issue, cache: Path | None = None) -> None:  # type: ignore
                nonlocal pages, runs_done
                if cache is None:
                    runs_done += 1
                    cache = tmp / f"cache-{label}-{runs_done}"
                c = RenderContext(site=cfg, out=tmp / "out", project=ROOT,
                                  options=BuildOptions(), cache=BuildCache(cache))
                c.edition = "print"
                articles = build_articles(which, c)
                missing_glyph_warnings(which, articles, settings)
                pages = PartLayout(which, articles, c, settings, large).write(target)

            def edit() -> None:
                stage(edited, tmp / f"cache-{label}-{runs_done}")

            stage()  # warm fontconfig and font caches, as a build that already ran once
            # The same content as one document, for the plain command and the API.
            articles = build_articles(issue, ctx)
            front = render_html(issue, articles, ctx, settings, large, "front", 1,
                                {pa.anchor: 0 for pa in articles})
            rest = "".join(body(render_html(issue, [pa], ctx, settings, large, "article"))
                           for pa in articles)
            rest += body(render_html(issue, [], ctx, settings, large, "back"))
            html_file = layouts / f".bench-{label}.html"  # same folder: same relative URLs
            html_file.write_text(front.replace("</body>", rest + "</body>"), "utf-8")
            try:
                command = [weasyprint_cmd, "--pdf-variant", "pdf/ua-1", "--optimize-images",
                           "-j", str(settings.jpeg_quality), "-D", str(settings.image_dpi),
                           "-q", str(html_file), str(tmp / f"{label}-plain.pdf")]
                runs = [(timed(stage), timed(lambda: subprocess.run(command, check=True)),
                         timed(lambda: weasyprint.HTML(filename=str(html_file)).write_pdf(
                             tmp / f"{label}-api.pdf", pdf_variant="pdf/ua-1",
                             optimize_images=True, jpeg_quality=settings.jpeg_quality,
                             dpi=settings.image_dpi)), timed(edit))
                        for _ in range(args.repeat)]
                t_stage, t_plain, t_api, t_edit = (min(r[i] for r in runs) for i in range(4))
            finally:
                html_file.unlink()
            stage()
            size = target.stat().st_size / 1024
            print(f"{label:<10}{t_stage:>9.2f}{t_plain:>9.2f}{t_stage / t_plain:>7.2f}"
                  f"{t_api:>8.2f}{t_stage / t_api:>7.2f}{t_edit:>8.2f}{pages:>7}{size:>9.0f}")

        def press(cache: Path) -> None:
            c = RenderContext(site=cfg, out=tmp / f"out-{time.perf_counter_ns()}", project=ROOT,
                              options=BuildOptions(formats=("pdf",)), cache=BuildCache(cache))
            run_edition(PrintEdition(), issue, c, part="press")

        warm_cache = _warm_cache(tmp, cfg, issue)  # not timed
        warm = timed(lambda: press(warm_cache))
        cold = timed(lambda: press(tmp / f"cache-press-cold-{time.perf_counter_ns()}"))
        print(f"press PDF, standard parts cached: {warm:.2f} s; from nothing: {cold:.2f} s")

        def edition(force: bool) -> None:
            c = RenderContext(site=cfg, out=tmp / f"out-{time.perf_counter_ns()}", project=ROOT,
                              options=BuildOptions(), cache=BuildCache(tmp / "cache", force))
            run_edition(PrintEdition(), issue, c)

        print(f"whole edition, three PDFs, uncached: {timed(lambda: edition(True)):.2f} s")
        print(f"whole edition, three PDFs, cached:   {timed(lambda: edition(False)):.2f} s")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _warm_cache(tmp: Path, cfg, issue) -> Path:  # type: ignore[no-untyped-def]
    """A cache holding the standard PDF's parts, as a build has when its press task runs
    after (or alongside) the standard one."""
    cache = tmp / f"cache-warm-{time.perf_counter_ns()}"
    c = RenderContext(site=cfg, out=tmp / f"out-{time.perf_counter_ns()}", project=ROOT,
                      options=BuildOptions(formats=("pdf",)), cache=BuildCache(cache))
    run_edition(PrintEdition(), issue, c, part="standard")
    return cache


if __name__ == "__main__":
    main()
