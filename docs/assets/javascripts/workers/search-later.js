// Material's search worker, with its index built once the calculator has started: used on the pages with a
// calculator.
//
// On the first page of a visit Material sends the search index (the whole guidance) to its worker at once,
// and building it (lunr) takes about 0,4 s of processor time. On a laptop with two cores that competes with
// the page itself and with the calculator's engine starting up: on Proportionaliteit the first result came
// about 0,1 s later for it. The search box waits for the worker's "ready" answer before it asks anything,
// so nothing breaks when the index is built later: this worker keeps Material's first message (the index)
// until the page says go ahead (assets/js/search-wait.js: a moment after the engine is ready, or when the
// reader goes to the search box), or LONGEST_WAIT_MS have passed; any other message from Material hands it
// over at once, before itself. Material shows "Zoeken initialiseren" meanwhile. Instant navigation keeps
// this worker, so later pages of the visit find the index built.
//
// overrides/main.html points Material at this file on a calculator's page. Material's own worker is in this
// same folder, so its language files are found where it expects them. Its name carries a code that changes
// with Material's version: tests/browser/test_search.py fails when MATERIAL_WORKER no longer names it.
// (Not passed in the address: a worker script that the service worker answers loses any "#" or "?" part.)
// A classic worker script, like Material's.

const MATERIAL_WORKER = "search.a7633da7.min.js";
const CHANNEL = "handreiking-zoekindex"; // the same name as in assets/js/search-wait.js
const LONGEST_WAIT_MS = 10000; // an engine that never reports (or a browser without BroadcastChannel)
const SETUP = 0; // Material's SearchMessageType.SETUP: the index and its settings

const listen = self.addEventListener.bind(self);
let materialListener = null;
// Material's worker calls addEventListener("message", ...) once while it loads: take that listener.
self.addEventListener = (type, listener, options) => {
  if (type === "message" && materialListener === null) materialListener = listener;
  else listen(type, listener, options);
};
try {
  importScripts(MATERIAL_WORKER);
} finally {
  delete self.addEventListener;
}

let held = null; // Material's setup message, until it is handed over
let goAhead = false; // the page said so (it may say so before the index arrives)
function handOver() {
  if (held === null) return;
  const event = held;
  held = null;
  materialListener(event);
}

let channel = null; // kept, so it keeps listening
try {
  channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = () => {
    goAhead = true;
    handOver();
  };
} catch {
  // no BroadcastChannel: the longest wait below
}

listen("message", (event) => {
  if (materialListener === null) return; // Material's worker did not load: nothing to answer with
  if (event.data && event.data.type === SETUP && held === null && !goAhead) {
    held = event;
    setTimeout(handOver, LONGEST_WAIT_MS);
    return;
  }
  handOver();
  materialListener(event);
});
