"""openxml-audit (a Python port of the Open XML SDK validator): schema and semantic checks of a DOCX.

Run against two Office versions: ``office2007`` (the oldest Word that reads .docx, so what Word 2007
would refuse) and ``microsoft365`` (what current Word expects).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from publisher.validators.result import Finding, ValidationResult, ValidatorFailed, ValidatorMissing

TOOL = "openxml-audit"
FORMATS = ("office2007", "microsoft365")

# What Word 2010 added to WordprocessingML for accessibility and table styling, which the 2007 schema
# does not know: the table's alt text (tblCaption/tblDescription) and the named tblLook flags. Word
# 2007 ignores them; dropping them would take the tables' accessible names from every later reader.
# Against office2007 they are advisories, not errors; against microsoft365 everything counts.
LATER_ACCESSIBILITY = ("Unexpected element 'tblCaption'", "Unexpected element 'tblDescription'",
                       "tblLook[1]: The 'firstRow'", "tblLook[1]: The 'lastRow'", "tblLook[1]: The 'firstColumn'",
                       "tblLook[1]: The 'lastColumn'", "tblLook[1]: The 'noHBand'", "tblLook[1]: The 'noVBand'")


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return dist_version("openxml-audit")
    except PackageNotFoundError:
        raise ValidatorMissing(TOOL, "the Python package openxml-audit") from None


def check(docx: Path, formats: Sequence[str] = FORMATS) -> ValidationResult:
    """``ok`` when no format reports an error (Word 2010 accessibility additions are advisories for 2007)."""
    release = version()
    try:
        from openxml_audit import FileFormat, OpenXmlValidator
    except ImportError as exc:
        raise ValidatorMissing(TOOL, f"the Python package openxml-audit ({exc})") from None
    findings: list[Finding] = []
    advisories: list[Finding] = []
    for name in formats:
        try:
            result = OpenXmlValidator(file_format=FileFormat(name)).validate(docx)
        except Exception as exc:  # a crash inside the validator on an odd file is a tooling fault
            raise ValidatorFailed(TOOL, f"{type(exc).__name__}: {exc}") from exc
        for error in result.errors:
            text = str(error)
            later = name == "office2007" and any(marker in text for marker in LATER_ACCESSIBILITY)
            (advisories if later else findings).append(Finding("info" if later else "error", name, text, docx.name))
    return ValidationResult(tool=TOOL, version=release, target=docx, ok=not findings, findings=tuple(findings),
                            advisories=tuple(advisories))
