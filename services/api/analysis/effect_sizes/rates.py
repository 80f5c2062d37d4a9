"""Two groups with event counts over person-time: IRR, IRD and IRSD.

x1i and x2i are the events, t1i and t2i the person-times; zero handling adds to x1i and x2i
(see zero_cells.ZeroCellRule; drop00 drops rows with no events in both groups).
"""

import numpy as np

from analysis.effect_sizes.columns import (
    BoolArray,
    Columns,
    FloatArray,
    negative_values,
    nonpositive_values,
    rows_present,
)
from analysis.effect_sizes.errors import raise_if_any
from analysis.effect_sizes.results import Outcome
from analysis.effect_sizes.spec import MeasureSpec
from analysis.effect_sizes.zero_cells import ZeroCellRule, add_to_cells, drop_rows


def _rates(columns: Columns, rule: ZeroCellRule) -> tuple[FloatArray, ...]:
    raise_if_any(
        negative_values(columns, ("x1i", "x2i"), "event counts cannot be negative")
        + nonpositive_values(columns, ("t1i", "t2i"), "person-times must be positive")
    )
    x1, x2, t1, t2 = (columns[name] for name in ("x1i", "x2i", "t1i", "t2i"))
    counts = [x1, x2]
    if rule.drop00:
        counts = drop_rows(counts, (x1 == 0) & (x2 == 0))
    x1, x2 = add_to_cells(counts, rule)
    return x1, x2, t1, t2


def _complete(columns: Columns) -> BoolArray:
    return rows_present(*(columns[name] for name in ("x1i", "x2i", "t1i", "t2i")))


def log_incidence_rate_ratio(columns: Columns, vtype: str, rule: ZeroCellRule) -> Outcome:
    """log((x1/t1) / (x2/t2)) with variance 1/x1 + 1/x2."""
    x1, x2, t1, t2 = _rates(columns, rule)
    with np.errstate(invalid="ignore", divide="ignore"):
        yi = np.log(x1 / t1) - np.log(x2 / t2)
        return Outcome(yi, 1 / x1 + 1 / x2, _complete(columns))


def incidence_rate_difference(columns: Columns, vtype: str, rule: ZeroCellRule) -> Outcome:
    """x1/t1 − x2/t2 with variance x1/t1² + x2/t2²."""
    x1, x2, t1, t2 = _rates(columns, rule)
    rate1, rate2 = x1 / t1, x2 / t2
    return Outcome(rate1 - rate2, rate1 / t1 + rate2 / t2, _complete(columns))


def sqrt_incidence_rate_difference(columns: Columns, vtype: str, rule: ZeroCellRule) -> Outcome:
    """√(x1/t1) − √(x2/t2) with variance 1/(4 t1) + 1/(4 t2); metafor adds nothing by default."""
    x1, x2, t1, t2 = _rates(columns, rule)
    yi = np.sqrt(x1 / t1) - np.sqrt(x2 / t2)
    return Outcome(yi, 1 / (4 * t1) + 1 / (4 * t2), _complete(columns))


_NEEDS = (("x1i",), ("x2i",), ("t1i",), ("t2i",))

MEASURES = {
    "IRR": MeasureSpec(log_incidence_rate_ratio, _NEEDS),
    "IRD": MeasureSpec(incidence_rate_difference, _NEEDS),
    "IRSD": MeasureSpec(sqrt_incidence_rate_difference, _NEEDS),
}
