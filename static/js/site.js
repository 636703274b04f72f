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

  // "Continue your plan": cached pages carry the link hidden, for everyone alike. The server
  // sets `plan_hint=1` (no token: that stays in an HttpOnly cookie) beside the plan cookie.
  function revealContinueLinks() {
    if (!/(?:^|;\s*)plan_hint=1(?:;|$)/.test(document.cookie)) return;
    document.querySelectorAll("[data-continue-plan]").forEach(function (el) { el.hidden = false; });
  }

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
})();
