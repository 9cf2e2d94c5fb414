"""Robustness checks: every defensible specification of a claim's rule, judged on both views.

:func:`specifications` lists every combination of the alternatives a claim test declares
(:func:`~helpers.claims.registry.claim_test`), :func:`robustness` judges the claim under each
of them and :func:`robustness_summary` says per claim how many agree and what flips the verdict.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
from dataclasses import dataclass

import pandas as pd

from ..data import Evidence
from .registry import get, judge, registered


@dataclass(frozen=True)
class Specification:
    """One defensible variant of a claim's rule: its label, the rule, and why one might choose it."""

    claim_id: str
    label: str
    rule: object
    changes: tuple[tuple[str, object], ...]
    why: str

    @property
    def is_default(self) -> bool:
        return not self.changes


def specifications(claim_id: str) -> list[Specification]:
    """Every combination of the declared alternatives of ``claim_id``'s rule, default first.

    Each field takes its default or one of its alternatives; the label names the fields that
    differ from the default ("default rule" for none), and ``why`` joins their reasons.
    """
    test = get(claim_id)
    default = test.rule()
    fields = list(test.alternatives)
    choices = [
        [(name, getattr(default, name), None)] + [(name, v, why) for v, why in test.alternatives[name].items()]
        for name in fields
    ]
    found = []
    for combo in itertools.product(*choices):
        changes = tuple((name, value) for name, value, why in combo if why is not None)
        rule = dataclasses.replace(default, **dict(changes)) if changes else default
        label = "; ".join(f"{name}={_show(value)}" for name, value in changes) or "default rule"
        why = " ".join(why for _, _, why in combo if why is not None) or "The published rule."
        found.append(Specification(claim_id, label, rule, changes, why))
    return found


def _show(value: object) -> str:
    if isinstance(value, tuple):
        return "+".join(map(str, value)) if value else "none"
    return str(value)


def robustness(evidence: Evidence, claim_ids: list[str] | None = None) -> pd.DataFrame:
    """Every specification of every testable claim, judged on both views.

    One row per claim, specification and view ("as of the paper", "latest"). Columns:
    claim_id, specification (label), view, verdict, value, year (last year of data used),
    is_default, changes (the fields that differ from the default, as text), why.
    """
    ids = [c for c in (claim_ids or registered()) if get(c).testable]
    views = (("as of the paper", evidence.at_paper()), ("latest", evidence))
    rows = []
    for claim_id in ids:
        for spec in specifications(claim_id):
            for view, data in views:
                outcome = judge(claim_id, data, spec.rule)
                rows.append(
                    {
                        "claim_id": claim_id,
                        "specification": spec.label,
                        "view": view,
                        "verdict": str(outcome.verdict),
                        "value": outcome.value,
                        "year": outcome.year,
                        "is_default": spec.is_default,
                        "changes": json.dumps([[n, _show(v)] for n, v in spec.changes]),
                        "why": spec.why,
                    }
                )
    frame = pd.DataFrame(
        rows, columns=["claim_id", "specification", "view", "verdict", "value", "year", "is_default", "changes", "why"]
    )
    return frame.astype({"value": "float64", "year": "Int64"})


def robustness_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Per claim and view: the headline verdict, how many specifications agree, what flips it.

    ``table`` is :func:`robustness`'s output. Columns: claim_id, view, headline (the default
    rule's verdict), agree, total, share (agree / total), fragile (some specification gives
    another verdict), flips (the one-field changes that give another verdict, as
    "field=value -> verdict"; if none, the other-verdict specifications with fewest changes).
    """
    rows = []
    for (claim_id, view), group in table.groupby(["claim_id", "view"], sort=True):
        headline = group.loc[group["is_default"], "verdict"].iloc[0]
        others = group[group["verdict"] != headline]
        n_changes = others["changes"].map(lambda text: len(json.loads(text)))
        fewest = others[n_changes == n_changes.min()] if not others.empty else others
        flips = "; ".join(f"{spec} -> {verdict}" for spec, verdict in zip(fewest["specification"], fewest["verdict"]))
        agree = int((group["verdict"] == headline).sum())
        rows.append(
            {
                "claim_id": claim_id,
                "view": view,
                "headline": headline,
                "agree": agree,
                "total": len(group),
                "share": agree / len(group),
                "fragile": not others.empty,
                "flips": flips,
            }
        )
    return pd.DataFrame(rows, columns=["claim_id", "view", "headline", "agree", "total", "share", "fragile", "flips"])
