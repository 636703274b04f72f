// Progressive enhancements only: every page works without this file.
(function () {
  "use strict";

  // Copy-link buttons: shown only when the Clipboard API is there to back them.
  function setUpCopyButtons(root) {
    root.querySelectorAll("[data-copy-target]").forEach(function (button) {
      if (!navigator.clipboard) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        var field = document.getElementById(button.dataset.copyTarget);
        var status = button.parentElement.querySelector("[data-copy-status]");
        navigator.clipboard.writeText(field.value).then(function () {
          if (status) status.textContent = "Link copied.";
        });
      });
    });
  }

  // After htmx swaps a quiz step in, move focus to the error summary or the new heading,
  // so keyboard and screen-reader users land where a full page load would put them.
  function focusSwapped(root) {
    var target = root.querySelector("[data-autofocus]") || root.querySelector("[data-autofocus-heading]");
    if (target) target.focus();
  }

  // A quiz step's address carries the answers so far. Choosing an answer puts it in the
  // address at once (the form lists its fields in the address's order), so reloading, or
  // coming Back to this question later, shows the answer still chosen.
  document.addEventListener("change", function (event) {
    var form = event.target.form;
    if (!form || !form.hasAttribute("data-quiz-step")) return;
    var query = new URLSearchParams(new FormData(form)).toString();
    history.replaceState(history.state, "", form.getAttribute("action") + "?" + query);
  });

  // "Continue your plan": cached pages carry the link hidden, for everyone alike. The server
  // sets `plan_hint=1` (no token: that stays in an HttpOnly cookie) beside the plan cookie.
  function revealContinueLinks() {
    if (!/(?:^|;\s*)plan_hint=1(?:;|$)/.test(document.cookie)) return;
    document.querySelectorAll("[data-continue-plan]").forEach(function (el) { el.hidden = false; });
  }

  // Back from the back/forward cache keeps what was typed before leaving: show the page's own.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) document.querySelectorAll("form[data-reset-on-return]").forEach(function (f) { f.reset(); });
  });

  document.addEventListener("DOMContentLoaded", function () {
    revealContinueLinks();
    setUpCopyButtons(document);
    var summary = document.querySelector("[data-autofocus]");
    if (summary) summary.focus();
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (target && (target.id === "quiz-flow" || target.id === "plan-start")) focusSwapped(target);
  });

  // A request htmx could not complete (no network, or an error page it does not swap in) would
  // otherwise do nothing: say so, and leave the page and everything chosen on it as it was.
  function showRequestError(event) {
    var target = event.detail.target;
    if (!target || !target.isConnected) target = document.getElementById("main");
    var alert = target.querySelector("[data-request-error]");
    if (!alert) {
      alert = document.createElement("div");
      alert.className = "error-summary";
      alert.setAttribute("role", "alert");
      alert.setAttribute("tabindex", "-1");
      alert.setAttribute("data-request-error", "");
      target.prepend(alert);
    }
    alert.textContent = (event.type === "htmx:sendError"
      ? "We could not reach the site. Check your connection and try again."
      : "Something went wrong on our side. Please try again in a minute.") + " Nothing on this page was lost.";
    alert.focus();
  }
  document.addEventListener("htmx:sendError", showRequestError);
  document.addEventListener("htmx:responseError", showRequestError);
})();
