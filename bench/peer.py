"""The peer for `make bench`: pyodide-mkdocs-theme (PMT), the best-known MkDocs theme that runs Python
exercises in the browser with Pyodide (on the page's main thread), built and served offline.

`make bench` installs it apart from the site: the theme and its dependencies from PyPI with their
SHA-256 (bench/peer/requirements.lock, from requirements.in) in the venv .cache/bench-peer, and the
files PMT loads from a CDN (jsdelivr) from npm (bench/peer/package.json, package-lock.json). The
build below writes bench/peer/'s one-exercise project, then points every CDN address at a local copy
(Pyodide 0.25.0, the version PMT 5.7.0 asks for and checks with its SHA-256, jQuery, jQuery Terminal,
lodash, Ace, MathJax). jQuery Terminal 2.43.1, which PMT names, is not on npm; 2.43.0 stands in, without
PMT's SHA-256 check for that one file.

A "first result" for the peer: the IDE's run button is clicked as soon as PMT has Pyodide ready, and
the time is when the exercise's printed line shows in the IDE's terminal.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent / "peer"
ROOT = HERE.parent.parent
VENV = ROOT / ".cache" / "bench-peer"
STAMP = VENV / ".stamp"
LOG = ROOT / ".cache" / "bench-peer.log"
MODULES = HERE / "node_modules"
OUTPUT = "Per year: 400000.0"  # what docs/exo.py prints

# CDN address as PMT 5.7.0 writes it -> (npm package folder, path inside it). Longest first.
CDN = (
    ("https://cdn.jsdelivr.net/pyodide/v0.25.0/full/", "pyodide", ""),
    ("https://cdn.jsdelivr.net/npm/jquery.terminal@2.43.1/", "jquery.terminal", ""),
    ("https://cdn.jsdelivr.net/npm/jquery@3.7.1", "jquery", "dist/jquery.min.js"),
    ("https://cdn.jsdelivr.net/npm/lodash@4.17.20/", "lodash", ""),
    ("https://cdn.jsdelivr.net/npm/ace-builds@1.44.0/", "ace-builds", ""),
    ("https://cdn.jsdelivr.net/npm/mathjax@3/", "mathjax", ""),
)
# jQuery Terminal 2.43.1 is not on npm; PMT checks that file's SHA-256, which 2.43.0 cannot match: that check goes.
DROP_INTEGRITY = ('  integrity: "sha256-pbe5sRZbQRbFX+gVJnAUz0dGepuDvyQXpmqjxpolaoc=",\n',)
# Only these folders of each package are served (the rest is sources and tests).
COPY = {"pyodide": ("",), "jquery.terminal": ("js", "css"), "jquery": ("dist",), "lodash": ("lodash.min.js",),
        "ace-builds": ("src-min-noconflict",), "mathjax": ("es5",)}
# Hosts that PMT's files name but that this one-IDE page must not need (checked in the bench run).
FOREIGN = ("cdn.jsdelivr.net", "unpkg.com", "fonts.googleapis.com", "fonts.gstatic.com")


def unavailable() -> str | None:
    """Why the peer cannot run here, or None when it is installed."""
    if not STAMP.is_file():
        tail = LOG.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-5:] if LOG.is_file() else []
        return "pyodide-mkdocs-theme is not installed (make bench installs it; " + (" | ".join(tail) or "no log") + ")"
    if not (MODULES / "pyodide" / "pyodide.js").is_file():
        return "the local copies of PMT's CDN files are missing (npm ci --prefix bench/peer failed?)"
    return None


def build(out: Path) -> Path:
    """Build the peer project into ``out`` with its CDN addresses pointed at local copies under ``out/_cdn``."""
    home = out.parent / "peer-home"
    home.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run([str(VENV / "bin" / "mkdocs"), "build", "--quiet", "--config-file", str(HERE / "mkdocs.yml"),
                           "--site-dir", str(out)], cwd=HERE, capture_output=True, text=True,
                          # PMT keeps a list of the projects it built under $HOME: a throw-away home beside ``out``.
                          env={"PATH": "/usr/bin:/bin", "HOME": str(home), "NO_MKDOCS_2_WARNING": "1"})
    if proc.returncode != 0:
        raise RuntimeError("the peer's mkdocs build failed: " + proc.stderr[-1500:])
    cdn = out / "_cdn"
    for package, parts in COPY.items():
        for part in parts:
            src, dst = MODULES / package / part, cdn / package / part
            if src.is_dir():
                shutil.copytree(src, dst, dirs_exist_ok=True)
            else:
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dst)
    for path in out.rglob("*"):
        if path.suffix not in (".html", ".js", ".css") or cdn in path.parents:
            continue
        text = path.read_text(encoding="utf-8")
        new = text
        for prefix, package, inner in CDN:
            new = new.replace(prefix, f"/_cdn/{package}/{inner}")
        for check in DROP_INTEGRITY:
            new = new.replace(check, "")
        if new != text:
            path.write_text(new, encoding="utf-8")
    return out
