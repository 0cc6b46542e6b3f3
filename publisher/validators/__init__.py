"""External validators (EPUBCheck, DAISY Ace, axe-core, LibreOffice) run offline with typed results.

Each tool has one module with a ``check``-style function returning a :class:`ValidationResult`; a tool
that is not installed raises :class:`ValidatorMissing` naming ``bash scripts/install-tools.sh``.
"""

from publisher.validators.result import (
    INSTALL_COMMAND,
    Finding,
    Severity,
    ValidationResult,
    ValidatorFailed,
    ValidatorMissing,
)

__all__ = ["INSTALL_COMMAND", "Finding", "Severity", "ValidationResult", "ValidatorFailed", "ValidatorMissing"]
