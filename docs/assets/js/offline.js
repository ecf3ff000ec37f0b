// Registers the service worker (sw.js at the site root: the site offline after one visit) and tells the
// reader, quietly, when a new version of the site is ready: "Nieuwe versie beschikbaar" with a button
// "Nu bijwerken". The page is reloaded only when the reader presses that button, never on its own, so
// nobody loses what they are typing. The template includes this module unless the site is built with
// `extra.handreiking.service_worker: false`; `make site` (site/versioning.py) switches it on below once the
// build has its offline manifest (a plain `mkdocs build` has none, and registers nothing).
// With the site open in more tabs, "Nu bijwerken" in one tab makes the new version active in all of them and
// removes the old copy; every other tab then says the site was updated and offers "Pagina herladen" (again
// never on its own), since its page still names files of the old version. (The same happens when the host
// switches the offline copy off: the worker that removes itself also becomes active in every open tab.)
// A browser or address where registration cannot work (http on another host than localhost, a browser
// without service workers, a host that refuses it) is silent for the reader: the site works as before.

const SERVICE_WORKER = false;

const TEXT = {
  available: "Nieuwe versie beschikbaar.",
  button: "Nu bijwerken",
  updating: "De nieuwe versie wordt geladen…",
  elsewhere: "De site is intussen bijgewerkt, bijvoorbeeld in een ander tabblad. Herlaad deze pagina om verder te gaan met de nieuwe versie.",
  reload: "Pagina herladen",
};
const CHECK_EVERY_MS = 60 * 60 * 1000;
const ENGINE = Symbol.for("handreiking-tools.engine"); // set by engine.js

let region = null; // the status region; made at once, so a screen reader announces what is put in it

function statusRegion() {
  if (region && region.isConnected) return region;
  region = document.createElement("div");
  region.className = "hr-update";
  region.setAttribute("role", "status");
  region.hidden = true;
  document.body.append(region); // outside Material's container: instant navigation leaves it alone
  return region;
}

let updating = false; // this tab pressed "Nu bijwerken" and reloads itself once the new version is active

// The status region with one sentence and one button; replaces what it said before.
function say(sentence, label, onClick) {
  const box = statusRegion();
  const text = document.createElement("span");
  text.textContent = sentence + " ";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "hr-update__button";
  button.textContent = label;
  button.addEventListener("click", () => onClick(button, text));
  box.replaceChildren(text, button);
  box.hidden = false;
}

function offer(worker) {
  const box = statusRegion();
  if (box.dataset.offered) return;
  box.dataset.offered = "true";
  say(TEXT.available, TEXT.button, (button, text) => {
    button.disabled = true;
    text.textContent = TEXT.updating + " ";
    updating = true;
    worker.postMessage({ type: "skip-waiting" });
  });
}

// A new version became active in this tab: reload when this tab asked for it, otherwise (another tab did)
// say so and let the reader reload when it suits them.
function activated() {
  if (updating) {
    location.reload();
    return;
  }
  say(TEXT.elsewhere, TEXT.reload, () => location.reload());
}

function watchInstalling(registration) {
  const worker = registration.installing;
  if (!worker) return;
  worker.addEventListener("statechange", () => {
    // A first install has no controller: there is nothing old to replace, so nothing to say.
    if (worker.state === "installed" && navigator.serviceWorker.controller) offer(worker);
  });
}

async function register() {
  const url = new URL("../../sw.js", import.meta.url); // this file is assets/js/ in the site root
  const hadController = !!navigator.serviceWorker.controller;
  const registration = await navigator.serviceWorker.register(url.href);
  statusRegion();
  // Only a tab that was already under a service worker: a first install taking control is nothing new.
  if (hadController) navigator.serviceWorker.addEventListener("controllerchange", activated, { once: true });
  if (registration.waiting && navigator.serviceWorker.controller) offer(registration.waiting);
  watchInstalling(registration);
  registration.addEventListener("updatefound", () => watchInstalling(registration));
  const check = () => registration.update().catch(() => {});
  setInterval(check, CHECK_EVERY_MS);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") check();
  });
}

async function start() {
  if (!SERVICE_WORKER || !("serviceWorker" in navigator) || !globalThis.isSecureContext) return;
  if (document.readyState !== "complete") await new Promise((resolve) => addEventListener("load", resolve, { once: true }));
  // On a calculator page the first visit loads Python first; the offline copy follows.
  const engine = globalThis[ENGINE];
  if (engine && engine.ready) await engine.ready.catch(() => {});
  try {
    await register();
  } catch {
    // silent: without a service worker the site still works online
  }
}

start();
