// @ts-check
// One form control's value, as the core gets it and as it is saved: numbers and dates go as typed, the
// core reads them the Dutch way (numbers.py) and says what it read.

import { dateNl } from "./calc-util.js";

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

/** A JSON value (from the example, an old link or an import) as the text a control holds. Numbers get a
 *  decimal comma, so the core reads them back exactly: 12.5 -> "12,5" (it would ask about "12.5").
 *  @param {unknown} v
 *  @returns {string} */
export function controlText(v) {
  if (v === null || v === undefined) return "";
  return typeof v === "number" ? String(v).replace(".", ",") : String(v);
}

/** Rows of JSON values as rows of control text.
 *  @param {unknown[]} list
 *  @returns {Array<Record<string, string>>} */
export function rowsAsText(list) {
  return list.map((r) => Object.fromEntries(Object.entries(r || {}).map(([k, v]) => [k, controlText(v)])));
}

/** The state from a JSON input (the example, a shared URL): values become raw control strings.
 *  @param {Record<string, unknown> | null | undefined} input
 *  @param {Set<string>} rowFields
 *  @returns {RawState} */
export function stateFromInput(input, rowFields) {
  /** @type {RawState} */
  const state = { scalars: {}, rows: {} };
  for (const [key, value] of Object.entries(input || {})) {
    if (rowFields.has(key) && Array.isArray(value)) state.rows[key] = rowsAsText(value);
    else if (value !== null && typeof value !== "object") state.scalars[key] = controlText(value);
  }
  return state;
}
