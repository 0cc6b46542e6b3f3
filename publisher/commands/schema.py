"""``publisher schema``: the source format as a JSON Schema, for editor autocompletion."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from publisher.build.write import ensure_dir, write_atomic
from publisher.errors import PublisherError
from publisher.source import schema as s

DESCRIPTION = """\
Print the JSON Schema (draft 2020-12) of condition sources. Editors that use
yaml-language-server (VS Code's YAML extension, Neovim, Zed …) then complete keys and
flag mistakes as you type, when the source starts with

  # yaml-language-server: $schema=source.schema.json

The schema checks shape only; 'publisher lint' and 'publisher build' check the rest
(citation keys, image files, links, reading level).
"""

DRAFT = "https://json-schema.org/draft/2020-12/schema"
BLOCK_KINDS = s.BLOCK_KINDS

# Descriptions for keys the pydantic models leave undescribed: what an editor shows on hover.
DESCRIPTIONS: dict[tuple[str, str], str] = {
    ("SourceDocument", "format"): "Version of the source format; 1.",
    ("SourceDocument", "title"): "The document title: the H1 in every format.",
    ("SourceDocument", "slug"): "Names the output files; default: the file name without .yaml.",
    ("SourceDocument", "language"): "BCP 47 language tag: en, en-US, es, es-419, zh-Hans …",
    ("SourceDocument", "direction"): "Text direction; default rtl for ar, he, fa, ur …, else ltr.",
    ("SourceDocument", "canonical_url"): "The page's public address; the PDF prints a QR code to it.",
    ("SourceDocument", "last_reviewed"): "YYYY-MM-DD: when the content was last checked. Printed on every page.",
    ("SourceDocument", "description"): "One sentence for catalogues and document properties.",
    ("SourceDocument", "rights"): "Copyright or licence statement.",
    ("SourceDocument", "summary"): "Markdown: the first section, titled 'Summary' in the document's language.",
    ("SourceDocument", "sections"): "Top-level sections (H2), in reading order.",
    ("SourceDocument", "references"): "Numbered by first citation [@id], then in this order.",
    ("SectionSource", "id"): "Anchor; default: made from the title.",
    ("SectionSource", "audience"): "Only in this audience's version (publisher build --audience).",
    ("SectionSource", "blocks"): "Typed blocks after the body, in order.",
    ("SectionSource", "sections"): "Sub-sections, nested at most to H6.",
    ("Block", "text"): "Markdown paragraphs, lists and quotes.",
    ("Block", "note"): "Markdown call-out; its style is note_kind.",
    ("ResourceItem", "name"): "The link text: the organisation's or page's name.",
    ("ImageBlock", "alt"): "What the image shows, for people who cannot see it.",
    ("ImageBlock", "decorative"): "true if the image carries no information (then no alt text).",
}


def json_schema() -> dict[str, Any]:
    schema = s.SourceDocument.model_json_schema()
    defs: dict[str, Any] = schema["$defs"]
    models = {"SourceDocument": schema, **defs}
    for (model, key), text in DESCRIPTIONS.items():
        models[model]["properties"][key].setdefault("description", text)
    # Rules pydantic checks in validators, restated so that editors flag them too.
    schema["properties"]["language"]["pattern"] = s.BCP47.pattern
    defs["Block"]["oneOf"] = [{"required": [kind]} for kind in BLOCK_KINDS]
    defs["ImageBlock"]["oneOf"] = [
        {"required": ["alt"], "properties": {"decorative": {"const": False}}},
        {"required": ["decorative"], "properties": {"decorative": {"const": True}}, "not": {"required": ["alt"]}},
    ]
    _close_objects(schema)
    return {
        "$schema": DRAFT,
        "title": "publisher condition source",
        "description": "One health condition's structured source (YAML), built into PDF, DOCX, EPUB and HTML "
                       "by 'publisher build'. See docs/source-format.md.",
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def _close_objects(node: Any) -> None:
    """additionalProperties: false on every object, so a misspelled key is flagged wherever it is."""
    if isinstance(node, dict):
        if node.get("type") == "object":  # not the oneOf branches, which only add to their object
            node.setdefault("additionalProperties", False)
        for value in node.values():
            _close_objects(value)
    elif isinstance(node, list):
        for value in node:
            _close_objects(value)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", "-o", type=Path, metavar="PATH", help="write to PATH instead of standard output")


def run(args: argparse.Namespace) -> int:
    text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    if args.out is None:
        sys.stdout.write(text)
        return 0
    try:
        ensure_dir(args.out.parent)
        write_atomic(args.out, text.encode())
    except PublisherError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic, file=sys.stderr)
        return 2
    print(f"wrote {args.out}", file=sys.stderr)
    return 0
