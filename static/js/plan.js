// My plan with JavaScript: each tick saves itself, through POST /plan/<token>/items/<id>/, so
// only that item changes (two tabs never undo each other). The status beside the item says
// what happened; a save that fails unticks the box and says so there. Without this file the
// form's "Save progress" buttons do the same job.
(function () {
  "use strict";

  var form = document.getElementById("progress-form");
  if (!form || !window.fetch) return;
  var base = form.getAttribute("data-tick-url");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]");

  document.querySelectorAll("[data-without-script]").forEach(function (el) { el.hidden = true; });
  document.querySelectorAll("[data-with-script]").forEach(function (el) { el.hidden = false; });

  // When each item was last saved, so "just now" beside it can grow into "3 minutes ago".
  var savedAt = new Map();

  function ago(ms) {
    var minutes = Math.floor(ms / 60000);
    if (minutes < 1) return "saved just now";
    if (minutes < 60) return "saved " + minutes + " minute" + (minutes === 1 ? "" : "s") + " ago";
    var hours = Math.floor(minutes / 60);
    return "saved " + hours + " hour" + (hours === 1 ? "" : "s") + " ago";
  }

  function say(status, text, failed) {
    status.textContent = text;
    status.classList.toggle("tick-failed", !!failed);
  }

  // The answer holds elements with the ids of those on the page: each replaces its twin.
  function putInPlace(html) {
    var fresh = new DOMParser().parseFromString(html, "text/html");
    var note = fresh.getElementById("tick-status");
    fresh.body.querySelectorAll("[id]").forEach(function (el) {
      if (el.id === "tick-status") return;
      var old = document.getElementById(el.id);
      if (old) old.replaceWith(el);
    });
    return note ? note.textContent : "Saved.";
  }

  form.addEventListener("change", function (event) {
    var box = event.target;
    if (box.name !== "done") return;
    var status = form.querySelector('[data-tick-status="' + box.value + '"]');
    var when = form.querySelector('[data-tick-when="' + box.value + '"]');
    var ticked = box.checked;
    var body = new URLSearchParams({ done: ticked ? "1" : "0" });
    say(status, "Saving…");
    fetch(base + encodeURIComponent(box.value) + "/", {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf ? csrf.value : "", "X-Plan-Tick": "1" },
    }).then(function (response) {
      return response.text().then(function (text) {
        if (!response.ok) {
          var failure = new Error(text);
          failure.said = response.status === 429 || response.status === 503;  // our own words
          throw failure;
        }
        return text;
      });
    }).then(function (html) {
      // One status at a time: an older item's counts are no longer the stage's.
      savedAt.forEach(function (at, other) { other.textContent = ""; });
      savedAt.clear();
      form.querySelectorAll("[data-tick-status]").forEach(function (other) {
        if (other !== status && !other.classList.contains("tick-failed")) other.textContent = "";
      });
      say(status, putInPlace(html));
      when.textContent = ago(0);
      savedAt.set(when, Date.now());
    }).catch(function (error) {
      box.checked = !ticked;
      savedAt.delete(when);
      when.textContent = "";
      say(status, "Not saved" + (ticked ? ", so unticked" : ", so still ticked") + ". " +
        (error && error.said ? error.message : "We could not reach the site: check your connection and try again."), true);
    });
  });

  // Relative times age quietly, outside the announced status: nothing is read out again.
  setInterval(function () {
    savedAt.forEach(function (at, when) { when.textContent = ago(Date.now() - at); });
  }, 30000);
})();
