// The working tools (actieplan, brainstorm, mijn-rol): what they need beyond the calculators' machinery in
// calculators.js. Their result is drawn in Python (the tool's view.py) and arrives as result.view; this module
// adds Markdown and CSV downloads, reading a saved JSON file back in, no share link where the input holds
// names of people, and sends the old brainstorm-format link (bijlagen/brainstormformat/#contract=...) to the
// tool. Loaded before calculators.js, so the renderers are registered before the forms attach. Safe to run
// more than once (Material's instant navigation).

import { RENDERERS } from "./calc-render.js";

const SITE_ROOT = new URL("../../", import.meta.url);
const STORAGE_PREFIX = "handreiking:";

/** A tool whose view comes from Python: the page only puts the html in. */
const pythonView = {
  render(r) {
    const v = (r && r.view) || {};
    return { html: v.html || "", text: v.text || "", short: v.short || "" };
  },
};

function download(filename, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function toolRoots() {
  return [...document.querySelectorAll(".hr-calc[data-calculator]")].filter((root) => root.querySelector("[data-import-json]"));
}

function storedState(name) {
  try { return JSON.parse(localStorage.getItem(STORAGE_PREFIX + name) || "null"); } catch { return null; }
}

/** Before calculators.js attaches: renderers, and what this browser held before a link replaces it. */
function beforeAttach() {
  const before = new Map();
  for (const root of toolRoots()) {
    const name = root.dataset.calculator;
    if (!RENDERERS[name]) RENDERERS[name] = pythonView;
    if (!root.dataset.werkhulp) before.set(root, storedState(name));
  }
  return before;
}

function note(root, text) {
  const el = root.querySelector("[data-import-json-note]") || root.querySelector("[data-export-note]");
  if (el) el.textContent = text;
}

function hasInput(state) {
  if (!state || typeof state !== "object") return false;
  const filled = (v) => typeof v === "string" && v !== "" && v !== "false";
  return Object.values(state.scalars || {}).some(filled)
    || Object.values(state.rows || {}).some((rows) => Array.isArray(rows) && rows.some((r) => Object.values(r || {}).some(filled)));
}

async function importJson(root, calc, file) {
  let data;
  try {
    data = JSON.parse(await file.text());
  } catch {
    note(root, `${file.name} is geen JSON-bestand dat deze pagina kan lezen. Het formulier is niet veranderd.`);
    return;
  }
  const input = data && typeof data === "object" ? data.invoer : null;
  if (!input || typeof input !== "object" || Array.isArray(input)) {
    note(root, `In ${file.name} staat geen invoer van een hulpmiddel. Het formulier is niet veranderd.`);
    return;
  }
  if (data.rekenhulp !== calc.name) {
    note(root, `${file.name} hoort bij "${String(data.rekenhulp)}", niet bij dit hulpmiddel. Het formulier is niet veranderd.`);
    return;
  }
  const before = calc.hasInput() ? calc.rawState() : null;
  calc.resetControls();
  calc.applyState(calc.stateFromInput(input));
  for (const set of calc.rowSets) if (!set.body.querySelector("[data-row]")) calc.addRow(set);
  for (const el of calc.scalars) calc.touched.add(el.name);
  const noteEl = root.querySelector("[data-import-json-note]");
  if (before && noteEl) calc.offerUndo(noteEl, before);
  await calc.run();
  note(root, `${file.name} is ingelezen. Je kunt verder waar je gebleven was.`);
}

function attach(root, before) {
  const calc = root.hrCalculator;
  if (!calc || root.dataset.werkhulp) return;
  root.dataset.werkhulp = "1";
  if (!root.querySelector("[data-share-link]")) {
    // Names of people: the input never goes into the address, only into this browser's storage.
    const bare = () => `${location.origin}${location.pathname}${location.search}`;
    calc.shareUrl = () => ({ url: bare(), fits: true });
    if (location.hash) { try { history.replaceState(history.state, "", bare()); } catch { /* sandboxed */ } }
  }
  // A link (e.g. from contractselectie) replaced what this browser held: offer it back.
  const saved = before.get(root);
  const current = calc.rawState();
  if (hasInput(saved) && JSON.stringify(saved) !== JSON.stringify(current) && location.hash) {
    calc.offerUndo(root.querySelector(".hr-actions"), saved);
  }
  root.addEventListener("click", (ev) => {
    const btn = ev.target.closest("[data-action]");
    if (!btn || !root.contains(btn)) return;
    if (btn.dataset.action === "download-md" && calc.lastText) {
      download(`${calc.name}.md`, calc.lastText, "text/markdown;charset=utf-8");
      note(root, "Het Markdown-bestand is gedownload.");
    } else if (btn.dataset.action === "download-rows-csv") {
      const set = calc.rowSets.find((s) => s.field === btn.dataset.rowsField);
      if (set) {
        download(`${calc.name}-${set.field}.csv`, calc.tableCsv(set), "text/csv;charset=utf-8");
        note(root, "De tabel is gedownload als CSV.");
      }
    }
  });
  root.addEventListener("change", (ev) => {
    if (!ev.target.matches("[data-import-json]")) return;
    const file = ev.target.files && ev.target.files[0];
    if (file) importJson(root, calc, file).finally(() => { ev.target.value = ""; });
  });
}

/** The brainstorm format's old link from the contract ranking opens the tool with the contract's name. */
function forwardBrainstormLink() {
  if (!/\/bijlagen\/brainstormformat\/(index\.html)?$/.test(location.pathname)) return;
  const name = new URLSearchParams(location.hash.replace(/^#/, "")).get("contract");
  if (!name) return;
  location.replace(`${new URL("hulpmiddelen/brainstorm/", SITE_ROOT).href}#${new URLSearchParams({ title: name })}`);
}

function onPage() {
  forwardBrainstormLink();
  const before = beforeAttach();
  // calculators.js attaches in its own subscription, after this one: hook in once it has.
  setTimeout(() => { for (const root of toolRoots()) attach(root, before); }, 0);
}

if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(() => onPage());
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", onPage);
else onPage();
