"""`jesc.i18n.t`: what the kernel writes (figures, tables, explorers) in the edition's language."""

from __future__ import annotations

import json

import matplotlib
import pandas as pd
import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from jesc import i18n, style, tables
from jesc.errors import CourseError

matplotlib.use("Agg")


@pytest.fixture
def japanese(tmp_path, monkeypatch):
    """A Japanese kernel catalog in a scratch folder, and JESC_LANGUAGE=ja."""
    catalog = Catalog(locale="ja")
    entries = {"Year": "年", "Events (count)": "出来事（件数）", "Japan: {0} reported attacks, {1}–{2}":
               "日本：{1}〜{2}年に報告された襲撃{0}件", "Date": "日付", "A caption": "表の見出し",
               "Broken {0}": "壊れた {3}", "Old text": "古い訳",
               "in {0} period(s) ({listed})": "{0}つの期間（{listed}）"}
    for msgid, msgstr in entries.items():
        catalog.add(msgid, msgstr)
    catalog["Old text"].flags.add("fuzzy")
    path = tmp_path / "kernel.po"
    with path.open("wb") as f:
        write_po(f, catalog)
    monkeypatch.setattr(i18n, "catalog_path", lambda lang: path)
    monkeypatch.setenv("JESC_LANGUAGE", "ja")
    i18n._catalog.cache_clear()
    yield path
    i18n._catalog.cache_clear()


def test_english_is_unchanged(monkeypatch):
    monkeypatch.delenv("JESC_LANGUAGE", raising=False)
    assert i18n.t("Year") == "Year"


def test_numbers_are_placeholders_of_the_message():
    assert i18n.message("Japan: 1,234 reported attacks, 1993–2020") == (
        "Japan: {0} reported attacks, {1}–{2}", ["1,234", "1993", "2020"])
    # a number inside a name is part of the name
    assert i18n.message("G7 and P-3C") == ("G7 and P-3C", [])
    # a comma after a number stays in the message (not "2005," in the number)
    assert i18n.message("Kane to 2005, DMDC afterwards") == ("Kane to {0}, DMDC afterwards", ["2005"])


def test_japanese_translation_with_numbers_in_their_places(japanese):
    assert i18n.t("Year") == "年"
    assert i18n.t("Japan: 1,234 reported attacks, 1993–2020") == "日本：1993〜2020年に報告された襲撃1,234件"
    assert i18n.t("2010") == "2010"            # no letters: not a message
    assert i18n.t("Not in the catalog") == "Not in the catalog"
    assert i18n.t("Old text") == "Old text"    # a fuzzy translation is not used


def test_a_translation_that_loses_its_placeholders_is_named(japanese):
    with pytest.raises(CourseError, match=r"kernel\.po.*'Broken \{0\}'"):
        i18n.t("Broken 7")


def test_figures_are_translated_when_shown(japanese, monkeypatch):
    monkeypatch.setattr("IPython.display.display", lambda obj: None)
    fig, ax = style.figure()
    ax.bar(["2010"], [1])
    style.label(ax, x="Year", y="Events (count)")
    texts = []
    real = i18n.translate_figure
    monkeypatch.setattr(i18n, "translate_figure",
                        lambda f: (real(f), texts.extend(t.get_text() for t in f.findobj(matplotlib.text.Text))))
    style.show(fig)
    assert "年" in texts and "出来事（件数）" in texts and "Year" not in texts


def test_tables_translate_caption_and_headers_but_not_data(japanese):
    shown = tables.show(pd.DataFrame({"Date": ["1 May 2020"], "source": ["tsuruoka2010"]}), "A caption")
    html = shown._repr_html_()
    assert "<caption>表の見出し</caption>" in html and ">日付</th>" in html
    assert "1 May 2020" in html and 'data-key="tsuruoka2010"' in html  # still a linked citation


def test_collecting_records_each_message(tmp_path, monkeypatch):
    out = tmp_path / "messages.jsonl"
    monkeypatch.setenv(i18n.COLLECT_ENV, str(out))
    monkeypatch.delenv("JESC_LANGUAGE", raising=False)
    i18n.t("Japan: 12 reported attacks, 1993–2020")
    i18n.t("1999")
    assert [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()] == [
        "Japan: {0} reported attacks, {1}–{2}"]


def test_tick_labels_of_categories_are_translated(japanese, monkeypatch):
    monkeypatch.setattr("IPython.display.display", lambda obj: None)
    fig, ax = style.figure()
    ax.barh(["Year", "Date"], [1, 2])
    ax.set_yticks([0, 1], labels=["Year", "Date"])
    i18n.translate_figure(fig)
    fig.canvas.draw()  # tick labels are made from the formatter when the figure is drawn
    assert [t.get_text() for t in ax.get_yticklabels()] == ["年", "日付"]


def test_an_english_figure_is_left_as_it_was(monkeypatch):
    monkeypatch.delenv("JESC_LANGUAGE", raising=False)
    monkeypatch.delenv(i18n.COLLECT_ENV, raising=False)
    fig, ax = style.figure()
    formatter = ax.yaxis.get_major_formatter()
    i18n.translate_figure(fig)
    assert ax.yaxis.get_major_formatter() is formatter


def test_templates_keep_their_placeholders(japanese, tmp_path, monkeypatch):
    catalog = Catalog(locale="ja")
    for msgid, msgstr in {"Showing {0} of {1} events.": "{1}件中{0}件を表示。", "Region: {0}.": "地域：{0}。",
                          "Lost {0}": "失った"}.items():
        catalog.add(msgid, msgstr)
    path = tmp_path / "templates.po"
    with path.open("wb") as f:
        write_po(f, catalog)
    monkeypatch.setattr(i18n, "catalog_path", lambda lang: path)
    i18n._catalog.cache_clear()
    # the same message as the filled text given to t()
    assert i18n.message("Showing 5 of 41 events.")[0] == "Showing {0} of {1} events."
    assert i18n.t("Showing 5 of 41 events.") == "41件中5件を表示。"
    assert i18n.t_template("Showing {0} of {1} events.") == "{1}件中{0}件を表示。"
    assert i18n.tf("Region: {0}.", "Africa") == "地域：Africa。"
    assert i18n.t_template("Not here {0}") == "Not here {0}"
    assert i18n.script_templates("Showing {0} of {1} events.", "Not here {0}") == {
        "Showing {0} of {1} events.": "{1}件中{0}件を表示。"}
    with pytest.raises(CourseError, match=r"'Lost \{0\}'"):
        i18n.t_template("Lost {0}")


def test_templates_in_english_are_unchanged_and_collected(tmp_path, monkeypatch):
    out = tmp_path / "messages.jsonl"
    monkeypatch.setenv(i18n.COLLECT_ENV, str(out))
    monkeypatch.delenv("JESC_LANGUAGE", raising=False)
    assert i18n.tf("Region: {0}.", "Africa") == "Region: Africa."
    assert i18n.script_templates("Showing {0} of {1} events.") == {}
    assert [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()] == [
        "Region: {0}.", "Showing {0} of {1} events."]


def test_named_parts_fill_the_message_after_translation(japanese, monkeypatch):
    assert i18n.t("in 2 period(s) ({listed})", listed="2015年1月、2019年") == "2つの期間（2015年1月、2019年）"
    monkeypatch.delenv("JESC_LANGUAGE")
    i18n._catalog.cache_clear()
    # English: the text with its parts, whether or not the catalog has it
    assert i18n.t("in 2 period(s) ({listed})", listed="May 2015") == "in 2 period(s) (May 2015)"
    assert i18n.t("{a} tied with {b}", a="x 1", b="y") == "x 1 tied with y"


def test_the_message_of_a_phrase_with_parts_keeps_its_slots(tmp_path, monkeypatch):
    out = tmp_path / "messages.jsonl"
    monkeypatch.setenv(i18n.COLLECT_ENV, str(out))
    monkeypatch.delenv("JESC_LANGUAGE", raising=False)
    i18n.t("in 3 period(s) ({listed}, checked)", listed="January 2015 to June 2016")
    assert [json.loads(line) for line in out.read_text().splitlines()] == [
        "in {0} period(s) ({listed}, checked)"]


def test_dates_in_english_are_the_course_labels(monkeypatch):
    monkeypatch.delenv("JESC_LANGUAGE", raising=False)
    day = pd.Timestamp("2012-07-15")
    assert i18n.date_text(day) == "15 July 2012" == tables._full_date(day)
    assert i18n.date_text(day, "month") == "July 2012"
    assert i18n.date_text("2012-07-15", "year") == "2012"
    assert i18n.period_text("2015-01-31", "2016-06-30", "month") == "January 2015 to June 2016"
    assert i18n.list_text(["a"]) == "a"
    assert i18n.list_text(["a", "b", "c"]) == "a, b and c"


def test_dates_in_japanese(monkeypatch):
    monkeypatch.setenv("JESC_LANGUAGE", "ja")
    day = pd.Timestamp("2012-07-15")
    assert i18n.date_text(day) == "2012年7月15日"
    assert i18n.date_text(day, "month") == "2012年7月"
    assert i18n.date_text(day, "year") == "2012年"
    assert i18n.period_text("2015-01-31", "2016-06-30", "month") == "2015年1月〜2016年6月"
    assert i18n.list_text(["a", "b", "c"]) == "a、b、c"


def test_a_bad_precision_names_itself():
    with pytest.raises(CourseError, match=r"precision 'week'.*year, month, day"):
        i18n.date_text("2012-07-15", "week")
