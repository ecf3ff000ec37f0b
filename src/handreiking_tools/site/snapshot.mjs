// Build-time Pyodide memory snapshot (run by `handreiking-tools prepare` through site/speed.py).
//   node snapshot.mjs PYODIDE_DIR OUT_FILE '{"wheels": [...], "dynlibs": [...], "modules": [...], "warm": true, "examples": {...}}'
// Starts the site's own Pyodide runtime under Node with _makeSnapshot, unpacks the given wheels into
// site-packages, imports the given modules and, with "warm", our core (handreiking_tools.api.warm_up:
// pydantic, pydantic_core, every tool's models and a first answer to each of the "examples", which
// reads the tools' data files), then writes the interpreter's memory, gzipped, so the browser worker
// skips Python's start-up and all that work.
//
// pydantic_core is a dynamic library (a wasm module of its own). Its code lives outside the memory
// a snapshot holds, its data inside. It is loaded here the way Cloudflare's workerd does it
// (src/pyodide/internal/snapshot.ts, preloadDynamicLibs): before the runtime starts (an Emscripten
// preRun), when its data goes just above the main program's static data instead of into the heap,
// and its functions into the table right after the main program's. The worker loads it at the same
// moment of its own start, so both land at the same place, and the snapshot's memory fits them.
// Printed on stdout: {"bytes", "dynlibs": [{wheel, member, path, heapBase, heapEnd, tableBase, tableEnd, handles}], "table"},
// which speed.py keeps in snapshot.json; the worker refuses the snapshot when its own numbers differ.
//
// Two more uses, for the site's python_stdlib.zip (Pyodide's own, cut to the modules a start imports,
// each compiled ahead, a .pyc in place of its .py, so a start without the snapshot does not compile them):
// - "stdlib": "list": the same run, but instead of a snapshot it prints {"members": [...]}, the zip members
//   of the standard-library modules it imported (Pyodide's start, the preload, our core's warm-up);
// - "stdlib": "compile" with "members": a bare runtime (no wheels) writes the zip to OUT_FILE with only
//   those members, compiled, and every other module's source to python_stdlib_rest.zip beside it (listed
//   in python_stdlib_rest.txt in the first, which also gets stdlib_rest.py, the worker's finder for the
//   second, compiled as _stdlib_rest); printed {"compiled", "rest"}. Bare, so the bytes depend only on
//   the runtime, its zip, the list and stdlib_rest.py, not on our wheels: a new core keeps the runtime's
//   folder name (site/versioning.py), and a returning reader does not fetch the runtime again.
//
// The wheels are unpacked by Python's zipfile, not by pyodide.loadPackage: loadPackage leaves
// JavaScript objects behind that a snapshot cannot hold. Their files live outside the snapshot
// (the file system is JavaScript memory); the worker's loadPackage puts them back, and the modules
// imported here stay imported.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { pathToFileURL } from "node:url";

const [dir, out, configJson] = process.argv.slice(2);
const { wheels = [], dynlibs = [], modules = [], warm = false, examples = {}, stdlib = "", members = [] } = JSON.parse(configJson || "{}");
const base = path.resolve(dir) + "/";
// The second zip of the standard library (compile mode), written beside OUT_FILE (speed.py: STDLIB_REST).
const REST = "python_stdlib_rest.zip";
// Goes into the first zip as _stdlib_rest (compile mode): the worker's finder for the second.
const FINDER = new URL("stdlib_rest.py", import.meta.url);

// One member of a zip file (a wheel), by its name: stored or deflated.
function zipMember(zip, name) {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error("not a zip file");
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const nameLength = zip.readUInt16LE(at + 28);
    const entry = zip.toString("utf8", at + 46, at + 46 + nameLength);
    if (entry === name) {
      const method = zip.readUInt16LE(at + 10);
      const size = zip.readUInt32LE(at + 20);
      const local = zip.readUInt32LE(at + 42);
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return method === 0 ? data : zlib.inflateRawSync(data);
    }
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  throw new Error(`${name} is not in the wheel`);
}

// Free table slots left before each library. A browser can take a slot or two more than Node before
// the runtime starts (Pyodide's call trampoline needs wasm features that Node 20 lacks); the worker
// fills the gap to the recorded table base, and refuses a runtime that took more.
const TABLE_SLACK = 16;
const libs = dynlibs.map((lib) => ({ ...lib, module: new WebAssembly.Module(zipMember(fs.readFileSync(base + lib.wheel), lib.member)) }));
const loaded = [];

// The same steps as preloadDynlibs in docs/assets/js/engine-worker.js (without the handles, which
// only exist after Python has opened the library). The worker also evens out a WebKit quirk there
// (sameObjects: a table's function is another object than the same export), which Node does not have.
function preload(Module) {
  for (const lib of libs) {
    const libPath = `${Module.API.sitePackages}/${lib.member}`;
    const heapBase = Module.getMemory(0); // the next free byte above the static data; takes nothing
    Module.wasmTable.grow(TABLE_SLACK);
    const tableBase = Module.wasmTable.length;
    const dso = Module.newDSO(libPath, undefined, "loading");
    dso.refcount = Infinity;
    dso.global = false;
    dso.exports = Module.loadWebAssemblyModule(lib.module, {}, libPath, {});
    loaded.push({ wheel: lib.wheel, member: lib.member, path: libPath, heapBase, heapEnd: Module.getMemory(0), tableBase, tableEnd: Module.wasmTable.length });
  }
}

const { loadPyodide } = await import(pathToFileURL(base + "pyodide.mjs").href);
const factory = (await import(pathToFileURL(base + "pyodide.asm.mjs").href)).default;
const createPyodideModule = (settings) => factory({ ...settings, preRun: [...(settings.preRun || []), preload] });
const py = await loadPyodide({
  indexURL: base, lockFileURL: base + "pyodide-lock.json", packageBaseUrl: base, _makeSnapshot: true, createPyodideModule,
});
for (const wheel of wheels) py.FS.writeFile("/tmp/" + path.basename(wheel), fs.readFileSync(base + wheel));
py.runPython(`
def _preload(wheels, modules, warm, examples):
    import gc, importlib, json, os, sys, sysconfig, zipfile

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
    if warm:
        from handreiking_tools import api

        api.warm_up(json.loads(examples))
    gc.collect()


_preload(${JSON.stringify(wheels.map((w) => path.basename(w)))}, ${JSON.stringify(modules)}, ${warm ? "True" : "False"},
         ${JSON.stringify(JSON.stringify(examples))})
del _preload
`);
if (stdlib === "list") {
  console.log(py.runPython(`
def _imported():
    import json, sys

    prefix = next(p for p in sys.path if p.endswith(".zip")) + "/"
    found = set()
    for module in list(sys.modules.values()):
        origin = getattr(getattr(module, "__spec__", None), "origin", None) or ""
        if origin.startswith(prefix) and origin.endswith(".py"):
            found.add(origin[len(prefix):])
    return json.dumps({"members": sorted(found)})


_imported()
`));
  process.exit(0);
}
if (stdlib === "compile") {
  // A hash-based .pyc that is never checked against a source (there is none beside it in the zip):
  // its header does not depend on the time of the build. Compiled as the import system would compile
  // the source, under the same file name (tracebacks name the module's .py).
  // The modules no start imports go, as source, into a second zip beside it (REST): the worker fetches
  // that one after the first result and imports from it through a finder of its own.
  const counts = py.runPython(`
def _compile_stdlib(members, out, rest_out, finder):
    import importlib.util, marshal, sys, zipfile

    archive = next(p for p in sys.path if p.endswith(".zip"))

    def pyc(source, name):
        code = compile(source, archive + "/" + name, "exec", dont_inherit=True)
        return importlib.util.MAGIC_NUMBER + (0b01).to_bytes(4, "little") + importlib.util.source_hash(source) + marshal.dumps(code)

    compiled = rest = 0
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(out, "w") as dst, zipfile.ZipFile(rest_out, "w") as more:
        names = set(src.namelist())
        later = {n for n in names if n.endswith(".py") and n not in members}

        def with_package(name):  # a data file (tomllib/mypy.ini) goes with its package's __init__
            parts = name.split("/")[:-1]
            while parts and "/".join(parts) + "/__init__.py" not in names:
                parts.pop()
            return bool(parts) and "/".join(parts) + "/__init__.py" in later

        later |= {n for n in names if not n.endswith((".py", "/")) and with_package(n)}
        files = [n for n in names if not n.endswith("/")]
        for info in src.infolist():
            data = src.read(info)
            name = info.filename
            member = zipfile.ZipInfo(name + ("c" if name in members else ""), info.date_time)
            member.external_attr = info.external_attr
            if info.is_dir():
                # A folder goes where files of it go: a folder without an __init__ in the first zip would
                # make Python's own finder take a package of the second (say unittest) for an empty
                # namespace package, before the worker's finder is asked.
                below = [f for f in files if f.startswith(name)]
                if any(f not in later for f in below):
                    dst.writestr(member, data, zipfile.ZIP_STORED)
                if any(f in later for f in below):
                    more.writestr(member, data, zipfile.ZIP_STORED)
                continue
            target = dst
            if name in members:
                data = pyc(data, name)
                compiled += 1
            elif name in later:
                target = more
                rest += name.endswith(".py")
            target.writestr(member, data, zipfile.ZIP_DEFLATED, 9)
        # what the second zip holds, so the worker's finder fetches it only for a module that is in it
        # (not for one that Pyodide lacks, such as pwd, which tarfile tries at its import)
        listing = zipfile.ZipInfo("python_stdlib_rest.txt", (1980, 1, 1, 0, 0, 0))
        dst.writestr(listing, "\\n".join(more.namelist()) + "\\n", zipfile.ZIP_DEFLATED, 9)
        # and the finder that imports from the second zip (site/stdlib_rest.py), compiled like the rest
        dst.writestr(zipfile.ZipInfo("_stdlib_rest.pyc", (1980, 1, 1, 0, 0, 0)), pyc(finder.encode(), "_stdlib_rest.py"),
                     zipfile.ZIP_DEFLATED, 9)
    return [compiled, rest]


_compile_stdlib(set(${JSON.stringify(members)}), "/tmp/python_stdlib.zip", "/tmp/python_stdlib_rest.zip",
                ${JSON.stringify(fs.readFileSync(FINDER, "utf8"))})
`).toJs();
  for (const [from, to] of [["/tmp/python_stdlib.zip", out], ["/tmp/python_stdlib_rest.zip", path.join(path.dirname(out), REST)]]) {
    const tmp = to + ".tmp";
    fs.writeFileSync(tmp, py.FS.readFile(from));
    fs.renameSync(tmp, to);
  }
  console.log(JSON.stringify({ compiled: counts[0], rest: counts[1] }));
  process.exit(0);
}
// The dlopen handles Python holds (their records live in the snapshot's memory; the worker tells
// Emscripten's loader about them again after the restore).
for (const lib of loaded) {
  lib.handles = Object.entries(py._module.LDSO.loadedLibsByHandle)
    .filter(([handle, dso]) => Number(handle) !== 0 && dso.name === lib.path)
    .map(([handle]) => Number(handle));
}
// The function table's length now: slots past the libraries that the snapshot's memory may name (for
// instance a module's init function that dlsym added); the worker keeps them free after a restore.
const table = py._module.wasmTable.length;
const snap = py.makeMemorySnapshot();
const tmp = out + ".tmp";
fs.writeFileSync(tmp, zlib.gzipSync(snap, { level: 9 }));
fs.renameSync(tmp, out);
console.log(JSON.stringify({ bytes: snap.length, dynlibs: loaded, table }));
