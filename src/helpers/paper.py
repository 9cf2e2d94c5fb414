"""Facts about the paper under test, in one place."""

from __future__ import annotations

from datetime import date

#: Row of the paper in ``data/sources.csv``.
SOURCE_ID = "blank-2017"

#: Publication date of the working paper (NBR, 28 June 2017).
DATE = date(2017, 6, 28)

#: The year the paper marks on every time series.
YEAR = DATE.year

CITATION = (
    'Blank, Stephen J. (2017). Russia\'s "Pivot to Asia": The Multilateral Dimensions. '
    "NBR Working Paper. Seattle: The National Bureau of Asian Research, 28 June 2017."
)


def last_full_year_known(when: date) -> int:
    """The last calendar year whose annual figures could exist on ``when``.

    An annual figure for year Y describes a year that ends on 31 December, so at the
    earliest it is known on 1 January of Y+1. On the paper's date, 28 June 2017, the
    latest annual data the author could have seen were for 2016.

    >>> last_full_year_known(date(2017, 6, 28))
    2016
    >>> last_full_year_known(date(2018, 1, 1))
    2017
    """
    return when.year - 1
