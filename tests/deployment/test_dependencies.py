"""Each image installs the project with its own extra only (the Dockerfile), so every
third-party module a service imports must be installed by the project's dependencies or by
that extra (directly, or as what they depend on themselves, such as FastAPI's Starlette):
otherwise the tests, which install both extras, pass and the image fails at start."""

import ast
import re
import sys
from importlib.metadata import PackageNotFoundError, packages_distributions, requires
from pathlib import Path

import pytest

from tests.deployment.files import PYPROJECT, ROOT

OWN = {"api", "web", "analysis"}
SOURCES = {"api": ["services/api/api", "services/api/analysis"], "web": ["services/web/web"]}


def _top_modules(folder: Path) -> set[str]:
    found: set[str] = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                found.update(alias.name.partition(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.partition(".")[0])
    return found


def _distribution(requirement: str) -> str:
    name = re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0]
    return name.lower().replace("_", "-")


def _installed_with(names: set[str]) -> set[str]:
    """The distributions `names` bring along, themselves included (extras' own ones left
    out, as pip leaves them out unless asked)."""
    found, waiting = set(), list(names)
    while waiting:
        name = waiting.pop()
        if name in found:
            continue
        found.add(name)
        try:
            needs = requires(name) or []
        except PackageNotFoundError:
            continue
        waiting.extend(_distribution(need) for need in needs if "extra ==" not in need)
    return found


@pytest.mark.parametrize("service", sorted(SOURCES))
def test_every_module_a_service_imports_is_installed_in_its_image(service: str) -> None:
    project = PYPROJECT["project"]
    requirements = project["dependencies"] + project["optional-dependencies"][service]
    declared = _installed_with({_distribution(requirement) for requirement in requirements})
    imported = set().union(*(_top_modules(ROOT / folder) for folder in SOURCES[service]))
    third_party = imported - OWN - set(sys.stdlib_module_names)
    distributions = packages_distributions()
    missing = sorted(module for module in third_party
                     if not {name.lower().replace("_", "-")
                             for name in distributions.get(module, [module])} & declared)
    assert missing == [], f"imported by {service} but not in its extra: {missing}"
