/* Kansrijk results: draw every <div data-vega-spec-url="…"> with vega-embed.
 * The strict CSP has no 'unsafe-eval': vega-embed's {ast: true} makes Vega interpret expressions with its
 * own AST interpreter instead of compiling them with new Function(). The table next to each chart is its text
 * alternative and works without JavaScript. */
(function () {
  "use strict";
  function draw(el) {
    var url = el.getAttribute("data-vega-spec-url");
    if (!url || typeof window.vegaEmbed !== "function") { return; }
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status + " " + url); } return r.json(); })
      .then(function (spec) {
        return window.vegaEmbed(el, spec, {
          ast: true,
          renderer: "svg",
          defaultStyle: false,  /* no injected <style>: the CSP has no 'unsafe-inline' (results.css styles it) */
          tooltip: { disableDefaultStyle: true, theme: "kansrijk" },
          actions: { export: true, source: false, compiled: false, editor: false },
          i18n: { SVG_ACTION: el.getAttribute("data-label-svg") || "SVG", PNG_ACTION: el.getAttribute("data-label-png") || "PNG" }
        });
      })
      .then(function (result) {
        var svg = el.querySelector("svg");
        if (svg) {
          svg.setAttribute("role", "img");
          svg.setAttribute("aria-label", (result && result.spec && result.spec.description) || "");
        }
        var summary = el.querySelector("details > summary");
        if (summary) { summary.setAttribute("aria-label", el.getAttribute("data-label-actions") || "Grafiek downloaden (PNG, SVG)"); }
        el.setAttribute("data-rendered", "true");
      })
      .catch(function (err) {
        el.setAttribute("data-rendered", "error");
        var p = document.createElement("p");
        p.className = "utrecht-paragraph kr-chart-error";
        p.textContent = el.getAttribute("data-error-text") || "De grafiek kon niet worden getekend; de tabel toont dezelfde cijfers.";
        el.appendChild(p);
        if (window.console) { window.console.warn(err); }
      });
  }
  function init() {
    if (window.htmx) { window.htmx.config.allowEval = false; window.htmx.config.includeIndicatorStyles = false; }
    var nodes = document.querySelectorAll("[data-vega-spec-url]");
    for (var i = 0; i < nodes.length; i++) { draw(nodes[i]); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
