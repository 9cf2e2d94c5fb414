"""The live controls: options from the declared alternatives, outcomes from the chosen rule."""

from dataclasses import dataclass

import pytest

from helpers import claims, controls
from helpers.claims import registry
from helpers.claims.registry import Assessment, Verdict


@dataclass(frozen=True)
class BarRule:
    """A one-field rule for these tests."""

    bar: float = 10.0


def _judge(ev, rule):
    verdict = Verdict.SUPPORTED if 12.0 >= rule.bar else Verdict.CONTRADICTED
    return Assessment(verdict, 12.0, 2016, f"12 against a bar of {rule.bar} <b>")


@pytest.fixture
def toy(monkeypatch):
    monkeypatch.setattr(registry, "_REGISTRY", {})
    claims.claim_test("RCH-03", metric="m", unit="u", rule=BarRule, alternatives={"bar": {20.0: "A higher bar."}})(
        _judge
    )


def test_options_put_the_published_value_first(toy):
    assert controls.options("RCH-03") == {"bar": [("10.0 (published rule)", 10.0), ("20.0", 20.0)]}


def test_outcome_follows_the_chosen_rule_and_escapes_text(toy, evidence):
    published = controls.outcome_html("RCH-03", evidence)
    raised = controls.outcome_html("RCH-03", evidence, bar=20.0)
    assert "the published rule" in published and "<td>supported</td>" in published
    assert "bar = 20.0" in raised and "<td>contradicted</td>" in raised
    assert "<b>" not in raised and "&lt;b&gt;" in raised


def test_static_runs_show_the_published_outcome_without_widgets(toy, evidence, monkeypatch, capsys):
    shown = []
    monkeypatch.setenv(controls.STATIC_ENV, "1")
    monkeypatch.setattr(controls, "display", shown.append)
    controls.explore("RCH-03", evidence)
    assert len(shown) == 1 and "Open this notebook in JupyterLab" in shown[0].data


def test_live_controls_rejudge_when_a_dropdown_changes(toy, evidence, monkeypatch):
    shown = []
    monkeypatch.delenv(controls.STATIC_ENV, raising=False)
    monkeypatch.setattr(controls, "display", shown.append)
    controls.explore("RCH-03", evidence)
    box = shown[0]
    dropdown, outcome = box.children
    assert "<td>supported</td>" in outcome.value
    dropdown.value = 20.0
    assert "<td>contradicted</td>" in outcome.value
