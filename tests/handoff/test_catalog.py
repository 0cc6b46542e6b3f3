"""A folder build's catalog: index.html (accessible, every link a file in dist/), opds.json (OPDS 2.0), sitemap.xml."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import lxml.html
import pytest
from handoffkit import build, make_sources
from lxml import etree
from referencing import Registry, Resource

from publisher.handoff.store import STORE_NAME
from publisher.validators import axe

SCHEMAS = Path(__file__).parent / "schemas"


def links(page: Path) -> list[tuple[str, dict[str, str]]]:
    root = lxml.html.fromstring(page.read_bytes())
    return [(str(e.get("href")), dict(e.attrib)) for e in root.iter("a", "link") if e.get("href")]


def local(href: str) -> bool:
    return not href.startswith(("#", "http:", "https:", "mailto:"))


def _schema(path: Path) -> Any:
    # The language tag pattern names its groups the ECMAScript way, (?<name>...), which Python's re
    # spells (?P<name>...): the same expression, in the syntax jsonschema's "pattern" check compiles.
    return json.loads(re.sub(r"\(\?<(?=[A-Za-z])", "(?P<", path.read_text(encoding="utf-8")))


def opds_validator() -> jsonschema.Draft7Validator:
    resources = [Resource.from_contents(_schema(p)) for p in sorted(SCHEMAS.rglob("*.schema.json"))]
    registry: Registry[Any] = Registry().with_resources((r.id(), r) for r in resources)  # type: ignore[misc]
    feed = _schema(SCHEMAS / "opds" / "feed.schema.json")
    return jsonschema.Draft7Validator(feed, registry=registry, format_checker=jsonschema.FormatChecker())


def test_a_folder_build_writes_the_catalog_and_a_file_build_does_not(site: Path, tmp_path: Path) -> None:
    assert (site / "index.html").is_file() and (site / "opds.json").is_file()
    assert not (site / "sitemap.xml").exists()  # no --base-url: no absolute addresses to list
    src = make_sources(tmp_path / "src")
    assert build(src / "rich.yaml", "-o", tmp_path / "one", "-f", "html") == 0
    assert not (tmp_path / "one" / "index.html").exists()


def test_every_link_of_the_index_and_of_each_page_resolves_to_a_file_in_dist(site: Path) -> None:
    hrefs = [href for href, _ in links(site / "index.html") if local(href)]
    assert len(hrefs) >= 4 * 5 + 1  # four versions with five formats each, the OPDS feed
    missing = [href for href in hrefs if not (site / href).is_file()]
    assert not missing
    for page in site.glob("*.html"):
        if page.name == "index.html":
            continue
        root = lxml.html.fromstring(page.read_bytes())
        formats = root.xpath("//nav[@class='formats']//a/@href")
        assert len(formats) == 4, page.name  # print, large print, Word, e-book
        assert all((site / str(href)).is_file() for href in formats), page.name


def test_the_index_lists_every_version_with_languages_sizes_and_review_dates(site: Path) -> None:
    root = lxml.html.fromstring((site / "index.html").read_bytes())
    assert root.get("lang") == "en"
    versions = {str(s.get("aria-labelledby")): s for s in root.xpath("//section[@class='version']")}
    assert set(versions) == {"v-leiomyosarcoma", "v-leiomyosarcoma-es", "v-leiomyosarcoma-clinician", "v-rich"}
    spanish = versions["v-leiomyosarcoma-es"]
    assert spanish.get("lang") == "es"
    assert {a.get("hreflang") for a in spanish.iter("a")} == {"es"}
    assert "Imprimir esta hoja informativa" in spanish.text_content()
    # Translations and variants sit under their condition's heading; the rich fixture is a condition of its own.
    conditions = root.xpath("//li[@class='condition']")
    assert len(conditions) == 2
    pdf = next(li for li in versions["v-leiomyosarcoma"].iter("li") if li.find("a").get("href") == "leiomyosarcoma.pdf")
    size = (site / "leiomyosarcoma.pdf").stat().st_size
    assert f"(PDF, {round(size / 1000)} KB)" in pdf.text_content()
    assert versions["v-leiomyosarcoma"].xpath(".//time/@datetime") == ["2015-06-26"]
    assert "Clinician version" in versions["v-leiomyosarcoma-clinician"].text_content()
    assert "c49.9" in conditions[0].get("data-search")  # searchable by code


@pytest.mark.validator
def test_axe_finds_nothing_on_the_index(site: Path) -> None:
    result = axe.check(site / "index.html")
    assert result.ok, [str(f) for f in result.findings]


def test_opds_feed_validates_against_the_opds_2_schema(site: Path) -> None:
    feed = json.loads((site / "opds.json").read_bytes())
    errors = sorted(opds_validator().iter_errors(feed), key=str)
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    publications = feed["publications"]
    assert feed["metadata"]["numberOfItems"] == len(publications) == 4
    spanish = next(p for p in publications if p["metadata"]["language"] == "es")
    assert spanish["metadata"]["modified"] == "2015-06-26T00:00:00Z"
    assert {"taggedPDF", "largePrint", "tableOfContents"} <= set(spanish["metadata"]["accessibility"]["feature"])
    acquisitions = [link for link in spanish["links"] if link["rel"] == "http://opds-spec.org/acquisition/open-access"]
    assert {link["type"] for link in acquisitions} >= {"application/epub+zip", "application/pdf"}
    assert all((site / link["href"]).is_file() for link in spanish["links"])


def test_the_opds_schema_check_can_fail(site: Path) -> None:
    feed = json.loads((site / "opds.json").read_bytes())
    del feed["publications"][0]["links"]  # a publication must have an acquisition link
    feed["metadata"]["modified"] = "yesterday"
    assert len(list(opds_validator().iter_errors(feed))) >= 2


def test_base_url_gives_absolute_feed_links_and_a_sitemap_with_hreflang(tmp_path: Path) -> None:
    src, out = make_sources(tmp_path / "src"), tmp_path / "dist"
    (src / "rich.yaml").unlink()
    assert build(src, "-o", out, "-f", "html,epub", "--base-url", "https://example.org/handouts") == 0
    feed = json.loads((out / "opds.json").read_bytes())
    assert feed["links"][0]["href"] == "https://example.org/handouts/opds.json"
    assert not list(opds_validator().iter_errors(feed))
    sitemap = etree.fromstring((out / "sitemap.xml").read_bytes())
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    locs = sitemap.xpath("//s:url/s:loc/text()", namespaces=ns)
    assert locs == ["https://example.org/handouts/index.html", "https://example.org/handouts/leiomyosarcoma.html",
                    "https://example.org/handouts/leiomyosarcoma-es.html"]
    alternates = sitemap.xpath("//s:url[s:loc='https://example.org/handouts/leiomyosarcoma.html']/x:link/@hreflang",
                               namespaces=ns)
    assert alternates == ["en", "es"]


def test_a_changed_source_updates_only_its_entries(tmp_path: Path) -> None:
    src, out = make_sources(tmp_path / "src"), tmp_path / "dist"
    assert build(src, "-o", out, "-f", "html,docx") == 0
    before = json.loads((out / STORE_NAME).read_bytes())["entries"]
    rich = src / "rich.yaml"
    rich.write_text(rich.read_text(encoding="utf-8").replace("title: ", "title: Revised ", 1), encoding="utf-8")
    assert build(src, "-o", out, "-f", "html,docx") == 0
    after = json.loads((out / STORE_NAME).read_bytes())["entries"]
    changed = {key for key in after if after[key] != before.get(key)}
    assert changed == {key for key in after if key.endswith("rich.yaml")}
    assert "Revised " in (out / "index.html").read_text(encoding="utf-8")
    assert build(src, "-o", out, "-f", "html,docx") == 0  # nothing changed: the catalog files stay as they are
    assert json.loads((out / STORE_NAME).read_bytes())["entries"] == after


def test_a_lost_store_is_rebuilt_from_the_sources(tmp_path: Path) -> None:
    src, out = make_sources(tmp_path / "src"), tmp_path / "dist"
    assert build(src, "-o", out, "-f", "html") == 0
    index = (out / "index.html").read_bytes()
    (out / STORE_NAME).unlink()
    (out / "index.html").unlink()
    assert build(src, "-o", out, "-f", "html") == 0  # nothing to render: the sources' cards are read again
    assert (out / "index.html").read_bytes() == index
