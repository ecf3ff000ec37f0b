"""A small static file server that behaves like a normal host, for the benchmark.

* It honours ``Accept-Encoding``: a precompressed ``file.br`` / ``file.gz`` beside a file is sent
  as is (like nginx ``brotli_static`` / ``gzip_static``); otherwise text-like files (HTML, JS, CSS,
  JSON, wasm, ...) are gzipped on the fly (like ``gzip on``), and the result is kept in memory so
  compression time does not count as network time.
* It sends ``Last-Modified`` and answers ``If-Modified-Since`` with 304, so a warm browser cache
  revalidates as it would against a real host.
* It records, per response, the path, the body bytes it sent and when it finished sending them,
  so the benchmark can report what crossed the "network" for each visit and up to which moment.
"""

from __future__ import annotations

import email.utils
import gzip
import http.server
import os
import threading
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".css": "text/css",
    ".json": "application/json",
    ".wasm": "application/wasm",
    ".svg": "image/svg+xml",
    ".map": "application/json",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".whl": "application/zip",
    ".zip": "application/zip",
    ".bin": "application/octet-stream",
    ".png": "image/png",
    ".ico": "image/x-icon",
}
# What a host typically compresses on the fly; zip files (wheels, the stdlib) and the snapshot parts (.bin,
# one gzip stream) are already compressed, and the configs of the page 'Zelf hosten' leave them alone.
COMPRESSIBLE = {".html", ".js", ".mjs", ".css", ".json", ".wasm", ".svg", ".map", ".xml", ".txt"}


class Stats:
    """What the server sent since the last reset: per response the path and the body size."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with getattr(self, "lock", threading.Lock()):
            self.bytes = 0
            self.paths: list[str] = []
            self.sizes: list[int] = []

    def add(self, path: str, size: int) -> None:
        with self.lock:
            self.bytes += size
            self.paths.append(path)
            self.sizes.append(size)

    def sent_names(self) -> set[str]:
        """File names (last path segment, without query) of every response sent so far."""
        with self.lock:
            return {urlparse(p).path.rsplit("/", 1)[-1] for p in self.paths}


class Handler(http.server.BaseHTTPRequestHandler):
    root: Path
    stats: Stats
    precompressed = True
    _gz_cache: dict[tuple[str, float], bytes] = {}

    def log_message(self, *args: Any) -> None:
        pass

    def _resolve(self) -> Path | None:
        rel = unquote(urlparse(self.path).path).lstrip("/")
        target = (self.root / rel).resolve()
        if self.root not in target.parents and target != self.root:
            return None
        if target.is_dir():
            target = target / "index.html"
        return target if target.is_file() else None

    def do_HEAD(self) -> None:
        self.do_GET(head=True)

    def do_GET(self, head: bool = False) -> None:
        target = self._resolve()
        if target is None:
            if not urlparse(self.path).path.endswith("/") and (self.root / unquote(urlparse(self.path).path).lstrip("/")).is_dir():
                self.send_response(301)
                self.send_header("Location", urlparse(self.path).path + "/")
                self.end_headers()
                return
            self.send_error(404)
            return
        stat = target.stat()
        ims = self.headers.get("If-Modified-Since")
        if ims:
            try:
                if int(stat.st_mtime) <= email.utils.parsedate_to_datetime(ims).timestamp():
                    self.send_response(304)
                    self.end_headers()
                    self.stats.add(self.path, 0)
                    return
            except (TypeError, ValueError):
                pass
        accept = self.headers.get("Accept-Encoding", "")
        encoding = None
        body_path = target
        if self.precompressed and "br" in accept and target.with_name(target.name + ".br").is_file():
            encoding, body_path = "br", target.with_name(target.name + ".br")
        elif self.precompressed and "gzip" in accept and target.with_name(target.name + ".gz").is_file():
            encoding, body_path = "gzip", target.with_name(target.name + ".gz")
        if encoding is None and "gzip" in accept and target.suffix in COMPRESSIBLE:
            key = (str(target), stat.st_mtime)
            body = self._gz_cache.get(key)
            if body is None:
                body = self._gz_cache[key] = gzip.compress(target.read_bytes(), 6)
            encoding = "gzip"
        else:
            body = body_path.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", TYPES.get(target.suffix, "application/octet-stream"))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True))
        if encoding:
            self.send_header("Content-Encoding", encoding)
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        if head:
            return
        try:
            self.wfile.write(body)
        except (ConnectionResetError, BrokenPipeError):
            return
        self.stats.add(self.path, len(body))


def serve(root: Path, precompressed: bool = True) -> tuple[http.server.ThreadingHTTPServer, Stats, str]:
    """Start a server for ``root`` on a free port of 127.0.0.1; returns (server, stats, base URL)."""
    stats = Stats()
    handler = type("BoundHandler", (Handler,), {"root": root.resolve(), "stats": stats,
                                                "precompressed": precompressed, "_gz_cache": {}})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, stats, f"http://127.0.0.1:{server.server_address[1]}/"


if __name__ == "__main__":  # python bench/server.py DIR: look at a built site the way the bench serves it
    import sys

    srv, _, url = serve(Path(sys.argv[1] if len(sys.argv) > 1 else "site"))
    print(url, flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        srv.shutdown()
    os._exit(0)
