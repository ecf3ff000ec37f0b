// @ts-check
// Small text helpers for the calculators' browser code. Results are formatted by the core; the browser
// only shows dates in cells as dd-mm-jjjj and escapes what it puts into HTML itself.

/** "2026-03-31" -> "31-03-2026"; anything else is returned as it is.
 *  @param {string | null | undefined} value
 *  @returns {string} */
export function dateNl(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value || "");
  return m ? `${m[3]}-${m[2]}-${m[1]}` : (value || "");
}

/** @type {Record<string, string>} */
const ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text made safe to put into HTML (also inside an attribute value in quotes).
 *  @param {unknown} text
 *  @returns {string} */
export function escapeHtml(text) {
  return String(text ?? "").replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
