"""Change within one group or between matched pairs: MC, SMCC, SMCR and SMCRH.

Following metafor, m1i and sd1i belong to the first occasion of the difference m1i − m2i (give
the post-test as m1i and the pre-test as m2i for change from pre to post), ri is the correlation
between the two occasions and ni the number of people measured twice.
"""

import numpy as np

from analysis.effect_sizes.columns import (
    Columns,
    FloatArray,
    correlations_out_of_range,
    negative_values,
    nonpositive_values,
    rows_present,
)
from analysis.effect_sizes.errors import raise_if_any
from analysis.effect_sizes.results import Outcome
from analysis.effect_sizes.spec import MeasureSpec, bias_correction
from analysis.effect_sizes.zero_cells import ZeroCellRule


def _checked(columns: Columns, sds: tuple[str, ...]) -> None:
    raise_if_any(
        negative_values(columns, sds, "standard deviations cannot be negative")
        + correlations_out_of_range(columns, "ri")
        + nonpositive_values(columns, ("ni",), "sample sizes must be at least 1")
    )


def _both_occasions(columns: Columns) -> tuple[FloatArray, ...]:
    _checked(columns, ("sd1i", "sd2i"))
    return tuple(columns[name] for name in ("m1i", "m2i", "sd1i", "sd2i", "ri", "ni"))


def _change_variance(sd1: FloatArray, sd2: FloatArray, r: FloatArray) -> FloatArray:
    """Variance of the change scores, sd1² + sd2² − 2 r sd1 sd2."""
    variance: FloatArray = sd1**2 + sd2**2 - 2 * r * sd1 * sd2
    return variance


def mean_change(columns: Columns, vtype: str, _rule: ZeroCellRule) -> Outcome:
    """Raw mean change m1i − m2i with variance (sd1² + sd2² − 2 r sd1 sd2) / n."""
    m1, m2, sd1, sd2, r, n = _both_occasions(columns)
    with np.errstate(invalid="ignore", divide="ignore"):
        vi = _change_variance(sd1, sd2, r) / n
    return Outcome(m1 - m2, vi, rows_present(m1, m2, sd1, sd2, r, n))


def change_score_standardized(columns: Columns, vtype: str, _rule: ZeroCellRule) -> Outcome:
    """Mean change over the SD of the change scores, times c(n − 1) (Gibbons et al., 1993).

    vtype LS: 1/n + g²/(2n); LS2: c² (1/n + d²/(2n)).
    """
    m1, m2, sd1, sd2, r, n = _both_occasions(columns)
    correction = bias_correction(n - 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        d = (m1 - m2) / np.sqrt(_change_variance(sd1, sd2, r))
        g = correction * d
        if vtype == "LS2":
            vi = correction**2 * (1 / n + d**2 / (2 * n))
        else:
            vi = 1 / n + g**2 / (2 * n)
    return Outcome(g, vi, rows_present(m1, m2, sd1, sd2, r, n, correction))


def raw_score_standardized(columns: Columns, vtype: str, _rule: ZeroCellRule) -> Outcome:
    """Mean change over sd1i, times c(n − 1) (Becker, 1988); sd2i is not used.

    metafor standardises by sd1i, which is normally the pre-test SD even though m1i is normally
    the post-test mean: pass the pre-test SD as sd1i. vtype LS: 2(1 − r)/n + g²/(2n); LS2:
    c² (2(1 − r)/n + d²/(2n)).
    """
    _checked(columns, ("sd1i",))
    m1, m2, sd1, r, n = (columns[name] for name in ("m1i", "m2i", "sd1i", "ri", "ni"))
    correction = bias_correction(n - 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        d = (m1 - m2) / sd1
        g = correction * d
        if vtype == "LS2":
            vi = correction**2 * (2 * (1 - r) / n + d**2 / (2 * n))
        else:
            vi = 2 * (1 - r) / n + g**2 / (2 * n)
    return Outcome(g, vi, rows_present(m1, m2, sd1, r, n, correction))


def raw_score_standardized_heteroscedastic(
    columns: Columns, vtype: str, _rule: ZeroCellRule
) -> Outcome:
    """As SMCR without assuming equal variances at both occasions (Bonett, 2008).

    g = c(n − 1)(m1 − m2)/sd1, vi = c² ((sd1² + sd2² − 2 r sd1 sd2)/(sd1² (n − 1)) + g²/(2(n − 1))).
    """
    m1, m2, sd1, sd2, r, n = _both_occasions(columns)
    correction = bias_correction(n - 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        g = correction * (m1 - m2) / sd1
        vi = _change_variance(sd1, sd2, r) / (sd1**2 * (n - 1)) + g**2 / (2 * (n - 1))
    return Outcome(g, correction**2 * vi, rows_present(m1, m2, sd1, sd2, r, n, correction))


_BOTH = tuple((name,) for name in ("m1i", "m2i", "sd1i", "sd2i", "ri", "ni"))
_RAW = tuple((name,) for name in ("m1i", "m2i", "sd1i", "ri", "ni"))

MEASURES = {
    "MC": MeasureSpec(mean_change, _BOTH),
    "SMCC": MeasureSpec(change_score_standardized, _BOTH, vtypes=("LS", "LS2")),
    "SMCR": MeasureSpec(raw_score_standardized, _RAW, vtypes=("LS", "LS2"), ignored=("sd2i",)),
    "SMCRH": MeasureSpec(raw_score_standardized_heteroscedastic, _BOTH),
}
