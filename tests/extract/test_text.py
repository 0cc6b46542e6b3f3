"""Text normalisation: what differs only in typography compares equal, what differs in words does not."""

from __future__ import annotations

from publisher.extract.text import REFERENCE_TITLES, match_key, normalize


def test_normalize_folds_typography() -> None:
    assert normalize("  ﬁne\u00a0print\u00adable “quoted” ‘single’ — dash\n\n next ") == \
        "fine printable \"quoted\" 'single' - dash next"


def test_match_key_ignores_spaces_and_hyphens_only() -> None:
    assert match_key("long-term sur- vivors") == match_key("long term survivors")
    assert match_key("http:// www.example.org/a") == match_key("http://www.example.org/a")
    assert match_key("long term survivors") != match_key("long term survivor")


def test_reference_titles_cover_every_language() -> None:
    assert {"References", "Referencias"} <= REFERENCE_TITLES
