"""Claim tests: North Korea (abstract sentence 6: 'losing ground to China ... North Korea').

North Korea reports no trade statistics. The IMF's rows with entity PRK are estimates built
from its partners' reports, so this module reads the partners' own figures instead: China's
and Russia's reported trade with North Korea (IMF DOTS 2000-2020, official turnovers for
2021-2024 where the data hold them). The claim test weighs that trade balance with the one
kind of political evidence the claim names as its strongest counter: a new Russia-North Korea
treaty in force (``data/events.csv``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from .. import indicators, text
from ..data import Evidence
from .registry import Assessment, Verdict, claim_test

PARTNER = "PRK"
#: The two partners compared, in this order.
RIVALS = ("CHN", "RUS")


@dataclass(frozen=True)
class NorthKoreaRule:
    """The DPRK-01 rule: how China's and Russia's own trade figures with North Korea are compared."""

    #: Years pooled into one point: China's and Russia's trade are each summed over the years of
    #: the window in which both have a figure (a ratio of multi-year averages), so one odd year
    #: (the sanctions year, the border closure) weighs by its size and does not decide the verdict.
    window: int = 3
    #: A window counts only if both partners have figures in at least this share of its years
    #: (rounded up; at least one year): a "3-year window" must rest on at least 2 years, so a
    #: single year is not passed off as a window. Later years with too few figures are named in
    #: the explanation, not used.
    min_coverage: float = 0.5
    #: "Keeps growing" is judged against the window ending this many years before the latest
    #: one (a decade: the span of the paper's "steadily").
    trend_years: int = 10
    #: China's trade at least this many times Russia's reads as "overwhelming" (Russia's share of
    #: the two then at most 1 / (1 + 10), about 9%).
    large_multiple: float = 10.0
    #: Russia's weight "rises substantially" if China's multiple falls to this fraction of its
    #: earlier value or below (0.5: Russia's trade relative to China's at least doubles, the mirror
    #: image of a multiple that at least holds for "supported").
    rise_fraction: float = 0.5
    #: Which of each partner's reported flows is compared: "turnover" (exports plus imports, or a
    #: published turnover where there are no IMF rows) or "exports" (each partner's exports to
    #: North Korea only: the flow each controls and reports most fully).
    flow: str = "turnover"
    #: Kinds of Russia-North Korea events that count as political counter-evidence when their
    #: project is in force and entered into force after the earlier window (the claim's own
    #: contradicting evidence names the 2024 treaty).
    counter_kinds: tuple[str, ...] = ("treaty",)

    def __post_init__(self) -> None:
        if self.flow not in ("turnover", "exports"):
            raise ValueError(f"NorthKoreaRule.flow must be 'turnover' or 'exports', got {self.flow!r}")
        if self.window < 1 or self.trend_years < 1:
            raise ValueError(
                f"NorthKoreaRule needs window >= 1 and trend_years >= 1, got {self.window}, {self.trend_years}"
            )
        if not 0 <= self.min_coverage <= 1:
            raise ValueError(f"NorthKoreaRule.min_coverage must be between 0 and 1, got {self.min_coverage}")

    @property
    def min_years(self) -> int:
        """The fewest years with both partners' figures that make a window."""
        return max(1, math.ceil(self.min_coverage * self.window - 1e-9))


def partner_trade(evidence: Evidence, reporter: str, flow: str = "turnover") -> pd.DataFrame:
    """``reporter``'s own figures for its trade with North Korea, one row per year.

    ``flow`` is "turnover" (:func:`helpers.indicators.turnover`:
    exports + imports from the IMF, or a published turnover) or "exports". Columns: year,
    value (US$ million), basis, sources.
    """
    if flow == "turnover":
        return indicators.turnover(evidence, reporter, PARTNER)
    if flow == "exports":
        rows = evidence.series(indicators.EXPORTS, entity=reporter, counterpart=PARTNER)
        return pd.DataFrame(
            {
                "year": rows["year"].astype("Int64"),
                "value": rows["value"],
                "basis": "exports",
                "sources": [indicators.merge_sources(s) for s in rows["source_id"]],
            }
        ).reset_index(drop=True)
    raise ValueError(f"flow must be 'turnover' or 'exports', got {flow!r}")


def balance(evidence: Evidence, flow: str = "turnover") -> pd.DataFrame:
    """China's and Russia's reported trade with North Korea, in the years both have a figure.

    Columns: year, CHN, RUS (US$ million), russia_share (Russia's percent of the two),
    china_multiple (China's trade ÷ Russia's), basis_CHN, basis_RUS, sources.
    """
    frames = []
    for code in RIVALS:
        part = partner_trade(evidence, code, flow)[["year", "value", "basis", "sources"]]
        frames.append(part.rename(columns={"value": code, "basis": f"basis_{code}", "sources": f"sources_{code}"}))
    both = frames[0].merge(frames[1], on="year").sort_values("year").reset_index(drop=True)
    both["russia_share"] = 100 * both["RUS"] / (both["CHN"] + both["RUS"])
    both["china_multiple"] = both["CHN"] / both["RUS"]
    both["sources"] = [indicators.merge_sources(a, b) for a, b in zip(both["sources_CHN"], both["sources_RUS"])]
    return both.drop(columns=["sources_CHN", "sources_RUS"])


def pooled(bal: pd.DataFrame, end_year: int, window: int = 3) -> dict | None:
    """China's and Russia's trade summed over the ``window`` years ending in ``end_year``.

    Only years in ``bal`` (both partners have a figure) count; ``None`` if there are none.
    Returns years (list of the years used), CHN, RUS (sums, US$ million), china_multiple and
    russia_share (percent): the ratio and share of the window's averages.
    """
    rows = bal[(bal["year"] > end_year - window) & (bal["year"] <= end_year)]
    if rows.empty:
        return None
    chn, rus = float(rows["CHN"].sum()), float(rows["RUS"].sum())
    return {
        "years": [int(y) for y in rows["year"]],
        "CHN": chn,
        "RUS": rus,
        "china_multiple": chn / rus if rus > 0 else float("inf"),
        "russia_share": 100 * rus / (chn + rus),
    }


def rolling_share(bal: pd.DataFrame, window: int = 3) -> pd.DataFrame:
    """Russia's pooled share over the ``window`` years ending in each year, where all of them have figures.

    Columns: year, russia_share, china_multiple.
    """
    rows = []
    for year in bal["year"]:
        point = pooled(bal, int(year), window)
        if point is not None and len(point["years"]) == window:
            rows.append(
                {"year": int(year), "russia_share": point["russia_share"], "china_multiple": point["china_multiple"]}
            )
    out = pd.DataFrame(rows, columns=["year", "russia_share", "china_multiple"])
    out["year"] = out["year"].astype("Int64")
    return out


def bilateral_projects(evidence: Evidence) -> pd.DataFrame:
    """Russia-North Korea projects (events whose parties are exactly RUS and PRK) with their status in this view.

    Columns: project, status, date, event_id, title, n_events, kind (of the latest event),
    first_date (of the project's first event).
    """
    columns = ["project", "status", "date", "event_id", "title", "n_events", "kind", "first_date"]
    events = evidence.events
    mask = [sorted(str(p).split()) == sorted(["RUS", PARTNER]) for p in events["parties"]]
    pair = events.loc[pd.Series(mask, index=events.index, dtype=bool)]
    if pair.empty:
        return pd.DataFrame(columns=columns)
    # a project's status depends on its own events only, so the whole view's table can be filtered
    status = evidence.project_status()
    status = status[status["project"].isin(set(pair["project"]))].reset_index(drop=True)
    kinds = pair.set_index("event_id")["kind"]
    first = pair.groupby("project", sort=True)["date"].min().rename("first_date")
    out = status.assign(kind=status["event_id"].map(kinds)).merge(first, on="project", how="left")
    return out[columns].sort_values(["date", "project"]).reset_index(drop=True)


def new_treaties(evidence: Evidence, after_year: int, kinds: tuple[str, ...] = ("treaty",)) -> pd.DataFrame:
    """Russia-North Korea projects of one of ``kinds`` that are in force in this view and entered
    into force after ``after_year`` (the year of the event that put them in force)."""
    projects = bilateral_projects(evidence)
    years = pd.Series([int(str(d)[:4]) for d in projects["date"]], index=projects.index, dtype="int64")
    return projects[
        (projects["status"] == "in force") & projects["kind"].isin(kinds) & (years > after_year)
    ].reset_index(drop=True)


class NotComparable(ValueError):
    """The data in this view cannot give two windows to compare (the reason is the message)."""


def compare(evidence: Evidence, rule: NorthKoreaRule = NorthKoreaRule(), bal: pd.DataFrame | None = None) -> dict:
    """The comparison behind DPRK-01: the latest window, the earlier one, and what each leg says.

    Returns latest and base (as :func:`pooled` gives them), left_out (later years with both
    figures that are too few to make a window), trade (the verdict of trade alone), treaties
    (:func:`new_treaties` after the earlier window) and verdict (both legs weighed). Raises
    :class:`NotComparable` if the view has no two windows to compare. The rule is in
    :func:`china_lead_north_korea`. ``bal`` is :func:`balance` of ``evidence`` with
    ``rule.flow`` if already computed (it saves time when only the windows change).
    """
    bal = balance(evidence, rule.flow) if bal is None else bal
    if len(bal) < 2:
        raise NotComparable("Fewer than two years have both China's and Russia's reported trade with North Korea.")

    def covered(frame: pd.DataFrame) -> list[int]:
        # the years ending a window with figures in at least rule.min_years of its years (what
        # pooled() would count, without a table look-up per year)
        years = [int(y) for y in frame["year"]]
        present = set(years)
        return [y for y in years if sum(k in present for k in range(y - rule.window + 1, y + 1)) >= rule.min_years]

    ends = covered(bal)
    if not ends:
        raise NotComparable(
            f"No {rule.window}-year window has figures from both partners in at least {rule.min_years} of its years."
        )
    latest = pooled(bal, ends[-1], rule.window)
    left_out = [int(y) for y in bal["year"] if y > ends[-1]]
    earlier = bal[bal["year"] < min(latest["years"])]  # the earlier window ends before the latest starts
    earlier_ends = covered(earlier)
    if not earlier_ends:
        raise NotComparable(
            "Only one window of years has both China's and Russia's trade with North Korea: no trend can be judged."
        )
    trend = [y for y in earlier_ends if y <= ends[-1] - rule.trend_years]
    if trend:
        base_end = trend[-1]
    else:  # no figures that early: the earliest window instead
        first = int(earlier["year"].iloc[0]) + rule.window - 1
        base_end = next((y for y in earlier_ends if y >= first), earlier_ends[-1])
    base = pooled(earlier, base_end, rule.window)
    if latest["RUS"] <= 0 or base["RUS"] <= 0:
        raise NotComparable("Russia's reported trade with North Korea is zero in a window: no multiple.")
    multiple, base_multiple = latest["china_multiple"], base["china_multiple"]
    if multiple <= 1 or multiple <= rule.rise_fraction * base_multiple:
        trade = Verdict.CONTRADICTED
    elif multiple >= rule.large_multiple and multiple >= base_multiple:
        trade = Verdict.SUPPORTED
    else:
        trade = Verdict.MIXED
    treaties = new_treaties(evidence, max(base["years"]), rule.counter_kinds)
    verdict = Verdict.MIXED if trade is Verdict.SUPPORTED and not treaties.empty else trade
    return {
        "latest": latest,
        "base": base,
        "left_out": left_out,
        "trade": trade,
        "treaties": treaties,
        "verdict": verdict,
    }


def window_label(point: dict, window: int | None = None) -> str:
    """The years of a pooled window in words: "2023", "2014–2016", or "2021–2023 (2 years with figures)".

    With ``window``, a window short of figures says how many of its years it rests on:
    "2023 (1 of 3 years with figures)".
    """
    years = point["years"]
    if window is not None and len(years) < window:
        first = years[-1] - window + 1
        return f"{text.year_span(first, years[-1])} ({len(years)} of {window} years with figures)"
    if len(years) == 1:
        return str(years[0])
    gaps = "" if len(years) == years[-1] - years[0] + 1 else f" ({len(years)} years with figures)"
    return text.year_span(years[0], years[-1]) + gaps


ALTERNATIVES = {
    "window": {
        1: "Single years: what a reader of one year's statistics sees, shocks and all.",
        5: "Five-year windows: smoother still, at the cost of reaching further back.",
    },
    "min_coverage": {
        0.0: "Any year with both figures makes a window (the rule as first published): the latest is 2023 alone.",
    },
    "trend_years": {
        5: "Half a decade back: 'keeps growing' judged over the years just before each view.",
    },
    "flow": {
        "exports": "Each partner's exports only: the flow it controls and reports most fully.",
    },
}


@claim_test(
    "DPRK-01",
    metric="China's reported trade with North Korea ÷ Russia's (ratio of multi-year averages)",
    unit="ratio",
    rule=NorthKoreaRule,
    alternatives=ALTERNATIVES,
)
def china_lead_north_korea(evidence: Evidence, rule: NorthKoreaRule) -> Assessment:
    """China's and Russia's own figures for trade with North Korea, pooled over ``rule.window`` years.

    Trade: the latest window is the last one in which both partners have figures in at least
    ``rule.min_years`` of its years; it is compared with the window ending ``rule.trend_years``
    earlier (or, if there are no figures that early, the earliest window). Trade says "supported"
    if China's multiple of Russia's is at least ``rule.large_multiple`` and not lower than before;
    "contradicted" if the multiple is 1 or less, or fell to ``rule.rise_fraction`` of its earlier
    value or below (Russia's weight rose substantially); "mixed" otherwise.

    Politics: a Russia-North Korea event of a ``rule.counter_kinds`` kind (a treaty) in force, and
    entered into force after the earlier window, is the counter-evidence the claim itself names.
    It turns a "supported" from trade into "mixed" (trade says China, the treaty says Russia
    gained ground); it does not change a mixed or contradicted verdict.
    """
    try:
        result = compare(evidence, rule)
    except NotComparable as reason:
        return Assessment.no_data(str(reason))
    latest, base = result["latest"], result["base"]

    def years_and(point: dict, words: str) -> str:
        label = window_label(point, rule.window)
        return label[:-1] + f"; {words})" if label.endswith(")") else f"{label} ({words})"

    explanation = (
        f"China's reported trade with North Korea was {text.ratio(latest['china_multiple'])} Russia's in "
        f"{years_and(latest, 'Russia ' + text.pct(latest['russia_share']) + ' of the two')}, against "
        f"{text.ratio(base['china_multiple'])} in {years_and(base, text.pct(base['russia_share']))}: "
        f"trade alone says {result['trade']}."
    )
    if result["left_out"]:
        years = result["left_out"]
        explanation += (
            f" Later years with figures from both ({text.join_words([str(y) for y in years])}) are too few "
            f"for a {rule.window}-year window (at least {rule.min_years} needed) and are left out."
        )
    if result["treaties"].empty:
        explanation += " No new Russia-North Korea treaty is in force in this view."
    else:
        names = text.join_words([f"{row.title.rstrip('.')} ({row.date})" for row in result["treaties"].itertuples()])
        explanation += f" Weighed against it: {names}."
    return Assessment(result["verdict"], float(latest["china_multiple"]), max(latest["years"]), explanation)
