"""(a) The seed, every format, cold: the whole `publisher build` command vs Pandoc on equivalent Markdown.

Pandoc converts Markdown generated from the same model to DOCX, EPUB and PDF (--pdf-engine=weasyprint);
each tool runs as a fresh process per repetition, alternating, so both see the same machine load.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from common import SEED, machine, median, publisher, run, table
from pandoc_markdown import document

from publisher.build.plan import BuildPlan
from publisher.build.render import load


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(machine())
    work = Path(tempfile.mkdtemp(prefix="bench-seed-"))
    markdown = work / "seed.md"
    markdown.write_text(document(load(SEED, BuildPlan(work))))
    commands = {
        "publisher build, 5 formats (pdf, large-print, docx, epub, html)":
            [publisher("build", SEED, "-o", work / "all", "--force", "-q")],
        "publisher build, pdf+docx+epub": [publisher("build", SEED, "-o", work / "three", "-f", "pdf,docx,epub",
                                                     "--force", "-q")],
        "pandoc docx + epub + pdf (weasyprint), 3 processes": [
            ["pandoc", markdown, "-o", work / "p.docx"],
            ["pandoc", markdown, "-o", work / "p.epub"],
            ["pandoc", markdown, "-o", work / "p.pdf", "--pdf-engine=weasyprint"],
        ],
        "pandoc pdf (weasyprint) alone": [["pandoc", markdown, "-o", work / "p1.pdf", "--pdf-engine=weasyprint"]],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.repeat):
        for name, steps in commands.items():
            total = 0.0
            for step in steps:
                result = run(step)
                if result.returncode != 0:
                    raise SystemExit(f"{name} failed:\n{result.stderr}")
                total += result.seconds
            times[name].append(total)
    pandoc = median(times["pandoc docx + epub + pdf (weasyprint), 3 processes"])
    rows = [["command", "median s", "min s", "× pandoc (3 formats)"]]
    for name, values in times.items():
        rows.append([name, f"{median(values):.2f}", f"{min(values):.2f}", f"{median(values) / pandoc:.2f}"])
    print(table(rows))


if __name__ == "__main__":
    main()
