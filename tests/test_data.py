"""The loader (helpers.data.load), its cache, the views as of a date, and the accessors."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date, timedelta

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import flows, make_evidence, parse_line, set_cells
from helpers import data, datapackage, paper, paths
from helpers.data import AmbiguousSourceError, Evidence, UnknownSeriesError, period_end

SETTINGS = settings(derandomize=True, deadline=None)

#: Evidence attribute holding each resource of the data package.
TABLES = {
    "claims": "claims",
    "sources": "sources",
    "entities": "entities",
    "series": "series_meta",
    "observations": "observations",
    "events": "events",
}
SERIES_COLUMNS = ["series_id", "entity", "counterpart", "year", "value", "unit", "source_id", "note"]
EXPORTS = "merchandise_exports"


def with_tables(ev: Evidence, **tables: pd.DataFrame) -> Evidence:
    """``ev`` with some tables replaced."""
    return replace(ev, **tables)


def csv_value(series_id: str, entity: str, counterpart: str, year: int) -> float:
    """A figure read straight from data/observations.csv, without the loader."""
    with open(paths.data_dir() / "observations.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if (row["series_id"], row["entity"], row["counterpart"], row["year"]) == (
                series_id,
                entity,
                counterpart,
                str(year),
            ):
                return float(row["value"])
    raise LookupError((series_id, entity, counterpart, year))


def event_rows(ev: Evidence, dated: dict[str, str], project: str = "test-project") -> pd.DataFrame:
    """Events copied from the first real one, with the given ``{event_id: date}``."""
    template = ev.events.iloc[0]
    rows = [
        template.to_dict() | {"event_id": event_id, "date": when, "project": project}
        for event_id, when in dated.items()
    ]
    return pd.DataFrame(rows).astype(ev.events.dtypes.to_dict())


# --- load: types and cache -----------------------------------------------------------


def test_load_returns_every_table_with_the_schema_types(evidence):
    assert isinstance(evidence, Evidence) and evidence.as_of is None
    for resource, attribute in TABLES.items():
        frame = getattr(evidence, attribute)
        types = datapackage.field_types(resource)
        assert list(frame.columns) == list(types), resource
        assert len(frame) > 0, resource
        for column, kind in types.items():
            dtype = frame[column].dtype
            if kind == "integer":
                assert dtype == "Int64", (resource, column, dtype)
            elif kind == "number":
                assert dtype == "float64", (resource, column, dtype)
            else:
                assert isinstance(dtype, pd.StringDtype), (resource, column, dtype)
    assert evidence.observations["year"].dtype == "Int64"
    assert evidence.observations["value"].dtype == "float64"
    assert evidence.observations["year"].notna().all()
    # Empty cells are missing values, not empty strings.
    assert evidence.observations["note"].isna().any()
    assert not (evidence.observations["note"] == "").any()


def test_load_row_counts_match_the_csv_files(evidence):
    for resource, attribute in TABLES.items():
        with open(paths.data_dir() / datapackage.resource(resource)["path"], encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        assert len(getattr(evidence, attribute)) == len(rows) - 1, resource


def test_two_loads_return_equal_but_separate_frames():
    first, second = data.load(), data.load()
    for attribute in TABLES.values():
        a, b = getattr(first, attribute), getattr(second, attribute)
        pd.testing.assert_frame_equal(a, b)
        assert a is not b


def test_mutating_a_loaded_frame_does_not_change_the_next_load():
    first = data.load()
    original = first.observations.loc[0, "value"]
    assert original != -1
    first.observations.loc[0, "value"] = -1
    first.claims.loc[0, "quote"] = "changed"
    first.events.loc[:, "status"] = "cancelled"
    assert first.observations.loc[0, "value"] == -1
    second = data.load()
    assert second.observations.loc[0, "value"] == original
    assert second.claims.loc[0, "quote"] != "changed"
    assert (second.events["status"] != "cancelled").any()


# The copy carries the known plausibility flags (make validate lists them): expected here.
@pytest.mark.filterwarnings("ignore::helpers.datapackage.PlausibilityWarning")
def test_an_edited_csv_is_read_again(data_copy):
    path = data_copy / "observations.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, start=1) if text.startswith("gdp_current_usd,RUS,-,2015,"))
    row = parse_line(path, line)
    key = (row["series_id"], row["entity"], row["counterpart"], int(row["year"]))
    before = data.load(data_copy)
    assert before.value(*key) == float(row["value"])
    set_cells(path, line, value="123456.5")
    after = data.load(data_copy)
    assert after.value(*key) == 123456.5
    # Only that cell changed.
    changed = after.observations["value"] != before.observations["value"]
    assert changed.sum() == 1


def test_load_without_validation_reads_the_same_tables(evidence):
    unchecked = data.load(validate=False)
    for attribute in TABLES.values():
        pd.testing.assert_frame_equal(getattr(unchecked, attribute), getattr(evidence, attribute))


# --- series and value ----------------------------------------------------------------


def test_series_columns_and_order(evidence):
    frame = evidence.series(EXPORTS)
    assert list(frame.columns) == SERIES_COLUMNS
    assert (frame["series_id"] == EXPORTS).all()
    assert (frame["unit"] == evidence.unit(EXPORTS)).all()
    assert list(frame.index) == list(range(len(frame)))
    keys = list(zip(frame["entity"], frame["counterpart"], frame["year"]))
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)
    expected = evidence.observations[evidence.observations["series_id"] == EXPORTS]
    assert len(frame) == len(expected)


def test_series_filters(evidence):
    rus_chn = evidence.series(EXPORTS, entity="RUS", counterpart="CHN")
    assert len(rus_chn) > 0
    assert set(rus_chn["entity"]) == {"RUS"} and set(rus_chn["counterpart"]) == {"CHN"}
    assert rus_chn["year"].is_monotonic_increasing and rus_chn["year"].is_unique
    rus = evidence.series(EXPORTS, entity="RUS")
    assert set(rus["entity"]) == {"RUS"} and len(rus) > len(rus_chn)
    by_source = evidence.series(EXPORTS, entity="RUS", counterpart="CHN", source_id="imf-dots")
    pd.testing.assert_frame_equal(by_source, rus_chn)
    assert evidence.series(EXPORTS, source_id="wb-wdi-gdp").empty
    assert evidence.series(EXPORTS, entity="NOWHERE").empty
    assert list(evidence.series(EXPORTS, entity="NOWHERE").columns) == SERIES_COLUMNS


def test_unknown_series_suggests_a_close_match(evidence):
    with pytest.raises(UnknownSeriesError) as caught:
        evidence.series("merchandise_export")
    assert isinstance(caught.value, KeyError)
    message = str(caught.value)
    assert "'merchandise_export'" in message and "series.csv" in message
    assert "Did you mean" in message and "'merchandise_exports'" in message
    with pytest.raises(UnknownSeriesError) as caught:
        evidence.unit("zzzz")
    assert "Did you mean" not in str(caught.value)


def test_ambiguous_sources_must_be_chosen(evidence):
    row = evidence.series(EXPORTS, entity="RUS", counterpart="CHN").iloc[[0]]
    other = row.assign(source_id="wb-wdi-gdp", value=row["value"] + 1)
    ev = with_tables(evidence, observations=pd.concat([row, other], ignore_index=True))
    with pytest.raises(AmbiguousSourceError) as caught:
        ev.series(EXPORTS)
    message = str(caught.value)
    assert "imf-dots" in message and "wb-wdi-gdp" in message and "source_id=" in message
    year = int(row["year"].iloc[0])
    with pytest.raises(AmbiguousSourceError):
        ev.value(EXPORTS, "RUS", "CHN", year)
    chosen = ev.series(EXPORTS, source_id="wb-wdi-gdp")
    assert list(chosen["source_id"]) == ["wb-wdi-gdp"]
    assert ev.value(EXPORTS, "RUS", "CHN", year, source_id="imf-dots") == float(row["value"].iloc[0])
    assert ev.value(EXPORTS, "RUS", "CHN", year, source_id="wb-wdi-gdp") == float(row["value"].iloc[0]) + 1


def test_value_is_a_float_or_none(evidence):
    got = evidence.value(EXPORTS, "RUS", "CHN", 2016)
    assert type(got) is float
    assert got == csv_value(EXPORTS, "RUS", "CHN", 2016)
    assert evidence.value(EXPORTS, "RUS", "CHN", 1995) is None  # before the data start
    assert evidence.value(EXPORTS, "RUS", "NOWHERE", 2016) is None


def test_unit_and_title(evidence):
    assert evidence.unit(EXPORTS) == "US$ million"
    assert evidence.series_title(EXPORTS) == "Merchandise exports"


def test_replace_does_not_reuse_a_stale_series_index():
    ev = data.load()
    assert len(ev.series(EXPORTS)) > 0  # builds ev's index
    empty = replace(ev, observations=ev.observations.iloc[0:0])
    assert empty.series(EXPORTS).empty


def test_replace_does_not_change_the_original():
    ev = data.load()
    only_rus = replace(ev, observations=ev.observations[ev.observations["entity"] == "RUS"])
    assert set(only_rus.series(EXPORTS)["entity"]) == {"RUS"}
    assert set(ev.series(EXPORTS)["entity"]) > {"RUS"}


def test_a_remembered_series_can_be_changed_by_its_caller_without_touching_the_next_call():
    ev = data.load()
    first = ev.series(EXPORTS, entity="RUS", counterpart="CHN")
    first["value"] = 0.0
    first["extra"] = 1
    again = ev.series(EXPORTS, entity="RUS", counterpart="CHN")
    assert "extra" not in again and (again["value"] > 0).all()
    assert again["value"].tolist() == [csv_value(EXPORTS, "RUS", "CHN", int(y)) for y in again["year"]]


def test_an_ambiguous_series_raises_every_time_and_all_sources_returns_the_alternatives(evidence):
    key = dict(entity="CHN", counterpart="RUS")
    for _ in range(2):  # the second call is answered from the memo: it must raise too
        with pytest.raises(AmbiguousSourceError, match="arctic_lng2_chinese_equity"):
            evidence.series("arctic_lng2_chinese_equity", **key)
    both = evidence.series("arctic_lng2_chinese_equity", all_sources=True, **key)
    assert len(both) == 2 and both["source_id"].nunique() == 2
    assert both["year"].is_monotonic_increasing


def test_remember_computes_once_per_evidence_and_key():
    ev = data.load()
    calls = []

    def compute():
        calls.append(1)
        return pd.DataFrame({"x": [1, 2]})

    first = ev.remember("test", ("a",), compute)
    first["y"] = 0  # the caller's copy
    second = ev.remember("test", ("a",), compute)
    assert len(calls) == 1 and list(second.columns) == ["x"]
    ev.remember("test", ("b",), compute)
    replace(ev).remember("test", ("a",), compute)  # a replaced Evidence starts afresh
    assert len(calls) == 3


def test_a_view_is_made_once_per_date_and_shares_nothing_it_should_not(evidence):
    assert evidence.at_paper() is evidence.at_paper()
    assert evidence.view_as_of(date(2019, 1, 1)) is not evidence.at_paper()
    later = evidence.view_as_of(date(2019, 1, 1))
    assert later.observations["year"].max() == paper.last_full_year_known(date(2019, 1, 1))
    assert later.source("imf-dots")["publisher"] == evidence.source("imf-dots")["publisher"]


@SETTINGS
@given(
    seed=st.integers(0, 2**32 - 1),
    fraction=st.floats(0.05, 1.0),
    series_id=st.sampled_from(["merchandise_exports", "merchandise_imports", "gdp_current_usd", "gdp_growth"]),
    entity=st.sampled_from([None, "RUS", "CHN", "KAZ"]),
)
def test_series_does_not_depend_on_row_order(evidence, seed, fraction, series_id, entity):
    """series() on a shuffled subset of rows = series() on all rows, restricted to that subset."""
    subset = evidence.observations.sample(frac=fraction, random_state=seed)
    ev = with_tables(evidence, observations=subset.reset_index(drop=True))
    got = ev.series(series_id, entity=entity)
    full = evidence.series(series_id, entity=entity)
    key = ["series_id", "entity", "counterpart", "year", "source_id"]
    kept = pd.MultiIndex.from_frame(full[key]).isin(pd.MultiIndex.from_frame(subset[key]))
    pd.testing.assert_frame_equal(got, full[kept].reset_index(drop=True))


# --- views as of a date --------------------------------------------------------------


def test_at_paper_hides_what_came_later(evidence):
    view = evidence.at_paper()
    assert view.as_of == paper.DATE == date(2017, 6, 28)
    assert view.observations["year"].max() == 2016
    assert (evidence.observations["year"] > 2016).any()  # so the filter did something
    ends = view.events["date"].map(period_end)
    assert (ends <= pd.Timestamp(paper.DATE)).all()
    assert len(view.events) < len(evidence.events)
    assert "yamal-lng-first-cargo" not in set(view.events["event_id"])  # dated 2017-12
    assert "eaeu-vietnam-fta-in-force" in set(view.events["event_id"])  # 2016-10-05
    # The view's accessors see the view, not the latest data.
    assert view.series(EXPORTS)["year"].max() == 2016
    assert view.value(EXPORTS, "RUS", "CHN", 2018) is None
    assert evidence.value(EXPORTS, "RUS", "CHN", 2018) is not None


def test_events_dated_by_year_or_month_count_at_the_period_end(evidence):
    dated = {
        "year-2017": "2017",
        "month-2017-06": "2017-06",
        "month-2017-05": "2017-05",
        "day-paper": "2017-06-28",
        "day-after": "2017-06-29",
        "year-2016": "2016",
    }
    ev = with_tables(evidence, events=event_rows(evidence, dated))
    kept = set(ev.at_paper().events["event_id"])
    assert kept == {"month-2017-05", "day-paper", "year-2016"}


@pytest.mark.parametrize(
    ("period", "end"),
    [
        ("2017", date(2017, 12, 31)),
        ("2016-02", date(2016, 2, 29)),  # leap year
        ("2000-02", date(2000, 2, 29)),  # leap year (divisible by 400)
        ("2017-02", date(2017, 2, 28)),
        ("2100-02", date(2100, 2, 28)),  # not a leap year (divisible by 100)
        ("2017-06", date(2017, 6, 30)),
        ("2017-12", date(2017, 12, 31)),
        ("2017-06-28", date(2017, 6, 28)),
        ("2016-02-29", date(2016, 2, 29)),
    ],
)
def test_period_end(period, end):
    got = period_end(period)
    assert isinstance(got, pd.Timestamp)
    assert got == pd.Timestamp(end)


@SETTINGS
@given(when=st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)))
def test_a_view_holds_exactly_what_was_known_on_its_date(evidence, when):
    view = evidence.view_as_of(when)
    assert view.as_of == when
    years = view.observations["year"]
    assert (years < when.year).all()
    assert len(view.observations) == int((evidence.observations["year"] < when.year).sum())
    ends = view.events["date"].map(period_end)
    assert (ends <= pd.Timestamp(when)).all()
    all_ends = evidence.events["date"].map(period_end)
    assert len(view.events) == int((all_ends <= pd.Timestamp(when)).sum())
    # A later date never knows less.
    later = evidence.view_as_of(when + timedelta(days=200))
    assert set(view.events["event_id"]) <= set(later.events["event_id"])
    assert len(view.observations) <= len(later.observations)


# --- project status ------------------------------------------------------------------


def test_project_status_follows_the_latest_event(evidence):
    status = evidence.project_status().set_index("project")
    assert list(evidence.project_status().columns) == [
        "project",
        "theme",
        "status",
        "date",
        "event_id",
        "title",
        "n_events",
    ]
    assert status.loc["eaeu-treaty", "status"] == "in force"
    assert status.loc["eaeu-treaty", "n_events"] == 2
    before = evidence.view_as_of(date(2014, 10, 1)).project_status().set_index("project")
    assert before.loc["eaeu-treaty", "status"] == "signed"
    assert before.loc["eaeu-treaty", "event_id"] == "eaeu-treaty-signed"
    assert before.loc["eaeu-treaty", "n_events"] == 1
    assert "eaeu-vietnam-fta" not in before.index  # signed only in 2015


def test_project_status_for_every_signed_then_in_force_project(evidence):
    events = evidence.events.assign(end=evidence.events["date"].map(period_end))
    checked = 0
    for project, group in events.groupby("project"):
        signed = group[group["status"] == "signed"]["end"]
        in_force = group[group["status"] == "in force"]["end"]
        if signed.empty or in_force.empty or not signed.min() < in_force.max():
            continue
        between = (signed.min() + (in_force.max() - signed.min()) / 2).date()
        if (group["end"] > pd.Timestamp(between)).sum() != 1 or in_force.max() != group["end"].max():
            continue  # another event in between would set another status
        latest = evidence.project_status().set_index("project")
        middle = evidence.view_as_of(between).project_status().set_index("project")
        assert latest.loc[project, "status"] == "in force", project
        assert middle.loc[project, "status"] == "signed", project
        checked += 1
    assert checked >= 2  # eaeu-treaty, eaeu-vietnam-fta, rus-prk-partnership-treaty


def test_project_status_does_not_depend_on_row_order(evidence):
    dated = {"b-signed": "2015-03-01", "a-in-force": "2015-11", "c-announced": "2014"}
    rows = event_rows(evidence, dated)
    rows["status"] = ["signed", "in force", "announced"]
    ev = with_tables(evidence, events=rows.iloc[::-1].reset_index(drop=True))
    status = ev.project_status().set_index("project").loc["test-project"]
    assert (status["status"], status["event_id"], status["n_events"]) == ("in force", "a-in-force", 3)
    mid = ev.view_as_of(date(2015, 11, 15)).project_status().set_index("project").loc["test-project"]
    assert mid["status"] == "signed"  # '2015-11' counts on 30 November


# --- lookups -------------------------------------------------------------------------


def test_lookups(evidence):
    assert evidence.claim("OVR-01")["theme"] == "overview"
    assert evidence.source(paper.SOURCE_ID)["publisher"].startswith("The National Bureau of Asian Research")
    assert evidence.entity_name("RUS") == "Russian Federation"


@pytest.mark.parametrize(
    ("method", "key", "file"),
    [
        ("claim", "XXX-99", "claims.csv"),
        ("source", "no-such-source", "sources.csv"),
        ("entity_name", "XYZ", "entities.csv"),
    ],
)
def test_unknown_ids_raise_a_clear_key_error(evidence, method, key, file):
    with pytest.raises(KeyError) as caught:
        getattr(evidence, method)(key)
    message = caught.value.args[0]
    assert repr(key) in message and file in message


def test_validation_is_skipped_only_while_files_and_rules_are_as_recorded(data_copy, monkeypatch):
    from helpers.datapackage import validation

    calls = []
    real = validation.validate
    monkeypatch.setattr(validation, "validate", lambda folder: calls.append(folder) or real(folder))
    datapackage.check(data_copy)
    assert calls == []  # the copy's files and rules are those make record recorded
    path = data_copy / "observations.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[5] = lines[5].replace(",", ",,", 1)
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(datapackage.DataValidationError, match="extra-cell"):
        datapackage.check(data_copy)
    assert len(calls) == 1


def test_a_changed_rule_means_validating_again(data_copy, monkeypatch):
    from helpers.datapackage import descriptor

    assert descriptor.changed_files(data_copy) == []
    monkeypatch.setattr(descriptor, "rules_hash", lambda directory=None: "another rule")
    assert descriptor.changed_files(data_copy) == [descriptor.RULES]


def test_a_recorded_file_that_is_gone_counts_as_changed(data_copy):
    (data_copy / "gaps.csv").unlink()
    assert datapackage.changed_files(data_copy) == ["gaps.csv"]
    assert not datapackage.as_recorded(data_copy)
    with pytest.raises(datapackage.DataValidationError, match="gaps.csv"):
        datapackage.check(data_copy)  # validated, not skipped: the missing file is named


def test_recording_unchanged_data_validates_nothing_again(data_copy, monkeypatch, capsys):
    from helpers.cli import validate

    calls = []
    real = datapackage.validate
    monkeypatch.setattr(datapackage, "validate", lambda folder: calls.append(folder) or real(folder))
    assert validate.main(["--record", str(data_copy)]) == 0
    assert calls == [] and "nothing to record" in capsys.readouterr().out
    from helpers.claims import coverage

    with monkeypatch.context() as patched:  # the claim code is not hashed: its needs are checked again
        patched.setattr(coverage, "problems", lambda evidence, file: ["a claim reads a series the data lack"])
        assert validate.main(["--record", str(data_copy)]) == 1
    assert "a claim reads a series the data lack" in capsys.readouterr().out
    path = data_copy / "claims.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("Moscow has proposed", "Moscow proposed", 1), "utf-8")
    assert validate.main(["--record", str(data_copy)]) == 0
    assert len(calls) == 1 and datapackage.changed_files(data_copy) == []


# -- the tests' factory of synthetic evidence (conftest.make_evidence) ------------------------


def test_make_evidence_fills_defaults_and_keeps_the_real_columns_and_dtypes(evidence):
    ev = make_evidence(
        evidence,
        [*flows("RUS", "CHN", 2019, 10.0, 5.0), ("gdp_growth", "RUS", "-", 2019, 1.5, "wb-wdi-gdp-growth", "percent")],
        [("e-1", "2019-06-05")],
        event_defaults={"project": "p", "theme": "russia_china"},
    )
    assert list(ev.observations.columns) == list(evidence.observations.columns)
    assert ev.observations.dtypes.to_dict() == evidence.observations.dtypes.to_dict()
    assert ev.value("merchandise_imports", "RUS", "CHN", 2019) == 5.0
    first, growth = ev.observations.iloc[0], ev.observations.iloc[2]
    assert (first["unit"], first["source_id"], pd.isna(first["note"])) == ("US$ million", "imf-dots", True)
    assert (growth["unit"], growth["source_id"]) == ("percent", "wb-wdi-gdp-growth")
    event = ev.events.iloc[0]
    assert (event["event_id"], event["project"], event["theme"], event["status"]) == (
        "e-1",
        "p",
        "russia_china",
        "signed",
    )
    assert make_evidence(evidence, events=[]).observations is evidence.observations  # None keeps the real table


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([("merchandise_exports", "RUS", "CHN", 2019, 1.0, "s", "US$ million", pd.NA, "extra")], "row 0 has 9 values"),
        ([{"series": "merchandise_exports"}], r"row 0: no field \['series'\]"),
    ],
)
def test_make_evidence_refuses_a_row_it_cannot_place(evidence, rows, message):
    with pytest.raises(ValueError, match=message):
        make_evidence(evidence, rows)
