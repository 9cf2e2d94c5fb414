"""Northern Sea Route figures: one per year by a rule of publishers, and the gap to the official targets.

Several sources often give a figure for the same year of an NSR series (cargo, transit cargo,
the share carried to China); :func:`nsr_candidates` ranks them and :func:`nsr_figures` keeps one
per year. Read by the Arctic claim test and its notebook, and by the overview's targets test.
"""

from __future__ import annotations

import pandas as pd

from ..data import Evidence

#: NSR figures: when several sources give a figure for the same year, the first publisher
#: group in this order wins. Each group is (text matched in the ``publisher`` of sources.csv,
#: a label for prose). The NSR Administration issues the permits and counted cargo in NSR
#: waters; Rosatom has run the route since the NSR Administration came under it, and publishes
#: year-end results; other state bodies (Rosatom subsidiaries, agencies, ministries, a deputy
#: prime minister) quote figures second-hand; CHNL (Nord University) keeps its own tally;
#: anyone else (data firms such as Morvesti) comes last.
NSR_PUBLISHER_ORDER = (
    ("Northern Sea Route Administration", "the NSR Administration"),
    ("State Atomic Energy Corporation Rosatom", "Rosatom itself"),
    ("Rosatom", "a Rosatom subsidiary (Atomflot, Rosatomflot)"),
    ("Federal Agency", "a federal agency"),
    ("Ministry", "a ministry"),
    ("Government", "the government (a minister's statement)"),
    ("Centre for High North Logistics", "CHNL (Nord University)"),
)


def _decimals(value: float) -> int:
    """Decimals shown by a figure as stored (36.254 -> 3, 38.0 -> 0): a proxy for its precision."""
    shown = repr(float(value))
    return 0 if "e" in shown else len(shown.split(".")[1].rstrip("0"))


def publisher_rank(publisher: str) -> int:
    """Rank of a publisher in :data:`NSR_PUBLISHER_ORDER` (0 = preferred); others rank last.

    >>> publisher_rank("Northern Sea Route Administration"), publisher_rank("Morvesti (data)")
    (0, 7)
    """
    for rank, (keyword, _label) in enumerate(NSR_PUBLISHER_ORDER):
        if keyword in publisher:
            return rank
    return len(NSR_PUBLISHER_ORDER)


def publisher_label(publisher: str) -> str:
    """The label of a publisher's group in :data:`NSR_PUBLISHER_ORDER`, or "another publisher".

    >>> publisher_label("State Atomic Energy Corporation Rosatom (Communications Department)")
    'Rosatom itself'
    """
    rank = publisher_rank(publisher)
    return NSR_PUBLISHER_ORDER[rank][1] if rank < len(NSR_PUBLISHER_ORDER) else "another publisher"


def nsr_candidates(evidence: Evidence, series_id: str = "nsr_cargo_mt") -> pd.DataFrame:
    """Every figure of an NSR series (entity RUS), with its publisher, ranked within its year.

    Ranking: publisher group (:func:`publisher_rank`), then the more precise figure (more
    decimals: a rounded "nearly 38" loses to "37.9"), then the later publication (a year-end
    release over an earlier statement). Columns: year, value, source_id, publisher,
    published, rank (1 = chosen by the rule), note.
    """
    obs = evidence.observations
    rows = obs[(obs["series_id"] == series_id) & (obs["entity"] == "RUS")]
    sources = evidence.sources.set_index("source_id")
    out = pd.DataFrame(
        {
            "year": rows["year"].astype(int),
            "value": rows["value"].astype(float),
            "source_id": rows["source_id"],
            "publisher": rows["source_id"].map(sources["publisher"]),
            "published": rows["source_id"].map(sources["published"]).fillna(""),
            "note": rows["note"],
        }
    )
    out["_group"] = out["publisher"].map(publisher_rank)
    out["_precision"] = -out["value"].map(_decimals)
    out = out.sort_values(
        ["year", "_group", "_precision", "published", "source_id"], ascending=[True, True, True, False, True]
    )
    out["rank"] = out.groupby("year").cumcount() + 1
    return out.drop(columns=["_group", "_precision"]).reset_index(drop=True)[
        ["year", "value", "source_id", "publisher", "published", "rank", "note"]
    ]


def nsr_figures(
    evidence: Evidence, series_id: str = "nsr_cargo_mt", *, prefer: dict[int, str] | None = None
) -> pd.DataFrame:
    """One figure per year of an NSR series, chosen by the rule of :func:`nsr_candidates`.

    ``prefer`` maps a year to the source id to use instead (the reader's own choice); a source id
    that gives no figure for that year raises ``KeyError``. Columns: year, value, source_id,
    publisher, n_sources, low, high (the range of all sources' figures for the year).
    """
    candidates = nsr_candidates(evidence, series_id)
    chosen = candidates[candidates["rank"] == 1].set_index("year")
    for year, source_id in (prefer or {}).items():
        pick = candidates[(candidates["year"] == year) & (candidates["source_id"] == source_id)]
        if pick.empty:
            raise KeyError(
                f"{series_id} has no figure for {year} from source {source_id!r}; sources for that "
                f"year: {', '.join(candidates.loc[candidates['year'] == year, 'source_id']) or 'none'}"
            )
        chosen.loc[year] = pick.iloc[0].drop("year")
    spread = candidates.groupby("year").agg(n_sources=("value", "size"), low=("value", "min"), high=("value", "max"))
    out = chosen[["value", "source_id", "publisher"]].join(spread).reset_index()
    out["year"] = out["year"].astype(int)
    return out.sort_values("year").reset_index(drop=True)


def target_gap(evidence: Evidence, *, prefer: dict[int, str] | None = None) -> pd.DataFrame:
    """Official NSR cargo targets next to the outcome chosen by :func:`nsr_figures`.

    Only targets whose year has an outcome. Columns: year, target, outcome, share (outcome as a
    percent of the target), target_source, outcome_source, target_note.
    """
    targets = evidence.series("nsr_cargo_target_mt", entity="RUS", counterpart="-")
    targets = targets.rename(columns={"value": "target", "source_id": "target_source", "note": "target_note"})
    cargo = nsr_figures(evidence, prefer=prefer).rename(columns={"value": "outcome", "source_id": "outcome_source"})
    both = targets[["year", "target", "target_source", "target_note"]].merge(
        cargo[["year", "outcome", "outcome_source"]], on="year"
    )
    both["share"] = 100 * both["outcome"] / both["target"]
    return both[["year", "target", "outcome", "share", "target_source", "outcome_source", "target_note"]]
