// @ts-check
// A table of rows in a form (contractselectie's contracts, the working tools' lists): rows made from the
// form's <template>, each control named after its column; the row numbers, ids and labels follow a row's
// place in the table.
// Built for 2.000 rows: a list is put in with one DocumentFragment; a row is numbered once when it is made
// (and again only when a row above it goes); what each row gives the core and the storage is read while the
// row is made and kept until an input in that row changes it (touch), so a keystroke reads one row, not all.
// From LONG_ROWS rows on, the table is laid out row by row (class hr-rows-long, calculators.css): the column
// widths are measured once from the table as the browser drew it, and a row out of view is not drawn until
// it comes near it (content-visibility). Every row stays in the page with its controls, labels and errors.

import { isEmpty, rawOf, readControl, setRaw, writesAs } from "./calc-controls.js";
import { textCell } from "./calc-util.js";

/** @typedef {import("./calc-controls.js").Control} Control */

/** From this many rows a table is drawn as a long table. Below it the browser's own table layout costs
 *  little, and the table stays exactly as it always was. */
export const LONG_ROWS = 100;

/** @typedef {{raw: Record<string, string>, item: Record<string, string | boolean>, blank: boolean}} RowData */
/** Where a row's parts sit, as child indexes from the row: every row is a copy of the template.
 *  @typedef {{num: number[] | null, cells: Array<{col: string, control: number[]}>, remove: number[] | null}} Shape */
/** A row's parts. @typedef {{num: Element | null, cells: Array<{col: string, control: Control}>, remove: Element | null}} Parts */

/** @param {Element} root @param {Element} el @returns {number[]} */
function pathTo(root, el) {
  const path = [];
  for (let node = el; node !== root && node.parentElement; node = node.parentElement) {
    path.unshift(Array.prototype.indexOf.call(node.parentElement.children, node));
  }
  return path;
}

/** @param {Element} root @param {number[]} path @returns {Element} */
function at(root, path) {
  let node = root;
  for (const i of path) node = node.children[i];
  return node;
}

/** What one row gives the storage (raw), the core (item) and whether it is blank.
 *  @param {Parts} parts
 *  @returns {RowData} */
function readRow(parts) {
  /** @type {Record<string, string>} */
  const raw = {};
  /** @type {Record<string, string | boolean>} */
  const item = {};
  let blank = true;
  for (const { control: el } of parts.cells) {
    raw[el.name] = rawOf(el);
    const v = readControl(el);
    if (v !== undefined && !(el instanceof HTMLInputElement && el.type === "checkbox" && v === false)) item[el.name] = v;
    if (!isEmpty(el)) blank = false;
  }
  return { raw, item, blank };
}

/** Roles a table keeps when CSS no longer draws it as a table (some browsers take them from the layout).
 *  @param {Element} el */
function tableRole(el) {
  const roles = /** @type {Record<string, string>} */ ({ TABLE: "table", THEAD: "rowgroup", TBODY: "rowgroup", TR: "row", TD: "cell" });
  if (el.tagName === "TH") return el.getAttribute("scope") === "row" ? "rowheader" : "columnheader";
  return roles[el.tagName] || "";
}

/** @param {Element} root give `root` and every table part in it its role */
function keepTableRoles(root) {
  for (const el of [root, ...root.querySelectorAll("thead, tbody, tr, th, td")]) {
    const role = tableRole(el);
    if (role && !el.hasAttribute("role")) el.setAttribute("role", role);
  }
}

export class RowTable {
  /** @param {HTMLFieldSetElement} fieldset the form's <fieldset data-rows="field"> */
  constructor(fieldset) {
    this.fieldset = fieldset;
    /** @type {string} the field of the core's input that holds the list */
    this.field = fieldset.dataset.rows || "";
    this.body = /** @type {HTMLTableSectionElement} */ (fieldset.querySelector("[data-rows-body]"));
    this.table = /** @type {HTMLTableElement} */ (this.body.closest("table"));
    this.template = /** @type {HTMLTemplateElement} */ (fieldset.querySelector("[data-row-template]"));
    this.max = Number(fieldset.dataset.maxItems || 0) || Infinity;
    /** The table row of each item of the list last given to the core (blank rows are skipped). @type {HTMLTableRowElement[]} */
    this.sentRows = [];
    /** @type {WeakMap<HTMLTableRowElement, RowData>} */
    this.data = new WeakMap();
    /** @type {HTMLTableRowElement | null} */
    this.prototype = null;
    /** @type {Shape | null} */
    this.shape = null;
    /** Whether the table is drawn as a long table (it stays one). */
    this.long = false;
    const head = [...this.table.querySelectorAll("thead th")].map((th) => th.textContent || "");
    const cells = [...(this.template.content.firstElementChild?.children || [])];
    /** Each column's title by its name, for the labels ("Jaarwaarde (€), regel 3"). @type {Record<string, string>} */
    this.titles = Object.fromEntries(cells.map((td, i) => [/** @type {HTMLElement} */ (td).dataset.cell || "", head[i] || ""]));
    /** How each column writes a number by its name ("eur", "number", "date", ...; writesAs), for values from a file. @type {Record<string, string>} */
    this.types = Object.fromEntries([...this.template.content.querySelectorAll("[name]")]
      .map((el) => [/** @type {Control} */ (el).name, writesAs(el)]));
  }

  /** @returns {HTMLTableRowElement[]} */
  rows() {
    return /** @type {HTMLTableRowElement[]} */ ([...this.body.children].filter((tr) => tr.hasAttribute("data-row")));
  }

  /** The copy of the template that every row is cloned from. It belongs to this document already (a clone
   *  from the <template> would be adopted node by node when it is put in). @returns {HTMLTableRowElement} */
  proto() {
    if (!this.prototype) {
      const tr = /** @type {HTMLTableRowElement} */ (document.importNode(/** @type {Element} */ (this.template.content.firstElementChild), true));
      // The line breaks between the template's tags draw nothing here; without them a row has a quarter fewer nodes.
      const walker = document.createTreeWalker(tr, NodeFilter.SHOW_TEXT);
      /** @type {Node[]} */
      const blanks = [];
      while (walker.nextNode()) if (!/\S/.test(/** @type {Text} */ (walker.currentNode).data)) blanks.push(walker.currentNode);
      for (const node of blanks) node.parentNode?.removeChild(node);
      const place = (/** @type {Element | null} */ el) => (el ? pathTo(tr, el) : null);
      this.shape = {
        num: place(tr.querySelector("[data-rownum]")),
        cells: [...tr.querySelectorAll("[name]")].map((el) => {
          const td = /** @type {HTMLElement | null} */ (el.closest("[data-cell]"));
          return { col: td?.dataset.cell || /** @type {Control} */ (el).name, control: pathTo(tr, el) };
        }),
        remove: place(tr.querySelector('[data-action="remove-row"]')),
      };
      if (this.long) keepTableRoles(tr);
      this.prototype = tr;
    }
    return this.prototype;
  }

  /** The parts of row `tr`, found by their place. @param {HTMLTableRowElement} tr @returns {Parts} */
  parts(tr) {
    this.proto();
    const shape = /** @type {Shape} */ (this.shape);
    return {
      num: shape.num && at(tr, shape.num),
      cells: shape.cells.map((c) => ({ col: c.col, control: /** @type {Control} */ (at(tr, c.control)) })),
      remove: shape.remove && at(tr, shape.remove),
    };
  }

  /** A new row filled with `values` (control text per column), numbered as row `index`; what it gives
   *  the core is read at once, from the controls as filled.
   *  @param {Record<string, string>} values
   *  @param {number} index */
  make(values, index) {
    const tr = /** @type {HTMLTableRowElement} */ (this.proto().cloneNode(true));
    const parts = this.parts(tr);
    for (const { control } of parts.cells) {
      if (values && control.name in values) setRaw(control, values[control.name], true);
    }
    this.number(tr, index, parts);
    this.data.set(tr, readRow(parts));
    return tr;
  }

  /** Add a row at the end, filled with `values` (control text per column); null when the table is full.
   *  @param {Record<string, string>} [values]
   *  @returns {HTMLTableRowElement | null} */
  add(values = {}) {
    const count = this.rows().length;
    if (count >= this.max) return null;
    this.fit(count + 1);
    const tr = this.make(values, count);
    this.body.appendChild(tr);
    return tr;
  }

  /** Replace every row by `list` (control text per column), in one change of the page (at most `max`
   *  rows); an empty list leaves one empty row when `keepOne`.
   *  @param {Array<Record<string, string>>} list
   *  @param {boolean} [keepOne] */
  replace(list, keepOne = false) {
    const items = list.slice(0, this.max);
    this.fit(items.length);
    const fragment = document.createDocumentFragment();
    items.forEach((values, i) => fragment.appendChild(this.make(values, i)));
    if (keepOne && !items.length) fragment.appendChild(this.make({}, 0));
    this.body.replaceChildren(fragment);
  }

  /** Before the table gets `count` rows: from LONG_ROWS on, draw it as a long table. The column widths and
   *  a row's height are measured from the table as it is now (with one row in it), in em, so they follow
   *  the text size. A table that is not drawn (hidden) cannot be measured: it stays a plain table, which
   *  is right, only slower. Once long, a table stays long (its columns do not jump when rows go).
   *  @param {number} count */
  fit(count) {
    if (this.long || count < LONG_ROWS) return;
    const temp = this.rows().length ? null : this.body.appendChild(this.make({}, 0));
    const first = /** @type {HTMLTableRowElement} */ (this.rows()[0]);
    const em = parseFloat(getComputedStyle(this.table).fontSize);
    const widths = [...(this.table.tHead?.rows[0]?.cells || [])].map((th) => th.getBoundingClientRect().width);
    const height = first.getBoundingClientRect().height;
    temp?.remove();
    if (!em || !height || !widths.length || widths.some((w) => !w)) return;
    const ems = (/** @type {number} */ px) => `${(px / em).toFixed(3)}em`;
    this.table.style.setProperty("--hr-cols", widths.map(ems).join(" "));
    this.table.style.setProperty("--hr-row-height", ems(height));
    keepTableRoles(this.table);
    if (this.prototype) keepTableRoles(this.prototype);
    this.table.classList.add("hr-rows-long");
    this.long = true;
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
   *  @param {number} i
   *  @param {Parts} [parts] */
  number(tr, i, parts = this.parts(tr)) {
    tr.dataset.index = String(i);
    if (parts.num) parts.num.textContent = String(i + 1);
    for (const { col, control } of parts.cells) {
      control.id = `f-${this.field}-${i}-${col}`;
      control.setAttribute("aria-label", `${this.titles[col]}, regel ${i + 1}`);
    }
    parts.remove?.setAttribute("aria-label", `Verwijder regel ${i + 1}`);
    if (tr.hasAttribute("data-cell-errors")) {
      for (const span of /** @type {NodeListOf<HTMLElement>} */ (tr.querySelectorAll("[data-cell-error]"))) {
        span.id = `err-${this.field}.${i}.${/** @type {HTMLElement} */ (span.parentElement).dataset.cell}`;
      }
    }
  }

  /** The place for a message in cell `td` of row `tr` (the row's first cell for a message about the row).
   *  A cell gets it when it first has something to say: a row made without these places has a tenth
   *  fewer nodes to copy, and 2.000 rows come in faster.
   *  @param {HTMLTableRowElement} tr
   *  @param {Element | null} td
   *  @returns {HTMLElement | null} */
  errorPlace(tr, td) {
    const cell = /** @type {HTMLElement | null} */ (td || tr.querySelector("[data-cell]"));
    if (!cell) return null;
    let span = /** @type {HTMLElement | null} */ (cell.querySelector("[data-cell-error]"));
    if (!span) {
      span = document.createElement("span");
      span.className = "hr-cell-error";
      span.dataset.cellError = "";
      span.hidden = true;
      span.id = `err-${this.field}.${tr.dataset.index}.${cell.dataset.cell}`;
      cell.append(span);
      tr.setAttribute("data-cell-errors", "");
    }
    return span;
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
      data = readRow(this.parts(tr));
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
   *  so importing it gives the same rows again. Cells that a spreadsheet would run as a formula get a "'"
   *  (textCell: the rule of csvcell.py).
   *  @returns {string} */
  toCsv() {
    const heads = [...this.fieldset.querySelectorAll("thead th")].map((th) => (th.textContent || "").trim());
    const cells = /** @type {HTMLElement[]} */ ([...(this.template.content.firstElementChild?.querySelectorAll("[data-cell]") || [])]);
    const offset = 1; // the "Regel" column
    const cols = cells.map((td, i) => ({ name: td.dataset.cell || "", title: heads[i + offset] }));
    /** @param {unknown} v */
    const quote = (v) => {
      const t = textCell(v);
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
