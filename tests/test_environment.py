"""environment.yml (conda) and pyproject.toml (pip) name the same dependencies."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    tomllib = pytest.importorskip("tomli")

ROOT = Path(__file__).resolve().parent.parent


def requirement(text: str) -> tuple[str, str]:
    """('pandas', '>=2.0') from 'pandas>=2.0'; names normalised as pip does."""
    match = re.fullmatch(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*?)\s*", text)
    assert match, text
    name = re.sub(r"[-_.]+", "-", match.group(1)).lower()
    return name, match.group(3).replace(" ", "")


@pytest.fixture(scope="module")
def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def environment() -> dict:
    return yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))


def conda_packages(environment: dict) -> dict[str, str]:
    return dict(requirement(d) for d in environment["dependencies"] if isinstance(d, str))


def test_conda_forge_only(environment):
    assert environment["channels"] == ["conda-forge"]


def test_every_pip_dependency_and_extra_is_a_conda_package_with_the_same_bounds(pyproject, environment):
    project = pyproject["project"]
    wanted = dict(requirement(d) for d in project["dependencies"])
    for extra in ("dev", "lab"):
        wanted.update(requirement(d) for d in project["optional-dependencies"][extra])
    conda = conda_packages(environment)
    conda.pop("pip")
    python = conda.pop("python")
    assert conda == wanted
    assert python == project["requires-python"]


def test_pip_section_installs_the_project_with_its_extras(environment):
    pip = next(d["pip"] for d in environment["dependencies"] if isinstance(d, dict))
    assert pip == ["-e .[dev,lab]"]


def test_extras_exist(pyproject):
    assert set(pyproject["project"]["optional-dependencies"]) >= {"dev", "lab"}
