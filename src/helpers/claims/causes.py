"""Claim tests: the causal claims (key point 3 and abstract sentence 8: the political system as the cause)."""

from __future__ import annotations

from .registry import not_testable

not_testable(
    "CAUSE-01",
    reason="A single-cause claim (the political system is the main reason) cannot be read off a series: "
           "sanctions, oil prices and partners' choices move the same outcomes.",
    would_settle="a comparison with resource exporters under other political systems, or process tracing of "
                 "stalled projects to Russian-side causes (regulation, property rights, corruption).",
    module=__name__,
)
