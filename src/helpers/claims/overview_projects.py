"""Russia's documented projects and agreements: which have a Russian party, their kind and status.

Read from ``data/events.csv`` by the overview's OVR-03 test and its chart; no rule's verdict here.
"""

from __future__ import annotations

import re

import pandas as pd

from ..data import Evidence, period_end

#: Statuses that count as a project or agreement carried out, and as one that failed.
REALISED = ("in force", "implemented")
FAILED = ("stalled", "suspended", "cancelled")
#: Kinds that are statements rather than things that can be carried out (kept apart in OVR-03).
STATEMENT_KINDS = ("declaration", "summit")
#: Every kind of event the data package allows (data/datapackage.json, events.kind).
ALL_KINDS = ("agreement", "declaration", "institution", "membership", "project", "summit", "treaty")
#: Parties that make a project one Russia takes part in (the default of OVR-03's rule).
RUSSIAN_SIDE = ("RUS", "EAEU")
#: Title words that mark a statement when the events carry no ``kind`` column.
_STATEMENT_WORDS = re.compile(
    r"\b(summit|declaration|statement|plan of action|programme of action|proposes?|"
    r"strategic partnership)\b",
    re.IGNORECASE,
)


def project_kinds(events: pd.DataFrame) -> pd.Series:
    """Each project's kind (its first event's), indexed by project.

    Uses the events' ``kind`` column when the data have one; otherwise reads the first event's
    title: a summit, declaration, statement, plan or programme of action, proposal or strategic
    partnership is a "declaration", anything else an "agreement".
    """
    ordered = events.assign(_end=events["date"].map(period_end)).sort_values(["project", "_end", "event_id"])
    first = ordered.groupby("project", sort=True).head(1).set_index("project")
    if "kind" in first.columns:
        return first["kind"].astype(str)
    return first["title"].map(lambda title: "declaration" if _STATEMENT_WORDS.search(str(title)) else "agreement")


def russian_projects(evidence: Evidence, russian_side: tuple[str, ...] = RUSSIAN_SIDE) -> pd.DataFrame:
    """Projects with Russia (or the EAEU) among the parties of any of their events.

    Columns: project, theme, status (set by its latest event in this view), date, event_id,
    title, n_events, kind (of its first event; see :func:`project_kinds`).
    """
    events = evidence.events
    side = set(russian_side)
    russian = events[events["parties"].str.split().map(lambda codes: bool(set(codes) & side))]
    status = evidence.project_status()
    out = status[status["project"].isin(set(russian["project"]))].reset_index(drop=True)
    return out.assign(kind=out["project"].map(project_kinds(events)))
