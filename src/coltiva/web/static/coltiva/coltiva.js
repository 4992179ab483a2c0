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
  // Today: after Done, Snooze or Dismiss, focus moves to the item that followed the one
  // acted on (the list is re-rendered), not to the top of the page; the change itself is
  // announced by the #agenda-status live region the response fills.
  var agendaFocus = null;
  document.addEventListener("htmx:beforeRequest", function (event) {
    var item = event.target.closest && event.target.closest(".agenda-item");
    if (!item) return;
    var items = Array.prototype.slice.call(item.parentElement.querySelectorAll(".agenda-item"));
    var index = items.indexOf(item);
    var after = items.slice(index + 1).concat(items.slice(0, index).reverse());
    agendaFocus = { index: index, keys: after.map(function (el) { return el.getAttribute("data-key"); }) };
  });
  document.addEventListener("htmx:afterSettle", function () {
    var wanted = agendaFocus;
    var agenda = document.getElementById("agenda");
    if (!wanted || !agenda) return;
    agendaFocus = null;
    var target = null;
    for (var i = 0; i < wanted.keys.length && !target; i++) {
      target = agenda.querySelector('.agenda-item[data-key="' + wanted.keys[i] + '"]');
    }
    target = target || agenda.querySelectorAll(".agenda-item")[wanted.index] || agenda.querySelector(".agenda-item");
    if (!target) {
      target = agenda.querySelector(".empty p") || agenda;
      target.setAttribute("tabindex", "-1");
    }
    target.focus();
  });
  // A refused or failed htmx request says so where the user is (the server's sentence
  // when it sent one in plain text), instead of doing nothing.
  function requestStatus(text) {
    var region = document.getElementById("request-status");
    if (!region) return;
    region.hidden = !text;
    region.textContent = text || "";
  }
  document.addEventListener("htmx:responseError", function (event) {
    var region = document.getElementById("request-status");
    var xhr = event.detail.xhr;
    if (!region || !xhr) return;
    var plain = (xhr.getResponseHeader("Content-Type") || "").indexOf("text/plain") === 0;
    var fallback = region.getAttribute(xhr.status === 403 ? "data-refused" : "data-failed");
    requestStatus(plain && xhr.responseText ? xhr.responseText : fallback);
  });
  document.addEventListener("htmx:sendError", function () {
    var region = document.getElementById("request-status");
    if (region) requestStatus(region.getAttribute("data-offline"));
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.successful) requestStatus("");
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
