"""Property: a structural slip in a CSV never loads silently.

Students edit the CSVs by hand. Whatever stray delimiter, lost delimiter, broken line or stray
quote lands on a data row, the result is either refused with a located problem (file, rule,
and the row where a row is to blame) or, if nothing was actually changed, loads to the same
tables. It never loads as different data without a word.

The copies are made from the small version of the data (conftest: observations.csv without
its two largest series), so that frictionless, which reads every broken copy, stays quick.
"""

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from conftest import FRICTIONLESS_EXAMPLES, copy_small_data, small_observation_lines
from helpers import datapackage

FILE = "observations.csv"


def _plain_lines(text: str):
    """Line numbers (0-based, header excluded) of rows without quotes: the hand-edited kind."""
    lines = text.split("\n")
    return lines, [i for i, line in enumerate(lines) if i > 0 and line and '"' not in line]


ORIGINAL_LINES, PLAIN = _plain_lines("".join(small_observation_lines()))


def _edit(line: str, op: str, position: int) -> str:
    position = position % (len(line) + 1)
    if op == "insert comma":
        return line[:position] + "," + line[position:]
    if op == "delete comma":
        commas = [i for i, ch in enumerate(line) if ch == ","]
        cut = commas[position % len(commas)]
        return line[:cut] + line[cut + 1 :]
    if op == "break line":
        return line[:position] + "\n" + line[position:]
    if op == "stray quote":
        return line[:position] + '"' + line[position:]
    raise ValueError(op)


@FRICTIONLESS_EXAMPLES
@given(
    row=st.sampled_from(PLAIN),
    op=st.sampled_from(["insert comma", "delete comma", "break line", "stray quote"]),
    position=st.integers(min_value=0, max_value=200),
)
def test_a_structural_slip_is_refused_or_harmless(tmp_path_factory, row, op, position):
    folder = copy_small_data(tmp_path_factory.mktemp("edit") / "data")
    original = datapackage.read_table("observations", folder)
    lines = list(ORIGINAL_LINES)
    lines[row] = _edit(lines[row], op, position)
    (folder / FILE).write_text("\n".join(lines), encoding="utf-8")
    problems = datapackage.validate(folder)
    if problems:
        assert all(p.file and p.rule for p in problems)
        assert any(p.file.endswith(FILE) for p in problems), problems[:3]
        row_level = [p for p in problems if p.file.endswith(FILE) and p.row is not None]
        assert row_level, f"{op} on row {row + 1}: no problem names a row: {problems[:3]}"
    else:  # accepted: then it must be the very same data
        edited = datapackage.read_table("observations", folder)
        pd.testing.assert_frame_equal(edited, original, obj=f"{op} at {position} on row {row + 1} loaded silently")
