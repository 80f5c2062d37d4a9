"""Reading bias.json (metafor's subgroup, regtest, trimfill and leave1out results, made by
fixtures/make_bias.R)."""

import json
import math
from functools import cache
from pathlib import Path
from typing import Any

FIXTURE = Path(__file__).parent / "fixtures" / "bias.json"
NON_FINITE = {"Inf": math.inf, "-Inf": -math.inf, "NaN": math.nan}
ABS = 1e-6  # estimates, se, CI bounds, tau², test statistics
REL = 1e-6  # Q statistics and p-values
PERCENT = 1e-4  # I²


def _decode(value: Any) -> Any:
    """R's Inf, -Inf and NaN are stored as strings, NA as null."""
    if isinstance(value, str) and value in NON_FINITE:
        return NON_FINITE[value]
    if isinstance(value, list):
        return [_decode(item) for item in value]
    if isinstance(value, dict):
        return {key: _decode(item) for key, item in value.items()}
    return value


@cache
def load_fixture() -> dict[str, Any]:
    decoded: dict[str, Any] = _decode(json.loads(FIXTURE.read_text()))
    return decoded


def cases(kind: str) -> list[dict[str, Any]]:
    """The cases of one kind: "subgroups", "regtest", "trimfill" or "leave1out"."""
    return list(load_fixture()[kind])


def dataset(name: str) -> dict[str, Any]:
    found: dict[str, Any] = load_fixture()["datasets"][name]
    return found


def case_ids(items: list[dict[str, Any]]) -> list[str]:
    return [item["id"] for item in items]


def report(problems: list[str], label: str) -> None:
    """One assertion naming the R call and every value that differs."""
    assert not problems, f"{label}\n" + "\n".join(problems)
