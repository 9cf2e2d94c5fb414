"""One source of truth for dependencies: requirements.txt, mirrored by environment.yml."""

import tomllib

import pytest

from helpers.cli import environment
from helpers.paths import REPO_ROOT


def test_environment_yml_agrees_with_requirements_txt():
    assert environment.differences() == []


def test_the_stack_is_pinned_where_outputs_depend_on_it():
    pins = environment.requirement_pins()
    for package in (
        "pandas",
        "matplotlib",
        "seaborn",
        "jupyterlab",
        "nbval",
        "pytest",
        "frictionless",
        "nbconvert",
        "nbclient",
        "ipykernel",
        "numpy",
        "pycountry",
        "hypothesis",
        "pytest-xdist",
    ):
        assert package in pins, package
    assert pins["pandas"].split(".")[0] == "3"


def test_pyproject_declares_ranges_that_hold_the_locked_pins():
    from packaging.requirements import Requirement

    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = project["dependencies"] + project["optional-dependencies"]["dev"]
    pins = {name.lower().replace("_", "-"): version for name, version in environment.requirement_pins().items()}
    assert len(declared) >= 20
    for line in declared:
        requirement = Requirement(line)
        name = requirement.name.lower().replace("_", "-")
        assert name in pins, f"{name} is declared in pyproject.toml but not locked in requirements.txt"
        assert requirement.specifier.contains(pins[name]), f"{name}=={pins[name]} is outside {requirement.specifier}"


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
    env.write_text(
        text.replace("pandas==3.1.1", "pandas==3.0.0").replace("python=3.11", "python=3.12"), encoding="utf-8"
    )
    assert environment.differences(environment=env) == [
        "environment.yml pins python=3.12, expected 3.11",
        "pandas: requirements.txt has 3.1.1, environment.yml has 3.0.0",
    ]
