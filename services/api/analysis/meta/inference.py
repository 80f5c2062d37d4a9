"""Tests and intervals for the fixed effects: z or Knapp-Hartung t/F, QM and predict.rma."""

import math
from collections.abc import Sequence

import numpy as np
from scipy import stats

from analysis.meta.results import Coefficient, ModeratorTest, Prediction
from analysis.meta.wls import FloatArray


def critical_value(test: str, level: float, df: int | None) -> float:
    """The two-sided quantile for a level% interval: normal under z, t(k − p) under knha.

    With df = 0 metafor gives NA; here NaN.
    """
    alpha = (100.0 - level) / 100.0
    if test == "z":
        return float(stats.norm.isf(alpha / 2.0))
    if df is None or df <= 0:
        return math.nan
    return float(stats.t.isf(alpha / 2.0, df))


def _two_sided_pval(statistic: float, test: str, df: int | None) -> float:
    if test == "z":
        return float(2.0 * stats.norm.sf(abs(statistic)))
    if df is None or df <= 0:
        return math.nan
    return float(2.0 * stats.t.sf(abs(statistic), df))


def coefficient_table(
    names: Sequence[str],
    beta: FloatArray,
    vcov: FloatArray,
    test: str,
    level: float,
    df: int | None,
) -> tuple[Coefficient, ...]:
    """metafor's estimate, se, zval/tval, pval, ci.lb and ci.ub for each coefficient."""
    se = np.sqrt(np.diag(vcov))
    crit = critical_value(test, level, df)
    rows = []
    for name, estimate, error in zip(names, beta, se, strict=True):
        with np.errstate(divide="ignore", invalid="ignore"):
            statistic = float(np.float64(estimate) / error)
        rows.append(
            Coefficient(
                name=name,
                estimate=float(estimate),
                se=float(error),
                statistic=statistic,
                pval=_two_sided_pval(statistic, test, df),
                ci_lb=float(estimate - crit * error),
                ci_ub=float(estimate + crit * error),
            )
        )
    return tuple(rows)


def moderator_test(
    names: Sequence[str], beta: FloatArray, vcov: FloatArray, test: str, df: int | None
) -> ModeratorTest:
    """QM = b'V⁻¹b over all coefficients but the intercept (metafor's default btt).

    Under knha QM is divided by m and referred to F(m, k − p). metafor gives NA when the
    covariance block is not positive definite (e.g. a Knapp-Hartung factor of 0); so None here.
    """
    tested = slice(1, None) if len(beta) > 1 else slice(0, 1)
    b = beta[tested]
    m = len(b)
    try:
        factor = np.linalg.cholesky(vcov[tested, tested])
    except np.linalg.LinAlgError:
        return ModeratorTest(None, m, df if test != "z" else None, None, tuple(names[tested]))
    solved = np.linalg.solve(factor, b)
    qm = float(np.dot(solved, solved))
    if test == "z":
        return ModeratorTest(qm, m, None, float(stats.chi2.sf(qm, m)), tuple(names[tested]))
    qm /= m
    pval = float(stats.f.sf(qm, m, df)) if df is not None and df > 0 else None
    return ModeratorTest(qm, m, df, pval, tuple(names[tested]))


def predict_rows(
    rows: FloatArray,
    beta: FloatArray,
    vcov: FloatArray,
    tau2: float,
    crit: float,
    equal_effects: bool,
) -> tuple[Prediction, ...]:
    """predict.rma for design rows (intercept first): pred ± crit·se and, unless EE/FE,
    pred ± crit·√(se² + tau²) with the same critical value (t under knha)."""
    predictions = []
    for row in rows:
        pred = float(row @ beta)
        variance = float(row @ vcov @ row)
        se = math.sqrt(variance) if variance >= 0.0 else math.nan
        half_pi = crit * math.sqrt(se**2 + tau2)
        predictions.append(
            Prediction(
                pred=pred,
                se=se,
                ci_lb=pred - crit * se,
                ci_ub=pred + crit * se,
                pi_lb=None if equal_effects else pred - half_pi,
                pi_ub=None if equal_effects else pred + half_pi,
            )
        )
    return tuple(predictions)
