// The two small text helpers calculators.js still uses for its own controls. Results are formatted and
// drawn in Python (handreiking_tools/fmt.py, tools/<tool>/view.py); numbers are never formatted here.

/** "2026-03-31" -> "31-03-2026". */
export function dateNl(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value || "");
  return m ? `${m[3]}-${m[2]}-${m[1]}` : (value || "");
}

export function escapeHtml(text) {
  return String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}
