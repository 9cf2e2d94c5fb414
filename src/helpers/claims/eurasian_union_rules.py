"""The EAEU-02 and EAEU-03 rules: every choice of the two economic tests, with its default and the reason.

Read by the measures and the verdicts in :mod:`helpers.claims.eurasian_union`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import text

SECOND_SIGNALS = ("partner_shares", "mutual_trade_usd")


@dataclass(frozen=True)
class RussiaRule:
    """The EAEU-02 rule: was the union a disappointment to Russia?"""

    #: The years before: 2005-2009, before the customs union of Belarus, Kazakhstan and Russia
    #: began in 2010. (The rule before 2026-12-07 used 2010-2014, which is already inside that
    #: customs union, so it measured what the EAEU added to it, not what the union project did.)
    before: tuple[int, int] = (2005, 2009)
    #: The union's own years before the pandemic and the 2022 sanctions.
    after: tuple[int, int] = (2015, 2019)
    #: A period counts only if it has at least this many years with data.
    min_years: int = 2
    #: A share "rose" only if its after-average is at least this many percentage points above
    #: its before-average: a smaller move is within the usual drift of these multi-year averages.
    share_rise_pp: float = 2.0
    #: The second signal, beside the other members' share of Russia's trade. "partner_shares"
    #: (default): the median, across the other members, of the change in Russia's share of
    #: their trade (their own reports): a share, so not driven by oil prices and the rouble the
    #: way dollar levels are, and it measures the union binding its members to Russia.
    #: "mutual_trade_usd": trade among all members in US dollars (the rule before 2026-12-07).
    second: str = "partner_shares"

    def __post_init__(self) -> None:
        _check_periods("RussiaRule", self.before, self.after, self.min_years)
        if self.second not in SECOND_SIGNALS:
            raise ValueError(f"RussiaRule.second must be one of {', '.join(SECOND_SIGNALS)}, got {self.second!r}")


@dataclass(frozen=True)
class MembersRule:
    """The EAEU-03 rule: was the union a disappointment to its other members?"""

    #: The years before the union (for Armenia and Kyrgyzstan, before they joined; Belarus and
    #: Kazakhstan were already in the customs union with Russia).
    before: tuple[int, int] = (2010, 2014)
    #: The union's own years before the pandemic and the 2022 sanctions.
    after: tuple[int, int] = (2015, 2019)
    #: A period counts only if it has at least this many years with data.
    min_years: int = 2
    #: The union's share of a member's trade "rose" only if its after-average is at least this
    #: many percentage points above its before-average; a smaller move is read as stagnation.
    share_rise_pp: float = 2.0
    #: Non-members used as the benchmark for growth: Central Asian states outside the union that
    #: are tied to Russia's economy too (Turkmenistan's official growth never moves: see the notebook).
    comparators: tuple[str, ...] = ("TJK", "UZB")

    def __post_init__(self) -> None:
        _check_periods("MembersRule", self.before, self.after, self.min_years)
        if not self.comparators:
            raise ValueError("MembersRule.comparators: name at least one non-member")


def _check_periods(name: str, before: tuple[int, int], after: tuple[int, int], min_years: int) -> None:
    for field, (first, last) in (("before", before), ("after", after)):
        if first > last:
            raise ValueError(f"{name}.{field} must run forwards (first, last), got {(first, last)!r}")
    if before[1] >= after[0]:
        raise ValueError(f"{name}: the before period {before!r} must end before the after period {after!r} starts")
    if min_years < 1:
        raise ValueError(f"{name}.min_years must be at least 1, got {min_years!r}")


def threshold_words(rule: RussiaRule | MembersRule) -> str:
    """The rule's ``share_rise_pp`` for prose, e.g. '2.0 pp' (unsigned: a size, not a change)."""
    return f"{text.number(rule.share_rise_pp, digits=1)} pp"
