"""Accessibility of every page of the built book, checked in Debian's headless Chromium.

* ``test_axe_every_page[light|dark]``: axe-core (npm, pinned by ``tests/browser/package-lock.json``)
  finds no violation of impact "serious" or "critical" (WCAG 2.0/2.1/2.2 A and AA rules and axe's best
  practices) on any built page (``site_pages.built_pages``), in the light and in the dark theme. On a
  page with quizzes or other course widgets axe runs again after each has been used (every question
  answered and checked; the first button of every other widget clicked); on the landing page, again with
  the theme's search dialog open. The failure message lists rule, impact, page, mode and selectors.
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
    INTERACTIVE,
    axe_result,
    axe_start,
    axe_violations,
    built_pages,
    describe_violations,
    reader_context,
    use_interactive_elements,
)

pytestmark = pytest.mark.browser


TABS = 2  # pages checked at once: axe runs in one tab while the next page loads in another


@pytest.fixture(scope="module", params=["light", "dark"])
def readers(request, browser, book_url):
    """Tabs in one theme for the whole module (a context per theme, reused for every page)."""
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci --prefix tests/browser` (tools/run-tests.sh does)")
    context = reader_context(browser, book_url, request.param)
    tabs = [context.new_page() for _ in range(TABS)]
    for tab in tabs:
        tab.mode, tab.book_url = request.param, book_url
    yield tabs
    context.close()


def visit(page, relative: str):
    response = page.goto(page.book_url + relative, wait_until="load")
    assert response is not None and response.ok, f"{relative}: HTTP {response and response.status}"
    theme = page.evaluate("document.documentElement.dataset.theme")
    assert theme == page.mode, f"{relative}: the page is in the {theme!r} theme, not {page.mode!r}"


def check_page(page, relative: str) -> list[tuple[str, list[dict]]]:
    """(label, violations) of the page as loaded (axe already started by the caller), then after its
    widgets are used, then (landing page) with the search dialog open."""
    runs = [("", axe_result(page))]
    if page.locator(INTERACTIVE).count():
        used = use_interactive_elements(page)
        runs.append((f" (after using {used} widget(s))", axe_violations(page)))
    if relative == "index.html":
        page.keyboard.press("Control+k")  # the theme's search dialog
        page.locator("#pst-search-dialog input, .search-button__wrapper.show input").first.wait_for(
            state="visible", timeout=5000)
        runs.append((" (search dialog open)", axe_violations(page)))
        page.keyboard.press("Escape")
    return runs


def test_axe_every_page(readers, built_book):
    found, counts = [], collections.Counter()
    mode = readers[0].mode
    pages = built_pages(built_book)
    for batch in range(0, len(pages), len(readers)):
        todo = list(zip(readers, pages[batch:batch + len(readers)]))
        for page, relative in todo:
            visit(page, relative)
            axe_start(page)
        for page, relative in todo:
            for label, violations in check_page(page, relative):
                for v in violations:
                    counts[v["impact"]] += 1
                    if v["impact"] in FAILING_IMPACTS:
                        found.append((relative + label, mode, v))
    print(f"\naxe [{mode}]: {len(pages)} pages; violations by impact: {dict(counts) or 'none'}")
    assert not found, (f"{len(found)} serious/critical axe violation(s) in the {mode} theme:\n"
                       + describe_violations(found))


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
