"""Content names for everything a browser may keep for a year, applied to a built site (`make site`).

A browser that keeps a file for a year (``Cache-Control: immutable``) must never pair it with a file
of another version: an old page with new code, or an old lock file with a new wheel. So every file
that is cached that long gets a name that changes with its content, and whatever refers to it is
rewritten to that name:

* the Pyodide runtime (``pyodide.mjs``, ``pyodide.asm.*``, ``python_stdlib*.zip`` and their
  ``.gz``/``.br`` copies) moves into ``pyodide/<hash>/``: Pyodide finds these files by fixed names
  beside each other, so the folder carries the hash;
* ``pyodide-lock.json``, ``snapshot.json`` and ``site-profile.json`` become ``name.<hash>.json``;
  the wheels and snapshot parts already carry a version or a content code in their names;
* the worker learns those names from one line, ``const FILES = {...};``, that this step fills in;
* our own scripts and stylesheets (``assets/js/*.js``, ``assets/css/*.css``) become
  ``name.<hash>.js``/``.css``, the references between them first, and every page is rewritten to them.

What keeps its name (the pages, ``sitemap.xml``, ``search/``, ``404.html``, ``sw.js``) is revalidated on
every visit (``Cache-Control: no-cache``). A plain ``mkdocs build`` without this step still works: the
worker's ``FILES`` line then names the files as ``docs/pyodide/`` has them, and no service worker is used.

Last, the offline manifest of this one build: ``offline.<hash>.json`` lists every page and every file the
calculators need with its SHA-256 (for the service worker ``sw.js``, which caches exactly these, checked);
its hash is the version. ``sw.js`` gets its name and ``assets/js/offline.js`` is switched on to register
it, unless the pages do not load ``offline.js`` (``extra.handreiking.service_worker: false``): then
``sw.js`` stays the worker that removes itself.

Usage: ``python -m handreiking_tools.site.versioning --site-dir site``
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import re
import sys
from pathlib import Path

RUNTIME = ("pyodide.mjs", "pyodide.mjs.map", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
           "python_stdlib_rest.zip")
RENAMED_JSON = {"lock": "pyodide-lock.json", "snapshot": "snapshot.json", "profile": "site-profile.json"}
COMPANIONS = (".gz", ".br")  # precompressed copies follow their original
FILES_LINE = re.compile(r"^const FILES = \{.*\};$", re.M)
WORKER = "engine-worker.js"
HASH_LEN = 12
# Names this step gives: a long cache is safe for exactly these (and the wheels and snapshot parts).
VERSIONED_NAME = re.compile(r"(?:^|/)pyodide/[0-9a-f]{12}/|\.[0-9a-f]{12}\.(?:js|css|json)(?:\.gz|\.br)?$")
# Names that carry a version or content code from elsewhere: wheels, snapshot parts, Material's bundles.
OTHER_VERSIONED = re.compile(r"\.whl$|(?:^|/)python-snapshot-[0-9a-f]+-[0-9]+\.bin$|\.[0-9a-f]{8}\.min\.(?:js|css)$")
SERVICE_WORKER = "sw.js"
OFFLINE_SCRIPT = "offline.js"
MANIFEST_LINE = re.compile(r'^const MANIFEST = "";$', re.M)
SWITCH_LINE = re.compile(r"^const SERVICE_WORKER = false;$", re.M)
# Not for the offline copy: precompressed twins (the server picks them), source maps, the worker itself.
NOT_OFFLINE = re.compile(r"\.(?:gz|br|map)$|^sw\.js$|^offline\.[0-9a-f]{12}\.json$")


class VersioningError(RuntimeError):
    """The built site is not what this step expects; the message says what is missing."""


def content_hash(*chunks: bytes) -> str:
    h = hashlib.sha256()
    for chunk in chunks:
        h.update(len(chunk).to_bytes(8, "big") + chunk)
    return h.hexdigest()[:HASH_LEN]


def _with_hash(name: str, digest: str) -> str:
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}.{digest}.{suffix}" if dot else f"{name}.{digest}"


def _move(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    os.replace(src, dst)
    for ext in COMPANIONS:
        if src.with_name(src.name + ext).is_file():
            os.replace(src.with_name(src.name + ext), dst.with_name(dst.name + ext))


def version_runtime(site: Path) -> dict[str, str]:
    """Move the runtime into pyodide/<hash>/ and give the JSON files content names; return the FILES map."""
    pyodide = site / "pyodide"
    present = [n for n in RUNTIME if (pyodide / n).is_file()]
    if "pyodide.mjs" not in present or "pyodide.asm.wasm" not in present:
        raise VersioningError(f"{pyodide} heeft geen Pyodide-runtime: is dit een gebouwde site (make site)?")
    folder = content_hash(*(n.encode() + b"\0" + (pyodide / n).read_bytes() for n in present))
    for name in present:
        _move(pyodide / name, pyodide / folder / name)
    files = {"runtime": f"{folder}/"}
    for key, name in RENAMED_JSON.items():
        path = pyodide / name
        if not path.is_file():
            if key == "lock":
                raise VersioningError(f"{path} ontbreekt: draai `make prepare` en bouw opnieuw.")
            files[key] = ""  # the worker treats an empty name as absent (no snapshot, no own profile)
            continue
        new = _with_hash(name, content_hash(path.read_bytes()))
        _move(path, pyodide / new)
        files[key] = new
    return files


def _referenced(text: str, name: str) -> bool:
    return re.search(r"""["'/]""" + re.escape(name) + r"""["']""", text) is not None


def _rewrite(text: str, renames: dict[str, str]) -> str:
    """Replace each quoted reference to an old name (bare, ./name or a path ending in /name)."""
    for old, new in renames.items():
        text = re.sub(r"""(?<=["'/])""" + re.escape(old) + r"""(?=["'])""", new, text)
    return text


def version_assets(site: Path, files: dict[str, str], offline: bool = False) -> dict[str, str]:
    """Give our scripts and stylesheets content names; return {assets/...old: assets/...new}.

    ``offline``: switch on the service worker's registration in ``offline.js``."""
    js_dir, css_dir = site / "assets" / "js", site / "assets" / "css"
    scripts = {p.name: p.read_text(encoding="utf-8") for p in sorted(js_dir.glob("*.js"))}
    if WORKER not in scripts:
        raise VersioningError(f"{js_dir / WORKER} ontbreekt: is dit een gebouwde site (make site)?")
    worker = scripts[WORKER]
    if len(FILES_LINE.findall(worker)) != 1:
        raise VersioningError(f"{WORKER} heeft niet precies één regel `const FILES = {{...}};` om de namen in te zetten.")
    scripts[WORKER] = FILES_LINE.sub(lambda _m: f"const FILES = {json.dumps(files, sort_keys=True)};", worker)
    if offline:
        if len(SWITCH_LINE.findall(scripts.get(OFFLINE_SCRIPT, ""))) != 1:
            raise VersioningError(f"{OFFLINE_SCRIPT} heeft niet precies één regel `const SERVICE_WORKER = false;`.")
        scripts[OFFLINE_SCRIPT] = SWITCH_LINE.sub("const SERVICE_WORKER = true;", scripts[OFFLINE_SCRIPT])

    # Name each script after its content, once the names it refers to are final (dependencies first).
    renames: dict[str, str] = {}
    todo = dict(scripts)
    while todo:
        ready = [n for n, text in todo.items() if not any(_referenced(text, d) for d in todo if d != n)]
        if not ready:
            raise VersioningError("Scripts in assets/js verwijzen in een kring naar elkaar: " + ", ".join(sorted(todo)))
        for name in ready:
            text = _rewrite(todo.pop(name), renames)
            renames[name] = _with_hash(name, content_hash(text.encode()))
            (js_dir / name).unlink()
            (js_dir / renames[name]).write_text(text, encoding="utf-8")
    moved = {f"assets/js/{old}": f"assets/js/{new}" for old, new in renames.items()}
    for css in sorted(css_dir.glob("*.css")) if css_dir.is_dir() else []:
        new = _with_hash(css.name, content_hash(css.read_bytes()))
        css.rename(css.with_name(new))
        moved[f"assets/css/{css.name}"] = f"assets/css/{new}"
    return moved


def rewrite_pages(site: Path, moved: dict[str, str]) -> int:
    """Point every page at the new names; returns the number of pages changed."""
    pattern = re.compile(r"""((?:src|href)=["'](?:[^"'#?]*/)?)(""" + "|".join(map(re.escape, moved)) + r""")(?=["'?#])""")
    changed = 0
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        new = pattern.sub(lambda m: m.group(1) + moved[m.group(2)], text)
        if new != text:
            page.write_text(new, encoding="utf-8")
            changed += 1
    return changed


def uses_service_worker(site: Path) -> bool:
    """True when the pages load ``offline.js`` (the template leaves it out when the site opts out)."""
    pattern = re.compile(r"""src=["'](?:[^"']*/)?assets/js/""" + re.escape(OFFLINE_SCRIPT) + """["']""")
    return any(pattern.search(page.read_text(encoding="utf-8")) for page in site.rglob("*.html"))


def _sri(data: bytes) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode("ascii")


def offline_manifest(site: Path, snapshot: str = "") -> dict[str, object]:
    """Every file of this build the service worker keeps, by its address relative to the site root
    (a page by its folder, as links name it), with "hashed" (a name that changes with the content:
    from the cache first) or "fresh" (from the network first) and its SRI hash; version = hash of all.
    ``snapshot``: the name of the snapshot's JSON in pyodide/ (``FILES["snapshot"]``), whose parts, one
    gzip stream, are listed in order under "gzip_streams": the service worker keeps them unpacked."""
    streams: list[list[str]] = []
    if snapshot and (site / "pyodide" / snapshot).is_file():
        parts = json.loads((site / "pyodide" / snapshot).read_text(encoding="utf-8")).get("parts") or []
        streams = [[f"pyodide/{name}" for name in parts]] if parts else []
    entries: dict[str, dict[str, str]] = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or NOT_OFFLINE.search(rel):
            continue
        key = rel[: -len("index.html")] if rel == "index.html" or rel.endswith("/index.html") else rel
        hashed = bool(VERSIONED_NAME.search(rel) or OTHER_VERSIONED.search(rel))
        entries[key] = {"kind": "hashed" if hashed else "fresh", "integrity": _sri(path.read_bytes())}
    missing = [path for stream in streams for path in stream if path not in entries]
    if missing:
        raise VersioningError(f"Delen van de snapshot ontbreken in de site: {missing}")
    version = content_hash(json.dumps({"files": entries, "gzip_streams": streams}, sort_keys=True).encode())
    return {"version": version, "files": entries, "gzip_streams": streams}


def write_offline(site: Path, snapshot: str = "") -> str:
    """Write offline.<version>.json and point sw.js at it; returns the manifest's name."""
    worker = site / SERVICE_WORKER
    text = worker.read_text(encoding="utf-8") if worker.is_file() else ""
    if len(MANIFEST_LINE.findall(text)) != 1:
        raise VersioningError(f"{worker} heeft niet precies één regel `const MANIFEST = \"\";` om de naam in te zetten.")
    manifest = offline_manifest(site, snapshot)
    name = f"offline.{manifest['version']}.json"
    (site / name).write_text(json.dumps(manifest, sort_keys=True, separators=(",", ":")), encoding="utf-8")
    worker.write_text(MANIFEST_LINE.sub(lambda _m: f'const MANIFEST = "{name}";', text), encoding="utf-8")
    return name


def version_site(site: Path) -> dict[str, object]:
    """Apply every content name to the built site in ``site``; refuses a site it already did."""
    site = Path(site)
    if (site / "assets" / "js").is_dir() and not (site / "assets" / "js" / WORKER).is_file():
        raise VersioningError(f"{site} heeft al namen met een code van de inhoud; bouw opnieuw (make site).")
    offline = uses_service_worker(site)
    files = version_runtime(site)
    moved = version_assets(site, files, offline)
    pages = rewrite_pages(site, moved)
    stale = [old for old in moved if (site / old).exists()]
    if stale:  # pragma: no cover - a bug in this module
        raise VersioningError(f"Oude namen staan er nog: {stale}")
    manifest = write_offline(site, files.get("snapshot", "")) if offline else ""
    return {"files": files, "assets": moved, "pages": pages, "offline": manifest}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m handreiking_tools.site.versioning", description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", default="site", type=Path, help="the site `mkdocs build` just wrote")
    args = parser.parse_args(argv)
    try:
        done = version_site(args.site_dir)
    except VersioningError as exc:
        print(f"FOUT: {exc}", file=sys.stderr)
        return 1
    print(f"versies: runtime in pyodide/{done['files']['runtime']}, {len(done['assets'])} scripts en stijlen, "
          f"{done['pages']} pagina's bijgewerkt; "
          + (f"offline: {done['offline']}" if done["offline"] else "geen service worker (uitgezet)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
