"""Live preview: one source's HTML page on 127.0.0.1, rebuilt whenever a file it uses changes.

Changes are found by polling modification times (a few dozen stat calls a third of a
second apart) rather than with watchfiles: no native dependency, the same behaviour on
every file system (network mounts and containers often lack inotify), and an editor's
save-by-rename is seen because the path is stat'ed, not a file handle. Requests also
check, so a page is never older than its source.
"""

from __future__ import annotations

import html
import mimetypes
import sys
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from publisher.build.plan import BuildPlan, output_name
from publisher.build.render import load
from publisher.build.write import ensure_dir, write_atomic
from publisher.document import model as m
from publisher.errors import Diagnostic, Location, PublisherError
from publisher.render import options_for, renderer
from publisher.render.layout import Layout

POLL_SECONDS = 0.3
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
GENERATION_PATH = "/__generation"
# Polls the build generation each second and reloads the page when it changes.
_RELOAD = (
    '<script>(function(){{var g={generation};setInterval(function(){{'
    'fetch("{path}",{{cache:"no-store"}}).then(function(r){{return r.text()}})'
    '.then(function(t){{if(+t!==g)location.reload()}}).catch(function(){{}})}},1000)}})();</script>'
)
Stamp = tuple[tuple[str, int, int], ...]


@dataclass
class Preview:
    """Builds one source's HTML page into ``out_dir``, again whenever one of its files changes."""

    source: Path
    out_dir: Path
    audience: str = "patient"
    layout: Layout = field(default_factory=Layout)
    generation: int = 0
    page: str = ""  # file name of the page inside out_dir
    errors: tuple[Diagnostic, ...] = ()
    _images: tuple[Path, ...] = ()
    _stamp: Stamp | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def watched(self) -> list[Path]:
        folders = (self.layout.folder("html"), self.layout.folder("common"))
        layout_files = sorted(p for folder in folders for p in folder.rglob("*") if p.is_file())
        return [self.source, *self._images, *layout_files]

    def refresh(self) -> bool:
        """Rebuild if a watched file changed since the last build; True if it rebuilt."""
        with self._lock:
            stamp = _stamp(self.watched())
            if stamp == self._stamp:
                return False
            self._stamp = stamp
            self._build()
            return True

    def _build(self) -> None:
        started = time.perf_counter()
        plan = BuildPlan(self.out_dir, ("html",), audience=self.audience, layout=self.layout)
        try:
            doc = load(self.source, plan)
            # Looked up at build time: the renderer module may be edited while the server runs.
            data = renderer("html")(doc, plan.layout, options_for("html", plan.render))
            ensure_dir(self.out_dir)
            self.page = output_name(doc.slug, "html", self.audience)
            write_atomic(self.out_dir / self.page, data)
            self._images = tuple(Path(b.path) for b in m.all_blocks(doc) if isinstance(b, m.Figure))
            self.errors = ()
            print(f"built {self.out_dir / self.page} ({time.perf_counter() - started:.1f} s)", file=sys.stderr)
        except PublisherError as exc:
            self.errors = tuple(exc.diagnostics)
        except RecursionError:
            self.errors = (Diagnostic(Location(str(self.source)), "the document is nested too deeply"),)
        except Exception as exc:  # a renderer bug must not stop the preview; it is shown on the page
            self.errors = (Diagnostic(Location(str(self.source)), f"internal error: {type(exc).__name__}: {exc}",
                                      "this is a bug in publisher; please report it"),)
        for diagnostic in self.errors:
            print(diagnostic, file=sys.stderr)
        self.generation += 1


def _stamp(paths: list[Path]) -> Stamp:
    out = []
    for path in paths:
        try:
            info = path.stat()
            out.append((str(path), info.st_mtime_ns, info.st_size))
        except OSError:
            out.append((str(path), -1, -1))  # deleted or unreadable: a change too
    return tuple(out)


def error_page(preview: Preview) -> bytes:
    """The diagnostics, escaped, on a page that reloads itself once the source is fixed."""
    items = "\n".join(
        f"<li><code>{html.escape(str(d.location))}</code>: {html.escape(d.message)}"
        + (f"<br><em>{html.escape(d.hint)}</em>" if d.hint else "") + "</li>"
        for d in preview.errors
    )
    reload = _RELOAD.format(generation=preview.generation, path=GENERATION_PATH)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Error — {html.escape(preview.source.name)}</title>
<style>body{{font:1.1rem/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}}
code{{background:#f3f3f3}} li{{margin:.75rem 0}}</style></head>
<body><main><h1>{html.escape(str(preview.source))} cannot be built</h1>
<ul>
{items}
</ul>
<p>Fix the source and save it: this page reloads by itself.</p></main>{reload}</body></html>
""".encode()


class PreviewServer(ThreadingHTTPServer):
    """A ThreadingHTTPServer bound to 127.0.0.1 that serves only the preview's build folder."""

    daemon_threads = True

    def __init__(self, preview: Preview, port: int = 8000) -> None:
        self.preview = preview
        self._stop = threading.Event()
        super().__init__(("127.0.0.1", port), _Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"

    def watch(self) -> threading.Thread:
        """Rebuild on save in the background, so the page's reload script sees new generations."""
        def loop() -> None:
            while not self._stop.wait(POLL_SECONDS):
                self.preview.refresh()
        thread = threading.Thread(target=loop, name="publisher-preview-watch", daemon=True)
        thread.start()
        return thread

    def shutdown(self) -> None:
        self._stop.set()
        super().shutdown()

    def allowed_hosts(self) -> frozenset[str]:
        """The Host headers this server answers: its own names and port, nothing a web page could point at it.

        Binding to 127.0.0.1 keeps other machines out, but not a page in this computer's browser:
        with DNS rebinding, evil.example resolves to 127.0.0.1 and its script reads the preview
        (sources under review, local paths in error pages). Its requests still say
        ``Host: evil.example``, so only loopback names with our port are answered.
        """
        port = self.server_address[1]
        names = {f"{name}:{port}" for name in LOOPBACK_NAMES}
        return frozenset(names | (set(LOOPBACK_NAMES) if port == 80 else set()))

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that closes or resets its connection mid-answer is normal: no traceback for that."""
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "publisher-preview"

    def do_GET(self) -> None:
        self._respond(body=True)

    def do_HEAD(self) -> None:
        self._respond(body=False)

    def _respond(self, body: bool) -> None:
        hosts = self.headers.get_all("Host") or []
        if len(hosts) != 1 or hosts[0].strip().lower() not in self.server.allowed_hosts():
            shown = ", ".join(h[:80] for h in hosts) or "none"
            self._send(HTTPStatus.MISDIRECTED_REQUEST, "text/plain; charset=utf-8",
                       f"publisher serve answers only {self.server.url} (Host: {shown})\n".encode(), body)
            return
        preview = self.server.preview
        path = unquote(urlsplit(self.path).path)
        if path == GENERATION_PATH:
            self._send(HTTPStatus.OK, "text/plain; charset=utf-8", str(preview.generation).encode(), body)
            return
        preview.refresh()
        if preview.errors:
            self._send(HTTPStatus.INTERNAL_SERVER_ERROR, "text/html; charset=utf-8", error_page(preview), body)
            return
        if path == "/":
            self.send_response(HTTPStatus.FOUND)
            self.send_header("Location", "/" + preview.page)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        target = _inside(preview.out_dir, path)
        if target is None:
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"not found\n", body)
            return
        data = target.read_bytes()
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if target.name == preview.page:
            reload = _RELOAD.format(generation=preview.generation, path=GENERATION_PATH).encode()
            data = data.replace(b"</body>", reload + b"</body>", 1)
            kind = "text/html; charset=utf-8"
        self._send(HTTPStatus.OK, kind, data, body)

    def _send(self, status: HTTPStatus, kind: str, data: bytes, body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if body:
            self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        pass  # the terminal shows builds and errors, not every request


def _inside(folder: Path, url_path: str) -> Path | None:
    """The file a URL path names, only if it is a regular file directly inside ``folder``."""
    name = url_path.removeprefix("/")
    if not name or "/" in name or "\\" in name or "\0" in name or name.startswith("."):
        return None
    root = folder.resolve()
    target = (root / name).resolve()
    if target.parent != root or not target.is_file():
        return None
    return target
