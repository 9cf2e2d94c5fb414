"""Charts of the North Korea notebook: the two partners' trade, Russia's share, recent years, events."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib import ticker

from . import data, indicators, paper, style, text
from .chart_output import Chart
from .chart_parts import clip_ticks, finished, hollow_points, note, runs, status_rows
from .claims import north_korea as nk
from .data import Evidence

#: Short names of the publishers of the official figures after the IMF series (the point labels).
PUBLISHER_NAMES = {
    "General Administration of Customs of the People's Republic of China": "China's customs",
    "Federal Customs Service of the Russian Federation": "Russia's customs",
    "Administration of the President of the Russian Federation": "Kremlin",
}


def publisher_label(evidence: Evidence, sources) -> str:
    """Who published a point: the short names (:data:`PUBLISHER_NAMES`) of its sources' publishers.

    A publisher not listed keeps its own name, without a bracketed aside.
    """
    names = []
    for source_id in indicators.merge_sources(sources):
        publisher = str(evidence.source(source_id)["publisher"]).split(" (")[0]
        names.append(PUBLISHER_NAMES.get(publisher, publisher))
    return " and ".join(dict.fromkeys(names))


def trade_data(chn: pd.DataFrame, rus: pd.DataFrame, evidence: Evidence | None = None) -> pd.DataFrame:
    """The points of :func:`trade_lines`: one row per partner and year.

    Columns: partner, year, value (US$ million), basis, line ("IMF" or "official figure"), sources;
    with ``evidence``, also publisher (the short name a point is labelled with).
    """
    frames = [frame.assign(partner=code) for code, frame in (("CHN", chn), ("RUS", rus))]
    both = pd.concat(frames, ignore_index=True)
    out = pd.DataFrame(
        {
            "partner": both["partner"],
            "year": both["year"].astype(int),
            "value": both["value"],
            "basis": both["basis"],
            "line": ["IMF" if imf else "official figure" for imf in indicators.only_from(both["sources"], "imf-dots")],
            "sources": both["sources"].map(indicators.sources_text).to_numpy(),
        }
    )
    if evidence is not None:
        out.insert(5, "publisher", [publisher_label(evidence, ids) for ids in both["sources"]])
    return out


def trade_lines(
    evidence: Evidence, chn: pd.DataFrame, rus: pd.DataFrame, bal: pd.DataFrame, *, description: str
) -> Chart:
    """China's and Russia's reported trade with North Korea on a log scale.

    Lines: each partner's reports to the IMF, joined across consecutive years. After the IMF
    series, hollow markers: official figures, never joined to the lines or to each other (they
    rest on other publishers and bases), each run labelled by its publisher. ``chn`` and ``rus``
    are :func:`helpers.claims.north_korea.partner_trade`; ``bal`` their
    :func:`~helpers.claims.north_korea.balance`.
    """
    first_both, last_both = bal.iloc[0], bal.iloc[-1]
    imf_end = int(chn.loc[indicators.only_from(chn["sources"], "imf-dots"), "year"].max())
    plotted = trade_data(chn, rus, evidence)
    fig, ax = plt.subplots()
    for code, above in (("CHN", True), ("RUS", False)):
        own = plotted[plotted["partner"] == code]
        for run in runs(own[own["line"] == "IMF"]):
            ax.plot(run["year"], run["value"], color=style.colour(code), linewidth=2.2)
        official = own[own["line"] == "official figure"]
        hollow_points(ax, official["year"], official["value"], style.colour(code), size=6, edge=1.8)
        groups = (official["publisher"] != official["publisher"].shift()).cumsum()
        for _, group in official.groupby(groups.to_numpy()):  # one label per run of one publisher
            first, last = group.iloc[0], group.iloc[-1]
            words = f"{first['publisher']}, {text.year_span(first['year'], last['year'])}"
            if above:  # China's: above its points, ending at the last; Russia's: right of the first
                note(
                    ax,
                    last["year"],
                    group["value"].max(),
                    words,
                    dx=4,
                    dy=8,
                    ha="right",
                    size=7.5,
                    colour=style.colour(code),
                )
            else:
                note(
                    ax,
                    first["year"],
                    first["value"],
                    words,
                    dx=7,
                    ha="left",
                    va="center",
                    size=7.5,
                    colour=style.colour(code),
                )
    ax.axvspan(imf_end + 0.5, plotted["year"].max() + 0.8, color="#EBEBEB", zorder=0, linewidth=0)
    for code, frame, name, year, above in (("CHN", chn, "China", 2004, True), ("RUS", rus, "Russia", 2009, False)):
        at = frame.loc[frame["year"] == year, "value"]
        if not at.empty:
            style.label_line(ax, year, at.iloc[0], name, code, ha="right" if above else "left", above=above)
    ax.set_yscale("log")
    low = min(chn["value"].min(), rus["value"].min())
    ax.set_ylim(10 ** math.floor(math.log10(low)) if low < 10 else 10, 20_000)  # every point in view
    ax.set_xlim(plotted["year"].min() - 0.8, plotted["year"].max() + 0.8)
    ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _pos: text.usd_million(v, digits=0)))
    ax.yaxis.set_minor_formatter(ticker.NullFormatter())
    ax.set_ylabel("US$ (log scale)")
    style.mark_paper(ax)
    clip_ticks(fig)
    style.finish(
        fig,
        title=(
            f"China's reported trade with North Korea was {text.ratio(last_both['china_multiple'], digits=0)} "
            f"Russia's in {last_both['year']}, against {text.ratio(first_both['china_multiple'], digits=0)} "
            f"in {first_both['year']}"
        ),
        subtitle=(
            f"Merchandise trade (exports + imports) with North Korea as China and Russia each report it, US$ "
            f"million, {text.year_span(chn['year'].min(), chn['year'].max())}; log scale: each gridline is 10 "
            f"times the one below. Lines: IMF, to {imf_end}; hollow markers after: official figures relayed by news "
            "agencies, labelled by publisher and not joined (another basis)"
        ),
        evidence=evidence,
        source_ids=indicators.merge_sources(chn["sources"], rus["sources"]),
    )
    return finished(fig, description, plotted)


def russia_share(
    evidence: Evidence, bal: pd.DataFrame, comparison: dict, *, description: str, rule: nk.NorthKoreaRule | None = None
) -> Chart:
    """Russia's share of the two partners' trade: each year (thin), pooled windows (thick), the test's windows.

    ``comparison`` is :func:`helpers.claims.north_korea.compare` of the same view with ``rule``.
    """
    rule = rule or nk.NorthKoreaRule()
    rolled = nk.rolling_share(bal, rule.window)
    fig, ax = plt.subplots()
    for run in runs(bal):
        ax.plot(
            run["year"].astype(int),
            run["russia_share"],
            color=style.colour("RUS"),
            linewidth=0.9,
            marker="o",
            markersize=3.5,
        )
    for run in runs(rolled):
        ax.plot(run["year"].astype(int), run["russia_share"], color=style.colour("RUS"), linewidth=2.6)
    for key, words in (("base", "earlier window"), ("latest", "latest window")):
        point = comparison[key]
        end, share = max(point["years"]) + 0.4, point["russia_share"]
        ax.hlines(share, min(point["years"]) - 0.4, end, color="black", linewidth=3.5, zorder=5)
        latest = key == "latest"
        note(
            ax,
            end,
            share,
            f"{words}: {text.pct(share)}",
            dx=4,
            dy=14 if latest else 6,
            ha="right" if latest else "left",
            va="baseline",
        )
    spike = bal.loc[bal["year"] > bal["year"].min() + 8].sort_values("russia_share").iloc[-1]
    first_roll = rolled.iloc[0]
    anchor = rolled[rolled["year"] == 2006].iloc[0] if (rolled["year"] == 2006).any() else first_roll
    style.label_line(
        ax,
        int(anchor["year"]) + 0.6,
        anchor["russia_share"],
        f"{rule.window}-year pooled share (thick)",
        "RUS",
        ha="left",
        above=False,
    )
    style.label_line(ax, spike["year"], spike["russia_share"], "each year (thin)", "RUS", ha="right")
    ax.set_ylim(0, bal["russia_share"].max() * 1.2)
    ax.set_xlim(bal["year"].min() - 0.8, bal["year"].max() + 0.8)
    ax.set_ylabel("Russia's % of the two partners' trade")
    style.mark_paper(ax)
    first_window = text.year_span(int(first_roll["year"]) - rule.window + 1, int(first_roll["year"]))
    latest = comparison["latest"]
    clip_ticks(fig)
    style.finish(
        fig,
        title=(
            f"Russia's part of the two partners' trade with North Korea "
            f"{text.change_word(first_roll['russia_share'], latest['russia_share'])} from "
            f"{text.pct(first_roll['russia_share'])} in {first_window} to {text.pct(latest['russia_share'])} in "
            f"{nk.window_label(latest, rule.window)}"
        ),
        subtitle=(
            f"Russia's reported trade with North Korea as a percentage of China's plus Russia's, each as "
            f"reported by itself, {text.year_span(bal['year'].min(), bal['year'].max())} (years with figures "
            "from both)"
        ),
        evidence=evidence,
        source_ids=indicators.merge_sources(bal["sources"]),
    )
    return finished(fig, description, share_data(bal, comparison, rule.window))


def share_data(bal: pd.DataFrame, comparison: dict, window: int) -> pd.DataFrame:
    """The points of :func:`russia_share`: each year, the pooled windows, the two windows compared.

    Columns: year (the last year of a window), line ("each year", "pooled", "earlier window",
    "latest window"), russia_share (percent), sources.
    """
    sources = dict(zip(bal["year"].astype(int), bal["sources"]))

    def pooled_sources(last: int, years=None) -> str:
        years = years or [y for y in sources if last - window < y <= last]
        return indicators.sources_text([sources[y] for y in years])

    rolled = nk.rolling_share(bal, window)
    rows = [
        (int(r.year), "each year", r.russia_share, pooled_sources(int(r.year), [int(r.year)])) for r in bal.itertuples()
    ]
    rows += [
        (int(r.year), f"{window}-year pooled", r.russia_share, pooled_sources(int(r.year))) for r in rolled.itertuples()
    ]
    for key, words in (("base", "earlier window"), ("latest", "latest window")):
        years, share = comparison[key]["years"], comparison[key]["russia_share"]
        rows.append((max(years), words, share, pooled_sources(max(years), years)))
    return pd.DataFrame(rows, columns=["year", "line", "russia_share", "sources"])


def recent_trade(
    evidence: Evidence, recent_chn: pd.DataFrame, recent_rus: pd.DataFrame, bal: pd.DataFrame, *, description: str
) -> Chart:
    """Paired bars of the official figures after the IMF series, "no Russian figure" where there is none."""
    years = sorted(int(y) for y in recent_chn["year"])
    both_recent = bal[bal["year"].isin(years)]
    fig, ax = plt.subplots()
    width = 0.38
    for frame, shift, code in ((recent_chn, -width / 2, "CHN"), (recent_rus, width / 2, "RUS")):
        ax.bar(frame["year"].astype(int) + shift, frame["value"], width=width, color=style.colour(code))
        for row in frame.itertuples():
            note(ax, int(row.year) + shift, row.value, text.usd_million(row.value), dy=3)
        first = frame.iloc[0]
        name = "China" if code == "CHN" else "Russia"
        note(
            ax,
            int(first["year"]) + shift,
            first["value"],
            name,
            dy=16,
            va="baseline",
            size=9,
            colour=style.colour(code),
            bold=True,
        )
    for year in sorted(set(years) - set(int(y) for y in recent_rus["year"])):
        note(ax, year + width / 2, 0, "no Russian figure", dy=4, size=7.5, colour=style.GREY, rotation=90)
    ax.set_ylim(0, recent_chn["value"].max() * 1.15)
    ax.set_xticks(years)
    ax.set_xlim(years[0] - 0.6, years[-1] + 0.6)
    ax.xaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _pos: f"{v:.0f}"))
    ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _pos: text.usd_million(v, digits=1) if v else "0"))
    ax.set_ylabel("US$, each partner's reported trade")
    row = both_recent.iloc[-1]
    clip_ticks(fig)
    style.finish(
        fig,
        title=(
            f"In {row['year']}, the only recent year with a Russian figure, China's trade with North Korea was "
            f"{text.ratio(row['china_multiple'], digits=0)} Russia's"
            if len(both_recent) == 1
            else "China's trade with North Korea was "
            + text.join_words(
                [f"{text.ratio(r.china_multiple, digits=0)} Russia's in {r.year}" for r in both_recent.itertuples()]
            )
            + ", the recent years with a Russian figure"
        ),
        subtitle=(
            f"Merchandise trade with North Korea as each partner's officials report it, US$ million, "
            f"{text.year_span(years[0], years[-1])}; China: customs; Russia: Russian statistics relayed from its customs or "
            "quoted by the Kremlin"
        ),
        evidence=evidence,
        source_ids=indicators.merge_sources(recent_chn["sources"], recent_rus["sources"]),
        note="values rounded in the sources stay rounded",
    )
    return finished(fig, description, trade_data(recent_chn, recent_rus).drop(columns="line"))


#: The projects' names on the timeline (a project not listed shows its id in words).
PROJECT_NAMES = {
    "six-party-talks": "Six-Party Talks",
    "rus-prk-debt-settlement": "Soviet-era debt settlement",
    "rajin-khasan": "Khasan-Rajin rail and port link",
    "rus-prk-railway-modernisation": "Railway modernisation deal",
    "rus-prk-summits": "Putin-Kim summits",
    "un-1718-panel-of-experts": "UN sanctions panel of experts",
    "rus-prk-partnership-treaty": "Partnership treaty",
    "rus-prk-tumen-road-bridge": "Tumen River road bridge",
    "rus-prk-troops-kursk": "North Korean troops in Kursk",
    "rus-prk-passenger-rail": "Pyongyang-Moscow train",
}


def row_label(project: str, names: dict[str, str] | None = None) -> str:
    """A project's name on the timeline: ``names``, then :data:`PROJECT_NAMES`, then its id in words.

    >>> row_label("the-new-port"), row_label("rajin-khasan"), row_label("x", {"x": "the bridge"})
    ('New port', 'Khasan-Rajin rail and port link', 'Bridge')
    """
    name = {**PROJECT_NAMES, **(names or {})}.get(project, project.replace("-", " ")).removeprefix("the ")
    return name[0].upper() + name[1:]


def with_others(rows: pd.DataFrame) -> bool:
    """Whether a project's events (``parties`` column) involve any state besides Russia and North Korea."""
    return not all(sorted(p.split()) == ["PRK", "RUS"] for p in rows["parties"])


def events_timeline(
    evidence: Evidence, events: pd.DataFrame, names: dict[str, str] | None, title: str, *, description: str
) -> Chart:
    """One row per project, a marker per dated event, coloured by the status it set as on the overview's
    timeline (:data:`helpers.style.STATUS_STYLE`: a bridge under construction is drawn apart
    from the projects in force or implemented).

    ``events`` are the theme's rows of ``data/events.csv``; ``names`` the projects' names (added to
    :data:`PROJECT_NAMES`). A row whose events involve other states than Russia and North Korea says
    so in its name; each row ends with the project's current status and its date.
    """
    events = events.assign(when=events["date"].map(data.period_end))
    events["x"] = events["when"].dt.year + (events["when"].dt.day_of_year - 1) / 365.25
    order = events.groupby("project")["when"].min().sort_values().index.tolist()
    fig, ax = plt.subplots(figsize=(8, max(4.8, 2.4 + 0.42 * len(order))))
    x_range = (min(events["x"].min(), paper.YEAR) - 0.8, events["x"].max() + 0.8)  # the paper's line in view
    rows = [events[events["project"] == project].sort_values("when") for project in order]
    labels = [row_label(p, names) + ("\n(with other states)" if with_others(r) else "") for p, r in zip(order, rows)]
    status_rows(ax, rows, labels, style.STATUS_STYLE, x_range=x_range)
    style.mark_paper(ax)
    clip_ticks(fig)
    style.finish(
        fig,
        title=title,
        subtitle=(
            f"Dated North Korea events in the data, {text.year_span(int(events['date'].min()[:4]), int(events['date'].max()[:4]))}, "
            "each coloured by the status it set, as on the overview's timeline; each row ends with the "
            "project's current status"
        ),
        evidence=evidence,
        source_ids=sorted(events["source_id"].unique()),
    )
    plotted = events.sort_values(["when", "project"])[["project", "date", "status", "x", "source_id"]]
    plotted = plotted.rename(columns={"x": "decimal_year", "source_id": "sources"}).reset_index(drop=True)
    return finished(fig, description, plotted)


# -- the description (alt text) of the timeline; the other charts' are in :mod:`helpers.north_korea_story` --


def timeline_description(events: pd.DataFrame, as_of: str, names: dict[str, str] | None = None) -> str:
    """The alt text of :func:`events_timeline`; ``as_of`` is the paper's date (events after it are counted)."""
    events = events.assign(when=events["date"].map(data.period_end))
    order = events.groupby("project")["when"].min().sort_values().index.tolist()
    after = events[events["when"] > data.period_end(as_of)]
    return (
        f"A timeline of {len(order)} projects and {len(events)} events. "
        + " ".join(
            f"{row_label(p, names)}: "
            + ", ".join(f"{r.status} {r.date}" for r in events[events["project"] == p].sort_values("when").itertuples())
            + "."
            for p in order
        )
        + f" {len(after)} of the {len(events)} events come after the paper"
        + (
            ", all between Russia and North Korea."
            if all(sorted(p.split()) == ["PRK", "RUS"] for p in after["parties"])
            else f", {sum(sorted(p.split()) == ['PRK', 'RUS'] for p in after['parties'])} of them between Russia and "
            "North Korea alone."
        )
    )
