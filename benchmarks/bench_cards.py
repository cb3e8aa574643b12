"""Card news benchmark: where a slide's time goes, and cold against cached builds.

For the sample issue this times, median of --repeat runs:
  theme    — loading layouts/cards/theme.yaml (fontTools cmaps, contrast checks);
  plan     — every slide's text resolved, glyph-checked and fitted (keep-all, shrink);
  draw     — Pillow painting the layers (rects, logo, QR, text runs);
  encode   — PNG encoding at the fixed compression level;
  plain    — baseline: the same slide texts drawn with one ImageDraw.text call per text
             layer (no wrapping, fitting or fallback fonts) and encoded the same way;
  edition  — the whole edition uncached (slides, share images, ZIPs) and cached.
It prints per-slide milliseconds and the ratio (plan+draw+encode)/plain.

    .venv/bin/python benchmarks/bench_cards.py [--content content] [--repeat 3]
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image, ImageDraw  # noqa: E402

from greenpub.cache import BuildCache  # noqa: E402
from greenpub.content.reader import read_content  # noqa: E402
from greenpub.editions.base import BuildOptions, RenderContext, run_edition  # noqa: E402
from greenpub.editions.cards import CardsEdition, article_specs  # noqa: E402
from greenpub.editions.cards.render import paint_slide, plan_slide, png_bytes  # noqa: E402
from greenpub.editions.cards.series import CardSettings  # noqa: E402
from greenpub.editions.cards.textlayout import pil_font  # noqa: E402
from greenpub.editions.cards.theme import TextLayer, load_theme  # noqa: E402
from greenpub.review import decide  # noqa: E402


def timed(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--content", default=str(ROOT / "content"))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    cfg, issues = read_content(Path(args.content))
    issue = issues[-1]
    issue = dataclasses.replace(issue, articles=[a for a in issue.articles
                                                 if decide(a, cfg).publishable])
    tmp = Path(tempfile.mkdtemp(prefix="bench-cards-"))

    def context(name: str, cache: str) -> RenderContext:
        return RenderContext(site=cfg, out=tmp / name, project=ROOT,
                             options=BuildOptions(formats=("cards",)),
                             cache=BuildCache(tmp / cache))

    start = time.perf_counter()
    load_theme(ROOT / "layouts" / "cards")  # first load in a process reads the font cmaps
    t_theme_first = time.perf_counter() - start
    t_theme = timed(lambda: load_theme(ROOT / "layouts" / "cards"), args.repeat)
    theme = load_theme(ROOT / "layouts" / "cards")
    ctx = context("probe", "probe-cache")
    specs = [s for a in issue.articles
             for s in article_specs(a, issue, ctx, CardSettings.from_site(cfg))]
    plans = [plan_slide(theme, s, False) for s in specs]
    t_plan = timed(lambda: [plan_slide(theme, s, False) for s in specs], args.repeat)
    t_draw = timed(lambda: [paint_slide(theme, p) for p in plans], args.repeat)
    painted = [paint_slide(theme, p) for p in plans]
    t_encode = timed(lambda: [png_bytes(im) for im in painted], args.repeat)

    def plain() -> None:
        for p in plans:
            layout = theme.slides[p.spec.kind]
            img = Image.new("RGB", (layout.width, layout.height), layout.background)
            d = ImageDraw.Draw(img)
            for placed in p.texts.values():
                layer: TextLayer = placed.layer
                font = pil_font(theme.fonts[layer.style.font].faces[0], layer.style.size)
                d.text(layer.box[:2], placed.text, font=font, fill=layer.style.color)
            png_bytes(img)

    t_plain = timed(plain, args.repeat)

    cold = timed(lambda: run_edition(CardsEdition(), issue,
                                     context(f"cold-{time.perf_counter_ns()}",
                                             f"cache-{time.perf_counter_ns()}")), args.repeat)
    run_edition(CardsEdition(), issue, context("warm0", "warm-cache"))
    warm = timed(lambda: run_edition(CardsEdition(), issue,
                                     context(f"warm-{time.perf_counter_ns()}", "warm-cache")),
                 args.repeat)

    n = len(specs)
    ms = 1000 / n
    print(f"sample {issue.id}: {len(issue.articles)} articles, {n} slides "
          f"(+{len(issue.articles) + 1} share images, {len(issue.articles)} ZIPs)")
    print(f"theme load, first     {t_theme_first * 1000:7.0f} ms  (fontTools cmaps of 6 faces)")
    print(f"theme load, again     {t_theme * 1000:7.0f} ms")
    print(f"plan  (check + fit)   {t_plan * ms:7.1f} ms/slide")
    print(f"draw  (layers)        {t_draw * ms:7.1f} ms/slide")
    print(f"encode (PNG level 6)  {t_encode * ms:7.1f} ms/slide")
    print(f"plain Pillow baseline {t_plain * ms:7.1f} ms/slide")
    stage = t_plan + t_draw + t_encode
    print(f"ratio stage/plain     {stage / t_plain:7.2f}")
    print(f"edition cold          {cold:7.2f} s  ({cold / n * 1000:.0f} ms/slide incl. og, ZIP)")
    print(f"edition cached        {warm:7.2f} s  (ratio cold/cached {cold / warm:.1f})")


if __name__ == "__main__":
    main()
