// Web Worker (module): runs Pyodide with handreiking_tools, loaded from the site itself.
//
// Protocol (engine.js is the only client):
//   in:  {id, op: "run", name, payload} | {id, op: "parse", bytes, filename} | {id, op: "export", result}
//   out: {type: "status", state: "loading" | "ready" | "error", message, detail?}
//        {type: "reply", id, ok: true, value} | {type: "reply", id, ok: false, message, detail}
// Every URL is relative to this file, so the site works under any sub-path and never asks
// another host for anything.

const BASE = new URL("../../pyodide/", import.meta.url);

const TEXT = {
  loading: "Rekenhulp wordt geladen…",
  starting: "Python start…",
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


def _warm_up():
    # Import the calculators (and so pydantic's validators) now, not on the reader's first input.
    for name in _api.NAMES:
        try:
            _api.calculator(name)
        except Exception:  # a broken calculator reports itself through api.run, with a Dutch message
            pass


_warm_up()


def _plain(obj):
    if hasattr(obj, "model_dump"):
        return obj.model_dump(mode="json")
    if isinstance(obj, (set, frozenset)):
        return sorted(obj)
    raise TypeError(f"not JSON-ready: {type(obj).__name__}")


def run_json(name, payload_json):
    return json.dumps(_api.run(name, json.loads(payload_json)), ensure_ascii=False, default=_plain)


def parse_contracts_json(data, filename):
    from handreiking_tools import contracts_io

    raw = data.to_bytes() if hasattr(data, "to_bytes") else bytes(data)
    result = contracts_io.parse_contracts(raw, filename)
    if isinstance(result, tuple) and len(result) == 2:
        result = {"contracts": result[0], "row_errors": result[1]}
    return json.dumps(result, ensure_ascii=False, default=_plain)


def register_site_profile(text):
    # The hosting organisation's own policy profile (validated at build time) becomes the default.
    from handreiking_tools import policy

    data = json.loads(text).get("profile") if text else None
    if data:
        policy.register_profile(data, default=True)


def export_ranking_csv(result_json):
    from handreiking_tools import contracts_io

    return contracts_io.export_ranking_csv(json.loads(result_json))
`;

let pyodide = null;
let glue = null;

function status(state, message, detail) {
  self.postMessage({ type: "status", state, message, detail });
}

// The interpreter's memory right after start-up, made at build time (site/speed.py): restoring it
// skips Python's own start. It is taken only from the browser's cache: on a first visit a normal
// start is as quick and downloads about 6 MB less; once the engine is ready the file is fetched in
// the background (warmSnapshot), for the next visit. The file is gzip inside, so any host can serve
// it as is; a host that already undid the gzip hands over the raw image. null means: start normally.
const SNAPSHOT = new URL("python-snapshot.bin", BASE);

async function fetchSnapshot() {
  try {
    const response = await fetch(SNAPSHOT, { cache: "only-if-cached", mode: "same-origin" });
    if (!response.ok) return null;
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
    if (typeof DecompressionStream !== "function") return null;
    const plain = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Uint8Array(await new Response(plain).arrayBuffer());
  } catch {
    return null;
  }
}

function warmSnapshot() {
  fetch(SNAPSHOT).then((r) => r.arrayBuffer()).catch(() => {});
}

async function boot() {
  if (typeof WebAssembly !== "object") {
    throw Object.assign(new Error(TEXT.noWasm), { userMessage: TEXT.noWasm });
  }
  status("loading", TEXT.loading);
  // The site's own policy profile (written by the prepare step; {"profile": null} when there is none).
  const siteProfile = fetch(new URL("site-profile.json", BASE)).then((r) => (r.ok ? r.text() : "")).catch(() => "");
  const snapshot = fetchSnapshot(); // in parallel with the runtime's own files
  const { loadPyodide } = await import(new URL("pyodide.mjs", BASE).href);
  status("loading", TEXT.starting);
  const options = {
    indexURL: BASE.href,
    lockFileURL: new URL("pyodide-lock.json", BASE).href,
    packageBaseUrl: BASE.href,
  };
  const image = await snapshot;
  if (image) {
    try {
      pyodide = await loadPyodide({ ...options, _loadSnapshot: image });
    } catch (err) {
      // A snapshot of another runtime version (stale cache) or a browser that cannot restore it:
      // start Python the normal way.
      console.warn("snapshot not used:", err && err.message ? err.message : err);
      pyodide = null;
    }
  }
  if (!pyodide) pyodide = await loadPyodide(options);
  status("loading", TEXT.packages);
  await pyodide.loadPackage("handreiking-tools", { messageCallback: () => {} });
  const ns = pyodide.globals.get("dict")();
  pyodide.runPython(GLUE, { globals: ns });
  const register = ns.get("register_site_profile");
  register(await siteProfile);
  register.destroy();
  glue = {
    run: ns.get("run_json"),
    parse: ns.get("parse_contracts_json"),
    exportCsv: ns.get("export_ranking_csv"),
  };
  ns.destroy();
  status("ready", TEXT.ready);
  if (!image) setTimeout(warmSnapshot, 0);
}

const booted = boot().catch((err) => {
  status("error", err.userMessage || TEXT.loadFailed, String(err && err.message ? err.message : err));
  throw err;
});
booted.catch(() => {}); // reported above; callers get their own rejection below

async function handle(msg) {
  await booted;
  switch (msg.op) {
    case "run":
      return JSON.parse(glue.run(msg.name, JSON.stringify(msg.payload ?? {})));
    case "parse":
      if (/\.xlsx$/i.test(msg.filename || "")) {
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
  } catch (err) {
    const message = pyodide === null || glue === null ? err.userMessage || TEXT.loadFailed : TEXT.callFailed;
    self.postMessage({ type: "reply", id: msg.id, ok: false, message, detail: String(err && err.message ? err.message : err) });
  }
});
