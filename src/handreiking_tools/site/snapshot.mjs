// Build-time Pyodide memory snapshot (run by `handreiking-tools prepare` through site/speed.py).
//   node snapshot.mjs PYODIDE_DIR OUT_FILE '{"wheels": [...], "modules": [...]}'
// Starts the site's own Pyodide runtime under Node with _makeSnapshot, unpacks the given pure-Python
// wheels into site-packages, imports the given modules, and writes the interpreter's memory, gzipped,
// so the browser worker skips Python's start-up and those imports.
// The wheels are unpacked by Python's zipfile, not by pyodide.loadPackage: loadPackage leaves
// JavaScript objects behind that a snapshot cannot hold. Their files live outside the snapshot
// (the file system is JavaScript memory); the worker's loadPackage puts them back, and the modules
// imported here stay imported. pydantic and our own package are NOT in the snapshot: importing
// pydantic loads pydantic_core, a dynamic library whose code lives outside the memory a snapshot holds.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { pathToFileURL } from "node:url";

const [dir, out, configJson] = process.argv.slice(2);
const { wheels = [], modules = [] } = JSON.parse(configJson || "{}");
const base = path.resolve(dir) + "/";
const { loadPyodide } = await import(pathToFileURL(base + "pyodide.mjs").href);
const py = await loadPyodide({ indexURL: base, lockFileURL: base + "pyodide-lock.json", packageBaseUrl: base, _makeSnapshot: true });
for (const wheel of wheels) py.FS.writeFile("/tmp/" + path.basename(wheel), fs.readFileSync(base + wheel));
py.runPython(`
def _preload(wheels, modules):
    import gc, importlib, os, sysconfig, zipfile

    for wheel in wheels:
        with zipfile.ZipFile("/tmp/" + wheel) as zf:
            zf.extractall(sysconfig.get_paths()["purelib"])
        os.remove("/tmp/" + wheel)
    importlib.invalidate_caches()
    for name in modules:
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    gc.collect()


_preload(${JSON.stringify(wheels.map((w) => path.basename(w)))}, ${JSON.stringify(modules)})
del _preload
`);
const snap = py.makeMemorySnapshot();
const tmp = out + ".tmp";
fs.writeFileSync(tmp, zlib.gzipSync(snap, { level: 9 }));
fs.renameSync(tmp, out);
console.log(JSON.stringify({ bytes: snap.length }));
