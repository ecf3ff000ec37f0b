"""Speed parts of the prepare step: a Pyodide memory snapshot and precompressed runtime files.

* ``make_snapshot``: starts the site's own Pyodide runtime under Node at build time and saves the
  interpreter's memory right after start-up (``python-snapshot.bin``, gzip inside, so any host can
  serve it as is). The browser worker restores it instead of starting Python, and falls back to a
  normal start when the file is missing or does not fit the runtime. It is remade whenever the
  runtime files or the snapshot script change (a stamp holds their hash). Our wheel is not in the
  snapshot (see snapshot.mjs), so a change to the core does not need a new one.
* ``precompress``: writes ``file.gz`` and, when the ``brotli`` package is there, ``file.br`` beside
  the big runtime files, for hosts that serve precompressed files (nginx ``gzip_static`` /
  ``brotli_static``, Apache with rewrite rules, IIS). They carry the original's mtime and are
  rewritten when it differs.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import subprocess
from pathlib import Path

SNAPSHOT = "python-snapshot.bin"
SNAPSHOT_SCRIPT = Path(__file__).with_name("snapshot.mjs")
SNAPSHOT_INPUTS = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
# Text-like files worth compressing; wheels and the stdlib zip are compressed already, the snapshot too.
PRECOMPRESS_SUFFIXES = {".mjs", ".js", ".wasm", ".json", ".map"}
MIN_SIZE = 1024

try:  # optional: brotli gives ~20% smaller files than gzip; gzip alone is fine
    import brotli as _brotli
except ImportError:  # pragma: no cover - depends on the environment
    _brotli = None


def _digest(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def make_snapshot(pyodide_dir: Path, stamp_dir: Path) -> str:
    """(Re)make the snapshot when its inputs changed; returns a short Dutch status line."""
    target = pyodide_dir / SNAPSHOT
    stamp = stamp_dir / "snapshot.stamp"
    inputs = [pyodide_dir / n for n in SNAPSHOT_INPUTS] + [SNAPSHOT_SCRIPT]
    digest = _digest(inputs)
    if target.is_file() and stamp.is_file() and stamp.read_text().strip() == digest:
        return "snapshot ongewijzigd"
    node = shutil.which("node")
    if node is None:
        target.unlink(missing_ok=True)
        return "snapshot overgeslagen: node ontbreekt (de rekenhulp start dan gewoon, iets trager)"
    proc = subprocess.run([node, str(SNAPSHOT_SCRIPT), str(pyodide_dir), str(target)], capture_output=True, text=True)
    if proc.returncode != 0:
        target.unlink(missing_ok=True)
        return f"snapshot overgeslagen: {proc.stderr.strip()[-500:]}"
    stamp_dir.mkdir(parents=True, exist_ok=True)
    stamp.write_text(digest + "\n")
    return f"snapshot gemaakt ({target.stat().st_size // 1024} KB)"


def _fresh(src: Path, dst: Path) -> bool:
    return dst.is_file() and dst.stat().st_mtime_ns == src.stat().st_mtime_ns


def _write(src: Path, dst: Path, data: bytes) -> None:
    tmp = dst.with_name(dst.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, dst)
    st = src.stat()
    os.utime(dst, ns=(st.st_atime_ns, st.st_mtime_ns))


def precompress(folder: Path) -> list[Path]:
    """Write .gz (and .br) beside every compressible file in ``folder``; returns the files written."""
    written: list[Path] = []
    for src in sorted(folder.iterdir()):
        if not src.is_file() or src.suffix not in PRECOMPRESS_SUFFIXES or src.stat().st_size < MIN_SIZE:
            continue
        variants = [(src.with_name(src.name + ".gz"), lambda b: gzip.compress(b, 9, mtime=0))]
        if _brotli is not None:
            variants.append((src.with_name(src.name + ".br"), lambda b: _brotli.compress(b, quality=9)))
        data = None
        for dst, compress in variants:
            if _fresh(src, dst):
                continue
            data = src.read_bytes() if data is None else data
            _write(src, dst, compress(data))
            written.append(dst)
    # A compressed copy whose original is gone would be served for a file that no longer exists.
    for extra in list(folder.glob("*.gz")) + list(folder.glob("*.br")):
        if not extra.with_suffix("").is_file():
            extra.unlink()
    return written


def run(pyodide_dir: Path, cache_dir: Path) -> list[str]:
    """Both steps, for prepare.py; returns status lines to print."""
    lines = [make_snapshot(pyodide_dir, cache_dir)]
    written = precompress(pyodide_dir)
    lines.append(f"voorgecomprimeerd: {len(written)} bestanden bijgewerkt" + ("" if _brotli else " (alleen gzip: brotli ontbreekt)"))
    return lines
