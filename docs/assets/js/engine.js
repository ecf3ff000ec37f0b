// The calculators' engine: one Pyodide Web Worker per window, shared by every calculator page.
//
//   import { getEngine } from "./engine.js";
//   const engine = getEngine();               // starts the worker on first call
//   const off = engine.onStatus((s) => ...);  // {state: "loading" | "ready" | "error", message, detail?,
//                                             //  start?, preloaded?, install?, estimate?, copy?, misfit?,
//                                             //  phases?}
//   await engine.ready;                       // rejects with a Dutch message if the engine cannot start
//   const out = await engine.run("proportionaliteit", {...});   // JSON of handreiking_tools.api.run
//   await engine.restart();                   // for a "Probeer opnieuw" button after a failure
//
// The engine is kept on globalThis, so Material's instant navigation (which swaps the page but
// keeps the window) reuses the running worker. A failing engine (state "error", rejected
// promises with error.engineFailure === true) is told apart from invalid input, which resolves
// normally as {ok: false, errors: [...]}.

const KEY = Symbol.for("handreiking-tools.engine");
const EARLY = Symbol.for("handreiking-tools.early-worker"); // set by engine-early.js

// A worker that says nothing this long after it was made (its script did not arrive, or hangs) has
// failed: the reader gets the failure message and "Opnieuw proberen" instead of a status that stays.
// The worker itself watches the runtime files it loads after that (engine-worker.js, STALL_MS).
const SILENT_MS = 20_000;

const TEXT = {
  loading: "De rekenhulp wordt geladen…",
  fileProtocol: "De rekenhulp werkt niet als je de pagina als bestand op je computer opent. Open de site via een webadres (http of https). Het rekenvoorbeeld op deze pagina blijft wel zichtbaar.",
  noWasm: "Je browser kan de rekenhulp niet uitvoeren, omdat WebAssembly ontbreekt of uit staat. Gebruik een recente versie van Firefox, Chrome, Edge of Safari. Het rekenvoorbeeld op deze pagina blijft wel zichtbaar.",
  noWorker: "Je browser kan de rekenhulp niet op de achtergrond starten. Gebruik een recente versie van Firefox, Chrome, Edge of Safari. Het rekenvoorbeeld op deze pagina blijft wel zichtbaar.",
  loadFailed: "De rekenhulp kon niet worden geladen. Probeer het opnieuw. Lukt het niet, meld het dan aan de beheerder van de site. Het rekenvoorbeeld op deze pagina blijft wel zichtbaar.",
  stopped: "De rekenhulp is gestopt. Probeer het opnieuw.",
};

function engineError(message, detail) {
  const err = /** @type {Error & {engineFailure?: boolean, detail?: string}} */ (new Error(message));
  err.engineFailure = true;
  if (detail) err.detail = detail;
  return err;
}

function unsupportedReason() {
  if (globalThis.location && globalThis.location.protocol === "file:") return TEXT.fileProtocol;
  if (typeof WebAssembly !== "object") return TEXT.noWasm;
  if (typeof Worker !== "function") return TEXT.noWorker;
  return null;
}

function createEngine() {
  const listeners = new Set();
  const pending = new Map();
  let nextId = 1;
  let worker = null;
  let status = { state: "loading", message: TEXT.loading };
  let settle = null; // {resolve, reject} of the current `ready`
  let silence = 0; // timer until the worker's first message

  const engine = {
    ready: null,
    get status() {
      return status;
    },
    onStatus(callback) {
      listeners.add(callback);
      try {
        callback(status);
      } catch (err) {
        console.error(err);
      }
      return () => listeners.delete(callback);
    },
    run(name, payload) {
      return call({ op: "run", name, payload });
    },
    parseContracts(bytes, filename) {
      const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
      return call({ op: "parse", bytes: data, filename: String(filename || "") });
    },
    exportRankingCsv(result) {
      return call({ op: "export", result });
    },
    restart() {
      stop(TEXT.stopped);
      start();
      return engine.ready;
    },
  };

  function setStatus(next) {
    if (next.state === status.state && next.message === status.message) return;
    status = Object.freeze({ ...next });
    for (const callback of listeners) {
      try {
        callback(status);
      } catch (err) {
        console.error(err);
      }
    }
  }

  function fail(message, detail) {
    clearTimeout(silence);
    setStatus({ state: "error", message, detail });
    if (settle) settle.reject(engineError(message, detail));
    settle = null;
    for (const { reject } of pending.values()) reject(engineError(message, detail));
    pending.clear();
    if (worker) worker.terminate();
    worker = null;
  }

  function stop(message) {
    clearTimeout(silence);
    if (worker) worker.terminate();
    worker = null;
    for (const { reject } of pending.values()) reject(engineError(message));
    pending.clear();
  }

  function start() {
    engine.ready = new Promise((resolve, reject) => {
      settle = { resolve, reject };
    });
    engine.ready.catch(() => {}); // the failure is also reported through onStatus; never "unhandled"
    setStatus({ state: "loading", message: TEXT.loading });

    const reason = unsupportedReason();
    if (reason) {
      fail(reason);
      return;
    }
    // The worker engine-early.js started from the <head>, if any (only once: a restart makes a new one).
    const early = globalThis[EARLY];
    delete globalThis[EARLY];
    try {
      // (the name says whether a service worker's offline copy is there to read from, as in engine-early.js)
      const name = navigator.serviceWorker?.controller ? "rekenhulp (offline-kopie)" : "rekenhulp";
      worker = early ? early.worker : new Worker(new URL("./engine-worker.js", import.meta.url), { type: "module", name });
    } catch (err) {
      fail(TEXT.loadFailed, String(err));
      return;
    }
    const onError = (event) => {
      event.preventDefault();
      fail(TEXT.loadFailed, event.message || "worker error");
    };
    if (early) {
      // Swap the early listeners for ours and replay what arrived meanwhile; this all runs in one
      // task, so no message can slip between.
      worker.removeEventListener("message", early.keep);
      worker.removeEventListener("error", early.fail);
    }
    silence = setTimeout(() => fail(TEXT.loadFailed, `no message from the worker in ${SILENT_MS / 1000} s`), SILENT_MS);
    worker.addEventListener("message", onMessage);
    worker.addEventListener("error", onError);
    worker.addEventListener("messageerror", () => fail(TEXT.loadFailed, "messageerror"));
    if (early) {
      for (const event of early.messages) onMessage(event);
      if (early.error && worker) onError(early.error);
    }
  }

  function onMessage(event) {
    clearTimeout(silence);
    const msg = event.data || {};
    if (msg.type === "status") {
      if (msg.state === "error") {
        fail(msg.message || TEXT.loadFailed, msg.detail);
        return;
      }
      // For tests and the benchmark, with "ready": start ("snapshot" or "normal", how Python started),
      // preloaded (pydantic and our core came imported from the snapshot), install ("direct" or
      // "loadPackage", how the packages' files were written), estimate (on a first visit: the ms the
      // snapshot's parts would take at the measured rate), copy (how many files came straight from the
      // service worker's offline copy), misfit (this browser cannot take the site's snapshot: it refused
      // it now or before, see engine-worker.js) and phases ([{name, ms}], each the moment the worker
      // reached that step, in ms since this page's navigation started).
      const next = { state: msg.state, message: msg.message };
      if (msg.start) next.start = msg.start;
      if (typeof msg.preloaded === "boolean") next.preloaded = msg.preloaded;
      if (msg.install) next.install = msg.install;
      if (typeof msg.estimate === "number") next.estimate = msg.estimate;
      if (typeof msg.copy === "number") next.copy = msg.copy;
      if (typeof msg.misfit === "boolean") next.misfit = msg.misfit;
      if (Array.isArray(msg.phases)) {
        next.phases = msg.phases.map((p) => Object.freeze({ name: p.name, ms: Math.round(p.at - performance.timeOrigin) }));
      }
      setStatus(next);
      if (msg.state === "ready" && settle) {
        settle.resolve(engine);
        settle = null;
      }
      return;
    }
    if (msg.type === "reply") {
      const waiter = pending.get(msg.id);
      if (!waiter) return;
      pending.delete(msg.id);
      if (msg.ok) waiter.resolve(msg.value);
      else waiter.reject(engineError(msg.message, msg.detail));
    }
  }

  function call(message) {
    if (!worker) {
      return Promise.reject(engineError(status.state === "error" ? status.message : TEXT.stopped, status.detail));
    }
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...message });
    });
  }

  start();
  return engine;
}

/** The one engine of this window; the worker starts on the first call. */
export function getEngine() {
  if (!globalThis[KEY]) globalThis[KEY] = createEngine();
  return globalThis[KEY];
}

export default getEngine;

// Early start: on a page with a calculator, start the worker as soon as this module runs (before
// calculators.js has read the form), so Python loads while the page finishes. Content pages
// have no calculator and start nothing.
if (typeof document !== "undefined" && document.querySelector(".hr-calc[data-calculator]")) getEngine();
