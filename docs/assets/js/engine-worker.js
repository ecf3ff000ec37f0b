// Web Worker (module): runs Pyodide with handreiking_tools, loaded from the site itself.
//
// Protocol (engine.js is the only client):
//   in:  {id, op: "run", name, payload} | {id, op: "parse", bytes, filename} | {id, op: "export", result}
//   out: {type: "status", state: "loading" | "ready" | "error", message, detail?}
//        {type: "reply", id, ok: true, value} | {type: "reply", id, ok: false, message, detail}
// Every URL is relative to this file, so the site works under any sub-path and never asks
// another host for anything.

// The moments the start reaches each step ({name, at}: performance.timeOrigin + now(), so the page
// can turn them into ms since its own navigation), sent with the "ready" status for the benchmark.
const phases = [];
function phase(name) {
  phases.push({ name, at: performance.timeOrigin + performance.now() });
}
phase("worker module start");

const BASE = new URL("../../pyodide/", import.meta.url);
// The site root, where the links of a result's view start (the view is drawn here, in Python).
const SITE_ROOT = new URL("../../", import.meta.url).href;
// The runtime folder and the names of the JSON files in BASE. `make site` (site/versioning.py) fills
// in names that change with the content, so a file a browser keeps for a year never meets a file of
// another version; a plain `mkdocs build` keeps these, the names prepare writes. "" = not there.
const FILES = {"lock": "pyodide-lock.json", "profile": "site-profile.json", "runtime": "", "snapshot": "snapshot.json"};
const RUNTIME = new URL(FILES.runtime, BASE);

const TEXT = {
  loading: "De rekenhulp wordt geladen…",
  starting: "De rekenhulp wordt gestart…",
  packages: "Rekenregels worden geladen…",
  ready: "Klaar",
  noWasm: "Je browser kan de rekenhulp niet uitvoeren, omdat WebAssembly ontbreekt of uit staat. Gebruik een recente versie van Firefox, Chrome, Edge of Safari.",
  loadFailed: "De rekenhulp kon niet worden geladen. Probeer het opnieuw. Lukt het niet, meld het dan aan de beheerder van de site.",
  callFailed: "Er ging iets mis in de rekenhulp. Probeer het opnieuw. Lukt het niet, meld het dan aan de beheerder van de site.",
};

// Python side of the bridge: JSON strings in and out, so no proxies outlive a call.
const GLUE = `
import json
from handreiking_tools import api as _api
from handreiking_tools.profile import Profiles as _Profiles

# The site's policy profiles (set once by register_site_profile, before the first run).
_profiles = _Profiles()

# Every tool's models, built now rather than on the reader's first input; after a restore from the
# snapshot (site/snapshot.mjs runs the same warm_up at build time) there is nothing left to do.
_api.warm_up()


def _plain(obj):
    if hasattr(obj, "model_dump"):
        return obj.model_dump(mode="json")
    if isinstance(obj, (set, frozenset)):
        return sorted(obj)
    raise TypeError(f"not JSON-ready: {type(obj).__name__}")


def run_json(name, payload_json, root):
    # The result and its view (html, text, short) in one round trip; links start from the site root.
    return json.dumps(_api.run_and_render(name, json.loads(payload_json), _profiles, root), ensure_ascii=False,
                      default=_plain)


def parse_contracts_json(data, filename):
    from handreiking_tools.tools.shortlist import io as contracts_io

    raw = data.to_bytes() if hasattr(data, "to_bytes") else bytes(data)
    result = contracts_io.parse_contracts(raw, filename)
    if isinstance(result, tuple) and len(result) == 2:
        result = {"contracts": result[0], "row_errors": result[1]}
    return json.dumps(result, ensure_ascii=False, default=_plain)


def register_site_profile(text):
    # The hosting organisation's own policy profile (validated at build time) becomes the default.
    global _profiles
    data = json.loads(text).get("profile") if text else None
    _profiles = _Profiles.with_own(data or None)


def export_ranking_csv(result_json):
    from handreiking_tools.tools.shortlist import io as contracts_io

    return contracts_io.export_ranking_csv(json.loads(result_json))
`;

let pyodide = null;
let glue = null;

// ---- The rest of the standard library
// python_stdlib.zip holds only the modules a start imports (site/speed.py); the others, about half its
// bytes, are in python_stdlib_rest.zip, which this worker fetches after the first reply, so a first
// visit over a slow line does not wait for them. The finder _stdlib_rest (site/stdlib_rest.py, compiled
// into the first zip and imported by the snapshot), installed before Python imports anything else, looks
// up a module that the first zip lists as in the second there; while that zip is not here yet, restNow
// fetches it there and then (a synchronous request, which a worker may make), so an import never fails
// for want of it.
const REST = new URL("python_stdlib_rest.zip", RUNTIME);
const REST_PATH = "/lib/python_stdlib_rest.zip";
let restIn = false; // written to REST_PATH (by the background fetch or by restNow, whichever came first)

function writeRest(bytes) {
  if (restIn) return;
  pyodide.FS.writeFile(REST_PATH, bytes);
  restIn = true;
}

// For the finder: the second zip now, if it is not here yet; whether it is.
function restNow() {
  if (restIn) return true;
  try {
    const xhr = new XMLHttpRequest();
    xhr.open("GET", REST.href, false);
    xhr.responseType = "arraybuffer";
    xhr.send();
    if (xhr.status !== 200) return false;
    writeRest(new Uint8Array(xhr.response));
    return true;
  } catch {
    return false; // offline without a copy: the import fails as it would without the finder
  }
}

function installRestFinder() {
  let finder;
  try {
    finder = pyodide.pyimport("_stdlib_rest");
  } catch {
    return; // a build without the split (Pyodide's own zip, whole): nothing to find elsewhere
  }
  finder.install(REST_PATH, restNow).destroy();
  finder.destroy();
}

// Fetched once, after the first reply (or a second after "ready", on a page that asks nothing yet),
// so it does not share a slow line with the files of the first result.
/** @type {(value?: unknown) => void} */
let firstReplied = () => {};
const firstReply = new Promise((resolve) => {
  firstReplied = resolve;
});
const REST_WAIT_MS = 1000;
const restFetched = firstReply.then(async () => {
  try {
    const response = await networkFetch(REST);
    if (response.ok) writeRest(new Uint8Array(await response.arrayBuffer()));
  } catch {
    // the finder fetches it when a module is asked for
  }
});

function status(state, message, detail, start, extra = {}) {
  self.postMessage({ type: "status", state, message, detail, start, ...extra });
}

// The interpreter's memory after start-up, with pydantic and our core imported and every tool's models
// built, made at build time (site/speed.py, site/snapshot.mjs): restoring it skips all that work.
// snapshot.json lists its parts (one gzip
// stream, so any host can serve them as is) and the size of the unpacked image; the parts' names
// change with their content, so an old snapshot is never mixed with new files.
// - Revisit: the parts are taken from the browser's cache.
// - First visit: the parts are fetched before the start only when the network is fast enough that
//   they arrive within FIRST_VISIT_BUDGET_MS (measured on the runtime's own standard library, which
//   is needed anyway). On a slower network Python starts normally and the parts are fetched in the
//   background once the engine is ready, for the next visit.
// Restoring saves about two seconds of work over a normal start on a two-core laptop (Python's start,
// loading pydantic_core, importing pydantic and our core, building the models; more on slower
// devices), so a second of extra download is a safe bet.
const FIRST_VISIT_BUDGET_MS = 1000;
const SAMPLE = new URL("python_stdlib.zip", RUNTIME); // about 3 MB, a zip: no host compresses it again

async function snapshotManifest() {
  try {
    if (!FILES.snapshot) return { parts: [], bytes: 0, unpacked: 0 };
    const response = await fetch(new URL(FILES.snapshot, BASE));
    const data = response.ok ? await response.json() : {};
    const parts = Array.isArray(data.parts) ? data.parts.map((name) => new URL(name, BASE)) : [];
    const dynlibs = Array.isArray(data.dynlibs) ? data.dynlibs : [];
    const unpacked = Number.isSafeInteger(data.unpacked) && data.unpacked > 0 ? data.unpacked : 0;
    return { parts, bytes: Number(data.bytes) || 0, unpacked, dynlibs, table: Number(data.table) || 0 };
  } catch {
    return { parts: [], bytes: 0, unpacked: 0, dynlibs: [], table: 0 };
  }
}

// ---- A snapshot this browser cannot take
// Whether a snapshot fits is a matter of the browser, not of chance: a runtime that puts another number
// of functions in the table before the libraries load than Node did when the build made the snapshot
// cannot have pydantic_core where the snapshot has it (preloadDynlibs). WebKit did, until sameObjects
// below. Finding that out costs a start reading and unpacking the parts and instantiating the runtime a
// second time (in WebKitGTK about a second), on every visit. So a misfit is remembered in this browser
// (IndexedDB, for that snapshot only; a site with a new snapshot is tried again), and a later start goes
// the normal way at once, without reading a part or fetching them for a next visit. A part that fails,
// stalls or unpacks wrong is not remembered: that may go right next time.
const MISFIT_DB = "handreiking-rekenhulp";
const MISFIT_WAIT_MS = 250; // a store that does not answer by then counts as "nothing remembered"
let misfitSeen = false; // set by preloadDynlibs when a library does not fit

// The snapshot's own name: its parts' names without the part number (they change with the content).
function snapshotTag(manifest) {
  const name = manifest.parts.length ? manifest.parts[0].pathname.split("/").pop() : "";
  return name.replace(/-\d+\.bin$/, "");
}

// One request on the store (`use` gets the object store and returns the request): its result, or
// undefined when IndexedDB is missing, refuses (some private windows) or takes longer than MISFIT_WAIT_MS.
function misfitStore(mode, use) {
  const asked = new Promise((resolve) => {
    try {
      const open = indexedDB.open(MISFIT_DB, 1);
      open.onupgradeneeded = () => open.result.createObjectStore("snapshot");
      open.onerror = () => resolve(undefined);
      open.onsuccess = () => {
        const db = open.result;
        const done = (value) => {
          db.close();
          resolve(value);
        };
        try {
          const transaction = db.transaction("snapshot", mode);
          const request = use(transaction.objectStore("snapshot"));
          transaction.oncomplete = () => done(request.result);
          transaction.onerror = transaction.onabort = () => done(undefined);
        } catch {
          done(undefined);
        }
      };
    } catch {
      resolve(undefined);
    }
  });
  return Promise.race([asked, new Promise((resolve) => setTimeout(resolve, MISFIT_WAIT_MS))]);
}

// The tag of the snapshot this browser refused last (undefined if none); read while the manifest comes.
const misfitTag = () => misfitStore("readonly", (store) => store.get("misfit"));

function rememberMisfit(manifest) {
  const tag = snapshotTag(manifest);
  if (tag) misfitStore("readwrite", (store) => store.put(tag, "misfit"));
}

// ---- Dynamic libraries in the snapshot (pydantic_core)
// The snapshot holds pydantic_core imported, and so the data of its wasm module; the module's code is
// not in it. As in Cloudflare's workerd (src/pyodide/internal/snapshot.ts, preloadDynamicLibs), the
// module is loaded before the runtime starts (an Emscripten preRun), the same moment site/snapshot.mjs
// loaded it when it made the snapshot: its data goes just above the main program's static data and its
// functions right after the main program's in the table, both at the places snapshot.json records.
// Restoring the memory then puts the module's data back as Python left it, and Emscripten's loader
// is told about the dlopen handles Python holds. Any place that differs refuses the snapshot (and
// the start goes the normal way) instead of running code against memory that does not fit it.

// The members of a zip file (a wheel): name, compression method and the bytes as stored.
function zipEntries(zip) {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) throw new Error("not a zip file");
  let at = view.getUint32(end + 16, true);
  const decoder = new TextDecoder();
  const entries = [];
  for (let i = 0; i < view.getUint16(end + 10, true); i++) {
    const nameLength = view.getUint16(at + 28, true);
    const size = view.getUint32(at + 20, true);
    const local = view.getUint32(at + 42, true);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    entries.push({
      name: decoder.decode(zip.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      data: zip.subarray(start, start + size),
    });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

// A member's content: a stored one as it is (no copy), a deflated one unpacked by the browser.
async function memberBytes(entry) {
  if (entry.method === 0) return entry.data;
  if (entry.method !== 8) throw new Error(`${entry.name}: zip method ${entry.method}`);
  const plain = new Blob([entry.data]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(plain).arrayBuffer());
}

// The compiled wasm module of each library the snapshot needs, from its wheel.
function compileDynlibs(dynlibs) {
  return Promise.all(dynlibs.map(async (lib) => {
    const response = await fetch(new URL(lib.wheel, BASE));
    if (!response.ok) throw new Error(`${lib.wheel}: HTTP ${response.status}`);
    const zip = new Uint8Array(await response.arrayBuffer());
    const entry = zipEntries(zip).find((e) => e.name === lib.member);
    if (!entry) throw new Error(`${lib.member} is not in ${lib.wheel}`);
    const bytes = await memberBytes(entry);
    // The bytes are kept: writeFiles puts them in the file system as the library's file.
    return { ...lib, bytes, module: await WebAssembly.compile(bytes) };
  }));
}

// One object per wasm function, as Emscripten expects (WebKit). JavaScriptCore gives a function read from
// a wasm table as another object than the same function read from its module's exports; V8 and
// SpiderMonkey give one object (a check: tiny wasm module, table.get(0) === exports.f). Emscripten finds a
// function's table slot by that object (updateGOT, addFunction): in WebKit it misses each exported function
// that is in the table already and gives it one more slot, 957 for Python's runtime, so the table no longer
// has the layout of the build that made the snapshot, and the snapshot could not be used there. Emscripten
// is handed the exports as the table's objects instead: a wasm function's name is its index in its module
// (digits only), the same in both. `from`, `to`: the table slots of this module's own functions.
const WASM_FUNCTION_NAME = /^\d+$/;
// Whether this browser gives one object already: a module of 53 bytes with one function f (returns 42),
// put in its table t and exported.
const ONE_OBJECT = (() => {
  try {
    const bytes = Uint8Array.of(0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 127, 3, 2, 1, 0, 4, 4, 1, 112, 0, 1,
      7, 9, 2, 1, 102, 0, 0, 1, 116, 1, 0, 9, 7, 1, 0, 65, 0, 11, 1, 0, 10, 6, 1, 4, 0, 65, 42, 11);
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes));
    return /** @type {WebAssembly.Table} */ (exports.t).get(0) === exports.f;
  } catch {
    return false; // then sameObjects does the work, which costs a little and changes nothing
  }
})();
function sameObjects(exports, table, from, to) {
  const inTable = new Map();
  for (let i = from; i < to; i++) {
    const f = table.get(i);
    if (typeof f === "function" && WASM_FUNCTION_NAME.test(f.name)) inTable.set(f.name, f);
  }
  const out = {};
  let swapped = 0;
  for (const [name, value] of Object.entries(exports)) {
    const same = typeof value === "function" && WASM_FUNCTION_NAME.test(value.name) ? inTable.get(value.name) : undefined;
    if (same !== undefined && same !== value) swapped++;
    out[name] = same ?? value;
  }
  return swapped ? out : exports;
}

// Pyodide's instantiateWasm for the runtime, handing Emscripten the exports as sameObjects makes them
// (Pyodide's own, untouched, in a browser that gives one object already).
function runtimeWithSameObjects(instantiateWasm) {
  if (ONE_OBJECT || typeof instantiateWasm !== "function") return instantiateWasm;
  return (imports, receive) => instantiateWasm(imports, (instance, module) => {
    const table = instance.exports.__indirect_function_table;
    const exports = table instanceof WebAssembly.Table ? sameObjects(instance.exports, table, 0, table.length) : instance.exports;
    receive(exports === instance.exports ? instance : { exports }, module);
  });
}

// `load()` with every wasm instance it makes (Emscripten's loader of a library makes one, at once) handing
// out its exports as sameObjects makes them (just `load()` in a browser that gives one object already).
function librariesWithSameObjects(table, load) {
  if (ONE_OBJECT) return load();
  const Instance = WebAssembly.Instance;
  const from = table.length;
  // A constructor that returns an object: `new` gives that object.
  function SameObjectsInstance(module, imports) {
    const instance = new Instance(module, imports);
    const exports = sameObjects(instance.exports, table, from, table.length);
    return exports === instance.exports ? instance : { exports };
  }
  WebAssembly.Instance = /** @type {typeof WebAssembly.Instance} */ (/** @type {unknown} */ (SameObjectsInstance));
  try {
    return load();
  } finally {
    WebAssembly.Instance = Instance;
  }
}

// An Emscripten preRun: runs after the main wasm module is instantiated, before the runtime starts.
// `size`: the snapshot's length. Pyodide asks for that much memory (INITIAL_MEMORY), but this build
// of its runtime ignores the setting, and a snapshot with our models is larger than the initial
// 30 MB; the restore would not fit. Growing the memory here is what that setting should have done.
function preloadDynlibs(libs, size) {
  return (Module) => {
    if (size > Module.HEAP8.length && !Module._emscripten_resize_heap(size)) {
      throw new Error(`no room for a snapshot of ${size} bytes`);
    }
    trampoline.save(Module);
    for (const lib of libs) {
      const path = `${Module.API.sitePackages}/${lib.member}`;
      const place = () => ({ path, heapBase: Module.getMemory(0), tableBase: Module.wasmTable.length });
      const before = place();
      // The build left a few empty table slots before the library (a browser may take one or two more
      // than Node before this moment); fill them to the same table base.
      if (before.path !== lib.path || before.heapBase !== lib.heapBase || !(before.tableBase <= lib.tableBase)) {
        misfitSeen = true;
        throw new Error(`${lib.member} does not fit the snapshot: ${JSON.stringify(before)}`);
      }
      Module.wasmTable.grow(lib.tableBase - before.tableBase);
      const dso = Module.newDSO(path, undefined, "loading");
      dso.refcount = Infinity;
      dso.global = false;
      dso.exports = librariesWithSameObjects(Module.wasmTable, () => Module.loadWebAssemblyModule(lib.module, {}, path, {}));
      const after = place();
      if (after.heapBase !== lib.heapEnd || after.tableBase !== lib.tableEnd) {
        misfitSeen = true;
        throw new Error(`${lib.member} does not fit the snapshot: ${JSON.stringify(after)}`);
      }
      for (const handle of lib.handles || []) Module.LDSO.loadedLibsByHandle[handle] = dso;
    }
  };
}

// Python calls C functions through a small wasm "trampoline" when the browser supports it (Chromium
// does, Node 20, which makes the snapshot, does not), and through JavaScript otherwise, which is
// slower. The runtime stores its choice in Python's memory before the libraries load, and the restore
// overwrites it with the build's "none": put this browser's choice back.
const trampoline = {
  value: 0,
  address: (Module) => Module.__PyRuntime + Module.HEAP32[Module.__PyEM_EMSCRIPTEN_TRAMPOLINE_OFFSET >> 2],
  save(Module) {
    if (typeof Module.__PyRuntime === "number" && typeof Module.__PyEM_EMSCRIPTEN_TRAMPOLINE_OFFSET === "number") {
      this.value = Module.HEAP32[this.address(Module) >> 2];
    }
  },
  restore(Module) {
    if (this.value && Module.HEAP32[this.address(Module) >> 2] === 0) Module.HEAP32[this.address(Module) >> 2] = this.value;
  },
};

// loadPyodide's createPyodideModule: Pyodide's own, with the libraries preloaded. Pyodide only
// restores the image (API.restoreSnapshot: one copy into the wasm memory) once this module is
// there, so the image may still be filling while the runtime's wasm is instantiated and its
// standard library and libraries load: the module is handed over when both are done, and a part
// that fails rejects it (loadPyodide then rejects, and Python starts the normal way).
// The libraries are compiled meanwhile too: the runtime waits for them (a run dependency) only
// after its own preRuns, the moment they must load.
async function moduleWithDynlibs(libs, filled) {
  const factory = (await runtimeScript()).default;
  return async (settings) => {
    let failed;
    const failure = new Promise((_, reject) => {
      failed = reject;
    });
    const preload = (Module) => {
      Module.addRunDependency("snapshot libraries");
      libs.then((compiled) => {
        preloadDynlibs(compiled, settings.INITIAL_MEMORY || 0)(Module);
        Module.removeRunDependency("snapshot libraries");
      }).catch(failed);
    };
    const module = factory({ ...settings, instantiateWasm: runtimeWithSameObjects(settings.instantiateWasm),
      preRun: [...(settings.preRun || []), preload] });
    return (await Promise.race([Promise.all([module, filled]), failure]))[0];
  };
}

// The runtime's wasm loader (1,2 MB of script), imported by cachedSnapshot as soon as the parts are
// found in the cache and before their bodies are read, so the runtime's wasm is instantiated while
// the image fills; a normal start gets the same module instance. (Not before: on a first visit it
// would share the network with the speed sample below.)
let runtimeImport = null;
function runtimeScript() {
  runtimeImport ||= import(new URL("pyodide.asm.mjs", RUNTIME).href);
  return runtimeImport;
}

// Every chunk of the parts' bodies, in order (`parts`: per part, a promise of an async iterable of
// its chunks); the phase marks the moment the last compressed byte is in.
async function* partChunks(parts) {
  for (const part of parts) yield* await part;
  phase("snapshot bytes read");
}

// A part's body, read from now on (all parts at once), its chunks kept until the unpacking asks for them.
function bodyChunks(response) {
  const chunks = [];
  let end = null;
  /** @type {(value?: unknown) => void} */
  let wake = () => {};
  if (!response.ok) end = { error: new Error(`snapshot part: HTTP ${response.status}`) };
  else {
    (async () => {
      const reader = response.body.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          chunks.push(value);
          wake();
        }
        end = {};
      } catch (error) {
        end = { error };
      }
      wake();
    })();
  }
  return (async function* () {
    for (let i = 0; ;) {
      if (i < chunks.length) {
        const chunk = chunks[i];
        chunks[i++] = undefined;
        yield chunk;
      } else if (end) {
        if (end.error) throw end.error;
        return;
      } else {
        await new Promise((resolve) => {
          wake = resolve;
        });
      }
    }
  })();
}

// The memory image ({image, filled}): `image` is an array of the size snapshot.json records, handed
// to Pyodide at once; `filled` resolves when the parts' chunks are unpacked into it, as they arrive
// (one gzip stream through one DecompressionStream, no copy of the whole on the way), and rejects
// when a part fails or the image does not come out at exactly that size (a broken or stale part).
// The offline copy (sw.js keeps the parts unpacked, so a revisit does no unpacking here), and a host
// that already undid the gzip (Content-Encoding on a file that starts with 1f 8b, then served plain),
// give the image itself: its bytes are copied in as they are.
function unpack(chunks, size) {
  const image = new Uint8Array(size);
  let at = 0;
  const put = (chunk) => {
    if (chunk.length > size - at) throw new Error(`snapshot larger than the ${size} bytes snapshot.json says`);
    image.set(chunk, at);
    at += chunk.length;
  };
  const filled = (async () => {
    const head = await chunks.next();
    if (head.done) throw new Error("snapshot: no data");
    if (head.value[0] === 0x1f && head.value[1] === 0x8b) {
      const input = new ReadableStream({
        start: (controller) => controller.enqueue(head.value),
        pull: async (controller) => {
          const { done, value } = await chunks.next();
          if (done) controller.close();
          else controller.enqueue(value);
        },
        cancel: () => chunks.return(),
      });
      const reader = input.pipeThrough(new DecompressionStream("gzip")).getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        put(value);
      }
    } else {
      put(head.value);
      for await (const chunk of chunks) put(chunk);
    }
    if (at !== size) throw new Error(`snapshot: ${at} of the ${size} bytes snapshot.json says`);
    phase("snapshot read");
  })();
  filled.catch(() => {}); // handled where loadPyodide awaits the module
  return { image, filled };
}

// The image being filled from the browser's cache when every part is in it, else null. It answers as
// soon as the cache has them, so the runtime's files load while the parts are read and unpacked.
async function cachedSnapshot(manifest) {
  try {
    const responses = await Promise.all(manifest.parts.map((url) => fetch(url, { cache: "only-if-cached", mode: "same-origin" })));
    if (!responses.every((r) => r.ok)) return null;
    // The runtime's script is read before the parts' bodies: read side by side, the 10 MB of parts held
    // it up until they were unpacked, and the runtime's wasm could only start to load after that.
    await runtimeScript().catch(() => {}); // a failure shows where moduleWithDynlibs awaits it
    return unpack(partChunks(responses.map(bodyChunks)), manifest.unpacked);
  } catch {
    return null;
  }
}

// Bytes per millisecond with which `url`'s body just came over the network, or 0 when it came from a
// cache, was revalidated, or cannot be measured. Timed from its first byte to its last (resource timing):
// the wait for a free connection (the page's own files go first) and for the server's answer say little
// about the line, and on a busy device they made a fast line look slow.
function networkRate(url) {
  // The fetch that went over the network (the runtime watch below fetches the same file; one of the two
  // is then answered from the cache).
  const entry = /** @type {PerformanceResourceTiming[]} */ (self.performance?.getEntriesByName?.(url.href) || [])
    .find((e) => e.encodedBodySize && e.transferSize >= e.encodedBodySize);
  if (!entry || !(entry.responseStart > 0)) return 0;
  return entry.encodedBodySize / Math.max(entry.responseEnd - entry.responseStart, 1);
}

// On a first visit: how long the snapshot's parts would take at the measured rate (ms; for the tests).
let firstVisitEstimate = null;
// Whether the standard library came whole as the first visit's sample.
let sampled = false;

async function firstVisitSnapshot(manifest) {
  try {
    const request = networkFetch(SAMPLE);
    shareWithRuntime(SAMPLE, request); // for loadPyodide (a private window's cache may have let it go)
    await (await request).arrayBuffer();
    sampled = true; // it came whole: no need to watch it
    const rate = networkRate(SAMPLE);
    firstVisitEstimate = rate ? Math.round(manifest.bytes / rate) : null;
    if (!rate || manifest.bytes / rate > FIRST_VISIT_BUDGET_MS) return null;
    // Each part is watched like a runtime file: one that fails or stands still rejects the bytes,
    // and loadPyodide's rejection below starts Python the normal way.
    // Each part is unpacked once it is whole (the next ones keep coming meanwhile).
    const parts = manifest.parts.map((url) => arrives(url, true));
    for (const part of parts) part.catch(() => {}); // the first failure rejects the image
    return unpack(partChunks(parts), manifest.unpacked);
  } catch {
    return null;
  }
}

// The snapshot to start from ({image, filled, libs, files}: the memory image, a promise that it is
// filled, a promise of the compiled libraries it needs and one of the wheels' files), or null for a
// normal start.
async function chooseSnapshot(manifest) {
  if (!manifest.parts.length || !manifest.unpacked || typeof DecompressionStream !== "function") return null;
  const chosen = (await cachedSnapshot(manifest)) || (await firstVisitSnapshot(manifest));
  if (!chosen) return null;
  const libs = compileDynlibs(manifest.dynlibs);
  libs.catch(() => {}); // handled where loadPyodide awaits it
  const files = wheelFiles(manifest.dynlibs, libs);
  files.catch(() => {}); // handled where boot awaits it (loadPackage then writes the files)
  return { ...chosen, libs, files, table: manifest.table };
}

function warmSnapshot(parts) {
  for (const url of parts) fetch(url).then((r) => r.arrayBuffer()).catch(() => {});
}

// A runtime file that fails or stalls must end in the Dutch failure message with "Opnieuw proberen",
// not in a status that never changes: Pyodide itself waits for ever on a file that does not come.
// Each file the start needs is fetched here as well (the browser's cache serves Pyodide the same
// response); an HTTP error, a network error, or STALL_MS without a single byte stops the start.
// A slow network is fine: only a transfer that stands still counts.
const STALL_MS = 15_000;
// Names in the runtime folder (RUNTIME, which `make site` versions); the lock file is watched apart, in BASE.
const RUNTIME_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"];
const LATE_FILES = ["pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"];
let runtimeFailed;
const runtimeFailure = new Promise((_, reject) => {
  runtimeFailed = reject;
});
runtimeFailure.catch(() => {}); // raced against the start below

// ---- The offline copy
// A site built with `make site` has a service worker (sw.js) that keeps a copy of every file under BASE
// in CacheStorage, each under a name that changes with its content (checked against its SHA-256 when it
// was stored), and answers their requests from that copy. This worker opens the copy itself: a request
// then skips the round trip through the service worker (for the 10 MB of snapshot parts and the wasm, in
// Chromium about 0,2 s of a warm start). A plain `mkdocs build` (FILES.runtime "") has no copy, and its
// names do not change with the content, so nothing is taken from a cache there. The copy is looked in
// only when a service worker controls the page (the page says so in this worker's name): the copy is
// then whole. On a first visit there is none, and asking CacheStorage before every file cost a first
// visit over a slow line about 0,6 s. A file that is not in the copy, or a browser that keeps
// CacheStorage closed (a private window in some browsers), goes to fetch as before.
const COPY = self.name === "rekenhulp (offline-kopie)";
const browserFetch = globalThis.fetch.bind(globalThis);
let fromCopy = 0; // how many files came from the copy (sent with "ready", for the tests and the bench)
async function offlineCopy(href) {
  if (!COPY || !FILES.runtime || !href.startsWith(BASE.href) || typeof caches === "undefined") return undefined;
  try {
    const hit = await caches.match(href);
    if (hit && hit.ok) {
      fromCopy++;
      return hit;
    }
  } catch {
    // CacheStorage refused (a security error): the network as usual
  }
  return undefined;
}

// fetch, with a file of the runtime from the offline copy when it is there.
async function networkFetch(input, init) {
  return (await offlineCopy(addressOf(input))) || browserFetch(input, init);
}

// One download for each large runtime file. Pyodide fetches the wasm and the standard library itself,
// right after the watch below (or the first visit's sample) asked for them. Mostly the browser's cache
// answers the second request, but a private window keeps a small cache in memory: it takes no file of
// about 10 MB, and the snapshot's parts can push out the standard library. From a host that sends the
// wasm uncompressed (9,6 MB) it came twice, the standard library up to three times. So the runtime
// gets a copy of the response already asked for (Response.clone: one download, read by both), once,
// when it asks for the same address with no options; any other request goes to the network as usual.
const SHARED_FILES = ["pyodide.asm.wasm", "python_stdlib.zip"];
const shared = new Map(); // address -> promise of the copy, until the runtime takes it or has started
function addressOf(input) {
  try {
    return input instanceof URL ? input.href : typeof input === "string" ? new URL(input, self.location.href).href : "";
  } catch {
    return ""; // not an address: the network says why
  }
}
globalThis.fetch = function (input, init) {
  const href = addressOf(input);
  const copy = href && !(init && Object.keys(init).length) ? shared.get(href) : undefined;
  if (!copy) return networkFetch(input, init);
  shared.delete(href);
  return copy;
};

// Offer the runtime a copy of `request` (a fetch of `url` not yet read) when it is one of SHARED_FILES.
function shareWithRuntime(url, request) {
  if (!SHARED_FILES.some((name) => url.href === new URL(name, RUNTIME).href)) return;
  const copy = request.then((r) => r.clone()); // made before the caller reads the body
  copy.catch(() => {}); // a failure is reported by whoever reads the original
  shared.set(url.href, copy);
}

// With `keep`, the body's chunks are returned (for the snapshot parts, which are read here).
async function arrives(url, keep = false) {
  const controller = new AbortController();
  let timer = 0;
  const alive = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(), STALL_MS);
  };
  alive();
  try {
    const request = networkFetch(url, { signal: controller.signal });
    shareWithRuntime(url, request);
    const response = await request;
    if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
    const reader = response.body.getReader();
    const chunks = [];
    for (;;) {
      alive();
      const { done, value } = await reader.read();
      if (done) return chunks;
      if (keep) chunks.push(value);
    }
  } catch (err) {
    throw new Error(controller.signal.aborted ? `${url.pathname}: no data for ${STALL_MS / 1000} s` : String(err && err.message ? err.message : err));
  } finally {
    clearTimeout(timer);
  }
}

// The promise that `url` came whole (a failure or stall ends the start instead, and never resolves it).
function watch(url) {
  return arrives(url).then(() => {}, (err) => {
    runtimeFailed(err);
    return new Promise(() => {});
  });
}

// The lock file's entries of our package and everything it depends on.
let lockRead = null;
async function corePackages() {
  lockRead ||= fetch(new URL(FILES.lock, BASE)).then((r) => r.json());
  const lock = await lockRead;
  const found = new Map();
  const visit = (name) => {
    const pkg = lock.packages?.[name];
    if (!pkg || found.has(name)) return;
    found.set(name, pkg);
    (pkg.depends || []).forEach(visit);
  };
  visit("handreiking-tools");
  return [...found.values()];
}

// Fetch the wheels our package needs while Python starts, so loadPackage finds them in the cache;
// a wheel that fails or stalls stops the start like a runtime file.
async function prefetchWheels() {
  try {
    for (const pkg of await corePackages()) watch(new URL(pkg.file_name, BASE));
  } catch {
    // the lock itself is watched as a runtime file; loadPackage fetches the wheels itself
  }
}

// "sha256-<base64>" for a fetch's integrity check, from the lock's hex digest (as loadPackage checks).
function integrity(hex) {
  return `sha256-${btoa(String.fromCharCode(...hex.match(/../g).map((h) => parseInt(h, 16))))}`;
}

// ---- The packages' files after a restore
// A restored Python has pydantic and our core imported, but Pyodide's file system lives in
// JavaScript, outside the snapshot, and is empty: the wheels' files must be put back, for what Python
// imports later (the contract import, parts of pydantic it loads on first use) and reads (package
// metadata). loadPackage unpacks each wheel with Python's zipfile and shutil once Python runs (about
// 0,4 s of a warm start on a two-core laptop). Here the wheels are read and their members unpacked by
// the browser while the runtime's wasm loads (wheelFiles), and written once the memory is restored
// (writeFiles), without a copy. pydantic_core's library is in place already (preloadDynlibs): its
// file gets the bytes it was compiled from, and it is not loaded a second time.

// [path in site-packages, bytes] of every file in the wheels of our package and its dependencies.
// `libs`: the promise of the compiled libraries (compileDynlibs), whose members are not unpacked twice.
async function wheelFiles(dynlibs, libs) {
  const packages = await corePackages();
  const fromLibs = new Set(dynlibs.map((lib) => `${lib.wheel}/${lib.member}`));
  const files = await Promise.all(packages.map(async (pkg) => {
    const response = await fetch(new URL(pkg.file_name, BASE), pkg.sha256 ? { integrity: integrity(pkg.sha256) } : {});
    if (!response.ok) throw new Error(`${pkg.file_name}: HTTP ${response.status}`);
    const zip = new Uint8Array(await response.arrayBuffer());
    const members = zipEntries(zip).filter((e) => !e.name.endsWith("/"));
    for (const { name } of members) {
      if (name.startsWith("/") || name.split("/").includes("..")) throw new Error(`${name}: outside site-packages`);
    }
    return Promise.all(members.map(async (e) => {
      const key = `${pkg.file_name}/${e.name}`;
      if (!fromLibs.has(key)) return [e.name, await memberBytes(e)];
      const lib = (await libs).find((l) => `${l.wheel}/${l.member}` === key);
      return [e.name, lib.bytes];
    }));
  }));
  return { packages, files: files.flat() };
}

function writeFiles({ packages, files }) {
  const { FS } = pyodide;
  const root = pyodide._module.API.sitePackages;
  for (const [name, bytes] of files) {
    const path = `${root}/${name}`;
    FS.mkdirTree(path.slice(0, path.lastIndexOf("/")));
    const stream = FS.open(path, "w");
    try {
      FS.write(stream, bytes, 0, bytes.length, 0, true);
    } finally {
      FS.close(stream);
    }
  }
  for (const pkg of packages) pyodide.loadedPackages[pkg.name] = "default channel";
  // Python's import system keeps a listing of each folder; let it look again.
  pyodide.runPython("import importlib\nimportlib.invalidate_caches()");
}

async function boot() {
  if (typeof WebAssembly !== "object") {
    throw Object.assign(new Error(TEXT.noWasm), { userMessage: TEXT.noWasm });
  }
  status("loading", TEXT.loading);
  // The site's own policy profile (written by the prepare step; {"profile": null} when there is none).
  const siteProfile = (FILES.profile ? fetch(new URL(FILES.profile, BASE)) : Promise.resolve(new Response(""))).then((r) => (r.ok ? r.text() : "")).catch(() => "");
  const manifest = snapshotManifest(); // in parallel with the runtime's own files
  const lastMisfit = misfitTag(); // as well
  corePackages().catch(() => {}); // read now: later, Python's start (a long task) would hold it up
  manifest.then(() => phase("manifest"));
  // Whether this browser refused this very snapshot before: then it is not tried again.
  const misfit = Promise.all([manifest, lastMisfit]).then(([m, tag]) => tag !== undefined && tag !== "" && tag === snapshotTag(m));
  const snapshot = Promise.all([manifest, misfit]).then(([m, known]) => (known ? null : chooseSnapshot(m)));
  const { loadPyodide } = await import(new URL("pyodide.mjs", RUNTIME).href);
  phase("pyodide.mjs loaded");
  status("loading", TEXT.starting);
  const options = {
    indexURL: RUNTIME.href,
    lockFileURL: new URL(FILES.lock, BASE).href,
    packageBaseUrl: BASE.href,
    // Called once the main wasm module is instantiated, before the runtime starts (only timed here).
    fsInit: () => phase("wasm ready"),
  };
  const chosen = await snapshot;
  const late = LATE_FILES.map((name) => new URL(name, RUNTIME)).filter((url) => !(sampled && url.href === SAMPLE.href));
  const runtimeIn = Promise.all(late.map(watch));
  // A normal start needs the runtime's files before Python can start, and the wheels only after
  // that. Fetched side by side on a slow line, the wheels (2,2 MB) took their share of the line
  // and Python's wasm came in last; one after the other, Python starts while the wheels come in.
  // A snapshot start reads the wheels while the wasm loads, so there they come at once.
  if (chosen) prefetchWheels();
  else {
    runtimeIn.then(() => {
      phase("runtime files in");
      prefetchWheels();
    });
  }
  if (chosen) {
    try {
      const createPyodideModule = await moduleWithDynlibs(chosen.libs, chosen.filled);
      pyodide = await loadPyodide({ ...options, _loadSnapshot: chosen.image, createPyodideModule });
      // Table slots the build run filled after the libraries (dlsym) stay empty here: a pointer to
      // one in the restored memory then fails loudly instead of calling some other function.
      const table = pyodide._module.wasmTable;
      if (table.length < chosen.table) table.grow(chosen.table - table.length);
      trampoline.restore(pyodide._module);
      phase("snapshot restored");
    } catch (err) {
      // A snapshot this runtime cannot restore, a broken part, or a browser that cannot restore it:
      // start Python the normal way.
      console.warn("snapshot not used:", err && err.message ? err.message : err);
      if (misfitSeen) rememberMisfit(await manifest);
      pyodide = null;
    }
  }
  const usedSnapshot = pyodide !== null;
  if (!pyodide) {
    pyodide = await loadPyodide(options);
    phase("python started");
  }
  installRestFinder(); // before Python imports anything more
  shared.clear(); // a copy the runtime did not take (say, after a refused snapshot) need not be kept
  // Proof for the tests that pydantic and our core came imported with the snapshot: at this moment
  // their files are not yet in this runtime's file system.
  const preloaded = pyodide.runPython("import sys\n'pydantic' in sys.modules and 'handreiking_tools.api' in sys.modules") === true;
  status("loading", TEXT.packages);
  let installed = false;
  if (usedSnapshot) {
    try {
      writeFiles(await chosen.files);
      installed = true;
    } catch (err) {
      console.warn("wheels not written directly:", err && err.message ? err.message : err);
    }
  }
  if (!installed) await pyodide.loadPackage("handreiking-tools", { messageCallback: () => {} });
  phase("packages loaded");
  const ns = pyodide.globals.get("dict")();
  pyodide.runPython(GLUE, { globals: ns });
  phase("core ready");
  const register = ns.get("register_site_profile");
  register(await siteProfile);
  register.destroy();
  glue = {
    run: ns.get("run_json"),
    parse: ns.get("parse_contracts_json"),
    exportCsv: ns.get("export_ranking_csv"),
  };
  ns.destroy();
  phase("ready");
  status("ready", TEXT.ready, undefined, usedSnapshot ? "snapshot" : "normal", { preloaded, phases, install: installed ? "direct" : "loadPackage", estimate: firstVisitEstimate, copy: fromCopy, misfit: misfitSeen || (await misfit) });
  setTimeout(firstReplied, REST_WAIT_MS);
  // The snapshot's parts for a next visit, when this start did without them: after the second zip.
  if (!chosen && !(await misfit)) Promise.all([manifest, restFetched]).then(([m]) => warmSnapshot(m.parts));
}

// The small files are watched from the start; the large ones (standard library, wasm) only once the snapshot
// choice is made, so they do not share the network with its first-visit speed sample (python_stdlib.zip)
// and turn a fast network into a "slow" one.
for (const name of RUNTIME_FILES.filter((n) => !LATE_FILES.includes(n))) watch(new URL(name, RUNTIME));
watch(new URL(FILES.lock, BASE));
const booted = Promise.race([boot(), runtimeFailure]).catch((err) => {
  status("error", err.userMessage || TEXT.loadFailed, String(err && err.message ? err.message : err));
  throw err;
});
booted.catch(() => {}); // reported above; callers get their own rejection below

async function handle(msg) {
  await booted;
  switch (msg.op) {
    case "run":
      return JSON.parse(glue.run(msg.name, JSON.stringify(msg.payload ?? {}), SITE_ROOT));
    case "parse":
      // An Excel workbook by its name or by its content (a zip: "PK"), as contracts_io decides.
      if (/\.xls[xm]$/i.test(msg.filename || "") || (msg.bytes && msg.bytes[0] === 0x50 && msg.bytes[1] === 0x4b)) {
        await pyodide.loadPackage("openpyxl", { messageCallback: () => {} });
      }
      return JSON.parse(glue.parse(msg.bytes, msg.filename || ""));
    case "export":
      return glue.exportCsv(JSON.stringify(msg.result));
    default:
      throw new Error(`unknown op ${msg.op}`);
  }
}

self.addEventListener("message", async (event) => {
  const msg = event.data || {};
  try {
    const value = await handle(msg);
    self.postMessage({ type: "reply", id: msg.id, ok: true, value });
    firstReplied();
  } catch (err) {
    const message = pyodide === null || glue === null ? err.userMessage || TEXT.loadFailed : TEXT.callFailed;
    self.postMessage({ type: "reply", id: msg.id, ok: false, message, detail: String(err && err.message ? err.message : err) });
  }
});
