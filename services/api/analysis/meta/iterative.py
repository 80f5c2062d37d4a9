"""The iterative tau² searches: Fisher scoring (REML, ML) and Paule-Mandel's root finding."""

from dataclasses import dataclass

import numpy as np
from scipy import optimize

from analysis.meta.errors import MetaFitError
from analysis.meta.wls import FloatArray, dimensions, weighted_fit

# metafor's defaults are threshold = 1e-5 and maxiter = 100; the fixtures are produced with
# control = list(threshold = 1e-10, maxiter = 1000, tol = 1e-12) and these match them.
RELATIVE_THRESHOLD = 1e-10
MAX_ITERATIONS = 1000
# metafor's con$tol (.Machine$double.eps^0.25): how much higher the log-likelihood at tau² = 0
# may be before it declares Fisher scoring stuck and sets tau² = 0.
LL0_TOLERANCE = float(np.finfo(float).eps ** 0.25)
PM_TOLERANCE = 1e-13


@dataclass(frozen=True)
class IterationResult:
    tau2: float
    iterations: int
    notes: tuple[str, ...] = ()


def _scoring_step(
    yi: FloatArray, vi: FloatArray, x: FloatArray, tau2: float, restricted: bool
) -> float:
    """metafor's adj: (y'PPy − tr P)/tr(PP) for REML, (y'PPy − Σw)/Σw² for ML."""
    fit = weighted_fit(x, yi, 1.0 / (vi + tau2))
    if restricted:
        return (fit.rss_squared_p - fit.trace_p_diag()) / fit.trace_p_diag_p_diag()
    weights = fit.weights
    return (fit.rss_squared_p - float(np.sum(weights))) / float(np.sum(weights**2))


def _bounded_step(tau2: float, step: float) -> float:
    """metafor halves the step while it would cross tau2.min = 0 (from 0 it shrinks to nothing)."""
    if tau2 <= 0.0 and step < 0.0:
        return 0.0
    while tau2 + step < 0.0:
        step /= 2.0
    return step


def log_likelihood(
    yi: FloatArray, vi: FloatArray, x: FloatArray, tau2: float, restricted: bool
) -> float:
    """metafor's ll at tau² as used by its ll0check (REML without the log|X'X| term)."""
    k, p = dimensions(x)
    fit = weighted_fit(x, yi, 1.0 / (vi + tau2))
    n = k - p if restricted else k
    value = -0.5 * n * np.log(2.0 * np.pi) - 0.5 * np.sum(np.log(vi + tau2)) - 0.5 * fit.rss
    if restricted:
        value -= 0.5 * fit.log_det_xtwx()
    return float(value)


def fisher_scoring(
    yi: FloatArray, vi: FloatArray, x: FloatArray, start: float, restricted: bool
) -> IterationResult:
    """Iterate tau² ← tau² + adj until |change| ≤ 1e-10·max(1, tau²), then metafor's ll0check."""
    tau2 = start
    for iteration in range(1, MAX_ITERATIONS + 1):
        step = _bounded_step(tau2, _scoring_step(yi, vi, x, tau2, restricted))
        previous, tau2 = tau2, tau2 + step
        if abs(tau2 - previous) <= RELATIVE_THRESHOLD * max(1.0, tau2):
            return _checked_against_zero(yi, vi, x, tau2, iteration, restricted)
    raise MetaFitError(
        "Fisher scoring algorithm did not converge: try method='DL', 'PM' or 'HE' instead."
    )


def _checked_against_zero(
    yi: FloatArray, vi: FloatArray, x: FloatArray, tau2: float, iterations: int, restricted: bool
) -> IterationResult:
    ll_zero = log_likelihood(yi, vi, x, 0.0, restricted)
    ll_fit = log_likelihood(yi, vi, x, tau2, restricted)
    if ll_zero - ll_fit > LL0_TOLERANCE and tau2 > RELATIVE_THRESHOLD:
        note = "Fisher scoring stopped at a local maximum; tau² set to 0 as metafor does."
        return IterationResult(0.0, iterations, (note,))
    return IterationResult(tau2, iterations)


def _mad_squared(values: FloatArray) -> float:
    """R's mad()²: (1.4826 · median |y − median(y)|)²."""
    return float((1.4826 * np.median(np.abs(values - np.median(values)))) ** 2)


def paule_mandel(yi: FloatArray, vi: FloatArray, x: FloatArray) -> tuple[float, tuple[str, ...]]:
    """Root of QE(tau²) = k − p on [0, tau2.max], tau2.max = max(100, 10·mad(y)²) as in metafor.

    Where metafor stops ("Value of 'tau2.max' too low") the upper bound is raised tenfold
    until it brackets the root, and a note says so.
    """
    k, p = dimensions(x)
    target = float(k - p)

    def excess_q(tau2: float) -> float:
        return weighted_fit(x, yi, 1.0 / (vi + tau2)).rss - target

    if excess_q(0.0) < 0.0:
        return 0.0, ()
    upper = max(100.0, 10.0 * _mad_squared(yi))
    notes: tuple[str, ...] = ()
    while excess_q(upper) > 0.0:
        upper *= 10.0
        notes = ("tau2.max raised above metafor's default to bracket the Paule-Mandel root.",)
        if upper > 1e300:
            raise MetaFitError("Paule-Mandel: no tau² makes QE equal to k − p.")
    root = optimize.brentq(excess_q, 0.0, upper, xtol=PM_TOLERANCE, rtol=4 * np.finfo(float).eps)
    return float(root), notes
