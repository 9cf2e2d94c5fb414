"""What ``make update-data`` fetches: the IMF and World Bank series, their codes and the shape of the answers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Feed:
    """One series of ``data/`` and where the publisher serves it.

    ``committed_source`` is the source id of the vintage in the repository; later vintages get
    the id ``<slug>-<retrieval date>``. Publisher values are divided by ``scale`` to get the
    series' unit (the IMF answers in US dollars; the trade series are in US$ million).
    """

    series_id: str
    slug: str
    publisher: str
    dataset: str
    code: str
    committed_source: str
    page: str
    licence: str = ""
    scale: float = 1.0


IMF = "International Monetary Fund"
WB = "World Bank"
IMF_PAGE = "https://data.imf.org/"

IMF_FEEDS = (
    Feed(
        "merchandise_exports",
        "imf-imts-exports",
        IMF,
        "International Trade in Goods by partner country (IMTS): exports of goods, FOB, US dollars, annual",
        "XG_FOB_USD",
        "imf-dots",
        IMF_PAGE,
        scale=1e6,
    ),
    Feed(
        "merchandise_imports",
        "imf-imts-imports",
        IMF,
        "International Trade in Goods by partner country (IMTS): imports of goods, CIF, US dollars, annual",
        "MG_CIF_USD",
        "imf-dots",
        IMF_PAGE,
        scale=1e6,
    ),
)


def _wdi(series_id: str, committed: str, title: str, code: str) -> Feed:
    return Feed(
        series_id,
        committed,
        WB,
        f"World Development Indicators: {title}, {code}",
        code,
        committed,
        f"https://data.worldbank.org/indicator/{code}",
        "CC BY 4.0",
    )


WB_FEEDS = (
    _wdi("gdp_current_usd", "wb-wdi-gdp", "GDP (current US$)", "NY.GDP.MKTP.CD"),
    _wdi("gdp_growth", "wb-wdi-gdp-growth", "GDP growth (annual %)", "NY.GDP.MKTP.KD.ZG"),
    _wdi(
        "fuel_exports_share",
        "macro-wb-wdi-fuel-exports",
        "Fuel exports (% of merchandise exports)",
        "TX.VAL.FUEL.ZS.UN",
    ),
    _wdi(
        "remittances_received_usd",
        "macro-wb-wdi-remittances",
        "Personal remittances, received (current US$)",
        "BX.TRF.PWKR.CD.DT",
    ),
    _wdi(
        "military_expenditure_gdp",
        "macro-wb-wdi-military-expenditure",
        "Military expenditure (% of GDP)",
        "MS.MIL.XPND.GD.ZS",
    ),
)

#: The IMF's code where it differs from the entity code used in ``data/``.
IMF_CODES = {"WLD": "G001"}
IMF_DATAFLOW = "IMTS"
#: Columns of a tidy IMTS answer: one row per observation (the shape ``imfp.imf_get`` documents,
#: and ``sdmx.to_pandas(message).reset_index()`` once its value column is named OBS_VALUE).
IMF_COLUMNS = ("COUNTRY", "INDICATOR", "COUNTERPART_COUNTRY", "FREQUENCY", "TIME_PERIOD", "OBS_VALUE")
#: Keys of one row from ``wbgapi.data.fetch(..., numericTimeKeys=True)``.
WB_KEYS = ("value", "series", "economy", "time")
