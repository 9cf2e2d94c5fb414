"""Slips a student makes in the data are named where they were made, in one line.

- a figure a thousand times too large (million for billion) in a bilateral row, or too small in
  a world total: ``total-below-parts`` names the edited row, not the row it disagrees with;
- a flow a thousand times off its mirror: ``mirror-anomaly`` names the edited side;
- ``sNaN`` in an integer field: one line, not two;
- a series a claim test reads taken out of the data: ``series-coverage`` names the claim and the
  series, from ``make validate``, from the scorecard and from a claim test that would fail.
"""

import dataclasses

import pytest

from conftest import edit_csv, parse_line, set_cells
from helpers import claims, data, datapackage
from helpers.claims import coverage
from helpers.cli import validate as validate_cli
from helpers.datapackage import plausibility


def _line(folder, series_id, entity, counterpart, year):
    """The spreadsheet row of one observation in a data folder."""
    with open(folder / "observations.csv", encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.startswith(f"{series_id},{entity},{counterpart},{year},"):
                return number
    raise LookupError((series_id, entity, counterpart, year))


def _scale(folder, line, factor):
    value = float(parse_line(folder / "observations.csv", line)["value"])
    set_cells(folder / "observations.csv", line, value=repr(value * factor))


def _problems(folder, capsys):
    assert validate_cli.main([str(folder)]) == 1
    return capsys.readouterr().out.splitlines()


def test_a_bilateral_figure_a_thousand_times_too_large_is_the_row_named(data_copy, capsys):
    edited = _line(data_copy, "merchandise_exports", "RUS", "CHN", 2015)
    world = _line(data_copy, "merchandise_exports", "RUS", "WLD", 2015)
    _scale(data_copy, edited, 1000)
    lines = _problems(data_copy, capsys)
    total = [line for line in lines if "total-below-parts" in line]
    mirror = [line for line in lines if "mirror-anomaly" in line]
    assert len(total) == 1 and total[0].startswith(f"observations.csv, row {edited}, field 'value'")
    assert f"row {world}" in total[0] and "check the unit" in total[0]
    assert len(mirror) == 1 and mirror[0].startswith(f"observations.csv, row {edited}, field 'value'")


def test_a_world_total_a_thousand_times_too_small_is_the_row_named(data_copy, capsys):
    world = _line(data_copy, "merchandise_exports", "RUS", "WLD", 2015)
    _scale(data_copy, world, 0.001)
    [line] = _problems(data_copy, capsys)
    assert line.startswith(f"observations.csv, row {world}, field 'value': total-below-parts:")
    assert "1/1" in line and "neighbouring years" in line


@pytest.mark.parametrize(
    "side, series, entity, counterpart",
    [("exports", "merchandise_exports", "RUS", "CHN"), ("imports", "merchandise_imports", "CHN", "RUS")],
)
def test_a_flow_a_thousand_times_off_its_mirror_is_named_on_the_edited_side(
    evidence, side, series, entity, counterpart
):
    obs = evidence.observations.copy()
    edited = obs.index[
        (obs["series_id"] == series)
        & (obs["entity"] == entity)
        & (obs["counterpart"] == counterpart)
        & (obs["year"] == 2012)
    ][0]
    obs.loc[edited, "value"] /= 1000
    [problem] = plausibility.mirror_anomalies(obs)
    assert problem.row == edited + 2 and problem.field == "value"
    assert f"{entity}'s {side} " in problem.message and "neighbouring years" in problem.message


def test_an_unexplained_mirror_gap_with_no_slip_in_sight_asks_for_a_note(evidence):
    obs = evidence.observations.copy()
    pick = (obs["series_id"] == "merchandise_imports") & (obs["entity"] == "CHN") & (obs["counterpart"] == "RUS")
    obs.loc[pick, "value"] /= 1000  # every year: no year is out of line with its neighbours
    problems = plausibility.mirror_anomalies(obs)
    assert problems and all(p.field == "note" and "MIRROR ANOMALY" in p.message for p in problems)


def test_snan_in_an_integer_field_is_one_line(data_copy):
    edit_csv(
        data_copy / "gaps.csv",
        2,
        lambda line: ",".join("sNaN" if i == 3 else cell for i, cell in enumerate(line.split(","))),
    )
    problems = datapackage.validate(data_copy)
    assert [(p.row, p.field, p.rule) for p in problems] == [(2, "first_year", "type-error")]


# -- series a claim test reads --------------------------------------------------------------------


def _without(evidence, series_id, **where):
    obs = evidence.observations
    drop = obs["series_id"] == series_id
    for column, value in where.items():
        drop &= obs[column] == value
    return dataclasses.replace(evidence, observations=obs[~drop].reset_index(drop=True))


def test_the_real_data_hold_every_series_a_claim_test_reads(evidence):
    assert coverage.problems(evidence) == []
    assert {need.claim_id for need in coverage.NEEDS} <= set(claims.registered())


def test_every_declared_need_is_met_by_rows_that_exist(evidence):
    obs = evidence.observations
    for need in coverage.NEEDS:
        for series, entity, counterpart in need.keys():
            rows = obs[obs["series_id"] == series]
            if entity:
                rows = rows[rows["entity"] == entity]
            if counterpart:
                rows = rows[rows["counterpart"] == counterpart]
            assert not rows.empty, (need.claim_id, series, entity, counterpart)


def test_a_series_taken_out_is_one_line_from_make_validate(data_copy, capsys):
    path = data_copy / "observations.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(
        "".join(line for line in lines if not line.startswith("arctic_lng2_chinese_equity,")), encoding="utf-8"
    )
    [line] = _problems(data_copy, capsys)
    assert line == (
        "observations.csv, field 'series_id': series-coverage: claim ARC-01 reads "
        "'arctic_lng2_chinese_equity', which has no figures at all: restore its rows "
        "(git diff data/observations.csv shows what changed)"
    )


def test_the_years_before_the_paper_taken_out_are_named(evidence):
    ev = dataclasses.replace(
        evidence,
        observations=evidence.observations[
            ~(
                (evidence.observations["series_id"] == "fuel_share_of_exports_to_partner")
                & (evidence.observations["year"] <= 2016)
            )
        ].reset_index(drop=True),
    )
    [problem] = coverage.problems(ev)
    assert (
        "claim RCH-02 reads 'fuel_share_of_exports_to_partner' RUS->CHN, which has no figure up to 2016 (only"
        in problem.message
    )


def test_a_claim_test_that_fails_on_missing_data_names_the_series(evidence):
    ev = _without(evidence, "merchandise_exports")
    with pytest.raises(data.MissingSeriesError, match=r"series-coverage: claim EAEU-02 reads 'merchandise_exports'"):
        claims.run("EAEU-02", ev)


def test_the_scorecard_refuses_to_leave_a_claim_out_quietly(evidence):
    # Without the Arctic LNG 2 stake ARC-01's latest verdict would quietly change.
    with pytest.raises(data.MissingSeriesError, match="claim ARC-01 reads 'arctic_lng2_chinese_equity'") as info:
        claims.scorecard(_without(evidence, "arctic_lng2_chinese_equity"))
    assert "\n" not in str(info.value)
