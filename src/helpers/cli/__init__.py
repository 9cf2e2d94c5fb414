"""Command-line tools of Pivot Check, one module per command (``python -m helpers.cli.NAME``)."""
