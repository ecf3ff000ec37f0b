// Starts the calculators' worker while the page is still being read. The template puts this small
// classic script in the <head> of pages with a calculator only; module scripts (engine.js) run only
// after the whole page is parsed and its other scripts have loaded, which on a first visit is a few
// hundred milliseconds later. engine.js adopts this worker, with the messages it sent meanwhile.
// Nothing happens where engine.js would refuse to start (file://, no WebAssembly, no Worker), or
// when engine.js already runs.
(function () {
  var KEY = typeof Symbol === "function" ? Symbol.for("handreiking-tools.early-worker") : null;
  var script = document.currentScript;
  if (!KEY || !script || location.protocol === "file:" || typeof WebAssembly !== "object" || typeof Worker !== "function") return;
  // This script is async: on a slow load engine.js may have run first and started the worker itself.
  if (globalThis[Symbol.for("handreiking-tools.engine")]) return;
  try {
    var early = { worker: null, messages: [], error: null };
    // The name tells the worker whether a service worker controls this page, so its offline copy is whole
    // and worth opening (engine-worker.js, offlineCopy); engine.js names a worker it starts the same way.
    var copy = navigator.serviceWorker && navigator.serviceWorker.controller ? " (offline-kopie)" : "";
    early.worker = new Worker(new URL("engine-worker.js", /** @type {HTMLScriptElement} */ (script).src), { type: "module", name: "rekenhulp" + copy });
    early.keep = function (event) { early.messages.push(event); };
    early.fail = function (event) { event.preventDefault(); early.error = event; };
    early.worker.addEventListener("message", early.keep);
    early.worker.addEventListener("error", early.fail);
    globalThis[KEY] = early;
  } catch (err) {
    // engine.js starts the worker itself and reports a failure in Dutch
  }
})();
