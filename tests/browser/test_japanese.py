"""The Japanese edition (issue 19), built once a session from the scratch copy (warnings are errors)
and served with the English edition as they are published together: English at the root, Japanese
in ``ja/``. In Debian's headless Chromium, with every other site blocked:

* the Japanese Introduction is in Japanese: ``lang="ja"``, its title and text, the sidebar's part
  captions and the search box;
* its quiz works, with Japanese buttons and feedback, wrong answer then right;
* the language switch of a page leads to the same page of the other edition, both ways, and every
  page's switch in both editions names a page that exists;
* a search for a Japanese word, typed as a reader types it (no spaces), finds the Introduction;
* axe-core finds nothing serious or critical on the Japanese Introduction and its quiz (used);
* the whole edition (issue 26): every page's article is mostly Japanese (a page listed in
  ``locales/ja/untranslated.txt`` says so at its top instead), every quiz page's quizzes answer in
  Japanese, a Japanese search finds a term from each part, and a section page with figures shows
  them with Japanese captions and alt text and no serious axe finding.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from book import guarded_page
from site_pages import (AXE_JS, FAILING_IMPACTS, axe_result, axe_start, axe_violations, built_pages,
                        describe_violations, parse_page, resolve, use_interactive_elements)

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
INTRO = "chapters/introduction/index.html"
QUIZ = "chapters/introduction/quiz.html"


@pytest.fixture
def jpage(browser, both_url):
    page, close = guarded_page(browser, both_url)
    page.base = both_url
    yield page
    close()


def visit(page, relative: str):
    response = page.goto(page.base + relative, wait_until="load")
    assert response is not None and response.ok, f"{relative}: HTTP {response and response.status}"


def japanese_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(bool(JAPANESE.match(c)) for c in letters) / max(1, len(letters))


def test_japanese_introduction_is_in_japanese(jpage):
    visit(jpage, "ja/" + INTRO)
    assert jpage.evaluate("document.documentElement.lang") == "ja"
    title = jpage.locator("article h1").first.inner_text()
    assert JAPANESE.search(title), f"the Introduction's title is not Japanese: {title!r}"
    article = jpage.locator("article").inner_text()
    assert japanese_share(article) > 0.5, f"the article is mostly not Japanese: {article[:300]!r}"
    captions = jpage.locator(".bd-sidebar-primary .caption-text").all_inner_texts()
    assert captions and JAPANESE.search(captions[0]), f"sidebar captions: {captions}"
    placeholder = jpage.locator("input[name=q]").first.get_attribute("placeholder") or ""
    assert JAPANESE.search(placeholder), f"search box: {placeholder!r}"
    assert not jpage.console_errors and not jpage.external_requests


def test_japanese_quiz_works_with_japanese_feedback(jpage):
    visit(jpage, "ja/" + QUIZ)
    question = jpage.locator('li.jesc-q[data-qid="trade-disputes"]')
    button = question.locator("button.jesc-check")
    assert JAPANESE.search(button.inner_text()), button.inner_text()
    assert JAPANESE.search(question.locator("legend").inner_text())
    feedback = question.locator(".jesc-feedback")
    question.locator('input[value="1"]').check()  # a wrong option (the answer is option 0)
    button.click()
    wrong = feedback.inner_text()
    assert "惜しい" in wrong and "正解すると解説" in wrong, wrong
    question.locator('input[value="0"]').check()
    button.click()
    right = feedback.inner_text()
    assert "正解です" in right and "出典" in right, right
    score = jpage.locator(".jesc-score").first.inner_text()
    assert "1 問正解" in score, score
    assert not jpage.console_errors


@pytest.mark.parametrize("start, other, lang", [("ja/" + INTRO, INTRO, "en"), (INTRO, "ja/" + INTRO, "ja")])
def test_language_switch_leads_to_the_same_page(jpage, start, other, lang):
    visit(jpage, start)
    jpage.locator("a.jesc-language-switch").first.click()
    jpage.wait_for_load_state("load")
    assert jpage.url == jpage.base + other
    assert jpage.evaluate("document.documentElement.lang") == lang


def test_every_switch_names_a_page_of_the_other_edition(built_book, japanese_book):
    checked, broken = 0, []
    for root, other, prefix in ((built_book, japanese_book, "ja/"), (japanese_book, built_book, "../")):
        for page in built_pages(root):
            refs = [r for r in parse_page(root / page).refs if r.rel == "alternate" and r.tag == "a"]
            if not refs:
                broken.append(f"{root.name}/{page}: no language switch")
            for ref in refs:
                checked += 1
                target, _ = resolve(page, ref.url)
                if not target.startswith(prefix) or target[len(prefix):] != page:
                    broken.append(f"{page}: switch {ref.url!r} is not the same page of the other edition")
                elif not (other / page).is_file():
                    broken.append(f"{page}: switch {ref.url!r}: no such page in the other edition")
    assert checked and not broken, "\n".join(broken[:50])


def test_search_for_a_japanese_word_finds_the_introduction(jpage):
    visit(jpage, "ja/search.html?q=" + "安全保障協力")
    results = jpage.locator("#search-results ul.search li a")
    results.first.wait_for(timeout=15000)
    hrefs = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
    assert any("chapters/introduction/" in h for h in hrefs), f"results: {hrefs}"


@pytest.mark.parametrize("relative", [INTRO, QUIZ])
def test_axe_finds_nothing_serious_in_japanese(jpage, relative):
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci --prefix tests/browser` (tools/run-tests.sh does)")
    visit(jpage, "ja/" + relative)
    axe_start(jpage)
    found = [v for v in axe_result(jpage) if v["impact"] in FAILING_IMPACTS]
    if relative == QUIZ:
        use_interactive_elements(jpage)
        found += [v for v in axe_violations(jpage) if v["impact"] in FAILING_IMPACTS]
    assert not found, describe_violations([("ja/" + relative, "light", v) for v in found])


# ---------------------------------------------------------------- the whole edition (issue 26)
PARTS = {  # a term each part teaches, as a Japanese reader would type it, and where it is taught
    "nato": "北大西洋", "eu": "共通安全保障・防衛政策", "peacekeeping": "国際平和協力法",
    "new-domains": "ハイブリッド脅威", "conclusion": "物品役務相互提供協定",
}


def _marked_untranslated() -> set[str]:
    path = REPO / "locales" / "ja" / "untranslated.txt"
    if not path.is_file():
        return set()
    return {line.split("#")[0].strip() for line in path.read_text(encoding="utf-8").splitlines()} - {""}


def test_every_japanese_page_is_in_japanese(japanese_book):
    marked, problems = _marked_untranslated(), []
    pages = built_pages(japanese_book, service=False)
    for page in pages:
        html = (japanese_book / page).read_text(encoding="utf-8")
        article = re.search(r"<article[^>]*>(.*)</article>", html, re.S)
        text = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", article.group(1) if article else "", flags=re.S)
        text = re.sub(r"<(table|pre|svg)[^>]*>.*?</\1>", " ", text, flags=re.S)  # data, code, data charts
        # an explorer's lists of records (events, missions): data values, which stay as they are
        text = re.sub(r'<(ol|ul)[^>]*class="[^"]*jesc-[^"]*"[^>]*>.*?</\1>', " ", text, flags=re.S)
        text = re.sub(r"<[^>]+>", " ", text)
        share = japanese_share(text)
        headings = [re.sub(r"<[^>]+>|#", "", h).strip() for h in re.findall(r"<h[12][^>]*>(.*?)</h[12]>", html, re.S)]
        if page.startswith("appendices/"):
            # the Bibliography's entries and the Datasets' descriptions of English data stay English:
            # there, every heading is Japanese
            english = [h for h in headings if h and not JAPANESE.search(h)]
            if english:
                problems.append(f"{page}: headings not in Japanese: {english}")
            continue
        if page[:-len(".html")] in marked:
            if "jesc-untranslated" not in html:
                problems.append(f"{page}: listed as not yet translated, but the page does not say so")
        elif share < 0.5:
            problems.append(f"{page}: {share:.0%} of its letters are Japanese: {text.split()[:12]}")
    assert len(pages) > 60 and not problems, f"{len(problems)} of {len(pages)} pages:\n" + "\n".join(problems)


def _quiz_pages(root) -> list[str]:
    return [p for p in built_pages(root) if p.endswith("quiz.html") and "chapters/" in p]


def test_every_japanese_quiz_answers_in_japanese(jpage, japanese_book):
    pages = _quiz_pages(japanese_book)
    assert len(pages) >= 6, pages
    for page in pages:
        visit(jpage, "ja/" + page)
        question = jpage.locator("li.jesc-q").first
        button = question.locator("button.jesc-check")
        assert JAPANESE.search(button.inner_text()), f"{page}: button {button.inner_text()!r}"
        assert JAPANESE.search(question.locator("legend").inner_text()), f"{page}: question not in Japanese"
        button.click()  # nothing chosen: the quiz asks for an answer, in Japanese
        feedback = question.locator(".jesc-feedback").inner_text()
        assert JAPANESE.search(feedback), f"{page}: feedback {feedback!r}"
        assert not jpage.console_errors, f"{page}: {jpage.console_errors}"


@pytest.mark.parametrize("part, term", sorted(PARTS.items()))
def test_japanese_search_finds_a_term_of_each_part(jpage, part, term):
    visit(jpage, "ja/search.html?q=" + term)
    # Sphinx lists results a few at a time: wait for its closing summary (in Japanese, given to
    # translations.js by _ext/languages.py, whose Sphinx catalog leaves it empty)
    jpage.wait_for_function(
        "() => { const s = document.querySelector('#search-results .search-summary'); return s && "
        "/ページが見つかりました|見つかりませんでした/.test(s.textContent); }", timeout=30000)
    results = jpage.locator("#search-results ul.search li a")
    hrefs = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
    assert any(f"chapters/{part}/" in h for h in hrefs), f"{term}: results {hrefs[:10]}"


FIGURE_PAGE = "chapters/peacekeeping/two-traditions.html"


def test_a_japanese_section_page_shows_its_figures_in_japanese(jpage):
    visit(jpage, "ja/" + FIGURE_PAGE)
    figures = jpage.locator("article figure")
    assert figures.count() >= 1
    for i in range(figures.count()):
        figure = figures.nth(i)
        caption = figure.locator("figcaption").inner_text()
        alt = figure.locator("img").first.get_attribute("alt") or ""
        assert JAPANESE.search(caption) and JAPANESE.search(alt), f"figure {i + 1}: {caption[:60]!r} / {alt[:60]!r}"
        assert figure.locator("img").first.evaluate("img => img.complete && img.naturalWidth > 0")
    axe_start(jpage)
    found = [v for v in axe_result(jpage) if v["impact"] in FAILING_IMPACTS]
    assert not found, describe_violations([("ja/" + FIGURE_PAGE, "light", v) for v in found])
