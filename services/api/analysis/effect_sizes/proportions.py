"""One group with a dichotomous outcome: PR, PLN, PLO, PAS and PFT.

xi counts the events among ni; instead of ni, mi (the non-events) may be given. Zero handling
(`add` to xi and mi where xi = 0 or xi = ni) follows metafor: see zero_cells.ZeroCellRule.
"""

import numpy as np

from analysis.effect_sizes.columns import (
    BoolArray,
    Columns,
    FloatArray,
    flag_rows,
    larger_than,
    negative_values,
    nonpositive_values,
    rows_present,
    unequal_sum,
)
from analysis.effect_sizes.errors import raise_if_any
from analysis.effect_sizes.results import Outcome
from analysis.effect_sizes.spec import MeasureSpec, weighted_mean
from analysis.effect_sizes.zero_cells import ZeroCellRule, add_to_cells


def _events(columns: Columns, rule: ZeroCellRule) -> tuple[FloatArray, FloatArray, BoolArray]:
    """Events and group sizes after zero handling, and which rows had both counts."""
    raise_if_any(
        negative_values(columns, ("xi", "mi"), "counts cannot be negative")
        + nonpositive_values(columns, ("ni",), "group sizes must be at least 1")
        + larger_than(columns, "xi", "ni")
        + unequal_sum(columns, "ni", "xi", "mi")
    )
    events = columns["xi"]
    given_non_events, sizes = columns.get("mi"), columns.get("ni")
    non_events = sizes - events if sizes is not None else np.full(columns.k, np.nan)
    if given_non_events is not None:
        non_events = np.where(np.isnan(given_non_events), non_events, given_non_events)
    name = "mi" if sizes is None else "ni"
    empty = events + non_events <= 0
    raise_if_any(flag_rows(name, empty, non_events, "leaves no one in the group"))
    complete = rows_present(events, non_events)
    events, non_events = add_to_cells([events, non_events], rule)
    return events, events + non_events, complete


def raw_proportion(columns: Columns, vtype: str, rule: ZeroCellRule) -> Outcome:
    """xi/ni; vtype LS: p(1 − p)/n, UB: p(1 − p)/(n − 1), AV: LS with the sample-size weighted
    mean proportion across studies."""
    x, n, complete = _events(columns, rule)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = x / n
        if vtype == "UB":
            vi = p * (1 - p) / (n - 1)
        elif vtype == "AV":
            mean = weighted_mean(p, n)
            vi = mean * (1 - mean) / n
        else:
            vi = p * (1 - p) / n
    return Outcome(p, vi, complete)


def log_proportion(columns: Columns, vtype: str, rule: ZeroCellRule) -> Outcome:
    """log(xi/ni); vtype LS: 1/x − 1/n, AV: 1/(p̄ n) − 1/n with p̄ the weighted mean proportion."""
    x, n, complete = _events(columns, rule)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = x / n
        vi = 1 / (weighted_mean(p, n) * n) - 1 / n if vtype == "AV" else 1 / x - 1 / n
        return Outcome(np.log(p), vi, complete)


def logit_proportion(columns: Columns, vtype: str, rule: ZeroCellRule) -> Outcome:
    """log(x/(n − x)); vtype LS: 1/x + 1/(n − x), AV: 1/(p̄ n) + 1/((1 − p̄) n)."""
    x, n, complete = _events(columns, rule)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = x / n
        if vtype == "AV":
            mean = weighted_mean(p, n)
            vi = 1 / (mean * n) + 1 / ((1 - mean) * n)
        else:
            vi = 1 / x + 1 / (n - x)
        return Outcome(np.log(p / (1 - p)), vi, complete)


def arcsine_proportion(columns: Columns, vtype: str, rule: ZeroCellRule) -> Outcome:
    """asin(√(x/n)) with variance 1/(4n); metafor adds nothing by default (pass add=0 for that)."""
    x, n, complete = _events(columns, rule)
    with np.errstate(invalid="ignore", divide="ignore"):
        return Outcome(np.arcsin(np.sqrt(x / n)), 1 / (4 * n), complete)


def freeman_tukey_proportion(columns: Columns, vtype: str, rule: ZeroCellRule) -> Outcome:
    """½(asin √(x/(n+1)) + asin √((x+1)/(n+1))) with variance 1/(4n + 2) (Freeman & Tukey, 1950);
    metafor adds nothing by default (pass add=0 for that)."""
    x, n, complete = _events(columns, rule)
    with np.errstate(invalid="ignore", divide="ignore"):
        yi = (np.arcsin(np.sqrt(x / (n + 1))) + np.arcsin(np.sqrt((x + 1) / (n + 1)))) / 2
        return Outcome(yi, 1 / (4 * n + 2), complete)


_NEEDS = (("xi",), ("ni", "mi"))

MEASURES = {
    "PR": MeasureSpec(raw_proportion, _NEEDS, vtypes=("LS", "UB", "AV")),
    "PLN": MeasureSpec(log_proportion, _NEEDS, vtypes=("LS", "AV")),
    "PLO": MeasureSpec(logit_proportion, _NEEDS, vtypes=("LS", "AV")),
    "PAS": MeasureSpec(arcsine_proportion, _NEEDS),
    "PFT": MeasureSpec(freeman_tukey_proportion, _NEEDS),
}
