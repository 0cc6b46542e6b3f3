"""The catalog page is judged as a catalog: its links open files, it lists every output, its feed leads to them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from publisher.check import CheckOptions, Selection, all_rules, check
from publisher.check.result import Status
from publisher.cli import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("catalog")
    (base / "source").mkdir()
    for name in ("leiomyosarcoma.yaml", "leiomyosarcoma.es.yaml"):
        shutil.copy(ROOT / "source" / name, base / "source" / name)
    assert main(["build", "-q", "-j", "1", str(base / "source"), "-o", str(base / "dist")]) == 0
    return base


@pytest.fixture
def site(built: Path, tmp_path: Path) -> Path:
    """A copy of the built project for one test to change."""
    shutil.copytree(built, tmp_path / "p")
    return tmp_path / "p"


def _results(project: Path, *patterns: str) -> dict[str, tuple[Status, str]]:
    dist = project / "dist"
    run = check(sorted(p for p in dist.iterdir() if p.suffix in (".html", ".pdf")),
                CheckOptions(source_dir=project / "source", selection=Selection(patterns)))
    return {r.rule: (r.status, r.message) for r in run.results if r.file.endswith("index.html")}


def test_a_built_folders_catalog_passes_and_gets_no_fidelity_rules(site: Path) -> None:
    results = _results(site, "catalog.*", "fidelity.*", "html.lang", "html.title")
    catalog_rules = {rule for rule, _tool, _summary in all_rules() if rule.startswith("catalog.")}
    assert set(results) == catalog_rules | {"html.lang", "html.title"}
    assert all(status is Status.PASS for status, _ in results.values()), results


def test_a_link_to_a_missing_file_fails_catalog_links(site: Path) -> None:
    (site / "dist" / "leiomyosarcoma-es.large-print.pdf").unlink()
    status, message = _results(site, "catalog.links")["catalog.links"]
    assert status is Status.FAIL
    assert "leiomyosarcoma-es.large-print.pdf" in message


def test_an_output_the_page_does_not_list_fails_catalog_complete(site: Path) -> None:
    shutil.copy(site / "dist" / "leiomyosarcoma.pdf", site / "dist" / "orphan.pdf")
    status, message = _results(site, "catalog.complete")["catalog.complete"]
    assert status is Status.FAIL
    assert "orphan.pdf" in message


def test_a_broken_or_misleading_feed_fails_catalog_opds(site: Path) -> None:
    feed_path = site / "dist" / "opds.json"
    feed = json.loads(feed_path.read_text(encoding="utf-8"))
    feed["publications"][0]["links"][1]["href"] = "gone.pdf"
    feed_path.write_text(json.dumps(feed), encoding="utf-8")
    status, message = _results(site, "catalog.opds")["catalog.opds"]
    assert (status, "gone.pdf" in message) == (Status.FAIL, True)
    feed_path.write_text("{not json", encoding="utf-8")
    assert _results(site, "catalog.opds")["catalog.opds"][0] is Status.FAIL
    feed_path.unlink()
    assert _results(site, "catalog.opds")["catalog.opds"][0] is Status.FAIL


def test_absolute_feed_links_under_the_base_url_are_followed_to_the_folder(site: Path) -> None:
    out = site / "dist"
    assert main(["build", "-q", "-j", "1", str(site / "source"), "-o", str(out),
                 "--base-url", "https://health.example.org/handouts/"]) == 0
    assert "https://health.example.org/handouts/leiomyosarcoma.pdf" in (out / "opds.json").read_text("utf-8")
    assert _results(site, "catalog.opds")["catalog.opds"][0] is Status.PASS
    (out / "leiomyosarcoma.pdf").unlink()
    assert _results(site, "catalog.opds")["catalog.opds"][0] is Status.FAIL


@pytest.mark.parametrize(("name", "slug_line"), [("index.yaml", ""), ("other.yaml", "slug: opds\n")])
def test_a_source_cannot_take_a_name_the_catalog_writes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, slug_line: str) -> None:
    text = (ROOT / "source" / "leiomyosarcoma.yaml").read_text(encoding="utf-8")
    (tmp_path / name).write_text(slug_line + text, encoding="utf-8")
    assert main(["build", "-q", str(tmp_path / name), "-o", str(tmp_path / "dist")]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / name}:1:" in err and "reserved" in err and " — " in err
    assert not (tmp_path / "dist").exists() or not any((tmp_path / "dist").glob("*.html"))
