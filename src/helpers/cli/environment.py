"""Keep ``environment.yml`` (conda, Binder) in step with ``requirements.txt``.

``requirements.txt`` is the one source of truth: every package, pinned exactly.
``environment.yml`` repeats those pins under ``pip:`` for conda and Binder users.

    python -m helpers.cli.environment --write   # rewrite environment.yml from requirements.txt
    python -m helpers.cli.environment           # exit 1 and list differences if they disagree
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from ..paths import REPO_ROOT

REQUIREMENTS = REPO_ROOT / "requirements.txt"
ENVIRONMENT = REPO_ROOT / "environment.yml"
PYTHON_VERSION = "3.11"
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([A-Za-z0-9.+!_-]+)$")


def canonical(name: str) -> str:
    """Package names compare case-insensitively with -, _ and . alike (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def parse_pins(lines: list[str], where: str) -> dict[str, str]:
    """``{canonical name: version}`` from lines of ``name==version``; anything else is an error."""
    pins: dict[str, str] = {}
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = _PIN.match(line)
        if not match:
            raise ValueError(f"{where}, line {number}: {line!r} is not pinned as name==version")
        name = canonical(match.group(1))
        if name in pins:
            raise ValueError(f"{where}, line {number}: {match.group(1)} is pinned twice")
        pins[name] = match.group(2)
    return pins


def requirement_pins(path: Path = REQUIREMENTS) -> dict[str, str]:
    return parse_pins(path.read_text(encoding="utf-8").splitlines(), path.name)


def environment_pins(path: Path = ENVIRONMENT) -> tuple[str | None, dict[str, str]]:
    """The conda python spec and the pip pins of ``environment.yml``."""
    import yaml

    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    python, pip = None, []
    for dep in spec.get("dependencies", []):
        if isinstance(dep, dict) and "pip" in dep:
            pip = dep["pip"]
        elif isinstance(dep, str) and dep.split("=")[0].strip() == "python":
            python = dep.split("=", 1)[1].lstrip("=")
    pip = [line for line in pip if line.strip() != "-e ."]  # the project itself
    return python, parse_pins(pip, path.name)


def differences(requirements: Path = REQUIREMENTS, environment: Path = ENVIRONMENT) -> list[str]:
    """What differs between the two files, one line each (empty: they agree)."""
    req = requirement_pins(requirements)
    python, env = environment_pins(environment)
    out = []
    if python != PYTHON_VERSION:
        out.append(f"environment.yml pins python={python}, expected {PYTHON_VERSION}")
    for name in sorted(set(req) | set(env)):
        if req.get(name) != env.get(name):
            out.append(
                f"{name}: requirements.txt has {req.get(name) or 'nothing'}, "
                f"environment.yml has {env.get(name) or 'nothing'}"
            )
    return out


def render_environment() -> str:
    """The text of ``environment.yml`` for the pins in ``requirements.txt``."""
    lines = [
        line.strip()
        for line in REQUIREMENTS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    body = "\n".join(f"      - {line}" for line in lines)
    return (
        "# For conda and Binder (repo2docker). Generated from requirements.txt by 'make lock':\n"
        "# edit requirements.txt, not this file. tests/test_environment.py checks they agree.\n"
        "name: pivot-check\n"
        "channels:\n"
        "  - conda-forge\n"
        "dependencies:\n"
        f"  - python={PYTHON_VERSION}\n"
        "  - pip\n"
        "  - pip:\n"
        f"{body}\n"
        "      - -e .\n"
    )


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args == ["--write"]:
        ENVIRONMENT.write_text(render_environment(), encoding="utf-8")
        print("environment.yml written from requirements.txt")
        return 0
    diffs = differences()
    for line in diffs:
        print(line)
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
