"""Content is data: template syntax, raw HTML and CDATA ends print literally in every format, and
only http, https, mailto and tel links (or in-document anchors) are ever emitted."""

from __future__ import annotations

import json

import lxml.html
import pytest

from robustness.helpers import png
from robustness.outputs import ALL_FORMATS, bad_uris, check_structure, outputs, text, uris

# Each visible field carries its own tag followed by the hostile payload.
PAYLOAD = '{{ 7*7 }} {% if 1 %}x{% endif %} <script>alert("pwn")</script> ]]> <!-- <img src=x onerror=alert(1)>'
PIECES = ("{{ 7*7 }}", "{% if 1 %}x{% endif %}", '<script>alert("pwn")</script>', "]]>", "<!--",
          "<img src=x onerror=alert(1)>")
FIELDS = ("TITLE", "SUMMARY", "SECTION", "BODY", "NOTE", "RESNAME", "RESDESC", "QUESTION", "ANSWER", "CAPTION",
          "HEADER", "CELL", "REFTITLE", "FIGCAP")


def _q(tag: str) -> str:
    """The field's text as a YAML single-quoted scalar."""
    return "'" + f"{tag} {PAYLOAD}".replace("'", "''") + "'"


SOURCE = f"""title: {_q("TITLE")}
language: en
publisher:
  name: {_q("PUBNAME")}
  url: https://example.org/
description: {_q("DESC")}
keywords: [{_q("KEYWORD")}]
rights: {_q("RIGHTS")}
last_reviewed: 2024-01-15
summary: {_q("SUMMARY")}
sections:
  - title: {_q("SECTION")}
    body: {_q("BODY")}
    blocks:
      - text: |
          Links of every allowed kind: [web](https://example.org/a?b=1&c=2), [mail](mailto:help@example.org),
          [phone](tel:+1-555-0100), <https://example.org/auto>, and a citation.[@one]

          Markdown that must not become markup: `<b>code</b>` and \\<i\\> and &lt;u&gt;.
      - note: {_q("NOTE")}
        note_kind: warning
      - resources:
          - name: {_q("RESNAME")}
            url: https://example.org/resource
            description: {_q("RESDESC")}
      - questions:
          - question: {_q("QUESTION")}
            answer: {_q("ANSWER")}
      - table:
          caption: {_q("CAPTION")}
          header: [{_q("HEADER")}, Plain]
          rows:
            - [{_q("CELL")}, plain]
      - image:
          file: images/pixel.png
          alt: {_q("ALT")}
          caption: {_q("FIGCAP")}
references:
  - id: one
    title: {_q("REFTITLE")}
    authors: [{_q("AUTHOR")}]
    url: https://example.org/ref
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    from publisher.cli import main

    folder = tmp_path_factory.mktemp("inert")
    (folder / "images").mkdir()
    (folder / "images" / "pixel.png").write_bytes(png())
    source = folder / "hostile.yaml"
    source.write_text(SOURCE, encoding="utf-8")
    out = folder / "out"
    status = main(["build", "-j1", "-q", "--format", ",".join(ALL_FORMATS), "-o", str(out), str(source)])
    assert status == 0
    return outputs(out, "hostile")


@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_payload_prints_literally(built: dict[str, bytes], fmt: str) -> None:
    data = built[fmt]
    check_structure(fmt, data)  # a '<' or ']]>' that escaped would break the XML or the zip
    seen = text(fmt, data)
    if fmt in ("pdf", "large-print"):
        # Extracted PDF text has line breaks inside runs ("</ script>") and table cells side by side:
        # count every piece of the payload, whitespace aside.
        squeezed = "".join(seen.split())
        assert all(tag in squeezed for tag in FIELDS)
        for piece in PIECES:
            assert squeezed.count("".join(piece.split())) >= len(FIELDS), f"{fmt}: {piece!r} altered or lost"
    else:
        missing = [tag for tag in FIELDS if f"{tag} {PAYLOAD}" not in seen]
        assert not missing, f"{fmt}: payload altered or lost after {missing}"
    assert "<b>code</b>" in seen and "<i>" in seen and "<u>" in seen


@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_only_safe_links(built: dict[str, bytes], fmt: str) -> None:
    assert bad_uris(fmt, built[fmt]) == []
    if fmt != "json":
        found = {u.value for u in uris(fmt, built[fmt]) if u.link}
        for url in ("https://example.org/a?b=1&c=2", "mailto:help@example.org", "tel:+1-555-0100"):
            assert url in found, f"{fmt}: {url} missing among {sorted(found)}"


def test_html_runs_no_script(built: dict[str, bytes]) -> None:
    root = lxml.html.document_fromstring(built["html"])
    scripts = root.findall(".//script")
    assert [s.get("type") for s in scripts] == ["application/ld+json"]
    assert json.loads(scripts[0].text or "")["name"] == f"TITLE {PAYLOAD}"  # JSON-LD kept the text whole
    handlers = [(el.tag, a) for el in root.iter() if isinstance(el.tag, str) for a in el.attrib if a.startswith("on")]
    assert handlers == []
    assert [img.get("src", "")[:15] for img in root.iter("img")] == ["data:image/png;"]


def test_metadata_fields_survive_escaping(built: dict[str, bytes]) -> None:
    """Fields that live only in metadata (description, keywords, rights) are escaped there too."""
    head = lxml.html.document_fromstring(built["html"]).find("head")
    assert head is not None
    assert head.findtext("title", "").startswith(f"TITLE {PAYLOAD}")
    metas = {m.get("name"): m.get("content") for m in head.iter("meta") if m.get("name")}
    assert metas.get("description") == f"DESC {PAYLOAD}"
