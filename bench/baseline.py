"""The plain setup the benchmark compares against, built fresh in a temporary folder each run.

Pyodide 314 in a module Web Worker, pydantic and one small package of our own making, loaded
from a local lock file; no snapshot, no precompressed files, no early start. The page sends one
validated input as soon as the worker is ready and keeps the time stamps in ``window.__bench``.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import shutil
import zipfile
from pathlib import Path

RUNTIME = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
DEPS = ("pydantic", "pydantic-core", "typing-extensions", "annotated-types", "typing-inspection")

PKG_SOURCE = '''
from pydantic import BaseModel, Field, ValidationError


class Order(BaseModel):
    value_eur: float = Field(ge=0, le=1e12)
    months: int = Field(ge=1, le=600)
    kind: str = Field(pattern="^(dienst|werk|levering)$")


def run(payload):
    try:
        order = Order.model_validate(payload)
    except ValidationError as exc:
        return {"ok": False, "errors": [{"field": ".".join(map(str, e["loc"])), "message": e["msg"]} for e in exc.errors()]}
    return {"ok": True, "per_year": round(order.value_eur / order.months * 12, 2)}
'''

WORKER = """
import { loadPyodide } from "./pyodide/pyodide.mjs";
const base = new URL("./pyodide/", import.meta.url).href;
const queue = [];
let run = null;
self.onmessage = (e) => (run ? answer(e.data) : queue.push(e.data));
function answer(msg) {
  self.postMessage({ id: msg.id, value: JSON.parse(run(JSON.stringify(msg.payload))) });
}
const py = await loadPyodide({ indexURL: base, lockFileURL: base + "pyodide-lock.json", packageBaseUrl: base });
await py.loadPackage("bench-pkg", { messageCallback: () => {} });
run = py.runPython("import json, bench_pkg\\ndef _r(s):\\n    return json.dumps(bench_pkg.run(json.loads(s)))\\n_r");
self.postMessage({ ready: true });
for (const msg of queue.splice(0)) answer(msg);
"""

MAIN = """
const B = (window.__bench = {});
const out = document.getElementById("out");
const value = document.getElementById("value");
const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
const waiting = new Map();
let next = 1;
function run(payload) {
  const id = next++;
  return new Promise((resolve) => { waiting.set(id, resolve); worker.postMessage({ id, payload }); });
}
worker.onmessage = (e) => {
  if (e.data.ready) { B.ready = performance.now(); value.disabled = false; return; }
  const done = waiting.get(e.data.id); waiting.delete(e.data.id); done(e.data.value);
};
function show(result) { out.textContent = result.ok ? "Per jaar: " + result.per_year : "Fout"; }
run({ value_eur: Number(value.value), months: 36, kind: "dienst" }).then((r) => { show(r); B.first = performance.now(); });
window.__recalc = async (n) => {
  const times = [];
  for (let i = 1; i <= n; i++) {
    const t = performance.now();
    value.value = String(1200000 + i * 1000);
    show(await run({ value_eur: Number(value.value), months: 36, kind: "dienst" }));
    times.push(performance.now() - t);
  }
  return times;
};
"""

PAGE = """<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Basislijn</title>
<script type="module" src="main.js"></script></head>
<body><label for="value">Waarde</label> <input id="value" type="number" value="1200000" disabled>
<p id="out" role="status"></p></body></html>
"""


def _wheel() -> tuple[str, bytes]:
    name, version = "bench_pkg", "0.1.0"
    files = {
        f"{name}/__init__.py": PKG_SOURCE.encode(),
        f"{name}-{version}.dist-info/METADATA":
            f"Metadata-Version: 2.1\nName: bench-pkg\nVersion: {version}\nRequires-Dist: pydantic\n".encode(),
        f"{name}-{version}.dist-info/WHEEL": b"Wheel-Version: 1.0\nGenerator: bench\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = []
    for path, data in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{path},sha256={digest},{len(data)}")
    record.append(f"{name}-{version}.dist-info/RECORD,,")
    files[f"{name}-{version}.dist-info/RECORD"] = ("\n".join(record) + "\n").encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for path, data in files.items():
            zf.writestr(zipfile.ZipInfo(path, (1980, 1, 1, 0, 0, 0)), data)
    return f"{name}-{version}-py3-none-any.whl", buf.getvalue()


def build(runtime: Path, site_pyodide: Path, out: Path) -> Path:
    """Write the baseline page into ``out``: Pyodide's runtime as shipped (``runtime``: its npm package;
    not the site's standard library, which has modules compiled ahead) and the wheels from the site's
    prepared ``docs/pyodide`` folder."""
    (out / "pyodide").mkdir(parents=True, exist_ok=True)
    for name in RUNTIME:
        shutil.copy2(runtime / name, out / "pyodide" / name)
    lock = json.loads((site_pyodide / "pyodide-lock.json").read_text(encoding="utf-8"))
    packages = {k: v for k, v in lock["packages"].items() if k in DEPS}
    for entry in packages.values():
        shutil.copy2(site_pyodide / entry["file_name"], out / "pyodide" / entry["file_name"])
    wheel_name, data = _wheel()
    (out / "pyodide" / wheel_name).write_bytes(data)
    packages["bench-pkg"] = {
        "name": "bench-pkg", "version": "0.1.0", "file_name": wheel_name, "install_dir": "site",
        "sha256": hashlib.sha256(data).hexdigest(), "package_type": "package", "imports": ["bench_pkg"],
        "depends": ["pydantic"], "unvendored_tests": False,
    }
    lock["packages"] = packages
    (out / "pyodide" / "pyodide-lock.json").write_text(json.dumps(lock, indent=1), encoding="utf-8")
    (out / "worker.js").write_text(WORKER, encoding="utf-8")
    (out / "main.js").write_text(MAIN, encoding="utf-8")
    (out / "index.html").write_text(PAGE, encoding="utf-8")
    return out
