"""Command-line tools: python -m helpers.cli.<tool> (validate, codebook, run_notebooks, render_site, ...)."""
