"""(e) What each hand-off addition costs on a synthetic catalog (issue 18), against the build it rides on.

1. The build of N conditions (`publisher build FOLDER`, formats html,docx,epub: the catalog's cost does
   not depend on the PDFs), with every hand-off file, and the same build with ``--no-fhir`` of the
   sources as files (no catalog): the difference is what FHIR and the catalog add to a whole build.
2. In this process, from that build's output folder: the FHIR bundles of all N sources (reading and
   hashing their files, as an incremental build does for formats it did not render), and the catalog
   (index.html + opds.json) from the store, as the end of every folder build writes it.
3. The records step (PDF/A-2u output intent, annotation flags, metadata) per handout, from PDF renders of
   a few conditions with the step and without it, and the bytes it adds.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from common import machine, median, publisher, run, table

import publisher.render.pdf as pdf_module
from publisher.build.handoff import HandoffStage
from publisher.build.manifest import Manifest
from publisher.build.plan import BuildPlan
from publisher.build.render import load
from publisher.handoff.options import HandoffOptions
from publisher.render import RenderOptions
from publisher.render.layout import Layout
from publisher.synthetic import generate

FORMATS = "html,docx,epub"


def timed(func, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pdfs", type=int, default=6, help="conditions rendered as PDF for the records step")
    parser.add_argument("--jobs", default="2")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-handoff-"))
    try:
        src = work / "src"
        sources = generate(args.count, src, seed=18)
        out, bare = work / "dist", work / "bare"
        full = run(publisher("build", src, "-o", out, "-f", FORMATS, "-j", args.jobs, "-q"))
        plain = run(publisher("build", *sources, "-o", bare, "-f", FORMATS, "-j", args.jobs, "-q", "--no-fhir"))
        assert full.returncode == 0 and plain.returncode == 0, full.stderr + plain.stderr

        plan = BuildPlan(out_dir=out, formats=tuple(FORMATS.split(",")), handoff=HandoffOptions(catalog=True))

        def bundles() -> None:  # every source's bundle from its files on disk, nothing cached
            stage = HandoffStage(BuildPlan(out_dir=out, formats=plan.formats), Manifest.load(out))
            for entry in stage.store.entries.values():
                stage._bundle(entry, {})

        def catalog() -> None:
            (out / "index.html").unlink()
            (out / "opds.json").unlink()
            HandoffStage(plan, Manifest.load(out)).finish(sources)

        fhir_s, catalog_s = timed(bundles, args.repeat), timed(catalog, args.repeat)

        docs = [load(s, plan) for s in sources[: args.pdfs]]
        layout, options = Layout(), RenderOptions()
        pdf_module.render(docs[0], layout, options)  # warm: fonts and stylesheets parsed once
        real_step = pdf_module.make_records_ready
        spent: list[float] = []

        def step(*a, **k) -> None:  # type: ignore[no-untyped-def]
            started = time.perf_counter()
            real_step(*a, **k)
            spent.append(time.perf_counter() - started)

        pdf_module.make_records_ready = step  # type: ignore[assignment]
        renders = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            sizes_with = [len(pdf_module.render(d, layout, options)) for d in docs]
            renders.append(time.perf_counter() - started)
        pdf_module.make_records_ready = lambda *a, **k: None  # type: ignore[assignment]
        try:
            sizes_without = [len(pdf_module.render(d, layout, options)) for d in docs]
        finally:
            pdf_module.make_records_ready = real_step  # type: ignore[assignment]
        per_pdf_ms = median(spent) * 1000
        render_ms = median(renders) / len(docs) * 1000
        added_kb = (sum(sizes_with) - sum(sizes_without)) / len(docs) / 1000

        n = args.count
        print(f"machine: {machine()}\n")
        print(table([
            ["step", "seconds", "per condition (ms)", "vs the build"],
            [f"build of {n} conditions ({FORMATS}, -j{args.jobs}), with bundles + catalog", f"{full.seconds:.2f}",
             f"{full.seconds / n * 1000:.1f}", "1.00"],
            ["same build, --no-fhir, sources as files (no catalog)", f"{plain.seconds:.2f}",
             f"{plain.seconds / n * 1000:.1f}", f"{plain.seconds / full.seconds:.2f}"],
            [f"FHIR bundles of all {n} (read + SHA-1 every file, write nothing)", f"{fhir_s:.3f}",
             f"{fhir_s / n * 1000:.2f}", f"{fhir_s / full.seconds:.3f}"],
            [f"catalog: index.html + opds.json of {n}, from the store", f"{catalog_s:.3f}",
             f"{catalog_s / n * 1000:.2f}", f"{catalog_s / full.seconds:.3f}"],
            [f"records step (PDF/A-2u + metadata) in a handout render, {len(docs)} handouts",
             f"{per_pdf_ms / 1000:.4f}", f"{per_pdf_ms:.2f}",
             f"{per_pdf_ms / render_ms:.3f} of a {render_ms:.0f} ms render; +{added_kb:.1f} KB per PDF"],
        ]))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
