// Build-time Pyodide memory snapshot (run by `handreiking-tools prepare` through site/speed.py).
//   node snapshot.mjs PYODIDE_DIR OUT_FILE
// Starts the site's own Pyodide runtime under Node with _makeSnapshot, and writes the interpreter's
// memory right after start-up, gzipped, so the browser worker can skip Python's start-up.
// Packages are NOT in the snapshot: pydantic_core is a dynamic library, whose loaded code lives
// outside the memory a snapshot holds; the worker loads the wheels after restoring, as usual.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { pathToFileURL } from "node:url";

const [dir, out] = process.argv.slice(2);
const base = path.resolve(dir) + "/";
const { loadPyodide } = await import(pathToFileURL(base + "pyodide.mjs").href);
const py = await loadPyodide({ indexURL: base, lockFileURL: base + "pyodide-lock.json", packageBaseUrl: base, _makeSnapshot: true });
const snap = py.makeMemorySnapshot();
const tmp = out + ".tmp";
fs.writeFileSync(tmp, zlib.gzipSync(snap, { level: 9 }));
fs.renameSync(tmp, out);
console.log(JSON.stringify({ bytes: snap.length }));
