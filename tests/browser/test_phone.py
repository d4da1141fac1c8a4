"""Every page of the built book on a phone (390 x 844, issue 17), in headless Chromium.

On every page (the test finds them, so parts that land later are held to the same rules):

- nothing is wider than the page's content column, except inside a scroll container (overflow-x auto
  or scroll) whose cue ("Scroll sideways ...", ``.jesc-table-cue``) is visible;
- no interactive control (input, select, button, summary, any element with a tabindex) is smaller
  than 24 x 24 px (WCAG 2.2, 2.5.8; links inside sentences are exempt by that criterion);
- no text of the course's widgets (quiz, timeline, decision exercise, sortable tables), HTML or SVG
  chart, is rendered under 11 px.
"""

from __future__ import annotations

import pytest

from book import open_built
from site_pages import built_pages

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
MIN_TARGET = 24
MIN_TEXT = 11
WIDGETS = ".jesc-quiz, .jesc-timeline, .jesc-decision, .jesc-sortable-wrap"

CHECK = """([minTarget, minText, widgets]) => {
  const article = document.querySelector("article.bd-article") || document.querySelector("main");
  const column = article.getBoundingClientRect();
  const shown = (el) => { const s = getComputedStyle(el); const r = el.getBoundingClientRect();
    return s.display !== "none" && s.visibility !== "hidden" && r.width > 0 && r.height > 0; };
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\\s+/).join(".") : "");
  const scroller = (el) => { for (let p = el.parentElement; p && p !== article; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX; if (o === "auto" || o === "scroll" || o === "hidden") return p; }
    return null; };
  const hasCue = (box) => { for (const sib of [box.previousElementSibling, box.parentElement &&
        box.parentElement.previousElementSibling]) {
      if (sib && sib.classList.contains("jesc-table-cue") && shown(sib)) return true; }
    return false; };
  const wide = [], small = [], tiny = [];
  for (const el of article.querySelectorAll("*")) {
    if (!shown(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.right > column.right + 1 || r.left < column.left - 1) {
      const box = scroller(el);
      if (!box) { wide.push(name(el) + " " + Math.round(r.width) + "px"); }
      else if (box.scrollWidth > box.clientWidth + 1 && !hasCue(box) && getComputedStyle(box).overflowX !== "hidden")
        { wide.push(name(el) + " in " + name(box) + " (no visible cue)"); }
    }
  }
  for (const el of article.querySelectorAll("input, select, button, summary, [tabindex]:not([tabindex='-1'])")) {
    if (!shown(el) || el.type === "hidden") continue;
    if (el.matches(".jesc-table-scroll, [role=region]")) continue;  // a scroll region, not a small target
    const r = el.getBoundingClientRect();
    if (r.width < minTarget - 0.5 || r.height < minTarget - 0.5)
      small.push(name(el) + " " + r.width.toFixed(1) + "x" + r.height.toFixed(1));
  }
  for (const w of article.querySelectorAll(widgets)) {
    for (const el of w.querySelectorAll("*")) {
      if (!shown(el) || el.closest("svg") && el.tagName.toLowerCase() !== "text") continue;
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      if (!own) continue;
      let size = parseFloat(getComputedStyle(el).fontSize);
      if (el.tagName.toLowerCase() === "text") { const m = el.getScreenCTM(); size *= m ? Math.hypot(m.a, m.b) : 1; }
      if (size < minText - 0.05) tiny.push(name(el) + " " + size.toFixed(1) + "px: " + el.textContent.trim().slice(0, 30));
    }
  }
  return {wide: wide.slice(0, 8), small: small.slice(0, 8), tiny: tiny.slice(0, 8)};
}"""


def pages(root):
    return built_pages(root, service=False)


def test_every_page_fits_a_phone(browser, book_url, built_book):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.book_url = book_url
    problems = []
    try:
        for rel in pages(built_book):
            open_built(page, rel)
            page.wait_for_timeout(50)
            found = page.evaluate(CHECK, [MIN_TARGET, MIN_TEXT, WIDGETS])
            for kind, what in (("wider than the content column", "wide"),
                               (f"interactive target under {MIN_TARGET} x {MIN_TARGET} px", "small"),
                               (f"widget text under {MIN_TEXT} px", "tiny")):
                for item in found[what]:
                    problems.append(f"{rel}: {kind}: {item}")
    finally:
        context.close()
    assert not problems, "at 390 x 844:\n" + "\n".join(problems)
