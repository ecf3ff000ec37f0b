"""Speed parts of the prepare step: Python's standard library partly compiled ahead, a Pyodide memory
snapshot, and precompressed runtime files.

* ``compile_stdlib``: the site's ``python_stdlib.zip`` holds only the modules of Pyodide's own that a
  start imports (listed by the same Node run as the snapshot's), each as a ``.pyc`` in place of its
  ``.py``, so a start without the snapshot does not compile them first; compiled by a bare runtime, so
  a new core does not change the zip (nor the runtime folder's name in a versioned site). The other
  modules (about half the bytes) go as source into ``python_stdlib_rest.zip``, which the worker fetches
  after the first result and imports from through a finder of its own (at once, when a module is
  asked for before it is in).
* ``make_snapshot``: starts the site's own Pyodide runtime under Node at build time, unpacks our
  package and the wheels it needs (pydantic, pydantic_core, ...), imports the standard-library modules
  they use (``PRELOAD_MODULES``) and our core, builds every tool's models and answers each tool's
  worked example once (``handreiking_tools.api.warm_up`` with ``forms.EXAMPLES``: the data files a
  first answer reads are then loaded), and saves the interpreter's memory (gzip inside, so any host
  can serve it as is). The browser worker restores it instead of starting Python and doing all that
  again, and falls back to a normal start when it is missing or does not fit the runtime.
  pydantic_core is a dynamic library: snapshot.mjs loads it before the runtime starts, so its data
  lands at a fixed place, and ``snapshot.json`` records where (``dynlibs``); the worker loads it at
  the same moment and refuses the snapshot when the places differ. Any change to a wheel (our own
  included) makes a new snapshot. It is written in parts of at most ``PART_BYTES`` whose names
  carry a hash of everything that went into it, listed in ``snapshot.json``: a browser never mixes
  an old snapshot with new wheels, and each part fits the in-memory cache of a private window.
  ``snapshot.json`` also records the unpacked image's size (``unpacked``; ``bytes`` is the parts'
  total): the worker unpacks the parts into one array of that size as they arrive, and refuses an
  image that comes out at another size.
* ``precompress``: writes ``file.gz`` and, when the ``brotli`` package is there, ``file.br`` beside
  the big runtime files, for hosts that serve precompressed files (nginx ``gzip_static`` /
  ``brotli_static``, Apache with rewrite rules, IIS). They carry the original's mtime and are
  rewritten when it differs.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from .forms import EXAMPLES

MANIFEST = "snapshot.json"
PART_PREFIX = "python-snapshot-"
# Chromium's in-memory HTTP cache (private windows, test browsers) keeps no response over about 6 MB.
PART_BYTES = 4 * 1024 * 1024
SNAPSHOT_SCRIPT = Path(__file__).with_name("snapshot.mjs")
# The worker's finder for python_stdlib_rest.zip, compiled into python_stdlib.zip as _stdlib_rest.
STDLIB_FINDER = Path(__file__).with_name("stdlib_rest.py")
# Pyodide's standard library; the site's copy has only the modules a start imports, compiled ahead (compile_stdlib).
STDLIB = "python_stdlib.zip"
# The modules no start imports (source), written by the same run; fetched by the worker after the first result.
STDLIB_REST = "python_stdlib_rest.zip"
SNAPSHOT_INPUTS = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", STDLIB)
# The package whose wheels (it and everything it depends on, from our lock file) go into the snapshot,
# imported and warmed up (api.warm_up). Without it in the lock, only PRELOAD_PACKAGES go in.
CORE_PACKAGE = "handreiking-tools"
PRELOAD_PACKAGES = ("typing-extensions", "annotated-types", "typing-inspection")
# What importing pydantic and the core adds to sys.modules in Pyodide, apart from pydantic,
# pydantic_core and handreiking_tools (measured with `-X importtime`; together about 40% of the import
# time), plus what Pyodide's package loader imports on its first install. A module missing here is
# simply imported later; one that does not exist is skipped.
PRELOAD_MODULES = (
    "annotated_types", "typing_extensions", "typing_inspection.introspection", "typing_inspection.typing_objects",
    "calendar", "csv", "dataclasses", "datetime", "decimal", "email", "encodings.cp437", "enum", "fractions",
    "functools", "hmac", "importlib.metadata", "importlib.readers", "importlib.resources",
    "importlib.resources.readers", "inspect", "ipaddress", "json", "numbers", "re", "secrets", "shutil",
    "sysconfig", "tarfile", "typing", "unicodedata", "uuid", "zipfile", "zoneinfo",
    "_stdlib_rest",  # the worker's finder for the second zip (stdlib_rest.py, put into the first by compile_stdlib)
)
# Text-like files worth compressing; wheels and the stdlib zip are compressed already, the snapshot too.
PRECOMPRESS_SUFFIXES = {".mjs", ".js", ".wasm", ".json", ".map"}
MIN_SIZE = 1024

try:  # optional: brotli gives ~20% smaller files than gzip; gzip alone is fine
    import brotli as _brotli
except ImportError:  # pragma: no cover - depends on the environment
    _brotli = None


def _digest(paths: list[Path], extra: str = "") -> str:
    h = hashlib.sha256(extra.encode())
    for p in paths:
        h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def _preload_wheels(pyodide_dir: Path) -> tuple[list[str], bool]:
    """File names of the wheels that go into the snapshot, dependencies first, and whether our core
    package is among them (else: the PRELOAD_PACKAGES that are in the lock file)."""
    lock = json.loads((pyodide_dir / "pyodide-lock.json").read_text(encoding="utf-8"))
    packages = lock.get("packages", {})
    if CORE_PACKAGE not in packages:
        return [packages[name]["file_name"] for name in PRELOAD_PACKAGES if name in packages], False
    order: list[str] = []

    def visit(name: str) -> None:
        if name in order or name not in packages:
            return
        order.append(name)  # marks it seen; moved behind its dependencies below
        for dep in packages[name].get("depends", []):
            visit(dep)
        order.remove(name)
        order.append(name)

    visit(CORE_PACKAGE)
    return [packages[name]["file_name"] for name in order], True


def _dynlibs(pyodide_dir: Path, wheels: list[str]) -> list[dict[str, str]]:
    """The dynamic libraries (.so members) in the given wheels: {wheel, member}."""
    found = []
    for wheel in wheels:
        with zipfile.ZipFile(pyodide_dir / wheel) as zf:
            found += [{"wheel": wheel, "member": n} for n in zf.namelist() if n.endswith(".so")]
    return found


def read_dynlibs(pyodide_dir: Path) -> list[dict[str, Any]]:
    """What snapshot.json records about the dynamic libraries in the snapshot ([] when none)."""
    try:
        libs = json.loads((pyodide_dir / MANIFEST).read_text(encoding="utf-8")).get("dynlibs", [])
    except (OSError, ValueError, AttributeError):
        return []
    return libs if isinstance(libs, list) else []


def read_unpacked(pyodide_dir: Path) -> int:
    """The unpacked snapshot's size in bytes from snapshot.json; 0 when it is not recorded."""
    try:
        size = json.loads((pyodide_dir / MANIFEST).read_text(encoding="utf-8")).get("unpacked", 0)
    except (OSError, ValueError, AttributeError):
        return 0
    return size if isinstance(size, int) and size > 0 else 0


def read_manifest(pyodide_dir: Path) -> list[str]:
    """The snapshot's part names from snapshot.json; [] when there is no (usable) snapshot."""
    try:
        parts = json.loads((pyodide_dir / MANIFEST).read_text(encoding="utf-8")).get("parts", [])
    except (OSError, ValueError, AttributeError):
        return []
    return parts if all((pyodide_dir / p).is_file() for p in parts) else []


def _write_manifest(pyodide_dir: Path, parts: list[str], size: int = 0, dynlibs: list[dict[str, Any]] | None = None,
                    table: int = 0, unpacked: int = 0) -> None:
    for old in pyodide_dir.glob(PART_PREFIX + "*"):
        if old.name not in parts:
            old.unlink()
    (pyodide_dir / "python-snapshot.bin").unlink(missing_ok=True)  # the single file of earlier builds
    data: dict[str, Any] = {"parts": parts, "bytes": size}
    if unpacked:
        data["unpacked"] = unpacked
    if dynlibs:  # where the snapshot's dynamic libraries must be loaded, and the function table's length
        data["dynlibs"] = dynlibs
        data["table"] = table
    (pyodide_dir / MANIFEST).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def _split(gz: bytes, pyodide_dir: Path, tag: str) -> list[str]:
    names = []
    for i in range(0, len(gz), PART_BYTES):
        name = f"{PART_PREFIX}{tag}-{i // PART_BYTES + 1}.bin"
        (pyodide_dir / name).write_bytes(gz[i : i + PART_BYTES])
        names.append(name)
    return names


def snapshot_plan(pyodide_dir: Path) -> tuple[str, dict[str, Any]]:
    """The snapshot's digest (of the runtime, every wheel that goes in, snapshot.mjs and the settings)
    and the settings snapshot.mjs gets. A change to any wheel, our own included, changes the digest."""
    wheels, warm = _preload_wheels(pyodide_dir)
    inputs = [pyodide_dir / n for n in (*SNAPSHOT_INPUTS, *wheels)] + [SNAPSHOT_SCRIPT]
    config = {"wheels": wheels, "dynlibs": _dynlibs(pyodide_dir, wheels), "modules": list(PRELOAD_MODULES), "warm": warm,
              "examples": EXAMPLES if warm else {}}
    return _digest(inputs, json.dumps(config, sort_keys=True)), config


NO_NODE = "node ontbreekt"  # why a Node run did not happen (_node_run), also part of prepare's status lines


def _node_run(pyodide_dir: Path, out: Path, config: dict[str, Any], writes: bool = True) -> tuple[dict[str, Any] | None, str]:
    """Run snapshot.mjs (``writes``: it must write ``out``); (what it printed on its last line, "") or
    (None, why it did not work)."""
    node = shutil.which("node")
    if node is None:
        return None, NO_NODE
    # stderr into a file: Node writes to a pipe asynchronously and, on an uncaught error, exits after the
    # first 64 KB, which is the runtime's one-line source that it prints first, not the error.
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as err:
        proc = subprocess.run([node, str(SNAPSHOT_SCRIPT), str(pyodide_dir), str(out), json.dumps(config)],
                              stdout=subprocess.PIPE, stderr=err, text=True)
        err.seek(0)
        stderr = err.read()
    if proc.returncode != 0 or (writes and not out.is_file()):
        return None, node_error(stderr or proc.stdout)
    return json.loads(proc.stdout.strip().splitlines()[-1]), ""


_NOISE = re.compile(r"^\s+at |^\s*(?:type|__error_address): |^[{}]$|^Node\.js v|^file:///")


def node_error(text: str) -> str:
    """What a failed Node run says about why, for a status line: its error and Python's traceback, without
    the source line Node prints first (the runtime's script is one line of 1,2 MB) and the JS stack."""
    lines = [line for line in text.splitlines() if line.strip() and len(line) < 400 and not _NOISE.search(line)]
    return "\n".join(lines)[-500:]


def stdlib_plan(source: Path, pyodide_dir: Path) -> tuple[str, dict[str, Any]]:
    """The digest of what the site's python_stdlib.zip is made from (Pyodide's own, ``source``; the wheels
    that go into the snapshot; snapshot.mjs; the settings) and the settings of the run that lists the
    modules a start imports."""
    wheels, warm = _preload_wheels(pyodide_dir)
    config = {"wheels": wheels, "dynlibs": _dynlibs(pyodide_dir, wheels), "modules": list(PRELOAD_MODULES),
              "warm": warm, "examples": EXAMPLES if warm else {}, "stdlib": "list"}
    return _digest([source, *(pyodide_dir / w for w in wheels), SNAPSHOT_SCRIPT, STDLIB_FINDER],
                   json.dumps(config, sort_keys=True)), config


def _stdlib_stamp(pyodide_dir: Path, stamp_dir: Path) -> Path:
    """The stamp of one folder's python_stdlib.zip. Named after the folder: the test builds link this
    checkout's .cache, and must not read or write the checkout's stamp."""
    return stamp_dir / f"stdlib-{hashlib.sha256(str(pyodide_dir.resolve()).encode()).hexdigest()[:12]}.stamp"


def stdlib_is_current(source: Path, pyodide_dir: Path, stamp_dir: Path) -> bool:
    """Whether the folder's python_stdlib.zip was made from the current inputs and is still as written."""
    stamp, dst = _stdlib_stamp(pyodide_dir, stamp_dir), pyodide_dir / STDLIB
    rest = pyodide_dir / STDLIB_REST
    return (dst.is_file() and rest.is_file() and stamp.is_file()
            and stamp.read_text().split() == [stdlib_plan(source, pyodide_dir)[0], _digest([dst, rest])])


def compile_stdlib(source: Path, pyodide_dir: Path, stamp_dir: Path) -> str:
    """Write the site's python_stdlib.zip: the modules of Pyodide's own (``source``) that a start imports
    (Pyodide's, the preload's and the core's warm-up, listed by a run like the snapshot's), compiled
    ahead by a bare runtime, so its bytes do not change with our wheels; and python_stdlib_rest.zip with
    the others. Without node, or when a run fails, Pyodide's own goes in whole and the second zip is
    empty. Returns a short Dutch status line."""
    dst, rest = pyodide_dir / STDLIB, pyodide_dir / STDLIB_REST
    if stdlib_is_current(source, pyodide_dir, stamp_dir):
        return "standaardbibliotheek ongewijzigd"
    digest, config = stdlib_plan(source, pyodide_dir)
    stamp = _stdlib_stamp(pyodide_dir, stamp_dir)
    shutil.copyfile(source, dst)  # what the runs below start from, and what stays when one fails
    with zipfile.ZipFile(rest, "w"):
        pass  # empty: everything is in the whole zip above
    stamp.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / STDLIB
        listed, why = _node_run(pyodide_dir, out, config, writes=False)
        made = None
        if listed is not None:
            made, why = _node_run(pyodide_dir, out, {"stdlib": "compile", "members": listed["members"]})
        if made is None:
            return f"standaardbibliotheek niet vooraf vertaald ({why}); de rekenhulp start dan iets trager"
        os.replace(out, dst)
        os.replace(out.with_name(STDLIB_REST), rest)
    stamp_dir.mkdir(parents=True, exist_ok=True)
    stamp.write_text(f"{digest} {_digest([dst, rest])}\n")
    return f"standaardbibliotheek: {made['compiled']} modules vooraf vertaald, {made['rest']} apart voor later"


def make_snapshot(pyodide_dir: Path) -> str:
    """(Re)make the snapshot when its inputs changed; returns a short Dutch status line. The parts'
    names carry the digest of the inputs, so they say themselves whether they are current (a stamp file
    in .cache was shared with the test builds, which link it, and could vouch for parts it never saw)."""
    digest, config = snapshot_plan(pyodide_dir)
    parts = read_manifest(pyodide_dir)
    # (a manifest of an earlier build without the unpacked size is made again: the worker needs it)
    if parts and read_unpacked(pyodide_dir) and all(p.startswith(f"{PART_PREFIX}{digest[:12]}-") for p in parts):
        return "snapshot ongewijzigd"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "snapshot.gz"
        made, why = _node_run(pyodide_dir, out, config)
        if made is None:
            _write_manifest(pyodide_dir, [])
            slower = " (de rekenhulp start dan gewoon, iets trager)" if why == NO_NODE else ""
            return f"snapshot overgeslagen: {why}{slower}"
        gz = out.read_bytes()
    dynlibs = made.get("dynlibs", [])
    parts = _split(gz, pyodide_dir, digest[:12])
    _write_manifest(pyodide_dir, parts, len(gz), dynlibs, int(made.get("table") or 0), int(made.get("bytes") or 0))
    return f"snapshot gemaakt ({len(gz) // 1024} KB in {len(parts)} delen)"


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


def run(pyodide_dir: Path, stdlib_source: Path, cache_dir: Path) -> list[str]:
    """The three steps, for prepare.py (``stdlib_source``: Pyodide's own python_stdlib.zip; ``cache_dir``
    for the standard library's stamp); returns status lines to print."""
    lines = [compile_stdlib(stdlib_source, pyodide_dir, cache_dir), make_snapshot(pyodide_dir)]
    written = precompress(pyodide_dir)
    lines.append(f"voorgecomprimeerd: {len(written)} bestanden bijgewerkt" + ("" if _brotli else " (alleen gzip: brotli ontbreekt)"))
    return lines
