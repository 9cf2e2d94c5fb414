"""One source of truth for dependencies: requirements.txt, mirrored by environment.yml."""

import tomllib

import pytest

from helpers.cli import environment
from helpers.paths import REPO_ROOT


def test_environment_yml_agrees_with_requirements_txt():
    assert environment.differences() == []


def test_the_stack_is_pinned_where_outputs_depend_on_it():
    pins = environment.requirement_pins()
    for package in ("pandas", "matplotlib", "seaborn", "jupyterlab", "nbval", "pytest", "frictionless",
                    "nbconvert", "nbclient", "ipykernel", "numpy", "pycountry", "hypothesis", "pytest-xdist"):
        assert package in pins, package
    assert pins["pandas"].split(".")[0] == "3"


def test_pyproject_reads_its_dependencies_from_requirements_txt():
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "dependencies" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["dependencies"] == {"file": ["requirements.txt"]}


@pytest.mark.parametrize("line", ["pandas>=3", "pandas", "pandas==", "-r other.txt"])
def test_unpinned_requirements_are_refused(line):
    with pytest.raises(ValueError, match="not pinned as name==version"):
        environment.parse_pins([line], "requirements.txt")


def test_a_package_pinned_twice_is_refused():
    with pytest.raises(ValueError, match="pinned twice"):
        environment.parse_pins(["pandas==3.1.1", "Pandas==3.1.0"], "requirements.txt")


def test_a_disagreement_is_reported(tmp_path):
    env = tmp_path / "environment.yml"
    text = environment.render_environment()
    assert "      - pandas==3.1.1\n" in text
    env.write_text(text.replace("pandas==3.1.1", "pandas==3.0.0").replace("python=3.11", "python=3.12"),
                   encoding="utf-8")
    assert environment.differences(environment=env) == [
        "environment.yml pins python=3.12, expected 3.11",
        "pandas: requirements.txt has 3.1.1, environment.yml has 3.0.0",
    ]
