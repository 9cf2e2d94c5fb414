"""Tables of the Central Asia notebook that are not part of the CAS-01 test: mirrors, later years, gas.

Each function returns a DataFrame ready to show, with the source ids of every row in a
``sources`` column (ids joined by " + ", :data:`SEP`); :func:`source_ids` collects them for the notebook's
source list. Missing figures are shown as "no data", never as an empty marker.
"""

from __future__ import annotations

import pandas as pd

from . import indicators
from .claims.central_asia import CA5, CentralAsiaRule, bilateral, read_side
from .data import Evidence

NO_DATA = "no data"
#: The published CAS-01 rule, the default of every table that reads the rule.
PUBLISHED = CentralAsiaRule()


#: How a shown table joins the source ids of a row (charts' data join them with "; ").
SEP = " + "


def _ids(item) -> tuple[str, ...]:
    """The source ids of one cell: a tuple of ids, one id, or ids shown as text (either separator)."""
    if isinstance(item, str):
        return indicators.sources_from_text(item.replace(SEP, "; "))
    return indicators.merge_sources(item)


def _text(*ids) -> str:
    return indicators.sources_text(ids, sep=SEP)


def source_ids(*frames: pd.DataFrame) -> set[str]:
    """Every source id in the ``sources`` or ``source_id`` column of the given tables (or charts' data)."""
    found: set[str] = set()
    for frame in frames:
        for column in ("sources", "source_id"):
            if column in frame.columns:
                found.update(*(_ids(item) for item in frame[column]))
    return found


def imf_last_year(evidence: Evidence) -> int:
    """The last year of the IMF's Direction of Trade figures in the data (China-Kazakhstan)."""
    rows = evidence.series("merchandise_exports", entity="CHN", counterpart="KAZ", source_id="imf-dots")
    return int(rows["year"].max())


def mirror_ratios(evidence: Evidence, years: list[int], states: tuple[str, ...] = CA5) -> pd.DataFrame:
    """Each power's recorded exports to (imports from) a state over the state's recorded imports
    from (exports to) it, summed over ``years`` (IMF DOTS); empty where a year is missing."""

    def recorded(series: str, entity: str, counterpart: str) -> float:
        rows = evidence.series(series, entity=entity, counterpart=counterpart, source_id="imf-dots")
        rows = rows[rows["year"].isin(years)]
        return float(rows["value"].sum()) if len(rows) == len(years) else float("nan")

    rows = []
    for s in states:
        row = {"state": evidence.entity_name(s)}
        for power, name in (("CHN", "China"), ("RUS", "Russia")):
            row[f"{name}'s exports ÷ state's imports from {name}"] = recorded(
                "merchandise_exports", power, s
            ) / recorded("merchandise_imports", s, power)
            row[f"{name}'s imports ÷ state's exports to {name}"] = recorded("merchandise_imports", power, s) / recorded(
                "merchandise_exports", s, power
            )
        rows.append(row)
    table = pd.DataFrame(rows).set_index("state")
    return table.sort_values(table.columns[0], ascending=False)


def latest_state_table(evidence: Evidence, rule: CentralAsiaRule = PUBLISHED) -> pd.DataFrame:
    """Each state's part in the rule on both sides: latest window, base window, change (pp)."""
    parts = []
    for side in rule.sides:
        reading = read_side(evidence, side, rule)
        table = reading.table.set_index("state")[["year", "gap_avg", "base_year", "base_gap_avg", "change"]]
        parts.append(table.rename(columns=lambda c, side=side: f"{side}: {c}"))
    out = pd.concat(parts, axis=1)
    out.index = [evidence.entity_name(s) for s in out.index]
    out.index.name = "state"
    return out


def _official_russia(evidence: Evidence, state: str, after: int, choice) -> tuple | None:
    """The latest turnover with Russia after ``after``, from either side; the state's own figure wins a tie."""
    candidates = []
    for reporter, partner, own in ((state, "RUS", True), ("RUS", state, False)):
        found = indicators.turnover(evidence, reporter, partner, published_sources=choice)
        for row in found[found["year"] > after].itertuples():
            candidates.append((int(row.year), own, row.value, row.sources))
    return max(candidates) if candidates else None


def latest_pairs(evidence: Evidence, rule: CentralAsiaRule = PUBLISHED) -> pd.DataFrame:
    """China's customs figure for each state in its latest year against the latest official
    figure for the state's trade with Russia (whoever published it), US$ bn."""
    after = imf_last_year(evidence)
    choice = list(rule.published_sources)
    gac = evidence.series("merchandise_trade", entity="CHN")
    gac = gac[gac["counterpart"].isin(rule.states)]
    last = int(gac["year"].max())
    china_col = f"with China, China's customs {last} (US$ bn)"
    rows = []
    for state in rule.states:
        c = gac[(gac["counterpart"] == state) & (gac["year"] == last)]
        r = _official_russia(evidence, state, after, choice)
        rows.append(
            {
                "state": evidence.entity_name(state),
                china_col: float(c["value"].iloc[0]) / 1000 if len(c) else float("nan"),
                "with Russia, latest official figure (US$ bn)": r[2] / 1000 if r else float("nan"),
                "year of that figure": str(r[0]) if r else NO_DATA,
                "whose figure": (evidence.entity_name(state) if r[1] else "Russia") if r else "none found",
                "sources": _text(c["source_id"], r[3] if r else ()),
            }
        )
    return pd.DataFrame(rows).sort_values(china_col, ascending=False).set_index("state")


def same_reporter_pairs(evidence: Evidence, rule: CentralAsiaRule = PUBLISHED) -> pd.DataFrame:
    """The turnovers a state itself published with both powers for the same year after the IMF
    years, US$ bn, and China's lead (China minus Russia)."""
    after, choice = imf_last_year(evidence), list(rule.published_sources)
    rows = []
    for state in rule.states:
        c = indicators.turnover(evidence, state, "CHN", published_sources=choice)
        r = indicators.turnover(evidence, state, "RUS", published_sources=choice)
        both = c.merge(r, on="year", suffixes=("_c", "_r"))
        for row in both[both["year"] > after].itertuples():
            rows.append(
                {
                    "state": evidence.entity_name(state),
                    "year": int(row.year),
                    "with China (US$ bn)": row.value_c / 1000,
                    "with Russia (US$ bn)": row.value_r / 1000,
                    "China minus Russia (US$ bn)": (row.value_c - row.value_r) / 1000,
                    "sources": _text(row.sources_c, row.sources_r),
                }
            )
    return pd.DataFrame(rows).sort_values(["state", "year"]).set_index(["state", "year"])


def gas_table(evidence: Evidence, russia_source: str = "macro-gazprom-via-tass-2025-12") -> pd.DataFrame:
    """Pipeline gas to China, bcm per year: from Central Asia (with lower bounds flagged) and from
    Russia through Power of Siberia (``russia_source``: Gazprom's own year-by-year series)."""
    ca = evidence.series("pipeline_gas_exports_bcm", entity="CA5", counterpart="CHN").set_index("year")
    ru = evidence.series(
        "pipeline_gas_exports_bcm", entity="RUS", counterpart="CHN", source_id=russia_source
    ).set_index("year")
    out = pd.DataFrame(
        {
            "Central Asia to China (bcm)": ca["value"],
            "lower bound?": ca["note"].fillna("").str.contains("LOWER BOUND").map({True: "yes", False: ""}),
            "Russia to China, Power of Siberia (bcm)": ru["value"],
        }
    )
    out["lower bound?"] = out["lower bound?"].fillna("")
    out["sources"] = [
        _text(a, b) for a, b in zip(ca["source_id"].reindex(out.index), ru["source_id"].reindex(out.index))
    ]
    out.index = out.index.astype(int)
    out.index.name = "year"
    return out


def remittances_from_russia(evidence: Evidence) -> pd.DataFrame:
    """Transfers from Russia (money-transfer systems) beside all remittances received (WDI), US$ bn."""
    from_rus = evidence.series("remittances_from_russia_usd", counterpart="RUS")
    wdi = evidence.series("remittances_received_usd", counterpart="-")
    both = from_rus.merge(wdi, on=["entity", "year"], suffixes=("_rus", "_all"))
    return (
        pd.DataFrame(
            {
                "state": both["entity"].map(evidence.entity_name),
                "year": both["year"],
                "from Russia, money-transfer systems (US$ bn)": both["value_rus"] / 1e9,
                "all remittances received, WDI (US$ bn)": both["value_all"] / 1e9,
                "from Russia ÷ all (%)": 100 * both["value_rus"] / both["value_all"],
                "source (from Russia)": both["source_id_rus"],
                "sources": [_text(a, b) for a, b in zip(both["source_id_rus"], both["source_id_all"])],
            }
        )
        .sort_values(["state", "year"])
        .set_index(["state", "year"])
    )


def partner_usd(evidence: Evidence, state: str, power: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``power``'s reported turnover with ``state`` (or CA5), US$ bn: IMF DOTS years, then published."""
    if state == "CA5":
        dots = indicators.group_turnover(evidence, power, "CA5")[["year", "value", "sources"]]
    else:
        dots = bilateral(evidence, state, power, "partner")
    dots = dots[indicators.only_from(dots["sources"], "imf-dots")]
    later = evidence.series("merchandise_trade", entity=power, counterpart=state)
    later = later[later["year"] > dots["year"].max()].rename(columns={"source_id": "sources"})
    return (dots.assign(value=dots["value"] / 1000), later.assign(value=later["value"] / 1000))


def for_display(frame: pd.DataFrame, digits: dict[str, int], missing: str = NO_DATA) -> pd.DataFrame:
    """A copy with the named number columns as text at fixed ``digits``, and ``missing`` for a gap
    (a reader sees "no data" or an empty cell, never NaN or <NA>)."""
    out = frame.copy()
    for column, places in digits.items():
        out[column] = [missing if pd.isna(v) else f"{v:.{places}f}" for v in out[column]]
    return out
