"""The Japanese edition (issue 19), built once a session from the scratch copy (warnings are errors)
and served with the English edition as they are published together: English at the root, Japanese
in ``ja/``. In Debian's headless Chromium, with every other site blocked:

* the Japanese Introduction is in Japanese: ``lang="ja"``, its title and text, the sidebar's part
  captions and the search box;
* its quiz works, with Japanese buttons and feedback, wrong answer then right;
* the language switch of a page leads to the same page of the other edition, both ways, and every
  page's switch in both editions names a page that exists;
* a search for a Japanese word, typed as a reader types it (no spaces), finds the Introduction;
* axe-core finds nothing serious or critical on the Japanese Introduction and its quiz (used).
"""

from __future__ import annotations

import re

import pytest

from book import guarded_page
from site_pages import (AXE_JS, FAILING_IMPACTS, axe_result, axe_start, axe_violations, built_pages,
                        describe_violations, parse_page, resolve, use_interactive_elements)

pytestmark = pytest.mark.browser

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
