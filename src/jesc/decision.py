"""The conclusion's decision exercise (weighting criteria to rank policy options) and sortable tables.

In a notebook::

    from jesc import decision
    ex = decision.exercise()                    # the seminar exercise with the course's criteria and options
    decision.rank(ex, {"operational": 3, "constitutional": 5, "cost": 1, "solidarity": 2, "restraint": 4})
    ex                                          # live sliders; in the book a self-contained HTML widget
    decision.sortable(df, caption="...")        # a table students can sort (live and in the book)

The scores of the options are **teaching judgments** for seminar discussion, each with a reason and the
source that reason draws on; they are not findings. Students change the weights (0 = ignore, 5 = decisive),
and the ranking is the weighted mean score. Static behaviour: ``_static/jesc-decision.js`` and ``.css``.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

import pandas as pd

from jesc.citations import bibliography_href, cite_html, cite_text
from jesc.errors import CourseError
from jesc.i18n import script_templates, t, tf
from jesc.static_html import (dom_id, dual_bundle, escape_html, frame_table, json_for_script, markdown_table,
                               print_form, t_html, tf_html)

__all__ = ["DecisionError", "Criterion", "Option", "Exercise", "exercise", "rank", "render_html",
           "sortable", "SortableTable", "MAX_WEIGHT"]

MAX_WEIGHT = 5
SCORE_RANGE = (1, 5)
#: What the ranking says when every weight is 0 (the page's script fills the template too).
NO_WEIGHT = "Give at least one criterion a weight above {0}."


class DecisionError(CourseError):
    """Bad input to the decision exercise: unknown criterion, negative or non-numeric weight, bad score."""


@dataclass(frozen=True)
class Criterion:
    id: str
    name: str
    question: str  # what a high score means


@dataclass(frozen=True)
class Option:
    id: str
    name: str
    description: str
    scores: Mapping[str, int]  # criterion id -> 1..5
    reasons: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # criterion id -> (reason, bibkey)


@dataclass(frozen=True)
class Exercise:
    title: str
    criteria: tuple[Criterion, ...]
    options: tuple[Option, ...]
    default_weights: Mapping[str, int]

    def __post_init__(self):
        ids = [c.id for c in self.criteria]
        if len(set(ids)) != len(ids) or not ids:
            raise DecisionError(f"decision: criteria need distinct ids, got {ids}")
        if len({o.id for o in self.options}) != len(self.options) or len(self.options) < 2:
            raise DecisionError("decision: at least two options with distinct ids are needed")
        lo, hi = SCORE_RANGE
        for o in self.options:
            if set(o.scores) != set(ids):
                raise DecisionError(f"decision: option {o.id!r} scores {sorted(o.scores)}; expected exactly the "
                                    f"criteria {ids}")
            for c, s in o.scores.items():
                if isinstance(s, bool) or not isinstance(s, int) or not lo <= s <= hi:
                    raise DecisionError(f"decision: option {o.id!r}, criterion {c!r}: score must be an integer "
                                        f"from {lo} to {hi}, got {s!r}")
        _check_weights(self, self.default_weights)

    def scores_table(self) -> pd.DataFrame:
        """Options (rows) by criteria (columns): the scores being weighted."""
        return pd.DataFrame([[o.scores[c.id] for c in self.criteria] for o in self.options],
                            index=pd.Index([o.name for o in self.options], name="option"),
                            columns=[c.name for c in self.criteria])

    def _repr_mimebundle_(self, include=None, exclude=None):
        return dual_bundle(self._plain(), render_html(self, dom_id("decision")), lambda: make_widget(self),
                           self._printed())

    def _printed(self) -> str:
        # the exercise's text in the edition's language (the data frames of scores_table and rank stay)
        scores = self.scores_table().rename(index=t, columns=t)
        scores.index.name = t(scores.index.name)
        ranking = rank(self, self.default_weights)
        ranking["option"] = ranking["option"].map(t)
        return print_form(t(self.title), self._plain() + ".",
                          [(t("Scores of each option (rows) on each criterion (columns)"),
                            frame_table(scores, index=True)),
                           (t("Ranking with the default weights"), frame_table(ranking.rename(columns=t))),
                           (t("The reasons for each score and their sources"), markdown_table(
                               [t(c) for c in ("Option", "Criterion", "Score", "Reason", "Source")],
                               [(t(o.name), t(c.name), o.scores[c.id], *self._reason(o, c))
                                for o in self.options for c in self.criteria]))])

    @staticmethod
    def _reason(o: "Option", c: "Criterion") -> tuple[str, str]:
        reason, key = o.reasons.get(c.id, ("", ""))
        return t(reason), cite_text(key) if key else ""

    def _plain(self) -> str:
        r = rank(self, self.default_weights)
        return tf("Decision exercise: {0} ({1} criteria, {2} options); with equal weights the first option "
                  "is: {3}", t(self.title), len(self.criteria), len(self.options), t(r.iloc[0]["option"]))


def _check_weights(ex: Exercise, weights: Any) -> dict[str, float]:
    if not isinstance(weights, Mapping):
        raise DecisionError(f"decision: weights must be a dict {{criterion id: weight}}, got {type(weights).__name__}")
    ids = [c.id for c in ex.criteria]
    unknown = [k for k in weights if k not in ids]
    if unknown:
        raise DecisionError(f"decision: unknown criterion {unknown}; the criteria are {ids}")
    missing = [k for k in ids if k not in weights]
    if missing:
        raise DecisionError(f"decision: no weight for criterion {missing}; give every criterion a weight "
                            f"from 0 to {MAX_WEIGHT} (0 = ignore it)")
    out = {}
    for k in ids:
        v = weights[k]
        if isinstance(v, bool) or not isinstance(v, numbers.Real) or not math.isfinite(float(v)):
            raise DecisionError(f"decision: weight of {k!r} must be a number from 0 to {MAX_WEIGHT}, got {v!r}")
        if not 0 <= float(v) <= MAX_WEIGHT:
            raise DecisionError(f"decision: weight of {k!r} must be from 0 to {MAX_WEIGHT}, got {v!r}")
        out[k] = float(v)
    if sum(out.values()) == 0:
        raise DecisionError("decision: all weights are 0; give at least one criterion a weight above 0")
    return out


def rank(ex: Exercise, weights: Mapping[str, float]) -> pd.DataFrame:
    """The options ranked by weighted mean score (sum of weight x score over sum of weights).

    Columns: rank (1 = best; tied options share a rank), option, score (two decimals). Ties are listed
    in the exercise's order of options.
    """
    w = _check_weights(ex, weights)
    total = sum(w.values())
    rows = [{"option": o.name, "score": round(sum(w[c] * o.scores[c] for c in w) / total, 2), "_order": i}
            for i, o in enumerate(ex.options)]
    df = pd.DataFrame(rows).sort_values(["score", "_order"], ascending=[False, True], kind="stable")
    df.insert(0, "rank", df["score"].rank(method="min", ascending=False).astype(int))
    return df.drop(columns="_order").reset_index(drop=True)


# ------------------------------------------------------------------------------ the course's exercise
def exercise() -> Exercise:
    """The seminar exercise of the conclusion: how should Japan deepen security cooperation with Europe?

    Each reason names its source: a bibliography key where a source says it, ``""`` where the reason is the
    course's own judgement (its text then says so)."""
    T = "tsuruoka2010"
    C = ""  # the course's own judgement, not a source's
    criteria = (
        Criterion("operational", "Operational benefit",
                  "How much does it add to what Japan can do where it wants to contribute (information, "
                  "a say in planning, reach)?"),
        Criterion("constitutional", "Fit with constitutional and legal limits",
                  "How easily does it fit the limits on the Self-Defense Forces (high = few legal obstacles)?"),
        Criterion("cost", "Low cost", "How little money, staff and negotiation does it need (high = cheap)?"),
        Criterion("solidarity", "Signal of solidarity",
                  "How clearly does it show partners that Japan shares their security burden?"),
        Criterion("restraint", "Low risk with third states",
                  "How unlikely is it to provoke a hostile reaction from states such as China or Russia?"),
    )
    options = (
        Option("eu-fpa", "Framework participation agreement with the EU",
               "A formal agreement under which Japan joins EU crisis-management (CSDP) missions, civilian first.",
               {"operational": 3, "constitutional": 4, "cost": 3, "solidarity": 3, "restraint": 4},
               {"operational": ("Tsuruoka says formal contributors to ISAF gain information and a say; "
                                "whether a framework agreement would do the same with the EU he leaves "
                                "open, hence a middle score.", T),
                "constitutional": ("Tsuruoka: Japan's absence from civilian missions is not necessarily "
                                   "due to legal restrictions; SDF service under EU command raises "
                                   "the collective self-defence issue.", T),
                "cost": ("A formal framework has costs and benefits still to be weighed.", T),
                "solidarity": ("The course's judgement: visible in Europe, less so in Washington.", C),
                "restraint": ("Russia and China react less to Japan–EU than to Japan–NATO cooperation.", T)}),
        Option("nato-deeper", "Deeper partnership with NATO",
               "More programmes, exercises and dialogue with NATO, short of SDF units under NATO command.",
               {"operational": 3, "constitutional": 4, "cost": 3, "solidarity": 5, "restraint": 2},
               {"operational": ("NATO is a framework that makes partners' efforts more effective.", T),
                "constitutional": ("Programmes, exercises and dialogue put no SDF unit under NATO command, "
                                   "the step Tsuruoka calls very difficult; this option excludes it.", T),
                "cost": ("The course's judgement: programmes and liaison staff rather than "
                         "deployments.", C),
                "solidarity": ("Includes the United States, Japan's only formal ally.", T),
                "restraint": ("Russia and China react with vigilance to Japan–NATO cooperation.", T)}),
        Option("ad-hoc", "Ad hoc cooperation on the ground",
               "Keep coordinating case by case where forces meet, as in counter-piracy off Somalia.",
               {"operational": 2, "constitutional": 3, "cost": 4, "solidarity": 1, "restraint": 4},
               {"operational": ("The course's judgement: works locally but gives no formal voice or "
                                "routine information.", C),
                "constitutional": ("Each new theatre has needed its own legal basis: a special measures "
                                   "law for Iraq (see japan_deployments) and the Anti-Piracy Measures Law "
                                   "for the escorts off Somalia.", "mod2014ctf151"),
                "cost": ("The course's judgement: no agreement with Europe to negotiate, but a law or "
                         "Cabinet decision at home for each dispatch.", C),
                "solidarity": ("The course's judgement: little visible beyond the theatre.", C),
                "restraint": ("The course's judgement: a low profile.", C)}),
        Option("bilateral", "Bilateral ties with the UK, France and Germany",
               "Put the effort into the bilateral channels that have long carried most Japan–Europe dialogue.",
               {"operational": 3, "constitutional": 4, "cost": 3, "solidarity": 3, "restraint": 3},
               {"operational": ("Most past dialogue and cooperation ran through these channels.", T),
                "constitutional": ("The course's judgement: familiar legal ground.", C),
                "cost": ("The course's judgement: three relationships to maintain.", C),
                "solidarity": ("The course's judgement: strong with each partner, weaker as a European "
                               "signal.", C),
                "restraint": ("The course's judgement: depends on the partner and the activity.", C)}),
    )
    return Exercise("How should Japan deepen security cooperation with Europe?", criteria, options,
                    {c.id: 3 for c in criteria})


# ------------------------------------------------------------------------------------------ display
_e = escape_html
INTRO = ("Give each criterion a weight from {0} (ignore it) to {1} (decisive). The ranking is the weighted "
         "mean of the scores below.")
NO_SCRIPT = ("The ranking shown is for equal weights; with JavaScript on, the sliders re-rank the options (in a "
             "running notebook they are live widgets).")


def render_html(ex: Exercise, dom_id: str = "jesc-decision") -> str:
    """Self-contained HTML: a labelled slider per criterion, the live ranking, and the scores with reasons."""
    dom = _e(dom_id)
    ranking = rank(ex, ex.default_weights)
    page = bibliography_href()
    out = [f'<section class="jesc-decision" id="{dom}" aria-labelledby="{dom}-title">',
           f'<h3 class="jesc-dc-title" id="{dom}-title">{_e(t(ex.title))}</h3>',
           f'<p>{tf_html(INTRO, 0, MAX_WEIGHT)}</p>',
           f'<p class="jesc-dc-nojs">{t_html(NO_SCRIPT)}</p>',
           f'<div class="jesc-dc-weights" role="group" aria-label="{_e(t("Weights of the criteria"))}">']
    for c in ex.criteria:
        iid = f"{dom}-w-{_e(c.id)}"
        w = int(ex.default_weights[c.id])
        out.append(f'<div class="jesc-dc-row"><label for="{iid}">{_e(t(c.name))}</label>'
                   f'<input type="range" id="{iid}" data-criterion="{_e(c.id)}" min="0" max="{MAX_WEIGHT}" '
                   f'step="1" value="{w}" aria-describedby="{iid}-q" disabled>'
                   f'<output for="{iid}" id="{iid}-out">{w}</output>'
                   f'<span class="jesc-dc-q" id="{iid}-q">{_e(t(c.question))}</span></div>')
    out.append("</div>")
    out.append(f'<table class="jesc-dc-ranking" id="{dom}-ranking">'
               f'<caption>{t_html("Ranking of the options by your weights")}</caption><thead><tr>'
               f'<th scope="col">{t_html("Rank")}</th><th scope="col">{t_html("Option")}</th>'
               f'<th scope="col">{tf_html("Weighted score ({0} to {1})", *SCORE_RANGE)}</th></tr></thead>'
               f'<tbody aria-live="polite">')
    for _, r in ranking.iterrows():
        out.append(f'<tr><td>{int(r["rank"])}</td><th scope="row">{_e(t(r["option"]))}</th>'
                   f'<td>{r["score"]:.2f}</td></tr>')
    out.append("</tbody></table>")
    out.append('<details class="jesc-dc-details"><summary>'
               f'{t_html("The options and their scores, with reasons")}</summary>')
    for o in ex.options:
        out.append(f'<h4>{_e(t(o.name))}</h4><p>{_e(t(o.description))}</p><ul>')
        for c in ex.criteria:
            reason, key = o.reasons.get(c.id, ("", ""))
            src = f" ({cite_html(key, page)})" if key else ""
            score = tf_html("{0} of {1}.", f"<strong>{o.scores[c.id]}</strong>", SCORE_RANGE[1])
            out.append(f"<li>{_e(t(c.name))}: {score} {_e(t(reason))}{src}</li>")
        out.append("</ul>")
    out.append("</details>")
    data = {"criteria": [c.id for c in ex.criteria],
            "options": [{"id": o.id, "name": t(o.name), "scores": {c.id: o.scores[c.id] for c in ex.criteria}}
                        for o in ex.options]}
    ui = script_templates(NO_WEIGHT)
    if ui:  # the script's template in the edition's language (it knows the English one)
        data["ui"] = ui
    out.append(f'<script type="application/json" class="jesc-decision-data">{json_for_script(data)}</script>')
    out.append("</section>")
    return "\n".join(out)


def make_widget(ex: Exercise):
    """Live version: one slider per criterion and the ranking below."""
    import ipywidgets as w

    sliders = {c.id: w.IntSlider(value=int(ex.default_weights[c.id]), min=0, max=MAX_WEIGHT, description=t(c.name),
                                 style={"description_width": "initial"}, layout=w.Layout(width="100%", max_width="32em"))
               for c in ex.criteria}
    out = w.HTML()

    def refresh(_change=None):
        weights = {k: s.value for k, s in sliders.items()}
        if sum(weights.values()) == 0:
            out.value = f"<p>{tf_html(NO_WEIGHT, 0)}</p>"
            return
        r = rank(ex, weights)
        rows = "".join(f"<tr><td>{int(x['rank'])}</td><td>{_e(t(x['option']))}</td><td>{x['score']:.2f}</td></tr>"
                       for _, x in r.iterrows())
        head = "".join(f"<th>{t_html(h)}</th>" for h in ("Rank", "Option", "Weighted score"))
        out.value = f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"

    for s in sliders.values():
        s.observe(refresh, names="value")
    refresh()
    return w.VBox([w.HTML(f"<b>{_e(t(ex.title))}</b>"), *sliders.values(), out])


# ------------------------------------------------------------------------------------ sortable table
@dataclass
class SortableTable:
    """A DataFrame shown as a table students can sort: column buttons in the book, a menu live."""

    df: pd.DataFrame
    caption: str

    def _repr_mimebundle_(self, include=None, exclude=None):
        html = sortable_html(self.df, self.caption, dom_id("table"))
        printed = print_form(t(self.caption), t("A table that can be sorted by any column."),
                             [("", frame_table(self.df.rename(columns=t)))])
        plain = self.df.rename(columns=lambda c: t(str(c))).to_string(index=False)
        return dual_bundle(plain, html, lambda: _sortable_widget(self), printed)


def sortable(df: pd.DataFrame, caption: str) -> SortableTable:
    if not isinstance(df, pd.DataFrame) or df.empty:
        raise DecisionError("decision.sortable: expected a non-empty pandas DataFrame")
    if not caption:
        raise DecisionError("decision.sortable: a table needs a caption")
    return SortableTable(df.reset_index(drop=True), caption)


def _is_number(v: Any) -> bool:
    return isinstance(v, numbers.Real) and not isinstance(v, bool)


def sortable_html(df: pd.DataFrame, caption: str, dom_id: str = "jesc-table") -> str:
    dom = _e(dom_id)
    out = [f'<div class="jesc-sortable-wrap"><table class="jesc-sortable" id="{dom}">',
           f'<caption>{_e(t(caption))} <span class="jesc-sort-hint">'
           f'{t_html("(select a column heading to sort)")}</span></caption>',
           "<thead><tr>"]
    for j, col in enumerate(df.columns):
        numeric = all(_is_number(v) for v in df[col])
        out.append(f'<th scope="col" aria-sort="none" data-type="{"number" if numeric else "text"}">'
                   f'<button type="button" data-col="{j}">{_e(t(str(col)))}<span class="jesc-sort-icon" aria-hidden="true">'
                   "</span></button></th>")
    out.append("</tr></thead><tbody>")
    for _, row in df.iterrows():
        cells = "".join(f'<td data-value="{_e(v)}">{_e(v)}</td>' for v in row)
        out.append(f"<tr>{cells}</tr>")
    out.append("</tbody></table></div>")
    return "".join(out)


def _sortable_widget(sortable: SortableTable):
    import ipywidgets as w

    table = sortable.df
    menu = w.Dropdown(options=[(t(str(c)), c) for c in table.columns], description=t("Sort by"))
    order = w.ToggleButtons(options=[(t("ascending"), "ascending"), (t("descending"), "descending")],
                            description=t("Order"))
    out = w.HTML()

    def refresh(_change=None):
        out.value = table.sort_values(menu.value, ascending=order.value == "ascending", kind="stable").rename(
            columns=lambda c: t(str(c))).to_html(index=False, escape=True)

    menu.observe(refresh, names="value")
    order.observe(refresh, names="value")
    refresh()
    return w.VBox([w.HTML(f"<b>{_e(t(sortable.caption))}</b>"), w.HBox([menu, order]), out])
