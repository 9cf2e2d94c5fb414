"""The North Korea notebook's sentences that carry numbers from the data (its fixed prose is in the notebook).

Each function returns Markdown built from the evidence and the DPRK-01 comparison
(:mod:`helpers.claims.north_korea`); the notebook shows it with ``Markdown(...)``. The
``*_description`` functions at the end are the charts' descriptions (alt text), from the plotted numbers.
"""

from __future__ import annotations

import pandas as pd

from . import data, indicators, paper, text
from .claims import north_korea as nk
from .data import Evidence
from .markup import markdown_text as md

#: Events of the theme read by name in the prose: the treaty, the bridge, the military events.
TREATY, BRIDGE = "rus-prk-partnership-treaty", "rus-prk-tumen-road-bridge"
MILITARY = ("un-1718-panel-of-experts", "rus-prk-troops-kursk")


def turnover_in(frame: pd.DataFrame, year: int) -> float:
    """The value of ``frame`` (columns year, value) in ``year``."""
    return float(frame.loc[frame["year"] == year, "value"].iloc[0])


def _events(ev: Evidence, project: str) -> pd.DataFrame:
    return ev.events[ev.events["project"] == project].sort_values("date")


def imf_check(ev: Evidence, year: int) -> str:
    """Why the notebook reads the partners' own figures: the IMF's PRK rows mirror China's."""
    mirror = ev.value("merchandise_imports", "PRK", "CHN", year)
    china_side = ev.value("merchandise_exports", "CHN", "PRK", year)
    note = ev.series("merchandise_imports", entity="PRK", counterpart="CHN").iloc[0]["note"]
    return (
        f"In {year} the IMF's figure for North Korea's imports from China was {text.usd_million(mirror)}, "
        f"and China's own figure for its exports to North Korea was {text.usd_million(china_side)}: the first is "
        f"{text.ratio(mirror / china_side, digits=2)} the second, about the usual allowance for freight and insurance "
        f"(imports are counted with it, exports without). The IMF flags every such row: *{note}*. "
        "So this notebook uses only what China and Russia report about their own trade with North Korea."
    )


def method(rule: nk.NorthKoreaRule, bal: pd.DataFrame) -> str:
    """The rule of DPRK-01 in words, with its numbers."""
    return (
        f"- **Measure.** China's reported trade (exports plus imports) with North Korea as a multiple of Russia's, and "
        f"the same thing as Russia's share of the two: a multiple of {text.ratio(rule.large_multiple, digits=0)} is a "
        f"Russian share of {text.pct(100 / (1 + rule.large_multiple))}. Years with figures from both: "
        f"{text.number(len(bal))}, from {bal['year'].min()} to {bal['year'].max()}.\n"
        f"- **Windows, not single years.** Each partner's trade is summed over {rule.window} years (the years of the "
        f"window in which both have a figure), and the multiple is taken of the sums: a ratio of {rule.window}-year "
        "averages. A year in which trade collapsed (the sanctions year, the year the border closed) then weighs by its "
        "size instead of deciding the result on its own. A window counts only if both partners have figures in at "
        f"least {rule.min_years} of its {rule.window} years; later years with fewer are named, not pooled.\n"
        f"- **Trend.** The latest window is compared with the window ending {rule.trend_years} years earlier.\n"
        f"- **Rule for trade.** *Supported* if China's multiple is at least "
        f"{text.ratio(rule.large_multiple, digits=0)} and not lower than before; *contradicted* if it is 1 or less, or "
        f"fell to {text.pct(100 * rule.rise_fraction, digits=0)} of its earlier value or below (Russia's weight "
        "relative to China's at least doubled); *mixed* otherwise.\n"
        f"- **Weighing the treaty.** A Russia-North Korea event of kind {text.join_words(list(rule.counter_kinds))} "
        "that is in force and entered into force after the earlier window turns a *supported* from trade into "
        "*mixed*: trade says China, the treaty says Russia gained ground. It does not soften a *mixed* or "
        "*contradicted*.\n"
        f"- **Two views.** The test runs on the data the author could have seen (annual figures to "
        f"{paper.last_full_year_known(paper.DATE)}, events to {paper.DATE:%d %B %Y}) and on the latest data."
    )


def shocks(ev: Evidence, chn: pd.DataFrame, rus: pd.DataFrame) -> str:
    """The sanctions and the closed border: both hit China's trade harder than Russia's."""
    imports = ev.series("merchandise_imports", entity="CHN", counterpart="PRK", source_id="imf-dots")
    imp_2016, imp_2018 = (float(imports.loc[imports["year"] == y, "value"].iloc[0]) for y in (2016, 2018))
    closure = ev.source("trade-gac-via-scmp-2022")
    return (
        f"Two shocks stand out, and both hit China's trade far harder than Russia's. First, China's imports from North "
        f"Korea fell from {text.usd_million(imp_2016)} in 2016 to {text.usd_million(imp_2018)} in 2018 "
        f"({text.pct_change(100 * (imp_2018 / imp_2016 - 1))}), the mark of the UN Security Council's sanctions on "
        "the North's exports (the resolutions are not in `data/events.csv` yet; the UN's press releases would date "
        f"them). Second, China's total trade with the North fell from {text.usd_million(turnover_in(chn, 2019))} in "
        f"2019 to {text.usd_million(turnover_in(chn, 2020))} in 2020 and {text.usd_million(turnover_in(chn, 2021))} in "
        f"2021; {closure['via']}, relaying China's customs figures, puts this down to the closing of the border in the "
        f"pandemic (*{closure['title'].split(' (')[0]}*). Russia's trade, tiny to begin with, changed less: "
        f"{text.usd_million(turnover_in(rus, 2016))} in 2016, {text.usd_million(turnover_in(rus, 2018))} in 2018 and "
        f"{text.usd_million(turnover_in(rus, 2020))} in 2020. This is why the test pools years."
    )


def source_choice(ev: Evidence, recent_chn: pd.DataFrame) -> str:
    """Which source gives each recent figure, and where two forms of one figure exist."""
    published = ev.series("merchandise_trade", entity="CHN", counterpart="PRK")
    lines = []
    for r in recent_chn[recent_chn["basis"] == "exports + imports"].itertuples():
        total = published.loc[published["year"] == r.year]
        same = (
            ""
            if total.empty
            else (
                f"; the same release gives the total as {text.usd_million(total['value'].iloc[0])}"
                + (
                    ", so the choice changes nothing"
                    if round(total["value"].iloc[0]) == round(r.value)
                    else ", and this notebook uses the sum"
                )
            )
        )
        lines.append(
            f"for {r.year} the data hold China's exports to and imports from North Korea separately "
            f"(`{indicators.sources_text(r.sources)}`), and their sum, {text.usd_million(r.value)}, is used{same}"
        )
    rus_published = ev.series("merchandise_trade", entity="RUS", counterpart="PRK")
    competing = bool(published["year"].duplicated().any() or rus_published["year"].duplicated().any())
    return (
        "**Which source for which year.** Each recent figure comes from one relay of an official release (listed "
        "under Sources). "
        + (
            "Some years have competing values: see `data/observations.csv`."
            if competing
            else "No year has two competing values, so no choice between sources was needed. "
        )
        + ("Two forms of the same figure exist: " + "; ".join(lines) + "." if lines else "")
    )


def status_table(ev: Evidence) -> pd.DataFrame:
    """Each North Korea project's status and date as of the paper and with the latest data (empty: no event yet)."""
    then, now = (_theme_status(view) for view in (ev.at_paper(), ev))
    table = then.add_suffix(" (paper)").reindex(now.index).join(now.add_suffix(" (latest)"))
    return table.sort_values(["date (latest)"]).fillna("")


def _theme_status(view: Evidence) -> pd.DataFrame:
    status = view.project_status()
    return status[status["theme"] == "north_korea"].set_index("project")[["status", "date"]]


def theme_events(ev: Evidence) -> pd.DataFrame:
    """The theme's rows of ``data/events.csv``."""
    return ev.events[ev.events["theme"] == "north_korea"]


def _after_paper(project: str, status: str, events: pd.DataFrame, row_label) -> str:
    """What a project's events after the paper show, in words: summits are held (in which years), the
    other projects stand at their current status."""
    if (events["kind"] == "summit").all():
        return f"{row_label(project)} held ({', '.join(sorted(set(events['date'].str[:4])))})"
    return f"{row_label(project)} {status}"


def timeline_title(ev: Evidence, row_label) -> str:
    """The timeline's finding: each project an event after the paper touched, with its status (summits: the
    years they were held); what stays stalled."""
    events = theme_events(ev).assign(when=lambda d: d["date"].map(data.period_end))
    after = events[events["when"] > data.period_end(str(ev.at_paper().as_of))]
    now, then = _theme_status(ev), _theme_status(ev.at_paper())
    touched = now.loc[sorted(after["project"].unique())]
    stalled = now[(now["status"] == "stalled") & (then.reindex(now.index)["status"] == "stalled")]
    return (
        "After the paper: "
        + text.join_words(
            [_after_paper(p, r.status, after[after["project"] == p], row_label) for p, r in touched.iterrows()]
        )
        + "; "
        + text.join_words([row_label(p) for p in stalled.index])
        + f" still {text.join_words(sorted(set(stalled['status'])))}"
    )


def what_moved(
    ev: Evidence, rule: nk.NorthKoreaRule, bal: pd.DataFrame, latest_cmp: dict, paper_cmp: dict, result
) -> str:
    """What the two views say, and what changes the verdict between them."""
    lat, base = latest_cmp["latest"], latest_cmp["base"]
    margin = 100 * (lat["china_multiple"] / base["china_multiple"] - 1)
    trade_changed = paper_cmp["trade"] != latest_cmp["trade"]
    last_above = bal.loc[(bal["year"] <= paper_cmp["latest"]["years"][-1]) & (bal["russia_share"] > 5), "year"].max()
    return (
        f"**As of the paper** the verdict is **{result.at_paper.verdict}**. Russia's share of the two partners' trade "
        f"with North Korea went from {text.pct(paper_cmp['base']['russia_share'])} in "
        f"{nk.window_label(paper_cmp['base'])} to {text.pct(paper_cmp['latest']['russia_share'])} in "
        f"{nk.window_label(paper_cmp['latest'])}; China's multiple of Russia's went from "
        f"{text.ratio(paper_cmp['base']['china_multiple'])} to {text.ratio(paper_cmp['latest']['china_multiple'])}. "
        f"Most of that shift happened well before the paper: Russia's yearly share was last above "
        f"{text.pct(5, digits=0)} in {last_above}.\n\n"
        f"**With the latest data** the verdict is **{result.latest.verdict}**. Trade alone says "
        f"**{latest_cmp['trade']}**{' (as at the paper)' if not trade_changed else ''}: China's multiple in "
        f"{nk.window_label(lat, rule.window)} was {text.ratio(lat['china_multiple'])}, {text.pct_change(margin)} "
        f"against {text.ratio(base['china_multiple'])} in {nk.window_label(base, rule.window)}, the last window with "
        f"figures from both partners in at least {rule.min_years} of its years"
        + (
            f" ({text.join_words([str(y) for y in latest_cmp['left_out']])}, the only later year with a Russian "
            "figure, is too little for a window)"
            if latest_cmp["left_out"]
            else ""
        )
        + ". "
        + (
            "What changes the overall verdict is the treaty: "
            + text.join_words([f"{md(r.title)} ({md(r.date)})" for r in latest_cmp["treaties"].itertuples()])
            + "; in politics and arms Russia has gained a standing in Pyongyang that trade figures do not register. "
            f"Both readings are in the data, so the test says {result.latest.verdict}."
            if not latest_cmp["treaties"].empty
            else "No treaty weighs against trade in this view."
        )
    )


def counter_case(ev: Evidence, bal: pd.DataFrame, paper_cmp: dict, rule: nk.NorthKoreaRule) -> str:
    """The first three points of the counter-case, from the events and the trade figures."""
    treaty = _events(ev, TREATY)
    signed, in_force = treaty.iloc[0], treaty.iloc[-1]
    rail, debt = _events(ev, "rajin-khasan"), _events(ev, "rus-prk-debt-settlement")
    after_paper = ev.events.loc[ev.events["date"] > str(ev.at_paper().as_of), "parties"]
    china_pacts = int(sum(sorted(p.split()) == ["CHN", "PRK"] for p in after_paper))
    early = nk.pooled(bal, 2006, rule.window)
    spike = bal.loc[bal["year"] > 2008].sort_values("russia_share").iloc[-1]
    return (
        f"1. **The treaty.** Russia and North Korea signed a Treaty on Comprehensive Strategic Partnership on "
        f"{signed['date']}; it entered into force on {in_force['date']}. The dataset's record of it notes: "
        f"*{signed['description']}* It also records: *{in_force['description']}* A mutual-assistance clause between a "
        "nuclear-armed North Korea and a permanent member of the UN Security Council is a political and military gain "
        f"for Moscow that no trade series can show. The dataset holds "
        f"{text.number(china_pacts) if china_pacts else 'no'} China-North Korea agreement"
        f"{'s' if china_pacts != 1 else ''} dated after the paper.\n"
        f"2. **Russian projects that did not stall.** The paper's reading is that Russia's projects stall. The data "
        f"record the Khasan-Rajin railway reopened ({rail.iloc[0]['date']}) and the Rajin port terminal opened "
        f"({rail.iloc[-1]['date']}), and the debt settlement signed ({debt.iloc[0]['date']}) and ratified "
        f"({debt.iloc[-1]['date']}), all before the paper, and the Tumen road bridge under construction since it. None "
        f"of them lifted Russia's recorded trade: Russia's share of the two was "
        f"{text.pct(paper_cmp['latest']['russia_share'])} in {nk.window_label(paper_cmp['latest'])}, after the rail "
        "link and the terminal opened.\n"
        f"3. **Russia was once less marginal.** In {nk.window_label(early)} Russia's share of the two was "
        f"{text.pct(early['russia_share'])}, and in {spike['year']}, when China's trade collapsed with the closed "
        f"border, a single year's share reached {text.pct(spike['russia_share'])}. Russia's smaller trade is steadier, "
        "so a shock to China's trade can reverse the balance for a while."
    )


def military(ev: Evidence) -> str:
    """The Russia-North Korea military events after the paper, as the data date them (not in any trade series)."""
    rows = [r for project in MILITARY for r in _events(ev, project).itertuples()]
    return (
        "**Arms and troops, in the events.** "
        + "; ".join(f"{md(r.date)}: {md(r.title.rstrip('.'))} ({md(r.status)})" for r in rows)
        + ". None of this appears in either partner's trade statistics."
    )


def since(
    ev: Evidence,
    chn: pd.DataFrame,
    rus: pd.DataFrame,
    recent_years: list[int],
    imf_end: int,
    latest_cmp: dict,
    paper_cmp: dict,
    result,
) -> str:
    """What happened after the paper: sanctions, the closed border, the treaty and the bridge, the verdict."""
    official = ev.series("merchandise_trade", entity="RUS", counterpart="PRK")
    rus_row = official.iloc[-1]
    missing_rus = [y for y in recent_years if y not in set(int(v) for v in rus["year"])]
    treaty, bridge = _events(ev, TREATY), _events(ev, BRIDGE)
    return (
        f"- **Sanctions.** China's reported trade with North Korea fell from {text.usd_million(turnover_in(chn, 2017))} "
        f"in 2017 to {text.usd_million(turnover_in(chn, 2018))} in 2018, as the UN sanctions on the North's exports "
        "bit.\n"
        f"- **The closed border.** It fell again to {text.usd_million(turnover_in(chn, 2020))} in 2020 and "
        f"{text.usd_million(turnover_in(chn, 2021))} in 2021, then recovered to "
        + text.join_words([f"{text.usd_million(turnover_in(chn, y))} in {y}" for y in recent_years if y >= 2023])
        + f" (China's customs). Russia's trade was {text.usd_million(turnover_in(rus, imf_end))} in {imf_end} (IMF), "
        f"then "
        + text.join_words([f"{text.usd_million(r.value)} in {r.year}" for r in official.itertuples()])
        + f"; the source quoting the {rus_row['year']} figure says: *{rus_row['note']}*. The dataset has no Russian "
        "figure for "
        f"{text.join_words([str(y) for y in missing_rus])}: see the note on `merchandise_trade` in `data/README.md`.\n"
        f"- **The treaty and the bridge.** The partnership treaty was signed on {treaty.iloc[0]['date']} and entered "
        f"into force on {treaty.iloc[-1]['date']}; the Tumen River road bridge was agreed in {bridge.iloc[0]['date']} "
        f"and its construction began on {bridge.iloc[-1]['date']} (status: {bridge.iloc[-1]['status']}).\n"
        f"- **The verdict** moved from **{result.at_paper.verdict}** as of the paper to **{result.latest.verdict}** "
        f"with the latest data; trade alone said **{paper_cmp['trade']}** then and **{latest_cmp['trade']}** now."
    )


def treaty_reading(latest_cmp: dict, paper_cmp: dict, result) -> str:
    """Does the treaty overturn "losing ground"? Trade and politics side by side."""
    lat, pre = latest_cmp["latest"], paper_cmp["latest"]
    return (
        '**Does the treaty overturn "losing ground"?** In trade, no. Whatever Russia signed, China\'s recorded trade '
        f"with North Korea was {text.ratio(lat['china_multiple'], digits=0)} Russia's in {nk.window_label(lat)}, "
        f"against {text.ratio(pre['china_multiple'], digits=0)} in {nk.window_label(pre)}, the last window the author "
        "could have seen. In politics, the answer is closer to yes. The claim said Russia was losing ground to China; "
        "since the treaty Russia holds a security tie with Pyongyang that has no Chinese counterpart in these data, and "
        "the arms and troops around it run outside the trade statistics altogether. The two kinds of evidence now point "
        f"in different directions, which is what the *{result.latest.verdict}* verdict records. A reader who thinks "
        "economic weight decides in the long run will read the evidence as support for Blank; a reader who puts "
        "security first will read it as the paper's clearest miss."
    )


def gaps(recent_years: list[int], rus: pd.DataFrame, imf_end: int, latest_cmp: dict, rule: nk.NorthKoreaRule) -> str:
    """What the recent figures lack, and which source would settle the latest window."""
    missing = [y for y in recent_years if y not in set(int(v) for v in rus["year"])]
    later = [y for y in missing if y > max(latest_cmp["latest"]["years"])]
    return (
        f"**Gaps to keep in mind.** The IMF series in the data end in {imf_end}. After that the data hold China's "
        f"customs figures for all {len(recent_years)} years but Russia's for {len(recent_years) - len(missing)}, "
        f"so the latest window of the test is {nk.window_label(latest_cmp['latest'], rule.window)}"
        + (
            f", and {text.join_words([str(y) for y in latest_cmp['left_out']])} stays out of it"
            if latest_cmp["left_out"]
            else ""
        )
        + '. Figures rounded in their sources ("nearly", "about") stay rounded. Partner-reported trade '
        "misses sanctioned and illicit flows, which matter more after the sanctions than before.\n\n"
        + (
            f"**What would settle the latest window.** Russia's own figure for its trade with North Korea in "
            f"{text.join_words([str(y) for y in later])}: Russia's customs service stopped publishing trade by partner "
            "in 2022, so it would come from a Russian official's statement (the presidential aide gave 2018 and 2023 "
            "before summits) or from the intergovernmental commission. It would let the latest window reach the years "
            "after the treaty entered into force, which the trade leg of the test cannot see yet."
            if later
            else ""
        )
    )


# -- descriptions (alt text) of the charts of :mod:`helpers.charts_north_korea` ----------------------


def trade_description(chn: pd.DataFrame, rus: pd.DataFrame, bal: pd.DataFrame) -> str:
    """The alt text of :func:`helpers.charts_north_korea.trade_lines`."""
    peak = chn.loc[chn["value"].idxmax()]
    imf_end = int(chn.loc[indicators.only_from(chn["sources"], "imf-dots"), "year"].max())
    return (
        f"Two lines on a log scale from the IMF to {imf_end}, then official figures as separate points, not joined, "
        f"to {chn['year'].max()}. China's reported trade "
        f"with North Korea rose from {text.usd_million(chn['value'].iloc[0])} in {chn['year'].iloc[0]} to a peak of "
        f"{text.usd_million(peak['value'])} in {peak['year']}, fell to {text.usd_million(chn['value'].min())} in "
        f"{chn.loc[chn['value'].idxmin(), 'year']} and was {text.usd_million(chn['value'].iloc[-1])} in "
        f"{chn['year'].iloc[-1]}. Russia's stayed between {text.usd_million(rus['value'].min())} and "
        f"{text.usd_million(rus['value'].max())}. In every year with figures from both, China's trade was between "
        f"{text.ratio(bal['china_multiple'].min(), digits=0)} and {text.ratio(bal['china_multiple'].max(), digits=0)} "
        "Russia's."
    )


def share_description(bal: pd.DataFrame, comparison: dict, window: int) -> str:
    """The alt text of :func:`helpers.charts_north_korea.russia_share`."""
    spike = bal.loc[bal["year"] > 2008].sort_values("russia_share").iloc[-1]
    before_peak = bal.loc[bal["year"] <= 2008, "russia_share"]
    later = bal.loc[(bal["year"] > 2008) & (bal["year"] != spike["year"]), "russia_share"]
    return (
        f"Russia's share of the two partners' trade with North Korea, "
        f"{text.year_span(bal['year'].min(), bal['year'].max())}. It was {text.pct(bal['russia_share'].iloc[0])} in "
        f"{bal['year'].iloc[0]}, peaked at {text.pct(before_peak.max())} in {bal.loc[before_peak.idxmax(), 'year']}, "
        f"and has stayed between {text.pct(later.min())} and {text.pct(later.max())} in every year from "
        f"{bal.loc[bal['year'] > 2008, 'year'].min()} except {spike['year']}, when China's trade collapsed and "
        f"Russia's share rose to {text.pct(spike['russia_share'])}. The test compares "
        f"{text.pct(comparison['base']['russia_share'])} in {nk.window_label(comparison['base'], window)} with "
        f"{text.pct(comparison['latest']['russia_share'])} in {nk.window_label(comparison['latest'], window)}."
    )


def recent_description(recent_chn: pd.DataFrame, recent_rus: pd.DataFrame, bal: pd.DataFrame) -> str:
    """The alt text of :func:`helpers.charts_north_korea.recent_trade`."""
    years = sorted(int(y) for y in recent_chn["year"])
    row, first_rus = bal[bal["year"].isin(years)].iloc[-1], recent_rus.iloc[0]
    return (
        f"Bars for {text.year_span(years[0], years[-1])}. China's reported trade with North Korea was "
        + text.join_words([f"{text.usd_million(r.value)} in {r.year}" for r in recent_chn.itertuples()])
        + (
            f". Russia has one figure, {text.usd_million(first_rus['value'])} in {first_rus['year']}"
            if len(recent_rus) == 1
            else ". Russia's figures are "
            + text.join_words([f"{text.usd_million(r.value)} in {r.year}" for r in recent_rus.itertuples()])
        )
        + f"; the other years have none in the dataset. In {row['year']} China's trade was "
        f"{text.ratio(row['china_multiple'], digits=0)} Russia's."
    )
