"""HL7 FHIR R4 (4.0.1) validation of bundles with fhir.resources 6.4.0, run in its own environment (.tools/fhir-r4).

fhir.resources 6.4.0 is the last release whose models are R4 (later ones are R4B and R5) and
it needs pydantic 1, so it cannot be imported here beside publisher's pydantic 2:
scripts/install-tools.sh puts it in a virtual environment of its own and this runner parses each
file there as a ``Bundle``, which validates every entry's resource against its R4 model: element
names, types, cardinalities and primitive formats (dates, instants, ids, unsigned integers).
It does not check codes against their value sets (``status: "published"`` passes): the tests
assert the codes publisher writes themselves.

One known strictness: fhir.resources 6.4 types ``url`` as pydantic's AnyUrl, which refuses a
relative reference unless it starts with "/", while R4's Attachment.url allows relative
references ("Urls may be relative references ... interpreted relative to the service url").
publisher's bundles name their files relative to themselves unless ``--base-url`` is given, so
the script resolves a relative ``Attachment.url`` against a fixed placeholder base before
parsing and reports how many it resolved; everything else is parsed as written.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from publisher.validators import tools
from publisher.validators.result import Finding, ValidationResult, ValidatorFailed

TOOL = "fhir.resources"
PYTHON = ".tools/fhir-r4/bin/python"

# Runs inside the R4 environment: one JSON line per file.
SCRIPT = """
import json, sys
from urllib.parse import urlsplit
import fhir.resources
from fhir.resources.bundle import Bundle
print(json.dumps({"version": fhir.resources.__version__, "fhir": fhir.resources.__fhir_version__}))
BASE = "https://relative.invalid/"
for path in sys.argv[1:]:
    try:
        data = json.load(open(path, encoding="utf-8"))
        anchored = 0
        for entry in data.get("entry") or []:
            for content in (entry.get("resource") or {}).get("content") or []:
                attachment = content.get("attachment") or {}
                url = attachment.get("url")
                if isinstance(url, str) and url and not urlsplit(url).scheme and not url.startswith("/"):
                    attachment["url"] = BASE + url
                    anchored += 1
        bundle = Bundle.parse_obj(data)
        types = [type(e.resource).__name__ for e in (bundle.entry or [])]
        print(json.dumps({"path": path, "ok": True, "types": types, "anchored": anchored}))
    except Exception as exc:  # a validation error is the verdict, reported in pydantic's words
        print(json.dumps({"path": path, "ok": False, "error": str(exc)}))
"""


def check_all(bundles: Sequence[Path], timeout: float = 120.0) -> list[ValidationResult]:
    """Parse each file as an R4 Bundle; ``ok`` when fhir.resources accepts it."""
    if not bundles:
        return []
    python = tools.installed_file(TOOL, PYTHON)
    done = tools.run(TOOL, [str(python), "-I", "-c", SCRIPT, *map(str, bundles)], timeout=timeout)
    lines = done.stdout.splitlines()
    if done.returncode != 0 or len(lines) != len(bundles) + 1:
        raise ValidatorFailed(TOOL, f"exited with status {done.returncode}", done.stderr or done.stdout)
    head = json.loads(lines[0])
    if head["fhir"] != "4.0.1":
        raise ValidatorFailed(TOOL, f"the installed models are FHIR {head['fhir']}, not R4 4.0.1")
    results = []
    for path, line in zip(bundles, lines[1:], strict=True):
        entry = json.loads(line)
        findings = () if entry["ok"] else (Finding("error", "R4", entry["error"], path.name),)
        results.append(ValidationResult(TOOL, f"{head['version']} (FHIR {head['fhir']})", path, entry["ok"], findings,
                                        extra={"types": ",".join(entry.get("types", [])),
                                               "anchored": str(entry.get("anchored", 0))}))
    return results
