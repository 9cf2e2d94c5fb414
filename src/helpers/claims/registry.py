"""The registry of claim tests: rules as arguments, both views, every specification.

A claim test is a function ``test(evidence, rule) -> Assessment``. ``rule`` is a frozen
dataclass that holds every choice the test makes (thresholds, windows, base years, whose
statistics, which countries); its defaults are the published rule, documented field by field.
Register a test with :func:`claim_test`, naming its rule class and, for the robustness
analysis, the defensible alternatives to each default; declare a claim that data cannot test
with :func:`not_testable`.

:func:`run` judges a claim on the data as of the paper (what the author could have seen on
28 June 2017) and on the latest data. A variant is an argument, never a patched setting::

    claims.run("CAS-01", ev)              # the published rule
    claims.run("CAS-01", ev, window=1)    # the same rule with one field changed

The declared alternatives are judged in :mod:`helpers.claims.robustness_checks`. Verdicts are
computed, never typed.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum

import pandas as pd

from ..data import Evidence


class Verdict(str, Enum):
    """What the data say about a claim."""

    SUPPORTED = "supported"
    MIXED = "mixed"
    CONTRADICTED = "contradicted"
    NOT_TESTABLE = "not testable with data"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Assessment:
    """The outcome of a claim test on one view of the data."""

    verdict: Verdict
    value: float | None
    year: int | None
    explanation: str

    def __post_init__(self) -> None:
        if not isinstance(self.verdict, Verdict):
            raise TypeError(f"verdict must be a Verdict, got {self.verdict!r}")
        if self.value is not None and not (isinstance(self.value, (int, float)) and math.isfinite(self.value)):
            raise ValueError(f"value must be a finite number or None, got {self.value!r}")
        if not isinstance(self.explanation, str) or not self.explanation.strip():
            raise ValueError("explanation must be a non-empty sentence")
        if self.verdict is not Verdict.NOT_TESTABLE and self.value is None:
            raise ValueError(f"a {self.verdict} verdict needs the metric's value")

    @classmethod
    def no_data(cls, explanation: str) -> Assessment:
        """The data in this view cannot decide the claim (e.g. nothing before 2017)."""
        return cls(Verdict.NOT_TESTABLE, None, None, explanation)


@dataclass(frozen=True)
class NoRule:
    """The rule of a claim that data cannot test: it has no choices."""


#: For each field of a rule: the alternatives a careful analyst might choose instead of the
#: default, each with one line saying why (``{"window": {1: "no smoothing ...", 5: "..."}}``).
Alternatives = Mapping[str, Mapping[object, str]]


@dataclass(frozen=True)
class ClaimTest:
    """A registered test: which claim, what it measures, its rule, and the function that judges."""

    claim_id: str
    metric: str
    unit: str
    func: Callable[[Evidence, object], Assessment]
    theme_module: str
    rule_type: type = NoRule
    alternatives: Alternatives = dataclasses.field(default_factory=dict)

    @property
    def testable(self) -> bool:
        return self.rule_type is not NoRule

    def rule(self, rule: object | None = None, **changes) -> object:
        """The rule to judge with: ``rule`` (default: the published one) with ``changes`` applied."""
        chosen = self.rule_type() if rule is None else rule
        if not isinstance(chosen, self.rule_type):
            raise TypeError(f"{self.claim_id} takes a {self.rule_type.__name__}, not {type(chosen).__name__}")
        if changes:
            names = [f.name for f in dataclasses.fields(self.rule_type)]
            unknown = sorted(set(changes) - set(names))
            if unknown:
                raise TypeError(
                    f"{self.claim_id}'s rule ({self.rule_type.__name__}) has no field "
                    f"{', '.join(map(repr, unknown))}; its fields: {', '.join(names) or 'none'}"
                )
            chosen = dataclasses.replace(chosen, **changes)
        return chosen


@dataclass(frozen=True)
class ClaimResult:
    """A claim test run with one rule on the data as of the paper and on the latest data."""

    claim_id: str
    metric: str
    unit: str
    rule: object
    at_paper: Assessment
    latest: Assessment


_REGISTRY: dict[str, ClaimTest] = {}


def claim_test(
    claim_id: str, *, metric: str, unit: str, rule: type, alternatives: Alternatives | None = None
) -> Callable:
    """Decorator: register ``func(evidence, rule) -> Assessment`` as the test of ``claim_id``.

    ``rule`` is the frozen dataclass of the test's choices (its defaults are the published
    rule); ``alternatives`` the defensible other values of some of its fields, each with why.
    One test per claim; registering a second from another place raises ``ValueError``.
    """
    if not (dataclasses.is_dataclass(rule) and isinstance(rule, type) and rule.__dataclass_params__.frozen):
        raise TypeError(f"{claim_id}: rule must be a frozen dataclass, got {rule!r}")
    checked = _checked_alternatives(claim_id, rule, alternatives or {})

    def register(func: Callable[[Evidence, object], Assessment]) -> Callable[[Evidence, object], Assessment]:
        _add(ClaimTest(claim_id, metric, unit, func, func.__module__, rule, checked))
        return func

    return register


def not_testable(claim_id: str, *, reason: str, would_settle: str, module: str) -> None:
    """Record that data cannot test ``claim_id``: why, and what evidence would settle it."""

    def judge(evidence: Evidence, rule: NoRule) -> Assessment:
        return Assessment.no_data(f"{reason} What would settle it: {would_settle}")

    _add(ClaimTest(claim_id, "none (qualitative claim)", "", judge, module))


def _checked_alternatives(claim_id: str, rule: type, alternatives: Alternatives) -> dict:
    names = {f.name for f in dataclasses.fields(rule)}
    default = rule()
    checked = {}
    for name, options in alternatives.items():
        if name not in names:
            raise ValueError(f"{claim_id}: alternatives name {name!r}, which is not a field of {rule.__name__}")
        for value, why in options.items():
            if not isinstance(why, str) or not why.strip():
                raise ValueError(f"{claim_id}: the alternative {name}={value!r} needs one line saying why")
            if value == getattr(default, name):
                raise ValueError(f"{claim_id}: {name}={value!r} is the default, not an alternative")
        checked[name] = dict(options)
    return checked


def _add(test: ClaimTest) -> None:
    if not isinstance(test.claim_id, str) or not test.claim_id:
        raise ValueError(f"claim id must be a non-empty string, got {test.claim_id!r}")
    previous = _REGISTRY.get(test.claim_id)
    same_origin = previous is not None and (previous.theme_module, previous.func.__qualname__) == (
        test.theme_module,
        test.func.__qualname__,
    )
    if previous is not None and not same_origin:  # re-importing a module may register again
        raise ValueError(f"claim {test.claim_id} already has a test (registered in {previous.theme_module})")
    _REGISTRY[test.claim_id] = test


def registered() -> dict[str, ClaimTest]:
    """All registered tests, by claim id (sorted)."""
    return dict(sorted(_REGISTRY.items()))


def get(claim_id: str) -> ClaimTest:
    """The registered test of ``claim_id`` (``KeyError`` naming the registered ones if none)."""
    if claim_id not in _REGISTRY:
        raise KeyError(
            f"no test is registered for claim {claim_id!r}; registered: {', '.join(sorted(_REGISTRY)) or 'none'}"
        )
    return _REGISTRY[claim_id]


def default_rule(claim_id: str) -> object:
    """The published rule of ``claim_id`` (its rule class with every default)."""
    return get(claim_id).rule()


def judge(claim_id: str, evidence: Evidence, rule: object | None = None, **changes) -> Assessment:
    """Judge ``claim_id`` on one view of the data (``evidence`` as given) with one rule."""
    test = get(claim_id)
    outcome = test.func(evidence, test.rule(rule, **changes))
    if not isinstance(outcome, Assessment):
        raise TypeError(
            f"the test of {claim_id} ({test.theme_module}) returned {type(outcome).__name__}, not an Assessment"
        )
    return outcome


def run(claim_id: str, evidence: Evidence, rule: object | None = None, **changes) -> ClaimResult:
    """Judge ``claim_id`` on the data as of the paper and on the latest data.

    ``rule`` replaces the published rule; keyword arguments change single fields of it
    (``run("CAS-01", ev, window=1)``). The claim must exist in ``data/claims.csv``. If the test
    fails and the data lack a series it reads (:mod:`helpers.claims.coverage`), the error is a
    one-line :class:`~helpers.data.MissingSeriesError` naming the series, not the pandas error.
    """
    from .coverage import require  # imported here: coverage's needs name claims registered by the themes

    test = get(claim_id)
    evidence.claim(claim_id)
    chosen = test.rule(rule, **changes)
    try:
        return ClaimResult(
            claim_id,
            test.metric,
            test.unit,
            chosen,
            at_paper=judge(claim_id, evidence.at_paper(), chosen),
            latest=judge(claim_id, evidence, chosen),
        )
    except Exception:
        require(claim_id, evidence)  # if the data lack a series the test reads: one line naming it
        raise


def rule_fingerprint(claim_id: str) -> dict[str, str]:
    """The published rule of ``claim_id`` as ``{field: value as JSON}`` (for the record of changes)."""
    rule = default_rule(claim_id)
    return {f.name: json.dumps(getattr(rule, f.name), default=list) for f in dataclasses.fields(rule)}


def scorecard(evidence: Evidence, claim_ids: list[str] | None = None) -> pd.DataFrame:
    """One row per claim in ``data/claims.csv``: its verdict as of the paper and now (published rules).

    Claims without a registered test appear with verdict "no test yet", so the scorecard
    always shows every claim. Columns: claim_id, theme, claim, metric, paper_value,
    paper_verdict, latest_value, latest_year, latest_verdict, explanation.
    """
    from .coverage import require_all

    require_all(evidence, claim_ids)  # a claim must not drop out of the card because its data went missing
    claims = evidence.claims.sort_values("claim_id")
    if claim_ids is not None:
        claims = claims[claims["claim_id"].isin(claim_ids)]
    rows = []
    for claim in claims.itertuples(index=False):
        base = {"claim_id": claim.claim_id, "theme": claim.theme, "claim": claim.paraphrase}
        if claim.claim_id not in _REGISTRY:
            rows.append(
                base
                | {
                    "metric": "",
                    "paper_value": None,
                    "paper_verdict": "no test yet",
                    "latest_value": None,
                    "latest_year": None,
                    "latest_verdict": "no test yet",
                    "explanation": "",
                }
            )
            continue
        result = run(claim.claim_id, evidence)
        rows.append(
            base
            | {
                "metric": result.metric,
                "paper_value": result.at_paper.value,
                "paper_verdict": str(result.at_paper.verdict),
                "latest_value": result.latest.value,
                "latest_year": result.latest.year,
                "latest_verdict": str(result.latest.verdict),
                "explanation": result.latest.explanation,
            }
        )
    frame = pd.DataFrame(rows)
    if not frame.empty:
        frame["latest_year"] = frame["latest_year"].astype("Int64")
        frame[["paper_value", "latest_value"]] = frame[["paper_value", "latest_value"]].astype("float64")
    return frame
