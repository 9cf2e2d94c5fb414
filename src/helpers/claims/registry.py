"""The registry of claim tests.

A claim test is a function of the dataset (an :class:`~helpers.data.Evidence`) that
returns an :class:`Assessment`: a verdict, the value of its metric, the last year of data it
used, and a one-line explanation generated from the numbers. Register one with
:func:`claim_test`; declare a claim that data cannot test with :func:`not_testable`.

The registry runs every test twice: on the data as of the paper (what the author could
have seen on 28 June 2017) and on the latest data. Verdicts are computed, never typed.
"""

from __future__ import annotations

import math
import sys
import types
from collections.abc import Callable
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
class ClaimTest:
    """A registered test: which claim, what it measures, and the function that judges it."""

    claim_id: str
    metric: str
    unit: str
    func: Callable[[Evidence], Assessment]
    theme_module: str

    @property
    def testable(self) -> bool:
        return not getattr(self.func, "not_testable", False)


@dataclass(frozen=True)
class ClaimResult:
    """A claim test run on the data as of the paper and on the latest data."""

    claim_id: str
    metric: str
    unit: str
    at_paper: Assessment
    latest: Assessment


_REGISTRY: dict[str, ClaimTest] = {}


def claim_test(claim_id: str, *, metric: str, unit: str) -> Callable:
    """Decorator: register ``func(evidence) -> Assessment`` as the test of ``claim_id``.

    One test per claim; registering a second raises ``ValueError``.
    """

    def register(func: Callable[[Evidence], Assessment]) -> Callable[[Evidence], Assessment]:
        _add(ClaimTest(claim_id, metric, unit, func, func.__module__))
        return func

    return register


def not_testable(claim_id: str, *, reason: str, would_settle: str, module: str) -> None:
    """Record that data cannot test ``claim_id``: why, and what evidence would settle it."""

    def judge(evidence: Evidence) -> Assessment:
        return Assessment.no_data(f"{reason} What would settle it: {would_settle}")

    judge.not_testable = True  # type: ignore[attr-defined]
    _add(ClaimTest(claim_id, "none (qualitative claim)", "", judge, module))


def _add(test: ClaimTest) -> None:
    if not isinstance(test.claim_id, str) or not test.claim_id:
        raise ValueError(f"claim id must be a non-empty string, got {test.claim_id!r}")
    previous = _REGISTRY.get(test.claim_id)
    same_origin = previous is not None and (previous.theme_module, previous.func.__qualname__) == (
        test.theme_module, test.func.__qualname__)
    if previous is not None and not same_origin:  # re-importing a module may register again
        other = previous.theme_module
        raise ValueError(f"claim {test.claim_id} already has a test (registered in {other})")
    _REGISTRY[test.claim_id] = test


def unregister(claim_id: str) -> None:
    """Remove a test (for experiments in a notebook: re-register a variant afterwards)."""
    _REGISTRY.pop(claim_id, None)


def registered() -> dict[str, ClaimTest]:
    """All registered tests, by claim id (sorted)."""
    return dict(sorted(_REGISTRY.items()))


def run(claim_id: str, evidence: Evidence) -> ClaimResult:
    """Run one claim's test on the data as of the paper and on the latest data."""
    if claim_id not in _REGISTRY:
        raise KeyError(f"no test is registered for claim {claim_id!r}; registered: "
                       f"{', '.join(sorted(_REGISTRY)) or 'none'}")
    evidence.claim(claim_id)  # the claim must exist in data/claims.csv
    test = _REGISTRY[claim_id]
    # Remembered per Evidence, for this test function and the current settings: a notebook
    # that shows a claim in several places runs its test once; an exercise that changes a
    # threshold, or re-registers a variant of the test, gets a fresh run.
    key = (claim_id, test.func, _settings())
    return evidence.remember("claim result", key, lambda: ClaimResult(
        claim_id, test.metric, test.unit, at_paper=_judge(test, evidence.at_paper()), latest=_judge(test, evidence)))


def _settings() -> tuple:
    """What a claim test's result may depend on besides the data, as it is now.

    For every helpers module: each setting (an UPPER_CASE name) as text, and each function by
    identity. Claim tests read their thresholds, windows and country lists from such settings,
    and call such functions; a remembered result is reused only while none of them has been
    changed or replaced (by an exercise, or by a test's monkeypatch).
    """
    found = []
    for name, module in sorted(sys.modules.items()):
        if name == "helpers" or name.startswith("helpers."):
            for attr, value in sorted(vars(module).items()):
                if attr[:1].isalpha() and attr.isupper():
                    found.append((name, attr, repr(value)))
                elif isinstance(value, types.FunctionType):
                    found.append((name, attr, id(value)))
    return tuple(found)


def _judge(test: ClaimTest, evidence: Evidence) -> Assessment:
    outcome = test.func(evidence)
    if not isinstance(outcome, Assessment):
        raise TypeError(f"the test of {test.claim_id} ({test.theme_module}) returned "
                        f"{type(outcome).__name__}, not an Assessment")
    return outcome


def scorecard(evidence: Evidence, claim_ids: list[str] | None = None) -> pd.DataFrame:
    """One row per claim in ``data/claims.csv``: its verdict as of the paper and now.

    Claims without a registered test appear with verdict "no test yet", so the scorecard
    always shows every claim. Columns: claim_id, theme, claim, metric, paper_value,
    paper_verdict, latest_value, latest_year, latest_verdict, explanation.
    """
    claims = evidence.claims.sort_values("claim_id")
    if claim_ids is not None:
        claims = claims[claims["claim_id"].isin(claim_ids)]
    rows = []
    for claim in claims.itertuples(index=False):
        base = {"claim_id": claim.claim_id, "theme": claim.theme, "claim": claim.paraphrase}
        if claim.claim_id not in _REGISTRY:
            rows.append(base | {"metric": "", "paper_value": None, "paper_verdict": "no test yet",
                                "latest_value": None, "latest_year": None, "latest_verdict": "no test yet",
                                "explanation": ""})
            continue
        result = run(claim.claim_id, evidence)
        rows.append(base | {
            "metric": result.metric,
            "paper_value": result.at_paper.value, "paper_verdict": str(result.at_paper.verdict),
            "latest_value": result.latest.value, "latest_year": result.latest.year,
            "latest_verdict": str(result.latest.verdict), "explanation": result.latest.explanation,
        })
    frame = pd.DataFrame(rows)
    if not frame.empty:
        frame["latest_year"] = frame["latest_year"].astype("Int64")
        frame[["paper_value", "latest_value"]] = frame[["paper_value", "latest_value"]].astype("float64")
    return frame
