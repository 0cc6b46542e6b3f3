"""``publisher check``: one accessibility and fidelity gate for PDF, DOCX, EPUB and HTML outputs.

Use :func:`check` on paths; every rule has a stable id (``pdf.lang``, ``docx.heading-order``,
``epub.ace``, ``html.axe``, ``fidelity.outline``, …) listed by :func:`all_rules`.
"""

from __future__ import annotations

from publisher.check.result import Outcome, RuleResult, Selection, Status
from publisher.check.rules import all_rules
from publisher.check.runner import CheckOptions, CheckRun, GroupReport, check

__all__ = ["CheckOptions", "CheckRun", "GroupReport", "Outcome", "RuleResult", "Selection", "Status", "all_rules",
           "check"]
