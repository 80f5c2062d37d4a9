"""What goes into the image: the build context and the files `pip install .` copies."""

import fnmatch
import glob
from pathlib import Path
from typing import Any

from tests.deployment.files import PYPROJECT, ROOT, dockerignored


def test_the_build_context_leaves_out_local_state_and_caches() -> None:
    for path in (".git/HEAD", ".venv/bin/python", "var/buurtkracht.db", ".env",
                 "services/api/api/__pycache__/main.cpython-311.pyc", ".pytest_cache/x",
                 "tests/conftest.py"):
        assert dockerignored(path), path
    assert not dockerignored("services/web/web/templates/base.html")


def _find_packages(where: Path, find: dict[str, Any]) -> list[str]:
    """setuptools' package discovery for [tool.setuptools.packages.find] (namespaces on)."""
    found: list[str] = []
    for directory in sorted(path for path in where.rglob("*") if path.is_dir()):
        parts = directory.relative_to(where).parts
        if not all(part.isidentifier() for part in parts):
            continue
        if not find.get("namespaces", True) and not all(
            (where.joinpath(*parts[:end]) / "__init__.py").is_file()
            for end in range(1, len(parts) + 1)
        ):
            continue
        name = ".".join(parts)
        if any(fnmatch.fnmatchcase(name, pattern) for pattern in find.get("include", ["*"])) \
                and not any(fnmatch.fnmatchcase(name, p) for p in find.get("exclude", [])):
            found.append(name)
    return found


def _packaged_files(where: Path, config: dict[str, Any]) -> set[Path]:
    """The files a non-editable `pip install .` copies, as setuptools selects them."""
    package_data: dict[str, list[str]] = config.get("package-data", {})
    files: set[Path] = set()
    for package in _find_packages(where, config["packages"]["find"]):
        directory = where.joinpath(*package.split("."))
        files.update(directory.glob("*.py"))
        for pattern in package_data.get("*", []) + package_data.get(package, []):
            files.update(Path(found) for found in glob.glob(str(directory / pattern),
                                                            recursive=True))
    return {path for path in files if path.is_file()}


def test_the_installed_packages_carry_every_file_of_the_source_packages() -> None:
    config = PYPROJECT["tool"]["setuptools"]
    for where in config["packages"]["find"]["where"]:
        source = ROOT / str(where)
        packaged = _packaged_files(source, config)
        present = {path for path in source.rglob("*") if path.is_file()
                   and "__pycache__" not in path.parts and path.suffix != ".pyc"
                   and not any(part.endswith(".egg-info") for part in path.parts)}
        missing = sorted(str(path.relative_to(ROOT)) for path in present - packaged)
        assert not missing, f"not installed by `pip install .` (see package-data): {missing}"
        ignored = sorted(str(p.relative_to(ROOT)) for p in present
                         if dockerignored(str(p.relative_to(ROOT))))
        assert not ignored, f"left out of the build context by .dockerignore: {ignored}"
