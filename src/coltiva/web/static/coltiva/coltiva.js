// Small progressive enhancements; every page works without them.
(function () {
  "use strict";
  // Sign-up: the browser's time zone becomes the new account's.
  document.addEventListener("DOMContentLoaded", function () {
    var zone = "";
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { return; }
    document.querySelectorAll("input[data-browser-time-zone]").forEach(function (input) {
      if (!input.value) input.value = zone;
    });
  });
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
  // Referrals board: drag a card onto another column to change its status.
  function csrfHeaders() {
    try { return JSON.parse(document.body.getAttribute("hx-headers") || "{}"); }
    catch (e) { return {}; }
  }
  document.addEventListener("dragstart", function (event) {
    var card = event.target.closest && event.target.closest("[data-move-url]");
    if (!card) return;
    event.dataTransfer.setData("text/plain", card.getAttribute("data-move-url"));
    event.dataTransfer.effectAllowed = "move";
  });
  document.addEventListener("dragover", function (event) {
    var column = event.target.closest && event.target.closest("[data-status]");
    if (!column) return;
    event.preventDefault();
    column.classList.add("drop-target");
  });
  document.addEventListener("dragleave", function (event) {
    var column = event.target.closest && event.target.closest("[data-status]");
    if (column) column.classList.remove("drop-target");
  });
  document.addEventListener("drop", function (event) {
    var column = event.target.closest && event.target.closest("[data-status]");
    var url = event.dataTransfer.getData("text/plain");
    if (!column || !url || !window.htmx) return;
    event.preventDefault();
    column.classList.remove("drop-target");
    var params = new URLSearchParams(window.location.search);
    window.htmx.ajax("POST", url, {
      target: "#board",
      swap: "outerHTML",
      values: { status: column.getAttribute("data-status"), direction: params.get("direction") || "" },
      headers: csrfHeaders()
    });
  });
})();
