"""One thing wrong with the data, named precisely enough to fix it (file, row, field, rule)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in the data.

    ``row`` is the CSV row as a spreadsheet numbers it: the header is row 1, the first data
    row is row 2. (It equals the line number in a text editor unless a quoted cell spans lines.)
    """

    file: str
    row: int | None
    field: str | None
    rule: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.field:
            where += f", field '{self.field}'"
        return f"{where}: {self.rule}: {self.message}"
