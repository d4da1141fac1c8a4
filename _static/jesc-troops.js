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
      caption.textContent = caption.textContent.replace(/in \d{4},/, "in " + year + ",");
      status.textContent = year + ". US troops in the hosts of the table, " +
        order.map(function (r) { return r + ": " + fmt(regions[r]); }).join("; ") + ".";
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
