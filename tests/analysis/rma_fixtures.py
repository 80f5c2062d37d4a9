"""Reading rma.json (metafor's rma() results, made by fixtures/make_rma.R) and comparing to it."""

import math
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from analysis.meta import MetaModel, rma
from tests.analysis.r_json import read_r_json

FIXTURE = Path(__file__).parent / "fixtures" / "rma.json"


@cache
def load_fixture() -> dict[str, Any]:
    return read_r_json(FIXTURE)


def cases() -> list[dict[str, Any]]:
    return list(load_fixture()["cases"])


def case(case_id: str) -> dict[str, Any]:
    return next(item for item in cases() if item["id"] == case_id)


def fit_case(item: Mapping[str, Any]) -> MetaModel:
    """Our rma() on the case's stored yi, vi and moderators, with the same options."""
    dataset = load_fixture()["datasets"][item["dataset"]]
    moderators = {name: dataset["moderators"][name] for name in item["moderators"]}
    rows = [row["moderators"] for row in item["result"]["predictions"]]
    return rma(
        dataset["yi"],
        dataset["vi"],
        method=item["method"],
        test=item["test"],
        level=item["level"],
        moderators=moderators or None,
        predict=rows if moderators else None,
    )


def close(
    actual: float | None, expected: float | None, *, abs_tol: float = 0.0, rel_tol: float = 0.0
) -> bool:
    """Equal within tolerance; None (R's NA), infinities and NaN must match exactly."""
    if actual is None or expected is None:
        return actual is None and expected is None
    if math.isnan(expected) or math.isinf(expected):
        return (math.isnan(expected) and math.isnan(actual)) or actual == expected
    return abs(actual - expected) <= max(abs_tol, rel_tol * abs(expected))


def mismatches(
    label: str,
    actual: Sequence[float | None],
    expected: Sequence[float | None],
    *,
    abs_tol: float = 0.0,
    rel_tol: float = 0.0,
) -> list[str]:
    """Descriptions of the elements that differ, for one readable assertion message."""
    if len(actual) != len(expected):
        return [f"{label}: {len(actual)} values, metafor has {len(expected)}"]
    return [
        f"{label}[{i}]: {a!r} vs metafor {e!r}"
        for i, (a, e) in enumerate(zip(actual, expected, strict=True))
        if not close(a, e, abs_tol=abs_tol, rel_tol=rel_tol)
    ]
