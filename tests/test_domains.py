"""Unit tests of jesc.domains (Part IV): the series agree with the raw tables, bad input gets a clear
message, the picker's HTML is complete and escaped, and the proposals exercise reuses jesc.decision."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

import jesc
from jesc import decision, domains, timeline  # noqa: F401 (jesc.timeline)
from jesc.errors import CourseError


def test_piracy_regions_add_up_to_the_yearly_totals():
    wide = domains.piracy_by_region()
    totals = jesc.load("piracy_incidents").groupby("year")["incidents"].sum()
    assert list(wide.columns) == list(domains.PIRACY_REGIONS)
    assert (wide.sum(axis=1) == totals.reindex(wide.index)).all()
    # The claim the maritime section makes: the Gulf of Aden peaks in 2008-2011, South-East Asia in 2015.
    assert wide["gulf-of-aden-somalia"].idxmax() in range(2008, 2012)
    assert wide.loc[2015, "south-east-asia"] > 10 * wide.loc[2015, "gulf-of-aden-somalia"]


def test_space_groups_count_the_right_entities():
    raw = jesc.load("space_objects_launched")
    wide = domains.space_launches()
    year = 2022
    eu = raw[(raw["year"] == year) & raw["entity"].isin(domains.EU_MEMBER_ENTITIES)]["objects"].sum()
    assert wide.loc[year, domains.EU27_COLUMN] == eu
    assert wide.loc[year, "Japan"] == raw[(raw["year"] == year) & (raw["entity"] == "Japan")]["objects"].sum()
    assert "United Kingdom" not in domains.EU_MEMBER_ENTITIES
    assert len(set(domains.EU_MEMBER_ENTITIES)) == 27
    # Every member state with a row in the raw export is kept by the cleaning script (not a selection).
    assert set(raw["entity"]) >= set(domains.EU_MEMBER_ENTITIES) - {"Croatia", "Cyprus", "Malta"}
    assert wide.index.min() == raw["year"].min() and (wide >= 0).all().all()


def test_period_totals_and_change():
    s = pd.DataFrame({"a": [1, 2, 3, 4]}, index=[2000, 2001, 2002, 2003])
    assert domains.period_totals(s, {"x": (2000, 2001), "y": (2002, 2003)})["a"].tolist() == [3, 7]
    assert domains.change(s, 2000, 2003)["a"] == 300.0
    with pytest.raises(CourseError, match="no row for year"):
        domains.change(s, 1999, 2003)
    with pytest.raises(CourseError, match="must be \\(first year, last year\\)"):
        domains.period_totals(s, {"x": (2003, 2000)})


def test_milex_and_its_errors():
    m = domains.milex(["Japan", "France"], "share_gdp", start=2018)
    assert list(m.columns) == ["Japan", "France"] and m.index.min() == 2018
    with pytest.raises(CourseError, match="unknown entity \\['Atlantis'\\]"):
        domains.milex(["Atlantis"])
    with pytest.raises(CourseError, match="column must be"):
        domains.milex(["Japan"], "gdp")
    with pytest.raises(CourseError, match="lacks the column"):
        domains.milex(["Japan"], table=pd.DataFrame({"entity": ["Japan"]}))
    with pytest.raises(CourseError, match="as a pandas DataFrame"):
        domains.cyber_by_receiver(table=[1, 2])


def test_picker_html_has_every_domain_and_its_events():
    events = jesc.load("events")
    html = domains.render_html(events, "jesc-domains-t")
    for dm in domains.DOMAINS:
        assert f'id="jesc-domains-t-panel-{dm}"' in html and f'value="{dm}"' in html
    blob = re.search(r'<script type="application/json" class="jesc-domains-data">(.*?)</script>', html).group(1)
    data = json.loads(blob)
    assert data["events"]["cyber"] == int((events["domain"].astype(str) == "cyber").sum()) >= 1
    assert data["events"]["hybrid"] == 0 and "No event of this domain" in html
    bib = jesc.data.bib_keys()
    for info in domains.PARTNERSHIP.values():
        assert {key for _, key in info["points"]} <= bib


def test_picker_escapes_text_from_the_data():
    events = jesc.load("events").head(3).copy()
    events["domain"] = "maritime"
    events["title"] = events["title"].astype(str) + " <script>alert(1)</script>"
    html = domains.render_html(events)
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    with pytest.raises(CourseError, match="unknown table"):
        domains.picker(events, pirates=events)


def test_picker_bundle_has_html_and_plain_text():
    bundle = domains.picker()._repr_mimebundle_()
    assert "text/html" in bundle and bundle["text/plain"].startswith("Domain picker:")


def test_proposals_exercise_is_a_decision_exercise():
    ex = domains.proposals_exercise()
    assert isinstance(ex, decision.Exercise) and len(ex.options) == 4
    bib = jesc.data.bib_keys()
    assert all(key in bib for o in ex.options for _, key in o.reasons.values())
    # Weighting only feasibility puts the two cheap proposals first.
    top = decision.rank(ex, {"evidence": 0, "feasibility": 5, "fit": 0, "added": 0})
    assert set(top[top["rank"] == 1]["option"]) == {"A shared cyber manual",
                                                    "Teaching security at schools and universities"}


def test_numbers_the_part_states():
    """The sentences of chapters/new-domains that state a number (keep them true when the data change)."""
    piracy = domains.piracy_by_region()
    gulf, sea = piracy["gulf-of-aden-somalia"], piracy["south-east-asia"]
    assert (int(gulf.idxmax()), int(gulf.max())) == (2011, 167)
    assert gulf.loc[2013:].max() < 20 and sea.min() == 36
    assert list(piracy.index[sea <= gulf]) == [2008, 2009, 2010, 2011]
    space = domains.period_totals(domains.space_launches(), {"a": (2014, 2018), "b": (2019, 2023)})
    eu27 = domains.EU27_COLUMN
    # The EU-27 leads Japan in both periods (no "reversal" once every member state is counted).
    assert space.loc["b", [eu27, "Japan"]].tolist() == [269, 77]
    assert space.loc["a", [eu27, "Japan"]].tolist() == [110, 74]
    cyber = domains.cyber_by_receiver().sum()
    assert (cyber["eu-member-states"], cyber["japan"]) == (228, 49) and 4 < 228 / 49 < 5
    spending = domains.milex(["Japan", "EU-27 (sum)"])
    assert domains.change(spending, 2022, 2024).round().tolist() == [36.0, 25.0]
    assert abs(domains.change(spending, 2022, 2025).diff().iloc[-1]) < 1
    days = jesc.timeline.durations(jesc.load("events"), ["eu-japan-summit-2023", "security-defence-partnership"])
    assert int(days["days"].sum()) == 477
