// @ts-check
// A table of rows in a form (contractselectie's contracts): rows made from the form's <template>, each
// control named after its column; the row numbers, ids and labels follow a row's place in the table.

import { isEmpty, rawOf, readControl, setRaw } from "./calc-controls.js";

/** @typedef {import("./calc-controls.js").Control} Control */

/** @param {ParentNode} node @returns {Control[]} */
const controlsIn = (node) => [...node.querySelectorAll("[name]")].map((el) => /** @type {Control} */ (el));

export class RowTable {
  /** @param {HTMLFieldSetElement} fieldset the form's <fieldset data-rows="field"> */
  constructor(fieldset) {
    this.fieldset = fieldset;
    /** @type {string} the field of the core's input that holds the list */
    this.field = fieldset.dataset.rows || "";
    this.body = /** @type {HTMLTableSectionElement} */ (fieldset.querySelector("[data-rows-body]"));
    this.template = /** @type {HTMLTemplateElement} */ (fieldset.querySelector("[data-row-template]"));
    this.max = Number(fieldset.dataset.maxItems || 0) || Infinity;
    /** Index of the last row sent to the core for each row of the list it got (blank rows are skipped). @type {number[]} */
    this.sentRows = [];
  }

  /** @returns {HTMLTableRowElement[]} */
  rows() {
    return [...this.body.querySelectorAll("[data-row]")].map((tr) => /** @type {HTMLTableRowElement} */ (tr));
  }

  /** Add a row at the end, filled with `values` (control text per column); null when the table is full.
   *  @param {Record<string, string>} [values]
   *  @returns {HTMLTableRowElement | null} */
  add(values = {}) {
    if (this.rows().length >= this.max) return null;
    const tr = /** @type {HTMLTableRowElement} */ (/** @type {Element} */ (this.template.content.firstElementChild).cloneNode(true));
    for (const el of controlsIn(tr)) {
      if (values && el.name in values) setRaw(el, values[el.name]);
    }
    this.body.appendChild(tr);
    this.renumber();
    return tr;
  }

  /** Replace every row by `list` (control text per column); an empty list leaves one empty row when `keepOne`.
   *  @param {Array<Record<string, string>>} list
   *  @param {boolean} [keepOne] */
  replace(list, keepOne = false) {
    this.body.replaceChildren();
    for (const values of list) this.add(values);
    if (keepOne && !list.length) this.add();
  }

  /** Remove one row; returns the control to move the focus to (the next row's, or the add button).
   *  @param {HTMLTableRowElement} tr
   *  @returns {HTMLElement | null} */
  remove(tr) {
    const next = tr.nextElementSibling || tr.previousElementSibling;
    tr.remove();
    this.renumber();
    return next ? next.querySelector("[name]") : this.fieldset.querySelector('[data-action="add-row"]');
  }

  renumber() {
    const titles = [...(this.body.closest("table")?.querySelectorAll("thead th") || [])].map((th) => th.textContent || "");
    this.rows().forEach((tr, i) => {
      tr.dataset.index = String(i);
      const num = tr.querySelector("[data-rownum]");
      if (num) num.textContent = String(i + 1);
      for (const td of /** @type {NodeListOf<HTMLElement>} */ (tr.querySelectorAll("[data-cell]"))) {
        const col = td.dataset.cell;
        const el = td.querySelector("[name]");
        const errEl = td.querySelector("[data-cell-error]");
        if (el) el.id = `f-${this.field}-${i}-${col}`;
        if (errEl) errEl.id = `err-${this.field}.${i}.${col}`;
        el?.setAttribute("aria-label", `${titles[[...tr.children].indexOf(td)]}, regel ${i + 1}`);
      }
      const btn = tr.querySelector('[data-action="remove-row"]');
      if (btn) btn.setAttribute("aria-label", `Verwijder regel ${i + 1}`);
    });
  }

  /** Every row's controls as saved text. @returns {Array<Record<string, string>>} */
  rawRows() {
    return this.rows().map((tr) => {
      /** @type {Record<string, string>} */
      const row = {};
      for (const el of controlsIn(tr)) row[el.name] = rawOf(el);
      return row;
    });
  }

  /** The list for the core: one object per row that is not blank (an empty row is still to be filled
   *  in, not an error). Remembers which table row each item came from, for the errors.
   *  @returns {Array<Record<string, string | boolean>>} */
  payload() {
    /** @type {Array<Record<string, string | boolean>>} */
    const list = [];
    /** @type {number[]} */
    const map = [];
    this.rows().forEach((tr, i) => {
      /** @type {Record<string, string | boolean>} */
      const row = {};
      const controls = controlsIn(tr);
      for (const el of controls) {
        const v = readControl(el);
        if (v !== undefined && !(el instanceof HTMLInputElement && el.type === "checkbox" && v === false)) row[el.name] = v;
      }
      if (controls.every(isEmpty)) return;
      list.push(row);
      map.push(i);
    });
    this.sentRows = map;
    return list;
  }

  /** The table row of item `index` of the list last sent to the core.
   *  @param {number} index
   *  @returns {HTMLTableRowElement | undefined} */
  rowOfItem(index) {
    return this.rows()[this.sentRows[index]];
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
