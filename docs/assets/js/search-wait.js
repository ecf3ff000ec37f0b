// @ts-check
// On a calculator's page, Material's search worker (assets/javascripts/workers/search-later.js) keeps the
// search index unbuilt while the calculator's engine starts: building it takes about 0,4 s of processor
// time, which a laptop with two cores would take from that start. This module tells it to go ahead (once,
// over a BroadcastChannel): a moment after the engine is ready or has failed, or at once when the reader
// goes to the search box (a click, a tap or Material's keyboard shortcut all put the focus there).

import { getEngine } from "./engine.js";

const CHANNEL = "handreiking-zoekindex"; // the same name as in search-later.js
const AFTER_READY_MS = 250; // the first result is drawn by then

let told = false;
function goAhead() {
  if (told) return;
  told = true;
  try {
    const channel = new BroadcastChannel(CHANNEL);
    channel.postMessage("bouwen");
    channel.close();
  } catch {
    // no BroadcastChannel: the worker builds the index after its longest wait
  }
}

document.addEventListener("focusin", (event) => {
  if (event.target instanceof Element && event.target.matches(".md-search__input")) goAhead();
});

const stopListening = getEngine().onStatus((/** @type {{state: string}} */ status) => {
  if (status.state !== "ready" && status.state !== "error") return;
  setTimeout(goAhead, AFTER_READY_MS);
  queueMicrotask(() => stopListening());
});
