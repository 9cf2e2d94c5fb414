"""Turn numbers into short English phrases for the notebooks' prose.

Every sentence about the data should be built from the data, for example
``f"Exports {change_word(a, b)} to {usd_million(b)}."``, never typed by hand.

Conventions shared by all functions:

* Output is plain English and does not depend on the locale: the thousands
  separator is always "," and the decimal mark always ".".
* Rounding is Python's own float formatting: the exact binary value of the
  float is rounded, and exact ties go to the even digit.  So ``3.25`` (which
  is stored exactly) becomes ``3.2``, while ``3.35`` (stored as
  3.35000000000000008...) becomes ``3.4``.
* A value that rounds to zero is shown without a sign, so "-0.0" never
  appears.
* Values must be real numbers: ``int``, ``float`` and numpy/pandas scalars
  such as ``np.float64`` or ``np.int64``.  Booleans, strings, ``None`` and
  other objects raise ``TypeError``; NaN and infinities raise ``ValueError``.
  Both messages name the function and the bad value.
* ``digits`` (the number of decimals) must be a non-negative integer.
"""

from __future__ import annotations

import math
import numbers

__all__ = [
    "usd",
    "usd_million",
    "pct",
    "pct_change",
    "pp",
    "ratio",
    "number",
    "change_word",
    "year_span",
    "join_words",
]

# (size in US$, word shown after the number), smallest first.
_SCALES = [(1.0, ""), (1e6, " mn"), (1e9, " bn"), (1e12, " tn")]


# --- input checks ----------------------------------------------------------


def _real(func: str, value: object, name: str = "value") -> float:
    """Return ``value`` as a float, or raise naming ``func`` and the value."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{func}(): {name} must be a real number, got {value!r} ({type(value).__name__})")
    try:
        result = float(value)
    except OverflowError:  # an int too large for a float
        raise ValueError(f"{func}(): {name} must be a finite number, got {value!r}") from None
    if not math.isfinite(result):
        raise ValueError(f"{func}(): {name} must be a finite number, got {result!r}")
    return result


def _integer(func: str, value: object, name: str) -> int:
    """Return ``value`` as an int, or raise naming ``func`` and the value."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{func}(): {name} must be an integer, got {value!r} ({type(value).__name__})")
    return int(value)


def _year(func: str, value: object, name: str) -> int:
    """A year as an int. Whole-number floats are accepted (a year read from a pandas row of
    mixed columns arrives as 2016.0); fractional, missing or non-numeric values are not."""
    if isinstance(value, numbers.Real) and not isinstance(value, (bool, numbers.Integral)):
        as_float = float(value)
        if math.isfinite(as_float) and as_float.is_integer():
            return int(as_float)
    return _integer(func, value, name)


def _digits(func: str, digits: object) -> int:
    """Check that ``digits`` is a non-negative integer and return it."""
    digits = _integer(func, digits, "digits")
    if digits < 0:
        raise ValueError(f"{func}(): digits must be non-negative, got {digits!r}")
    return digits


# --- formatting helpers ----------------------------------------------------


def _fixed(value: float, digits: int) -> str:
    """Format with thousands separators and exactly ``digits`` decimals."""
    return f"{value:,.{digits}f}"


def _parse(text: str) -> float:
    """Read back a number written by :func:`_fixed`."""
    return float(text.replace(",", ""))


def _signed(value: float, digits: int, *, plus: bool) -> str:
    """Format ``value`` with a sign, but never a sign on a rounded zero."""
    magnitude = _fixed(abs(value), digits)
    if _parse(magnitude) == 0:
        return magnitude
    if value < 0:
        return "-" + magnitude
    return "+" + magnitude if plus else magnitude


def _places(word: str, scaled: float, digits: int) -> int:
    """Decimals for an amount shown on the scale named ``word``."""
    if word == "":
        return 0  # whole dollars below one million
    if word == " mn" and _parse(_fixed(scaled, digits)) >= 100:
        return 0  # "$950 mn", not "$950.0 mn"
    return digits


def _money(func: str, value: object, unit: float, digits: object) -> str:
    """Shared body of :func:`usd` and :func:`usd_million`.

    ``value`` is an amount in units of ``unit`` US dollars.  Start at the
    largest scale not above the amount, and move up one scale when rounding
    pushes the shown number up to the next one (999.96 mn -> 1.0 bn).
    """
    amount = _real(func, value)
    digits = _digits(func, digits)
    magnitude = abs(amount)

    index = len(_SCALES) - 1
    while index > 0 and magnitude < _SCALES[index][0] / unit:
        index -= 1

    while True:
        size, word = _SCALES[index]
        scaled = magnitude / (size / unit)
        shown = _fixed(scaled, _places(word, scaled, digits))
        has_next = index + 1 < len(_SCALES)
        if has_next and _parse(shown) * size >= _SCALES[index + 1][0]:
            index += 1
        else:
            break

    sign = "-" if amount < 0 and _parse(shown) != 0 else ""
    return f"{sign}${shown}{word}"


# --- public functions ------------------------------------------------------


def usd(value: float, *, digits: int = 1) -> str:
    """US dollars with a scale word (mn, bn, tn).

    ``digits`` decimals are shown for bn and tn, and for mn below 100 mn;
    from 100 mn whole millions are shown, and below one million whole dollars.
    The scale is chosen after rounding, so the number never reads 1000 mn.

    >>> usd(69_500_000_000)
    '$69.5 bn'
    >>> usd(1_234_000_000_000)
    '$1.2 tn'
    >>> usd(950_000_000)
    '$950 mn'
    >>> usd(12_300_000)
    '$12.3 mn'
    >>> usd(5_000)
    '$5,000'
    >>> usd(-3_200_000_000)
    '-$3.2 bn'
    >>> usd(999_960_000)
    '$1.0 bn'
    """
    return _money("usd", value, 1.0, digits)


def usd_million(value_mn: float, *, digits: int = 1) -> str:
    """Like :func:`usd`, for an amount given in US$ million.

    >>> usd_million(69_500)
    '$69.5 bn'
    >>> usd_million(12.3)
    '$12.3 mn'
    """
    return _money("usd_million", value_mn, 1e6, digits)


def pct(value: float, *, digits: int = 1) -> str:
    """A share or level in percent; only negative values get a sign.

    >>> pct(12.345)
    '12.3%'
    >>> pct(7, digits=0)
    '7%'
    """
    value = _real("pct", value)
    digits = _digits("pct", digits)
    return _signed(value, digits, plus=False) + "%"


def pct_change(value: float, *, digits: int = 1) -> str:
    """A percent change, always signed except for a rounded zero.

    >>> pct_change(12.3)
    '+12.3%'
    >>> pct_change(-4)
    '-4.0%'
    >>> pct_change(-0.01)
    '0.0%'
    """
    value = _real("pct_change", value)
    digits = _digits("pct_change", digits)
    return _signed(value, digits, plus=True) + "%"


def pp(value: float, *, digits: int = 1) -> str:
    """A signed difference in percentage points.

    Exact ties round to the even digit (see the module docstring).

    >>> pp(3.25)
    '+3.2 pp'
    >>> pp(-1)
    '-1.0 pp'
    """
    value = _real("pp", value)
    digits = _digits("pp", digits)
    return _signed(value, digits, plus=True) + " pp"


def ratio(value: float, *, digits: int = 1) -> str:
    """A multiple, such as "3.4x".

    >>> ratio(3.4)
    '3.4x'
    >>> ratio(12, digits=0)
    '12x'
    """
    value = _real("ratio", value)
    digits = _digits("ratio", digits)
    return _signed(value, digits, plus=False) + "x"


def number(value: float, *, digits: int = 0) -> str:
    """A plain number with thousands separators.

    >>> number(1234567)
    '1,234,567'
    >>> number(3.14159, digits=2)
    '3.14'
    """
    value = _real("number", value)
    digits = _digits("number", digits)
    return _signed(value, digits, plus=False)


def change_word(before: float, after: float, *, tolerance: float = 0.0) -> str:
    """Describe the move from ``before`` to ``after`` with a verb.

    Returns "rose", "fell" or "was unchanged".  A change no larger than
    ``tolerance`` times ``|before|`` counts as unchanged, so
    ``tolerance=0.01`` ignores moves of up to 1%.  With the default
    tolerance only an exactly equal value is unchanged.

    >>> change_word(100, 120)
    'rose'
    >>> change_word(100, 80)
    'fell'
    >>> change_word(100, 100.5, tolerance=0.01)
    'was unchanged'
    """
    before = _real("change_word", before, "before")
    after = _real("change_word", after, "after")
    tolerance = _real("change_word", tolerance, "tolerance")
    if tolerance < 0:
        raise ValueError(f"change_word(): tolerance must be non-negative, got {tolerance!r}")
    if abs(after - before) <= tolerance * abs(before):
        return "was unchanged"
    return "rose" if after > before else "fell"


def year_span(first: int, last: int) -> str:
    """A range of years joined by an en dash; a single year if equal.

    >>> year_span(2000, 2020)
    '2000–2020'
    >>> year_span(2000, 2000)
    '2000'
    >>> year_span(2000.0, 2016)  # a year from a pandas row of mixed columns
    '2000–2016'
    """
    first = _year("year_span", first, "first")
    last = _year("year_span", last, "last")
    if first > last:
        raise ValueError(f"year_span(): first must not be after last, got {first!r} > {last!r}")
    if first == last:
        return str(first)
    return f"{first}\u2013{last}"


def join_words(items: list[str]) -> str:
    """Join words as in a sentence: "a", "a and b", "a, b and c".

    >>> join_words([])
    ''
    >>> join_words(["a", "b"])
    'a and b'
    >>> join_words(["a", "b", "c"])
    'a, b and c'
    """
    if not isinstance(items, (list, tuple)):
        raise TypeError(f"join_words(): items must be a list of strings, got {items!r} ({type(items).__name__})")
    for item in items:
        if not isinstance(item, str):
            raise TypeError(f"join_words(): every item must be a string, got {item!r} ({type(item).__name__})")
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
