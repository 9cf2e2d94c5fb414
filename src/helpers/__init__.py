"""Helpers for Pivot Check.

One job per module:

- ``schema``: where the data package lives and how it is validated (frictionless).
- ``quick_check``: a fast certificate that the data files pass frictionless, so the loader can skip it.
- ``data``: load the validated dataset once per process, with typed accessors.
- ``indicators``: shares, ratios and sums computed from observations, traceable to their inputs.
- ``claims``: the registry of claim tests, one module per theme.
- ``style``: notebook set-up and the house chart style.
- ``text``: numbers into prose.
- ``paper``: the paper's bibliographic facts and its date, the cut-off for "what the author could see".
"""

import sys as _sys

# jsonschema (used by frictionless, nbformat and nbclient) imports ``rfc3987_syntax`` when it is
# installed (JupyterLab's dependencies bring it). That package builds a Lark grammar on import,
# about 3 s, only for jsonschema's "iri" string format, which neither data/datapackage.json nor
# the notebook format uses. Marking it absent makes jsonschema skip that one check; validation
# results are the same (tests/test_schema.py and tests/test_quick_check.py check the problems
# still found). pytest loads this package first ("-p helpers" in pyproject.toml) for the same
# reason: nbval imports nbformat while pytest starts.
_sys.modules.setdefault("rfc3987_syntax", None)  # None: 'import rfc3987_syntax' raises ImportError

from . import offline as _offline  # noqa: E402,F401  (refuses the network when PIVOT_CHECK_OFFLINE=1)
