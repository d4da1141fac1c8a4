"""Unit tests of jesc.decision: ranking by weights, validation with clear messages, HTML and tables."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from jesc import decision as dc
from jesc.errors import CourseError


@pytest.fixture
def ex():
    return dc.exercise()


def small():
    crit = (dc.Criterion("a", "A", "?"), dc.Criterion("b", "B <i>", "?"))
    opts = (dc.Option("x", "X", "", {"a": 5, "b": 1}), dc.Option("y", "Y & co", "", {"a": 1, "b": 5}),
            dc.Option("z", "Z", "", {"a": 3, "b": 3}))
    return dc.Exercise("T", crit, opts, {"a": 1, "b": 1})


def test_rank_follows_weights():
    e = small()
    assert list(dc.rank(e, {"a": 5, "b": 0})["option"]) == ["X", "Z", "Y & co"]
    assert list(dc.rank(e, {"a": 0, "b": 2})["option"]) == ["Y & co", "Z", "X"]
    r = dc.rank(e, {"a": 1, "b": 1})
    assert list(r["score"]) == [3.0, 3.0, 3.0] and list(r["rank"]) == [1, 1, 1]
    assert list(r["option"]) == ["X", "Y & co", "Z"]  # ties keep the exercise's order


def test_weighted_mean(ex):
    w = {c.id: 0 for c in ex.criteria} | {"constitutional": 2, "cost": 2}
    r = dc.rank(ex, w).set_index("option")["score"]
    for o in ex.options:
        assert r[o.name] == (o.scores["constitutional"] + o.scores["cost"]) / 2


def test_course_exercise_is_complete(ex):
    assert len(ex.criteria) == 5 and len(ex.options) == 4
    for o in ex.options:
        assert set(o.reasons) == {c.id for c in ex.criteria}
    assert ex.scores_table().shape == (4, 5)


@pytest.mark.parametrize("weights, message", [
    ({"a": 1}, "no weight for criterion ['b']"),
    ({"a": 1, "b": 1, "c": 1}, "unknown criterion ['c']"),
    ({"a": -1, "b": 1}, "from 0 to 5"),
    ({"a": 6, "b": 1}, "from 0 to 5"),
    ({"a": "high", "b": 1}, "must be a number"),
    ({"a": True, "b": 1}, "must be a number"),
    ({"a": float("nan"), "b": 1}, "must be a number"),
    ({"a": 0, "b": 0}, "all weights are 0"),
    ([1, 2], "must be a dict"),
])
def test_bad_weights(weights, message):
    with pytest.raises(dc.DecisionError) as err:
        dc.rank(small(), weights)
    assert isinstance(err.value, CourseError) and message in str(err.value)


def test_bad_exercise_definition():
    crit = (dc.Criterion("a", "A", "?"),)
    with pytest.raises(dc.DecisionError, match="score must be an integer from 1 to 5"):
        dc.Exercise("T", crit, (dc.Option("x", "X", "", {"a": 9}), dc.Option("y", "Y", "", {"a": 1})), {"a": 1})
    with pytest.raises(dc.DecisionError, match="expected exactly the criteria"):
        dc.Exercise("T", crit, (dc.Option("x", "X", "", {}), dc.Option("y", "Y", "", {"a": 1})), {"a": 1})
    with pytest.raises(dc.DecisionError, match="at least two options"):
        dc.Exercise("T", crit, (dc.Option("x", "X", "", {"a": 1}),), {"a": 1})


def test_html_escaped_labelled_and_deterministic():
    e = small()
    html = dc.render_html(e, "jesc-decision")
    assert html == dc.render_html(e, "jesc-decision")
    assert "B <i>" not in html and "B &lt;i&gt;" in html and "Y &amp; co" in html
    for cid in re.findall(r'<input[^>]* id="([^"]+)"', html):
        assert f'<label for="{cid}"' in html
    data = json.loads(re.search(r'class="jesc-decision-data">(.*?)</script>', html, re.S).group(1))
    assert data["criteria"] == ["a", "b"] and data["options"][1]["name"] == "Y & co"


def test_sortable_table_html_and_errors():
    df = pd.DataFrame({"use": ["b <x>", "a"], "events": [3, 10]})
    html = dc.sortable_html(df, "Caption", "jesc-table")
    assert 'data-type="number"' in html and 'data-type="text"' in html and "&lt;x&gt;" in html
    assert dc.sortable(df, "c")._repr_mimebundle_()["text/plain"].splitlines()[0].split() == ["use", "events"]
    with pytest.raises(dc.DecisionError, match="non-empty"):
        dc.sortable(pd.DataFrame(), "c")
    with pytest.raises(dc.DecisionError, match="caption"):
        dc.sortable(df, "")


def test_live_widget_reranks():
    box = dc.make_widget(small())
    sliders, out = box.children[1:-1], box.children[-1]
    sliders[0].value, sliders[1].value = 5, 0
    assert out.value.index("X") < out.value.index("Z") < out.value.index("Y &amp; co")
    sliders[0].value = 0
    assert "at least one criterion" in out.value
