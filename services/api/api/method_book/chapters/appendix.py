"""Chapter "appendix" (the method appendix): what the book was written from — the data
date, the filters, the parameters, the software and the data hash.

The software versions make books written on different installations differ; that is meant:
byte-identical regeneration holds on the same installation (see docs/method-book.md).
"""

import platform
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from api import API_VERSION
from api.method_book.chapters import Chapter
from api.method_book.data_hash import DataSnapshot
from api.method_book.parameters import BookParameters
from api.method_book.render import render_fragment

KEY = "appendix"
TITLES = {"nl": "Methodologische bijlage", "en": "Method appendix"}
PACKAGES = ("numpy", "scipy")


def _installed(package: str) -> str | None:
    try:
        return version(package)
    except PackageNotFoundError:
        return None


def software() -> dict[str, str | None]:
    return {"buurtkracht": API_VERSION, "python": platform.python_version(),
            **{package: _installed(package) for package in PACKAGES}}


def compute(params: BookParameters, data: DataSnapshot) -> dict[str, Any]:
    filters = params.filters().model_dump(mode="json", by_alias=True, exclude_defaults=True)
    return {"dataDate": data.data_date, "dataHash": data.data_hash,
            "parameters": params.canonical(), "filters": dict(sorted(filters.items())),
            "software": software()}


def _written(value: Any) -> str:
    """A parameter's or filter's value as the API takes it: a list as its items, none as a
    dash (not Python's ['groen'] or None)."""
    if value is None:
        return "—"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def build(params: BookParameters, data: DataSnapshot) -> Chapter:
    numbers = compute(params, data)
    title = TITLES[params.language]
    written = {part: {name: _written(value) for name, value in numbers[part].items()}
               for part in ("parameters", "filters", "software")}
    html = render_fragment("chapters/appendix.html", params.language, key=KEY, title=title,
                           n=numbers, written=written)
    return Chapter(key=KEY, title=title, numbers=numbers, html=html)
