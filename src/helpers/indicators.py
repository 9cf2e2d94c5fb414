"""Derived numbers (turnover, shares, ratios), computed in code from published figures.

``data/`` stores only what sources publish. Everything here returns a DataFrame that keeps
its inputs and the sources they came from next to the result, so every derived number can
be traced back to its rows in ``data/observations.csv``. Those sources travel as data: a
``sources`` column holds a sorted tuple of source ids per row, merged with
:func:`merge_sources` and turned into text only where a table or CSV is shown
(:func:`sources_text`).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .data import Evidence

EXPORTS, IMPORTS, TURNOVER = "merchandise_exports", "merchandise_imports", "merchandise_trade"


def merge_sources(*columns) -> tuple[str, ...]:
    """The source ids behind one derived number: every id given, sorted, each once.

    Each argument is a source id, a collection of ids (a tuple from another ``sources``
    column, a list, a pandas Series; collections may nest) or missing (None or NA, ignored).
    A string holding several ids joined by "+" or ";" is refused (pass them as a tuple).
    """
    found: set[str] = set()
    for item in columns:
        _collect(item, found)
    return tuple(sorted(found))


def _collect(item, found: set[str]) -> None:
    if isinstance(item, str):
        if "+" in item or ";" in item:
            raise ValueError(f"source id {item!r} looks like several ids joined in a string; pass them as a tuple")
        if item.strip():
            found.add(item)
    elif isinstance(item, Iterable):
        for part in item:
            _collect(part, found)
    elif item is not None and not pd.isna(item):
        raise TypeError(f"a source id must be a string, got {type(item).__name__}: {item!r}")


def only_from(sources: pd.Series, source_id: str) -> pd.Series:
    """Which rows of a ``sources`` column rest on ``source_id`` alone (a boolean Series)."""
    return pd.Series([merge_sources(ids) == (source_id,) for ids in sources], index=sources.index, dtype=bool)


def sources_text(ids, sep: str = "; ") -> str:
    """Source ids as text for a table or a CSV (chart data, the site): sorted, unique, joined by ``sep``."""
    return sep.join(merge_sources(ids))


def sources_from_text(texts, sep: str = "; ") -> tuple[str, ...]:
    """The source ids in shown text (the inverse of :func:`sources_text`): one text or a collection of them."""
    texts = [texts] if isinstance(texts, str) else texts
    return merge_sources(*(str(text).split(sep) for text in texts if isinstance(text, str)))


def turnover(
    evidence: Evidence,
    reporter: str,
    partner: str,
    *,
    include_published: bool = True,
    published_sources: tuple[str, ...] | list[str] = (),
) -> pd.DataFrame:
    """Merchandise trade turnover (exports + imports) as reported by ``reporter``.

    For a year with both flows reported (IMF DOTS), turnover is their sum. For a year
    without them, a published turnover figure is used if the data hold one (unless
    ``include_published`` is False). If two sources publish different turnovers for the same
    year, ``published_sources`` (source ids, most preferred first) decides; without it, an
    :class:`~helpers.data.AmbiguousSourceError` names the year and the candidates, because
    choosing between sources is the analyst's call. Columns: year, value (US$ million),
    basis ("exports + imports" or "published turnover"), sources (a tuple of source ids).
    Years with neither are absent, never filled.
    """
    key = (reporter, partner, include_published, tuple(published_sources))
    return evidence.remember("turnover", key, lambda: _turnover(evidence, *key))


def _turnover(
    evidence: Evidence, reporter: str, partner: str, include_published: bool, published_sources: tuple[str, ...]
) -> pd.DataFrame:
    # Plain dictionaries rather than merges: the series are short, and this runs for every pair.
    exports = evidence.series(EXPORTS, entity=reporter, counterpart=partner)
    imports = evidence.series(IMPORTS, entity=reporter, counterpart=partner)
    imported = {int(y): (v, s) for y, v, s in zip(imports["year"], imports["value"], imports["source_id"])}
    rows = {}
    for year, value, source in zip(exports["year"], exports["value"], exports["source_id"]):
        if int(year) in imported:
            other_value, other_source = imported[int(year)]
            rows[int(year)] = (value + other_value, "exports + imports", merge_sources(source, other_source))
    if include_published:
        published = _published(evidence, reporter, partner, list(published_sources))
        for year, value, source in zip(published["year"], published["value"], published["source_id"]):
            rows.setdefault(int(year), (value, "published turnover", merge_sources(source)))
    years = sorted(rows)
    return pd.DataFrame(
        {
            "year": pd.array(years, dtype="Int64"),
            "value": pd.array([rows[y][0] for y in years], dtype="float64"),
            "basis": pd.array([rows[y][1] for y in years], dtype="str"),
            "sources": pd.Series([rows[y][2] for y in years], dtype="object"),
        }
    )


def _published(evidence: Evidence, reporter: str, partner: str, preference: list[str]) -> pd.DataFrame:
    """Published turnover rows, one per year, chosen by ``preference`` where sources differ."""
    from .data import AmbiguousSourceError

    rows = evidence.series(TURNOVER, entity=reporter, counterpart=partner, all_sources=True)
    chosen = []
    for year, group in rows.groupby("year", sort=True):
        if len(group) == 1:
            chosen.append(group)
            continue
        ranked = [s for s in preference if s in set(group["source_id"])]
        if not ranked:
            raise AmbiguousSourceError(
                f"{reporter}->{partner} {year}: several published turnovers "
                f"({', '.join(f'{r.source_id}: {r.value:g}' for r in group.itertuples())}); "
                "pass published_sources=[...] (most preferred first) to choose, and say why in the notebook"
            )
        chosen.append(group[group["source_id"] == ranked[0]])
    return pd.concat(chosen, ignore_index=True) if chosen else rows.iloc[0:0]


def trade_share(
    evidence: Evidence,
    reporter: str,
    partner: str,
    *,
    basis: str = "dots",
    published_sources: tuple[str, ...] | list[str] = (),
) -> pd.DataFrame:
    """``partner``'s share of ``reporter``'s merchandise trade, in percent, per year.

    Both the bilateral and the total figure are the reporter's own, on the same basis:
    ``basis="dots"`` (default) uses only years with both flows reported separately (exports
    + imports: the IMF DOTS years 2000-2020, and later years where an official release splits
    the flows); ``basis="any"`` also uses years in which both figures are published turnovers
    (choose between conflicting sources with ``published_sources``). Columns: year, partner_trade,
    total_trade (US$ million), share (percent), basis, sources.
    """
    if basis not in ("dots", "any"):
        raise ValueError(f"basis must be 'dots' or 'any', got {basis!r}")
    published, chosen = basis == "any", tuple(published_sources)
    pair = turnover(evidence, reporter, partner, include_published=published, published_sources=chosen)
    total = turnover(evidence, reporter, "WLD", include_published=published, published_sources=chosen)
    return share_of_total(pair, total)


def share_of_total(pair: pd.DataFrame, total: pd.DataFrame) -> pd.DataFrame:
    """A bilateral turnover as a percentage of a total turnover (both from :func:`turnover`,
    so each has one row per year).

    Only years in which both are on the same basis are kept, in ``pair``'s order. Columns:
    year, partner_trade, total_trade (US$ million), share (percent), basis, sources.
    """
    # Plain dictionaries rather than a merge, as in _turnover: the robustness checks call this
    # some five hundred times, and a merge of two short tables costs more than its arithmetic.
    totals = {int(y): (v, b, s) for y, v, b, s in zip(total["year"], total["value"], total["basis"], total["sources"])}
    rows = [
        (year, value, totals[int(year)][0], basis, merge_sources(sources, totals[int(year)][2]))
        for year, value, basis, sources in zip(pair["year"], pair["value"], pair["basis"], pair["sources"])
        if int(year) in totals and totals[int(year)][1] == basis
    ]
    out = pd.DataFrame(
        {
            "year": pd.array([r[0] for r in rows], dtype="Int64"),
            "partner_trade": pd.array([r[1] for r in rows], dtype="float64"),
            "total_trade": pd.array([r[2] for r in rows], dtype="float64"),
            "basis": pd.array([r[3] for r in rows], dtype=pair["basis"].dtype),
            "sources": pd.Series([r[4] for r in rows], dtype="object"),
        }
    )
    out.insert(3, "share", 100 * out["partner_trade"] / out["total_trade"])
    return out


def asymmetry(
    evidence: Evidence,
    a: str = "RUS",
    b: str = "CHN",
    *,
    basis: str = "dots",
    published_sources: tuple[str, ...] | list[str] = (),
) -> pd.DataFrame:
    """How much more ``b`` matters to ``a``'s trade than ``a`` to ``b``'s, per year.

    ratio = (b's share of a's trade) / (a's share of b's trade). A ratio of 5 means b's
    weight in a's trade is five times a's weight in b's. Columns: year, share_b_in_a,
    share_a_in_b (percent), ratio.
    """
    in_a = trade_share(evidence, a, b, basis=basis, published_sources=published_sources)[["year", "share"]].rename(
        columns={"share": f"share_{b}_in_{a}"}
    )
    in_b = trade_share(evidence, b, a, basis=basis, published_sources=published_sources)[["year", "share"]].rename(
        columns={"share": f"share_{a}_in_{b}"}
    )
    merged = in_a.merge(in_b, on="year")
    merged["ratio"] = merged[f"share_{b}_in_{a}"] / merged[f"share_{a}_in_{b}"]
    return merged.reset_index(drop=True)


def members(evidence: Evidence, group: str) -> list[str]:
    """The member codes of a group in ``entities.csv`` (sorted)."""
    rows = evidence.entities[evidence.entities["code"] == group]
    if rows.empty or pd.isna(rows["members"].iloc[0]):
        raise KeyError(f"{group!r} is not a group with members in data/entities.csv")
    return sorted(str(rows["members"].iloc[0]).split())


def group_turnover(evidence: Evidence, reporter: str, group: str) -> pd.DataFrame:
    """``reporter``'s trade with a group, as the sum of its trade with each member.

    Only years in which every member has a figure are kept (a partial sum would look like a
    fall). Columns: year, value (US$ million), n_members, sources.
    """
    codes = [c for c in members(evidence, group) if c != reporter]
    parts = []
    for code in codes:
        part = turnover(evidence, reporter, code, include_published=False)
        part = part[part["basis"] == "exports + imports"].assign(member=code)
        parts.append(part)
    stacked = (
        pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["year", "value", "member", "sources"])
    )
    grouped = stacked.groupby("year", sort=True).agg(
        value=("value", "sum"),
        n_members=("member", "nunique"),
        sources=("sources", merge_sources),
    )
    complete = grouped[grouped["n_members"] == len(codes)].reset_index()
    complete["year"] = complete["year"].astype("Int64")
    return complete


def intra_group_exports(evidence: Evidence, group: str) -> pd.DataFrame:
    """Trade among a group's members: the sum of each member's reported exports to the others.

    Exports (FOB) are used rather than exports plus imports so each flow is counted once.
    Only years in which every ordered pair of members has a figure are kept. Columns: year,
    value (US$ million), n_pairs.
    """
    codes = members(evidence, group)
    exports = evidence.series(EXPORTS)
    pairs = exports[
        exports["entity"].isin(codes)
        & exports["counterpart"].isin(codes)
        & (exports["entity"] != exports["counterpart"])
    ]
    grouped = pairs.groupby("year", sort=True).agg(value=("value", "sum"), n_pairs=("value", "size"))
    needed = len(codes) * (len(codes) - 1)
    complete = grouped[grouped["n_pairs"] == needed].reset_index()
    complete["year"] = complete["year"].astype("Int64")
    return complete


def mirror_trade(
    evidence: Evidence,
    reporter: str = "RUS",
    partner: str = "CHN",
    *,
    published_sources: tuple[str, ...] | list[str] = (),
) -> pd.DataFrame:
    """``reporter``'s merchandise trade with ``partner``, read from ``partner``'s own reports.

    A MIRROR series: the rows stored with entity = ``partner`` and counterpart = ``reporter``
    (the partner's exports plus imports, or its published turnover), relabelled as the
    reporter's trade. It stands in where the reporter publishes nothing by partner (Russia
    after 2021), but it is not the reporter's figure: the partner values imports CIF and
    exports FOB, dates shipments when they cross its own border, and assigns goods in transit
    by its own origin rules. Conflicting published turnovers are chosen with
    ``published_sources`` as in :func:`turnover`. Columns: year, value (US$ million), basis,
    sources, reporter, partner, side ("mirror").
    """
    found = turnover(evidence, partner, reporter, published_sources=published_sources)
    return found.assign(reporter=reporter, partner=partner, side="mirror")
