"""A commented starter source for a new condition, valid and buildable as written."""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from pathlib import Path

from publisher.errors import Diagnostic, PublisherError

SCHEMA_FILE = "source.schema.json"

_TEMPLATE = """\
# yaml-language-server: $schema={schema}
# {title} — started with `publisher new` on {today}. Replace the example text, keep the keys.
# Check it:   publisher lint {path}
# Preview it: publisher serve {path}
# Every key is explained in docs/source-format.md; `publisher schema` lets editors complete them.
format: 1
title: {title_yaml}
language: {language}                  # BCP 47 tag: en, es, es-419, fr …
publisher:
  name: Your organization             # who stands behind the content
  # url: https://example.org/
# canonical_url: https://example.org/conditions/{slug}   # the page's public address; the PDF prints a QR code
last_reviewed: {today}            # YYYY-MM-DD: when an expert last checked the content
description: What this page covers, in one sentence.
# translation_of: other-slug          # if this file translates another source in this folder

# Prose fields are Markdown: *emphasis*, **strong**, [links](https://example.org/), lists.
# Aim for grade 8 or lower: short sentences, everyday words. `publisher lint` measures it.
summary: |
  Say what the condition is in a few short sentences. Say who gets it.
  Cite where a fact comes from like this.[@example-source]

sections:
  - title: Symptoms
    body: |
      List the signs people notice first:

      - The first sign
      - Another sign

  - title: Diagnosis
    body: |
      Say how doctors find out if someone has it. Name the tests.

  - title: Treatment
    body: |
      Say what can help, and what to ask the care team.
    blocks:
      - note: Talk to your doctor before you start or stop a treatment.
        note_kind: tip                # note, disclaimer, tip or warning
    sections:
      - title: For clinicians
        audience: clinician           # only in `publisher build --audience clinician`
        body: |
          Details for health professionals go here.

  - title: Learn More
    blocks:
      - resources:
          - name: MedlinePlus         # the link text: name the site, never "click here"
            url: https://medlineplus.gov/
            description: has health information in plain language.
      - questions:                    # readers' questions; leave out an answer rather than guess
          - question: Is there a test for this condition?

references:                           # numbered by first citation
  - id: example-source
    title: Title of the page or article, as published
    publisher: Who published it
    url: https://example.org/
    accessed: {today}
"""


_LINE_BREAKS = re.compile("[\r\n\x0b\x0c\x85\u2028\u2029]")


def title_from_slug(slug: str) -> str:
    words = slug.replace("-", " ").strip()
    return words[:1].upper() + words[1:]


def _yaml_text(value: str) -> str:
    """A plain scalar when safe, else a double-quoted one (JSON strings are valid YAML)."""
    if re.fullmatch(r"[^\W\d_][\w ,()’'-]*", value) and not value.endswith(" "):
        return value
    return json.dumps(value, ensure_ascii=False)


def starter(slug: str, today: dt.date, title: str = "", language: str = "en", path: str = "") -> str:
    title = title or title_from_slug(slug)
    return _TEMPLATE.format(
        schema=SCHEMA_FILE,
        title=_LINE_BREAKS.sub(" ", title),  # in a comment: any line break would end it
        title_yaml=_yaml_text(title),
        language=language,
        slug=slug,
        today=today.isoformat(),
        path=path or f"source/{slug}.yaml",
    )


def starter_problem(text: str, slug: str) -> Diagnostic | None:
    """The first error the reader finds in a starter, read as ``publisher build`` would read it (the
    title is the only free text in it); None when it reads cleanly."""
    from publisher.source.reader import read_source  # pydantic and the YAML reader: only for `new`

    with tempfile.TemporaryDirectory(prefix="publisher-new-") as folder:
        path = Path(folder) / f"{slug}.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            read_source(path)
        except PublisherError as exc:
            return exc.diagnostics[0]
    return None
