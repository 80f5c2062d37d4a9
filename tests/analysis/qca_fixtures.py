"""Loading the QCA fixtures (tests/analysis/fixtures/qca/qca_*.json) and comparing terms."""

import json
import re
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parent / "fixtures" / "qca"
DATASETS: dict[str, Any] = json.loads((FIXTURES / "qca_datasets.json").read_text())["datasets"]


def cases(name: str) -> list[dict[str, Any]]:
    """The cases of fixtures/qca/qca_<name>.json."""
    loaded: list[dict[str, Any]] = json.loads((FIXTURES / f"qca_{name}.json").read_text())["cases"]
    return loaded


def case_ids(fixture_cases: list[dict[str, Any]]) -> list[str]:
    return [case["id"] for case in fixture_cases]


def dataset(name: str, outcome: str) -> tuple[dict[str, list[float]], str, list[str]]:
    """(columns, outcome to pass, case ids). A multi-value outcome written as the package
    does, "~E[3]", becomes a 0/1 column "E3" (1 where E is 3), negated by the leading ~."""
    entry = DATASETS[name]
    columns = {key: list(values) for key, values in entry["columns"].items()}
    match = re.fullmatch(r"(~?)(\w+)\[(\d+)\]", outcome)
    if match:
        tilde, column, value = match.groups()
        columns[f"{column}{value}"] = [1 if v == int(value) else 0 for v in columns[column]]
        outcome = f"{tilde}{column}{value}"
    return columns, outcome, list(entry["case_ids"])


def literals(term: str) -> frozenset[str]:
    """A term as the set of its literals: order does not matter."""
    return frozenset(literal.strip() for literal in term.split("*"))


def model_key(terms: list[str]) -> frozenset[frozenset[str]]:
    """A model as a set of terms: order of terms and literals does not matter."""
    return frozenset(literals(term) for term in terms)
