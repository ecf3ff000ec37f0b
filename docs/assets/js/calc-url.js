// @ts-check
// The state of a shared link. It lives after "#", which a browser never sends to a server, so what a
// reader types never reaches a server's log; an old link with "?field=value" is read once and rewritten.

import { rowsAsText } from "./calc-controls.js";

/** @typedef {import("./calc-storage.js").RawState} RawState */
/** @typedef {import("./calc-controls.js").Control} Control */

const MAX_URL_LENGTH = 1800; // stay well under what browsers, servers and mail clients accept

/** @param {string} url */
function replaceUrl(url) {
  try { history.replaceState(history.state, "", url); } catch { /* sandboxed */ }
}

/** The state in the page's address, or null when it holds nothing for this form. Scalars missing from
 *  the link are empty; a list that cannot be read is left to the browser's storage.
 *  @param {Control[]} scalars
 *  @param {string[]} rowFields
 *  @param {Record<string, string>} [types] how each control writes a number (writesAs in calc-controls.js), by its name
 *  @returns {{scalars: Record<string, string>, rows: Record<string, Array<Record<string, string>> | undefined>} | null} */
export function readUrl(scalars, rowFields, types = {}) {
  const known = new Set([...scalars.map((el) => el.name), ...rowFields]);
  /** @param {URLSearchParams} params */
  const has = (params) => [...params.keys()].some((k) => known.has(k));
  let params = new URLSearchParams(location.hash.replace(/^#/, ""));
  if (!has(params)) {
    params = new URLSearchParams(location.search);
    if (!has(params)) return null;
    const rest = new URLSearchParams(location.search);
    for (const k of known) rest.delete(k);
    const kept = new URLSearchParams([...params].filter(([k]) => known.has(k)));
    replaceUrl(`${location.pathname}${rest.toString() ? "?" + rest : ""}#${kept}`);
  }
  /** @type {Record<string, string>} */
  const values = {};
  /** @type {Record<string, Array<Record<string, string>> | undefined>} */
  const rows = {};
  for (const el of scalars) {
    values[el.name] = params.get(el.name) ?? (el instanceof HTMLInputElement && el.type === "checkbox" ? "false" : "");
  }
  for (const field of rowFields) {
    const text = params.get(field);
    if (text === null) continue;
    try {
      const list = JSON.parse(text);
      rows[field] = Array.isArray(list) ? rowsAsText(list, types) : undefined;
    } catch { /* a damaged link: keep the rows from storage */ }
  }
  return { scalars: values, rows };
}

/** The share URL for the current input (state after "#"), and whether the lists fitted into it.
 *  @param {Record<string, unknown>} input
 *  @param {Control[]} scalars
 *  @param {string[]} rowFields
 *  @returns {{url: string, fits: boolean}} */
export function shareUrl(input, scalars, rowFields) {
  const params = new URLSearchParams();
  for (const el of scalars) {
    const v = input[el.name];
    if (v !== undefined && !(el instanceof HTMLInputElement && el.type === "checkbox" && v === false)) params.set(el.name, String(v));
  }
  let fits = true;
  const base = `${location.origin}${location.pathname}${location.search}`;
  for (const field of rowFields) {
    const list = /** @type {unknown[] | undefined} */ (input[field]) || [];
    if (!list.length) continue;
    // Each item takes at least three characters ("{},"): a long list cannot fit, so it is not even written out.
    if (list.length * 3 > MAX_URL_LENGTH) { fits = false; continue; }
    const json = JSON.stringify(list);
    const trial = new URLSearchParams(params);
    trial.set(field, json);
    if (`${base}#${trial}`.length <= MAX_URL_LENGTH) params.set(field, json);
    else fits = false;
  }
  const hash = params.toString();
  return { url: `${base}${hash ? "#" + hash : ""}`, fits };
}

/** Keep the address bar in step without adding history entries (instant navigation keeps working).
 *  An address that stays the same is left alone: replacing it costs the browser time for every form control
 *  on the page (in Chromium about 0,4 s with a 2.000-row table against 1 ms with one row), and most
 *  keystrokes in a long table change nothing in the address.
 *  @param {string} url */
export function showUrl(url) {
  if (url !== location.href) replaceUrl(url);
}

/** Keep the address clean of any state (a tool whose input may hold names of people). */
export function dropHash() {
  if (location.hash) replaceUrl(`${location.pathname}${location.search}`);
}

/** The brainstorm format's old link from the contract ranking (bijlagen/brainstormformat/#contract=...)
 *  opens the Brainstormsessie tool with the contract's name as its title. */
export function forwardBrainstormLink() {
  if (!/\/bijlagen\/brainstormformat\/(index\.html)?$/.test(location.pathname)) return;
  const params = new URLSearchParams(location.hash.replace(/^#/, "") || location.search);
  const name = params.get("contract");
  if (!name) return;
  location.replace(`${new URL("../../hulpmiddelen/brainstorm/", import.meta.url).href}#${new URLSearchParams({ title: name })}`);
}
