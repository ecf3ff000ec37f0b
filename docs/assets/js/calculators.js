// Attach the calculators on the pages under hulpmiddelen/: read the form, keep the inputs in the
// URL and localStorage, send them to the Python core in the worker (engine.js), render the result.
// Safe to run more than once per page and on every page view of Material's instant navigation.

import { dateNl, escapeHtml } from "./calc-format.js";
import { RENDERERS } from "./calc-render.js";

const SITE_ROOT = new URL("../../", import.meta.url);
const STORAGE_PREFIX = "handreiking:";
const MAX_URL_LENGTH = 1800; // stay well under what browsers, servers and mail clients accept
const DEBOUNCE_MS = 250;
const ANNOUNCE_MS = 1500; // a pause in typing before the status region reads the new result

let enginePromise = null;

/** The shared engine (one worker per window, kept by engine.js on globalThis). */
function loadEngine() {
  if (!enginePromise) {
    enginePromise = import("./engine.js").then((mod) => mod.getEngine());
    enginePromise.catch(() => { enginePromise = null; });
  }
  return enginePromise;
}

function storageGet(key) {
  try { return JSON.parse(localStorage.getItem(STORAGE_PREFIX + key) || "null"); } catch { return undefined; }
}

/** Saved state as the form can use it: {scalars: {name: text}, rows: {field: [{col: text}]}}, only known
 *  names and text values. Returns [state or null, whether something had to be left out]. */
function cleanState(raw, scalarNames, rowFields) {
  if (raw === null) return [null, false];
  const isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
  if (!isObj(raw)) return [null, true];
  let dropped = false;
  const text = (v) => (typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : null);
  const scalars = {};
  if (raw.scalars !== undefined && !isObj(raw.scalars)) dropped = true;
  for (const [k, v] of Object.entries(isObj(raw.scalars) ? raw.scalars : {})) {
    if (scalarNames.has(k) && text(v) !== null) scalars[k] = text(v); else dropped = true;
  }
  const rows = {};
  if (raw.rows !== undefined && !isObj(raw.rows)) dropped = true;
  for (const [k, list] of Object.entries(isObj(raw.rows) ? raw.rows : {})) {
    if (!rowFields.has(k) || !Array.isArray(list)) { dropped = true; continue; }
    rows[k] = [];
    for (const r of list) {
      if (!isObj(r)) { dropped = true; continue; }
      const row = {};
      for (const [c, v] of Object.entries(r)) {
        if (text(v) !== null) row[c] = text(v); else dropped = true;
      }
      rows[k].push(row);
    }
  }
  return [{ scalars, rows }, dropped];
}
function storageSet(key, value) {
  try {
    if (value === null) localStorage.removeItem(STORAGE_PREFIX + key);
    else localStorage.setItem(STORAGE_PREFIX + key, JSON.stringify(value));
  } catch { /* storage full or blocked: the form still works */ }
}

function download(filename, text, type) {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    let ok = false;
    try { ok = document.execCommand("copy"); } catch { ok = false; }
    area.remove();
    return ok;
  }
}

/** A control's value for the core (undefined = leave out). Numbers and dates go as typed: the core
 *  reads "1.234.000,50" or "01-03-2026" the Dutch way (numbers.py) and says what it read. */
function readControl(el) {
  const type = el.dataset.type;
  if (el.type === "checkbox") return el.checked;
  const raw = el.value.trim();
  if (type === "boolean") return raw === "" ? undefined : raw === "true";
  return raw === "" ? undefined : raw;
}

function rawOf(el) {
  return el.type === "checkbox" ? (el.checked ? "true" : "false") : el.value;
}
function setRaw(el, raw) {
  if (raw === undefined || raw === null) return;
  if (el.type === "checkbox") { el.checked = raw === true || raw === "true"; return; }
  let value = String(raw);
  if (el.dataset.type === "date" && el.type === "text") value = dateNl(value); // cells show dd-mm-jjjj
  if (el.tagName === "SELECT" && value !== "" && ![...el.options].some((o) => o.value === value)) {
    // A value from a file that is not one of the choices stays visible, so the reader can fix it.
    el.add(new Option(`${value} (onbekend)`, value));
  }
  el.value = value;
}

/** The inputs the core says it used, as it read them: a misreading shows at a glance. */
function usedInputs(used) {
  if (!Array.isArray(used) || !used.length) return { html: "", text: "" };
  const items = used.map((u) => `<div><dt>${escapeHtml(u.label)}</dt><dd data-used="${escapeHtml(u.field)}">${escapeHtml(u.text)}</dd></div>`).join("");
  return {
    html: `<div class="hr-used" data-key="used"><p>Gerekend met deze invoer:</p><dl>${items}</dl></div>`,
    text: "Gerekend met:\n" + used.map((u) => `- ${u.label}: ${u.text}`).join("\n"),
  };
}

/** A JSON value (from the example, an old link or an import) as the text a control holds. Numbers get a
 *  decimal comma, so the core reads them back exactly: 12.5 -> "12,5" (it would ask about "12.5"). */
function controlText(v) {
  if (v === null || v === undefined) return "";
  return typeof v === "number" ? String(v).replace(".", ",") : String(v);
}

class Calculator {
  constructor(root) {
    this.root = root;
    this.name = root.dataset.calculator;
    this.form = root.querySelector("[data-form]");
    this.statusEl = root.querySelector("[data-status]");
    this.resultEl = root.querySelector("[data-result]");
    this.resultBody = root.querySelector("[data-result-body]");
    this.engineErrorEl = root.querySelector("[data-engine-error]");
    this.storageNote = root.querySelector("[data-storage-note]");
    this.exportNote = root.querySelector("[data-export-note]");
    this.renderer = RENDERERS[this.name];
    this.seq = 0;
    this.timer = null;
    this.touched = new Set();
    this.lastInput = null;
    this.lastResult = null;
    this.scalars = [...this.form.querySelectorAll("[name]")].filter((el) => !el.closest("[data-rows]") && el.name);
    this.rowSets = [...this.form.querySelectorAll("[data-rows]")].map((fs) => ({
      field: fs.dataset.rows,
      fieldset: fs,
      body: fs.querySelector("[data-rows-body]"),
      template: fs.querySelector("[data-row-template]"),
      max: Number(fs.dataset.maxItems || 0) || Infinity,
    }));
    this.example = root.dataset.example ? JSON.parse(root.dataset.example) : null;
  }

  // ---- state: raw strings per control, so a reload gives back exactly what was typed ----

  rawState() {
    const scalars = {};
    for (const el of this.scalars) scalars[el.name] = rawOf(el);
    const rows = {};
    for (const set of this.rowSets) {
      rows[set.field] = [...set.body.querySelectorAll("[data-row]")].map((tr) => {
        const row = {};
        for (const el of tr.querySelectorAll("[name]")) row[el.name] = rawOf(el);
        return row;
      });
    }
    return { scalars, rows };
  }

  applyState(state) {
    for (const el of this.scalars) {
      if (state.scalars && el.name in state.scalars) setRaw(el, state.scalars[el.name]);
    }
    for (const set of this.rowSets) {
      const rows = state.rows && state.rows[set.field];
      if (!Array.isArray(rows)) continue;
      set.body.replaceChildren();
      for (const row of rows) this.addRow(set, row);
    }
  }

  /** The state from a JSON input (the example, a shared URL): values become raw control strings. */
  stateFromInput(input) {
    const scalars = {};
    const rows = {};
    for (const [key, value] of Object.entries(input || {})) {
      const set = this.rowSets.find((s) => s.field === key);
      if (set && Array.isArray(value)) {
        rows[key] = value.map((r) => Object.fromEntries(Object.entries(r || {}).map(([k, v]) => [k, controlText(v)])));
      } else if (value !== null && typeof value !== "object") {
        scalars[key] = controlText(value);
      }
    }
    return { scalars, rows };
  }

  addRow(set, values = {}) {
    const count = set.body.querySelectorAll("[data-row]").length;
    if (count >= set.max) return null;
    const tr = set.template.content.firstElementChild.cloneNode(true);
    for (const el of tr.querySelectorAll("[name]")) {
      if (values && el.name in values) setRaw(el, values[el.name]);
    }
    set.body.appendChild(tr);
    this.renumber(set);
    return tr;
  }

  renumber(set) {
    [...set.body.querySelectorAll("[data-row]")].forEach((tr, i) => {
      tr.dataset.index = String(i);
      tr.querySelector("[data-rownum]").textContent = String(i + 1);
      for (const td of tr.querySelectorAll("[data-cell]")) {
        const col = td.dataset.cell;
        const el = td.querySelector("[name]");
        const errEl = td.querySelector("[data-cell-error]");
        el.id = `f-${set.field}-${i}-${col}`;
        errEl.id = `err-${set.field}.${i}.${col}`;
        const title = td.closest("table").querySelectorAll("thead th")[[...tr.children].indexOf(td)].textContent;
        el.setAttribute("aria-label", `${title}, regel ${i + 1}`);
      }
      const btn = tr.querySelector('[data-action="remove-row"]');
      if (btn) btn.setAttribute("aria-label", `Verwijder regel ${i + 1}`);
    });
  }

  // ---- payload: what api.run gets ----

  payload() {
    const out = {};
    for (const el of this.scalars) {
      const v = readControl(el);
      if (v !== undefined) out[el.name] = v;
    }
    this.rowMaps = {};
    for (const set of this.rowSets) {
      const list = [];
      const map = [];
      [...set.body.querySelectorAll("[data-row]")].forEach((tr, i) => {
        const row = {};
        for (const el of tr.querySelectorAll("[name]")) {
          const v = readControl(el);
          if (v !== undefined && !(el.type === "checkbox" && v === false)) row[el.name] = v;
        }
        const blank = [...tr.querySelectorAll("[name]")].every((el) => (el.type === "checkbox" ? !el.checked : el.value.trim() === ""));
        if (blank) return; // an empty row is a row still to fill in, not an error
        list.push(row);
        map.push(i);
      });
      out[set.field] = list;
      this.rowMaps[set.field] = map;
    }
    return out;
  }

  // ---- URL and localStorage ----

  /** The state of a shared link. It lives after "#", which a browser never sends to a server; an old
   *  link with "?field=value" is read once and rewritten to "#" at once. */
  readUrl() {
    const known = new Set([...this.scalars.map((el) => el.name), ...this.rowSets.map((s) => s.field)]);
    const has = (params) => [...params.keys()].some((k) => known.has(k));
    let params = new URLSearchParams(location.hash.replace(/^#/, ""));
    if (!has(params)) {
      params = new URLSearchParams(location.search);
      if (!has(params)) return null;
      const rest = new URLSearchParams(location.search);
      for (const k of known) rest.delete(k);
      const kept = new URLSearchParams([...params].filter(([k]) => known.has(k)));
      try { history.replaceState(history.state, "", `${location.pathname}${rest.toString() ? "?" + rest : ""}#${kept}`); } catch { /* sandboxed */ }
    }
    const scalars = {};
    const rows = {};
    for (const el of this.scalars) {
      if (params.has(el.name)) scalars[el.name] = params.get(el.name);
      else scalars[el.name] = el.type === "checkbox" ? "false" : "";
    }
    for (const set of this.rowSets) {
      if (!params.has(set.field)) continue;
      try {
        const list = JSON.parse(params.get(set.field));
        rows[set.field] = this.stateFromInput({ [set.field]: list }).rows[set.field];
      } catch { /* a damaged link: keep the rows from storage */ }
    }
    return { scalars, rows };
  }

  /** The share URL for the current input (state after "#"), and whether the lists fitted into it. */
  shareUrl(input) {
    const params = new URLSearchParams();
    for (const el of this.scalars) {
      const v = input[el.name];
      if (v !== undefined && !(el.type === "checkbox" && v === false)) params.set(el.name, String(v));
    }
    let fits = true;
    const base = `${location.origin}${location.pathname}${location.search}`;
    for (const set of this.rowSets) {
      const list = input[set.field] || [];
      if (!list.length) continue;
      const trial = new URLSearchParams(params);
      trial.set(set.field, JSON.stringify(list));
      if (`${base}#${trial}`.length <= MAX_URL_LENGTH) params.set(set.field, JSON.stringify(list));
      else fits = false;
    }
    const hash = params.toString();
    return { url: `${base}${hash ? "#" + hash : ""}`, fits };
  }

  persist() {
    const state = this.rawState();
    storageSet(this.name, state);
    const input = this.payload();
    const { url, fits } = this.shareUrl(input);
    const link = this.root.querySelector("[data-share-link]");
    if (link) link.href = url;
    // Keep the address bar in step without adding history entries (Material's instant navigation keeps working).
    try { history.replaceState(history.state, "", url); } catch { /* sandboxed */ }
    if (this.storageNote && !this.storageNoteSticky) {
      this.storageNote.hidden = fits;
      this.storageNote.textContent = fits ? "" : "Je contractenlijst is te lang voor een link. Deze browser bewaart de lijst wel (ook na herladen), maar wie de link opent, krijgt alleen de andere velden. Stuur de lijst mee als CSV of JSON.";
    }
    this.fits = fits;
  }

  // ---- status and errors ----

  setStatus(text) {
    if (this.statusEl && this.statusEl.textContent !== text) this.statusEl.textContent = text;
  }

  showEngineError(message) {
    this.engineFailed = true;
    this.setStatus("De rekenhulp kan niet starten.");
    this.engineErrorEl.hidden = false;
    this.engineErrorEl.querySelector("[data-engine-error-text]").textContent =
      message || "De rekenhulp kon niet laden in deze browser.";
  }

  clearErrors() {
    for (const el of this.root.querySelectorAll("[data-error-for], [data-cell-error]")) {
      el.hidden = true;
      el.textContent = "";
    }
    for (const el of this.root.querySelectorAll("[aria-invalid]")) {
      el.removeAttribute("aria-invalid");
      const ids = (el.getAttribute("aria-describedby") || "").split(/\s+/).filter((id) => id && !id.startsWith("err-"));
      if (ids.length) el.setAttribute("aria-describedby", ids.join(" "));
      else el.removeAttribute("aria-describedby");
    }
    for (const tr of this.root.querySelectorAll("[data-row].hr-row-error")) tr.classList.remove("hr-row-error");
  }

  /** Show one Dutch message at its field; returns false when the field has no place on the form. */
  showError(field, message, { onlyTouched = false } = {}) {
    const parts = String(field || "").split(".");
    const set = this.rowSets.find((s) => s.field === parts[0]);
    let control = null;
    let errEl = null;
    if (set && parts.length >= 2) {
      const tableIndex = (this.rowMaps[set.field] || [])[Number(parts[1])];
      const tr = set.body.querySelectorAll("[data-row]")[tableIndex];
      if (!tr) return false;
      tr.classList.add("hr-row-error");
      const td = parts[2] ? tr.querySelector(`[data-cell="${CSS.escape(parts[2])}"]`) : null;
      if (td) {
        control = td.querySelector("[name]");
        errEl = td.querySelector("[data-cell-error]");
      } else {
        control = tr.querySelector("[name]");
        errEl = tr.querySelector("[data-cell-error]");
      }
    } else {
      control = this.scalars.find((el) => el.name === parts[0]) || null;
      errEl = this.root.querySelector(`[data-error-for="${CSS.escape(control ? parts[0] : (set ? set.field : ""))}"]`);
      if (onlyTouched && control && !this.touched.has(control.name)) return true;
    }
    if (!errEl) return false;
    errEl.textContent = errEl.textContent ? `${errEl.textContent} ${message}` : message;
    errEl.hidden = false;
    if (control) {
      control.setAttribute("aria-invalid", "true");
      const ids = new Set((control.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean));
      ids.add(errEl.id);
      control.setAttribute("aria-describedby", [...ids].join(" "));
    }
    return true;
  }

  // ---- running ----

  schedule() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.run(), DEBOUNCE_MS);
  }

  async run() {
    this.persist();
    if (this.engineFailed) return;
    const seq = ++this.seq;
    const input = this.payload();
    let engine;
    try {
      engine = await loadEngine();
      await engine.ready;
    } catch (err) {
      this.showEngineError(err && err.message);
      return;
    }
    let result;
    try {
      result = await engine.run(this.name, input);
    } catch (err) {
      if (seq === this.seq) this.showEngineError(err && err.message);
      return;
    }
    if (seq !== this.seq || !this.root.isConnected) return; // a newer input is on its way, or the page changed
    this.render(input, result);
  }

  /** "gelezen als € 1.234.000,50" beside each number and date field the core could read. */
  showRead(read) {
    for (const el of this.root.querySelectorAll("[data-read-for]")) {
      const text = read && read[el.dataset.readFor];
      const control = this.scalars.find((c) => c.name === el.dataset.readFor);
      const show = Boolean(text) && Boolean(control) && control.value.trim() !== "";
      const next = show ? `gelezen als ${text}` : "";
      if (el.textContent !== next) el.textContent = next;
      el.hidden = !show;
    }
  }

  render(input, result) {
    this.clearErrors();
    this.showRead(result && result.read);
    if (!result || !result.ok) {
      const errors = (result && result.errors) || [];
      const untouchedMissing = errors.filter((e) => {
        const el = this.scalars.find((c) => c.name === e.field);
        return el && !this.touched.has(el.name) && e.kind === "missing";
      });
      for (const e of errors) {
        if (!untouchedMissing.includes(e)) this.showError(e.field, e.message) || this.showError("", e.message);
      }
      this.lastResult = null;
      this.resultEl.hidden = false;
      this.resultBody.innerHTML = untouchedMissing.length === errors.length
        ? `<p class="hr-pending" data-pending>Vul de verplichte velden in. Dan zie je hier de uitkomst.</p>`
        : `<p class="hr-invalid" data-invalid>Er klopt nog iets niet in de invoer. Bij de velden staat wat je kunt verbeteren.</p>`;
      this.setStatus(untouchedMissing.length === errors.length ? "Klaar. Vul de verplichte velden in." : "Er klopt nog iets niet in de invoer.");
      clearTimeout(this.announceTimer);
      this.lastAnnounced = null;
      if (this.summaryEl) this.summaryEl.hidden = true;
      this.toggleExports(false);
      return;
    }
    // Rows the core could not use (contractselectie) are kept in the table and marked.
    for (const e of result.row_errors || []) {
      const set = this.rowSets[0];
      this.showError(`${set ? set.field : ""}.${Number(e.row) - 1}.${e.field || ""}`.replace(/\.$/, ""), e.message);
    }
    this.lastInput = input;
    this.lastResult = result;
    const out = this.renderer.render(result, { input, siteRoot: SITE_ROOT, calc: this });
    const used = usedInputs(result.used);
    this.resultBody.innerHTML = used.html + out.html;
    out.text = [out.text, used.text].filter(Boolean).join("\n\n");
    if (out.after) out.after(this.resultBody);
    this.lastText = out.text;
    this.resultEl.hidden = false;
    this.toggleExports(true);
    this.showSummary(out.short || "");
  }

  /** The compact result in a bar that stays in view while the form is scrolled; a screen reader hears it
   *  once, through the status region, after typing has paused (not on every keystroke). */
  showSummary(text) {
    if (!this.summaryEl) {
      this.summaryEl = document.createElement("p");
      this.summaryEl.className = "hr-summary";
      this.summaryEl.dataset.summary = "";
      this.summaryEl.setAttribute("aria-hidden", "true"); // the status region says the same, once
      this.resultEl.before(this.summaryEl);
    }
    this.summaryEl.hidden = !text;
    this.summaryEl.innerHTML = text ? `<a href="#hr-result-title-${escapeHtml(this.name)}">Uitkomst</a>: ${escapeHtml(text)}` : "";
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => {
      const next = text ? `Klaar. Uitkomst: ${text}` : "Klaar. De uitkomst is bijgewerkt.";
      if (next !== this.lastAnnounced) { this.lastAnnounced = next; this.setStatus(next); }
    }, ANNOUNCE_MS);
  }

  toggleExports(enabled) {
    for (const btn of this.root.querySelectorAll(".hr-export button")) btn.disabled = !enabled;
    if (this.exportNote) this.exportNote.textContent = "";
  }

  // ---- wiring ----

  async onAction(action, target) {
    const note = (text) => { if (this.exportNote) this.exportNote.textContent = text; };
    switch (action) {
      case "add-row": {
        const set = this.rowSets.find((s) => s.fieldset.contains(target));
        const tr = this.addRow(set);
        if (tr) tr.querySelector("[name]").focus();
        this.persist();
        break;
      }
      case "remove-row": {
        const set = this.rowSets.find((s) => s.fieldset.contains(target));
        const tr = target.closest("[data-row]");
        const next = tr.nextElementSibling || tr.previousElementSibling;
        tr.remove();
        this.renumber(set);
        (next ? next.querySelector("[name]") : set.fieldset.querySelector('[data-action="add-row"]')).focus();
        this.schedule();
        break;
      }
      case "example":
        if (this.example) {
          const before = this.hasInput() ? this.rawState() : null;
          this.resetControls();
          if (before) this.offerUndo(target.closest(".hr-actions") || target, before);
          this.applyState(this.stateFromInput(this.example));
          for (const el of this.scalars) this.touched.add(el.name);
          this.schedule();
        }
        break;
      case "reset":
        // A run still waiting (the debounce after "Rekenvoorbeeld") or on its way must not bring the old input back.
        clearTimeout(this.timer);
        this.seq++;
        this.resetControls();
        this.touched.clear();
        storageSet(this.name, null);
        this.clearErrors();
        this.resultEl.hidden = true;
        this.lastResult = null;
        this.persist();
        storageSet(this.name, null);
        this.setStatus("Alle velden zijn gewist.");
        break;
      case "copy-link": {
        const { url, fits } = this.shareUrl(this.payload());
        const short = fits ? "" : " Let op: de contractenlijst is te lang voor een link en zit er niet in. Stuur de lijst mee als CSV of JSON.";
        note((await copyText(url)) ? `De link staat op het klembord.${short}` : `Kopiëren lukte niet. De link: ${url}${short}`);
        break;
      }
      case "copy-text":
        if (this.lastText) note((await copyText(this.lastText)) ? "De uitkomst staat als tekst op het klembord." : "Kopiëren lukte niet in deze browser.");
        break;
      case "download-json":
        if (this.lastResult) {
          download(`${this.name}.json`, JSON.stringify({ rekenhulp: this.name, invoer: this.lastInput, uitkomst: this.lastResult }, null, 2), "application/json");
          note("Het JSON-bestand is gedownload.");
        }
        break;
      case "download-csv":
        if (this.lastResult) {
          try {
            const engine = await loadEngine();
            let csv = await engine.exportRankingCsv(this.lastResult);
            if (!csv.startsWith("\ufeff")) csv = "\ufeff" + csv; // Excel reads UTF-8 with a byte-order mark
            download("ranglijst-contracten.csv", csv, "text/csv;charset=utf-8");
            note("De ranglijst is gedownload als CSV.");
          } catch (err) {
            note(`De CSV kon niet worden gemaakt: ${err && err.message ? err.message : "onbekende fout"}.`);
          }
        }
        break;
      case "print":
        window.print();
        break;
      case "retry":
        this.retry();
        break;
      case "undo":
        if (this.undoState) {
          this.applyState(this.undoState);
          this.undoState = null;
          this.hideUndo();
          this.setStatus("Je eerdere invoer staat er weer.");
          this.schedule();
        }
        break;
      case "download-table": {
        download("contracten.csv", this.tableCsv(this.rowSets[0]), "text/csv;charset=utf-8");
        const noteEl = this.root.querySelector("[data-import-note]");
        if (noteEl) noteEl.textContent = "De tabel is gedownload als CSV. Je kunt dat bestand hier later weer inlezen.";
        break;
      }
      case "paste":
        await this.importText(this.root.querySelector("[data-paste]").value);
        break;
      default:
        if (this.renderer.onAction) this.renderer.onAction(action, target, this);
    }
  }

  /** Whether the reader has typed or loaded anything that a replacement would throw away. */
  hasInput() {
    const state = this.rawState();
    const filled = (v) => v !== "" && v !== "false" && v !== undefined;
    const defaults = Object.fromEntries(this.scalars.map((el) => [el.name, el.type === "checkbox" ? (el.defaultChecked ? "true" : "false") : el.defaultValue]));
    return Object.entries(state.scalars).some(([k, v]) => filled(v) && v !== defaults[k])
      || Object.values(state.rows).some((rows) => rows.some((r) => Object.values(r).some(filled)));
  }

  /** After a replacement (import, example): "Ongedaan maken" brings back what was there. */
  offerUndo(anchor, before) {
    this.undoState = before;
    if (!this.undoEl) {
      this.undoEl = document.createElement("p");
      this.undoEl.className = "hr-note hr-undo";
      this.undoEl.innerHTML = '<span>Je eerdere invoer is vervangen.</span> <button type="button" class="md-button" data-action="undo">Ongedaan maken</button>';
    }
    anchor.after(this.undoEl);
    this.undoEl.hidden = false;
  }

  hideUndo() {
    if (this.undoEl) this.undoEl.hidden = true;
  }

  resetControls() {
    this.form.reset();
    for (const set of this.rowSets) {
      set.body.replaceChildren();
      this.addRow(set);
    }
  }

  async retry() {
    this.engineFailed = false;
    this.engineErrorEl.hidden = true;
    try {
      const engine = await loadEngine();
      if (typeof engine.restart === "function") await engine.restart();
      else { location.reload(); return; }
    } catch { /* run() shows the error again */ }
    this.run();
  }

  // ---- import (contractselectie) ----

  async importBytes(bytes, filename) {
    const noteEl = this.root.querySelector("[data-import-note]");
    const set = this.rowSets[0];
    noteEl.textContent = "Het bestand wordt gelezen…";
    let parsed;
    try {
      const engine = await loadEngine();
      await engine.ready;
      parsed = await engine.parseContracts(bytes, filename);
    } catch (err) {
      noteEl.textContent = `Het bestand kon niet worden gelezen: ${err && err.message ? err.message : "onbekende fout"}.`;
      return;
    }
    const rows = parsed.contracts || parsed.rows || [];
    const fileErrors = (parsed.row_errors || parsed.errors || []).filter((e) => !e.row);
    if (!rows.length) {
      // Nothing usable in the file: the table stays exactly as it was.
      noteEl.textContent = [`Uit ${filename} konden we geen regels lezen. De tabel is niet veranderd.`,
        ...fileErrors.map((e) => e.message)].join(" ");
      return;
    }
    const before = this.hasInput() ? this.rawState() : null;
    set.body.replaceChildren();
    for (const row of rows) {
      const values = Object.fromEntries(Object.entries(row || {}).map(([k, v]) => [k, controlText(v)]));
      this.addRow(set, values);
    }
    if (!rows.length) this.addRow(set);
    for (const el of this.scalars) this.touched.add(el.name);
    await this.run();
    const rowErrors = (this.lastResult && this.lastResult.row_errors) || [];
    const badRows = new Set(rowErrors.map((e) => e.row)).size;
    if (before) this.offerUndo(noteEl, before);
    noteEl.textContent = [
      `${rows.length} ${rows.length === 1 ? "regel" : "regels"} ingelezen uit ${filename}.`,
      badRows ? `${badRows} ${badRows === 1 ? "regel heeft" : "regels hebben"} een fout: ze staan gemarkeerd in de tabel en tellen mee zodra je ze verbetert.` : "",
      ...fileErrors.map((e) => e.message),
    ].filter(Boolean).join(" ");
  }

  /** The table as a Dutch Excel CSV (';'), with the column titles the table shows and the cells as typed,
   *  so importing it gives the same rows again. Cells that a spreadsheet would run as a formula get a "'". */
  tableCsv(set) {
    const heads = [...set.fieldset.querySelectorAll("thead th")].map((th) => th.textContent.trim());
    const cells = [...set.template.content.firstElementChild.querySelectorAll("[data-cell]")];
    const offset = 1; // the "Regel" column
    const cols = cells.map((td, i) => ({ name: td.dataset.cell, title: heads[i + offset] }));
    const quote = (v) => {
      let t = String(v ?? "");
      if (/^[=+@\t\r]/.test(t) || (/^-/.test(t) && !/^-[\d.,\s]+$/.test(t))) t = "'" + t;
      return /[;"\n\r]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
    };
    const cellText = (el) => {
      if (el.type === "checkbox") return el.checked ? "ja" : "nee";
      if (el.dataset.type === "boolean") return el.value === "" ? "" : el.value === "true" ? "ja" : "nee";
      return el.value;
    };
    const lines = [cols.map((c) => quote(c.title)).join(";")];
    for (const tr of set.body.querySelectorAll("[data-row]")) {
      const controls = cols.map((c) => tr.querySelector(`[data-cell="${CSS.escape(c.name)}"] [name]`));
      if (controls.every((el) => !el || (el.type === "checkbox" ? !el.checked : el.value.trim() === ""))) continue;
      lines.push(controls.map((el) => quote(el ? cellText(el) : "")).join(";"));
    }
    return "\ufeff" + lines.join("\r\n") + "\r\n";
  }

  async importText(text) {
    if (!text || !text.trim()) return;
    // A spreadsheet copies cells separated by tabs: turn them into a ';' CSV the core's reader knows.
    const csv = text.includes("\t")
      ? text.replace(/\r/g, "").split("\n").map((line) => line.split("\t").map((c) => (/[;"\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(";")).join("\n")
      : text;
    await this.importBytes(new TextEncoder().encode(csv), "geplakt.csv");
  }

  attach() {
    // Start the engine at once: the reader can fill in the form while Python starts.
    this.setStatus("De rekenhulp wordt geladen…");
    loadEngine().then((engine) => {
      if (typeof engine.onStatus === "function") {
        engine.onStatus((s) => {
          if (!this.root.isConnected) return;
          const state = typeof s === "string" ? null : s && s.state;
          const text = typeof s === "string" ? s : s && (s.message || s.text);
          if (state === "error") this.showEngineError(text);
          else if (text && !this.lastResult) this.setStatus(text);
        });
      }
      return engine.ready;
    }).then(() => {
      if (!this.lastResult && !this.engineFailed) this.setStatus("Klaar. Vul de velden in.");
    }).catch((err) => this.showEngineError(err && err.message));

    for (const set of this.rowSets) if (!set.body.querySelector("[data-row]")) this.addRow(set);
    const fromUrl = this.readUrl();
    const stored = storageGet(this.name);
    const [saved, dropped] = cleanState(stored === undefined ? {} : stored, new Set(this.scalars.map((el) => el.name)),
      new Set(this.rowSets.map((set) => set.field)));
    if (dropped || stored === undefined) {
      // Set aside, not thrown away: what this page cannot use stays in the browser under its own key.
      try { localStorage.setItem(`${STORAGE_PREFIX}${this.name}:apart`, localStorage.getItem(STORAGE_PREFIX + this.name) || ""); } catch { /* blocked */ }
      if (this.storageNote) {
        this.storageNote.hidden = false;
        this.storageNote.textContent = "Een deel van de invoer die deze browser had bewaard, kon de rekenhulp niet gebruiken. Dat deel is weggelaten; de rest staat in het formulier.";
        this.storageNoteSticky = true;
      }
    }
    if (fromUrl) {
      // A shared link wins; lists that did not fit into the link come from this browser's storage.
      for (const set of this.rowSets) {
        if (!(set.field in fromUrl.rows) && saved && saved.rows && saved.rows[set.field]) fromUrl.rows[set.field] = saved.rows[set.field];
      }
      this.applyState(fromUrl);
    } else if (saved) {
      this.applyState(saved);
    }
    if (fromUrl || saved) for (const el of this.scalars) if (rawOf(el) !== "" ) this.touched.add(el.name);

    this.form.addEventListener("input", (ev) => {
      if (ev.target.matches("[data-paste]")) return;
      if (ev.target.name) this.touched.add(ev.target.name);
      this.schedule();
    });
    this.form.addEventListener("change", (ev) => {
      if (ev.target.matches("[data-upload]")) {
        const file = ev.target.files && ev.target.files[0];
        if (file) file.arrayBuffer().then((buf) => this.importBytes(new Uint8Array(buf), file.name));
        return;
      }
      if (ev.target.matches("[data-paste]")) return;
      if (ev.target.name) this.touched.add(ev.target.name);
      this.schedule();
    });
    this.form.addEventListener("submit", (ev) => { ev.preventDefault(); this.run(); });
    this.root.addEventListener("click", (ev) => {
      const btn = ev.target.closest("[data-action]");
      if (!btn || !this.root.contains(btn)) return;
      ev.preventDefault();
      this.onAction(btn.dataset.action, btn);
    });
    this.toggleExports(false);
    if (fromUrl || saved) this.schedule();
  }
}

function attachAll() {
  for (const root of document.querySelectorAll(".hr-calc[data-calculator]")) {
    if (root.dataset.attached) continue; // attaching twice is harmless
    root.dataset.attached = "1";
    if (!RENDERERS[root.dataset.calculator]) continue;
    try {
      root.hrCalculator = new Calculator(root);
      root.hrCalculator.attach();
    } catch (err) {
      const status = root.querySelector("[data-status]");
      if (status) status.textContent = "De rekenhulp kon niet starten op deze pagina.";
      console.warn("calculator attach failed", err);
    }
  }
}

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(() => attachAll());
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", attachAll);
} else {
  attachAll();
}

export { attachAll, escapeHtml };

// The brainstorm format (Bijlage III) opened from a top-3 contract: put the contract's name in its title.
function prefillBrainstorm() {
  const title = document.getElementById("bf-titel");
  if (!title) return;
  let name = new URLSearchParams(location.hash.replace(/^#/, "")).get("contract");
  const old = new URLSearchParams(location.search);
  if (!name && old.has("contract")) {
    // An old link with the name in the query: use it once and keep it out of the address from now on.
    name = old.get("contract");
    old.delete("contract");
    try { history.replaceState(history.state, "", `${location.pathname}${old.toString() ? "?" + old : ""}#${new URLSearchParams({ contract: name })}`); } catch { /* sandboxed */ }
  }
  if (name && !title.value) title.value = name;
}
if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(() => prefillBrainstorm());
else prefillBrainstorm();
