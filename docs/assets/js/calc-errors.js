// @ts-check
// Errors at their fields: a Dutch message beside the control, tied to it with aria-invalid and
// aria-describedby, so a screen reader hears the message with the field.

/** Remove every message and mark from the calculator in `root`.
 *  @param {HTMLElement} root */
export function clearErrors(root) {
  // Only what is shown: a long table has many message places, nearly all empty.
  for (const el of /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll("[data-error-for]:not([hidden]), [data-cell-error]:not([hidden])"))) {
    el.hidden = true;
    el.textContent = "";
  }
  for (const el of root.querySelectorAll("[aria-invalid]")) {
    el.removeAttribute("aria-invalid");
    const ids = (el.getAttribute("aria-describedby") || "").split(/\s+/).filter((id) => id && !id.startsWith("err-"));
    if (ids.length) el.setAttribute("aria-describedby", ids.join(" "));
    else el.removeAttribute("aria-describedby");
  }
  for (const tr of root.querySelectorAll("[data-row].hr-row-error")) tr.classList.remove("hr-row-error");
}

/** Add `message` to the message element `errEl`, and tie it to `control` (if any).
 *  @param {HTMLElement} errEl
 *  @param {Element | null} control
 *  @param {string} message */
export function markError(errEl, control, message) {
  errEl.textContent = errEl.textContent ? `${errEl.textContent} ${message}` : message;
  errEl.hidden = false;
  if (control) {
    control.setAttribute("aria-invalid", "true");
    const ids = new Set((control.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean));
    ids.add(errEl.id);
    control.setAttribute("aria-describedby", [...ids].join(" "));
  }
}
