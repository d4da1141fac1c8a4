/* Decision exercise and sortable tables (src/jesc/decision.py). No network, no dependencies. */
(function () {
  "use strict";
  function initDecision(root) {
    var blob = root.querySelector("script.jesc-decision-data");
    if (!blob || root.hasAttribute("data-jesc-ready")) return;
    var data = JSON.parse(blob.textContent);
    /* a template in the edition's language (data.ui, from jesc.i18n), its placeholders filled */
    function fill(template, values) {
      var text = (data.ui && data.ui[template]) || template;
      return text.replace(/\{(\d+)\}/g, function (m, i) { return i < values.length ? String(values[i]) : m; });
    }
    var sliders = root.querySelectorAll('input[type="range"][data-criterion]');
    var tbody = root.querySelector("table.jesc-dc-ranking tbody");
    function rerank() {
      var w = {}, total = 0;
      sliders.forEach(function (s) {
        w[s.getAttribute("data-criterion")] = Number(s.value); total += Number(s.value);
        var out = root.querySelector('output[for="' + s.id + '"]'); if (out) out.textContent = s.value;
      });
      if (total === 0) {
        tbody.innerHTML = "";
        var tr = document.createElement("tr"), td = document.createElement("td");
        td.colSpan = 3; td.textContent = fill("Give at least one criterion a weight above {0}.", [0]); tr.appendChild(td); tbody.appendChild(tr);
        return;
      }
      var rows = data.options.map(function (o, i) {
        var s = 0; data.criteria.forEach(function (c) { s += w[c] * o.scores[c]; });
        return { name: o.name, score: Math.round((s / total) * 100) / 100, order: i };
      });
      rows.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
      tbody.innerHTML = "";
      rows.forEach(function (r, i) {
        var rank = 1; for (var k = 0; k < i; k++) if (rows[k].score > r.score) rank = k + 2;
        var tr = document.createElement("tr"), td1 = document.createElement("td"),
            th = document.createElement("th"), td2 = document.createElement("td");
        td1.textContent = String(rank); th.scope = "row"; th.textContent = r.name; td2.textContent = r.score.toFixed(2);
        tr.appendChild(td1); tr.appendChild(th); tr.appendChild(td2); tbody.appendChild(tr);
      });
    }
    sliders.forEach(function (s) { s.disabled = false; s.addEventListener("input", rerank); });
    var note = root.querySelector(".jesc-dc-nojs"); if (note) note.hidden = true;
    rerank();
    root.setAttribute("data-jesc-ready", "");
  }
  function initTable(table) {
    if (table.hasAttribute("data-jesc-ready")) return;
    var ths = table.querySelectorAll("thead th");
    ths.forEach(function (th, j) {
      var btn = th.querySelector("button"); if (!btn) return;
      btn.addEventListener("click", function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        ths.forEach(function (o) { o.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var num = th.getAttribute("data-type") === "number";
        var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
        rows.forEach(function (r, i) { r._i = i; });
        rows.sort(function (a, b) {
          var x = a.cells[j].getAttribute("data-value"), y = b.cells[j].getAttribute("data-value");
          var c = num ? Number(x) - Number(y) : x.localeCompare(y);
          return (asc ? c : -c) || a._i - b._i;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
    table.setAttribute("data-jesc-ready", "");
  }
  function all() {
    document.querySelectorAll("section.jesc-decision").forEach(initDecision);
    document.querySelectorAll("table.jesc-sortable").forEach(initTable);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", all); else all();
})();
