/* US troops explorer (src/jesc/nato.py): a year slider over the table rendered in the page.
   No network, no dependencies: every year's numbers are in the page's JSON block. */
(function () {
  "use strict";
  function fmt(n) { return n.toLocaleString("en-US"); }
  function init(root) {
    var blob = root.querySelector("script.jesc-troops-data");
    var controls = root.querySelector(".jesc-tr-controls");
    if (!blob || !controls || root.hasAttribute("data-jesc-ready")) return;
    var data = JSON.parse(blob.textContent);
    /* a template in the edition's language (data.ui, from jesc.i18n), its placeholders filled */
    function fill(template, values) {
      var text = (data.ui && data.ui[template]) || template;
      return text.replace(/\{(\d+)\}/g, function (m, i) { return i < values.length ? String(values[i]) : m; });
    }
    var slider = controls.querySelector('input[type="range"]');
    var out = controls.querySelector("output");
    var status = root.querySelector(".jesc-tr-status");
    var caption = root.querySelector(".jesc-tr-table caption");
    function apply() {
      var year = parseInt(slider.value, 10);
      var i = data.years.indexOf(year);
      if (i < 0) return;
      var regions = {}, order = [];
      data.hosts.forEach(function (h) {
        var v = h.troops[i];
        var row = root.querySelector('tr[data-code="' + h.code + '"]');
        if (row) {
          row.querySelector(".jesc-tr-num").textContent = fmt(v);
          row.querySelector(".jesc-tr-bar").style.width = (v / data.top * 100).toFixed(1) + "%";
        }
        if (!(h.region in regions)) { regions[h.region] = 0; order.push(h.region); }
        regions[h.region] += v;
      });
      out.textContent = String(year);
      slider.setAttribute("aria-valuetext", String(year));
      caption.textContent = fill("US active-duty troops in {0}, by host country (bar length relative to " +
        "the largest count in the table, {1})", [year, fmt(data.top)]);
      status.textContent = fill("{0}. US troops in the hosts of the table, {1}.", [year,
        order.map(function (r) { return fill(r, []) + ": " + fmt(regions[r]); }).join("; ")]);
    }
    slider.addEventListener("input", apply);
    slider.addEventListener("change", apply);
    controls.hidden = false;
    var note = root.querySelector(".jesc-tr-nojs");
    if (note) note.hidden = true;
    apply();
    root.setAttribute("data-jesc-ready", "");
  }
  function all() { document.querySelectorAll("section.jesc-troops").forEach(init); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", all); else all();
})();
