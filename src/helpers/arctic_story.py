"""The Arctic notebook's sentences that carry numbers from the data (its fixed prose is in the notebook).

Each function returns Markdown built from the evidence and the ARC-01 tables
(:mod:`helpers.claims.arctic`); the notebook shows it with ``Markdown(...)``.
"""

from __future__ import annotations

import pandas as pd

from . import data, report, text
from .charts_arctic import missing_years
from .claims import arctic
from .data import Evidence
from .markup import markdown_text as md


def rule_text(rule: arctic.ArcticRule) -> str:
    """The rule of ARC-01 in words, with its lines."""
    return (
        f"**The rule** (registered as the test of ARC-01 in `src/helpers/claims/arctic.py`, class `ArcticRule`). "
        f"A stake above {text.pct(rule.blocking_share, digits=0)} of a project counts as a *blocking minority*: in a "
        f"Russian joint-stock company, changes to the charter, reorganisation and other key decisions need three "
        f"quarters of the votes, so a holder of more than a quarter can veto them. Above "
        f"{text.pct(rule.control_share, digits=0)} it is *control*. China's stake in a project is the sum of its state "
        f"buyers' stakes. The claim is **supported** if China bought stakes in at least {rule.min_purchase_years} "
        f"different years, holds more than a blocking minority in at least one project, and has suspended or "
        f"cancelled its participation in none. It is **contradicted** if China never got beyond "
        f"{text.pct(rule.blocking_share, digits=0)} of any project and either bought in only once or pulled back. "
        f"Anything in between is **mixed**. Where the data hold the share of Northern Sea Route transit cargo carried "
        f"from Russia to China, a share above {text.pct(rule.route_share, digits=0)} that disagrees with the "
        f"verdict from the stakes (or one below it that disagrees) turns that verdict into **mixed**. The metric "
        f"shown with the verdict is China's largest stake in one project."
    )


def yamal_text(equity: pd.DataFrame, events: pd.DataFrame, loans: pd.DataFrame, cost: dict | None = None) -> str:
    """Who sold the Yamal stakes, the smaller Arctic LNG 2 stake, and the Chinese loans (against ``cost``,
    :func:`project_cost`, where the data hold it)."""
    total = float(loans["value"].sum())
    yamal, alng2 = (equity.set_index("project").loc[name] for name in ("Yamal LNG", "Arctic LNG 2"))
    return (
        f"In Yamal LNG, Chinese buyers came in twice and together hold {text.pct(yamal['chinese_total'])}: "
        f"{yamal['position']}, enough to veto changes to the project's charter but not to run it. "
        f'The events say who sold: "{md(events.at["yamal-lng-cnpc-stake", "description"])}" and '
        f'"{md(events.at["yamal-lng-srf-stake", "description"])}" '
        f"In Arctic LNG 2, bought in {alng2['first_year']}, the Chinese share is smaller, "
        f"{text.pct(alng2['chinese_total'])} ({alng2['position']}), split between two buyers "
        f"({alng2['buyers']}).\n\n"
        f"**Money as well as shares.** Chinese lenders signed {text.usd_million(loans['value'].sum())} of loans to "
        f"Yamal LNG ({text.join_words([f'{text.usd_million(r.value)} in {r.year}' for r in loans.itertuples()])}, "
        f"agreed amounts as converted by the sources). The event record explains why they mattered: "
        f'"{md(events.at["yamal-lng-chinese-loans", "description"])}" '
        + (
            "Whether Chinese money was *decisive* would need its share of the project's total financing, and that "
            "total is not in the dataset; so the loans are reported here but kept out of the verdict."
            if cost is None
            else f"Set against the project's cost as {cost['source']} stated it in {cost['year']}, "
            f"{text.usd_million(cost['value'], digits=0)}, the Chinese loans come to {text.pct(100 * total / cost['value'], digits=0)}"
            " of it. How the rest was financed (Russian banks and state funds, the shareholders' own money) is not in "
            "the dataset, so the loans are reported here but kept out of the verdict."
        )
    )


def project_cost(ev: Evidence) -> dict | None:
    """Yamal LNG's cost as a source states it (value in US$ million, year, source's publisher), or None."""
    rows = ev.series("yamal_lng_project_cost_usd", entity="RUS", counterpart="-")
    if rows.empty:
        return None
    row = rows.iloc[-1]
    return {
        "value": float(row["value"]),
        "year": int(row["year"]),
        "source": ev.sources.set_index("source_id").at[row["source_id"], "publisher"],
    }


def paper_year(paper_ev: Evidence) -> int:
    """The last year of data the author could have seen."""
    return int(paper_ev.observations["year"].max())


def cargo_text(cargo: pd.DataFrame, targets: pd.DataFrame, year: int) -> str:
    """NSR cargo since the paper's last full year, against the official targets."""
    last = cargo.iloc[-1]
    at_paper = cargo.set_index("year").at[year, "value"]
    met, missed = targets[targets["share"] >= 100], targets[targets["share"] < 100]
    return (
        f"NSR cargo grew {text.ratio(last['value'] / at_paper)} between {year} (the last full year before the "
        f"paper: {text.number(at_paper, digits=1)} Mt) and {last['year']} ({text.number(last['value'], digits=1)} "
        f"Mt). Against the official targets the record is split: the annual targets for "
        f"{text.join_words([str(y) for y in met['year']])} were met, while the target for "
        f"{text.join_words([str(y) for y in missed['year']])} was missed by a wide margin "
        + text.join_words(
            [
                f"({text.number(r.outcome, digits=1)} Mt against {text.number(r.target, digits=0)} Mt, "
                f"set by {r.target_note.split(';')[0].split(' (')[0]})"
                for r in missed.itertuples()
            ]
        )
        + ". The dataset does not split NSR cargo by project or by buyer, so the share of Yamal LNG's exports in "
        "this growth, and the share bound for China, cannot be computed here."
    )


def transit_text(
    ev: Evidence, transit: pd.DataFrame, cargo: pd.DataFrame, gaps: pd.DataFrame, rule: arctic.ArcticRule
) -> str:
    """Transit as a share of all NSR cargo, the gaps, and the share carried from Russia to China."""
    both = transit.merge(cargo[["year", "value"]], on="year", suffixes=("_transit", "_all"))
    share = 100 * both["value_transit"] / both["value_all"]
    route = arctic.route_share(ev, rule)
    spans = [text.year_span(a, b) if a != b else str(a) for a, b in missing_years(transit, gaps)]
    direction = (
        "The claim's own indicator asks for the *Chinese-linked* share of transit voyages and cargo (ships flagged, "
        "owned or chartered in China, such as COSCO's); the dataset does not hold that split, so this chart shows "
        "the route's use, not China's part in it."
        if route is None
        else f"The claim's own indicator asks for the *Chinese-linked* share of transit. For {int(route['year'])} the "
        f"data hold the direction of the cargo: {text.pct(route['value'])} of transit tonnage was carried from "
        f"Russia to China (source `{route['source_id']}`); no earlier year is in the data, and no split by the "
        "ships' flag or owner."
    )
    return (
        f"Where both are known, transit was between {text.pct(share.min())} and {text.pct(share.max())} of all NSR "
        f"cargo ({text.join_words([str(y) for y in both['year']])}). "
        + (
            f"Gaps in the transit series ({text.join_words(spans)}): {text.join_words(sorted(set(gaps['reason'])))}. "
            if spans
            else "The transit series has no gaps. "
        )
        + direction
    )


def what_moved(
    ev: Evidence, rule: arctic.ArcticRule, equity: pd.DataFrame, stakes: pd.DataFrame, result, margin_line: float
) -> str:
    """What the two views say, and the two choices that carry the verdict."""
    paper_equity = arctic.chinese_equity(ev.at_paper(), rule)
    yamal, alng2 = (equity.set_index("project").loc[name] for name in ("Yamal LNG", "Arctic LNG 2"))
    yamal_top = stakes[stakes["project"] == "Yamal LNG"].sort_values("stake").iloc[-1]
    return (
        f"**What moved the verdict.** With what the author could see, the verdict is **{result.at_paper.verdict}**: "
        f"China had bought into Yamal LNG twice, reaching {text.pct(paper_equity['chinese_total'].max())}, "
        f"{paper_equity['position'].iloc[0]}, and its banks had lent where Western ones would not. With the latest "
        f"data it is **{result.latest.verdict}**. China's largest stake is unchanged, but the next project shows the "
        f"opposite of a steady advance: China took a smaller share of Arctic LNG 2 "
        f"({text.pct(alng2['chinese_total'])} against {text.pct(yamal['chinese_total'])} of Yamal LNG), and its "
        f"participation there was {alng2['status']} on {alng2['status_date']}.\n\n"
        f"**Two choices carry the verdict.** The Yamal stake sits "
        f"{text.number(yamal['chinese_total'] - rule.blocking_share, digits=1)} percentage points above the legal "
        f"line, and {text.number(margin_line - yamal['chinese_total'], digits=1)} below a line drawn at "
        f"{text.pct(margin_line, digits=0)}; and it is a blocking minority only if two buyers are counted as "
        f"one: the largest single buyer, {yamal_top['buyer']}, holds {text.pct(yamal_top['stake'])}. Both choices are "
        "declared as alternatives above, with what each does to the verdict. And a Chinese stake, however large, "
        "measures China's gain, not necessarily Russia's loss: Novatek itself sold those stakes (see the events above)."
    )


def counter_case(ev: Evidence, equity: pd.DataFrame, rule: arctic.ArcticRule) -> str:
    """The strongest evidence against the paper's reading, from the events and the stakes."""
    events = ev.events.set_index("event_id")
    first_cargo, fm = events.loc["yamal-lng-first-cargo"], events.loc["arctic-lng-2-chinese-force-majeure"]
    production = events.loc["arctic-lng-2-production-start"]
    fm_parties = [md(ev.entity_name(c)) for c in fm["parties"].split() if c not in ("CHN", "RUS")]
    return (
        f"- **A multilateral project that worked.** Yamal LNG exported its first cargo in {first_cargo['date']} "
        f"(status: {first_cargo['status']}; source `{first_cargo['source_id']}`), after the paper appeared. "
        "The first of Russia's Arctic ventures with Asian partners was built, which cuts against the paper's broader "
        "charge that Russia fails to realise such projects, even if it was built with Chinese money.\n"
        f"- **China never took control.** Chinese buyers hold at most {text.pct(equity['chinese_total'].max())} of "
        f"either project, below the {text.pct(rule.control_share, digits=0)} line; everything else "
        f"({text.join_words([f'{text.pct(100 - r.chinese_total)} of {r.project}' for r in equity.itertuples()])}) is "
        "held by Novatek and non-Chinese partners, whose exact split is not in the dataset.\n"
        f"- **China stepped back when it counted.** When the United States sanctioned Arctic LNG 2, the Chinese "
        f"partners declared force majeure ({fm['date']}) together with those of {text.join_words(fm_parties)}: "
        f'"{md(fm["description"])}" Read for what it is, this was a freeze of financing and offtake imposed by a third '
        "state's sanctions and shared by every foreign partner, not a sale: the stakes stayed where they were. The "
        "claim's own contradicting evidence (data/claims.csv) names exactly this, Chinese partners stepping back under "
        "sanctions, as a sign of a limited Chinese presence, so the published rule counts it; the alternative that "
        "leaves it out is in the robustness table above.\n"
        f'- **Russia went ahead without them.** "{md(production["description"])}" (source `{md(production["source_id"])}`).'
    )


def since(ev: Evidence, cargo: pd.DataFrame, year: int) -> str:
    """Events after the paper, and NSR cargo since, with the changes of counter along the way."""
    events = report.events_table(ev, "arctic")
    events = events[events["date"].map(data.period_end) > pd.Timestamp(ev.at_paper().as_of)]
    first_cargo = ev.events.set_index("event_id").loc["yamal-lng-first-cargo"]
    last, at_paper = cargo.iloc[-1], cargo.set_index("year").at[year, "value"]
    after = cargo[cargo["year"] > year]
    biggest = after.assign(step=after["value"].diff()).dropna().sort_values("step").iloc[-1]
    counter = cargo["publisher"].map(arctic.publisher_label)
    counters = [
        f"{text.year_span(g['year'].min(), g['year'].max())}: {g['counter'].iloc[0]}"
        for _, g in cargo.assign(counter=counter).groupby((counter != counter.shift()).cumsum())
    ]
    goal = ev.series("nsr_cargo_target_mt", entity="RUS", counterpart="-")
    goal = goal[goal["year"] > last["year"]]
    return (
        "**Events after the paper:** "
        + "; ".join(f"{md(r.date)}: {md(r.title)} ({md(r.status)})" for r in events.itertuples())
        + ".\n\n"
        f"**Cargo.** NSR cargo rose from {text.number(at_paper, digits=1)} Mt in {year} to "
        f"{text.number(last['value'], digits=1)} Mt in {last['year']}; the largest one-year rise came in "
        f"{int(biggest['year'])} (+{text.number(biggest['step'], digits=1)} Mt)"
        + (
            f", the first full year after Yamal LNG's first cargo ({first_cargo['date']})"
            if int(biggest["year"]) == int(first_cargo["date"][:4]) + 1
            else ""
        )
        + ". The dataset does not split cargo by project, so it cannot say how much of the rise was Yamal LNG's; "
        "and the counter changes along the way (" + "; ".join(counters) + "), so part of a jump between two "
        f"counters may be a change of definition. Growth then slowed to "
        f"{text.number(cargo.iloc[-1]['value'] - cargo.iloc[-2]['value'], digits=1)} Mt in the last year of data. "
        + (
            f"The next official goal is {text.number(goal.iloc[0]['value'], digits=0)} Mt by {goal.iloc[0]['year']}, "
            f"{text.ratio(goal.iloc[0]['value'] / last['value'])} the latest outcome; source note: "
            f"{goal.iloc[0]['note']}."
            if not goal.empty
            else ""
        )
    )


def china_part(
    ev: Evidence, equity: pd.DataFrame, transit: pd.DataFrame, gaps: pd.DataFrame, rule: arctic.ArcticRule, year: int
) -> str:
    """China's part since the paper: no new stake, the suspension, and what the transit figures say."""
    yamal, alng2 = (equity.set_index("project").loc[name] for name in ("Yamal LNG", "Arctic LNG 2"))
    high = transit.loc[transit["value"].idxmax()]
    missing = [y for a, b in missing_years(transit, gaps) for y in range(a, b + 1)]
    route = arctic.route_share(ev, rule)
    return (
        f"**China's part.** No Chinese stake was added after Arctic LNG 2's in {alng2['first_year']}, and no Chinese "
        "loan to the Arctic projects after Yamal LNG's is recorded. After Russia's full-scale invasion of Ukraine and "
        "the sanctions that followed, the US sanctions on Arctic LNG 2 turned China's second Arctic LNG stake into a "
        "suspended one.\n\n"
        f"**Transit** reached {text.number(high['value'], digits=2)} Mt in {high['year']}, the highest in the data"
        + (f", but the series has no figure for {text.join_words([str(y) for y in missing])}" if missing else "")
        + (
            ", and nothing in the data says how much of it was Chinese."
            if route is None
            else f"; in {int(route['year'])}, {text.pct(route['value'])} of it was carried from Russia to China, the one "
            "measure of the route in the data that points China's way."
        )
        + (
            " On balance the years since the paper do not show China steadily gaining in Russia's Arctic: its largest "
            f"position ({text.pct(yamal['chinese_total'])} of Yamal LNG) was taken before the paper, and its later "
            f"move was smaller ({text.pct(alng2['chinese_total'])} of Arctic LNG 2) and then {alng2['status']}."
            if alng2["last_year"] > year and alng2["chinese_total"] < yamal["chinese_total"] and alng2["retreat"]
            else ""
        )
    )
