"""The built book as files: its pages, their links and what each page weighs. Standard library only.

Used by the browser tests (``tests/browser/test_*.py``) and by ``benchmarks/bench.py``:

``built_pages(html_root) -> list[str]``
    every page of the book, as paths relative to the HTML root (``"chapters/nato/index.html"``).
``toc_order(html_root) -> list[str]``, ``toc_pages(html_root) -> set[str]``
    the pages of the table of contents in reading order (landing page's sidebar); every page any
    page's sidebar table of contents links to.
``crawl(html_root) -> Crawl``
    every ``href`` and ``src`` of every page, checked: local targets exist, ``#fragments`` exist as an
    ``id`` (or ``name``) in the target page; external URLs are listed, never fetched.
``page_weights(html_root) -> list[dict]``
    per page: bytes of ``html``, ``scripts``, ``styles``, ``images``, ``fonts``, ``other`` and ``total``,
    counting every local file the page loads, shared assets included (each file once per page), the
    way a browser with an empty cache meets the page. ``format_weights(rows)`` prints them as a table.

and, for tests that drive a Playwright browser (no Playwright import here):

``reader_context(browser, book_url, mode)``
    a browser context in the light or dark theme in which every request leaving the book's server is
    aborted and recorded (``context.external_requests``), as are console errors (``context.console_errors``).
``axe_violations(page)``
    axe-core's violations on the loaded page (WCAG 2 A/AA and best practices).
``use_interactive_elements(page)``
    answers and checks every quiz question, clicks the first button of every other course widget.

The module is not called ``site``: that name is the standard library's, imported at Python's start-up.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

#: Folders of the HTML root that hold assets and page sources, not pages.
NOT_PAGES = ("_static", "_sources", "_images", "_downloads", "_sphinx_design_static")
#: Pages Sphinx writes for every book and the header links to (search box, index); not in the toc.
SERVICE_PAGES = ("search.html", "genindex.html", "py-modindex.html")
#: The per-page budget of the issue "The book as a reader meets it": 2 MB including shared assets.
PAGE_BUDGET = 2 * 1024 * 1024

_URL_IN_CSS = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
_IMPORT_IN_CSS = re.compile(r"""@import\s+(?:url\()?\s*['"]?([^'")\s;]+)""")
_FONT_FACE = re.compile(r"@font-face\s*{([^}]*)}", re.S)
_FONT_EXT = (".woff2", ".woff", ".ttf", ".otf", ".eot")
_IMAGE_EXT = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".ico", ".avif")


# ------------------------------------------------------------------------------------------- parsing
@dataclass
class Ref:
    """One URL in a page: the tag and attribute it is in, e.g. ('link', 'href', '../x.css', 'stylesheet')."""

    tag: str
    attr: str
    url: str
    rel: str = ""
    kind: str = ""  # <link as=...> or <script type=...>


@dataclass
class ParsedPage:
    refs: list[Ref] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    toc_links: list[str] = field(default_factory=list)  # hrefs inside the sidebar table of contents
    inline_styles: list[str] = field(default_factory=list)


class _PageParser(HTMLParser):
    URL_ATTRS = {"href", "src", "poster", "data"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()
        self._nav_depth = 0  # >0 while inside <nav class="bd-docs-nav"> (the book's toc)
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("id", "name") if tag in ("a", "span", "div", "section") else ("id",):
            if a.get(key):
                self.page.ids.add(a[key])
        if tag == "nav":
            if self._nav_depth or "bd-docs-nav" in (a.get("class") or "").split():
                self._nav_depth += 1
        for attr in self.URL_ATTRS:
            value = a.get(attr)
            if value is None or (tag == "object" and attr != "data"):
                continue
            self.page.refs.append(Ref(tag, attr, value.strip(), (a.get("rel") or "").lower(),
                                      (a.get("as") or a.get("type") or "").lower()))
            if tag == "a" and attr == "href" and self._nav_depth:
                self.page.toc_links.append(value.strip())
        if a.get("srcset"):
            for part in a["srcset"].split(","):
                if part.strip():
                    self.page.refs.append(Ref(tag, "srcset", part.split()[0]))
        if tag == "style":
            self._in_style = True

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "nav" and self._nav_depth:
            self._nav_depth -= 1
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.page.inline_styles.append(data)


def parse_page(path: Path) -> ParsedPage:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser.page


# --------------------------------------------------------------------------------------------- pages
def built_pages(html_root: Path, *, service: bool = True) -> list[str]:
    """Every HTML page of the built book, relative to ``html_root``, sorted.

    Assets and page sources (:data:`NOT_PAGES`) are not pages. ``service=False`` also leaves out the
    pages Sphinx writes for every book (:data:`SERVICE_PAGES`: search, general index), which the header
    links to but the table of contents does not.
    """
    html_root = Path(html_root)
    pages = []
    for p in html_root.rglob("*.html"):
        rel = p.relative_to(html_root).as_posix()
        if rel.split("/")[0] in NOT_PAGES:
            continue
        if not service and rel in SERVICE_PAGES:
            continue
        pages.append(rel)
    return sorted(pages)


def is_external(url: str) -> bool:
    """True for a URL that leaves the book: any scheme or a protocol-relative //host URL."""
    s = urlsplit(url)
    return bool(s.scheme or s.netloc)


def resolve(page: str, url: str) -> tuple[str, str]:
    """(target path relative to the HTML root, fragment) of a local ``url`` found in ``page``.

    The query string (e.g. ``?digest=...``, ``?v=...``) is not part of the file name. A URL that ends in
    ``/`` names the folder's ``index.html``; an empty path is the page itself.
    """
    rest, fragment = urldefrag(url)
    path = unquote(urlsplit(rest).path)
    if not path:
        return page, unquote(fragment)
    if path.startswith("/"):
        target = posixpath.normpath(path.lstrip("/"))
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if path.endswith("/") or target == ".":
        target = posixpath.join("" if target == "." else target, "index.html")
    return target, unquote(fragment)


def toc_order(html_root: Path) -> list[str]:
    """Pages in reading order: the table of contents in the sidebar of ``index.html``, after it."""
    html_root = Path(html_root)
    order = ["index.html"]
    for href in parse_page(html_root / "index.html").toc_links:
        if not is_external(href):
            target = resolve("index.html", href)[0]
            if target not in order:
                order.append(target)
    return order


def toc_pages(html_root: Path) -> set[str]:
    """Pages the table of contents links to: the sidebar of ``index.html`` and of every page."""
    html_root = Path(html_root)
    found = {"index.html"}
    for page in built_pages(html_root):
        for href in parse_page(html_root / page).toc_links:
            if not is_external(href):
                found.add(resolve(page, href)[0])
    return found


# --------------------------------------------------------------------------------------------- links
@dataclass
class Crawl:
    """What :func:`crawl` found."""

    pages: list[str]
    checked: int = 0  # local hrefs and srcs resolved (with their fragments)
    broken: list[str] = field(default_factory=list)  # "page: <tag attr=url>: why"
    external: dict[str, set[str]] = field(default_factory=dict)  # URL -> pages linking to it
    external_loads: list[str] = field(default_factory=list)  # external URLs a page *loads* (src, css...)


# Links that are not resources: the reader follows them, the browser does not load them.
def _is_load(ref: Ref) -> bool:
    if ref.tag == "a" or (ref.tag == "link" and ref.rel in {"", "index", "search", "next", "prev",
                                                              "canonical", "alternate", "author", "license",
                                                              "help", "home", "up"}):
        return False
    return ref.tag not in ("form",)


def crawl(html_root: Path, other_edition: Path | None = None) -> Crawl:
    """Check every ``href`` and ``src`` of every built page (see the module docstring). A language
    switch (``rel="alternate"``) with an address must name the same page in ``other_edition`` (the
    other language's HTML folder, as ``_ext/languages.py`` finds it beside this one)."""
    html_root = Path(html_root)
    pages = built_pages(html_root)
    result = Crawl(pages)
    parsed: dict[str, ParsedPage] = {}

    def ids_of(target: str) -> set[str] | None:
        if target not in parsed:
            path = html_root / target
            parsed[target] = parse_page(path) if path.is_file() and target.endswith(".html") else None
        p = parsed[target]
        return p.ids if p is not None else None

    for page in pages:
        if page not in parsed:
            parsed[page] = parse_page(html_root / page)
        for ref in parsed[page].refs:
            url = ref.url
            if url.startswith(("mailto:", "tel:", "javascript:", "data:")) or url == "":
                if url.startswith("javascript:"):
                    result.broken.append(f"{page}: <{ref.tag} {ref.attr}={url!r}>: javascript: URL")
                continue
            if is_external(url):
                result.external.setdefault(url, set()).add(page)
                if _is_load(ref):
                    result.external_loads.append(f"{page}: <{ref.tag} {ref.attr}={url!r}>")
                continue
            if ref.rel == "alternate":  # the language switch: the same page of the other edition
                result.checked += 1
                if other_edition is None or not (Path(other_edition) / page).is_file():
                    result.broken.append(f"{page}: language switch <{ref.tag} {ref.attr}={url!r}>: no such "
                                         f"page in the other edition ({other_edition or 'not built'})")
                continue
            target, fragment = resolve(page, url)
            result.checked += 1
            where = f"{page}: <{ref.tag} {ref.attr}={url!r}>"
            if target.startswith("../"):
                result.broken.append(f"{where}: points outside the book")
                continue
            if not (html_root / target).is_file():
                result.broken.append(f"{where}: {target} does not exist")
                continue
            if fragment and target.endswith(".html"):
                ids = ids_of(target)
                if ids is not None and fragment not in ids:
                    result.broken.append(f"{where}: no id {fragment!r} in {target}")
    return result


# -------------------------------------------------------------------------------------------- weight
def _category(path: str) -> str:
    p = path.lower()
    if p.endswith(".js"):
        return "scripts"
    if p.endswith(".css"):
        return "styles"
    if p.endswith(_IMAGE_EXT):
        return "images"
    if p.endswith(_FONT_EXT):
        return "fonts"
    if p.endswith(".html"):
        return "html"
    return "other"


def _css_deps(css_path: str, text: str) -> list[str]:
    """Local files a stylesheet makes the browser load: @imports, images, and of each @font-face only the
    first source (a browser takes the first format it supports; every current browser supports woff2)."""
    deps: list[str] = []
    fonts_seen = set()
    for m in _FONT_FACE.finditer(text):
        urls = [u for _, u in _URL_IN_CSS.findall(m.group(1))]
        fonts_seen.update(urls)
        if urls:
            deps.append(urls[0])
    for _, u in _URL_IN_CSS.findall(text):
        if u not in fonts_seen and not u.startswith("data:"):
            deps.append(u)
    deps += _IMPORT_IN_CSS.findall(text)
    out = []
    for u in deps:
        if u.startswith(("data:", "#")) or is_external(u):
            continue
        out.append(resolve(css_path, u)[0])
    return out


def _loaded_files(html_root: Path, page: str, parsed: ParsedPage) -> list[str]:
    """Local files (relative to the root) loaded with ``page``: scripts, stylesheets, preloads, images,
    and what the stylesheets load in turn. Each file once."""
    seen: dict[str, None] = {}
    queue: list[str] = []
    for ref in parsed.refs:
        if is_external(ref.url) or ref.url.startswith(("data:", "#", "mailto:", "javascript:")):
            continue
        if ref.tag == "a":
            continue
        if ref.tag == "link" and not ({"stylesheet", "preload", "modulepreload", "icon", "shortcut icon",
                                       "apple-touch-icon"} & {ref.rel} or "icon" in ref.rel.split()):
            continue
        if ref.tag == "script" and ref.attr == "src" and ref.kind not in ("", "text/javascript", "module"):
            continue
        if ref.tag in ("iframe",):
            continue
        queue.append(resolve(page, ref.url)[0])
    for style in parsed.inline_styles:
        queue += _css_deps(page, style)
    while queue:
        f = queue.pop(0)
        if f in seen or f == page:
            continue
        seen[f] = None
        path = html_root / f
        if f.endswith(".css") and path.is_file():
            queue += _css_deps(f, path.read_text(encoding="utf-8", errors="replace"))
    return list(seen)


def page_weights(html_root: Path, pages: list[str] | None = None) -> list[dict]:
    """Bytes each page makes a browser load from an empty cache, by kind, shared assets included.

    One dict per page, in :func:`built_pages` order (or ``pages``), with the keys ``page``, ``html``,
    ``scripts``, ``styles``, ``images``, ``fonts``, ``other`` and ``total`` (ints, bytes). Source maps
    (``.map``) are only fetched by developer tools and are not counted; a file the page names but the
    build lacks counts 0 (:func:`crawl` reports it as broken).
    """
    html_root = Path(html_root)
    rows = []
    for page in pages if pages is not None else built_pages(html_root):
        parsed = parse_page(html_root / page)
        row = {"page": page, "html": (html_root / page).stat().st_size, "scripts": 0, "styles": 0,
               "images": 0, "fonts": 0, "other": 0, "total": 0}
        for f in _loaded_files(html_root, page, parsed):
            path = html_root / f
            if path.is_file():
                row[_category(f)] += path.stat().st_size
        row["total"] = sum(row[k] for k in ("html", "scripts", "styles", "images", "fonts", "other"))
        rows.append(row)
    return rows


def weight_totals(rows: list[dict]) -> dict:
    """Sums over pages of each kind (the cost of reading every page, each with an empty cache)."""
    keys = ("html", "scripts", "styles", "images", "fonts", "other", "total")
    return {"page": f"TOTAL ({len(rows)} pages)", **{k: sum(r[k] for r in rows) for k in keys}}


def format_weights(rows: list[dict], budget: int = PAGE_BUDGET) -> str:
    """The page-weight table as fixed-width text (kB = 1000 bytes), with the total and the budget."""
    cols = ("html", "scripts", "styles", "images", "fonts", "other", "total")
    width = max([len(r["page"]) for r in rows] + [24])
    head = f"{'page':<{width}}" + "".join(f"{c:>10}" for c in cols) + "  budget"
    lines = [head, "-" * len(head)]
    for r in rows + [weight_totals(rows)]:
        over = "" if r["page"].startswith("TOTAL") else ("  OVER" if r["total"] > budget else "  ok")
        lines.append(f"{r['page']:<{width}}" + "".join(f"{r[c] / 1000:>9.1f}k" for c in cols) + over)
    lines.append(f"budget: {budget / 1024 / 1024:.0f} MB per page, shared assets included")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------- browser
AXE_JS = Path(__file__).resolve().with_name("node_modules") / "axe-core" / "axe.min.js"
#: WCAG 2.0, 2.1 and 2.2 at levels A and AA, as axe-core tags its rules.
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa")
#: The rule sets axe runs: the WCAG levels above and axe's best practices.
AXE_TAGS = [*WCAG_TAGS, "best-practice"]
#: Rules axe tags "experimental" are left out of a run by tag; the test names its rules instead: every
#: rule that maps to a WCAG A/AA success criterion, experimental or not (in axe-core 4.14:
#: css-orientation-lock, p-as-heading, table-fake-caption, td-has-header), and every best practice
#: that is neither experimental nor deprecated (left out: focus-order-semantics and hidden-content,
#: which map to no success criterion; hidden-content only lists hidden elements for a human to review).
AXE_RULES_JS = """wcag => axe.getRules().filter(r => r.tags.some(t => wcag.includes(t))
    || (r.tags.includes('best-practice') && !r.tags.some(t => t === 'experimental' || t === 'deprecated')))
    .map(r => r.ruleId)"""
#: Every impact fails: a violation of a WCAG rule is a failure whatever axe guesses its weight to be,
#: and none is left on any page (the counts before and after: benchmarks/results/axe-before-after.md).
IMPACTS = ("minor", "moderate", "serious", "critical")
FAILING_IMPACTS = IMPACTS
#: Course elements a reader operates (the quiz engine's and the Introduction's widgets).
INTERACTIVE = "[data-jesc-quiz], [data-jesc-timeline], [data-jesc-decision], .jesc-timeline, .jesc-decision"


def reader_context(browser, book_url: str, mode: str = "light", axe: bool = False, **options):
    """A Playwright context in the ``light`` or ``dark`` theme, offline but for the book's own server.

    The theme is stored before any page loads, as the theme switcher stores it (``localStorage`` keys
    ``mode`` and ``theme``; pydata-sphinx-theme then sets ``html[data-theme]``); the system preference
    is set to match. Requests to any other host are aborted and recorded in ``context.external_requests``
    as ``(page url, request url)``; console errors in ``context.console_errors`` as ``(page url, text)``.
    ``axe=True``: axe-core is in every document of the context from its start (one script the browser
    compiles once, instead of one injection per page).
    """
    local = urlsplit(book_url).netloc
    context = browser.new_context(color_scheme=mode, **options)
    context.external_requests, context.console_errors = [], []
    context.add_init_script(
        f"try {{ localStorage.setItem('mode', {json.dumps(mode)}); "
        f"localStorage.setItem('theme', {json.dumps(mode)}); }} catch (e) {{}}")
    if axe:
        if not AXE_JS.is_file():
            raise FileNotFoundError(f"{AXE_JS} is missing: run `npm ci --prefix tests/browser`")
        context.add_init_script(path=str(AXE_JS))

    def guard(route):
        url = route.request.url
        if urlsplit(url).netloc == local or url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            frame = route.request.frame
            context.external_requests.append((frame.url if frame else "?", url))
            route.abort()

    context.route("**/*", guard)

    def watch(page):
        page.on("console", lambda m: m.type == "error" and context.console_errors.append((page.url, m.text)))
        page.on("pageerror", lambda e: context.console_errors.append((page.url, str(e))))

    context.on("page", watch)
    return context


def axe_start(page, include: str | None = None) -> None:
    """Start axe-core on ``page`` with the rules of :data:`AXE_RULES_JS`, without waiting for it, so
    that the browser can check one tab while the test loads the next; :func:`axe_result` collects it.
    ``include``: a CSS selector, to check only those elements (page-level rules then do not run).

    axe is injected once per document, unless the context already does it (:func:`reader_context`
    with ``axe=True``). ``preload: false``: axe does not re-fetch the stylesheets (it resolves the
    theme's ``@import "../basic.css"`` against the page instead of the stylesheet, a 404 on every
    page, and it takes a third of the time); the only rule that needs them, css-orientation-lock, is
    run with them by :func:`axe_orientation_lock`.
    """
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        if not AXE_JS.is_file():
            raise FileNotFoundError(f"{AXE_JS} is missing: run `npm ci --prefix tests/browser`")
        page.add_script_tag(path=str(AXE_JS))
    page.evaluate(
        """([wcag, include]) => {
            const rules = (%s)(wcag);
            window.__jescAxe = axe.run(include ? {include: [include]} : document,
                {runOnly: {type: 'rule', values: rules}, resultTypes: ['violations'], preload: false})
              .then(r => ({
                ran: [...r.violations, ...r.passes, ...r.incomplete, ...r.inapplicable].map(x => x.id),
                violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                    targets: v.nodes.map(n => n.target.join(' '))}))}));
        }""" % AXE_RULES_JS,
        [list(WCAG_TAGS), include],
    )


def axe_run(page) -> dict:
    """The run :func:`axe_start` began: ``{"ran": [rule ids], "violations": [...]}``, each violation a
    dict with ``id``, ``impact``, ``help`` and ``targets`` (CSS selectors)."""
    return page.evaluate("() => window.__jescAxe")


def axe_result(page) -> list[dict]:
    """The violations of the run :func:`axe_start` began (see :func:`axe_run`)."""
    return axe_run(page)["violations"]


def axe_violations(page, include: str | None = None) -> list[dict]:
    """axe-core's violations on ``page`` (WCAG 2 A/AA and best practices), see :func:`axe_start`."""
    axe_start(page, include)
    return axe_result(page)


def axe_rules(page) -> list[dict]:
    """Every rule of the axe-core injected in ``page``: dicts with ``ruleId`` and ``tags``."""
    return page.evaluate("() => axe.getRules().map(r => ({ruleId: r.ruleId, tags: r.tags}))")


def axe_orientation_lock(page) -> dict:
    """axe's css-orientation-lock (WCAG 1.3.4) on ``page``, with the stylesheets loaded for it:
    ``{"result": "passed"|"violation"|"incomplete"|"inapplicable", "violations": [...]}``."""
    return page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'rule', values: ['css-orientation-lock']},
                preload: {assets: ['cssom'], timeout: 10000}})
            .then(r => ({result: r.violations.length ? 'violation' : r.passes.length ? 'passed'
                         : r.incomplete.length ? 'incomplete' : 'inapplicable',
                         violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                             targets: v.nodes.map(n => n.target.join(' '))}))}))""")


def describe_violations(found: list[tuple[str, str, dict]]) -> str:
    """'rule (impact) on page [mode]: selectors' lines for (page, mode, violation) triples."""
    return "\n".join(f"{v['id']} ({v['impact']}) on {page} [{mode}]: {v['help']}; "
                     f"targets: {', '.join(v['targets'][:8])}" + (" ..." if len(v["targets"]) > 8 else "")
                     for page, mode, v in found)


def use_interactive_elements(page) -> int:
    """Use every course widget on the page as a reader would; returns how many were used.

    Quizzes (``[data-jesc-quiz]``): each question gets an answer (first option, ``1`` typed, each list
    set to its first choice) and is checked (its button, or the change itself in ``immediate`` mode).
    Other widgets: their first enabled button is clicked.
    """
    used = 0
    widgets = page.locator(INTERACTIVE)
    for i in range(widgets.count()):
        w = widgets.nth(i)
        if w.get_attribute("data-jesc-quiz") is not None:
            page.wait_for_function("el => el.hasAttribute('data-jesc-ready')", arg=w.element_handle(),
                                   timeout=5000)
            questions = w.locator("li.jesc-q")
            for n in range(questions.count()):
                q = questions.nth(n)
                choice = q.locator("input[type=radio], input[type=checkbox]")
                if choice.count():
                    choice.first.check()
                text = q.locator("input[type=text], input:not([type])")
                if text.count():
                    text.first.fill("1")
                selects = q.locator("select")
                for k in range(selects.count()):
                    selects.nth(k).select_option(index=1)
                button = q.locator("button.jesc-check")
                if button.count() and button.first.is_visible():
                    button.first.click()
            used += 1
        else:
            button = w.locator("button:not([disabled])")
            if button.count():
                button.first.click()
                used += 1
    return used


if __name__ == "__main__":  # python tests/browser/site_pages.py _build/html
    import sys

    root = Path(sys.argv[1] if len(sys.argv) > 1 else "_build/html")
    print(format_weights(page_weights(root)))
    c = crawl(root)
    print(f"\nlinks: {c.checked} local checked, {len(c.broken)} broken, {len(c.external)} external URLs "
          f"(not fetched), {len(c.external_loads)} external loads")
    for b in c.broken[:50]:
        print("  broken:", b)
