"""Content names for everything a browser may keep for a year, applied to a built site (`make site`).

A browser that keeps a file for a year (``Cache-Control: immutable``) must never pair it with a file
of another version: an old page with new code, or an old lock file with a new wheel. So every file
that is cached that long gets a name that changes with its content, and whatever refers to it is
rewritten to that name:

* the Pyodide runtime (``pyodide.mjs``, ``pyodide.asm.*``, ``python_stdlib.zip`` and their
  ``.gz``/``.br`` copies) moves into ``pyodide/<hash>/``: Pyodide finds these files by fixed names
  beside each other, so the folder carries the hash;
* ``pyodide-lock.json``, ``snapshot.json`` and ``site-profile.json`` become ``name.<hash>.json``;
  the wheels and snapshot parts already carry a version or a content code in their names;
* the worker learns those names from one line, ``const FILES = {...};``, that this step fills in;
* our own scripts and stylesheets (``assets/js/*.js``, ``assets/css/*.css``) become
  ``name.<hash>.js``/``.css``, the references between them first, and every page is rewritten to them.

What keeps its name (the pages, ``sitemap.xml``, ``search/``, ``404.html``) is revalidated on every
visit (``Cache-Control: no-cache``). A plain ``mkdocs build`` without this step still works: the worker's
``FILES`` line then names the files as ``docs/pyodide/`` has them.

Usage: ``python -m handreiking_tools.site.versioning --site-dir site``
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
from pathlib import Path

RUNTIME = ("pyodide.mjs", "pyodide.mjs.map", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
RENAMED_JSON = {"lock": "pyodide-lock.json", "snapshot": "snapshot.json", "profile": "site-profile.json"}
COMPANIONS = (".gz", ".br")  # precompressed copies follow their original
FILES_LINE = re.compile(r"^const FILES = \{.*\};$", re.M)
WORKER = "engine-worker.js"
HASH_LEN = 12
# Names this step gives: a long cache is safe for exactly these (and the wheels and snapshot parts).
VERSIONED_NAME = re.compile(r"(?:^|/)pyodide/[0-9a-f]{12}/|\.[0-9a-f]{12}\.(?:js|css|json)(?:\.gz|\.br)?$")


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


def version_assets(site: Path, files: dict[str, str]) -> dict[str, str]:
    """Give our scripts and stylesheets content names; return {assets/...old: assets/...new}."""
    js_dir, css_dir = site / "assets" / "js", site / "assets" / "css"
    scripts = {p.name: p.read_text(encoding="utf-8") for p in sorted(js_dir.glob("*.js"))}
    if WORKER not in scripts:
        raise VersioningError(f"{js_dir / WORKER} ontbreekt: is dit een gebouwde site (make site)?")
    worker = scripts[WORKER]
    if len(FILES_LINE.findall(worker)) != 1:
        raise VersioningError(f"{WORKER} heeft niet precies één regel `const FILES = {{...}};` om de namen in te zetten.")
    scripts[WORKER] = FILES_LINE.sub(lambda _m: f"const FILES = {json.dumps(files, sort_keys=True)};", worker)

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


def version_site(site: Path) -> dict[str, object]:
    """Apply every content name to the built site in ``site``; refuses a site it already did."""
    site = Path(site)
    if (site / "assets" / "js").is_dir() and not (site / "assets" / "js" / WORKER).is_file():
        raise VersioningError(f"{site} heeft al namen met een code van de inhoud; bouw opnieuw (make site).")
    files = version_runtime(site)
    moved = version_assets(site, files)
    pages = rewrite_pages(site, moved)
    stale = [old for old in moved if (site / old).exists()]
    if stale:  # pragma: no cover - a bug in this module
        raise VersioningError(f"Oude namen staan er nog: {stale}")
    return {"files": files, "assets": moved, "pages": pages}


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
          f"{done['pages']} pagina's bijgewerkt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
