"""Read a resource's CSV with the types its schema declares; dates written as periods."""

from __future__ import annotations

import os

import pandas as pd

from ..paths import data_dir
from .descriptor import field_types, resource_path

#: Table Schema type -> pandas dtype used when reading the CSVs.
DTYPES = {"string": "str", "integer": "Int64", "number": "float64"}


def read_table(name: str, directory: str | os.PathLike | None = None) -> pd.DataFrame:
    """Read one resource's CSV with the dtypes its schema declares (no validation)."""
    folder = data_dir(directory)
    frame = pd.read_csv(
        resource_path(name, folder), dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8-sig"
    )  # -sig: a byte-order mark some editors add is not data
    for column, kind in field_types(name, folder).items():
        if column in frame:
            frame[column] = frame[column].astype(DTYPES.get(kind, "str"))
    return frame


def period_end(period: str) -> pd.Timestamp:
    """The last day of a period written YYYY, YYYY-MM or YYYY-MM-DD.

    >>> period_end("2016").date(), period_end("2016-02").date(), period_end("2016-05-20").date()
    (datetime.date(2016, 12, 31), datetime.date(2016, 2, 29), datetime.date(2016, 5, 20))
    """
    parts = str(period).split("-")
    if len(parts) == 1:
        return pd.Timestamp(int(parts[0]), 12, 31)
    if len(parts) == 2:
        return pd.Timestamp(int(parts[0]), int(parts[1]), 1) + pd.offsets.MonthEnd(0)
    return pd.Timestamp(str(period))
