"""Slide types for decks: headings start slides, charts get sub-slides, set-up code is skipped."""

import nbformat

from helpers.cli import slides


def test_slide_types_follow_the_notebook_structure():
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("# Title"),
            nbformat.v4.new_markdown_cell("Some text."),
            nbformat.v4.new_code_cell("import x"),
            nbformat.v4.new_code_cell("chart()"),
            nbformat.v4.new_markdown_cell("## Section", metadata={"slideshow": {"slide_type": "fragment"}}),
        ]
    )
    nb.cells[3].outputs = [nbformat.v4.new_output("display_data", {"image/png": "iVBOR", "text/plain": "<Figure>"})]
    kinds = [c.metadata["slideshow"]["slide_type"] for c in slides.slide_types(nb).cells]
    assert kinds == ["slide", "-", "skip", "subslide", "fragment"]  # an author's choice is kept
    assert "slideshow" not in nb.cells[0].metadata  # the notebook itself is not changed
