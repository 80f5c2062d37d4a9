"""Reading bias.json (metafor's subgroup, regtest, trimfill and leave1out results, made by
fixtures/make_bias.R)."""

from functools import cache
from pathlib import Path
from typing import Any

from tests.analysis.r_json import read_r_json

FIXTURE = Path(__file__).parent / "fixtures" / "bias.json"
ABS = 1e-6  # estimates, se, CI bounds, tau², test statistics
REL = 1e-6  # Q statistics and p-values
PERCENT = 1e-4  # I²


@cache
def load_fixture() -> dict[str, Any]:
    return read_r_json(FIXTURE)


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
