"""The browser bundle: self-hosted Pyodide runtime, pinned wheels, our own wheel and a lock file.

Two phases, kept apart on purpose:

* ``fetch`` (set-up, ``make wheels``) is the only code that reaches the network: it downloads the
  pinned wheels of ``wheels.json`` that are missing from ``.cache/wheels/`` with pip.
* ``assemble`` (run by ``handreiking-tools prepare`` before every build) works offline: it checks
  every wheel against its sha256, builds our wheel from the working tree (only when the sources
  changed), copies the runtime files from ``node_modules/pyodide`` and writes
  ``docs/pyodide/pyodide-lock.json`` so that ``pyodide.loadPackage("handreiking-tools")`` resolves
  everything from the site itself. It only writes files whose content changed, so a second run is
  quick and does not wake up ``mkdocs serve``.

Run as ``python -m handreiking_tools.site.bundle fetch|assemble|verify``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .speed import STDLIB

PINS_FILE = Path(__file__).with_name("wheels.json")
OWN_NAME = "handreiking-tools"
OWN_IMPORT = "handreiking_tools"
FETCH_HINT = "Draai `make wheels` (of `.venv/bin/python -m handreiking_tools.site.bundle fetch`) om het opnieuw te downloaden."


class BundleError(RuntimeError):
    """A problem with the bundle that stops the build; the message says what and how to fix it."""


@dataclass(frozen=True)
class Layout:
    """Where things live, all relative to the project root (the folder of mkdocs.yml)."""

    root: Path
    docs: Path

    @property
    def cache(self) -> Path:
        return self.root / ".cache"

    @property
    def wheels(self) -> Path:
        return self.cache / "wheels"

    @property
    def own_wheels(self) -> Path:
        return self.cache / "own-wheel"

    @property
    def node_pyodide(self) -> Path:
        return self.root / "node_modules" / "pyodide"

    @property
    def out(self) -> Path:
        return self.docs / "pyodide"


def load_pins(path: Path = PINS_FILE) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def normalize(name: str) -> str:
    """PEP 503 name, the key Pyodide's lock file uses."""
    return re.sub(r"[-_.]+", "-", name).lower()


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# --------------------------------------------------------------------------- fetch (network, set-up only)


def _pip_download(entry: dict[str, Any], dest: Path, pins: dict[str, Any]) -> None:
    cmd = [
        sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
        "--no-deps", "--only-binary=:all:", "--dest", str(dest),
    ]
    if not entry["file_name"].endswith("-any.whl"):
        py = pins["pyodide"]
        cmd += ["--platform", py["platform_tag"], "--python-version", py["python_version"], "--implementation", "cp"]
    cmd.append(f"{entry['name']}=={entry['version']}")
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise BundleError(f"Downloaden van {entry['name']}=={entry['version']} is mislukt:\n{proc.stderr.strip()[-2000:]}")


def fetch(layout: Layout, groups: Iterable[str] = ("site", "test", "build"), pins: dict[str, Any] | None = None) -> list[Path]:
    """Download the pinned wheels that are missing (or damaged) into the cache; verify each one."""
    pins = pins or load_pins()
    layout.wheels.mkdir(parents=True, exist_ok=True)
    fetched: list[Path] = []
    for group in groups:
        for entry in pins[group]:
            target = layout.wheels / entry["file_name"]
            if target.is_file() and sha256_of(target) == entry["sha256"]:
                continue
            with tempfile.TemporaryDirectory(dir=layout.cache) as tmp:
                _pip_download(entry, Path(tmp), pins)
                got = Path(tmp) / entry["file_name"]
                if not got.is_file():
                    names = ", ".join(p.name for p in Path(tmp).iterdir()) or "niets"
                    raise BundleError(
                        f"pip gaf voor {entry['name']}=={entry['version']} {names}, niet {entry['file_name']}. "
                        f"Controleer file_name in {PINS_FILE.name}."
                    )
                digest = sha256_of(got)
                if digest != entry["sha256"]:
                    raise BundleError(
                        f"Gedownload wheel {entry['file_name']} heeft een andere SHA-256 dan {PINS_FILE.name} vastlegt:\n"
                        f"  verwacht: {entry['sha256']}\n  gekregen: {digest}\n"
                        "Gebruik het bestand niet. Pas de pin alleen aan als de nieuwe versie bewust gekozen is."
                    )
                os.replace(got, target)
            fetched.append(target)
    return fetched


# --------------------------------------------------------------------------- verify and build (offline)


def verify(layout: Layout, group: str, pins: dict[str, Any] | None = None, wheel_dir: Path | None = None) -> dict[str, Path]:
    """Check every pinned wheel of ``group`` is present with its sha256; return file_name -> path."""
    pins = pins or load_pins()
    wheel_dir = wheel_dir or layout.wheels
    found: dict[str, Path] = {}
    problems: list[str] = []
    for entry in pins[group]:
        path = wheel_dir / entry["file_name"]
        if not path.is_file():
            problems.append(f"- {entry['file_name']} ontbreekt in {wheel_dir}.")
            continue
        digest = sha256_of(path)
        if digest != entry["sha256"]:
            problems.append(
                f"- {path} heeft een verkeerde SHA-256:\n    verwacht: {entry['sha256']}\n    gevonden: {digest}\n"
                "  Verwijder het bestand."
            )
            continue
        found[entry["file_name"]] = path
    if problems:
        raise BundleError(f"Vastgepinde wheels ({group}) kloppen niet:\n" + "\n".join(problems) + f"\n{FETCH_HINT}")
    return found


# The browser needs only the pure core: not the build step (site/) nor the command line.
BROWSER_EXCLUDED = ("site", "cli.py")
PROJECT_FILES = ("pyproject.toml", "README.md", "LICENSE")


def _in_browser_wheel(path: Path, pkg: Path) -> bool:
    rel = path.relative_to(pkg).parts
    return rel[0] not in BROWSER_EXCLUDED and "__pycache__" not in rel and path.suffix not in {".pyc", ".pyo"}


def _own_sources(root: Path) -> list[Path]:
    files = [root / name for name in PROJECT_FILES]
    pkg = root / "src" / OWN_IMPORT
    files += sorted(p for p in pkg.rglob("*") if p.is_file() and _in_browser_wheel(p, pkg))
    return [p for p in files if p.is_file()]


def source_digest(root: Path) -> str:
    """One hash over the files that go into our wheel: a new wheel only when one of them changed."""
    h = hashlib.sha256()
    for path in _own_sources(root):
        h.update(path.relative_to(root).as_posix().encode() + b"\0")
        h.update(path.read_bytes() + b"\0")
    return h.hexdigest()


def _project_version(root: Path) -> str:
    match = re.search(r'^version\s*=\s*"([^"]+)"', (root / "pyproject.toml").read_text(encoding="utf-8"), re.M)
    if not match:
        raise BundleError("Geen version gevonden in pyproject.toml.")
    return match.group(1)


def build_own_wheel(layout: Layout, pins: dict[str, Any] | None = None) -> Path:
    """Our wheel, built offline with the pinned setuptools; cached per source digest.

    The file name carries a build tag made from the digest, so a browser that cached an older
    wheel never gets it back for a newer lock file (Pyodide checks the sha256 and would fail).
    """
    pins = pins or load_pins()
    if not (layout.root / "src" / OWN_IMPORT).is_dir() or not (layout.root / "pyproject.toml").is_file():
        raise BundleError(
            f"In {layout.root} staan geen src/{OWN_IMPORT}/ en pyproject.toml: het wheel voor de browser wordt uit de "
            "broncode gebouwd. Draai prepare in een kopie van de broncode (git clone)."
        )
    digest = source_digest(layout.root)
    version = _project_version(layout.root)
    tag = "1" + digest[:12]  # a wheel build tag must start with a digit
    final_name = f"{OWN_IMPORT}-{version}-{tag}-py3-none-any.whl"
    target_dir = layout.own_wheels
    target = target_dir / final_name
    if target.is_file():
        return target
    build_deps = verify(layout, "build", pins)
    target_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=layout.cache) as tmp:
        src_copy = Path(tmp) / "src-copy"
        src_copy.mkdir()
        for name in PROJECT_FILES:
            if (layout.root / name).is_file():
                shutil.copy2(layout.root / name, src_copy / name)
        pkg = layout.root / "src" / OWN_IMPORT
        for path in _own_sources(layout.root):
            if pkg in path.parents:
                dest = src_copy / "src" / OWN_IMPORT / path.relative_to(pkg)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, dest)
        out = Path(tmp) / "out"
        env = dict(os.environ)
        find_links = str(next(iter(build_deps.values())).parent)
        # pip's isolated build env installs setuptools/wheel from the verified cache, never from an index.
        env.update(PIP_NO_INDEX="1", PIP_FIND_LINKS=find_links, PIP_DISABLE_PIP_VERSION_CHECK="1",
                   SOURCE_DATE_EPOCH="315532800")
        proc = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-index",
             "--find-links", find_links, "--wheel-dir", str(out), str(src_copy)],
            capture_output=True, text=True, env=env,
        )
        if proc.returncode != 0:
            raise BundleError(f"Het wheel van {OWN_NAME} bouwen is mislukt:\n{proc.stderr.strip()[-3000:]}")
        built = list(out.glob(f"{OWN_IMPORT}-{version}-*.whl"))
        if len(built) != 1:
            raise BundleError(f"Verwacht één wheel van {OWN_NAME} {version}, gevonden: {[p.name for p in out.iterdir()]}")
        for old in target_dir.glob("*.whl"):  # keep the cache to the current build only
            old.unlink()
        os.replace(built[0], target)
    return target


# --------------------------------------------------------------------------- assemble (offline)


def _copy_if_changed(src: Path, dst: Path) -> bool:
    if dst.is_file():
        s, d = src.stat(), dst.stat()
        if s.st_size == d.st_size and int(s.st_mtime) == int(d.st_mtime):
            return False
        if s.st_size == d.st_size and sha256_of(src) == sha256_of(dst):
            shutil.copystat(src, dst)
            return False
    shutil.copy2(src, dst)
    return True


def _write_if_changed(path: Path, text: str) -> bool:
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return True


def lock_entry(entry: dict[str, Any], file_name: str | None = None, sha256: str | None = None) -> dict[str, Any]:
    """One package entry in Pyodide's lock-file format."""
    return {
        "name": normalize(entry["name"]),
        "version": entry["version"],
        "file_name": file_name or entry["file_name"],
        "install_dir": "site",
        "sha256": sha256 or entry["sha256"],
        "package_type": "package",
        "imports": list(entry["imports"]),
        "depends": [normalize(d) for d in entry["depends"]],
        "unvendored_tests": False,
    }


def pyodide_info(layout: Layout, pins: dict[str, Any]) -> dict[str, Any]:
    """Pyodide's own ``info`` block, after checking node_modules holds the pinned Pyodide."""
    pkg_json = layout.node_pyodide / "package.json"
    if not pkg_json.is_file():
        raise BundleError(f"{layout.node_pyodide} ontbreekt. Draai `make setup` (npm ci) eerst.")
    have = json.loads(pkg_json.read_text(encoding="utf-8"))["version"]
    want = pins["pyodide"]["npm_version"]
    if have != want:
        raise BundleError(f"node_modules/pyodide is versie {have}, maar {want} is vastgepind. Draai `npm ci`.")
    info = json.loads((layout.node_pyodide / "pyodide-lock.json").read_text(encoding="utf-8"))["info"]
    if info.get("abi_version") != pins["pyodide"]["abi_version"]:
        raise BundleError(
            f"Pyodide {have} heeft ABI {info.get('abi_version')}, de wheels in {PINS_FILE.name} zijn voor "
            f"{pins['pyodide']['abi_version']}. Pin pydantic_core voor de juiste ABI."
        )
    return info


def make_lock(info: dict[str, Any], entries: list[dict[str, Any]]) -> dict[str, Any]:
    return {"info": info, "packages": {e["name"]: e for e in sorted(entries, key=lambda e: e["name"])}}


def own_lock_entry(wheel: Path, root: Path) -> dict[str, Any]:
    return lock_entry(
        {"name": OWN_NAME, "version": _project_version(root), "imports": [OWN_IMPORT], "depends": ["pydantic"]},
        file_name=wheel.name,
        sha256=sha256_of(wheel),
    )


def assemble(layout: Layout, pins: dict[str, Any] | None = None) -> dict[str, Any]:
    """Fill ``docs/pyodide/`` with the runtime, the verified wheels, our wheel and the lock file.

    Returns a small summary (lock path, files changed) for the caller to print.
    """
    pins = pins or load_pins()
    info = pyodide_info(layout, pins)
    site_wheels = verify(layout, "site", pins)
    own = build_own_wheel(layout, pins)

    out = layout.out
    out.mkdir(parents=True, exist_ok=True)
    changed: list[str] = []
    for name in pins["pyodide"]["runtime_files"]:
        src = layout.node_pyodide / name
        if not src.is_file():
            raise BundleError(f"{src} ontbreekt: is npm-pakket pyodide {pins['pyodide']['npm_version']} compleet? Draai `npm ci`.")
        if name == STDLIB:
            continue  # the prepare step's speed.compile_stdlib writes it, in part compiled ahead, once the wheels are in
        if _copy_if_changed(src, out / name):
            changed.append(name)
    wanted = {own.name: own, **site_wheels}
    for name, src in wanted.items():
        if _copy_if_changed(src, out / name):
            changed.append(name)
    for stale in out.glob("*.whl"):  # e.g. our wheel from an older source tree
        if stale.name not in wanted:
            stale.unlink()
            changed.append(f"-{stale.name}")

    entries = [lock_entry(e) for e in pins["site"]] + [own_lock_entry(own, layout.root)]
    lock = make_lock(info, entries)
    lock_path = out / "pyodide-lock.json"
    if _write_if_changed(lock_path, json.dumps(lock, indent=2, sort_keys=True) + "\n"):
        changed.append(lock_path.name)
    return {"lock": lock_path, "own_wheel": own.name, "changed": changed}


# --------------------------------------------------------------------------- command line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m handreiking_tools.site.bundle", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["fetch", "assemble", "verify"])
    parser.add_argument("--root", default=".", help="project root (folder of mkdocs.yml)")
    parser.add_argument("--docs", default="docs")
    parser.add_argument("--group", action="append", help="wheel group(s) for fetch/verify: site, test, build")
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    layout = Layout(root=root, docs=(root / args.docs))
    groups = args.group or ["site", "test", "build"]
    try:
        if args.command == "fetch":
            got = fetch(layout, groups)
            print(f"wheels: {len(got)} gedownload naar {layout.wheels}" if got else "wheels: alles al aanwezig")
        elif args.command == "verify":
            for g in groups:
                verify(layout, g)
            print("wheels: alle SHA-256 kloppen")
        else:
            summary = assemble(layout)
            print(f"pyodide: {summary['lock']} ({len(summary['changed'])} bestanden bijgewerkt)")
    except BundleError as exc:
        print(f"FOUT: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
