"""The print forms (``text/markdown``) that the PDF shows for quizzes, explorers and tables.

Each form is rendered here with markdown-it's GFM preset, as myst-nb renders it for the PDF
(``nb_render_markdown_format: gfm``), and the rendered text is checked.
"""

from __future__ import annotations

import html
import re

import pytest
from markdown_it import MarkdownIt

import jesc
import jesc.quiz
from jesc import decision, domains, missions, nato, peacekeeping, tables, timeline
from jesc.quiz.key import key_items, page_quiz
from jesc.quiz.model import Matching, Numeric, Ordering
from jesc.quiz.text import find_print_data, render_markdown
from jesc.static_html import PRINT_MIME, escape_markdown, markdown_table

MD = MarkdownIt("gfm-like")


def rendered_text(markdown: str) -> str:
    """What a reader sees: the rendered HTML without tags and comments, entities decoded."""
    out = MD.render(markdown)
    out = re.sub(r"<!--.*?-->", "", out, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", out))


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def demo():
    return jesc.quiz.load_quiz("demo", answers={"civilian_share": 57})


def test_hostile_text_prints_as_itself():
    nasty = "*not bold* _x_ [link](http://e.org) <b>html</b> {cite}`key` a|b `code` $5 #1 ~x~"
    assert squash(rendered_text(escape_markdown(nasty))) == nasty
    table = markdown_table(["a|b", "c"], [("x|y", "<i>z</i>")])
    out = MD.render(table)
    assert out.count("<td>") == 2 and "x|y" in html.unescape(out) and "<i>" not in out


def test_quiz_prints_questions_and_options_but_no_answers(demo):
    md = render_markdown(demo)
    text = squash(rendered_text(md))
    for q in demo.questions:
        assert squash(q.prompt) in text, q.id
        for o in getattr(q, "options", ()):
            assert squash(o.text) in text, (q.id, o.text)
            if o.match:
                assert squash(o.match) in text
        assert squash(q.explanation)[:60] not in text, f"{q.id}: explanation printed"
    numeric = [q for q in demo.questions if isinstance(q, Numeric)]
    assert numeric and all(f" {q.value_text()} " not in f" {text} " for q in numeric)
    # the questions are a numbered list, one item per question
    assert MD.render(md).count("<li>") >= len(demo.questions)


def test_ordering_and_matching_do_not_print_their_answer_order(demo):
    md = render_markdown(demo)
    for q in demo.questions:
        if isinstance(q, (Ordering, Matching)):
            file_order = [o.match if isinstance(q, Matching) else o.text for o in q.options]
            positions = [md.index(escape_markdown(t)) for t in file_order]
            assert positions != sorted(positions), f"{q.id}: printed in the answer's order"


def test_print_data_gives_the_key_of_the_questions_shown(demo):
    part = demo.select([demo.questions[0].id, demo.questions[2].id])
    [data] = find_print_data(render_markdown(part))
    assert [q["id"] for q in data["questions"]] == [q.id for q in part.questions]
    again = page_quiz(data)
    assert [q.id for q in again.questions] == [q.id for q in part.questions]
    # a computed answer comes back from the page's data, not as "computed when the notebook runs"
    lines = [a for _, answers, _ in key_items(again) for a in answers]
    assert not any("computed from the data" in a for a in lines)


def test_print_data_carries_computed_choice_answers():
    # a single-choice answer computed from the data reaches the key as well as a numeric one
    import yaml
    from jesc.quiz.load import find_quiz
    path = find_quiz("introduction")
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    computed = [q for q in raw["questions"] if isinstance(q.get("answer"), dict)]
    choice = [q for q in computed if q["type"] == "single"]
    assert choice, "the introduction quiz has no computed single-choice answer to check"
    answers = {q["answer"]["from_data"]: (1 if q["type"] == "single" else 3) for q in computed}
    quiz = jesc.quiz.load_quiz("introduction", answers=answers)
    [data] = find_print_data(render_markdown(quiz))
    given = {q["id"]: q.get("answer") for q in data["questions"]}
    assert all(given[q["id"]] == answers[q["answer"]["from_data"]] for q in computed)
    keyed = page_quiz(data)
    assert all(not q.answer_missing for q in keyed.questions)


def test_quiz_bundle_carries_the_print_form(demo):
    from jesc.quiz.display import mimebundle

    bundle = mimebundle(demo)
    assert bundle[PRINT_MIME] == render_markdown(demo)
    assert "text/html" in bundle


def _explorers():
    events = jesc.load("events")
    csdp = jesc.load("csdp_missions")
    deployments = jesc.load("japan_deployments")
    return {
        "timeline": timeline.explorer(events),
        "troops": nato.troops_explorer(jesc.load("us_troops_abroad")),
        "missions": missions.explorer(csdp, deployments, year=2010),
        "peacekeeping": peacekeeping.explorer(deployments, csdp),
        "domains": domains.picker(events),
        "decision": decision.exercise(),
    }


@pytest.mark.parametrize("name", ["timeline", "troops", "missions", "peacekeeping", "domains", "decision"])
def test_every_explorer_prints_a_summary_and_tables(name):
    obj = _explorers()[name]
    md = obj._repr_mimebundle_()[PRINT_MIME]
    out = MD.render(md)
    assert "printed here as a summary and tables" in out
    assert out.count("<table>") >= 1 and out.count("<tr>") >= 3, name
    assert "<script" not in out and "<svg" not in out


def test_a_reader_table_prints_its_caption_and_cells():
    frame = jesc.load("japan_deployments").head(4)
    table = tables.show(frame, "Some deployments")
    md = table._repr_markdown_()
    out = MD.render(md)
    assert "Some deployments" in out and out.count("<tr>") == 5
    assert "&lt;NA&gt;" not in out and "nan" not in out.split("<table>")[1].lower().split()
