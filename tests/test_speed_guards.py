"""Guards for the speed work (issue 5); they check behaviour, never timings.

* Content pages download no Pyodide and no wheel, also when a reader moves between them with
  Material's instant navigation.
* A start from the build-time snapshot gives the same results as a normal start (Pyodide under
  Node, the site's own runtime) and as the core in CPython; a snapshot that does not fit is refused
  and the worker falls back to a normal start.
* Precompressed files (.gz/.br) equal their originals, and are remade when an original changes.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from handreiking_tools import api
from handreiking_tools.site import speed
from handreiking_tools.site.forms import EXAMPLES

# The browser fixtures live with the calculator browser tests; reuse them rather than copy them.
from browser_support import Recorder, serve

ROOT = Path(__file__).resolve().parent.parent
PYODIDE = ROOT / "docs" / "pyodide"
CONTENT_PAGES = ("", "stappen/stap-1/", "stappen/stap-3/", "bijlagen/rollen/", "zelf-hosten/")
RUNTIME_MARKERS = ("/pyodide/", ".whl", "pyodide.asm", "python_stdlib", "python-snapshot")

try:
    import brotli
except ImportError:  # brotli comes with requirements-dev.txt; without it only .gz files are made
    brotli = None


def _runtime_requests(urls: list[str]) -> list[str]:
    return [u for u in urls if any(m in u for m in RUNTIME_MARKERS)]


# --------------------------------------------------------------------------- content pages


@pytest.mark.browser
def test_content_pages_load_no_pyodide_and_no_wheel(browser: Any, site_url: str) -> None:
    ctx = browser.new_context()
    rec = Recorder(ctx, site_url.rstrip("/"))
    workers: list[str] = []
    page = ctx.new_page()
    rec.watch(page)
    page.on("worker", lambda w: workers.append(w.url))
    for path in CONTENT_PAGES:
        page.goto(site_url + path, wait_until="load")
        page.wait_for_timeout(200)  # a worker started late would show up here
    ctx.close()
    assert any(u.endswith("/assets/js/engine.js") for u in rec.requests), "engine.js is on every page, but starts nothing"
    assert _runtime_requests(rec.requests) == []
    assert [w for w in workers if "engine-worker" in w] == [], "the search worker is Material's; ours must not start"
    assert rec.console_errors == []


@pytest.mark.browser
def test_instant_navigation_between_content_pages_loads_no_pyodide(browser: Any, instant_site_url: str) -> None:
    ctx = browser.new_context()
    rec = Recorder(ctx, instant_site_url.rstrip("/"))
    page = ctx.new_page()
    rec.watch(page)
    page.goto(instant_site_url + "stappen/stap-1/")
    page.evaluate("() => { window.__same = true; }")
    page.evaluate("() => document.querySelector('a[href$=\"stappen/stap-2a/\"]').click()")
    page.wait_for_url("**/stappen/stap-2a/")
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.__same === true"), "instant navigation kept the window"
    ctx.close()
    assert _runtime_requests(rec.requests) == []
    assert rec.console_errors == []


# --------------------------------------------------------------------------- snapshot

NODE_CHECK = """
import fs from "node:fs";
import zlib from "node:zlib";
import { pathToFileURL } from "node:url";
const [dir, snapFile, payloadsFile] = process.argv.slice(2);
const base = dir + "/";
const { loadPyodide } = await import(pathToFileURL(base + "pyodide.mjs").href);
const payloads = JSON.parse(fs.readFileSync(payloadsFile, "utf8"));
async function results(extra) {
  const py = await loadPyodide({ indexURL: base, lockFileURL: base + "pyodide-lock.json", packageBaseUrl: base, ...extra });
  await py.loadPackage("handreiking-tools", { messageCallback: () => {} });
  py.runPython("import json\\nfrom handreiking_tools import api");
  const run = py.globals.get("api").run;
  const out = payloads.map(([name, payload]) => py.runPython(
    `json.dumps(api.run(${JSON.stringify(name)}, json.loads(${JSON.stringify(JSON.stringify(payload))})), sort_keys=True, default=str)`));
  return out;
}
const normal = await results({});
const snapped = await results({ _loadSnapshot: zlib.gunzipSync(fs.readFileSync(snapFile)) });
let refused = null;
try {
  await loadPyodide({ indexURL: base, lockFileURL: base + "pyodide-lock.json", _loadSnapshot: new Uint8Array(4096) });
} catch (err) {
  refused = String(err && err.message ? err.message : err);
}
console.log(JSON.stringify({ normal, snapped, refused }));
"""


def _payloads() -> list[tuple[str, dict[str, Any]]]:
    out: list[tuple[str, dict[str, Any]]] = []
    for name, example in EXAMPLES.items():
        out.append((name, dict(example)))
        out.append((name, {}))  # errors (Dutch messages) must come out the same too
    prop = dict(EXAMPLES["proportionaliteit"])
    out.append(("proportionaliteit", {**prop, "contract_value_eur": 99_000}))
    out.append(("proportionaliteit", {**prop, "contract_value_eur": "veel"}))
    return out


@pytest.mark.skipif(shutil.which("node") is None, reason="node is installed by make setup (npm ci)")
def test_snapshot_start_gives_the_same_results_as_a_normal_start(tmp_path: Path) -> None:
    snap = PYODIDE / speed.SNAPSHOT
    assert snap.is_file(), "prepare makes docs/pyodide/python-snapshot.bin (run make prepare)"
    assert snap.read_bytes()[:2] == b"\x1f\x8b", "the snapshot is stored gzipped, so any host can serve it as is"
    payloads = _payloads()
    (tmp_path / "payloads.json").write_text(json.dumps(payloads), encoding="utf-8")
    script = tmp_path / "check.mjs"
    script.write_text(NODE_CHECK, encoding="utf-8")
    proc = subprocess.run(["node", str(script), str(PYODIDE), str(snap), str(tmp_path / "payloads.json")],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    assert got["snapped"] == got["normal"]
    for (name, payload), text in zip(payloads, got["snapped"]):
        assert json.loads(text) == json.loads(json.dumps(api.run(name, payload), sort_keys=True, default=str))
    assert got["refused"], "a snapshot that does not fit the runtime is refused, so the worker can fall back"


def _two_visits(browser: Any, base: str) -> list[str]:
    """Open a calculator twice in one context (the second visit finds the snapshot in the cache);
    both show the core's result. Returns what the worker of the second visit logged."""
    ctx = browser.new_context()
    rec = Recorder(ctx, base.rstrip("/"))
    expected = api.run("proportionaliteit", dict(EXAMPLES["proportionaliteit"]))["summary"]
    logs: list[str] = []
    for visit in (1, 2):
        page = ctx.new_page()
        rec.watch(page)
        page.on("worker", lambda w: w.on("console", lambda m: logs.append(f"{visit}: {m.text}")))
        page.goto(base + "hulpmiddelen/proportionaliteit/")
        page.click('[data-action="example"]')
        page.wait_for_function("t => document.querySelector('[data-result-body] [data-key=summary]')?.textContent === t",
                               arg=expected, timeout=120_000)
        if visit == 1:  # after a normal start the worker fetches the snapshot in the background
            deadline = 200
            while deadline and not any(u.endswith(speed.SNAPSHOT) for u in rec.requests):
                page.wait_for_timeout(100)
                deadline -= 1
            page.wait_for_timeout(1000)  # let the download finish into the cache
        page.close()
    ctx.close()
    assert any(u.endswith(speed.SNAPSHOT) for u in rec.requests), "the first visit fetched the snapshot for later"
    assert rec.console_errors == []
    return [line[3:] for line in logs if line.startswith("2: ")]


@pytest.mark.browser
def test_revisit_starts_from_the_snapshot(browser: Any, site_url: str) -> None:
    assert not [line for line in _two_visits(browser, site_url) if "snapshot" in line]


@pytest.mark.browser
def test_worker_falls_back_to_a_normal_start_when_the_snapshot_is_bad(browser: Any, built_site: Path, tmp_path: Path) -> None:
    """A snapshot that does not fit (here: a valid gzip of zeros) is refused and Python starts normally."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    (site / "pyodide" / speed.SNAPSHOT).write_bytes(gzip.compress(b"\0" * 4096))
    with serve(site) as url:
        logs = _two_visits(browser, url)
    assert any("snapshot not used" in line for line in logs), logs


# --------------------------------------------------------------------------- precompressed files


def _precompressed() -> list[Path]:
    return sorted(list(PYODIDE.glob("*.gz")) + list(PYODIDE.glob("*.br")))


def test_precompressed_files_equal_their_originals() -> None:
    files = _precompressed()
    assert any(p.name == "pyodide.asm.wasm.gz" for p in files), "prepare writes .gz beside the runtime (run make prepare)"
    for path in files:
        original = path.with_suffix("")
        assert original.is_file(), f"{path.name} has no original"
        data = path.read_bytes()
        if path.suffix == ".gz":
            assert gzip.decompress(data) == original.read_bytes(), path.name
        elif brotli is not None:
            assert brotli.decompress(data) == original.read_bytes(), path.name


def test_precompress_writes_skips_rewrites_and_removes(tmp_path: Path) -> None:
    src = tmp_path / "app.mjs"
    src.write_text("export const x = 1;\n" * 200)
    (tmp_path / "tiny.json").write_text("{}")
    (tmp_path / "pkg.whl").write_bytes(b"PK" * 1000)
    first = speed.precompress(tmp_path)
    assert tmp_path / "app.mjs.gz" in first
    assert not (tmp_path / "tiny.json.gz").exists(), "tiny files are not worth it"
    assert not (tmp_path / "pkg.whl.gz").exists(), "wheels are zip files already"
    assert speed.precompress(tmp_path) == [], "nothing changed, nothing rewritten"
    src.write_text("export const x = 2;\n" * 200)
    os.utime(src, ns=(src.stat().st_atime_ns, src.stat().st_mtime_ns + 1_000_000_000))
    assert tmp_path / "app.mjs.gz" in speed.precompress(tmp_path)
    assert gzip.decompress((tmp_path / "app.mjs.gz").read_bytes()) == src.read_bytes()
    src.unlink()
    speed.precompress(tmp_path)
    assert not (tmp_path / "app.mjs.gz").exists() and not (tmp_path / "app.mjs.br").exists(), "orphans are removed"
