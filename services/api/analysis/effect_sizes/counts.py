"""Two groups with a dichotomous outcome, a 2×2 table per row: OR, RR, RD, AS and PETO.

Each table is ai, bi (group 1 with and without the event) and ci, di (group 2); bi and di may be
given as the group sizes n1i and n2i instead. Zero cells are handled first, as in metafor: see
zero_cells.ZeroCellRule.
"""

from typing import NamedTuple

import numpy as np

from analysis.effect_sizes.columns import (
    BoolArray,
    Columns,
    FloatArray,
    larger_than,
    negative_values,
    rows_present,
    unequal_sum,
)
from analysis.effect_sizes.errors import raise_if_any
from analysis.effect_sizes.results import Outcome
from analysis.effect_sizes.spec import MeasureSpec, weighted_mean
from analysis.effect_sizes.zero_cells import ZeroCellRule, add_to_cells, drop_rows


class Table(NamedTuple):
    """The cells of the 2×2 tables, after zero-cell handling."""

    ai: FloatArray
    bi: FloatArray
    ci: FloatArray
    di: FloatArray

    @property
    def n1(self) -> FloatArray:
        return self.ai + self.bi

    @property
    def n2(self) -> FloatArray:
        return self.ci + self.di


def _completed(columns: Columns, cell: str, count: str, total: str) -> FloatArray:
    """The given cell, or where it is missing the group size minus the event count."""
    given = columns.get(cell)
    totals = columns.get(total)
    if given is None:
        return totals - columns[count] if totals is not None else np.full(columns.k, np.nan)
    if totals is None:
        return given
    return np.where(np.isnan(given), totals - columns[count], given)


def _table(columns: Columns, rule: ZeroCellRule) -> tuple[Table, BoolArray]:
    """The adjusted table and which rows had all four cells."""
    raise_if_any(
        negative_values(columns, ("ai", "bi", "ci", "di"), "cell counts cannot be negative")
        + negative_values(columns, ("n1i", "n2i"), "group sizes cannot be negative")
        + larger_than(columns, "ai", "n1i")
        + larger_than(columns, "ci", "n2i")
        + unequal_sum(columns, "n1i", "ai", "bi")
        + unequal_sum(columns, "n2i", "ci", "di")
    )
    cells = [
        columns["ai"],
        _completed(columns, "bi", "ai", "n1i"),
        columns["ci"],
        _completed(columns, "di", "ci", "n2i"),
    ]
    complete = rows_present(*cells)
    if rule.drop00:
        ai, bi, ci, di = cells
        cells = drop_rows(cells, ((ai == 0) & (ci == 0)) | ((bi == 0) & (di == 0)))
    ai, bi, ci, di = add_to_cells(cells, rule)
    return Table(ai, bi, ci, di), complete


def log_odds_ratio(columns: Columns, vtype: str, rule: ZeroCellRule) -> Outcome:
    """log(ai di / (bi ci)) with variance 1/ai + 1/bi + 1/ci + 1/di."""
    t, complete = _table(columns, rule)
    with np.errstate(invalid="ignore", divide="ignore"):
        p1, p2 = t.ai / t.n1, t.ci / t.n2
        yi = np.log(p1 / (1 - p1)) - np.log(p2 / (1 - p2))
        vi = 1 / t.ai + 1 / t.bi + 1 / t.ci + 1 / t.di
    return Outcome(yi, vi, complete)


def log_risk_ratio(columns: Columns, vtype: str, rule: ZeroCellRule) -> Outcome:
    """log(p1 / p2) with variance 1/ai − 1/n1 + 1/ci − 1/n2."""
    t, complete = _table(columns, rule)
    with np.errstate(invalid="ignore", divide="ignore"):
        yi = np.log(t.ai / t.n1) - np.log(t.ci / t.n2)
        vi = 1 / t.ai - 1 / t.n1 + 1 / t.ci - 1 / t.n2
    return Outcome(yi, vi, complete)


def risk_difference(columns: Columns, vtype: str, rule: ZeroCellRule) -> Outcome:
    """p1 − p2; vtype LS: Σ p(1 − p)/n, UB: Σ p(1 − p)/(n − 1), AV: LS with each group's
    sample-size weighted mean risk across studies."""
    t, complete = _table(columns, rule)
    n1, n2 = t.n1, t.n2
    with np.errstate(invalid="ignore", divide="ignore"):
        p1, p2 = t.ai / n1, t.ci / n2
        if vtype == "UB":
            vi = p1 * (1 - p1) / (n1 - 1) + p2 * (1 - p2) / (n2 - 1)
        elif vtype == "AV":
            mean1, mean2 = weighted_mean(p1, n1), weighted_mean(p2, n2)
            vi = mean1 * (1 - mean1) / n1 + mean2 * (1 - mean2) / n2
        else:
            vi = p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2
    return Outcome(p1 - p2, vi, complete)


def arcsine_risk_difference(columns: Columns, vtype: str, rule: ZeroCellRule) -> Outcome:
    """asin(√p1) − asin(√p2) (Rücker et al., 2009) with variance 1/(4 n1) + 1/(4 n2).

    metafor adds nothing to zero cells for AS unless `add` is given; here the default add = 1/2
    applies to every measure, so pass add=0 to get metafor's default.
    """
    t, complete = _table(columns, rule)
    with np.errstate(invalid="ignore", divide="ignore"):
        yi = np.arcsin(np.sqrt(t.ai / t.n1)) - np.arcsin(np.sqrt(t.ci / t.n2))
        vi = 1 / (4 * t.n1) + 1 / (4 * t.n2)
    return Outcome(yi, vi, complete)


def peto_log_odds_ratio(columns: Columns, vtype: str, rule: ZeroCellRule) -> Outcome:
    """Peto's one-step log odds ratio (O − E)/V with variance 1/V (Yusuf et al., 1985).

    As in metafor, zero-cell handling applies before E and V are computed.
    """
    t, complete = _table(columns, rule)
    n1, n2 = t.n1, t.n2
    total = n1 + n2
    with np.errstate(invalid="ignore", divide="ignore"):
        events, non_events = t.ai + t.ci, t.bi + t.di
        expected = events * n1 / total
        variance = events * non_events * (n1 / total) * (n2 / total) / (total - 1)
        yi = (t.ai - expected) / variance
        vi = 1 / variance
    return Outcome(yi, vi, complete)


_NEEDS = (("ai",), ("bi", "n1i"), ("ci",), ("di", "n2i"))

MEASURES = {
    "OR": MeasureSpec(log_odds_ratio, _NEEDS),
    "RR": MeasureSpec(log_risk_ratio, _NEEDS),
    "RD": MeasureSpec(risk_difference, _NEEDS, vtypes=("LS", "UB", "AV")),
    "AS": MeasureSpec(arcsine_risk_difference, _NEEDS),
    "PETO": MeasureSpec(peto_log_odds_ratio, _NEEDS),
}
