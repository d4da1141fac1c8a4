/* Mission explorer of Part II (src/jesc/missions.py): filters the server-rendered lists in the page by year,
   kind and region. No network, no dependencies. Every mission is already in the HTML; this only hides and shows. */
(function () {
  "use strict";
  function active(rec, year) { return rec.from <= year && (rec.to === null || rec.to >= year); }
  function init(root) {
    var blob = root.querySelector("script.jesc-missions-data");
    var form = root.querySelector("form.jesc-ms-filters");
    if (!blob || !form || root.hasAttribute("data-jesc-ready")) return;
    var data = JSON.parse(blob.textContent);
    /* a template in the edition's language (data.ui, from jesc.i18n), its placeholders filled */
    function fill(template, values) {
      var text = (data.ui && data.ui[template]) || template;
      return text.replace(/\{(\d+)\}/g, function (m, i) { return i < values.length ? String(values[i]) : m; });
    }
    var slider = form.querySelector('input[name="year"]');
    var out = form.querySelector("output");
    var count = root.querySelector(".jesc-ms-count");
    var dcount = root.querySelector(".jesc-ms-dcount");
    var items = {}, deps = {};
    root.querySelectorAll("li.jesc-ms-item").forEach(function (li) { items[li.getAttribute("data-id")] = li; });
    root.querySelectorAll("li.jesc-ms-dep").forEach(function (li) { deps[li.getAttribute("data-id")] = li; });
    function apply() {
      var year = parseInt(slider.value, 10);
      var kinds = [];
      form.querySelectorAll('input[name="kind"]').forEach(function (b) { if (b.checked) kinds.push(b.value); });
      var region = form.querySelector('select[name="region"]').value;
      var shown = 0, byKind = {}, all = 0;
      data.kinds.forEach(function (k) { byKind[k] = 0; });
      data.missions.forEach(function (m) {
        var inYear = active(m, year);
        if (inYear) { all += 1; byKind[m.kind] += 1; }
        var on = inYear && kinds.indexOf(m.kind) >= 0 && (!region || m.region === region);
        if (items[m.id]) items[m.id].hidden = !on;
        if (on) shown += 1;
      });
      var nd = 0;
      data.deployments.forEach(function (d) {
        var on = active(d, year);
        if (deps[d.id]) deps[d.id].hidden = !on;
        if (on) nd += 1;
      });
      out.textContent = String(year);
      var parts = data.kinds.map(function (k) { return fill("{0} " + data.labels[k], [byKind[k]]); });
      var summary = fill("{0} missions active in {1} ({2})", [all, year, parts.join(", ")]);
      count.textContent = fill("{0}; showing {1} of {2} missions.", [summary, shown, data.total]);
      if (dcount) dcount.textContent = fill("{0} active in {1}.", [nd, year]);
    }
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.hidden = false;
    var note = root.querySelector(".jesc-ms-nojs");
    if (note) note.hidden = true;
    apply();
    root.setAttribute("data-jesc-ready", "");
  }
  function all() { document.querySelectorAll("section.jesc-missions").forEach(init); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", all); else all();
})();
