"""``publisher schema``: a draft 2020-12 JSON Schema that agrees with the source reader."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pydantic import ValidationError

from publisher.authoring.scaffold import starter
from publisher.cli import main
from publisher.commands.schema import json_schema
from publisher.errors import PublisherError
from publisher.source.schema import SourceDocument
from publisher.source.yamlpos import load_yaml, plain, read_text

ROOT = Path(__file__).parents[2]
VALIDATOR = jsonschema.Draft202012Validator(json_schema(), format_checker=jsonschema.FormatChecker())


def as_json(data: Any) -> Any:
    """What an editor's YAML language server hands the schema: dates are strings."""
    return json.loads(json.dumps(data, default=lambda v: v.isoformat()))


def candidate_sources() -> list[Path]:
    found = sorted((ROOT / "source").glob("*.yaml")) + sorted((ROOT / "tests").rglob("*.yaml"))
    return [p for p in found if "schema" not in p.name]


def loaded(path: Path) -> Any:
    try:
        return plain(load_yaml(read_text(path), str(path)))
    except PublisherError:
        return None  # not YAML at all: nothing for either validator to say


def test_output_is_a_draft_2020_12_schema_with_title(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == json_schema()
    assert printed["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert printed["title"] and printed["description"]
    jsonschema.Draft202012Validator.check_schema(printed)


def test_every_object_forbids_unknown_keys() -> None:
    objects: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "object":
                objects.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json_schema())
    assert len(objects) >= 9  # the document and its eight nested models
    assert all(o.get("additionalProperties") is False for o in objects)


def test_every_valid_source_validates_against_the_schema() -> None:
    checked = []
    for path in candidate_sources():
        data = loaded(path)
        try:
            SourceDocument.model_validate(data)
        except ValidationError:
            continue
        errors = [e.message for e in VALIDATOR.iter_errors(as_json(data))]
        assert errors == [], f"{path}: {errors}"
        checked.append(path.name)
    assert {"leiomyosarcoma.yaml", "leiomyosarcoma.es.yaml", "minimal.yaml", "clean.yaml"} <= set(checked)


def test_docs_example_and_scaffold_validate() -> None:
    docs = re.search(r"```yaml\n(.*?)```", (ROOT / "docs" / "source-format.md").read_text(), re.S)
    assert docs
    for text in (docs.group(1), starter("example", dt.date(2025, 1, 1))):
        data = plain(load_yaml(text, "example.yaml"))
        assert list(VALIDATOR.iter_errors(as_json(data))) == []


MINIMAL = {"title": "T", "language": "en", "publisher": {"name": "P"}, "last_reviewed": "2024-01-01",
           "summary": "S."}


def variant(**changes: Any) -> dict[str, Any]:
    return {**MINIMAL, **changes}


INVALID = {
    "misspelled key": variant(titel="T"),
    "missing title": {k: v for k, v in MINIMAL.items() if k != "title"},
    "two kinds in a block": variant(sections=[{"title": "A", "blocks": [{"text": "a", "note": "b"}]}]),
    "no kind in a block": variant(sections=[{"title": "A", "blocks": [{"audience": "patient"}]}]),
    "alt and decorative": variant(sections=[{"title": "A", "blocks": [
        {"image": {"file": "a.png", "alt": "A", "decorative": True}}]}]),
    "neither alt nor decorative": variant(sections=[{"title": "A", "blocks": [{"image": {"file": "a.png"}}]}]),
    "unknown audience": variant(sections=[{"title": "A", "audience": "everyone", "body": "x"}]),
    "language not BCP 47": variant(language="English"),
    "format 2": variant(format=2),
    "nested unknown key": variant(sections=[{"title": "A", "blocks": [
        {"resources": [{"name": "N", "link": "https://e.org/", "description": "d"}]}]}]),
    "date not ISO": variant(last_reviewed="26/06/2015"),
    "sections not a list": variant(sections={"title": "A"}),
}


@pytest.mark.parametrize("name", list(INVALID))
def test_invalid_sources_fail_both_validators(name: str) -> None:
    data = INVALID[name]
    with pytest.raises(ValidationError):
        SourceDocument.model_validate(data)
    assert list(VALIDATOR.iter_errors(data)), f"the JSON Schema accepts: {name}"


def test_minimal_variant_is_valid_for_both() -> None:
    SourceDocument.model_validate(MINIMAL)
    assert list(VALIDATOR.iter_errors(MINIMAL)) == []


def test_out_writes_the_file(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "source.schema.json"
    assert main(["schema", "--out", str(target)]) == 0
    assert json.loads(target.read_text()) == json_schema()
