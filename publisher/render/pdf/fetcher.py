"""A WeasyPrint URL fetcher that serves only the layout's files and the document's own images."""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse


class RefusedURL(ValueError):
    """The handout asked for something outside what it may read."""


class RestrictedURLFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no type hints
    """Serve ``file:`` URLs under ``roots`` or naming one of ``files``; refuse everything else.

    The default fetcher follows any URL, so a source could make a build read
    ``/etc/passwd`` into a PDF or wait on the network. Here http(s), ftp, data:
    and files elsewhere on disk all raise :class:`RefusedURL`, and with
    ``fail_on_errors=True`` WeasyPrint turns that into a fatal error instead of a
    logged warning. Paths are resolved first, so ``..`` and symlinks cannot escape.
    """

    def __init__(self, roots: Iterable[Path], files: Iterable[Path] = (),
                 assets: Mapping[str, bytes] | None = None) -> None:
        super().__init__(allowed_protocols=("file",), allow_redirects=False, fail_on_errors=True)
        self.roots = tuple(root.resolve() for root in roots)
        self.assets = dict(assets or {})  # URL -> the bytes to serve (figures, as the reader checked them)
        self.files = frozenset(path.resolve() for path in files)

    def allows(self, path: Path) -> bool:
        return path in self.files or any(path.is_relative_to(root) for root in self.roots)

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        if url in self.assets:  # a figure named by content (page.image_src)
            content_type = mimetypes.guess_type(urlsplit(url).path)[0] or "application/octet-stream"
            return URLFetcherResponse(url, self.assets[url], {"Content-Type": content_type})
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedURL(f"refused to fetch {url[:200]!r}: only the layout's and the document's own files")
        path = Path(url2pathname(unquote(parts.path))).resolve()
        if not self.allows(path):
            raise RefusedURL(f"refused to read {path}: it is outside the layout folder and the document's images")
        if not path.is_file():
            raise RefusedURL(f"{path} does not exist")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": content_type})
