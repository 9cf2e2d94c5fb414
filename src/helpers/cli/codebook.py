"""The codebook, ``data/README.md``, generated from ``datapackage.json`` and the data.

    python -m helpers.cli.codebook --write   # regenerate data/README.md (make run does this)
    python -m helpers.cli.codebook           # exit 1 if data/README.md is out of date

Every resource and field with its type, rules and description; every series with its unit,
coverage and sources. Generated, so it cannot drift from the schema it documents. Every text
taken from the data is escaped (:func:`helpers.markup.markdown_text`): it shows as text, never
as HTML or a link.
"""

from __future__ import annotations

import sys

import pandas as pd

from .. import paths
from ..data import Evidence, load
from ..datapackage import descriptor, read_table
from ..markup import markdown_block, markdown_text

CODEBOOK = "README.md"


def _rules(field: dict) -> str:
    parts = []
    constraints = field.get("constraints", {})
    if constraints.get("required"):
        parts.append("required")
    if "enum" in constraints:
        parts.append("one of: " + ", ".join(_code(v) for v in constraints["enum"]))
    if "pattern" in constraints:
        parts.append(f"pattern {_code(constraints['pattern'])}")
    for key in ("minimum", "maximum"):
        if key in constraints:
            parts.append(f"{key} {constraints[key]}")
    return "; ".join(parts)


def _cell(value) -> str:
    """Data text for a Markdown table cell: escaped, on one line, with no column break."""
    return markdown_text(value).replace("|", "\\|")


def _code(value) -> str:
    """A value as inline code (which cannot hold markup); a backtick in it would end the span early."""
    return "`" + str(value).replace("`", "'").replace("\n", " ") + "`"


def render(evidence: Evidence | None = None) -> str:
    """The codebook's Markdown text."""
    ev = evidence or load()
    desc = descriptor.descriptor()
    out = [
        "# Codebook: the data of Pivot Check",
        "",
        "Generated from `datapackage.json` and the CSV files by `python -m helpers.cli.codebook --write`",
        "(`make run` does it). Do not edit by hand: edit the descriptor or the data, then regenerate.",
        "",
        markdown_block(desc["description"]),
        "",
        "Every figure has a row in `sources.csv` naming its original publisher and the page or file it",
        "was read from. Sums, shares and ratios are not stored: they are computed in `src/helpers/`.",
        "",
        "## Resources",
        "",
    ]
    for res in desc["resources"]:
        schema_ = res["schema"]
        attribute = "series_meta" if res["name"] == "series" else res["name"]
        rows = len(getattr(ev, attribute)) if hasattr(ev, attribute) else len(read_table(res["name"]))
        out += [
            f"### {_code(res['path'])}: {markdown_text(res['title'])} ({rows} rows)",
            "",
            markdown_block(res["description"]),
            "",
        ]
        if schema_.get("primaryKey"):
            out.append(f"Primary key: {', '.join(_code(k) for k in schema_['primaryKey'])}.")
        for fk in schema_.get("foreignKeys", []):
            ref = fk["reference"]
            out.append(
                f"Foreign key: {', '.join(_code(k) for k in fk['fields'])} -> "
                f"{_code(ref['resource'])} ({', '.join(_code(k) for k in ref['fields'])})."
            )
        out += ["", "| field | type | rules | description |", "|---|---|---|---|"]
        for field in schema_["fields"]:
            out.append(
                f"| {_code(field['name'])} | {_cell(field['type'])} | {_rules(field).replace('|', chr(92) + '|')} "
                f"| {_cell(field['description'])} |"
            )
        out.append("")
    out += _series_section(ev)
    out += _entities_section(ev)
    return "\n".join(out).rstrip() + "\n"


def _series_section(ev: Evidence) -> list[str]:
    out = [
        "## Series",
        "",
        "Coverage is computed from `observations.csv`: entities (and counterparts), years, rows and sources.",
        "",
    ]
    obs = ev.observations
    for row in ev.series_meta.sort_values("series_id").itertuples(index=False):
        rows = obs[obs["series_id"] == row.series_id]
        out += [
            f"### {_code(row.series_id)}: {markdown_text(row.title)}",
            "",
            f"- **Measures**: {markdown_text(row.measure)}",
            f"- **Unit**: {markdown_text(row.unit)}",
        ]
        bounds = [f"{k} {v:g}" for k, v in (("minimum", row.minimum), ("maximum", row.maximum)) if pd.notna(v)]
        if bounds:
            out.append(f"- **Plausible range**: {', '.join(bounds)}")
        if rows.empty:
            out.append("- **Coverage**: no observations yet")
        else:
            out.append(
                f"- **Coverage**: {len(rows)} rows, {int(rows['year'].min())}-{int(rows['year'].max())}; "
                f"entities {markdown_text(', '.join(sorted(rows['entity'].unique())))}; counterparts "
                f"{markdown_text(', '.join(sorted(rows['counterpart'].unique())))}"
            )
            out.append(f"- **Sources**: {', '.join(_code(s) for s in sorted(rows['source_id'].unique()))}")
        if pd.notna(row.notes):
            out.append(f"- **Notes**: {_cell(row.notes)}")
        gaps = ev.gaps[ev.gaps["series_id"] == row.series_id]
        if not gaps.empty:
            out.append("- **Documented gaps** (from `gaps.csv`):")
            for gap in gaps.sort_values(["entity", "counterpart", "first_year"]).itertuples(index=False):
                years = str(gap.first_year) if gap.first_year == gap.last_year else f"{gap.first_year}-{gap.last_year}"
                out.append(
                    f"  - {markdown_text(gap.entity)}->{markdown_text(gap.counterpart)} {years}: {_cell(gap.reason)}"
                )
        out.append("")
    return out


def _entities_section(ev: Evidence) -> list[str]:
    out = [
        "## Entity codes",
        "",
        "Countries use ISO 3166-1 alpha-3 codes; groups and `-` are this collection's own codes.",
        "",
        "| code | name | kind | members |",
        "|---|---|---|---|",
    ]
    for row in ev.entities.sort_values("code").itertuples(index=False):
        members = row.members if pd.notna(row.members) else ""
        out.append(f"| {_code(row.code)} | {_cell(row.name)} | {_cell(row.kind)} | {_cell(members)} |")
    return out + [""]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = paths.data_dir() / CODEBOOK
    text = render()
    if args == ["--write"]:
        path.write_text(text, encoding="utf-8")
        print(f"wrote {paths.display_path(path)}", file=sys.stderr)
        return 0
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        print(
            f"{paths.display_path(path)} is out of date: run 'python -m helpers.cli.codebook --write' (or make run)",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
