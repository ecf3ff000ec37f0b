"""`make dist`: pack the built site into one zip plus its SHA-256, for a web server with no internet.

The zip is reproducible (sorted entries, fixed permissions, and every file dated at the last commit, or
``SOURCE_DATE_EPOCH``), so the same commit always gives the same checksum, while a new version has new
dates: web servers derive Last-Modified and ETag from a file's date and size, so a changed file of the
same size is never answered with "304 Not Modified". Before packing, every text file the browser loads is scanned for assets from
another host (scripts, styles, images, fonts, imports, fetches): such a site would not work offline,
so the step fails instead of shipping it.

Usage: ``python -m handreiking_tools.site.dist --site-dir site --out-dir dist [--version X]``
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
import tomllib
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from .bundle import sha256_of

ROOT = Path(__file__).resolve().parents[3]
NAME = "handreiking-site"

# The zip format cannot store a date before 1980.
ZIP_EPOCH_MIN = 315532800
# Already compressed: deflating them again only costs time.
STORED_SUFFIXES = {".zip", ".whl", ".gz", ".br", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".woff", ".woff2"}
# Files the browser reads as text and that could point at another host.
SCANNED_SUFFIXES = {".html", ".htm", ".css", ".js", ".mjs", ".json"}
# The pages a hosting team expects in every zip: without them the site is not the site. Patterns
# (Path.glob), since `make site` moves the runtime into a folder named after its content.
REQUIRED_FILES = (
    "index.html",
    "pyodide/**/pyodide.mjs",
    "pyodide/pyodide-lock*.json",
    "hulpmiddelen/proportionaliteit/index.html",
    "hulpmiddelen/contractselectie/index.html",
    "hulpmiddelen/quotum/index.html",
)


class DistError(Exception):
    """A problem a hosting team can fix; the message is Dutch."""


# --- finding assets from another host -------------------------------------------------------------

ABSOLUTE = re.compile(r"^\s*(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?//", re.ASCII)


def is_external(url: str) -> bool:
    """True for http(s)://… and protocol-relative //… addresses; data:, blob: and relative paths are local."""
    return bool(ABSOLUTE.match(url))


# rel values of <link> that name a related page, not something the browser loads.
NON_ASSET_RELS = {"canonical", "alternate", "next", "prev", "author", "license", "help", "search", "me"}
# element -> attributes holding an address the browser loads
ASSET_ATTRS = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
}

CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""", re.IGNORECASE)
CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?(['"])([^'"]+)\1""", re.IGNORECASE)
# import x from "…", import "…", export … from "…", import("…"), importScripts("…"),
# fetch("…"), new Worker("…"), new SharedWorker("…"), navigator.serviceWorker.register("…").
JS_STATIC_IMPORT = re.compile(r"""\b(?:import|export)\b[^;'"`()]*?\bfrom\s*(['"`])([^'"`]+)\1""")
JS_BARE_IMPORT = re.compile(r"""\bimport\s*(['"`])([^'"`]+)\1""")
JS_CALL = re.compile(
    r"""\b(?:import|importScripts|fetch|Worker|SharedWorker|register)\s*\(\s*(['"`])([^'"`]+)\1"""
)


def _srcset_urls(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def css_external(text: str) -> list[str]:
    """External addresses loaded by a stylesheet: url(…) and @import."""
    found = [m.group(2) for m in CSS_URL.finditer(text)] + [m.group(2) for m in CSS_IMPORT.finditer(text)]
    # `@import url(…)` matches both patterns: keep each address once, in order.
    return [u for u in dict.fromkeys(found) if is_external(u)]


def js_external(text: str) -> list[str]:
    """External addresses a script imports, fetches or starts as a worker (string literals only)."""
    found: list[str] = []
    for pattern in (JS_STATIC_IMPORT, JS_BARE_IMPORT, JS_CALL):
        found += [m.group(2) for m in pattern.finditer(text)]
    return [u for u in found if is_external(u)]


class _AssetParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.external: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        urls: list[str] = []
        if tag == "link":
            rels = set(values.get("rel", "").lower().split())
            if not rels or not rels <= NON_ASSET_RELS:
                urls.append(values.get("href", ""))
        for attr in ASSET_ATTRS.get(tag, ()):
            if attr in values:
                urls += _srcset_urls(values[attr]) if attr == "srcset" else [values[attr]]
        if "style" in values:
            self.external += css_external(values["style"])
        self.external += [u for u in urls if is_external(u)]
        self._in = tag if tag in ("style", "script") else None

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "style":
            self.external += css_external(data)
        elif self._in == "script":
            self.external += js_external(data)


def html_external(text: str) -> list[str]:
    """External addresses an HTML page loads (not plain links to other sites, which are fine)."""
    parser = _AssetParser()
    parser.feed(text)
    parser.close()
    return parser.external


def lock_external(text: str) -> list[str]:
    """Packages in a Pyodide lock file that would be downloaded from another host."""
    try:
        data = json.loads(text)
    except ValueError:
        return []
    packages = data.get("packages", {}) if isinstance(data, dict) else {}
    names = [p.get("file_name", "") for p in packages.values() if isinstance(p, dict)]
    return [n for n in names if is_external(n)]


def external_assets(name: str, text: str) -> list[str]:
    """External assets referenced by one file of the site, chosen by its name."""
    suffix = Path(name).suffix.lower()
    if suffix in (".html", ".htm"):
        return html_external(text)
    if suffix == ".css":
        return css_external(text)
    if suffix in (".js", ".mjs"):
        return js_external(text)
    if suffix == ".json" and Path(name).name.endswith("lock.json"):
        return lock_external(text)
    return []


def scan_files(files: Iterable[tuple[str, bytes]]) -> dict[str, list[str]]:
    """{file name: external addresses} for every scanned file that has any."""
    problems: dict[str, list[str]] = {}
    for name, data in files:
        if Path(name).suffix.lower() not in SCANNED_SUFFIXES:
            continue
        found = external_assets(name, data.decode("utf-8", errors="replace"))
        if found:
            problems[name] = sorted(set(found))
    return problems


# --- packing ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dist:
    zip_path: Path
    sha_path: Path
    sha256: str


def project_version(root: Path = ROOT) -> str:
    """The version in pyproject.toml: the site and the core are released together."""
    with (root / "pyproject.toml").open("rb") as fh:
        return str(tomllib.load(fh)["project"]["version"])


def source_date_epoch(root: Path = ROOT) -> tuple[int, str]:
    """(seconds since 1970, where from) for the files in the zip.

    ``SOURCE_DATE_EPOCH`` when set (the reproducible-builds convention), else the time of the last git
    commit when the working tree has no uncommitted changes, else the current time: a build from a
    changed tree or outside git must still give files a new date, or a server would keep answering 304.
    """
    env = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if env:
        if not env.isdigit():
            raise DistError(f"SOURCE_DATE_EPOCH moet een geheel aantal seconden zijn, niet {env!r}.")
        return int(env), "SOURCE_DATE_EPOCH"
    try:
        git = ["git", "-C", str(root)]
        dirty = subprocess.run([*git, "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True, check=True).stdout
        if not dirty.strip():
            out = subprocess.run([*git, "log", "-1", "--format=%ct"], capture_output=True, text=True, check=True).stdout
            return int(out.strip()), "de laatste commit"
        return int(time.time()), "het bouwen (er zijn niet-vastgelegde wijzigingen, dus de zip is niet reproduceerbaar)"
    except (OSError, subprocess.CalledProcessError, ValueError):
        return int(time.time()), "het bouwen (geen git, dus de zip is niet reproduceerbaar; zet SOURCE_DATE_EPOCH)"


def zip_date(epoch: int) -> tuple[int, int, int, int, int, int]:
    """The zip's (local, two-second) date for an epoch, in UTC so the checksum does not depend on the machine."""
    t = time.gmtime(max(epoch, ZIP_EPOCH_MIN))
    return (t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec - t.tm_sec % 2)


def site_files(site_dir: Path) -> list[tuple[str, Path]]:
    """(name in the zip, file) for every file of the built site, sorted so the zip is reproducible."""
    return sorted((p.relative_to(site_dir).as_posix(), p) for p in site_dir.rglob("*") if p.is_file())


def build_dist(site_dir: Path, out_dir: Path, version: str, epoch: int = ZIP_EPOCH_MIN) -> Dist:
    """Check the built site, then write <out>/handreiking-site-<version>.zip and its .sha256.

    Every entry is dated ``epoch`` (see source_date_epoch)."""
    site_dir = Path(site_dir)
    if not (site_dir / "index.html").is_file():
        raise DistError(f"Geen gebouwde site in {site_dir}: voer eerst `make site` uit.")
    missing = [f for f in REQUIRED_FILES if not any(p.is_file() for p in site_dir.glob(f))]
    if missing:
        raise DistError("De gebouwde site mist: " + ", ".join(missing) + ". Voer `make site` opnieuw uit.")

    files = site_files(site_dir)
    problems = scan_files((name, path.read_bytes()) for name, path in files if path.suffix.lower() in SCANNED_SUFFIXES)
    if problems:
        lines = [f"  {name}: {', '.join(urls)}" for name, urls in sorted(problems.items())]
        raise DistError("Deze bestanden laden iets van een andere server; zonder internet werkt de site dan niet:\n" + "\n".join(lines))

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    zip_path = out_dir / f"{NAME}-{version}.zip"
    tmp = zip_path.with_suffix(".zip.part")
    with zipfile.ZipFile(tmp, "w") as zf:
        for name, path in files:
            info = zipfile.ZipInfo(name, date_time=zip_date(epoch))
            info.external_attr = 0o644 << 16
            stored = path.suffix.lower() in STORED_SUFFIXES
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            zf.writestr(info, path.read_bytes(), compresslevel=None if stored else 9)
    tmp.replace(zip_path)

    digest = sha256_of(zip_path)
    sha_path = out_dir / f"{zip_path.name}.sha256"
    # The format of `sha256sum`, so `sha256sum -c` checks it in the folder of the zip.
    sha_path.write_text(f"{digest}  {zip_path.name}\n", encoding="utf-8")
    return Dist(zip_path, sha_path, digest)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m handreiking_tools.site.dist", description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", default="site", type=Path, help="the built site (make site)")
    parser.add_argument("--out-dir", default="dist", type=Path, help="where the zip and its .sha256 go")
    parser.add_argument("--version", default=None, help="version in the file name (default: pyproject.toml)")
    parser.add_argument("--epoch", action="store_true",
                        help="only print the build date in seconds (for `make site`: the sitemap's lastmod)")
    args = parser.parse_args(argv)
    try:
        epoch, origin = source_date_epoch()
        if args.epoch:
            print(epoch)
            return 0
        dist = build_dist(args.site_dir, args.out_dir, args.version or project_version(), epoch)
    except DistError as exc:
        print(f"make dist: {exc}", file=sys.stderr)
        return 1
    stamp = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(epoch))
    print(f"{dist.zip_path}\n{dist.sha_path}\nsha256 {dist.sha256}\ndatum van de bestanden: {stamp}, van {origin}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
