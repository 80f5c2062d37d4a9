"""Two independent groups measured on a quantitative scale: MD, SMD and ROM."""

import numpy as np

from analysis.effect_sizes.columns import (
    Columns,
    FloatArray,
    negative_values,
    nonpositive_values,
    rows_present,
)
from analysis.effect_sizes.errors import raise_if_any
from analysis.effect_sizes.results import Outcome
from analysis.effect_sizes.spec import MeasureSpec, bias_correction, weighted_mean
from analysis.effect_sizes.zero_cells import ZeroCellRule

GROUP_COLUMNS = ("m1i", "m2i", "sd1i", "sd2i", "n1i", "n2i")


def _checked_groups(columns: Columns) -> tuple[FloatArray, ...]:
    raise_if_any(
        negative_values(columns, ("sd1i", "sd2i"), "standard deviations cannot be negative")
        + nonpositive_values(columns, ("n1i", "n2i"), "group sizes must be at least 1")
    )
    return tuple(columns[name] for name in GROUP_COLUMNS)


def _pooled_variance(
    sd1: FloatArray, sd2: FloatArray, n1: FloatArray, n2: FloatArray
) -> FloatArray:
    with np.errstate(invalid="ignore", divide="ignore"):
        pooled: FloatArray = ((n1 - 1) * sd1**2 + (n2 - 1) * sd2**2) / (n1 + n2 - 2)
    return pooled


def mean_difference(columns: Columns, vtype: str, _rule: ZeroCellRule) -> Outcome:
    """m1i − m2i; vtype LS (and UB, the same) leaves the variances unequal, HO pools them.

    Borenstein (2009) eqs. 12.5 and 12.3.
    """
    m1, m2, sd1, sd2, n1, n2 = _checked_groups(columns)
    with np.errstate(invalid="ignore", divide="ignore"):
        if vtype == "HO":
            vi = _pooled_variance(sd1, sd2, n1, n2) * (1 / n1 + 1 / n2)
        else:
            vi = sd1**2 / n1 + sd2**2 / n2
    return Outcome(m1 - m2, vi, rows_present(m1, m2, sd1, sd2, n1, n2))


def standardized_mean_difference(columns: Columns, vtype: str, _rule: ZeroCellRule) -> Outcome:
    """Hedges' g: (m1i − m2i) / pooled SD times the exact bias correction c(n1i + n2i − 2).

    vtype LS: 1/n1 + 1/n2 + g²/(2(n1 + n2)) (Hedges, 1982, eq. 8); UB: the unbiased estimate
    (Hedges, 1983, eq. 9); LS2: Borenstein (2009) eq. 12.17; AV: LS with the sample-size weighted
    mean of g in place of each g.
    """
    m1, m2, sd1, sd2, n1, n2 = _checked_groups(columns)
    df = n1 + n2 - 2
    correction = bias_correction(df)
    with np.errstate(invalid="ignore", divide="ignore"):
        cohens_d = (m1 - m2) / np.sqrt(_pooled_variance(sd1, sd2, n1, n2))
        g = correction * cohens_d
        sampling = 1 / n1 + 1 / n2
        if vtype == "UB":
            vi = sampling + (1 - (df - 2) / (df * correction**2)) * g**2
        elif vtype == "LS2":
            vi = correction**2 * (sampling + cohens_d**2 / (2 * (n1 + n2)))
        elif vtype == "AV":
            vi = sampling + weighted_mean(g, n1 + n2) ** 2 / (2 * (n1 + n2))
        else:
            vi = sampling + g**2 / (2 * (n1 + n2))
    # metafor's c(m) is NA for m ≤ 1, a missing value rather than an undefined one, so such rows
    # keep an AV variance that does not involve g.
    return Outcome(g, vi, rows_present(m1, m2, sd1, sd2, n1, n2, correction))


def log_ratio_of_means(columns: Columns, vtype: str, _rule: ZeroCellRule) -> Outcome:
    """log(m1i / m2i) (Hedges et al., 1999); undefined when the means differ in sign.

    vtype LS: sd1²/(n1 m1²) + sd2²/(n2 m2²) (eq. 1); HO: the same with the pooled variance; AV:
    each group's sample-size weighted mean coefficient of variation across studies; AVHO: one
    weighted mean coefficient of variation for both groups.
    """
    m1, m2, sd1, sd2, n1, n2 = _checked_groups(columns)
    with np.errstate(invalid="ignore", divide="ignore"):
        yi = np.log(m1 / m2)
        if vtype == "HO":
            pooled = _pooled_variance(sd1, sd2, n1, n2)
            vi = pooled / (n1 * m1**2) + pooled / (n2 * m2**2)
        elif vtype == "AV":
            cv1, cv2 = weighted_mean(sd1 / m1, n1), weighted_mean(sd2 / m2, n2)
            vi = cv1**2 / n1 + cv2**2 / n2
        elif vtype == "AVHO":
            vi = _common_cv(m1, m2, sd1, sd2, n1, n2) ** 2 * (1 / n1 + 1 / n2)
        else:
            vi = sd1**2 / (n1 * m1**2) + sd2**2 / (n2 * m2**2)
    return Outcome(yi, vi, rows_present(m1, m2, sd1, sd2, n1, n2))


def _common_cv(*groups: FloatArray) -> float:
    """Both groups' coefficients of variation averaged with their sizes over the known rows."""
    m1, m2, sd1, sd2, n1, n2 = groups
    cv1, cv2 = sd1 / m1, sd2 / m2
    known = ~(np.isnan(n1) | np.isnan(n2) | np.isnan(cv1) | np.isnan(cv2))
    total = np.sum(n1[known] * cv1[known]) + np.sum(n2[known] * cv2[known])
    return float(total / np.sum(n1[known] + n2[known]))


_NEEDS = tuple((name,) for name in GROUP_COLUMNS)

MEASURES = {
    "MD": MeasureSpec(mean_difference, _NEEDS, vtypes=("LS", "HO", "UB")),
    "SMD": MeasureSpec(standardized_mean_difference, _NEEDS, vtypes=("LS", "UB", "LS2", "AV")),
    "ROM": MeasureSpec(log_ratio_of_means, _NEEDS, vtypes=("LS", "HO", "AV", "AVHO")),
}
