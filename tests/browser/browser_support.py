"""What every browser test shares: Debian's Chromium, a local static server with the MIME types Pyodide
needs, and a recorder of requests and console errors. The fixtures built on it live in conftest.py."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps calling Google's hosts, which this machine refuses.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
ENGINE_TIMEOUT = 90_000  # ms: starting Pyodide on a slow CI machine; no timing is asserted


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    # Pyodide needs the right MIME types: a module script must be JavaScript, wasm streaming needs application/wasm.
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
        ".whl": "application/zip",
        ".zip": "application/zip",
    }

    def log_message(self, *args: Any) -> None:  # keep the test output readable
        pass

    def copyfile(self, source: Any, outputfile: Any) -> None:
        try:
            super().copyfile(source, outputfile)
        except (ConnectionResetError, BrokenPipeError):  # the browser dropped a request it no longer needs
            pass


@contextmanager
def serve(directory: Path, handler: type[http.server.BaseHTTPRequestHandler] = SiteHandler) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 on a free port; yields the base URL ending in '/'."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class Recorder:
    """All requests and console errors of one browser context."""

    def __init__(self, context: Any, origin: str) -> None:
        self.origin = origin
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        context.on("request", lambda req: self.requests.append(req.url))
        context.on("page", self.watch)

    def watch(self, page: Any) -> None:
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))
        page.on("pageerror", lambda exc: self.console_errors.append(str(exc)))

    def foreign(self) -> list[str]:
        out = []
        for url in self.requests:
            parsed = urlparse(url)
            if parsed.scheme in ("data", "blob"):
                continue
            if f"{parsed.scheme}://{parsed.netloc}" != self.origin:
                out.append(url)
        return out


# ---- helpers for the calculator pages (forms rendered by site/forms.py)


def key_text(page: Any, key: str) -> str:
    return page.locator(f'[data-result-body] [data-key="{key}"]').first.inner_text().strip()


def set_control(el: Any, value: Any) -> None:
    """Set one form control the way a reader would: pick an option, tick a box or type."""
    tag = el.evaluate("e => e.tagName + ':' + (e.type || '')")
    if tag.startswith("SELECT"):
        el.select_option(str(value))
    elif tag.endswith("checkbox"):
        el.set_checked(bool(value))
    else:
        el.fill(dutch(value))


def dutch(value: Any) -> str:
    """A value as a Dutch reader types it: 12.5 -> '12,5' (the core reads '12.5' as a question, not a number)."""
    from handreiking_tools.fmt import exact

    if isinstance(value, float):
        return exact(value).replace(".", "")
    return str(value)


def fill_scalars(page: Any, values: dict[str, Any]) -> None:
    for field, value in values.items():
        set_control(page.locator(f"#f-{field}"), value)
