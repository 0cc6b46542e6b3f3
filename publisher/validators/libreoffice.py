"""LibreOffice, headless: does an office document open in a second office suite, and what PDF does it make?"""

from __future__ import annotations

import functools
from pathlib import Path

from publisher.validators import tools
from publisher.validators.result import Finding, ValidationResult, ValidatorFailed

TOOL = "libreoffice"

# Force the import filter by extension: left to detect, LibreOffice "converts" any unreadable .docx as
# plain text and reports success, which would hide exactly the breakage this check exists to catch.
_IMPORT_FILTERS = {".docx": "MS Word 2007 XML", ".odt": "writer8"}


@functools.cache
def version() -> str:
    done = tools.run(TOOL, [tools.soffice(TOOL), "--version"], timeout=60.0)
    # "LibreOffice 7.4.7.2 40(Build:2)"
    words = done.stdout.split()
    return words[1] if len(words) > 1 and words[0] == "LibreOffice" else done.stdout.strip() or "unknown"


def convert_to_pdf(document: Path, out_dir: Path, *, timeout: float = 180.0) -> ValidationResult:
    """Convert ``document`` to ``out_dir/<stem>.pdf``; ``ok`` is False when LibreOffice cannot load it."""
    soffice = tools.soffice(TOOL)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{document.stem}.pdf"
    target.unlink(missing_ok=True)  # a stale PDF must not pass for a fresh one
    with tools.scratch_dir(TOOL) as scratch:
        # A throwaway profile: parallel runs do not fight over one user profile's lock, and a user's
        # settings (fonts, macros) cannot change the result.
        profile = (Path(scratch) / "profile").as_uri()
        argv = [soffice, "--headless", "--norestore", "--nologo", "--nolockcheck", "--nodefault",
                f"-env:UserInstallation={profile}"]
        in_filter = _IMPORT_FILTERS.get(document.suffix.lower())
        if in_filter:
            argv.append(f"--infilter={in_filter}")
        argv += ["--convert-to", "pdf", "--outdir", str(out_dir), str(document.resolve())]
        done = tools.run(TOOL, argv, timeout=timeout)
    if done.returncode != 0:
        raise ValidatorFailed(TOOL, f"exited with status {done.returncode}", done.stderr or done.stdout)
    # Only "Error:" lines count: LibreOffice also prints harmless warnings (e.g. "failed to launch javaldx").
    findings = [
        Finding("error", "load", line.removeprefix("Error:").strip(), document.name, "Error")
        for line in done.stderr.splitlines()
        if line.startswith("Error:")
    ]
    made = target.is_file() and target.read_bytes()[:5] == b"%PDF-"
    if not made and not findings:
        findings.append(Finding("error", "no-output", f"no PDF was written to {target}", document.name))
    return ValidationResult(
        tool=TOOL,
        version=version(),
        target=document,
        ok=made and not findings,
        findings=tuple(findings),
        artifact=target if made else None,
    )
