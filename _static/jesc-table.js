/* Every table of a page in a scroll container with a visible cue when it is wider than the column
   (issue 17). jesc.tables.show writes the container itself; other tables (Markdown, pandas) get one
   here. The cue is shown only while the table overflows, and follows the window's width. */
(function () {
  "use strict";
  /* the edition's words where _ext/languages.py gives them (window.jescUI), else English */
  var UI = window.jescUI || {};
  var CUE = UI.tableCue || "Scroll sideways to see every column \u2192";
  function wrap(table) {
    if (table.closest(".jesc-table-scroll, .jesc-quiz, .jesc-timeline, .jesc-decision")) { return; }
    var box = document.createElement("div");
    box.className = "jesc-table-scroll";
    box.tabIndex = 0;
    box.setAttribute("role", "region");
    var caption = table.querySelector("caption");
    box.setAttribute("aria-label", caption ? caption.textContent.trim() : sectionLabel(table));
    var cue = document.createElement("p");
    cue.className = "jesc-table-cue";
    cue.setAttribute("aria-hidden", "true");
    cue.textContent = CUE;
    table.parentNode.insertBefore(cue, table);
    table.parentNode.insertBefore(box, table);
    box.appendChild(table);
  }
  /* A table without a caption is named after its section ("Columns (table)"): a page with two such
     tables would otherwise have two regions both called "Table" (axe rule landmark-unique). */
  function sectionLabel(table) {
    var section = table.closest("section");
    var heading = section && section.querySelector("h1, h2, h3, h4, h5, h6");
    if (!heading) { return UI.table || "Table"; }
    var copy = heading.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach(function (a) { a.remove(); });
    var name = copy.textContent.trim();
    return UI.tableOf ? UI.tableOf.replace("{0}", name) : name + " (table)";
  }
  /* Regions that still share a name (two uncaptioned tables in one section) are numbered. */
  function uniqueLabels() {
    var seen = {};
    document.querySelectorAll(".jesc-table-scroll[role=region]").forEach(function (box) {
      var label = box.getAttribute("aria-label");
      seen[label] = (seen[label] || 0) + 1;
      if (seen[label] > 1) { box.setAttribute("aria-label", label + " " + seen[label]); }
    });
  }
  function update() {
    document.querySelectorAll(".jesc-table-scroll").forEach(function (box) {
      var cue = box.previousElementSibling;
      if (cue && cue.classList.contains("jesc-table-cue")) {
        cue.setAttribute("data-overflow", String(box.scrollWidth > box.clientWidth + 1));
      }
    });
  }
  function wrapChart(svg) {
    if (svg.parentNode.classList.contains("jesc-tl-chart-scroll")) { return; }
    var box = document.createElement("div");
    box.className = "jesc-table-scroll jesc-tl-chart-scroll";
    box.tabIndex = 0;
    box.setAttribute("role", "region");
    /* the name and cue in the edition's language where the chart carries them (jesc.timeline) */
    box.setAttribute("aria-label", svg.getAttribute("data-jesc-label") || "Timeline chart");
    var cue = document.createElement("p");
    cue.className = "jesc-table-cue";
    cue.setAttribute("aria-hidden", "true");
    cue.textContent = svg.getAttribute("data-jesc-cue") || "Scroll sideways to see the whole chart \u2192";
    svg.parentNode.insertBefore(cue, svg);
    svg.parentNode.insertBefore(box, svg);
    box.appendChild(svg);
  }
  function init() {
    document.querySelectorAll(".bd-article table").forEach(wrap);
    document.querySelectorAll("svg.jesc-tl-chart").forEach(wrapChart);
    uniqueLabels();
    update();
    window.addEventListener("resize", update);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
