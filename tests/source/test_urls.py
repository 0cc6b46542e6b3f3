"""Only absolute http(s), mailto and tel links pass; everything else is refused with a reason."""

from __future__ import annotations

import pytest

from publisher.source.urls import check_url


@pytest.mark.parametrize("url", [
    "https://example.org", "HTTP://EXAMPLE.ORG/Path?q=1#f", "https://例え.jp/", "http://127.0.0.1:8080/x",
    "mailto:help@example.org", "tel:+1-555-123-4567",
])
def test_safe(url: str) -> None:
    assert check_url(url) is None


@pytest.mark.parametrize(("url", "reason"), [
    ("javascript:alert(1)", "'javascript:' links"),
    ("JaVaScRiPt:alert(1)", "'javascript:' links"),
    ("vbscript:msgbox", "'vbscript:' links"),
    ("data:text/html;base64,PHNjcmlwdD4=", "'data:' links"),
    ("file:///etc/passwd", "'file:' links"),
    ("ftp://example.org/", "'ftp:' links"),
    ("//example.org/x", "relative links"),
    ("../secret", "relative links"),
    ("#top", "relative links"),
    (" javascript:alert(1)", "spaces or control characters"),
    ("java\tscript:alert(1)", "spaces or control characters"),
    ("https://exa mple.org", "spaces or control characters"),
    ("https://example.org/\x00", "spaces or control characters"),
    ("", "empty"),
    ("https:///path", "no host name"),
    ("http://[::1", "Invalid IPv6"),
    ("mailto:", "has no address"),
    ("https://nih.gov@evil.example/", "user name before '@'"),
])
def test_refused(url: str, reason: str) -> None:
    problem = check_url(url)
    assert problem is not None
    assert reason in problem[0]
    assert problem[1]  # always a hint
