"""Time the handout renderer against plain WeasyPrint on the same HTML (run by hand: python bench_pdf.py).

Not a test: timings vary with the machine, so nothing asserts on them.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import weasyprint
from weasyprint.text.fonts import FontConfiguration

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from publisher.build.plan import BuildPlan  # noqa: E402
from publisher.build.render import load  # noqa: E402
from publisher.render import RenderOptions  # noqa: E402
from publisher.render.layout import Layout  # noqa: E402
from publisher.render.pdf import render  # noqa: E402
from publisher.render.pdf.engine import stylesheet_paths  # noqa: E402
from publisher.render.pdf.page import handout_html  # noqa: E402


def median_seconds(fn: object, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(runs: int = 7) -> None:
    doc = load(ROOT / "source" / "leiomyosarcoma.yaml", BuildPlan(out_dir=ROOT / "dist"))
    layout = Layout()
    options = RenderOptions()
    html = handout_html(doc, layout)
    base = layout.folder("pdf").resolve().as_uri() + "/"

    def ours() -> bytes:
        return render(doc, layout, options)

    def raw_bare() -> bytes:  # the brief's baseline: same HTML, no stylesheet, default everything
        return weasyprint.HTML(string=html, base_url=base).write_pdf(pdf_variant="pdf/ua-1")  # type: ignore[no-any-return]

    def raw_styled() -> bytes:  # what a renderer without caching does: parse CSS and load fonts every time
        fonts = FontConfiguration()
        sheets = [weasyprint.CSS(filename=str(p), font_config=fonts)
                  for p in stylesheet_paths(layout.root / "pdf", "letter", False)]
        return weasyprint.HTML(string=html, base_url=base).write_pdf(  # type: ignore[no-any-return]
            stylesheets=sheets, font_config=fonts, pdf_variant="pdf/ua-1")

    for fn in (ours, raw_bare, raw_styled):  # warm up imports and the engine cache
        fn()
    t_ours = median_seconds(ours, runs)
    t_bare = median_seconds(raw_bare, runs)
    t_styled = median_seconds(raw_styled, runs)
    print(f"ours (cached CSS + fonts, strict, post-processing): {t_ours * 1000:.0f} ms")
    print(f"raw WeasyPrint, same HTML, no CSS:                  {t_bare * 1000:.0f} ms  ratio {t_ours / t_bare:.2f}")
    print(f"raw WeasyPrint, same HTML + CSS parsed each time: {t_styled * 1000:.0f} ms  ratio {t_ours / t_styled:.2f}")


if __name__ == "__main__":
    main()
