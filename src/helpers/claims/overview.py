"""Claim tests: the overview (the paper's general claims, abstract sentences 1-4 and 8, key point 1)."""

from __future__ import annotations

from .registry import not_testable

not_testable(
    "OVR-01",
    reason="The claim is about what Russian officials and writers say, which is discourse, not a series.",
    would_settle="a coded sample of official and expert statements on the pivot (Kremlin and Foreign Ministry "
                 "transcripts, Valdai reports), counting how many call it a success, year by year.",
    module=__name__,
)

not_testable(
    "OVR-02",
    reason="The claim is the paper's yardstick (multilateral projects as the 'acid test'): a choice of method, "
           "which can be argued but not measured.",
    would_settle="comparing the verdicts the multilateral yardstick gives with those of bilateral yardsticks "
                 "(arms, energy, diplomacy), claim by claim, across this collection.",
    module=__name__,
)

not_testable(
    "OVR-07",
    reason="The sentence states the paper's scope (opportunities and obstacles of an economic pivot) rather "
           "than a finding.",
    would_settle="nothing: it frames the other claims, which are tested one by one.",
    module=__name__,
)
