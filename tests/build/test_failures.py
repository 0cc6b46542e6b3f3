"""A failing source is reported with its position, the others still build, and the summary counts add up."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from buildkit import Builder, sources

from publisher.build.manifest import MANIFEST_NAME
from publisher.render.layout import DEFAULT_ROOT

POSITION = re.compile(r"^(?P<path>\S+\.yaml):(?P<line>\d+):(?P<col>\d+): .+ — .+$", re.MULTILINE)


def break_citation(source: Path) -> str:
    """Cite a key the source does not define; the error is reported at the citation."""
    text = source.read_text()
    broken = text.replace("[@", "[@nosuchkey; @", 1)
    assert broken != text
    source.write_text(broken)
    return source.stem


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_one_bad_source_among_good_ones(build: Builder, catalog: Path, tmp_path: Path, jobs: str) -> None:
    bad = break_citation(sorted(catalog.glob("*.yaml"))[2])
    out = tmp_path / "dist"
    run = build(*sources(catalog), "-o", out, "-f", "json,html", "-j", jobs)
    assert run.status == 2
    good = [p.stem for p in sorted(catalog.glob("*.yaml")) if p.stem != bad]
    assert run.written == {f"{stem}.{ext}" for stem in good for ext in ("json", "html")}
    assert not list(out.glob(f"{bad}.*")), "nothing may be written for the failing source"
    where = POSITION.search(run.stderr)
    assert where is not None, run.stderr
    assert Path(where["path"]).stem == bad and "nosuchkey" in run.stderr
    assert run.counts == (3, 0, 1)


def test_failed_source_is_retried_and_counted(build: Builder, catalog: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    assert build(*sources(catalog), "-o", out, "-f", "json").status == 0
    target = sorted(catalog.glob("*.yaml"))[0]
    original = target.read_text()
    break_citation(target)
    failed = build(*sources(catalog), "-o", out, "-f", "json")
    assert (failed.status, failed.counts) == (2, (0, 3, 1))
    assert (out / f"{target.stem}.json").exists(), "the last good output stays until a new one replaces it"
    manifest = json.loads((out / MANIFEST_NAME).read_text())
    entry = next(e for name, e in manifest["entries"].items() if name.endswith(target.name))
    assert entry["outputs"] == {}, "a failed format is forgotten so that the next build retries it"
    target.write_text(original)
    fixed = build(*sources(catalog), "-o", out, "-f", "json")
    assert (fixed.status, fixed.counts, fixed.written) == (0, (1, 3, 0), {f"{target.stem}.json"})


def test_two_sources_with_one_slug_do_not_overwrite_each_other(build: Builder, catalog: Path, tmp_path: Path) -> None:
    first, second = sorted(catalog.glob("*.yaml"))[:2]
    twin = catalog / "twin.yaml"
    twin.write_text(f"slug: {first.stem}\n" + second.read_text())
    run = build(first, twin, "-o", tmp_path / "dist", "-f", "json")
    assert run.status == 2
    assert run.counts == (1, 0, 1)
    assert "give one of the two sources another 'slug:'" in run.stderr
    refused = twin if run.stderr.startswith(str(twin)) else first
    kept = first if refused is twin else twin
    title = json.loads((tmp_path / "dist" / f"{first.stem}.json").read_text())["title"]
    assert f"title: {title}\n" in kept.read_text() and f"title: {title}\n" not in refused.read_text()


def test_unknown_format_is_a_usage_error(build: Builder, catalog: Path, tmp_path: Path) -> None:
    run = build(*sources(catalog), "-o", tmp_path / "dist", "-f", "json,pfd")
    assert run.status == 2
    assert "unknown format pfd" in run.stderr
    assert not (tmp_path / "dist").exists()


def test_broken_layout_template_is_reported_at_the_template(build: Builder, catalog: Path, tmp_path: Path) -> None:
    layouts = tmp_path / "layouts"
    shutil.copytree(DEFAULT_ROOT, layouts)
    template = layouts / "html" / "page.html.j2"
    lines = template.read_text().count("\n")
    template.write_text(template.read_text() + "{{ no_such_variable_here }}\n")
    run = build(*sources(catalog), "-o", tmp_path / "dist", "-f", "json,html", "--layouts", layouts)
    assert run.status == 2, run.stderr
    assert run.counts == (0, 0, 4)
    assert f"{template}:{lines + 1}" in run.stderr and "no_such_variable_here" in run.stderr
    assert "internal error" not in run.stderr and "Traceback" not in run.stderr
