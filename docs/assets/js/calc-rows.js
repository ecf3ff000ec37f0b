// @ts-check
// A table of rows in a form (contractselectie's contracts): rows made from the form's <template>, each
// control named after its column; the row numbers, ids and labels follow a row's place in the table.
// Built for 2.000 rows: a list is put in with one DocumentFragment, a row is numbered once when it is
// made (and again only when a row above it goes), and what each row gives the core and the storage is
// kept until an input in that row changes it (touch), so a keystroke reads one row, not all of them.

import { isEmpty, rawOf, readControl, setRaw } from "./calc-controls.js";

/** @typedef {import("./calc-controls.js").Control} Control */

/** @param {ParentNode} node @returns {Control[]} */
const controlsIn = (node) => [...node.querySelectorAll("[name]")].map((el) => /** @type {Control} */ (el));

/** @typedef {{raw: Record<string, string>, item: Record<string, string | boolean>, blank: boolean}} RowData */

/** What one row gives the storage (raw), the core (item) and whether it is blank.
 *  @param {HTMLTableRowElement} tr
 *  @returns {RowData} */
function readRow(tr) {
  /** @type {Record<string, string>} */
  const raw = {};
  /** @type {Record<string, string | boolean>} */
  const item = {};
  let blank = true;
  for (const el of controlsIn(tr)) {
    raw[el.name] = rawOf(el);
    const v = readControl(el);
    if (v !== undefined && !(el instanceof HTMLInputElement && el.type === "checkbox" && v === false)) item[el.name] = v;
    if (!isEmpty(el)) blank = false;
  }
  return { raw, item, blank };
}

export class RowTable {
  /** @param {HTMLFieldSetElement} fieldset the form's <fieldset data-rows="field"> */
  constructor(fieldset) {
    this.fieldset = fieldset;
    /** @type {string} the field of the core's input that holds the list */
    this.field = fieldset.dataset.rows || "";
    this.body = /** @type {HTMLTableSectionElement} */ (fieldset.querySelector("[data-rows-body]"));
    this.template = /** @type {HTMLTemplateElement} */ (fieldset.querySelector("[data-row-template]"));
    this.max = Number(fieldset.dataset.maxItems || 0) || Infinity;
    /** The table row of each item of the list last given to the core (blank rows are skipped). @type {HTMLTableRowElement[]} */
    this.sentRows = [];
    /** @type {WeakMap<HTMLTableRowElement, RowData>} */
    this.data = new WeakMap();
    /** @type {HTMLTableRowElement | null} */
    this.prototype = null;
    const head = [...(this.body.closest("table")?.querySelectorAll("thead th") || [])].map((th) => th.textContent || "");
    const cells = [...(this.template.content.firstElementChild?.children || [])];
    /** Each column's title by its name, for the labels ("Jaarwaarde (€), regel 3"). @type {Record<string, string>} */
    this.titles = Object.fromEntries(cells.map((td, i) => [/** @type {HTMLElement} */ (td).dataset.cell || "", head[i] || ""]));
  }

  /** @returns {HTMLTableRowElement[]} */
  rows() {
    return /** @type {HTMLTableRowElement[]} */ ([...this.body.children].filter((tr) => tr.hasAttribute("data-row")));
  }

  /** A new row filled with `values` (control text per column), numbered as row `index`.
   *  @param {Record<string, string>} values
   *  @param {number} index */
  make(values, index) {
    // Cloned from a copy that already belongs to this document (a clone from the <template> would be
    // adopted node by node when it is put in).
    this.prototype ||= /** @type {HTMLTableRowElement} */ (document.importNode(/** @type {Element} */ (this.template.content.firstElementChild), true));
    const tr = /** @type {HTMLTableRowElement} */ (this.prototype.cloneNode(true));
    for (const el of controlsIn(tr)) {
      if (values && el.name in values) setRaw(el, values[el.name]);
    }
    this.number(tr, index);
    return tr;
  }

  /** Add a row at the end, filled with `values` (control text per column); null when the table is full.
   *  @param {Record<string, string>} [values]
   *  @returns {HTMLTableRowElement | null} */
  add(values = {}) {
    const count = this.rows().length;
    if (count >= this.max) return null;
    const tr = this.make(values, count);
    this.body.appendChild(tr);
    return tr;
  }

  /** Replace every row by `list` (control text per column), in one change of the page (at most `max`
   *  rows); an empty list leaves one empty row when `keepOne`.
   *  @param {Array<Record<string, string>>} list
   *  @param {boolean} [keepOne] */
  replace(list, keepOne = false) {
    const fragment = document.createDocumentFragment();
    list.slice(0, this.max).forEach((values, i) => fragment.appendChild(this.make(values, i)));
    if (keepOne && !list.length) fragment.appendChild(this.make({}, 0));
    this.body.replaceChildren(fragment);
  }

  /** Remove one row; returns the control to move the focus to (the next row's, or the add button).
   *  @param {HTMLTableRowElement} tr
   *  @returns {HTMLElement | null} */
  remove(tr) {
    const next = tr.nextElementSibling || tr.previousElementSibling;
    const from = Number(tr.dataset.index) || 0;
    tr.remove();
    this.rows().slice(from).forEach((row, i) => this.number(row, from + i)); // only the rows below move up
    return next ? next.querySelector("[name]") : this.fieldset.querySelector('[data-action="add-row"]');
  }

  /** Give row `tr` its number `i` (0-based): the number shown, the ids of its controls and messages,
   *  and labels that say the row ("Jaarwaarde (€), regel 3").
   *  @param {HTMLTableRowElement} tr
   *  @param {number} i */
  number(tr, i) {
    tr.dataset.index = String(i);
    const num = tr.querySelector("[data-rownum]");
    if (num) num.textContent = String(i + 1);
    for (const td of /** @type {NodeListOf<HTMLElement>} */ (tr.querySelectorAll("[data-cell]"))) {
      const col = td.dataset.cell || "";
      const el = td.querySelector("[name]");
      const errEl = td.querySelector("[data-cell-error]");
      if (el) el.id = `f-${this.field}-${i}-${col}`;
      if (errEl) errEl.id = `err-${this.field}.${i}.${col}`;
      el?.setAttribute("aria-label", `${this.titles[col]}, regel ${i + 1}`);
    }
    const btn = tr.querySelector('[data-action="remove-row"]');
    if (btn) btn.setAttribute("aria-label", `Verwijder regel ${i + 1}`);
  }

  /** An input in `tr` changed: read that row again next time.
   *  @param {HTMLTableRowElement} tr */
  touch(tr) {
    this.data.delete(tr);
  }

  /** @param {HTMLTableRowElement} tr @returns {RowData} */
  read(tr) {
    let data = this.data.get(tr);
    if (!data) {
      data = readRow(tr);
      this.data.set(tr, data);
    }
    return data;
  }

  /** Every row's controls as saved text. @returns {Array<Record<string, string>>} */
  rawRows() {
    return this.rows().map((tr) => this.read(tr).raw);
  }

  /** The list for the core: one object per row that is not blank (an empty row is still to be filled
   *  in, not an error). Remembers which table row each item came from, for the errors.
   *  @returns {Array<Record<string, string | boolean>>} */
  payload() {
    /** @type {Array<Record<string, string | boolean>>} */
    const list = [];
    /** @type {HTMLTableRowElement[]} */
    const sent = [];
    for (const tr of this.rows()) {
      const data = this.read(tr);
      if (data.blank) continue;
      list.push(data.item);
      sent.push(tr);
    }
    this.sentRows = sent;
    return list;
  }

  /** The table row of item `index` of the list last sent to the core.
   *  @param {number} index
   *  @returns {HTMLTableRowElement | undefined} */
  rowOfItem(index) {
    return this.sentRows[index];
  }

  /** Whether any row has something filled in. */
  hasInput() {
    return this.rawRows().some((r) => Object.values(r).some((v) => v !== "" && v !== "false"));
  }

  /** The table as a Dutch Excel CSV (';'), with the column titles the table shows and the cells as typed,
   *  so importing it gives the same rows again. Cells that a spreadsheet would run as a formula get a "'".
   *  @returns {string} */
  toCsv() {
    const heads = [...this.fieldset.querySelectorAll("thead th")].map((th) => (th.textContent || "").trim());
    const cells = /** @type {HTMLElement[]} */ ([...(this.template.content.firstElementChild?.querySelectorAll("[data-cell]") || [])]);
    const offset = 1; // the "Regel" column
    const cols = cells.map((td, i) => ({ name: td.dataset.cell || "", title: heads[i + offset] }));
    /** @param {unknown} v */
    const quote = (v) => {
      let t = String(v ?? "");
      if (/^[=+@\t\r]/.test(t) || (/^-/.test(t) && !/^-[\d.,\s]+$/.test(t))) t = "'" + t;
      return /[;"\n\r]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
    };
    /** @param {Control} el */
    const cellText = (el) => {
      if (el instanceof HTMLInputElement && el.type === "checkbox") return el.checked ? "ja" : "nee";
      if (el.dataset.type === "boolean") return el.value === "" ? "" : el.value === "true" ? "ja" : "nee";
      return el.value;
    };
    const lines = [cols.map((c) => quote(c.title)).join(";")];
    for (const tr of this.rows()) {
      const controls = cols.map((c) => /** @type {Control | null} */ (tr.querySelector(`[data-cell="${CSS.escape(c.name)}"] [name]`)));
      if (controls.every((el) => !el || isEmpty(el))) continue;
      lines.push(controls.map((el) => quote(el ? cellText(el) : "")).join(";"));
    }
    return "\ufeff" + lines.join("\r\n") + "\r\n";
  }
}
