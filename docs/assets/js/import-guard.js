// Refuses an import file that is larger than the core reads, before the browser reads it into memory or
// sends it to the Python worker: a mistaken 500 MB file would otherwise tie up the tab. The limit is the
// core's own (contracts_io.MAX_FILE_BYTES), written into the form as data-max-bytes at build time, with
// its Dutch label (data-max-label, from fmt.py: the browser formats no numbers of its own).
// The Dutch message sits right under the file field, tied to it with aria-describedby and aria-invalid.
// These listeners run in the capture phase, before the calculator's own handlers, and stop the events
// for a file that is too big, so those handlers never see it.

const TEXT = {
  tooBig: (limit) =>
    `Dit bestand is te groot. Een bestand mag hoogstens ${limit} zijn; zo'n groot bestand lezen we niet. ` +
    "Kies een kleiner bestand, bijvoorbeeld met alleen de kolommen en rijen die je nodig hebt.",
};

function errorElement(input) {
  const id = `${input.id}-error`;
  let el = document.getElementById(id);
  if (!el) {
    el = document.createElement("p");
    el.id = id;
    el.className = "hr-error";
    el.hidden = true;
    input.after(el);
  }
  return el;
}

function describedBy(input, id, on) {
  const ids = (input.getAttribute("aria-describedby") || "").split(/\s+/).filter((x) => x && x !== id);
  if (on) ids.unshift(id);
  if (ids.length) input.setAttribute("aria-describedby", ids.join(" "));
  else input.removeAttribute("aria-describedby");
}

function check(event) {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || !input.matches("input[type=file][data-upload][data-max-bytes]")) return;
  const limit = Number(input.dataset.maxBytes);
  const file = input.files && input.files[0];
  const error = errorElement(input);
  if (!file || !(limit > 0) || file.size <= limit) {
    error.hidden = true;
    error.textContent = "";
    input.removeAttribute("aria-invalid");
    describedBy(input, error.id, false);
    return;
  }
  event.stopImmediatePropagation();
  error.textContent = TEXT.tooBig(input.dataset.maxLabel || "");
  error.hidden = false;
  error.setAttribute("role", "alert");
  input.setAttribute("aria-invalid", "true");
  describedBy(input, error.id, true);
  // After "change" (the last of the two events) the choice is emptied, so the same file chosen again is
  // checked again.
  if (event.type === "change") input.value = "";
}

if (!globalThis[Symbol.for("handreiking-tools.import-guard")]) {
  globalThis[Symbol.for("handreiking-tools.import-guard")] = true;
  // "input" as well: the calculator answers that one too (and would redraw the field's state).
  document.addEventListener("input", check, true);
  document.addEventListener("change", check, true);
}
