/* Domain picker of Part IV (src/jesc/domains.py): shows the panel of the chosen domain.
   No network, no dependencies. Every panel is already in the HTML; this only hides and shows. */
(function () {
  "use strict";
  function init(root) {
    var blob = root.querySelector("script.jesc-domains-data");
    var choice = root.querySelector("fieldset.jesc-dm-choice");
    if (!blob || !choice || root.hasAttribute("data-jesc-ready")) return;
    var data = JSON.parse(blob.textContent);
    /* a template in the edition's language (data.ui, from jesc.i18n), its placeholders filled */
    function fill(template, values) {
      var text = (data.ui && data.ui[template]) || template;
      return text.replace(/\{(\d+)\}/g, function (m, i) { return i < values.length ? String(values[i]) : m; });
    }
    var status = root.querySelector(".jesc-dm-status");
    function apply() {
      var picked = choice.querySelector("input[type=radio]:checked");
      var dom = picked ? picked.value : data.domains[0];
      root.querySelectorAll(".jesc-dm-panel").forEach(function (p) {
        p.hidden = p.getAttribute("data-domain") !== dom;
      });
      var n = data.events[dom] || 0;
      status.textContent = fill(n === 1 ? "Showing {0}: {1} event in the timeline."
        : "Showing {0}: {1} events in the timeline.", [data.titles[dom], n]);
    }
    choice.addEventListener("change", apply);
    choice.hidden = false;
    var note = root.querySelector(".jesc-dm-nojs");
    if (note) note.hidden = true;
    apply();
    root.setAttribute("data-jesc-ready", "");
  }
  function all() { document.querySelectorAll("section.jesc-domains").forEach(init); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", all); else all();
})();
