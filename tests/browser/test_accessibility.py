"""Accessibility of every page of the built book, checked in Debian's headless Chromium.

* ``test_axe_runs_every_wcag_rule``: the axe-core run below includes every rule axe-core has for a WCAG
  2.0/2.1/2.2 A or AA success criterion, experimental ones included (a run by tag leaves those out, and
  so WCAG 2.5.3 "label in name" in axe-core 4.11), and css-orientation-lock passes with the stylesheets.
* ``test_axe_every_page``: axe-core (npm, pinned by ``tests/browser/package-lock.json``) finds no
  violation of any impact (the rules of ``site_pages.AXE_RULES_JS``: WCAG 2.0/2.1/2.2 A and AA and
  axe's best practices) on any built page (``site_pages.built_pages``), in the light and in the dark
  theme. On a page with quizzes or other course widgets axe checks the widgets again after each has
  been used (every question answered and checked; the first button of every other widget clicked); on
  the landing page, the theme's search dialog, open. The failure message lists rule, impact, page,
  mode and selectors; the output, for every page with a violation, the rules violated by impact.
  Speed: one tab per theme, each in its own context and renderer, both themes checked at once; axe is
  in every document from its start (an init script, not an injection per page); one axe run per page
  with every rule; after use, only what changed (the widgets, the dialog) is checked again.
* ``test_headings_in_order``: in each page's article, one ``h1`` first, and no level skipped going down.
* ``test_figures_have_alt_text``: every image in an article has a text alternative, and not a file name
  (myst-nb's default alternative text for a plot is its path, which a screen reader reads out).
* ``test_quizzes_usable_by_keyboard_alone``: every quiz of the book is reached with Tab, each question is
  answered with Space, arrow keys or typing and checked with Enter, with visible focus and feedback.
"""

from __future__ import annotations

import collections
from html.parser import HTMLParser

import pytest

from site_pages import (
    AXE_JS,
    FAILING_IMPACTS,
    IMPACTS,
    INTERACTIVE,
    WCAG_TAGS,
    axe_orientation_lock,
    axe_rules,
    axe_run,
    axe_start,
    axe_violations,
    built_pages,
    describe_violations,
    reader_context,
    use_interactive_elements,
)

pytestmark = pytest.mark.browser

MODES = ("light", "dark")
#: What a page shows after its widgets are used or the search dialog is opened, and so what axe checks
#: again then (the rest of the page does not change and was checked as loaded).
SEARCH_DIALOG = "#pst-search-dialog"


@pytest.fixture(scope="module")
def readers(browser, book_url):
    """One tab per theme, each in its own context (so in its own renderer process: the two themes are
    checked at the same time on two cores), with axe-core in every document from its start."""
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci --prefix tests/browser` (tools/run-tests.sh does)")
    contexts = [reader_context(browser, book_url, mode, axe=True) for mode in MODES]
    tabs = [context.new_page() for context in contexts]
    for tab, mode in zip(tabs, MODES):
        tab.mode, tab.book_url = mode, book_url
    yield tabs
    for context in contexts:
        context.close()


def visit(page, relative: str):
    response = page.goto(page.book_url + relative, wait_until="load")
    assert response is not None and response.ok, f"{relative}: HTTP {response and response.status}"
    theme = page.evaluate("document.documentElement.dataset.theme")
    assert theme == page.mode, f"{relative}: the page is in the {theme!r} theme, not {page.mode!r}"


def check_page(page, relative: str) -> list[tuple[str, list[dict]]]:
    """(label, violations) of the page as loaded (axe already started by the caller), then of its
    widgets after they are used, then (landing page) of the search dialog, open."""
    runs = [("", axe_run(page)["violations"])]
    if page.locator(INTERACTIVE).count():
        used = use_interactive_elements(page)
        runs.append((f" (after using {used} widget(s))", axe_violations(page, INTERACTIVE)))
    if relative == "index.html":
        page.keyboard.press("Control+k")  # the theme's search dialog
        page.locator("#pst-search-dialog input, .search-button__wrapper.show input").first.wait_for(
            state="visible", timeout=5000)
        runs.append((" (search dialog open)", axe_violations(page, SEARCH_DIALOG)))
        page.keyboard.press("Escape")
    return runs


def test_axe_runs_every_wcag_rule(readers, built_book):
    """axe-core runs every rule it has for a WCAG 2.0-2.2 A/AA success criterion, the experimental
    ones included (a run by tag leaves those out), and css-orientation-lock with the stylesheets."""
    page = readers[0]
    visit(page, "index.html")
    axe_start(page)
    ran = set(axe_run(page)["ran"])
    wcag = {r["ruleId"] for r in axe_rules(page) if set(r["tags"]) & set(WCAG_TAGS)}
    version = page.evaluate("axe.version")
    print(f"\naxe-core {version}: {len(ran)} rules run, {len(wcag)} of them for WCAG A/AA")
    assert "label-content-name-mismatch" in wcag, f"axe-core {version} has no rule for WCAG 2.5.3"
    assert not wcag - ran, f"WCAG rules axe-core {version} did not run: {sorted(wcag - ran)}"
    lock = axe_orientation_lock(page)
    assert lock["result"] in ("passed", "inapplicable"), f"css-orientation-lock: {lock}"


def test_axe_every_page(readers, built_book):
    found, counts, rows = [], collections.Counter(), []
    for relative in built_pages(built_book):
        for page in readers:
            visit(page, relative)
            axe_start(page)
        for page in readers:
            violated = set()  # (rule, impact): a rule counts once a page, in whichever of its states
            for label, violations in check_page(page, relative):
                for v in violations:
                    violated.add((v["id"], v["impact"]))
                    if v["impact"] in FAILING_IMPACTS:
                        found.append((relative + label, page.mode, v))
            row = collections.Counter(impact for _, impact in violated)
            counts.update(row)
            if violated:
                rows.append(f"{relative} [{page.mode}]: " + ", ".join(f"{row[i]} {i}" for i in IMPACTS))
    print(f"\naxe: {len(built_pages(built_book))} pages x {len(readers)} themes; rules violated, by impact "
          f"(once a page): {dict(counts) or 'none'}\n" + "\n".join(rows))
    assert not found, (f"{len(found)} axe violation(s):\n" + describe_violations(found))


# ------------------------------------------------------------------------------- static structure
class _ArticleParser(HTMLParser):
    """Headings and images inside ``<article class="bd-article">`` (the page's own content)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.headings: list[tuple[int, str]] = []
        self.images: list[dict] = []
        self._heading: list | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article" and ("bd-article" in (a.get("class") or "").split() or self.depth):
            self.depth += 1
        if not self.depth:
            return
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading = [int(tag[1]), ""]
        if tag == "img":
            self.images.append(a)
        if tag == "svg" and a.get("role") == "img":
            self.images.append({"src": "<inline svg>", "alt": a.get("aria-label")})

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "article" and self.depth:
            self.depth -= 1
        if self._heading and tag == f"h{self._heading[0]}":
            self.headings.append((self._heading[0], " ".join(self._heading[1].split())))
            self._heading = None

    def handle_data(self, data):
        if self._heading is not None:
            self._heading[1] += data


def article(built_book, relative) -> _ArticleParser:
    parser = _ArticleParser()
    parser.feed((built_book / relative).read_text(encoding="utf-8"))
    return parser


def test_headings_in_order(built_book):
    problems = []
    for relative in built_pages(built_book, service=False):
        headings = article(built_book, relative).headings
        if not headings:
            problems.append(f"{relative}: no heading in the article")
            continue
        if headings[0][0] != 1 or [h for h, _ in headings].count(1) != 1:
            problems.append(f"{relative}: expected one h1, first; got {[f'h{h}' for h, _ in headings][:6]}")
        for (before, _), (level, text) in zip(headings, headings[1:]):
            if level > before + 1:
                problems.append(f"{relative}: h{before} is followed by h{level} ({text!r}): a level is skipped")
    assert not problems, "\n".join(problems)


def test_figures_have_alt_text(built_book):
    problems, seen = [], 0
    for relative in built_pages(built_book):
        for img in article(built_book, relative).images:
            seen += 1
            alt, src = (img.get("alt") or "").strip(), img.get("src", "")
            if not alt:
                problems.append(f"{relative}: <img src={src!r}> has no alt text")
            elif alt == src or alt.lower().endswith((".png", ".svg", ".jpg", ".jpeg", ".gif", ".webp")):
                problems.append(f"{relative}: <img src={src!r}> has a file name as alt text ({alt!r})")
    print(f"\nimages in articles: {seen}")
    assert not problems, "\n".join(problems)


# ------------------------------------------------------------------------------------ keyboard
_FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const quiz = el.closest('[data-jesc-quiz]'), li = el.closest('li.jesc-q');
    const s = getComputedStyle(el);
    return {inQuiz: !!quiz, quiz: quiz && quiz.id, q: li && li.dataset.qid, tag: el.tagName.toLowerCase(),
            type: (el.type || '').toLowerCase(), cls: el.className,
            visibleFocus: s.outlineStyle !== 'none' && s.outlineWidth !== '0px' || s.boxShadow !== 'none',
            afterQuizzes: (() => { const qs = document.querySelectorAll('[data-jesc-quiz]');
                const last = qs[qs.length - 1];
                return !!last && !last.contains(el) &&
                       !!(last.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING); })()};
}"""


def quiz_pages(built_book) -> list[str]:
    return [p for p in built_pages(built_book)
            if "data-jesc-quiz=" in (built_book / p).read_text(encoding="utf-8")]


def test_quizzes_usable_by_keyboard_alone(page, built_book):
    pages = quiz_pages(built_book)
    assert pages, "no page of the book has a quiz ([data-jesc-quiz])"
    problems = []
    for relative in pages:
        page.goto(page.book_url + relative, wait_until="load")
        page.wait_for_function("[...document.querySelectorAll('[data-jesc-quiz]')]"
                               ".every(q => q.hasAttribute('data-jesc-ready'))", timeout=5000)
        answered, checked = set(), set()
        for _ in range(3000):
            page.keyboard.press("Tab")
            f = page.evaluate(_FOCUSED)
            if f is None or f["afterQuizzes"]:
                break
            if not f["inQuiz"] or not f["q"]:
                continue
            key = (f["quiz"], f["q"])
            if not f["visibleFocus"]:
                problems.append(f"{relative}: focus on a <{f['tag']} class={f['cls']!r}> of {key} is not visible")
            if f["tag"] == "input" and f["type"] in ("radio", "checkbox"):
                page.keyboard.press("Space")
            elif f["tag"] == "input":
                page.keyboard.type("1")
            elif f["tag"] == "select":
                page.keyboard.press("ArrowDown")
            elif f["tag"] == "button" and "jesc-check" in f["cls"]:
                page.keyboard.press("Enter")
                checked.add(key)
                continue
            else:
                continue
            answered.add(key)
        for quiz in page.locator("[data-jesc-quiz]").all():
            qid = quiz.get_attribute("id")
            for li in quiz.locator("li.jesc-q").all():
                key = (qid, li.get_attribute("data-qid"))
                button = li.locator("button.jesc-check")
                if key not in answered:
                    problems.append(f"{relative}: question {key} was not reached by Tab")
                elif button.count() and button.is_visible() and key not in checked:
                    problems.append(f"{relative}: the Check button of {key} was not reached by Tab")
                elif not li.locator(".jesc-feedback").inner_text().strip():
                    problems.append(f"{relative}: question {key} gave no feedback to the keyboard")
    assert page.external_requests == [], page.external_requests
    assert not problems, "\n".join(problems)
