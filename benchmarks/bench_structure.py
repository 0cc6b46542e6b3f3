"""Structure mismatches over a synthetic catalog: every condition at Letter, A4 and large print.

Generates ``--count`` conditions (``publisher catalog``), builds them (Letter: PDF and large print; A4:
PDF) and reads every PDF's structure tree against its source with the ``pdf.structure`` rule's own
reading, printing per paper and print size how many files were read and how many structure
mismatches they have (headless Sect, split lists, paragraphs and tables, unmarked languages).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from common import ROOT, machine, table

from publisher.build.plan import BuildPlan
from publisher.build.render import load
from publisher.check.pdf import PdfContext
from publisher.check.pdfstructure import StructureReading, expected_structure, structure_mismatches
from publisher.extract.pdf import open_pdf
from publisher.extract.pdftree import StructTree


def mismatches(pair: tuple[Path, Path]) -> tuple[str, dict[str, int]]:
    pdf_path, source = pair
    doc = load(source, BuildPlan(out_dir=pdf_path.parent))
    with open_pdf(pdf_path) as pdf:
        ctx = PdfContext(pdf_path, pdf, StructTree(pdf))
        reading = StructureReading(ctx.tree, lambda: ctx.text, str(pdf.Root.get("/Lang", "")))
        counts, _problems, _summary = structure_mismatches(reading, expected_structure(doc))
    return pdf_path.name, counts


def publisher(*args: str | Path) -> None:
    subprocess.run([sys.executable, "-m", "publisher", *map(str, args)], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=60)
    parser.add_argument("--work", type=Path, default=None, help="folder to work in (default: a temporary one)")
    args = parser.parse_args()
    print(machine())
    with tempfile.TemporaryDirectory() as temporary:
        work = args.work or Path(temporary)
        sources = work / "src"
        publisher("catalog", str(args.count), "--out", sources)
        publisher("build", sources, "--out", work / "letter", "--format", "pdf,large-print", "--quiet", "-j", "2")
        publisher("build", sources, "--out", work / "a4", "--format", "pdf", "--paper", "a4", "--quiet", "-j", "2")
        groups = {
            "Letter, standard print": sorted(p for p in (work / "letter").glob("*.pdf")
                                             if not p.name.endswith(".large-print.pdf")),
            "A4, standard print": sorted((work / "a4").glob("*.pdf")),
            "Letter, large print": sorted((work / "letter").glob("*.large-print.pdf")),
        }
        rows = [["paper and print size", "files", "structure mismatches", "by kind"]]
        total_files = total = 0
        with ProcessPoolExecutor(2) as pool:
            for label, paths in groups.items():
                pairs = [(p, sources / f"{p.name.split('.')[0]}.yaml") for p in paths]
                kinds: dict[str, int] = {}
                for _name, counts in pool.map(mismatches, pairs):
                    for kind, n in counts.items():
                        kinds[kind] = kinds.get(kind, 0) + n
                found = sum(kinds.values())
                rows.append([label, str(len(paths)), str(found),
                             ", ".join(f"{k} {n}" for k, n in kinds.items() if n) or "none"])
                total_files += len(paths)
                total += found
        rows.append(["all", str(total_files), str(total), ""])
    print(f"catalog of {args.count} conditions")
    print(table(rows))


if __name__ == "__main__":
    main()
