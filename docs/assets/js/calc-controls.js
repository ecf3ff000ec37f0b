// @ts-check
// One form control's value, as the core gets it and as it is saved: numbers and dates go as typed, the
// core reads them the Dutch way (numbers.py) and says what it read.

import { amountNl, dateNl, numberNl } from "./calc-util.js";

/** @typedef {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} Control */
/** @typedef {import("./calc-storage.js").RawState} RawState */

/** A control's value for the core (undefined = leave out).
 *  @param {Control} el
 *  @returns {string | boolean | undefined} */
export function readControl(el) {
  const type = el.dataset.type;
  if (el instanceof HTMLInputElement && el.type === "checkbox") return el.checked;
  const raw = el.value.trim();
  if (type === "boolean") return raw === "" ? undefined : raw === "true";
  return raw === "" ? undefined : raw;
}

/** What a control holds as saved text ("true"/"false" for a box).
 *  @param {Control} el
 *  @returns {string} */
export function rawOf(el) {
  return el instanceof HTMLInputElement && el.type === "checkbox" ? (el.checked ? "true" : "false") : el.value;
}

/** Whether a control is empty (a box that is not ticked counts as empty).
 *  @param {Control} el */
export function isEmpty(el) {
  return el instanceof HTMLInputElement && el.type === "checkbox" ? !el.checked : el.value.trim() === "";
}

/** Put saved text back into a control; a choice that is not on the list is added, marked "(onbekend)".
 *  A control just made (a new row of a table) takes text as its default value: the same value, without the
 *  selection change that setting `.value` queues for each input (10.000 events for 2.000 rows).
 *  @param {Control} el
 *  @param {unknown} raw
 *  @param {boolean} [fresh] `el` is new and nobody has typed in it */
export function setRaw(el, raw, fresh = false) {
  if (raw === undefined || raw === null) return;
  if (el instanceof HTMLInputElement && el.type === "checkbox") { el.checked = raw === true || raw === "true"; return; }
  let value = String(raw);
  if (el.dataset.type === "date" && el.type === "text") value = dateNl(value); // cells show dd-mm-jjjj
  if (el instanceof HTMLSelectElement) {
    if (value !== "" && !Array.prototype.some.call(el.options, (/** @type {HTMLOptionElement} */ o) => o.value === value)) {
      // A value from a file that is not one of the choices stays visible, so the reader can fix it.
      el.add(new Option(`${value} (onbekend)`, value));
    }
    el.value = value;
  } else if (fresh) el.defaultValue = value;
  else el.value = value;
}

/** How a control writes a number it is given (see controlText): "eur" for an amount in euros (its
 *  data-unit, from the core's model), else its data-type.
 *  @param {Element} el
 *  @returns {string} */
export function writesAs(el) {
  const data = /** @type {HTMLElement} */ (el).dataset;
  return data.unit === "eur" ? "eur" : data.type || "";
}

/** A JSON value (from the example, an old link or an import) as the text a control holds. Numbers are
 *  written the Dutch way, so the core reads them back exactly (it would ask about "12.5"): 12.5 -> "12,5";
 *  in a field of type "number" (amounts, hours, jobs) with thousands dots, 1200000 -> "1.200.000", and in
 *  a field for euros with cents as two digits (1234000.5 -> "1.234.000,50"); but a whole number such as a
 *  year stays as it is (2026, not 2.026).
 *  @param {unknown} v
 *  @param {string} [type] how the control writes a number (writesAs)
 *  @returns {string} */
export function controlText(v, type) {
  if (v === null || v === undefined) return "";
  if (typeof v !== "number") return String(v);
  if (type === "eur") return amountNl(v);
  return type === "number" ? numberNl(v) : String(v).replace(".", ",");
}

/** Rows of JSON values as rows of control text.
 *  @param {unknown[]} list
 *  @param {Record<string, string>} [types] how each control writes a number (writesAs), by its name
 *  @returns {Array<Record<string, string>>} */
export function rowsAsText(list, types = {}) {
  return list.map((r) => Object.fromEntries(Object.entries(r || {}).map(([k, v]) => [k, controlText(v, types[k])])));
}

/** The state from a JSON input (the example, a shared URL): values become raw control strings.
 *  @param {Record<string, unknown> | null | undefined} input
 *  @param {Set<string>} rowFields
 *  @param {Record<string, string>} [types] how each control writes a number (writesAs), by its name
 *  @returns {RawState} */
export function stateFromInput(input, rowFields, types = {}) {
  /** @type {RawState} */
  const state = { scalars: {}, rows: {} };
  for (const [key, value] of Object.entries(input || {})) {
    if (rowFields.has(key) && Array.isArray(value)) state.rows[key] = rowsAsText(value, types);
    else if (value !== null && typeof value !== "object") state.scalars[key] = controlText(value, types[key]);
  }
  return state;
}
