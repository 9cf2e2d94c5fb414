"""The CAS-01 rule: every choice the Central Asia test makes, with its default and the reason.

Read by the trade shares and the verdict in :mod:`helpers.claims.central_asia`.
"""

from __future__ import annotations

from dataclasses import dataclass

CA5 = ("KAZ", "KGZ", "TJK", "TKM", "UZB")
POWERS = ("CHN", "RUS")
#: How the sides are named in sentences.
SIDE_NAMES = {"reporter": "each state's own reports", "partner": "China's and Russia's own reports"}
DIRECTIONS = ("weighted", "median")


@dataclass(frozen=True)
class CentralAsiaRule:
    """The CAS-01 rule: which trade records, which years, and what counts as losing ground."""

    #: The states judged: the five former Soviet republics the paper means by Central Asia.
    states: tuple[str, ...] = CA5
    #: Whose statistics decide, in order: "reporter" (each state's own reports to the IMF) and
    #: "partner" (China's and Russia's reports of their trade with the state). Both by default,
    #: because in this region the two records of the same trade differ so much that a verdict one
    #: side gives and the other denies is not a finding; the first side with data gives the value.
    sides: tuple[str, ...] = ("reporter", "partner")
    #: Gaps are averaged over this many consecutive calendar years, so that one odd year (2020's
    #: closed borders, a change in how a customs union records trade) does not decide the verdict.
    window: int = 3
    #: "Steadily losing ground" is judged over this many years before the latest window: a
    #: decade, long enough for "steadily" and short enough to stay inside the data (2000 on).
    trend_years: int = 10
    #: How the move is measured. "weighted" (default): the five states' combined trade, China's
    #: share must rise *and* Russia's fall (the claim is about China gaining at Russia's expense,
    #: and a trade-weighted share gives Kazakhstan the weight its trade has). "median": the median
    #: state's gap (China's minus Russia's share) moved China's way (the rule before 2026-12-07).
    direction: str = "weighted"
    #: With ``direction="weighted"``, a share that moved by no more than this many percentage
    #: points did not move: a tenth of a point in a share of the five states' combined trade is
    #: within the revisions and rounding of the figures behind it, not a loss or a gain.
    flat_pp: float = 0.5
    #: State-years left out of every average because the state changed how it recorded the trade:
    #: in 2010, the customs union's first year, Kazakhstan recorded less than half the trade with
    #: Russia that Russia recorded with it, while the two records agree within about an eighth in
    #: 2009 and 2011 (both in data/). A window that would include such a year is not used.
    breaks: tuple[tuple[str, int], ...] = (("KAZ", 2010),)
    #: After the IMF years, also read the states' own published figures (turnovers with China,
    #: Russia and the world in data/), so that a state whose own statistics reach 2024 is judged
    #: to 2024; IMF figures win wherever both exist.
    own_figures: bool = True
    #: Where two sources publish a turnover for the same pair and year, the first of these
    #: wins: Kazakhstan's trade with Russia in 2023, the Kazakh President's figure (the official
    #: channel of that series' other years); Uzbekistan's 2023 total, the later publication
    #: (used only where exports and imports are missing, which they are not); Kyrgyzstan's trade
    #: with China in 2024, the Kyrgyz statistical committee's own figure rather than a compilation.
    published_sources: tuple[str, ...] = (
        "trade-kzpres-via-trend-2024",
        "trade-uzstat-via-trend-2025",
        "trade-kgzstat-via-trend-2025",
    )
    #: A side is read only if at least this many states have data, and a lead in this many
    #: states (a majority of five) is the level half of the rule.
    min_states: int = 3

    def __post_init__(self) -> None:
        for side in self.sides:
            check_side(side)
        if not self.sides:
            raise ValueError("CentralAsiaRule.sides: name at least one side ('reporter', 'partner')")
        if self.direction not in DIRECTIONS:
            raise ValueError(
                f"CentralAsiaRule.direction must be one of {', '.join(DIRECTIONS)}, got {self.direction!r}"
            )
        for name in ("window", "trend_years", "min_states"):
            if not isinstance(getattr(self, name), int) or getattr(self, name) < 1:
                raise ValueError(f"CentralAsiaRule.{name} must be a positive whole number, got {getattr(self, name)!r}")


def check_side(side: str) -> None:
    """Refuse a side that is not "reporter" or "partner", naming the ones there are."""
    if side not in SIDE_NAMES:
        raise ValueError(f"side must be one of {', '.join(map(repr, SIDE_NAMES))}, got {side!r}")
