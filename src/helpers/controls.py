"""Judge it yourself: controls over a claim's rule that re-run its test live in JupyterLab.

:func:`explore` shows one dropdown per field for which the claim declares alternatives (the
published value first) and, under them, the verdict on both views with the chosen rule. In a
static run (``make run``, ``make test``: ``PIVOT_CHECK_STATIC=1``) it shows the published rule's
outcome as plain HTML instead, so the committed notebooks stay identical from run to run.
The outcome is built by :func:`outcome_html`, a plain function of the choices.
"""

from __future__ import annotations

import html
import os

from IPython.display import HTML, display

from . import claims

#: Set by the commands that execute notebooks for the record: widgets would not be reproducible.
STATIC_ENV = "PIVOT_CHECK_STATIC"


def options(claim_id: str) -> dict[str, list[tuple[str, object]]]:
    """``{field: [(label, value), ...]}``: the published value first, then the alternatives."""
    test = claims.get(claim_id)
    default = test.rule()
    return {
        name: [(f"{_show(getattr(default, name))} (published rule)", getattr(default, name))]
        + [(_show(value), value) for value in alternatives]
        for name, alternatives in test.alternatives.items()
    }


def _show(value: object) -> str:
    if isinstance(value, tuple):
        return " + ".join(map(str, value)) if value else "none"
    return str(value)


def outcome_html(claim_id: str, evidence, **choices) -> str:
    """The verdicts of ``claim_id`` on both views under the published rule with ``choices``."""
    result = claims.run(claim_id, evidence, **choices)
    changed = ", ".join(
        f"{name} = {_show(value)}"
        for name, value in choices.items()
        if value != getattr(claims.default_rule(claim_id), name)
    )
    rows = "".join(
        f"<tr><th scope='row'>{html.escape(view)}</th><td>{html.escape(str(a.verdict))}</td>"
        f"<td>{html.escape(a.explanation)}</td></tr>"
        for view, a in (("As of the paper", result.at_paper), ("Latest data", result.latest))
    )
    rule = html.escape(changed) if changed else "the published rule"
    return (
        f"<p><strong>{html.escape(claim_id)}</strong> under {rule}:</p>"
        f"<table><thead><tr><th scope='col'>View</th><th scope='col'>Verdict</th>"
        f"<th scope='col'>Why</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def explore(claim_id: str, evidence) -> None:
    """Dropdowns over ``claim_id``'s rule that re-judge the claim when changed (static: default)."""
    fields = options(claim_id)
    if os.environ.get(STATIC_ENV) or not fields:
        note = (
            "<p><em>Open this notebook in JupyterLab to change the rule with controls here.</em></p>" if fields else ""
        )
        display(HTML(outcome_html(claim_id, evidence) + note))
        return
    import ipywidgets as widgets

    boxes = {
        name: widgets.Dropdown(
            options=choices, value=choices[0][1], description=name, style={"description_width": "initial"}
        )
        for name, choices in fields.items()
    }
    shown = widgets.HTML(outcome_html(claim_id, evidence))

    def update(_change=None) -> None:
        shown.value = outcome_html(claim_id, evidence, **{name: box.value for name, box in boxes.items()})

    for box in boxes.values():
        box.observe(update, names="value")
    display(widgets.VBox([*boxes.values(), shown]))
