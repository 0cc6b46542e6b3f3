"""(b) Warm per-document PDF cost: publisher's PDF renderer vs raw WeasyPrint on the same HTML.

Everything is warmed first (imports, fonts, parsed stylesheets), then each variant renders the
same document in turn, --repeat times; medians are compared. The raw baselines get the same HTML
and the same parsed stylesheets, so the difference is publisher's own work: the HTML template,
the restricted URL fetcher, strict logging, PDF/UA tagging, the file identifier and the tag
fix-ups (a WeasyPrint finisher).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from common import SEED, machine, median, table
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from publisher.build.plan import BuildPlan
from publisher.build.render import load
from publisher.render import RenderOptions
from publisher.render.pdf import PDF_VARIANT, render
from publisher.render.pdf.engine import engine_for, stylesheet_paths
from publisher.render.pdf.page import handout_html


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("source", nargs="?", type=Path, default=SEED)
    args = parser.parse_args()
    print(machine())
    plan = BuildPlan(Path("/tmp"))
    doc = load(args.source, plan)
    options = RenderOptions()
    html = handout_html(doc, plan.layout)
    engine = engine_for(plan.layout, options.paper, options.large_print)
    base = plan.layout.folder("pdf").resolve().as_uri() + "/"
    paths = stylesheet_paths(plan.layout.root.resolve() / "pdf", options.paper, options.large_print)

    identifier = b"0123456789abcdef0123456789abcdef"  # what publisher writes: an MD5 in hex

    def raw(variant: str | None, identified: bool = False) -> bytes:
        return HTML(string=html, base_url=base).write_pdf(stylesheets=list(engine.stylesheets),
                                                          font_config=engine.font_config, pdf_variant=variant,
                                                          pdf_identifier=identifier if identified else None)

    def naive() -> bytes:
        fonts = FontConfiguration()
        sheets = [CSS(filename=str(p), font_config=fonts) for p in paths]
        return HTML(string=html, base_url=base).write_pdf(stylesheets=sheets, font_config=fonts)

    variants: dict[str, Callable[[], object]] = {
        "publisher PDF render (template + tagged PDF/UA + fix-ups)": lambda: render(doc, plan.layout, options),
        "raw WeasyPrint, same HTML + parsed CSS, untagged": lambda: raw(None),
        "raw WeasyPrint, same HTML + parsed CSS, pdf/ua-1": lambda: raw(PDF_VARIANT),
        "raw WeasyPrint, same HTML + parsed CSS, pdf/ua-1 + file identifier": lambda: raw(PDF_VARIANT, True),
        "raw WeasyPrint, CSS and fonts loaded per document": naive,
        "publisher HTML template alone": lambda: handout_html(doc, plan.layout),
    }
    for fn in variants.values():
        fn()  # warm
    times: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(args.repeat):
        for name, fn in variants.items():
            started = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - started)
    baseline = median(times["raw WeasyPrint, same HTML + parsed CSS, untagged"])
    rows = [["variant", "median ms", "min ms", "× raw untagged"]]
    for name, values in times.items():
        rows.append([name, f"{median(values) * 1000:.0f}", f"{min(values) * 1000:.0f}",
                     f"{median(values) / baseline:.2f}"])
    print(f"document: {args.source.name}, {args.repeat} repetitions")
    print(table(rows))


if __name__ == "__main__":
    main()
