// @ts-check
// The page's entry point: attach the calculators on the pages under hulpmiddelen/ (calculator.js does the
// work, with one module per job: calc-controls, calc-rows, calc-storage, calc-url, calc-io, calc-status,
// calc-errors, calc-engine). Safe to run more than once per page and on every page view of Material's
// instant navigation.

import { Calculator } from "./calculator.js";
import { forwardBrainstormLink } from "./calc-url.js";
import { escapeHtml } from "./calc-util.js";

/** @typedef {HTMLElement & {hrCalculator?: Calculator}} CalcRoot */

function attachAll() {
  for (const root of /** @type {NodeListOf<CalcRoot>} */ (document.querySelectorAll(".hr-calc[data-calculator]"))) {
    if (root.dataset.attached) continue; // attaching twice is harmless
    root.dataset.attached = "1";
    try {
      root.hrCalculator = new Calculator(root);
      root.hrCalculator.attach();
    } catch (err) {
      for (const status of root.querySelectorAll("[data-status], [data-status-line]")) {
        status.textContent = "De rekenhulp kon niet starten op deze pagina.";
      }
      console.warn("calculator attach failed", err);
    }
  }
}

/** @type {{document$?: {subscribe: (cb: () => void) => unknown}}} */
const material = /** @type {any} */ (window);
if (material.document$ && typeof material.document$.subscribe === "function") {
  material.document$.subscribe(() => { attachAll(); forwardBrainstormLink(); });
} else {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", attachAll);
  else attachAll();
  forwardBrainstormLink();
}

export { attachAll, escapeHtml };
