// @ts-check
// What a calculator keeps in this browser (localStorage): the raw text of every control, so a reload
// gives back exactly what was typed. Saved state is checked before use; what cannot be used is set aside.

/** @typedef {{scalars: Record<string, string>, rows: Record<string, Array<Record<string, string>>>}} RawState */

export const STORAGE_PREFIX = "handreiking:";

/** The saved value for `key`: null when there is none, undefined when it cannot be read as JSON.
 *  @param {string} key
 *  @returns {unknown} */
export function storageGet(key) {
  try { return JSON.parse(localStorage.getItem(STORAGE_PREFIX + key) || "null"); } catch { return undefined; }
}

/** Save `value` as JSON under `key`, or remove it (null). Storage that is full or blocked is ignored.
 *  @param {string} key
 *  @param {unknown} value */
export function storageSet(key, value) {
  try {
    if (value === null) localStorage.removeItem(STORAGE_PREFIX + key);
    else localStorage.setItem(STORAGE_PREFIX + key, JSON.stringify(value));
  } catch { /* storage full or blocked: the form still works */ }
}

/** Keep what is saved under `key` under `key:apart`: set aside, never thrown away.
 *  @param {string} key */
export function storageSetAside(key) {
  try { localStorage.setItem(`${STORAGE_PREFIX}${key}:apart`, localStorage.getItem(STORAGE_PREFIX + key) || ""); } catch { /* blocked */ }
}

/** @param {unknown} v @returns {v is Record<string, unknown>} */
const isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/** @param {unknown} v @returns {string | null} */
const text = (v) => (typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : null);

/** Saved state as the form can use it: {scalars: {name: text}, rows: {field: [{col: text}]}}, only known
 *  names and text values. Returns [state or null, whether something had to be left out].
 *  @param {unknown} raw
 *  @param {Set<string>} scalarNames
 *  @param {Set<string>} rowFields
 *  @returns {[RawState | null, boolean]} */
export function cleanState(raw, scalarNames, rowFields) {
  if (raw === null) return [null, false];
  if (!isObj(raw)) return [null, true];
  let dropped = false;
  /** @type {Record<string, string>} */
  const scalars = {};
  if (raw.scalars !== undefined && !isObj(raw.scalars)) dropped = true;
  for (const [k, v] of Object.entries(isObj(raw.scalars) ? raw.scalars : {})) {
    const t = text(v);
    if (scalarNames.has(k) && t !== null) scalars[k] = t; else dropped = true;
  }
  /** @type {Record<string, Array<Record<string, string>>>} */
  const rows = {};
  if (raw.rows !== undefined && !isObj(raw.rows)) dropped = true;
  for (const [k, list] of Object.entries(isObj(raw.rows) ? raw.rows : {})) {
    if (!rowFields.has(k) || !Array.isArray(list)) { dropped = true; continue; }
    rows[k] = [];
    for (const r of list) {
      if (!isObj(r)) { dropped = true; continue; }
      /** @type {Record<string, string>} */
      const row = {};
      for (const [c, v] of Object.entries(r)) {
        const t = text(v);
        if (t !== null) row[c] = t; else dropped = true;
      }
      rows[k].push(row);
    }
  }
  return [{ scalars, rows }, dropped];
}
