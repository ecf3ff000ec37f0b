// @ts-check
// What the page tells the reader besides the result: the status (a line to see and a polite live region to
// hear), the engine failure box with "Opnieuw proberen", "gelezen als …" beside fields, the summary bar, the
// export buttons.
//
// The live region reads a new result out only once typing pauses (ANNOUNCE_MS), not on every key. On screen
// that pause made the line lag: after a mistake was mended, "Er klopt nog iets niet in de invoer." stayed
// for 1,5 s beside the new, valid result. So, once the calculator runs, the live region is visually hidden
// and the visible line (aria-hidden) follows every state at once; for a result it says only that the result
// is there (the summary bar and the result itself show it).

import { escapeHtml } from "./calc-util.js";

const ANNOUNCE_MS = 1500; // a pause in typing before the status region reads the new result
const UPDATED = "Klaar. De uitkomst is bijgewerkt.";

export class StatusView {
  /** @param {HTMLElement} root the calculator's element
   *  @param {string} name the calculator's name */
  constructor(root, name) {
    this.root = root;
    this.name = name;
    this.statusEl = /** @type {HTMLElement | null} */ (root.querySelector("[data-status]"));
    this.lineEl = /** @type {HTMLElement | null} */ (root.querySelector("[data-status-line]"));
    if (this.statusEl && this.lineEl) {
      this.lineEl.textContent = this.statusEl.textContent;
      this.lineEl.hidden = false;
      this.statusEl.classList.add("hr-sr-only");
    }
    this.engineErrorEl = /** @type {HTMLElement} */ (root.querySelector("[data-engine-error]"));
    this.resultEl = /** @type {HTMLElement} */ (root.querySelector("[data-result]"));
    this.exportNote = /** @type {HTMLElement | null} */ (root.querySelector("[data-export-note]"));
    /** @type {HTMLElement | null} */
    this.summaryEl = null;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.announceTimer = undefined;
    /** @type {string | null} */
    this.lastAnnounced = null;
  }

  /** The state, seen and heard at once. @param {string} text */
  setStatus(text) {
    this.showLine(text);
    if (this.statusEl && this.statusEl.textContent !== text) this.statusEl.textContent = text;
  }

  /** The visible line only. @param {string} text */
  showLine(text) {
    if (this.lineEl && this.lineEl.textContent !== text) this.lineEl.textContent = text;
  }

  /** @param {string | undefined | null} message */
  showEngineError(message) {
    this.setStatus("De rekenhulp kan niet starten.");
    this.engineErrorEl.hidden = false;
    const text = this.engineErrorEl.querySelector("[data-engine-error-text]");
    if (text) text.textContent = message || "De rekenhulp kon niet laden in deze browser.";
  }

  hideEngineError() {
    this.engineErrorEl.hidden = true;
  }

  /** "gelezen als € 1.234.000,50" beside each number and date field the core could read.
   *  @param {Record<string, string> | undefined} read the core's reading per field
   *  @param {(name: string) => {value: string} | undefined} controlOf */
  showRead(read, controlOf) {
    for (const el of /** @type {NodeListOf<HTMLElement>} */ (this.root.querySelectorAll("[data-read-for]"))) {
      const field = el.dataset.readFor || "";
      const text = read && read[field];
      const control = controlOf(field);
      const show = Boolean(text) && Boolean(control) && control?.value.trim() !== "";
      const next = show ? `gelezen als ${text}` : "";
      if (el.textContent !== next) el.textContent = next;
      el.hidden = !show;
    }
  }

  /** The compact result in a bar that stays in view while the form is scrolled; a screen reader hears it
   *  once, through the status region, after typing has paused (not on every keystroke).
   *  @param {string} text */
  showSummary(text) {
    if (!this.summaryEl) {
      this.summaryEl = document.createElement("p");
      this.summaryEl.className = "hr-summary";
      this.summaryEl.dataset.summary = "";
      this.summaryEl.setAttribute("aria-hidden", "true"); // the status region says the same, once
      this.resultEl.before(this.summaryEl);
    }
    this.summaryEl.hidden = !text;
    this.summaryEl.innerHTML = text ? `<a href="#hr-result-title-${escapeHtml(this.name)}">Uitkomst</a>: ${escapeHtml(text)}` : "";
    const next = text ? `Klaar. Uitkomst: ${text}` : UPDATED;
    // On screen the summary bar and the result show the outcome; the line says only that it is there. A
    // line as long as the outcome would grow and shrink while the reader types (on a phone it wraps), and
    // move the field being typed in.
    this.showLine(UPDATED);
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => {
      if (next !== this.lastAnnounced && this.statusEl) { this.lastAnnounced = next; this.statusEl.textContent = next; }
    }, ANNOUNCE_MS);
  }

  /** No result to show: the summary bar goes, and nothing is announced. */
  hideSummary() {
    clearTimeout(this.announceTimer);
    this.lastAnnounced = null;
    if (this.summaryEl) this.summaryEl.hidden = true;
  }

  /** @param {boolean} enabled */
  toggleExports(enabled) {
    for (const btn of /** @type {NodeListOf<HTMLButtonElement>} */ (this.root.querySelectorAll(".hr-export button"))) btn.disabled = !enabled;
    if (this.exportNote) this.exportNote.textContent = "";
  }

  /** @param {string} text */
  exportMessage(text) {
    if (this.exportNote) this.exportNote.textContent = text;
  }
}
