/* Kansrijk results: draw every <div data-vega-spec-url="…"> with vega-embed.
 * The strict CSP has no 'unsafe-eval': vega-embed's {ast: true} makes Vega interpret expressions with its
 * own AST interpreter instead of compiling them with new Function(). The table next to each chart is its text
 * alternative and works without JavaScript.
 * vega-embed's own action menu is switched off: it is a <details> pop-up styled by a stylesheet vega-embed
 * injects at run time, which the CSP (no 'unsafe-inline' styles) blocks, so it was drawn open over the chart.
 * Below each chart are plain download links instead, one per format — no menu, nothing to open, keyboard
 * and screen-reader friendly. */
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
          defaultStyle: false,  /* no injected <style>: the CSP has no 'unsafe-inline' (kansrijk/css/charts.css styles it) */
          tooltip: { disableDefaultStyle: true, theme: "kansrijk" },
          actions: false
        });
      })
      .then(function (result) {
        var svg = el.querySelector("svg");
        if (svg) {
          svg.setAttribute("role", "img");
          svg.setAttribute("aria-label", (result && result.spec && result.spec.description) || "");
        }
        return downloads(el, result && result.view);
      })
      .then(function () { el.setAttribute("data-rendered", "true"); })
      .catch(function (err) {
        el.setAttribute("data-rendered", "error");
        var p = document.createElement("p");
        p.className = "utrecht-paragraph kr-chart-error";
        p.textContent = el.getAttribute("data-error-text") || "De grafiek kon niet worden getekend; de tabel toont dezelfde cijfers.";
        el.appendChild(p);
        if (window.console) { window.console.warn(err); }
      });
  }
  var TEXT = {
    nl: { lead: "Grafiek downloaden:", png: "PNG-afbeelding", svg: "SVG-afbeelding" },
    en: { lead: "Download chart:", png: "PNG image", svg: "SVG image" }
  };
  /* One link per format under the chart, its address made by Vega from the drawn view (PNG as a data: URL,
   * SVG as a blob: URL); the file is named after the chart's spec URL. */
  function downloads(el, view) {
    if (!view || typeof view.toImageURL !== "function") { return null; }
    var lang = (document.documentElement.getAttribute("lang") || "nl").slice(0, 2);
    var text = TEXT[lang] || TEXT.nl;
    var base = (el.getAttribute("data-vega-spec-url") || "grafiek").split("?")[0].replace(/\/+$/, "").split("/").pop() || "grafiek";
    return Promise.all([view.toImageURL("png", 2), view.toImageURL("svg")]).then(function (urls) {
      var p = document.createElement("p");
      p.className = "kr-chart-downloads";
      p.appendChild(document.createTextNode(text.lead + " "));
      [["png", urls[0]], ["svg", urls[1]]].forEach(function (pair, i) {
        var a = document.createElement("a");
        a.className = "utrecht-link kr-chart-download";
        a.href = pair[1];
        a.setAttribute("download", base + "." + pair[0]);
        a.setAttribute("data-format", pair[0]);
        a.textContent = text[pair[0]];
        if (i) { p.appendChild(document.createTextNode(" ")); }
        p.appendChild(a);
      });
      el.appendChild(p);
    });
  }
  function init() {
    if (window.htmx) { window.htmx.config.allowEval = false; window.htmx.config.includeIndicatorStyles = false; }
    var nodes = document.querySelectorAll("[data-vega-spec-url]");
    for (var i = 0; i < nodes.length; i++) { draw(nodes[i]); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
