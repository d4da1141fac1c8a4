/* Timeline explorer (src/jesc/timeline.py): filters the server-rendered list and chart in the page.
   No network, no dependencies. Every event is already in the HTML; this only hides and shows. */
(function () {
  "use strict";
  function init(root) {
    var blob = root.querySelector("script.jesc-timeline-data");
    var form = root.querySelector("form.jesc-tl-filters");
    if (!blob || !form || root.hasAttribute("data-jesc-ready")) return;
    var data = JSON.parse(blob.textContent);
    /* a template in the edition's language (data.ui, from jesc.i18n), its placeholders filled */
    function fill(template, values) {
      var text = (data.ui && data.ui[template]) || template;
      return text.replace(/\{(\d+)\}/g, function (m, i) { return i < values.length ? String(values[i]) : m; });
    }
    var count = root.querySelector(".jesc-tl-count");
    var items = {}, marks = {};
    root.querySelectorAll("li.jesc-tl-item").forEach(function (li) { items[li.getAttribute("data-id")] = li; });
    root.querySelectorAll(".jesc-tl-mark").forEach(function (m) { marks[m.getAttribute("data-id")] = m; });
    function apply() {
      var fws = [];
      form.querySelectorAll('input[name="framework"]').forEach(function (b) { if (b.checked) fws.push(b.value); });
      var dom = form.querySelector('select[name="domain"]').value;
      var dec = form.querySelector('select[name="decade"]').value;
      var shown = 0;
      data.events.forEach(function (ev) {
        var on = fws.indexOf(ev.framework) >= 0 && (!dom || ev.domain === dom) && (!dec || String(ev.decade) === dec);
        if (items[ev.id]) items[ev.id].hidden = !on;
        if (marks[ev.id]) marks[ev.id].setAttribute("class", "jesc-tl-mark" + (on ? "" : " jesc-tl-off"));
        if (on) shown += 1;
      });
      count.textContent = fill("Showing {0} of {1} events.", [shown, data.total]);
    }
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    root.querySelectorAll(".jesc-tl-mark").forEach(function (m) {
      m.addEventListener("click", function () {
        var li = items[m.getAttribute("data-id")];
        if (li) { var d = li.querySelector("details"); if (d) d.open = true; }
      });
    });
    form.hidden = false;
    var note = root.querySelector(".jesc-tl-nojs");
    if (note) note.hidden = true;
    apply();
    root.setAttribute("data-jesc-ready", "");
  }
  function all() { document.querySelectorAll("section.jesc-timeline").forEach(init); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", all); else all();
})();
