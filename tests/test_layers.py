"""The helpers' imports flow one way: paths -> data package -> Evidence -> indicators -> claims
-> presentation -> command-line tools. No module imports from a layer below it in that list."""

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "helpers"

#: Each module's layer (by its dotted name under helpers, or its package); lower imports from higher.
LAYERS = {
    "paths": 0,
    "paper": 0,
    "themes": 0,
    "text": 0,
    "offline": 0,
    "datapackage": 1,
    "data": 2,
    "indicators": 3,
    "claims": 4,
    "style": 5,
    "report": 5,
    "controls": 5,
    "charts": 5,
    "chart_output": 5,
    "chart_parts": 5,
    "markup": 5,
    "central_asia_tables": 5,
    "eurasian_union_tables": 5,
    "arctic_story": 5,
    "north_korea_story": 5,
    "project_names": 5,
    "cli": 6,
}


def _layer(name: str) -> int:
    top = name.split(".")[0]
    if top.startswith("charts_"):
        top = "charts"
    if top not in LAYERS:
        raise AssertionError(f"helpers.{name} has no layer in tests/test_layers.py: add it")
    return LAYERS[top]


def _imports(path: Path, source: str | None = None) -> list[str]:
    """The helpers modules a source file imports (absolute names under helpers), lazy ones too."""
    package = path.relative_to(SRC).with_suffix("").parts[:-1]
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8") if source is None else source)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(package[: len(package) - node.level + 1])
                target = base + (node.module.split(".") if node.module else [])
            elif node.module and node.module.split(".")[0] == "helpers":
                target = node.module.split(".")[1:]
            else:
                continue
            if target:
                found.append(".".join(target))
            else:  # "from . import x": each name is a module of the package
                found += [alias.name for alias in node.names]
        elif isinstance(node, ast.Import):
            found += [a.name.split(".", 1)[1] for a in node.names if a.name.startswith("helpers.")]
    return found


MODULES = sorted(p for p in SRC.rglob("*.py") if p.name != "__init__.py" or p.parent != SRC)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(SRC).as_posix())
def test_no_module_imports_from_a_layer_below_it(path):
    own = ".".join(path.relative_to(SRC).with_suffix("").parts).removesuffix(".__init__")
    upward = [name for name in _imports(path) if _layer(name) > _layer(own)]
    assert not upward, f"helpers.{own} (layer {_layer(own)}) imports {upward}, which sit above it"


def test_the_check_sees_upward_imports_in_every_form():
    module = SRC / "datapackage" / "example.py"
    source = "from ..data import Evidence\nfrom .. import claims\nimport helpers.cli.bench\nfrom .tables import x\n"
    found = _imports(module, source)
    assert found == ["data", "claims", "cli.bench", "datapackage.tables"]
    assert [name for name in found if _layer(name) > _layer("datapackage.example")] == ["data", "claims", "cli.bench"]


def test_every_module_opens_with_a_one_line_docstring():
    for path in MODULES:
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        assert doc and doc.splitlines()[0].strip(), f"{path.relative_to(SRC)} has no docstring"
