// Opened from the file system, browsers run no module scripts and no worker, so the calculators cannot
// start. This classic script (it does run there) replaces the status text with the explanation the
// form template carries in data-file-text, so the reader is told why instead of seeing nothing happen.
(function () {
  if (location.protocol !== "file:") return;
  function explain() {
    var els = document.querySelectorAll(".hr-calc [data-status][data-file-text]");
    for (var i = 0; i < els.length; i++) {
      els[i].textContent = els[i].getAttribute("data-file-text");
      els[i].classList.add("hr-status--file");
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", explain);
  else explain();
})();
