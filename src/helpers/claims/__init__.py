"""Claim tests: the registry, the robustness checks and one module per theme.

Importing this package registers every theme's tests, so the overview can run them all
without running the themed notebooks::

    from helpers import claims, data
    card = claims.scorecard(data.load())
"""

from __future__ import annotations

from importlib import import_module

from .registry import (
    Assessment,
    ClaimResult,
    ClaimTest,
    NoRule,
    Verdict,
    claim_test,
    default_rule,
    get,
    judge,
    not_testable,
    registered,
    rule_fingerprint,
    run,
    scorecard,
)
from .robustness_checks import Specification, robustness, robustness_summary, specifications

#: Theme modules, in the collection's order. Each registers its claims' tests on import.
THEME_MODULES = (
    "overview",
    "arctic",
    "central_asia",
    "north_korea",
    "asean",
    "eurasian_union",
    "russia_china",
    "causes",
)

for _name in THEME_MODULES:
    import_module(f"{__name__}.{_name}")

__all__ = [
    "Assessment",
    "ClaimResult",
    "ClaimTest",
    "NoRule",
    "Specification",
    "Verdict",
    "claim_test",
    "default_rule",
    "get",
    "judge",
    "not_testable",
    "registered",
    "robustness",
    "robustness_summary",
    "rule_fingerprint",
    "run",
    "scorecard",
    "specifications",
    "THEME_MODULES",
]
