"""Helpers for Pivot Check.

One job per module:

Layers, each importing only from the layers above it in this list (``tests/test_layers.py``):

1. ``paths``, ``paper``, ``themes``, ``text``, ``offline``: where things are, the paper's facts,
   the themes, numbers into prose, the network guard (leaves: they import no other helpers).
2. ``datapackage``: the descriptor, problems, typed tables, consistency and plausibility rules, validation.
3. ``data``: :class:`~helpers.data.Evidence` and :func:`~helpers.data.load`, the dataset seen as of a date.
4. ``indicators``: flows, turnovers, shares and ratios computed from observations.
5. ``claims``: the claim registry and one module of tests per theme (rules as arguments).
6. Presentation: ``style`` and the ``charts_*`` modules (charts), ``report`` (tables and lists for
   notebooks), ``controls`` (live controls over a rule).
7. ``cli``: the command-line tools (``python -m helpers.cli.<tool>``).
"""

import sys as _sys

# jsonschema (used by frictionless, nbformat and nbclient) imports ``rfc3987_syntax`` when it is
# installed (JupyterLab's dependencies bring it). That package builds a Lark grammar on import,
# about 3 s, only for jsonschema's "iri" string format, which neither data/datapackage.json nor
# the notebook format uses. Marking it absent makes jsonschema skip that one check; validation
# results are the same (tests/test_validation.py checks the problems still found). pytest
# loads this package first ("-p helpers" in pyproject.toml) for the same reason: nbval imports nbformat while pytest starts.
_sys.modules.setdefault("rfc3987_syntax", None)  # None: 'import rfc3987_syntax' raises ImportError

from . import offline as _offline  # noqa: E402,F401  (refuses the network when PIVOT_CHECK_OFFLINE=1)
