"""Authoring checks for sources: reading level, sentence length, links, alt text, review dates."""

from publisher.lint.check import FileReport, LintOptions, lint_file, today_from_environment
from publisher.lint.rules import Finding, Targets

__all__ = ["FileReport", "Finding", "LintOptions", "Targets", "lint_file", "today_from_environment"]
