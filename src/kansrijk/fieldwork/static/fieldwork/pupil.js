/* Pupil questionnaire, progressive enhancement (the pages work without it):
   - autosave: every answer is posted on change with its own client save id (a retry reuses the id, so a
     duplicate changes nothing); saves wait while offline and go out when the connection is back;
   - skip logic on the page: the server answers each save with the items now asked, which are shown/hidden;
   - "Volgende" while offline or with unsent answers waits and submits when everything is saved;
   - read aloud with the browser's speech synthesis. No inline script, no eval (strict CSP). */
(function () {
  "use strict";

  function uuid() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    var b = new Uint8Array(16); window.crypto.getRandomValues(b);
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function setupSpeech() {
    if (!("speechSynthesis" in window)) { return; }
    document.querySelectorAll(".fw-speak").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var target = document.getElementById(button.getAttribute("data-speak"));
        if (!target) { return; }
        var parts = [];
        target.querySelectorAll(".fw-legend, .fw-option__label, .utrecht-form-field-description").forEach(function (el) {
          parts.push(el.textContent.trim());
        });
        var utterance = new SpeechSynthesisUtterance(parts.join(". "));
        utterance.lang = document.documentElement.lang || "nl";
        window.speechSynthesis.cancel();
        window.speechSynthesis.speak(utterance);
      });
    });
  }

  function setupAutosave(form) {
    var url = form.getAttribute("data-autosave");
    var status = document.getElementById("fw-save-status");
    var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    var shown = form.querySelector("input[name=getoond_token]").value;
    var pending = {};      // item name -> body awaiting acknowledgement (newest wins; a retry keeps its id)
    var sending = false;
    var submitWanted = null;

    function say(text) { if (status) { status.textContent = text; } }

    function collect(name) {
      // URL-encoded, not multipart (FormData): the same fields, and the server parses it in a fraction of
      // the time, which counts when whole classes save at once. Only strings are sent, never files.
      var data = new URLSearchParams();
      data.append("csrfmiddlewaretoken", csrf);
      data.append("pagina", form.getAttribute("data-page"));
      data.append("vraag", name);
      data.append("opslag_id", uuid());
      data.append("getoond_token", shown);
      form.querySelectorAll("input, select, textarea").forEach(function (el) {
        if (el.name !== name) { return; }
        if ((el.type === "radio" || el.type === "checkbox") && !el.checked) { return; }
        data.append(name, el.value);
      });
      return data;
    }

    function applyRelevant(names) {
      if (!names) { return; }
      form.querySelectorAll("[data-item]").forEach(function (el) {
        if (el.getAttribute("data-kind") === "note") { return; }
        var on = names.indexOf(el.getAttribute("data-item")) >= 0;
        el.hidden = !on;
        var marker = el.querySelector("input[name=getoond]");
        if (marker) { marker.disabled = !on; }
      });
    }

    function done() {
      if (submitWanted && Object.keys(pending).length === 0) {
        var submitter = submitWanted; submitWanted = null;
        if (submitter && submitter.name) {
          var extra = document.createElement("input");
          extra.type = "hidden"; extra.name = submitter.name; extra.value = submitter.value;
          form.appendChild(extra);
        }
        HTMLFormElement.prototype.submit.call(form);
      }
    }

    function flush() {
      if (sending) { return; }
      var names = Object.keys(pending);
      if (names.length === 0) { done(); return; }
      if (!navigator.onLine) { say(form.getAttribute("data-failed")); return; }
      var name = names[0];
      var data = pending[name];
      sending = true;
      fetch(url, { method: "POST", body: data, credentials: "same-origin", headers: { "X-CSRFToken": csrf } })
        .then(function (response) {
          return response.json().then(function (body) { return { status: response.status, body: body }; });
        })
        .then(function (result) {
          sending = false;
          if (pending[name] === data) { delete pending[name]; }
          if (result.body && result.body.ok) {
            say(form.getAttribute("data-saved"));
            applyRelevant(result.body.relevant);
          }
          flush();
        })
        .catch(function () {
          sending = false;
          say(form.getAttribute("data-failed"));
          window.setTimeout(flush, 3000);
        });
    }

    form.addEventListener("change", function (event) {
      var name = event.target.name;
      if (!name || name === "getoond" || name === "opslag_id" || name === "getoond_token") { return; }
      pending[name] = collect(name);
      flush();
    });
    form.addEventListener("submit", function (event) {
      if (navigator.onLine && Object.keys(pending).length === 0) { return; }
      event.preventDefault();
      submitWanted = event.submitter || true;
      if (!navigator.onLine) { say(form.getAttribute("data-failed")); }
      flush();
    });
    window.addEventListener("online", flush);
  }

  function focusErrors() {
    var summary = document.getElementById("fw-errors");
    if (summary) { summary.focus(); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupSpeech();
    var form = document.querySelector("form[data-autosave]");
    if (form) { setupAutosave(form); }
    focusErrors();
  });
})();
