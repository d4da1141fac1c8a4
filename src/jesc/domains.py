"""Part IV (new domains): the data series of maritime, space and cyber security, the domain picker and the
seminar exercise on the 2024 article's proposals.

In a notebook::

    from jesc import domains
    domains.piracy_by_region()            # incidents per year (rows) and sea region (columns)
    domains.space_launches()              # objects launched per year: Japan, EU-27 member states, EU/ESA/EUMETSAT
    domains.cyber_by_receiver()           # EuRepoC incidents per year and receiver group
    domains.milex(["Japan", "EU-27 (sum)"], "share_gdp")   # SIPRI series, one column per entity
    domains.change(series, 2022, 2024)    # percentage change of each column between two years
    domains.period_totals(series, {"2008–2012": (2008, 2012)})
    domains.picker()                      # the domain picker: live widgets; self-contained HTML in the book
    domains.proposals_exercise()          # a jesc.decision.Exercise over the article's proposals

Every function takes the table as an optional argument (default: ``jesc.load`` of the course table), so a
student can pass a filtered copy; a table without the expected columns raises :class:`DomainsError`.
The picker's static behaviour lives in ``_static/jesc-domains.js`` and ``.css``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

import pandas as pd

from jesc import checks
from jesc.citations import bibliography_href, cite_html, cite_text
from jesc.data import load
from jesc.decision import Criterion, Exercise, Option
from jesc.errors import CourseError
from jesc.i18n import script_templates, t, tf
from jesc.static_html import (dom_id, dual_bundle, escape_html, escape_markdown, json_for_script,
                               markdown_table, print_form, t_html, tf_html)
from jesc.tables import show as show_table

__all__ = [
    "DomainsError", "DOMAINS", "PIRACY_REGIONS", "EU_MEMBER_ENTITIES", "EU27_COLUMN", "EU_ORGANISATIONS", "piracy_by_region",
    "space_launches", "cyber_by_receiver", "milex", "change", "period_totals", "PARTNERSHIP", "picker",
    "render_html", "DomainPicker", "proposals_exercise",
]


class DomainsError(CourseError):
    """A bad request for a new-domains series: wrong table, unknown entity, column or year."""


#: The four domains of Part IV, in the order of the 2024 Security and Defence Partnership's list.
DOMAINS = ("maritime", "space", "cyber", "hybrid")
PIRACY_REGIONS = ("gulf-of-aden-somalia", "south-east-asia", "elsewhere", "unassigned")
#: Entities of ``space_objects_launched`` that are member states of the EU-27, the Union as of 1 February 2020
#: (the UK left the EU on 31 January 2020 and is not counted here). Croatia, Cyprus and Malta have no row: they
#: registered no object.
EU_MEMBER_ENTITIES = (
    "Austria", "Belgium", "Bulgaria", "Croatia", "Cyprus", "Czechia", "Denmark", "Estonia", "Finland", "France",
    "Germany", "Greece", "Hungary", "Ireland", "Italy", "Latvia", "Lithuania", "Luxembourg", "Malta", "Netherlands",
    "Poland", "Portugal", "Romania", "Slovakia", "Slovenia", "Spain", "Sweden",
)
#: The column of :func:`space_launches` that sums the EU-27 member states.
EU27_COLUMN = "EU-27 member states"
#: European organisations that register objects under their own name.
EU_ORGANISATIONS = ("European Space Agency", "European Union", "EUMETSAT")


# ------------------------------------------------------------------------------------------ checks
def _table(table: Any, name: str, columns: Sequence[str]) -> pd.DataFrame:
    """``table``, checked; ``None`` loads the course's own table."""
    if table is None:
        return load(name)
    return checks.table(table, name, columns, DomainsError, "domains")


def _year_range(frame: pd.DataFrame, first: int, last: int) -> pd.DataFrame:
    return frame.reindex(range(first, last + 1), fill_value=0)


# ---------------------------------------------------------------------------------------- series
def piracy_by_region(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Reported piracy incidents per year (rows) and sea region (columns, every region, zeros kept)."""
    t = _table(table, "piracy_by_region", ("year", "region", "incidents"))
    wide = t.pivot_table(index="year", columns=t["region"].astype(str), values="incidents",
                         aggfunc="sum", observed=False)
    wide = wide.reindex(columns=list(PIRACY_REGIONS), fill_value=0).fillna(0).astype(int)
    if len(wide):
        wide = _year_range(wide, int(wide.index.min()), int(wide.index.max()))
    wide.index.name, wide.columns.name = "year", "region"
    return wide


def space_launches(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Objects launched per year by Japan, by the 27 EU member states (as of 2020) and by the EU, ESA and
    EUMETSAT together (years with no object are zeros), 1957 to the last year of the table."""
    t = _table(table, "space_objects_launched", ("entity", "year", "objects"))
    entity = t["entity"].astype(str)
    group = pd.Series(pd.NA, index=t.index, dtype="object")
    group[entity == "Japan"] = "Japan"
    group[entity.isin(EU_MEMBER_ENTITIES)] = EU27_COLUMN
    group[entity.isin(EU_ORGANISATIONS)] = "EU, ESA and EUMETSAT"
    sub = t.assign(group=group).dropna(subset=["group"])
    wide = sub.pivot_table(index="year", columns="group", values="objects", aggfunc="sum")
    wide = wide.reindex(columns=["Japan", EU27_COLUMN, "EU, ESA and EUMETSAT"]).fillna(0).astype(int)
    if len(t):
        wide = _year_range(wide, int(t["year"].min()), int(t["year"].max()))
    wide.index.name, wide.columns.name = "year", "launched by"
    return wide


def cyber_by_receiver(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """EuRepoC incidents per start year (rows) and receiver group (columns). Groups overlap: an incident
    with several receivers counts in each, so the columns do not add up to ``all``."""
    t = _table(table, "eurepoc_cyber_incidents", ("year", "receiver", "incidents"))
    wide = t.pivot_table(index="year", columns=t["receiver"].astype(str), values="incidents",
                         aggfunc="sum", observed=False).fillna(0).astype(int)
    order = [c for c in ("japan", "eu-member-states", "eu-institutions", "united-states", "all") if c in wide]
    wide = wide[order]
    wide.index.name, wide.columns.name = "year", "receiver"
    return wide


def milex(entities: Iterable[str], column: str = "spending_musd_constant",
          table: pd.DataFrame | None = None, start: int | None = None) -> pd.DataFrame:
    """A SIPRI series from ``military_expenditure_recent``: one column per entity, one row per year
    (from ``start``). ``column`` is ``spending_musd_constant`` or ``share_gdp``."""
    t = _table(table, "military_expenditure_recent", ("entity", "year", "spending_musd_constant", "share_gdp"))
    if column not in ("spending_musd_constant", "share_gdp"):
        raise DomainsError(f"domains.milex: column must be 'spending_musd_constant' or 'share_gdp', got {column!r}")
    if isinstance(entities, str):
        entities = [entities]
    entities = list(entities)
    known = set(t["entity"].astype(str))
    unknown = [e for e in entities if e not in known]
    if unknown or not entities:
        raise DomainsError(f"domains.milex: unknown entity {unknown or entities}; the table has "
                           f"{', '.join(sorted(known))}")
    sub = t[t["entity"].astype(str).isin(entities)]
    if start is not None:
        sub = sub[sub["year"] >= start]
    wide = sub.pivot_table(index="year", columns=sub["entity"].astype(str), values=column, aggfunc="first")
    wide = wide.reindex(columns=entities)
    wide.index = wide.index.astype(int)
    wide.index.name, wide.columns.name = "year", "entity"
    return wide


def change(series: pd.DataFrame, base: int, year: int) -> pd.Series:
    """Percentage change of each column from year ``base`` to ``year`` (one decimal)."""
    if not isinstance(series, pd.DataFrame):
        raise DomainsError(f"domains.change: expected a DataFrame with years as index, got {type(series).__name__}")
    missing = [y for y in (base, year) if y not in series.index]
    if missing:
        raise DomainsError(f"domains.change: no row for year {missing}; the series covers "
                           f"{series.index.min()} to {series.index.max()}")
    b, v = series.loc[base].astype(float), series.loc[year].astype(float)
    if (b == 0).any() or b.isna().any() or v.isna().any():
        bad = list(series.columns[(b == 0) | b.isna() | v.isna()])
        raise DomainsError(f"domains.change: no change can be computed for {bad} between {base} and {year} "
                           "(a value is zero or missing)")
    return ((v / b - 1) * 100).round(1).rename(f"change {base}–{year} (%)")


def period_totals(series: pd.DataFrame, periods: Mapping[str, tuple[int, int]]) -> pd.DataFrame:
    """Sum of each column over named periods of years (both ends included), one row per period."""
    if not isinstance(series, pd.DataFrame):
        raise DomainsError(f"domains.period_totals: expected a DataFrame, got {type(series).__name__}")
    if not isinstance(periods, Mapping) or not periods:
        raise DomainsError("domains.period_totals: periods must be a dict {label: (first year, last year)}")
    rows = {}
    for label, span in periods.items():
        if (not isinstance(span, tuple) or len(span) != 2
                or not all(isinstance(y, int) and not isinstance(y, bool) for y in span) or span[0] > span[1]):
            raise DomainsError(f"domains.period_totals: period {label!r} must be (first year, last year), "
                               f"got {span!r}")
        rows[label] = series.loc[(series.index >= span[0]) & (series.index <= span[1])].sum()
    out = pd.DataFrame(rows).T
    out.index.name = "period"
    return out


# -------------------------------------------------------------------------- the domain picker
#: What the 2024 Security and Defence Partnership and the EU's own documents say on each domain, paraphrased,
#: with the bibliography key of each point; and what the course's data can and cannot show.
PARTNERSHIP: dict[str, dict[str, Any]] = {
    "maritime": {
        "title": "Maritime security",
        "points": [
            ("The Partnership's preface lists maritime and outer space among the dimensions of security beyond "
             "traditional military topics.", "council2024sdptext"),
            ("The EEAS lists maritime security first among the Partnership's key areas, before participation "
             "in EU missions and operations.", "eeas2024strategicdialogue"),
            ("Atalanta and Japan's counter-piracy force have trained together, made a joint port call and "
             "exercised with Djibouti; on 15 March 2023 they signed an arrangement on joint exercises.",
             "eeas2023atalantaarrangement"),
        ],
        "data": "Reported piracy incidents, Gulf of Aden and Somali basin against South-East Asia "
                "(table piracy_by_region).",
        "caveat": "Reported attacks only; the source of the data changes in 2015.",
    },
    "space": {
        "title": "Space security",
        "points": [
            ("The EU Space Strategy for Security and Defence of 10 March 2023 treats space as a strategic "
             "domain and follows the Strategic Compass of March 2022.", "eu2023spacestrategy"),
            ("On 25 June 2025 the Commission proposed an EU Space Act; it is a proposal, not yet law.",
             "ec2025spaceact"),
            ("Japan's Air Self-Defense Force set up a Space Operations Squadron on 18 May 2020.",
             "japantimes2020spacesquadron"),
            ("The EEAS names space security and defence among the Partnership's key areas.",
             "eeas2024strategicdialogue"),
        ],
        "data": "Objects launched into space by Japan, the 27 EU member states and the EU, ESA and EUMETSAT "
                "(table space_objects_launched).",
        "caveat": "Objects launched are not military capability; European objects are split across several "
                  "registrants.",
    },
    "cyber": {
        "title": "Cyber security",
        "points": [
            ("The EU agreed its framework for a joint diplomatic response to malicious cyber activities, the "
             "cyber diplomacy toolbox, on 19 June 2017.", "council2017cybertoolbox"),
            ("Japan and the EU held their sixth Cyber Dialogue in Tokyo on 11 November 2024, ten days after "
             "the Partnership.", "ec2024cyberdialogue"),
            ("The EEAS names cyber issues among the Partnership's key areas.", "eeas2024strategicdialogue"),
        ],
        "data": "Cyber incidents recorded by EuRepoC per year and receiver (table eurepoc_cyber_incidents).",
        "caveat": "Open-source reporting only; attribution is contested and recording improves over time.",
    },
    "hybrid": {
        "title": "Hybrid threats and information manipulation",
        "points": [
            ("The Partnership's preface names cyber and hybrid threats among the dimensions of security.",
             "council2024sdptext"),
            ("The EEAS lists foreign information manipulation and interference (FIMI) and disinformation "
             "among the Partnership's key areas.", "eeas2024strategicdialogue"),
            ("The 2024 article names hybrid threats as a new area but says nothing further about them.",
             "occasionaldigest2024"),
        ],
        "data": "The course has no dataset on hybrid threats: what is hidden by design is hard to count.",
        "caveat": "No series: the absence of data is itself a finding to discuss.",
    },
}


def _domain_summary(domain: str, tables: Mapping[str, pd.DataFrame | None]) -> pd.DataFrame | None:
    """A small table of the data series of ``domain`` (None for hybrid)."""
    if domain == "maritime":
        s = piracy_by_region(tables.get("piracy_by_region"))[["gulf-of-aden-somalia", "south-east-asia"]]
        periods = {"1993–2007": (1993, 2007), "2008–2012": (2008, 2012), "2013–2020": (2013, 2020)}
        return period_totals(s, periods).rename(columns={"gulf-of-aden-somalia": "Gulf of Aden and Somalia",
                                                          "south-east-asia": "South-East Asia"})
    if domain == "space":
        s = space_launches(tables.get("space_objects_launched"))
        return period_totals(s, {"2004–2008": (2004, 2008), "2009–2013": (2009, 2013),
                                 "2014–2018": (2014, 2018), "2019–2023": (2019, 2023)})
    if domain == "cyber":
        s = cyber_by_receiver(tables.get("eurepoc_cyber_incidents"))
        s = s[[c for c in ("japan", "eu-member-states", "eu-institutions") if c in s]]
        return period_totals(s, {"2000–2009": (2000, 2009), "2010–2016": (2010, 2016),
                                 "2017–2023": (2017, 2023)}).rename(columns={
            "japan": "Japan", "eu-member-states": "EU member states", "eu-institutions": "EU bodies"})
    return None


_e = escape_html


def _events_of(events: pd.DataFrame, domain: str) -> list[dict[str, str]]:
    sub = events[events["domain"].astype(str) == domain].sort_values(["date", "id"], kind="stable")
    return [{"id": str(r["id"]), "date": str(r["date_label"]), "title": str(r["title"]),
             "framework": str(r["framework"]), "source": str(r["source"])} for _, r in sub.iterrows()]


def _summary_table(df: pd.DataFrame | None, caption: str | None = None):
    """The totals of a domain as a reader's table (``jesc.tables.show``), whole numbers."""
    if df is None:
        return None
    shown = df.round().astype("int64")
    shown.index = shown.index.rename((df.index.name or "period").capitalize())
    return show_table(shown, caption)


TITLE = "Domain picker: the four new domains"
NO_SCRIPT = ("All four domains are shown below. With JavaScript on, choose one; in a running notebook the same "
             "choice is a live widget.")
NO_EVENT = "No event of this domain is recorded in the timeline."
#: The status line, as the page's script fills it too (``_static/jesc-domains.js``): one event, several.
STATUS = ("Showing {0}: {1} event in the timeline.", "Showing {0}: {1} events in the timeline.")


def _summary_html(df: pd.DataFrame | None, caption: str) -> str:
    table = _summary_table(df, caption)
    return "" if table is None else table._repr_html_()


def render_html(events: pd.DataFrame, dom: str = "jesc-domains",
                tables: Mapping[str, pd.DataFrame | None] | None = None) -> str:
    """Self-contained HTML: a radio group of the four domains and one panel per domain (the Partnership's
    points, the events of the course timeline and the data series). Without JavaScript every panel shows;
    ``_static/jesc-domains.js`` shows only the chosen one."""
    tables = tables or {}
    d = _e(dom)
    page = bibliography_href()
    out = [f'<section class="jesc-domains" id="{d}" aria-labelledby="{d}-title">',
           f'<h3 class="jesc-dm-title" id="{d}-title">{t_html(TITLE)}</h3>',
           f'<p class="jesc-dm-nojs">{t_html(NO_SCRIPT)}</p>',
           f'<fieldset class="jesc-dm-choice" hidden><legend>{t_html("Domain")}</legend>']
    for i, dm in enumerate(DOMAINS):
        rid = f"{d}-pick-{dm}"
        out.append(f'<span class="jesc-dm-opt"><input type="radio" name="{d}-domain" id="{rid}" value="{dm}"'
                   f'{" checked" if i == 0 else ""}><label for="{rid}">{_e(t(PARTNERSHIP[dm]["title"]))}</label>'
                   "</span>")
    out.append("</fieldset>")
    out.append(f'<p class="jesc-dm-status" id="{d}-status" role="status" aria-live="polite"></p>')
    counts = {}
    for dm in DOMAINS:
        info = PARTNERSHIP[dm]
        evs = _events_of(events, dm)
        counts[dm] = len(evs)
        out.append(f'<div class="jesc-dm-panel" id="{d}-panel-{dm}" data-domain="{dm}" data-events="{len(evs)}">'
                   f'<h4>{_e(t(info["title"]))}</h4><p class="jesc-dm-sub">{t_html("What the documents say")}'
                   '</p><ul>')
        for text, key in info["points"]:
            out.append(f"<li>{_e(t(text))} <span class=\"jesc-dm-src\">({cite_html(key, page)})</span></li>")
        out.append(f'</ul><p class="jesc-dm-sub">'
                   f'{tf_html("Events in the course timeline ({0})", len(evs))}</p>')
        if evs:
            out.append('<ol class="jesc-dm-events">' + "".join(
                f'<li data-id="{_e(ev["id"])}"><strong>{_e(ev["date"])}</strong> [{_e(t(ev["framework"]))}] '
                f'{_e(ev["title"])} <span class="jesc-dm-src">({cite_html(ev["source"], page)})</span></li>'
                for ev in evs) + "</ol>")
        else:
            out.append(f"<p>{t_html(NO_EVENT)}</p>")
        out.append(f'<p class="jesc-dm-sub">{t_html("The data")}</p><p>{_e(t(info["data"]))}</p>')
        # jesc.tables.show translates the caption
        out.append(_summary_html(_domain_summary(dm, tables), f"{info['title']}: totals per period"))
        out.append(f'<p class="jesc-dm-caveat">{tf_html("Caveat: {0}", _e(t(info["caveat"])))}</p></div>')
    data = {"domains": list(DOMAINS), "titles": {dm: t(PARTNERSHIP[dm]["title"]) for dm in DOMAINS},
            "events": counts}
    ui = script_templates(*STATUS)
    if ui:  # the status's templates in the edition's language (the script knows the English ones)
        data["ui"] = ui
    out.append(f'<script type="application/json" class="jesc-domains-data">{json_for_script(data)}</script>')
    out.append("</section>")
    return "\n".join(out)


@dataclass
class DomainPicker:
    """The domain picker as one display object (widget live, HTML in the book, text in plain)."""

    events: pd.DataFrame
    tables: Mapping[str, pd.DataFrame | None]

    def _plain(self) -> str:
        n = {dm: len(_events_of(self.events, dm)) for dm in DOMAINS}
        return tf("Domain picker: {0}", ", ".join(
            tf("{0} ({1} event)" if k == 1 else "{0} ({1} events)", t(dm), k) for dm, k in n.items()))

    def _repr_mimebundle_(self, include=None, exclude=None):
        html = render_html(self.events, dom_id("domains"), self.tables)
        return dual_bundle(self._plain(), html, lambda: make_widget(self), self._printed())

    def _printed(self) -> str:
        tables = []
        for dm in DOMAINS:
            info = PARTNERSHIP[dm]
            points = "; ".join(f"{t(text)} ({cite_text(key)})" for text, key in info["points"])
            evs = _events_of(self.events, dm)
            rows = [(ev["date"], t(ev["framework"]), ev["title"], cite_text(ev["source"])) for ev in evs]
            tables.append((tf("{0}. What the documents say: {1}. Events in the course timeline ({2})",
                              t(info["title"]), points, len(evs)),
                           markdown_table([t(c) for c in ("Date", "Framework", "Event", "Source")], rows) if rows
                           else escape_markdown(t(NO_EVENT))))
            summary = _domain_summary(dm, self.tables)
            if summary is not None:
                tables.append((tf("{0}: totals per period. {1} Caveat: {2}", t(info["title"]), t(info["data"]),
                                  t(info["caveat"])), _summary_table(summary)._repr_markdown_().strip()))
        return print_form(t(TITLE), self._plain() + ".", tables)

    def __repr__(self) -> str:
        return f"<{self._plain()}>"


def picker(events: pd.DataFrame | None = None, **tables: pd.DataFrame) -> DomainPicker:
    """The interactive domain picker (display it by ending a cell with it). ``events`` defaults to the
    course's events table; the series tables can be passed by name (``piracy_by_region=...``)."""
    allowed = {"piracy_by_region", "space_objects_launched", "eurepoc_cyber_incidents"}
    unknown = sorted(set(tables) - allowed)
    if unknown:
        raise DomainsError(f"domains.picker: unknown table(s) {unknown}; expected some of {sorted(allowed)}")
    ev = _table(events, "events", ("id", "date", "date_label", "title", "framework", "domain", "source"))
    return DomainPicker(ev, dict(tables))


def make_widget(p: DomainPicker):
    """Live version: a toggle of the four domains and the chosen domain's panel below."""
    import ipywidgets as w

    choice = w.ToggleButtons(options=[(t(PARTNERSHIP[d]["title"]), d) for d in DOMAINS], description=t("Domain"))
    out = w.HTML()
    full = render_html(p.events, "jesc-domains-live", p.tables)

    def refresh(_change=None):
        start = full.index(f'<div class="jesc-dm-panel" id="jesc-domains-live-panel-{choice.value}"')
        end = full.index('<p class="jesc-dm-caveat"', start)
        end = full.index("</div>", end) + len("</div>")
        out.value = full[start:end]

    choice.observe(refresh, names="value")
    refresh()
    return w.VBox([choice, out])


# ----------------------------------------------------------------- the proposals (decision tool)
def proposals_exercise() -> Exercise:
    """The seminar exercise of Part IV: weigh the 2024 article's four proposals with ``jesc.decision``.

    The scores are teaching judgments for discussion, each with a reason and the source it draws on."""
    A, E = "occasionaldigest2024", "eeas2024strategicdialogue"
    criteria = (
        Criterion("evidence", "Evidence offered", "How well does the article support the proposal with facts "
                  "or examples (high = well supported)?"),
        Criterion("feasibility", "Feasibility", "How easily could it be done with existing institutions, law "
                  "and budgets (high = easily)?"),
        Criterion("fit", "Fit with the Partnership", "How closely does it match what the 2024 Partnership "
                  "already lists (high = closely)?"),
        Criterion("added", "Added value", "How much would it add to what already exists (high = a lot)?"),
    )
    options = (
        Option("space-group", "A space-security grouping",
               "NATO members and Japan's partners such as Australia and South Korea form a grouping with its "
               "own space laws, a research lab and a supply chain.",
               {"evidence": 2, "feasibility": 1, "fit": 4, "added": 3},
               {"evidence": ("The article cites AsterX but gives no evidence that a new grouping is needed.", A),
                "feasibility": ("Many states, space agencies and defence ministries would have to agree; the "
                                "EU's own space law was only proposed in June 2025 and is not yet law.",
                                "ec2025spaceact"),
                "fit": ("Space security and defence is one of the Partnership's areas.", E),
                "added": ("Exercises such as AsterX, run by the French Space Command, already exist; a lab "
                          "and supply chain would be new.", "cde2024asterx")}),
        Option("cyber-manual", "A shared cyber manual",
               "Members collect case studies into a manual of step-by-step methods, with information sharing "
               "and simulation exercises.",
               {"evidence": 2, "feasibility": 4, "fit": 4, "added": 2},
               {"evidence": ("No case or precedent is offered.", A),
                "feasibility": ("Officials already meet in the Cyber Dialogue, held for the sixth time in "
                                "November 2024.", "ec2024cyberdialogue"),
                "fit": ("Cyber issues are one of the Partnership's areas.", E),
                "added": ("Both sides already exchange on crisis management and threat pictures.",
                          "ec2024cyberdialogue")}),
        Option("fisheries", "Fisheries and food security",
               "Japan and EU countries study fishing methods, develop methods \"to prevent fishing in their waters\" "
               "(the article's words: which fishing, and by whom, it does not say) and link "
               "food security to supply chains.",
               {"evidence": 1, "feasibility": 3, "fit": 2, "added": 3},
               {"evidence": ("The proposal is stated without data on fishing or food supply.", A),
                "feasibility": ("Fisheries are governed under the law of the sea that both already invoke, "
                                "though the article does not say which fishing it would prevent.",
                                "unclos1982"),
                "fit": ("Not among the Partnership's named key areas.", E),
                "added": ("A broader, non-military reading of maritime security.", A)}),
        Option("teaching", "Teaching security at schools and universities",
               "Students learn about other countries' security and defence through case studies.",
               {"evidence": 1, "feasibility": 4, "fit": 1, "added": 2},
               {"evidence": ("No evidence is given of a gap in teaching.", A),
                "feasibility": ("Needs curricula, not treaties: courses like this one exist.", A),
                "fit": ("Education is not one of the Partnership's named key areas.", E),
                "added": ("Hard to attribute any security effect to it.", A)}),
    )
    return Exercise("Which of the 2024 article's proposals deserve support?", criteria, options,
                    {c.id: 3 for c in criteria})
