// @ts-check
// Getting things out of and into the page: downloads, the clipboard, rows pasted from a spreadsheet, and
// "Ongedaan maken" after an import or the example replaced what the reader had.

/** Offer `text` as a file download.
 *  @param {string} filename
 *  @param {string} text
 *  @param {string} type */
export function download(filename, text, type) {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Put `text` on the clipboard; true when that worked (with the older copy command as a fallback).
 *  @param {string} text
 *  @returns {Promise<boolean>} */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    let ok = false;
    try { ok = document.execCommand("copy"); } catch { ok = false; }
    area.remove();
    return ok;
  }
}

/** Pasted text as a CSV the core's reader knows: a spreadsheet copies cells separated by tabs, which
 *  become a ';' CSV; other text is passed on as it is.
 *  @param {string} text
 *  @returns {string} */
export function pastedAsCsv(text) {
  if (!text.includes("\t")) return text;
  return text.replace(/\r/g, "").split("\n")
    .map((line) => line.split("\t").map((c) => (/[;"\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(";"))
    .join("\n");
}

/** "Ongedaan maken" after a replacement (import, example): brings back what was there.
 *  @template T */
export class Undo {
  constructor() {
    /** @type {T | null} */
    this.state = null;
    /** @type {HTMLElement | null} */
    this.el = null;
  }

  /** Show the offer after `anchor`, keeping `before` to go back to.
   *  @param {Element} anchor
   *  @param {T} before */
  offer(anchor, before) {
    this.state = before;
    if (!this.el) {
      this.el = document.createElement("p");
      this.el.className = "hr-note hr-undo";
      this.el.innerHTML = '<span>Je eerdere invoer is vervangen.</span> <button type="button" class="md-button" data-action="undo">Ongedaan maken</button>';
    }
    anchor.after(this.el);
    this.el.hidden = false;
  }

  /** The state to go back to (once), or null; hides the offer. @returns {T | null} */
  take() {
    const state = this.state;
    this.state = null;
    this.hide();
    return state;
  }

  hide() {
    if (this.el) this.el.hidden = true;
  }
}
