// @ts-check
// One calculator on a page: wires the form, its row tables, the saved state, the link and the status
// to the Python core in the worker, and puts the core's result in the page. Every tool (calculator or working
// tool) draws its result once, in Python (handreiking_tools/tools/<tool>/view.py): the worker returns it with
// the result as `view` ({html, text, short}); this module only puts that html in the page.

import { rawOf, readControl, rowsAsText, setRaw, stateFromInput, writesAs } from "./calc-controls.js";
import { loadEngine, messageOf } from "./calc-engine.js";
import { clearErrors, markError } from "./calc-errors.js";
import { copyText, download, pastedAsCsv, Undo } from "./calc-io.js";
import { RowTable } from "./calc-rows.js";
import { Runner } from "./calc-runner.js";
import { StatusView } from "./calc-status.js";
import { cleanState, storageGet, storageSet, storageSetAside } from "./calc-storage.js";
import { dropHash, readUrl, shareUrl, showUrl } from "./calc-url.js";
import { escapeHtml } from "./calc-util.js";

/** @typedef {import("./calc-controls.js").Control} Control */
/** @typedef {import("./calc-storage.js").RawState} RawState */
/** @typedef {{field?: string, message: string, kind?: string}} FieldError */
/** @typedef {{row: number | string, field?: string, message: string}} RowError */
/** @typedef {{label: string, field: string, text: string}} Used */
/** @typedef {{ok?: boolean, errors?: FieldError[], row_errors?: RowError[], read?: Record<string, string>,
 *    used?: Used[], [key: string]: unknown}} Result */

/** The view the core drew for a result, taken off it: what is kept and exported ("Download JSON") is the data alone.
 *  @param {Result} result @returns {{html: string, text: string, short: string}} */
function takeView(result) {
  const view = /** @type {{html?: string, text?: string, short?: string}} */ (result.view || {});
  delete result.view;
  return { html: view.html || "", text: view.text || "", short: view.short || "" };
}

/** Whether a saved state holds anything a reader typed. @param {RawState | null | undefined} state */
function holdsInput(state) {
  if (!state || typeof state !== "object") return false;
  const filled = (/** @type {unknown} */ v) => typeof v === "string" && v !== "" && v !== "false";
  return Object.values(state.scalars || {}).some(filled)
    || Object.values(state.rows || {}).some((rows) => Array.isArray(rows) && rows.some((r) => Object.values(r || {}).some(filled)));
}

/** The inputs the core says it used, as it read them: a misreading shows at a glance.
 *  @param {Used[] | undefined} used */
function usedInputs(used) {
  if (!Array.isArray(used) || !used.length) return { html: "", text: "" };
  const items = used.map((u) => `<div><dt>${escapeHtml(u.label)}</dt><dd data-used="${escapeHtml(u.field)}">${escapeHtml(u.text)}</dd></div>`).join("");
  return {
    html: `<div class="hr-used" data-key="used"><p>Gerekend met deze invoer:</p><dl>${items}</dl></div>`,
    text: "Gerekend met:\n" + used.map((u) => `- ${u.label}: ${u.text}`).join("\n"),
  };
}

export class Calculator {
  /** @param {HTMLElement} root a `.hr-calc[data-calculator]` element */
  constructor(root) {
    this.root = root;
    this.name = root.dataset.calculator || "";
    this.form = /** @type {HTMLFormElement} */ (root.querySelector("[data-form]"));
    this.resultEl = /** @type {HTMLElement} */ (root.querySelector("[data-result]"));
    this.resultBody = /** @type {HTMLElement} */ (root.querySelector("[data-result-body]"));
    this.storageNote = /** @type {HTMLElement | null} */ (root.querySelector("[data-storage-note]"));
    this.storageNoteSticky = false;
    // A tool whose input may hold names of people (actieplan) has no share link: its input never goes
    // into the address, only into this browser's storage.
    this.shares = Boolean(root.querySelector("[data-share-link]"));
    this.view = new StatusView(root, this.name);
    /** @type {Undo<RawState>} */
    this.undo = new Undo();
    this.engineFailed = false;
    /** The engine, once it is ready. @type {import("./calc-engine.js").Engine | null} */
    this.engine = null;
    /** Fields the reader has typed in or loaded: a missing value is only an error there. @type {Set<string>} */
    this.touched = new Set();
    /** @type {Record<string, unknown> | null} */
    this.lastInput = null;
    /** @type {Result | null} */
    this.lastResult = null;
    /** The rows of the last answer the core could not use (also when the answer was no result). @type {RowError[]} */
    this.rowErrors = [];
    this.lastText = "";
    this.lastHtml = "";
    /** @type {Control[]} */
    this.scalars = [...this.form.querySelectorAll("[name]")]
      .filter((el) => !el.closest("[data-rows]") && /** @type {Control} */ (el).name)
      .map((el) => /** @type {Control} */ (el));
    this.tables = [...this.form.querySelectorAll("[data-rows]")].map((fs) => new RowTable(/** @type {HTMLFieldSetElement} */ (fs)));
    this.rowFields = this.tables.map((t) => t.field);
    /** How every control writes a number (writesAs), by its name (the tables' columns too). @type {Record<string, string>} */
    this.types = Object.assign(Object.fromEntries(this.scalars.map((el) => [el.name, writesAs(el)])),
      ...this.tables.map((t) => t.types));
    this.example = root.dataset.example ? JSON.parse(root.dataset.example) : null;
    /** Every change runs the core at once; see calc-runner.js. @type {Runner<Record<string, unknown>, Result>} */
    this.runner = new Runner({
      read: () => {
        const input = this.payload();
        if (!this.engineFailed) return input;
        this.persist(input);
        return null;
      },
      // Once the engine is ready the request leaves at once (no await before postMessage), so saving
      // the state (sent) happens while the worker computes.
      send: (input) => (this.engine ? this.engine.run(this.name, input)
        : loadEngine().then(async (engine) => { await engine.ready; return engine.run(this.name, input); })),
      sent: (input) => this.persist(input),
      draw: (input, result) => { if (this.root.isConnected) this.render(input, result); }, // else the page changed
      fail: (err) => this.showEngineError(messageOf(err)),
    });
  }

  /** @param {string} name */
  control(name) {
    return this.scalars.find((el) => el.name === name);
  }

  /** @param {Element} el */
  tableOf(el) {
    return this.tables.find((t) => t.fieldset.contains(el));
  }

  // ---- state: raw strings per control, so a reload gives back exactly what was typed ----

  /** @returns {RawState} */
  rawState() {
    /** @type {RawState} */
    const state = { scalars: {}, rows: {} };
    for (const el of this.scalars) state.scalars[el.name] = rawOf(el);
    for (const table of this.tables) state.rows[table.field] = table.rawRows();
    return state;
  }

  /** @param {{scalars?: Record<string, string>, rows?: Record<string, Array<Record<string, string>> | undefined>}} state */
  applyState(state) {
    for (const el of this.scalars) {
      if (state.scalars && el.name in state.scalars) setRaw(el, state.scalars[el.name]);
    }
    for (const table of this.tables) {
      const rows = state.rows && state.rows[table.field];
      if (Array.isArray(rows)) table.replace(rows);
    }
  }

  /** What api.run gets. @returns {Record<string, unknown>} */
  payload() {
    /** @type {Record<string, unknown>} */
    const out = {};
    for (const el of this.scalars) {
      const v = readControl(el);
      if (v !== undefined) out[el.name] = v;
    }
    for (const table of this.tables) out[table.field] = table.payload();
    return out;
  }

  /** Save the state in this browser and in the address (after "#").
   *  @param {Record<string, unknown>} [input] the payload, when it was just read */
  persist(input) {
    storageSet(this.name, this.rawState());
    if (!this.shares) return;
    const { url, fits } = shareUrl(input || this.payload(), this.scalars, this.rowFields);
    const link = this.root.querySelector("[data-share-link]");
    if (link) link.setAttribute("href", url);
    showUrl(url);
    if (this.storageNote && !this.storageNoteSticky) {
      this.storageNote.hidden = fits;
      this.storageNote.textContent = fits ? "" : "Je contractenlijst is te lang voor een link. Deze browser bewaart de lijst wel (ook na herladen), maar wie de link opent, krijgt alleen de andere velden. Stuur de lijst mee als CSV of JSON.";
    }
  }

  /** Whether the reader has typed or loaded anything that a replacement would throw away. */
  hasInput() {
    const filled = (/** @type {string} */ v) => v !== "" && v !== "false" && v !== undefined;
    // A select's default is its option marked selected in the page, else its first option.
    /** @param {Control} el @returns {string | undefined} */
    const byDefault = (el) => (el instanceof HTMLInputElement && el.type === "checkbox" ? (el.defaultChecked ? "true" : "false")
      : el instanceof HTMLSelectElement ? ([...el.options].find((o) => o.defaultSelected) || el.options[0])?.value : el.defaultValue);
    return this.scalars.some((el) => filled(rawOf(el)) && rawOf(el) !== byDefault(el)) || this.tables.some((t) => t.hasInput());
  }

  resetControls() {
    this.form.reset();
    for (const table of this.tables) table.replace([], true);
  }

  // ---- errors ----

  /** Show one Dutch message at its field; returns false when the field has no place on the form.
   *  @param {string | undefined} field "name", or "list.index.column" for a row's cell
   *  @param {string} message */
  showError(field, message) {
    const parts = String(field || "").split(".");
    const table = this.tables.find((t) => t.field === parts[0]);
    /** @type {Element | null} */
    let control = null;
    /** @type {HTMLElement | null} */
    let errEl = null;
    if (table && parts.length >= 2) {
      const tr = table.rowOfItem(Number(parts[1]));
      if (!tr) return false;
      tr.classList.add("hr-row-error");
      const td = parts[2] ? tr.querySelector(`[data-cell="${CSS.escape(parts[2])}"]`) : null;
      control = (td || tr).querySelector("[name]");
      errEl = table.errorPlace(tr, td);
    } else {
      control = this.control(parts[0]) || null;
      errEl = this.root.querySelector(`[data-error-for="${CSS.escape(control ? parts[0] : (table ? table.field : ""))}"]`);
    }
    if (!errEl) return false;
    markError(errEl, control, message);
    return true;
  }

  // ---- running ----

  /** Run the core on the form as it is now; settles once the answer (or a newer one) is on the page. */
  run() {
    return this.runner.request();
  }

  /** @param {string | undefined} message */
  showEngineError(message) {
    this.engineFailed = true;
    this.view.showEngineError(message);
  }

  /** @param {Record<string, unknown>} input @param {Result | null} result */
  render(input, result) {
    clearErrors(this.root);
    this.view.showRead(result ? result.read : undefined, (name) => this.control(name));
    // Rows the core could not use (contractselectie) are kept in the table and marked, also while another
    // field (the Peildatum) still keeps the list from being computed.
    this.rowErrors = (result && result.row_errors) || [];
    for (const e of this.rowErrors) {
      const table = this.tables[0];
      this.showError(`${table ? table.field : ""}.${Number(e.row) - 1}.${e.field || ""}`.replace(/\.$/, ""), e.message);
    }
    if (!result || !result.ok) {
      const errors = (result && result.errors) || [];
      // A required field the reader has not reached yet is not an error yet: the core says "missing" (its kind).
      const untouchedMissing = errors.filter((e) => {
        const el = this.control(e.field || "");
        return el && !this.touched.has(el.name) && e.kind === "missing";
      });
      for (const e of errors) {
        if (!untouchedMissing.includes(e)) this.showError(e.field, e.message) || this.showError("", e.message);
      }
      const pending = untouchedMissing.length === errors.length;
      this.lastResult = null;
      this.lastHtml = "";
      this.resultEl.hidden = false;
      this.resultBody.innerHTML = pending
        ? `<p class="hr-pending" data-pending>Vul de verplichte velden in. Dan zie je hier de uitkomst.</p>`
        : `<p class="hr-invalid" data-invalid>Er klopt nog iets niet in de invoer. Bij de velden staat wat je kunt verbeteren.</p>`;
      this.view.setStatus(pending ? "Klaar. Vul de verplichte velden in." : "Er klopt nog iets niet in de invoer.");
      this.view.hideSummary();
      this.view.toggleExports(false);
      return;
    }
    this.lastInput = input;
    this.lastResult = result;
    const out = takeView(result);
    const used = usedInputs(result.used);
    const html = used.html + out.html;
    // The same result again (a keystroke that changes nothing the result shows): leave the page as it is.
    if (html !== this.lastHtml) {
      this.resultBody.innerHTML = html;
      this.lastHtml = html;
    }
    this.lastText = [out.text, used.text].filter(Boolean).join("\n\n");
    this.resultEl.hidden = false;
    this.view.toggleExports(true);
    this.view.showSummary(out.short || "");
  }

  async retry() {
    this.engineFailed = false;
    this.view.hideEngineError();
    try {
      const engine = await loadEngine();
      if (typeof engine.restart === "function") await engine.restart();
      else { location.reload(); return; }
    } catch { /* run() shows the error again */ }
    this.run();
  }

  // ---- actions (buttons with data-action) ----

  /** @param {string} action @param {HTMLElement} target */
  async onAction(action, target) {
    const note = (/** @type {string} */ text) => this.view.exportMessage(text);
    switch (action) {
      case "add-row": {
        const table = this.tableOf(target);
        const tr = table && table.add();
        if (tr) /** @type {HTMLElement} */ (tr.querySelector("[name]")).focus();
        this.persist();
        break;
      }
      case "remove-row": {
        const table = this.tableOf(target);
        const tr = /** @type {HTMLTableRowElement | null} */ (target.closest("[data-row]"));
        if (!table || !tr) break;
        table.remove(tr)?.focus();
        this.run();
        break;
      }
      case "example":
        if (this.example) {
          const before = this.hasInput() ? this.rawState() : null;
          this.resetControls();
          if (before) this.undo.offer(target.closest(".hr-actions") || target, before);
          this.applyState(stateFromInput(this.example, new Set(this.rowFields), this.types));
          for (const el of this.scalars) this.touched.add(el.name);
          this.run();
        }
        break;
      case "reset":
        // A run on its way (after "Rekenvoorbeeld") must not bring the old input back.
        this.runner.cancel();
        this.resetControls();
        this.touched.clear();
        storageSet(this.name, null);
        clearErrors(this.root);
        this.view.hideSummary(); // and no announcement of the result that was there
        this.resultEl.hidden = true;
        this.lastResult = null;
        this.rowErrors = [];
        this.persist();
        storageSet(this.name, null);
        this.view.setStatus("Alle velden zijn gewist.");
        break;
      case "copy-link": {
        const { url, fits } = shareUrl(this.payload(), this.scalars, this.rowFields);
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
            note(`De CSV kon niet worden gemaakt: ${messageOf(err) || "onbekende fout"}.`);
          }
        }
        break;
      case "print":
        window.print();
        break;
      case "retry":
        this.retry();
        break;
      case "undo": {
        const before = this.undo.take();
        if (before) {
          this.applyState(before);
          this.view.setStatus("Je eerdere invoer staat er weer.");
          this.run();
        }
        break;
      }
      case "download-table": {
        download("contracten.csv", this.tables[0].toCsv(), "text/csv;charset=utf-8");
        const noteEl = this.root.querySelector("[data-import-note]");
        if (noteEl) noteEl.textContent = "De tabel is gedownload als CSV. Je kunt dat bestand hier later weer inlezen.";
        break;
      }
      case "paste": {
        const area = /** @type {HTMLTextAreaElement | null} */ (this.root.querySelector("[data-paste]"));
        const text = area ? area.value : "";
        if (text.trim()) await this.importBytes(new TextEncoder().encode(pastedAsCsv(text)), "geplakt.csv");
        break;
      }
      case "download-md":
        // The view's text is Markdown (headings, lists, pipe tables).
        if (this.lastText) {
          download(`${this.name}.md`, this.lastText, "text/markdown;charset=utf-8");
          note("Het Markdown-bestand is gedownload.");
        }
        break;
      case "download-rows-csv": {
        const table = this.tables.find((t) => t.field === target.dataset.rowsField);
        if (table) {
          download(`${this.name}-${table.field}.csv`, table.toCsv(), "text/csv;charset=utf-8");
          note("De tabel is gedownload als CSV.");
        }
        break;
      }
    }
  }

  // ---- reading a downloaded JSON file back in (every tool), to go on where the reader left off ----

  /** @param {File} file */
  async importJson(file) {
    const noteEl = /** @type {HTMLElement | null} */ (this.root.querySelector("[data-import-json-note]"));
    const say = (/** @type {string} */ text) => { if (noteEl) noteEl.textContent = text; };
    /** @type {any} */
    let data;
    try {
      data = JSON.parse(await file.text());
    } catch {
      say(`${file.name} is geen JSON-bestand dat deze pagina kan lezen. Het formulier is niet veranderd.`);
      return;
    }
    const input = data && typeof data === "object" ? data.invoer : null;
    if (!input || typeof input !== "object" || Array.isArray(input)) {
      say(`In ${file.name} staat geen invoer van een hulpmiddel. Het formulier is niet veranderd.`);
      return;
    }
    if (data.rekenhulp !== this.name) {
      say(`${file.name} hoort bij "${String(data.rekenhulp)}", niet bij dit hulpmiddel. Het formulier is niet veranderd.`);
      return;
    }
    const before = this.hasInput() ? this.rawState() : null;
    this.resetControls();
    this.applyState(stateFromInput(input, new Set(this.rowFields), this.types));
    for (const table of this.tables) if (!table.rows().length) table.add();
    for (const el of this.scalars) this.touched.add(el.name);
    if (before && noteEl) this.undo.offer(noteEl, before);
    await this.run();
    say(`${file.name} is ingelezen. Je kunt verder waar je gebleven was.`);
  }

  // ---- import (contractselectie) ----

  /** @param {Uint8Array} bytes @param {string} filename */
  async importBytes(bytes, filename) {
    const noteEl = /** @type {HTMLElement} */ (this.root.querySelector("[data-import-note]"));
    const table = this.tables[0];
    noteEl.textContent = "Het bestand wordt gelezen…";
    let parsed;
    try {
      const engine = await loadEngine();
      await engine.ready;
      parsed = await engine.parseContracts(bytes, filename);
    } catch (err) {
      noteEl.textContent = `Het bestand kon niet worden gelezen: ${messageOf(err) || "onbekende fout"}.`;
      return;
    }
    /** @type {unknown[]} */
    const rows = parsed.contracts || parsed.rows || [];
    /** @type {Array<{row?: number, message: string}>} */
    const fileErrors = (parsed.row_errors || parsed.errors || []).filter((/** @type {{row?: number}} */ e) => !e.row);
    if (!rows.length) {
      // Nothing usable in the file: the table stays exactly as it was.
      noteEl.textContent = [`Uit ${filename} konden we geen regels lezen. De tabel is niet veranderd.`,
        ...fileErrors.map((e) => e.message)].join(" ");
      return;
    }
    const before = this.hasInput() ? this.rawState() : null;
    table.replace(rowsAsText(rows, table.types), true);
    for (const el of this.scalars) this.touched.add(el.name);
    await this.run();
    const badRows = new Set(this.rowErrors.map((e) => e.row)).size;
    if (before) this.undo.offer(noteEl, before);
    noteEl.textContent = [
      `${rows.length} ${rows.length === 1 ? "regel" : "regels"} ingelezen uit ${filename}.`,
      badRows ? `${badRows} ${badRows === 1 ? "regel heeft" : "regels hebben"} een fout: ze staan gemarkeerd in de tabel en tellen mee zodra je ze verbetert.` : "",
      ...fileErrors.map((e) => e.message),
    ].filter(Boolean).join(" ");
  }

  // ---- wiring ----

  /** The reader changed `control`: note it, and run the core.
   *  @param {Control} control */
  changed(control) {
    const tr = /** @type {HTMLTableRowElement | null} */ (control.closest("[data-row]"));
    if (tr) this.tableOf(tr)?.touch(tr);
    if (control.name) this.touched.add(control.name);
    this.run();
  }

  attach() {
    // Start the engine at once: the reader can fill in the form while Python starts.
    this.view.setStatus("De rekenhulp wordt geladen…");
    loadEngine().then((engine) => {
      if (typeof engine.onStatus === "function") {
        engine.onStatus((s) => {
          if (!this.root.isConnected) return;
          const state = typeof s === "string" ? null : s && s.state;
          const text = typeof s === "string" ? s : s && (s.message || s.text);
          if (state === "error") this.showEngineError(text);
          else if (text && !this.lastResult) this.view.setStatus(text);
        });
      }
      return engine.ready.then(() => { this.engine = engine; });
    }).then(() => {
      if (!this.lastResult && !this.engineFailed) this.view.setStatus("Klaar. Vul de velden in.");
    }).catch((err) => this.showEngineError(messageOf(err)));

    for (const table of this.tables) if (!table.rows().length) table.add();
    // A tool without a share link reads nothing from the address and keeps it clean.
    const fromUrl = this.shares ? readUrl(this.scalars, this.rowFields, this.types) : (dropHash(), null);
    const stored = storageGet(this.name);
    const [saved, dropped] = cleanState(stored === undefined ? {} : stored, new Set(this.scalars.map((el) => el.name)),
      new Set(this.rowFields));
    if (dropped || stored === undefined) {
      // Set aside, not thrown away: what this page cannot use stays in the browser under its own key.
      storageSetAside(this.name);
      if (this.storageNote) {
        this.storageNote.hidden = false;
        this.storageNote.textContent = "Een deel van de invoer die deze browser had bewaard, kon de rekenhulp niet gebruiken. Dat deel is weggelaten; de rest staat in het formulier.";
        this.storageNoteSticky = true;
      }
    }
    if (fromUrl) {
      // A shared link wins; lists that did not fit into the link come from this browser's storage.
      for (const field of this.rowFields) {
        if (!(field in fromUrl.rows) && saved && saved.rows && saved.rows[field]) fromUrl.rows[field] = saved.rows[field];
      }
      this.applyState(fromUrl);
      // The link replaced what this browser held (e.g. a contract sent to the brainstorm): offer it back.
      if (saved && holdsInput(saved) && JSON.stringify(saved) !== JSON.stringify(this.rawState())) {
        this.undo.offer(this.root.querySelector(".hr-actions") || this.form, saved);
      }
    } else if (saved) {
      this.applyState(saved);
    }
    if (fromUrl || saved) for (const el of this.scalars) if (rawOf(el) !== "") this.touched.add(el.name);

    // One listener for the whole form (also for every cell of a 2.000-row table).
    this.form.addEventListener("input", (ev) => {
      const target = /** @type {Control} */ (ev.target);
      if (target.matches("[data-paste]")) return;
      this.changed(target);
    });
    this.form.addEventListener("change", (ev) => {
      const target = /** @type {Control} */ (ev.target);
      if (target.matches("[data-upload]")) {
        const file = target instanceof HTMLInputElement && target.files && target.files[0];
        if (file) file.arrayBuffer().then((buf) => this.importBytes(new Uint8Array(buf), file.name));
        return;
      }
      if (target.matches("[data-import-json]")) {
        const input = /** @type {HTMLInputElement} */ (target);
        const file = input.files && input.files[0];
        if (file) this.importJson(file).finally(() => { input.value = ""; });
        return;
      }
      if (target.matches("[data-paste]")) return;
      this.changed(target);
    });
    this.form.addEventListener("submit", (ev) => { ev.preventDefault(); this.run(); });
    this.root.addEventListener("click", (ev) => {
      const btn = /** @type {HTMLElement | null} */ (/** @type {Element} */ (ev.target).closest("[data-action]"));
      if (!btn || !this.root.contains(btn)) return;
      ev.preventDefault();
      this.onAction(btn.dataset.action || "", btn);
    });
    this.view.toggleExports(false);
    if (fromUrl || saved) this.run();
  }
}

