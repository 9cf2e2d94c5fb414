"""The record of rule changes (data/rule_changes.csv) agrees with the rules in the code.

For every testable claim, replaying its rows in file order (a '*' row with the whole rule,
then one row per changed field) must give the published rule's fingerprint: a default that
changes without a row fails here.
"""

from __future__ import annotations

import csv
import json

import pytest

from helpers import claims, paths

HEADER = [
    "date",
    "claim_id",
    "field",
    "old",
    "new",
    "reason",
    "paper_verdict_before",
    "paper_verdict_after",
    "latest_verdict_before",
    "latest_verdict_after",
]


def _rows() -> list[dict[str, str]]:
    with open(paths.data_dir() / "rule_changes.csv", encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == HEADER
        return list(reader)


def replay(rows: list[dict[str, str]], claim_id: str) -> dict[str, object] | None:
    """The rule of ``claim_id`` that its rows describe, as {field: value} (None without a '*' row).

    Rows before the claim's '*' row are ignored; a field row must name a field of the rule and
    its ``old`` value must be the value it replaces.
    """
    state = None
    for number, row in enumerate(rows, start=2):
        if row["claim_id"] != claim_id:
            continue
        where = f"rule_changes.csv line {number} ({claim_id}, field {row['field']!r})"
        if row["field"] == "*":
            state = {name: json.loads(value) for name, value in json.loads(row["new"]).items()}
            continue
        if state is None:
            continue
        if row["field"] not in state:
            raise ValueError(f"{where}: the rule has no such field; its fields: {', '.join(sorted(state))}")
        if json.loads(row["old"]) != state[row["field"]]:
            raise ValueError(f"{where}: old value {row['old']} is not the recorded {json.dumps(state[row['field']])}")
        state[row["field"]] = json.loads(row["new"])
    return state


def _testable() -> list[str]:
    return [claim_id for claim_id, test in claims.registered().items() if test.testable]


@pytest.mark.parametrize("claim_id", _testable())
def test_every_testable_claim_has_its_published_rule_on_record(claim_id):
    state = replay(_rows(), claim_id)
    assert state is not None, f"rule_changes.csv has no '*' row for {claim_id}"
    current = {name: json.loads(value) for name, value in claims.rule_fingerprint(claim_id).items()}
    assert state == current, (
        f"{claim_id}: the default rule differs from its record in rule_changes.csv; "
        f"add a row per changed field (recorded {state}, code {current})"
    )


def test_every_row_names_a_registered_claim_with_a_reason():
    registered = claims.registered()
    for number, row in enumerate(_rows(), start=2):
        assert row["claim_id"] in registered, f"rule_changes.csv line {number}: no test for {row['claim_id']}"
        assert row["reason"].strip(), f"rule_changes.csv line {number}: a change needs its reason"
        if row["field"] != "*":
            json.loads(row["old"]), json.loads(row["new"])  # both JSON values


@pytest.mark.parametrize(
    "rows, expected",
    [
        ([], None),
        (
            [{"claim_id": "X-01", "field": "*", "new": json.dumps({"a": "1", "b": "[1, 2]"}), "old": ""}],
            {"a": 1, "b": [1, 2]},
        ),
        (
            [
                {"claim_id": "X-01", "field": "*", "new": json.dumps({"a": "1"}), "old": ""},
                {"claim_id": "Y-01", "field": "a", "new": "5", "old": "1"},
                {"claim_id": "X-01", "field": "a", "new": "2", "old": "1"},
            ],
            {"a": 2},
        ),
        (
            [
                {"claim_id": "X-01", "field": "a", "new": "2", "old": "1"},  # before the '*' row: ignored
                {"claim_id": "X-01", "field": "*", "new": json.dumps({"a": "1"}), "old": ""},
            ],
            {"a": 1},
        ),
    ],
)
def test_replay_applies_rows_in_file_order(rows, expected):
    assert replay(rows, "X-01") == expected


@pytest.mark.parametrize(
    "row, message",
    [
        ({"claim_id": "X-01", "field": "c", "new": "2", "old": "1"}, "no such field"),
        ({"claim_id": "X-01", "field": "a", "new": "2", "old": "7"}, "is not the recorded 1"),
    ],
)
def test_replay_refuses_a_row_that_does_not_follow(row, message):
    star = {"claim_id": "X-01", "field": "*", "new": json.dumps({"a": "1"}), "old": ""}
    with pytest.raises(ValueError, match=message):
        replay([star, row], "X-01")
