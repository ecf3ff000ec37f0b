// Dutch notation for results computed in the browser; mirrors handreiking_tools/fmt.py.
// (Links to the guidance come with each reason from the core: reason.page.)

/** 1234567.891 -> "1.234.567,89" (decimals=2); rounds half up like fmt.number. */
export function number(value, decimals = 0) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) return "—";
  const factor = 10 ** decimals;
  const n = Number(value);
  const rounded = Math.sign(n) * Math.round(Math.abs(n) * factor + 1e-9) / factor;
  const [whole, frac] = Math.abs(rounded).toFixed(decimals).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return (rounded < 0 ? "-" : "") + grouped + (frac ? "," + frac : "");
}

/** 250000 -> "€ 250.000". */
export function eur(value, decimals = 0) {
  if (value === null || value === undefined) return "—";
  return "€ " + number(value, decimals);
}

/** 2.5 -> "2,5%", 5 -> "5%". */
export function pct(value, maxDecimals = 1) {
  if (value === null || value === undefined) return "—";
  let s = number(value, maxDecimals);
  if (s.includes(",")) s = s.replace(/0+$/, "").replace(/,$/, "");
  return s + "%";
}

/** "2026-03-31" -> "31-03-2026". */
export function dateNl(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value || "");
  return m ? `${m[3]}-${m[2]}-${m[1]}` : (value || "");
}

export function escapeHtml(text) {
  return String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}
