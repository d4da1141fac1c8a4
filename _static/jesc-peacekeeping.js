/* Missions explorer (src/jesc/missions.py): filters the server-rendered Gantt chart and lists in the page.
   No network, no dependencies. Every mission is already in the HTML; this only hides and shows. */
(function () {
  "use strict";
  function init(root) {
    var blob = root.querySelector("script.jesc-pk-data");
    var form = root.querySelector("form.jesc-pk-filters");
    if (!blob || !form || root.hasAttribute("data-jesc-ready")) return;
    var data = JSON.parse(blob.textContent);
    /* a template in the edition's language (data.ui, from jesc.i18n), its placeholders filled */
    function fill(template, values) {
      var text = (data.ui && data.ui[template]) || template;
      return text.replace(/\{(\d+)\}/g, function (m, i) { return i < values.length ? String(values[i]) : m; });
    }
    var count = root.querySelector(".jesc-pk-count");
    var items = {}, bars = {};
    root.querySelectorAll("li.jesc-pk-item").forEach(function (li) { items[li.getAttribute("data-id")] = li; });
    root.querySelectorAll(".jesc-pk-bar").forEach(function (b) { bars[b.getAttribute("data-id")] = b; });
    var from = form.querySelector('select[name="from"]'), to = form.querySelector('select[name="to"]');
    function apply() {
      var kinds = [];
      form.querySelectorAll('input[name="kind"]').forEach(function (b) { if (b.checked) kinds.push(b.value); });
      var region = form.querySelector('select[name="region"]').value;
      var lo = parseInt(from.value, 10), hi = parseInt(to.value, 10);
      if (hi < lo) { var t = lo; lo = hi; hi = t; }
      var shown = 0;
      data.items.forEach(function (it) {
        var on = kinds.indexOf(it.kind) >= 0 && (!region || it.region === region) && it.from <= hi && it.to >= lo;
        if (items[it.id]) items[it.id].hidden = !on;
        if (bars[it.id]) bars[it.id].setAttribute("class", "jesc-pk-bar" + (on ? "" : " jesc-pk-off"));
        if (on) shown += 1;
      });
      count.textContent = fill("Showing {0} of {1} missions and deployments.", [shown, data.total]);
    }
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.hidden = false;
    var note = root.querySelector(".jesc-pk-nojs");
    if (note) note.hidden = true;
    apply();
    root.setAttribute("data-jesc-ready", "");
  }
  function all() { document.querySelectorAll("section.jesc-pk-explorer").forEach(init); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", all); else all();
})();
