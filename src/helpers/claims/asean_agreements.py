"""The projects of the Southeast Asia theme: each one's signature, latest status and kind, from
``data/events.csv`` (the census of ASEAN-Russia summits and plans of action, and the agreements
and flagship projects with members). Used by both ASEAN claim tests and the notebook's tables."""

from __future__ import annotations

from itertools import groupby

import pandas as pd

from ..data import Evidence, period_end

THEME = "asean"

#: Statuses that show an agreement was signed (a later stage implies the signature).
SIGNED = ("signed", "in force", "implemented")
#: Statuses that count as carried out, and as failed (the vocabulary of data/events.csv).
REALISED = ("in force", "implemented")
FAILED = ("stalled", "suspended", "cancelled")
#: Kinds of a project's first event that make it something that can be carried out. Summits
#: and declarations (plans of action, the strategic partnership) are statements: the events
#: table gives them no later stage, so counting them as "not implemented" would be unfair.
DEAL_KINDS = ("agreement", "project", "treaty")
#: Every kind of first event in the theme: deals and the statements that cannot be carried out.
ALL_KINDS = (*DEAL_KINDS, "declaration", "summit")
#: The first year from which ASEAN-01 counts signatures (its rule's default, repeated here so
#: that the table functions need no rule).
FIRST_YEAR = 2010


#: Short names for charts and tables (fallback: the project id).
SHORT_NAMES = {
    "asean-eec-memorandum": "ASEAN-EEC memorandum",
    "asean-russia-cpa-2005-2015": "Plan of action 2005-2015",
    "asean-russia-cpa-2016-2020": "Plan of action 2016-2020",
    "asean-russia-cpa-2021-2025": "Plan of action 2021-2025",
    "asean-russia-cpa-2026-2030": "Plan of action 2026-2030",
    "asean-russia-hanoi-2010": "Hanoi summit",
    "asean-russia-kl-2025": "Kuala Lumpur summit 2025",
    "asean-russia-kuala-lumpur-2005": "Kuala Lumpur summit 2005",
    "asean-russia-singapore-2018": "Singapore summit",
    "asean-russia-virtual-2021": "Online summit 2021",
    "asean-russia-sochi-2016": "Sochi summit",
    "asean-russia-strategic-partnership": "Strategic partnership",
    "eaeu-indonesia-fta": "EAEU-Indonesia FTA",
    "eaeu-singapore-fta": "EAEU-Singapore FTA",
    "eaeu-vietnam-fta": "EAEU-Vietnam FTA",
    "ninh-thuan-1-npp": "Ninh Thuan 1 nuclear plant",
    "rosneft-pertamina-tuban": "Tuban refinery",
    "rzd-kalimantan-railway": "Kalimantan railway",
}


def short_name(project: str) -> str:
    """A project's short name for charts and tables."""
    return SHORT_NAMES.get(project, project)


def _channel(parties: set[str]) -> str:
    if "EAEU" in parties:
        return "EAEU"
    if "ASEAN" in parties:
        return "Russia with ASEAN"
    return "Russia with one member"


def agreements(evidence: Evidence, theme: str = THEME) -> pd.DataFrame:
    """Every project of the theme in this view, with its signature and its latest status.

    Columns: project, name, kind (of its first event), channel ("Russia with ASEAN", "EAEU" or
    "Russia with one member"), parties, signed (date of the first event with a status in
    ``SIGNED``, or missing), signed_year, status (set by the latest event), status_date, deal
    (True if ``kind`` is in ``DEAL_KINDS``). Sorted by signature date, then project.
    """
    events = evidence.events[evidence.events["theme"] == theme]
    columns = [
        "project",
        "name",
        "kind",
        "channel",
        "parties",
        "signed",
        "signed_year",
        "status",
        "status_date",
        "deal",
    ]
    if events.empty:
        return pd.DataFrame(columns=columns)
    events = events.assign(_end=events["date"].map(period_end)).sort_values(["project", "_end", "event_id"])
    status = {row["project"]: row for row in evidence.project_status().to_dict("records")}
    rows = []
    # plain records: a per-project pandas group costs more than the whole table
    for project, group in groupby(events.to_dict("records"), key=lambda event: event["project"]):
        group = list(group)
        parties = set(" ".join(event["parties"] for event in group).split())
        signed = [event["date"] for event in group if event["status"] in SIGNED]
        first = group[0]
        rows.append(
            {
                "project": project,
                "name": short_name(project),
                "kind": first["kind"],
                "channel": _channel(parties),
                "parties": " ".join(sorted(parties)),
                "signed": signed[0] if signed else pd.NA,
                "signed_year": int(str(signed[0])[:4]) if signed else pd.NA,
                "status": status[project]["status"],
                "status_date": status[project]["date"],
                "deal": first["kind"] in DEAL_KINDS,
            }
        )
    out = pd.DataFrame(rows, columns=columns)
    out["signed_year"] = out["signed_year"].astype("Int64")
    order = out["signed"].fillna("9999").map(period_end)
    return out.assign(_order=order).sort_values(["_order", "project"]).drop(columns="_order").reset_index(drop=True)


def signed_agreements(evidence: Evidence, first_year: int = FIRST_YEAR) -> pd.DataFrame:
    """The agreements signed from ``first_year`` (default: ASEAN-01's) up to the view's date."""
    table = agreements(evidence)
    return table[table["signed_year"].notna() & (table["signed_year"] >= first_year)].reset_index(drop=True)


def deals(evidence: Evidence, countries: tuple[str, ...] = (), kinds: tuple[str, ...] = DEAL_KINDS) -> pd.DataFrame:
    """The signed projects whose first event is of one of ``kinds`` (default: agreements,
    projects and treaties) in this view, whatever their year.

    With ``countries`` given, only those whose parties include one of them or ASEAN as a group
    (of which every member is part).
    """
    table = signed_agreements(evidence, first_year=0)
    table = table[table["kind"].isin(kinds)]
    if countries:
        wanted = set(countries) | {"ASEAN"}
        table = table[table["parties"].str.split().map(lambda codes: bool(set(codes) & wanted))]
    return table.reset_index(drop=True)
