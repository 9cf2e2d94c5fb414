"""Helpers for Pivot Check.

One job per module:

- ``schema``: where the data package lives and how it is validated (frictionless).
- ``data``: load the validated dataset once per process, with typed accessors.
- ``indicators``: shares, ratios and sums computed from observations, traceable to their inputs.
- ``claims``: the registry of claim tests, one module per theme.
- ``style``: notebook set-up and the house chart style.
- ``text``: numbers into prose.
- ``paper``: the paper's bibliographic facts and its date, the cut-off for "what the author could see".
"""

from . import offline as _offline  # noqa: E402,F401  (refuses the network when PIVOT_CHECK_OFFLINE=1)
