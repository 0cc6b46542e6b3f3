"""The Nu HTML Checker (vnu.jar from npm ``vnu-jar``, Java): HTML and XHTML conformance, offline.

One JVM for every file of a run (an EPUB's content documents together). EPUB content documents may
carry ``epub:type`` (EPUB 3.3 structural semantics), which the HTML standard does not know: those
messages, and only those, are dropped for XHTML checked as EPUB.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from publisher.validators import tools
from publisher.validators.result import Finding, Severity, ValidationResult, ValidatorFailed

TOOL = "vnu"
JAR = "tools/node_modules/vnu-jar/build/dist/vnu.jar"
# As for EPUBCheck: a short-lived JVM starts faster with the C1 compiler and the serial collector. vnu's
# schema evaluation recurses deeply: it asks for a thread stack of at least 512k (-Xss), or it overflows.
_JVM_OPTIONS = ("-Xss2m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.awt.headless=true",
                "-Duser.language=en")
_EPUB_TYPE = re.compile(r"^Attribute “type” not allowed on element “[^”]+” at this point\.$")


def check(files: Sequence[Path], *, epub: bool = False, target: Path | None = None,
          timeout: float = 180.0) -> ValidationResult:
    """Validate ``files`` in one run; ``ok`` when vnu reports no error (warnings and info are advisories)."""
    java = tools.java(TOOL)
    jar = tools.installed_file(TOOL, JAR)
    argv = [java, *_JVM_OPTIONS, "-jar", str(jar), "--format", "json", "--stdout", "--exit-zero-always",
            *(str(f.resolve()) for f in files)]
    done = tools.run(TOOL, argv, timeout=timeout)
    try:
        data = json.loads(done.stdout)
        version = tools.run(TOOL, [java, *_JVM_OPTIONS, "-jar", str(jar), "--version"], timeout=60).stdout.strip()
    except json.JSONDecodeError as exc:
        raise ValidatorFailed(TOOL, f"unreadable JSON output: {exc}", done.stderr or done.stdout) from exc
    findings: list[Finding] = []
    advisories: list[Finding] = []
    for message in data.get("messages", []):
        if epub and _is_epub_type(message):
            continue
        finding = _finding(message)
        (findings if finding.severity == "error" else advisories).append(finding)
    return ValidationResult(tool=TOOL, version=version.split()[0] if version else "unknown",
                            target=target or files[0], ok=not findings, findings=tuple(findings),
                            advisories=tuple(advisories))


def _is_epub_type(message: dict[str, Any]) -> bool:
    return bool(_EPUB_TYPE.match(str(message.get("message", "")))) and "epub:type" in str(message.get("extract", ""))


def _finding(message: dict[str, Any]) -> Finding:
    kind = str(message.get("type", ""))
    subtype = str(message.get("subType", ""))
    # "error" and "non-document-error" (the file could not be read) fail; "info" with subType "warning"
    # is vnu's warning.
    severity: Severity = ("error" if kind in ("error", "non-document-error")
                          else "warning" if subtype == "warning" else "info")
    where = Path(str(message.get("url", ""))).name
    line, col = message.get("lastLine"), message.get("firstColumn")
    if line:
        where += f":{line}" + (f":{col}" if col else "")
    return Finding(severity, kind + (f"/{subtype}" if subtype else ""), str(message.get("message", "")), where,
                   kind)
