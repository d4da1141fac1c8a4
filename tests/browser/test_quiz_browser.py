"""Quizzes in headless Chromium, without a kernel and with every non-local request blocked.

1. On the built page "How to write a quiz": answer one question of each type wrong, then right, by
   clicking and typing (some by keyboard alone), and check the feedback and the running score.
2. On a small page rendered here from hostile quiz text: nothing is injected, "immediate" feedback
   works, and a second display of the same quiz on one page does not clash.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

from book import open_built

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
PAGE = "chapters/instructors/writing-quizzes.html"
RIGHT, WRONG = "\u2714 Correct.", "\u2718 Not quite."


def quiz_data(page, root="#jesc-quiz-demo"):
    return json.loads(page.locator(f"{root} script.jesc-quiz-data").text_content())


def q(page, qid, root="#jesc-quiz-demo"):
    return page.locator(f'{root} li.jesc-q[data-qid="{qid}"]')


def feedback(li):
    return li.locator(".jesc-feedback")


def expect_text(locator, text):
    from playwright.sync_api import expect

    expect(locator).to_contain_text(text, timeout=3000)


@pytest.fixture
def quiz_page(page, built_book):
    if not (built_book / PAGE).is_file():
        pytest.fail(f"{PAGE} was not built: add chapters/instructors/writing-quizzes to _toc.yml")
    open_built(page, PAGE)
    page.wait_for_selector("#jesc-quiz-demo[data-jesc-ready]")
    return page


def test_demo_quiz_each_type_wrong_then_right(quiz_page):
    page = quiz_page
    data = {x["id"]: x for x in quiz_data(page)["questions"]}
    score = page.locator("#jesc-quiz-demo .jesc-score")
    assert page.locator("#jesc-quiz-demo .jesc-quiz-nojs").is_hidden()
    expect_text(score, "Score: 0 of 5 correct")

    # single choice, by keyboard: focus a wrong radio, Space selects it, Tab reaches "Check answer".
    d, li = data["spa-in-force"], q(page, "spa-in-force")
    wrong = next(i for i in range(len(d["options"])) if i != d["answer"])
    li.locator(f'input[value="{wrong}"]').focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "jesc-check"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid", "keyboard focus must be visible"
    page.keyboard.press("Enter")
    expect_text(feedback(li), WRONG)
    expect_text(feedback(li), d["options"][wrong]["feedback"])
    expect_text(feedback(li), "Try again")
    expect_text(score, "Score: 0 of 5 correct (1 checked)")
    li.locator(f'input[value="{d["answer"]}"]').check()
    li.locator("button.jesc-check").click()
    expect_text(feedback(li), RIGHT)
    expect_text(score, "Score: 1 of 5 correct (1 checked)")
    # the explanation cites its source as the book does, linked to the entry (not the raw key)
    expect_text(feedback(li), f"(source: {d['cite']['text']})")
    assert d["source"] not in feedback(li).text_content()
    link = feedback(li).locator("a:not(.jesc-cite)")
    assert link.count() >= 1 and link.first.get_attribute("href").endswith("new-domains/index.html")
    cite = feedback(li).locator("a.jesc-cite")
    assert cite.text_content() == d["cite"]["text"]
    cite_href = cite.evaluate("a => a.href")
    assert cite_href.endswith("appendices/bibliography.html#bib-" + d["source"].replace("_", "-"))

    # multiple select: "Check" with nothing ticked asks for a choice (not graded, not counted);
    # only one of the correct options -> wrong, with "Missed:"; then all of them.
    d, li = data["nato-uses"], q(page, "nato-uses")
    li.locator("button.jesc-check").click()
    expect_text(feedback(li), quiz_data(page)["missing"]["multiple"])
    assert WRONG not in feedback(li).text_content()
    expect_text(score, "Score: 1 of 5 correct (1 checked)")
    li.locator(f'input[value="{d["answer"][0]}"]').check()
    li.locator("button.jesc-check").click()
    expect_text(feedback(li), WRONG)
    expect_text(feedback(li), "Missed:")
    for i in d["answer"][1:]:
        li.locator(f'input[value="{i}"]').check()
    li.locator("button.jesc-check").click()
    expect_text(feedback(li), RIGHT)
    expect_text(score, "Score: 2 of 5 correct (2 checked)")

    # numeric with tolerance, typed: not a number, too high, then right (Enter submits).
    d, li = data["civilian-share"], q(page, "civilian-share")
    box = li.locator("input.jesc-num")
    box.fill("sixty")
    box.press("Enter")
    expect_text(feedback(li), "Enter a number")
    box.fill(str(d["answer"] + 20))
    box.press("Enter")
    expect_text(feedback(li), WRONG)
    expect_text(feedback(li), d["feedback"]["high"])
    box.fill(str(d["answer"] - d["tolerance"]).replace(".0", ""))
    box.press("Enter")
    expect_text(feedback(li), RIGHT)
    expect_text(feedback(li), str(round(d["answer"])))
    expect_text(score, "Score: 3 of 5 correct (3 checked)")

    # ordering with position lists: reversed (wrong), then the right order.
    d, li = data["japan-nato-timeline"], q(page, "japan-nato-timeline")
    n = len(d["options"])
    for item in range(n):
        li.locator(f'select[data-item="{item}"]').select_option(value=str(n - item))  # positions count from 1
    li.locator("button.jesc-check").click()
    expect_text(feedback(li), WRONG)
    expect_text(feedback(li), d["options"][0]["feedback"])
    for item in range(n):
        li.locator(f'select[data-item="{item}"]').select_option(value=str(item + 1))
    li.locator("button.jesc-check").click()
    expect_text(feedback(li), RIGHT)
    expect_text(score, "Score: 4 of 5 correct (4 checked)")

    # matching with one list per term: shifted by one (wrong), then right; also an incomplete try.
    d, li = data["missions-frameworks"], q(page, "missions-frameworks")
    n = len(d["options"])
    li.locator('select[data-term="0"]').select_option(value="1")
    li.locator("button.jesc-check").click()
    expect_text(feedback(li), "Make a choice in every list")
    for t in range(n):
        li.locator(f'select[data-term="{t}"]').select_option(value=str((t + 1) % n))
    li.locator("button.jesc-check").click()
    expect_text(feedback(li), WRONG)
    expect_text(feedback(li), d["options"][0]["feedback"])
    for t in range(n):
        li.locator(f'select[data-term="{t}"]').select_option(value=str(t))
    li.locator("button.jesc-check").click()
    expect_text(feedback(li), RIGHT)
    expect_text(score, "Score: 5 of 5 correct (5 checked)")

    # a right answer changed to a wrong one lowers the score again
    d, li = data["spa-in-force"], q(page, "spa-in-force")
    li.locator(f'input[value="{wrong}"]').check()
    li.locator("button.jesc-check").click()
    expect_text(score, "Score: 4 of 5 correct (5 checked)")

    assert score.get_attribute("aria-live") == "polite"
    assert page.external_requests == [], page.external_requests
    assert quiz_errors(page.console_errors) == [], page.console_errors

    # the citation leads to its entry on the Bibliography page
    page.goto(cite_href, wait_until="load")
    entry = page.locator(":target")
    assert entry.count() == 1 and "citation" in entry.get_attribute("class")
    author = data["spa-in-force"]["cite"]["text"].rsplit(",", 1)[0].replace(" et al.", "")
    assert author.split(" and ")[0] in entry.text_content()


def quiz_errors(errors):
    """Console errors, less the theme's own (not the quiz's; reported to the book's maintainers)."""
    theirs = ("THEBE_JS_URL", "invalid theme mode")
    return [e for e in errors if not any(t in e for t in theirs)]


def test_demo_quiz_in_dark_mode_is_readable(quiz_page):
    page = quiz_page
    page.evaluate("document.documentElement.setAttribute('data-theme', 'dark')")
    colours = page.evaluate("""() => {
        const q = document.querySelector('#jesc-quiz-demo');
        const s = getComputedStyle(q);
        return [s.color, s.backgroundColor];
    }""")
    assert colours[0] != colours[1]
    assert colours[1] == "rgb(29, 33, 39)", colours  # the dark background of jesc-quiz.css


# -- a small page rendered here: hostile text, immediate feedback, two displays ----------------

HOSTILE = """
title: "</script><script>window.__pwned = 1</script>"
feedback: immediate
questions:
  - id: evil
    type: single
    prompt: "<img src=x onerror=\\"window.__pwned=2\\"> Which?"
    source: tsuruoka2010
    link: chapters/nato/index
    explanation: "</script><b>bold</b> & <i>co</i>"
    options:
      - {text: "<script>window.__pwned=3</script>", feedback: "<svg onload=window.__pwned=4>"}
      - {text: "plain", feedback: "ok &amp; fine"}
    answer: 1
  - id: num
    type: numeric
    prompt: "Type 3.5"
    source: tsuruoka2010
    explanation: "The answer is {answer}."
    answer: 3.5
    tolerance: 0.05
    feedback: {correct: "yes", low: "too low", high: "too high"}
  - id: thousand
    type: numeric
    prompt: "Type one thousand"
    source: tsuruoka2010
    explanation: "The answer is {answer}."
    answer: 1000
    tolerance: 0
    feedback: {correct: "yes", low: "too low", high: "too high"}
"""


@pytest.fixture
def local_page(browser, tmp_path):
    import jesc.quiz
    from jesc.quiz.html import render_html

    quiz = jesc.quiz.loads_quiz(HOSTILE, source="hostile.yml", name="hostile")
    shutil.copytree(REPO / "_static", tmp_path / "_static")
    body = render_html(quiz, 1) + "\n" + render_html(quiz, 2)
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en" data-content_root="./"><head><meta charset="utf-8">'
        '<title>quiz</title><link rel="stylesheet" href="_static/jesc-quiz.css">'
        f'<script src="_static/jesc-quiz.js"></script></head><body><main>{body}</main></body></html>',
        encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    context = browser.new_context()
    page = context.new_page()
    page.external_requests, page.console_errors, page.dialogs = [], [], []

    def guard(route):
        if urlparse(route.request.url).netloc == urlparse(url).netloc:
            route.continue_()
        else:
            page.external_requests.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.goto(url + "index.html", wait_until="load")
    yield page
    context.close()
    server.shutdown()


def test_hostile_text_is_shown_not_run_and_immediate_feedback(local_page):
    page = local_page
    page.wait_for_selector("#jesc-quiz-hostile-2[data-jesc-ready]")
    assert page.locator("#jesc-quiz-hostile .jesc-quiz-title").text_content().startswith("Quiz: </script>")
    li = page.locator('#jesc-quiz-hostile li[data-qid="evil"]')
    assert "<img src=x" in li.locator("legend").text_content()
    assert li.locator("button.jesc-check").is_hidden()  # immediate: no button
    li.locator('input[value="0"]').check()  # immediate feedback on change
    expect_text(li.locator(".jesc-feedback"), "<svg onload=window.__pwned=4>")
    expect_text(li.locator(".jesc-feedback"), "Try again")
    li.locator('input[value="1"]').check()
    expect_text(li.locator(".jesc-feedback"), RIGHT)
    expect_text(li.locator(".jesc-feedback"), "</script><b>bold</b> & <i>co</i>")
    expect_text(li.locator(".jesc-feedback"), "ok &amp; fine")
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator("img, svg, b, i").count() == 0
    # the second display of the same quiz is independent
    expect_text(page.locator("#jesc-quiz-hostile .jesc-score"), "Score: 1 of 3 correct (1 checked)")
    expect_text(page.locator("#jesc-quiz-hostile-2 .jesc-score"), "Score: 0 of 3 correct")
    num = page.locator('#jesc-quiz-hostile-2 li[data-qid="num"]')
    num.locator("input").fill("3,52")  # a decimal comma? or 352? asks for a plain number
    num.locator("input").press("Enter")
    expect_text(num.locator(".jesc-feedback"), "write the number plainly")
    num.locator("input").fill("3.52")  # within tolerance
    num.locator("input").press("Enter")
    expect_text(num.locator(".jesc-feedback"), RIGHT)
    expect_text(num.locator(".jesc-feedback"), "The answer is 3.5.")
    assert page.dialogs == [] and page.console_errors == [] and page.external_requests == []


def test_numbers_with_separators_are_read_and_ambiguous_ones_asked(local_page):
    """On the page: "1,000", "1 000" and "1000" are one thousand (right); "1.000" and "1,5" ask for
    a plain number and are neither graded nor counted (as the live widget does, tests/test_quiz_model.py)."""
    page = local_page
    page.wait_for_selector("#jesc-quiz-hostile[data-jesc-ready]")
    li = page.locator('#jesc-quiz-hostile li[data-qid="thousand"]')
    box, fb = li.locator("input"), li.locator(".jesc-feedback")
    score = page.locator("#jesc-quiz-hostile .jesc-score")
    for typed in ("1.000", "1,5"):
        box.fill(typed)
        box.press("Enter")
        expect_text(fb, "write the number plainly")
        expect_text(fb, typed)
        assert WRONG not in fb.text_content()
        expect_text(score, "Score: 0 of 3 correct")
    for typed in ("1,000", "1 000", "1000"):
        box.fill("")
        box.press("Enter")
        box.fill(typed)
        box.press("Enter")
        expect_text(fb, RIGHT)
    assert page.console_errors == [] and page.external_requests == []
