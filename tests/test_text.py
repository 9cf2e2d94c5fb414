"""Tests for helpers.text (run with PYTHONPATH=src)."""

import math
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import text

SETTINGS = settings(derandomize=True, deadline=None)

# --- examples ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (69_500_000_000, "$69.5 bn"),
        (1_234_000_000_000, "$1.2 tn"),
        (950_000_000, "$950 mn"),
        (12_300_000, "$12.3 mn"),
        (5_000, "$5,000"),
        (-3_200_000_000, "-$3.2 bn"),
        (0, "$0"),
        (0.0, "$0"),
        (-0.4, "$0"),
        (1_000_000, "$1.0 mn"),
        (100_000_000, "$100 mn"),
        (99_900_000, "$99.9 mn"),
        (999_999.4, "$999,999"),
        (1e18, "$1,000,000.0 tn"),
    ],
)
def test_usd_examples(value, expected):
    assert text.usd(value) == expected


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [
        # Scale is chosen after rounding: never "1000.0 mn" or "1000.0 bn".
        (999.96e6, 1, "$1.0 bn"),
        (999.95e6, 1, "$1.0 bn"),
        (999.4e6, 1, "$999 mn"),
        (999.96e9, 1, "$1.0 tn"),
        (999.95e9, 1, "$1.0 tn"),
        (999.94e9, 1, "$999.9 bn"),
        (999.96e9, 2, "$999.96 bn"),
        (999_999.5, 1, "$1.0 mn"),
        # 99.96 mn rounds to 100.0 mn, which is shown without decimals.
        (99.96e6, 1, "$100 mn"),
        (99.96e6, 2, "$99.96 mn"),
        (-999.96e6, 1, "-$1.0 bn"),
        (69_500_000_000, 0, "$70 bn"),
        (69_500_000_000, 3, "$69.500 bn"),
        (12_345_678, 2, "$12.35 mn"),
    ],
)
def test_usd_rounding_boundaries(value, digits, expected):
    assert text.usd(value, digits=digits) == expected


def test_usd_million():
    assert text.usd_million(69500) == "$69.5 bn"
    assert text.usd_million(12.3) == "$12.3 mn"
    assert text.usd_million(950) == "$950 mn"
    assert text.usd_million(999.96) == "$1.0 bn"
    assert text.usd_million(1_234_000) == "$1.2 tn"
    assert text.usd_million(0.005) == "$5,000"
    assert text.usd_million(-3200) == "-$3.2 bn"
    assert text.usd_million(0) == "$0"
    assert text.usd_million(69500, digits=2) == "$69.50 bn"


def test_pct():
    assert text.pct(12.345) == "12.3%"
    assert text.pct(12.345, digits=2) == "12.35%"  # stored as 12.34500000000000063...
    assert text.pct(2.675, digits=2) == "2.67%"  # stored as 2.67499999999999982...
    assert text.pct(50) == "50.0%"
    assert text.pct(7, digits=0) == "7%"
    assert text.pct(0) == "0.0%"
    assert text.pct(-3) == "-3.0%"
    assert text.pct(-0.04) == "0.0%"
    assert text.pct(1234.5) == "1,234.5%"


def test_pct_change():
    assert text.pct_change(12.3) == "+12.3%"
    assert text.pct_change(-4) == "-4.0%"
    assert text.pct_change(0) == "0.0%"
    assert text.pct_change(-0.0) == "0.0%"
    assert text.pct_change(0.04) == "0.0%"
    assert text.pct_change(-0.04) == "0.0%"
    assert text.pct_change(-0.05) == "-0.1%"  # 0.05 is stored just above 0.05
    assert text.pct_change(-0.4, digits=0) == "0%"
    assert text.pct_change(2.5, digits=0) == "+2%"  # exact tie goes to even


def test_pp():
    assert text.pp(3.25) == "+3.2 pp"  # exact tie goes to even
    assert text.pp(3.75) == "+3.8 pp"  # exact tie goes to even
    assert text.pp(-1) == "-1.0 pp"
    assert text.pp(0) == "0.0 pp"
    assert text.pp(-0.01) == "0.0 pp"
    assert text.pp(1.234, digits=2) == "+1.23 pp"


def test_ratio():
    assert text.ratio(3.4) == "3.4x"
    assert text.ratio(12, digits=0) == "12x"
    assert text.ratio(0) == "0.0x"
    assert text.ratio(1500) == "1,500.0x"


def test_number():
    assert text.number(1234567) == "1,234,567"
    assert text.number(3.14159, digits=2) == "3.14"
    assert text.number(0) == "0"
    assert text.number(-1234.5, digits=1) == "-1,234.5"
    assert text.number(-0.4) == "0"
    assert text.number(999.5) == "1,000"


def test_change_word():
    assert text.change_word(100, 120) == "rose"
    assert text.change_word(100, 80) == "fell"
    assert text.change_word(100, 100) == "was unchanged"
    assert text.change_word(100, 100.5, tolerance=0.01) == "was unchanged"
    assert text.change_word(100, 101, tolerance=0.01) == "was unchanged"
    assert text.change_word(100, 101.5, tolerance=0.01) == "rose"
    assert text.change_word(-100, -99.5, tolerance=0.01) == "was unchanged"
    assert text.change_word(-100, -90) == "rose"
    assert text.change_word(0, 0, tolerance=0.5) == "was unchanged"
    assert text.change_word(0, 1e-9, tolerance=0.5) == "rose"
    assert text.change_word(0, -1e-9) == "fell"


def test_change_word_rejects_negative_tolerance():
    with pytest.raises(ValueError, match=r"change_word\(\): tolerance"):
        text.change_word(1, 2, tolerance=-0.1)


def test_year_span():
    assert text.year_span(2000, 2020) == "2000\u20132020"
    assert text.year_span(2000, 2020) == "2000–2020"
    assert text.year_span(2000, 2000) == "2000"
    assert text.year_span(np.int64(2001), np.int32(2005)) == "2001–2005"


def test_year_span_rejects_reversed_years():
    with pytest.raises(ValueError, match=r"year_span\(\).*2020.*2000"):
        text.year_span(2020, 2000)


def test_join_words():
    assert text.join_words([]) == ""
    assert text.join_words(["a"]) == "a"
    assert text.join_words(["a", "b"]) == "a and b"
    assert text.join_words(["a", "b", "c"]) == "a, b and c"
    assert text.join_words(("x", "y")) == "x and y"
    assert text.join_words(["China", "India", "Brazil", "Chile"]) == ("China, India, Brazil and Chile")


# --- numpy and pandas scalars -------------------------------------------------


def test_numpy_scalars_are_accepted_like_floats():
    assert text.usd(np.float64(69.5e9)) == "$69.5 bn"
    assert text.usd(np.int64(5_000)) == "$5,000"
    assert text.usd_million(np.float64(69500)) == "$69.5 bn"
    assert text.usd_million(np.int64(69500)) == "$69.5 bn"
    assert text.pct(np.float64(12.345)) == "12.3%"
    assert text.pct(np.float32(50.0)) == "50.0%"
    assert text.pct_change(np.float64(-4)) == "-4.0%"
    assert text.pp(np.float64(3.25)) == "+3.2 pp"
    assert text.ratio(np.int64(3)) == "3.0x"
    assert text.number(np.int64(1234567)) == "1,234,567"
    assert text.change_word(np.float64(1), np.int64(2)) == "rose"
    assert text.pct(12.5, digits=np.int64(0)) == "12%"


def test_pandas_values_are_accepted():
    pd = pytest.importorskip("pandas")
    series = pd.Series([69500.0, 950.0])
    assert text.usd_million(series.iloc[0]) == "$69.5 bn"
    assert text.usd_million(series.max()) == "$69.5 bn"
    assert text.number(pd.Series([1, 2, 3]).sum()) == "6"


# --- bad input ----------------------------------------------------------------

NUMBER_FUNCTIONS = {
    "usd": text.usd,
    "usd_million": text.usd_million,
    "pct": text.pct,
    "pct_change": text.pct_change,
    "pp": text.pp,
    "ratio": text.ratio,
    "number": text.number,
}

# Each bad value with the exception it must raise and a fragment of the message.
BAD_VALUES = [
    (math.nan, ValueError, "got nan"),
    (np.float64("nan"), ValueError, "got nan"),
    (math.inf, ValueError, "got inf"),
    (-math.inf, ValueError, "got -inf"),
    (None, TypeError, "got None"),
    ("12", TypeError, "got '12'"),
    (True, TypeError, "got True"),
    (np.bool_(False), TypeError, "got np.False_"),
    (10**400, ValueError, "finite"),
]


@pytest.mark.parametrize("name", NUMBER_FUNCTIONS)
@pytest.mark.parametrize(("bad", "error", "fragment"), BAD_VALUES)
def test_number_functions_reject_bad_values(name, bad, error, fragment):
    with pytest.raises(error) as info:
        NUMBER_FUNCTIONS[name](bad)
    message = str(info.value)
    assert message.startswith(f"{name}(): value must be")
    assert fragment in message


def test_error_message_wording():
    with pytest.raises(ValueError, match=r"^usd\(\): value must be a finite number, got nan$"):
        text.usd(float("nan"))


@pytest.mark.parametrize("name", NUMBER_FUNCTIONS)
@pytest.mark.parametrize(
    ("digits", "error"),
    [(-1, ValueError), (1.0, TypeError), (None, TypeError), ("1", TypeError), (True, TypeError)],
)
def test_number_functions_reject_bad_digits(name, digits, error):
    with pytest.raises(error, match=rf"^{name}\(\): digits must be"):
        NUMBER_FUNCTIONS[name](1.0, digits=digits)


@pytest.mark.parametrize(("bad", "error", "fragment"), BAD_VALUES)
@pytest.mark.parametrize("argument", ["before", "after", "tolerance"])
def test_change_word_rejects_bad_values(bad, error, fragment, argument):
    arguments = {"before": 1.0, "after": 2.0, "tolerance": 0.0}
    arguments[argument] = bad
    with pytest.raises(error) as info:
        text.change_word(arguments["before"], arguments["after"], tolerance=arguments["tolerance"])
    message = str(info.value)
    assert message.startswith(f"change_word(): {argument} must be")
    assert fragment in message


def test_year_span_accepts_whole_floats_from_pandas_rows():
    assert text.year_span(2000.0, np.float64(2016)) == "2000–2016"


@pytest.mark.parametrize("bad", [math.nan, math.inf, None, "12", True, 2000.5, np.float64(2000.25)])
@pytest.mark.parametrize("argument", ["first", "last"])
def test_year_span_rejects_bad_values(bad, argument):
    arguments = {"first": 2000, "last": 2020}
    arguments[argument] = bad
    with pytest.raises(TypeError, match=rf"^year_span\(\): {argument} must be an integer, got"):
        text.year_span(arguments["first"], arguments["last"])


@pytest.mark.parametrize(
    "bad",
    [math.nan, math.inf, None, "12", "ab", True, {"a", "b"}, ["a", math.nan], ["a", None], ["a", 12], [True]],
)
def test_join_words_rejects_bad_values(bad):
    with pytest.raises(TypeError, match=r"^join_words\(\): .* must be .*, got"):
        text.join_words(bad)


# --- properties ---------------------------------------------------------------

SCALE = {"": 1.0, "mn": 1e6, "bn": 1e9, "tn": 1e12}
USD_PATTERN = re.compile(r"^(-?)\$([0-9,]+(?:\.([0-9]+))?)(?: (mn|bn|tn))?$")
amounts = st.floats(min_value=-1e16, max_value=1e16, allow_nan=False, allow_infinity=False)


@SETTINGS
@given(value=amounts, digits=st.integers(min_value=0, max_value=3))
def test_usd_parses_back_to_the_input(value, digits):
    result = text.usd(value, digits=digits)
    match = USD_PATTERN.match(result)
    assert match, result
    sign, shown, decimals, word = match.groups()
    word = word or ""
    mantissa = float(shown.replace(",", ""))
    # Within half a unit of the last digit shown (plus float noise).
    places = len(decimals) if decimals else 0
    half_unit = 0.5 * 10.0**-places * SCALE[word]
    parsed = (-1 if sign else 1) * mantissa * SCALE[word]
    assert abs(parsed - value) <= half_unit + 1e-12 * abs(value)
    # The scale is chosen after rounding: the shown number stays below 1000
    # (or one million for whole dollars), except on the largest scale.
    if word in ("mn", "bn"):
        assert 1 <= mantissa < 1000, result
    if word == "tn":
        assert mantissa >= 1, result
    if word == "":
        assert mantissa < 1e6, result
        assert places == 0
    # Decimals: digits, except whole numbers from 100 mn and for dollars.
    if word == "mn" and mantissa >= 100:
        assert places == 0, result
    elif word:
        assert places == digits, result
    # No sign on a zero, never a "+" sign.
    assert result != "-$0"
    assert "+" not in result


@SETTINGS
@given(value_mn=st.integers(min_value=-(10**9), max_value=10**9))
def test_usd_million_matches_usd(value_mn):
    assert text.usd_million(value_mn) == text.usd(value_mn * 1_000_000)


@SETTINGS
@given(
    value=st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
    digits=st.integers(min_value=0, max_value=4),
)
def test_pct_change_sign_matches_rounded_value(value, digits):
    result = text.pct_change(value, digits=digits)
    assert result.endswith("%")
    assert not re.fullmatch(r"-0(\.0*)?%", result)
    rounded = round(value, digits)
    if rounded > 0:
        assert result.startswith("+")
    elif rounded < 0:
        assert result.startswith("-")
    else:
        assert result[0].isdigit()
    assert float(result[:-1].replace(",", "")) == rounded
    # pp and pct use the same number.
    assert text.pp(value, digits=digits) == result[:-1] + " pp"
    assert text.pct(value, digits=digits) == result.lstrip("+")


@SETTINGS
@given(
    value=st.floats(min_value=-1e12, max_value=1e12, allow_nan=False),
    digits=st.integers(min_value=0, max_value=4),
)
def test_number_parses_back(value, digits):
    result = text.number(value, digits=digits)
    assert re.fullmatch(r"-?\d{1,3}(,\d{3})*(\.\d+)?", result), result
    assert float(result.replace(",", "")) == round(value, digits)


words = st.text(alphabet=st.characters(categories=["L"]), min_size=1, max_size=8)


@SETTINGS
@given(items=st.lists(words, max_size=8))
def test_join_words_keeps_every_item(items):
    result = text.join_words(items)
    for item in items:
        assert item in result
    if len(items) >= 2:
        assert result.count(", ") == len(items) - 2
        assert result.count(" and ") == 1
        assert result.endswith(" and " + items[-1])
        assert result.count(", ") + result.count(" and ") == len(items) - 1
    else:
        assert result == "".join(items)


finite = st.floats(allow_nan=False, allow_infinity=False)


@SETTINGS
@given(before=finite, after=finite)
def test_change_word_is_antisymmetric(before, after):
    forward = text.change_word(before, after)
    backward = text.change_word(after, before)
    swap = {"rose": "fell", "fell": "rose", "was unchanged": "was unchanged"}
    assert backward == swap[forward]
    assert (forward == "was unchanged") == (before == after)


@SETTINGS
@given(
    before=st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
    after=st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
    tolerance=st.floats(min_value=0, max_value=1),
)
def test_change_word_tolerance_only_widens_unchanged(before, after, tolerance):
    strict = text.change_word(before, after)
    loose = text.change_word(before, after, tolerance=tolerance)
    assert loose in (strict, "was unchanged")


@SETTINGS
@given(first=st.integers(min_value=1800, max_value=2100), length=st.integers(0, 100))
def test_year_span_round_trips(first, length):
    result = text.year_span(first, first + length)
    parts = [int(part) for part in result.split("–")]
    assert parts[0] == first and parts[-1] == first + length
    assert len(parts) == (1 if length == 0 else 2)
