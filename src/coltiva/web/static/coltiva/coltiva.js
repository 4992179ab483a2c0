// Small progressive enhancements; every page works without them.
(function () {
  "use strict";
  // Buttons that copy a text (introduction drafts) to the clipboard.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-target]");
    if (!button) return;
    var source = document.getElementById(button.getAttribute("data-copy-target"));
    if (!source || !navigator.clipboard) return;
    navigator.clipboard.writeText(source.value || source.textContent).then(function () {
      button.setAttribute("aria-label", button.getAttribute("data-copied-label") || "Copied");
      button.textContent = button.getAttribute("data-copied-label") || "Copied";
    });
  });
  // Confirmation for destructive buttons: data-confirm="Are you sure?".
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var message = form.getAttribute && form.getAttribute("data-confirm");
    if (message && !window.confirm(message)) event.preventDefault();
  });
})();
