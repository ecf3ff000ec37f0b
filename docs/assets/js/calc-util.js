// @ts-check
// Small text helpers for the calculators' browser code. Results are formatted by the core; the browser
// only writes values it puts into fields the Dutch way (dates in cells as dd-mm-jjjj, amounts with
// thousands dots) and escapes what it puts into HTML itself.

/** "2026-03-31" -> "31-03-2026"; anything else is returned as it is.
 *  @param {string | null | undefined} value
 *  @returns {string} */
export function dateNl(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value || "");
  return m ? `${m[3]}-${m[2]}-${m[1]}` : (value || "");
}

/** A number from JSON (the example, an old link, a file) as a reader writes it in a field for amounts and
 *  other quantities: 1200000 -> "1.200.000", 12.5 -> "12,5". The core reads both forms (numbers.py). A form
 *  JavaScript writes with an exponent ("1e+21") only gets its decimal comma.
 *  @param {number} value
 *  @returns {string} */
export function numberNl(value) {
  const text = String(value);
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return text.replace(".", ",");
  return m[1] + m[2].replace(/\B(?=(\d{3})+$)/g, ".") + (m[3] ? "," + m[3] : "");
}

/** An amount in euros from JSON, written as numberNl does, with cents as two digits: 1234000.5 ->
 *  "1.234.000,50" (not "1.234.000,5"); 1200000 -> "1.200.000"; more digits stay, so nothing is lost.
 *  @param {number} value
 *  @returns {string} */
export function amountNl(value) {
  const text = numberNl(value);
  return /,\d$/.test(text) ? text + "0" : text;
}

/** @type {Record<string, string>} */
const ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text made safe to put into HTML (also inside an attribute value in quotes).
 *  @param {unknown} text
 *  @returns {string} */
export function escapeHtml(text) {
  return String(text ?? "").replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

// What makes a spreadsheet run a cell as a formula, as in csvcell.py (FORMULA_START, _PLAIN_NEGATIVE): the
// browser writes the table CSV itself, and tests/site/test_csv_rule.py checks both rules give the same cells.
const FORMULA_START = ["=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20"];
const PLAIN_NEGATIVE = /^-\p{Nd}+(?:[.,]\p{Nd}+)*$/u;

/** A cell a spreadsheet shows as written and never runs (csvcell.text_cell): "=1+1" -> "'=1+1"; a plain
 *  negative number such as "-1.234,50" stays as it is.
 *  @param {unknown} value
 *  @returns {string} */
export function textCell(value) {
  const text = value === null || value === undefined ? "" : String(value);
  if (text.startsWith("\t") || text.startsWith("\r")) return "'" + text;
  const head = text.replace(/^[ \u00a0]+/, "");
  if (FORMULA_START.some((s) => head.startsWith(s)) && !PLAIN_NEGATIVE.test(head)) return "'" + text;
  return text;
}
