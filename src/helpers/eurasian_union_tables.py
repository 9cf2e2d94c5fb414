"""Tables of the Eurasian Economic Union notebook: growth, later trade with Russia, remittances, base years.

Notebook-only tables built from :mod:`helpers.claims.eurasian_union` measures; no verdict reads
them. Source ids travel in a ``sources`` column (joined with "; ").
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from . import claims, indicators, text
from .claims import eurasian_union as eu
from .data import Evidence

#: Later years of each country's trade with Russia: whose side to take. The member's own side
#: first (the chart's lines are its own reports); Belarus from Russia's side, the only side with
#: consecutive years (Belarus's own 2023 figure may include services).
SIDE_CHOICE = {"BLR": "RUS"}
#: Where one side gives two figures for a year, the source preferred (Kazakhstan 2023: the
#: President's, the same official channel as its other years).
PUBLISHED_PREFERENCE = ("trade-kzpres-via-trend-2024",)


def versus(value: float, base: float) -> str:
    """'12.3% below' or '4.5% above': value against base, in words."""
    change = 100 * (value / base - 1)
    return f"{text.pct(abs(change))} {'below' if change < 0 else 'above'}"


def spans(years: list[int]) -> str:
    """A window's years with data, e.g. '2015–2019' or '2015–2019 (4 years)' when one is missing."""
    first, last = min(years), max(years)
    return text.year_span(first, last) + ("" if len(years) == last - first + 1 else f" ({len(years)} years)")


def growth_table(evidence: Evidence, rule: eu.MembersRule, members: tuple[str, ...]) -> pd.DataFrame:
    """Average real GDP growth before and after for the members and the rule's comparators.

    Rows: the comparators (by growth after), then the members (by growth after). Columns:
    code, before, after, change (pp), member (bool), sources.
    """
    rows = []
    for code in (*members, *rule.comparators):
        g = eu.growth_change(evidence, code, rule)
        rows.append(
            {"code": code, "before": g["before"], "after": g["after"], "change": g["change"], "member": code in members}
        )
    table = pd.DataFrame(rows)
    table = pd.concat([table[~table["member"]].sort_values("after"), table[table["member"]].sort_values("after")])
    table["sources"] = indicators.sources_text(evidence.series("gdp_growth")["source_id"])
    return table.reset_index(drop=True)


def member_shares(table: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """:func:`helpers.claims.eurasian_union.member_table` for reading: names, years with data, no flags."""
    shown = table.copy()
    shown["share years before"] = shown["share_years_before"].map(spans)
    shown["share years after"] = shown["share_years_after"].map(spans)
    shown.index = pd.Index([names[m] for m in shown.index], name="member")
    shown = shown.drop(columns=["share_years_before", "share_years_after", "trade_gained", "growth_held"])
    shown.loc[names["RUS"], "outcome"] = "(EAEU-02)"
    return shown


def window_means(frame: pd.DataFrame, column: str, rule) -> tuple[float | None, float | None]:
    """The averages of ``column`` over ``rule.before`` and ``rule.after``."""
    return (
        eu.window_mean(frame, column, rule.before, rule.min_years)[0],
        eu.window_mean(frame, column, rule.after, rule.min_years)[0],
    )


def russia_versus_rest(evidence: Evidence, rule: eu.MembersRule) -> dict:
    """Russia's trade with the other members and with everyone else, averaged over the two periods.

    Russia's own reports (IMF). Keys: union_before, union_after, rest_before, rest_after
    (US$ million) and years_before, years_after (the years of the union averages).
    """
    world = indicators.turnover(evidence, eu.RUSSIA, "WLD", include_published=False)
    pairs = eu.union_share(evidence, eu.RUSSIA).merge(world[["year", "value"]], on="year")
    pairs["rest"] = pairs["value"] - pairs["union_trade"]
    ub, years_b = eu.window_mean(pairs, "union_trade", rule.before)
    ua, years_a = eu.window_mean(pairs, "union_trade", rule.after)
    rb, ra = window_means(pairs, "rest", rule)
    return {
        "union_before": ub,
        "union_after": ua,
        "rest_before": rb,
        "rest_after": ra,
        "years_before": years_b,
        "years_after": years_a,
    }


def remittances(
    evidence: Evidence, codes: tuple[str, ...], rule: eu.MembersRule, names: dict[str, str], members: tuple[str, ...]
) -> pd.DataFrame:
    """Personal remittances received as a share of GDP (World Bank), averaged over the two periods."""
    rem = evidence.series("remittances_received_usd").pivot(index="year", columns="entity", values="value")
    gdp = evidence.series("gdp_current_usd").pivot(index="year", columns="entity", values="value")
    share = (100 * rem / gdp).dropna(how="all")
    rows = []
    for code in codes:
        before, after = window_means(share[code].dropna().rename("pct").reset_index(), "pct", rule)
        rows.append(
            {
                "country": names[code],
                "EAEU member": "yes" if code in members else "no",
                f"{text.year_span(*rule.before)} (% of GDP)": before,
                f"{text.year_span(*rule.after)} (% of GDP)": after,
                "change (pp)": after - before,
            }
        )
    return pd.DataFrame(rows).set_index("country")


def trade_with_russia(
    evidence: Evidence,
    countries: tuple[str, ...],
    since: int,
    *,
    side_choice: dict[str, str] = SIDE_CHOICE,
    preference: tuple[str, ...] = PUBLISHED_PREFERENCE,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each country's trade with Russia: its own IMF reports from ``since``, then official later points.

    Returns ``(lines, points)``. ``lines``: country, year, value (US$ million), sources, the
    country's own IMF figures. ``points``: country, year, value, side (the reporter: the country
    or "RUS"), sources, one per year after the IMF series end, from the country's side first
    (or Russia's, per ``side_choice``), then the other side for years the first does not cover.
    """
    lines, points = [], []
    for code in countries:
        frames = {
            side: indicators.turnover(
                evidence, side, "RUS" if side == code else code, published_sources=list(preference)
            )
            for side in (code, "RUS")
        }
        own = frames[code][indicators.only_from(frames[code]["sources"], "imf-dots")]
        last_dots = int(own["year"].max())
        lines.append(own[own["year"] >= since].assign(country=code))
        taken: set[int] = set()
        for side in [code, "RUS"] if side_choice.get(code) != "RUS" else ["RUS"]:
            later = frames[side][(frames[side]["year"] > last_dots) & ~frames[side]["year"].isin(taken)]
            points += [
                {
                    "country": code,
                    "year": int(r.year),
                    "value": float(r.value),
                    "side": side,
                    "sources": indicators.sources_text(r.sources),
                }
                for r in later.itertuples()
            ]
            taken |= set(later["year"].astype(int))
    line_frame = pd.concat(lines, ignore_index=True)[["country", "year", "value", "sources"]]
    line_frame["year"] = line_frame["year"].astype(int)
    line_frame["sources"] = line_frame["sources"].map(indicators.sources_text)
    return line_frame, pd.DataFrame(points).sort_values(["country", "year"]).reset_index(drop=True)


def multiples(evidence: Evidence, points: pd.DataFrame, base_year: int) -> pd.DataFrame:
    """Each country's latest point against the IMF figure for the same side in ``base_year``.

    Columns (index country): year, value, side, base, multiple.
    """
    rows = []
    for code, pts in points.groupby("country", sort=True):
        last = pts.iloc[-1]
        side = last["side"]
        same = indicators.turnover(evidence, side, "RUS" if side == code else code, include_published=False)
        base = float(same.set_index("year").loc[base_year, "value"])
        rows.append(
            {
                "country": code,
                "year": int(last["year"]),
                "value": float(last["value"]),
                "side": side,
                "base": base,
                "multiple": float(last["value"]) / base,
            }
        )
    return pd.DataFrame(rows).set_index("country")


def other_side_bases(multiples: pd.DataFrame, base_year: int) -> pd.DataFrame:
    """The bases of :func:`multiples` taken from Russia's side (the country's own line lacks them).

    Columns: country, year (``base_year``), value (US$ million), side, sources.
    """
    bases = multiples[multiples["side"] != multiples.index.to_series()]
    return pd.DataFrame(
        {
            "country": bases.index,
            "year": base_year,
            "value": bases["base"].to_numpy(),
            "side": bases["side"].to_numpy(),
            "sources": "imf-dots",
        }
    )


def union_and_china_shares(evidence: Evidence, members: tuple[str, ...]) -> pd.DataFrame:
    """The other members' and China's shares (percent) of each member's trade, as the member reports it.

    Columns: year, share, sources (ids joined by "; "), partner ("other EAEU members" or "China"), member.
    """
    shares = []
    for member in members:
        union = eu.union_share(evidence, member)[["year", "share", "sources"]].assign(partner="other EAEU members")
        china = indicators.trade_share(evidence, member, "CHN")[["year", "share", "sources"]].assign(partner="China")
        shares.append(pd.concat([union, china]).assign(member=member))
    data = pd.concat(shares, ignore_index=True)
    data["year"] = data["year"].astype(int)
    data["sources"] = data["sources"].map(indicators.sources_text)
    return data


def later_points(evidence: Evidence, points: pd.DataFrame, names: dict[str, str]) -> tuple[pd.DataFrame, set[str]]:
    """The later points with their side, and every rival figure for the same pair and year not used.

    Returns the table and the source ids of the rival figures.
    """
    obs = evidence.observations
    trade = obs[obs["series_id"] == indicators.TURNOVER]
    rivals, rival_ids = [], set()
    for row in points.itertuples():
        pair = trade[
            (trade["year"] == row.year)
            & (
                ((trade["entity"] == row.country) & (trade["counterpart"] == "RUS"))
                | ((trade["entity"] == "RUS") & (trade["counterpart"] == row.country))
            )
        ]
        pair = pair[~((pair["entity"] == row.side) & pair["source_id"].isin(indicators.sources_from_text(row.sources)))]
        rival_ids |= set(pair["source_id"])
        rivals.append(
            "; ".join(
                f"{text.usd_million(r.value)} ({'Russia' if r.entity == 'RUS' else names[r.entity]}'s side, {r.source_id})"
                for r in pair.sort_values(["entity", "source_id"]).itertuples()
            )
        )
    table = pd.DataFrame(
        {
            "country": points["country"].map(names),
            "year": points["year"],
            "US$ bn": points["value"] / 1000,
            "side": points["side"].map(lambda s: "Russia's" if s == "RUS" else "the country's own"),
            "source_id": points["sources"],
            "not used": rivals,
        }
    )
    return table, rival_ids


def imf_gaps(evidence: Evidence, members: tuple[str, ...], names: dict[str, str], last_year: int) -> tuple[str, str]:
    """Which members' exports to which others are missing in the IMF data up to ``last_year``, in words,
    and the reason ``data/gaps.csv`` gives."""
    gaps = evidence.gaps
    rows = gaps[
        (gaps["series_id"] == indicators.EXPORTS)
        & gaps["entity"].isin(members)
        & gaps["counterpart"].isin(members)
        & (gaps["first_year"] <= last_year)
    ]
    words = "; ".join(
        f"{names[entity]}'s exports to {names[counterpart]} in "
        + text.join_words(
            [text.year_span(int(r.first_year), int(r.last_year)) for r in part.sort_values("first_year").itertuples()]
        )
        for (entity, counterpart), part in rows.groupby(["entity", "counterpart"], sort=True)
    )
    return words, str(rows["reason"].iloc[0])


def russia_belarus_mismatch(evidence: Evidence, years: tuple[int, int]) -> tuple[int, float, float]:
    """The year in ``years`` in which Russia's reported exports to Belarus fall furthest short of
    Belarus's reported imports from Russia: (year, Russia's figure, Belarus's figure), US$ million."""
    rus = evidence.series(indicators.EXPORTS, entity="RUS", counterpart="BLR", source_id="imf-dots").set_index("year")[
        "value"
    ]
    blr = evidence.series(indicators.IMPORTS, entity="BLR", counterpart="RUS").set_index("year")["value"]
    year = int((rus / blr).dropna().loc[years[0] : years[1]].idxmin())
    return year, float(rus.loc[year]), float(blr.loc[year])


def base_years(evidence: Evidence, rule: eu.MembersRule, start_year: int) -> pd.DataFrame:
    """Both claims' verdicts with the after period starting in ``start_year`` and the two years after."""
    rows = []
    for first in (start_year, start_year + 1, start_year + 2):
        after = (first, rule.after[1])
        a2, a3 = (claims.judge(cid, evidence, after=after) for cid in ("EAEU-02", "EAEU-03"))
        outcomes = eu.member_table(evidence, replace(rule, after=after))["outcome"]
        rows.append(
            {
                "after period": text.year_span(*after),
                "EAEU-02": str(a2.verdict),
                "Russia: share change (pp)": a2.value,
                "EAEU-03": str(a3.verdict),
                "members let down on both": a3.value,
                "members gained on both": int((outcomes == "gained on both").sum()),
            }
        )
    return pd.DataFrame(rows).set_index("after period")


def growth_from(dots: pd.Series, bases: tuple[int, ...], end: int) -> pd.DataFrame:
    """Growth of IMF-basis mutual trade (``dots``: US$ bn by year) to ``end`` from each base year with data."""
    return pd.DataFrame(
        [
            {
                "base year": base,
                "mutual trade in base year (US$ bn)": dots.loc[base],
                f"change to {end}": text.pct_change(100 * (dots.loc[end] / dots.loc[base] - 1)),
            }
            for base in bases
            if base in dots.index
        ]
    ).set_index("base year")
