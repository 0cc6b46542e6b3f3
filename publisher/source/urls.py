"""Which link targets content may use: absolute http(s), mailto and tel, nothing else."""

from __future__ import annotations

from urllib.parse import urlsplit

from publisher.source.limits import MAX_URL_CHARS

SAFE_SCHEMES = ("http", "https", "mailto", "tel")


def check_url(url: str) -> tuple[str, str] | None:
    """Return (what is wrong, how to fix it), or None when the URL is safe to emit."""
    if len(url) > MAX_URL_CHARS:
        return (f"the URL is {len(url):,} characters; the limit is {MAX_URL_CHARS:,}",
                "link to a shorter address (a page that lists the rest)")
    if not url or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return ("empty or contains spaces or control characters", "write the URL without spaces (use %20)")
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        return (str(exc), "check the URL")
    scheme = parts.scheme.lower()
    if scheme not in SAFE_SCHEMES:
        shown = f"'{scheme}:' links are not allowed" if scheme else "relative links are not allowed"
        return (shown, "use an absolute http(s), mailto or tel URL")
    if scheme in ("http", "https") and not parts.hostname:
        return ("the URL has no host name", "write it as https://example.org/path")
    if scheme in ("http", "https") and "@" in parts.netloc:
        # https://nih.gov@evil.example goes to evil.example: a known way to disguise a link.
        return ("the URL has a user name before '@'", "link to the host directly, without 'name@'")
    if scheme in ("mailto", "tel") and not parts.path:
        return (f"the {scheme} link has no address", f"write it as {scheme}:...")
    return None
