"""Estimators of the (residual) heterogeneity tau², each as metafor's rma.uni computes it.

Every estimator works on an intercept-including design X, so metafor's centring of y (its
`Ymc`) changes no residual and is left out. Negative estimates are truncated to 0 as metafor
does (tau2.min = 0); se(tau²) follows the formula metafor reports for each estimator.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from analysis.meta.iterative import fisher_scoring, paule_mandel
from analysis.meta.wls import FloatArray, dimensions, standardise, weighted_fit

EQUAL_EFFECTS_METHODS = frozenset({"EE", "FE"})
METHODS = ("REML", "ML", "DL", "PM", "HE", "SJ", "EE", "FE")


@dataclass(frozen=True)
class Tau2Estimate:
    """tau² with metafor's se.tau2 (None where metafor gives NA) and Fisher-scoring steps."""

    tau2: float
    se_tau2: float | None
    iterations: int | None = None
    notes: tuple[str, ...] = ()


def _quadratic_se(scale: float, t_vv: float, t_pv: float, t_pp: float, tau2: float) -> float:
    """√(scale² · (2·t_vv + 4·tau²·t_pv + 2·tau⁴·t_pp)): metafor's se.tau2 for DL, HE and SJ."""
    return float(np.sqrt(scale**2 * (2.0 * t_vv + 4.0 * tau2 * t_pv + 2.0 * tau2**2 * t_pp)))


def dersimonian_laird(yi: FloatArray, vi: FloatArray, x: FloatArray) -> Tau2Estimate:
    """DL: (QE − (k − p)) / tr(P) with weights 1/vᵢ (method="DL")."""
    k, p = dimensions(x)
    fit = weighted_fit(x, yi, 1.0 / vi)
    trace_p = fit.trace_p_diag()
    tau2 = max(0.0, (fit.rss - (k - p)) / trace_p)
    se = _quadratic_se(1.0 / trace_p, k - p, trace_p, fit.trace_p_diag_p_diag(), tau2)
    return Tau2Estimate(tau2, se)


def hedges(yi: FloatArray, vi: FloatArray, x: FloatArray) -> Tau2Estimate:
    """HE: (RSS − tr(PV)) / (k − p) from ordinary least squares (method="HE")."""
    k, p = dimensions(x)
    fit = weighted_fit(x, yi, np.ones_like(vi))
    trace_pv = fit.trace_p_diag(vi)
    tau2 = max(0.0, (fit.rss - trace_pv) / (k - p))
    se = _quadratic_se(1.0 / (k - p), fit.trace_p_diag_p_diag(vi, vi), trace_pv, k - p, tau2)
    return Tau2Estimate(tau2, se)


def unbounded_hedges(yi: FloatArray, vi: FloatArray, x: FloatArray) -> float:
    """The HE value before truncation: metafor starts Fisher scoring from max(0, this)."""
    k, p = dimensions(x)
    fit = weighted_fit(x, yi, np.ones_like(vi))
    return (fit.rss - fit.trace_p_diag(vi)) / (k - p)


def sidik_jonkman(yi: FloatArray, vi: FloatArray, x: FloatArray) -> Tau2Estimate:
    """SJ: tau²₀ · RSS/(k − p), weights 1/(vᵢ + tau²₀), tau²₀ = Σ(yᵢ − ȳ)²/k (method="SJ").

    metafor starts from the variance of the centred yᵢ even when there are moderators.
    """
    k, p = dimensions(x)
    tau2_start = float(np.mean((yi - yi.mean()) ** 2))
    fit = weighted_fit(x, yi, 1.0 / (vi + tau2_start))
    tau2 = max(0.0, tau2_start * fit.rss / (k - p))
    se = _quadratic_se(
        tau2_start / (k - p),
        fit.trace_p_diag_p_diag(vi, vi),
        fit.trace_p_diag_p_diag(vi, None),
        fit.trace_p_diag_p_diag(),
        tau2,
    )
    return Tau2Estimate(tau2, se)


def restricted_maximum_likelihood(yi: FloatArray, vi: FloatArray, x: FloatArray) -> Tau2Estimate:
    """REML by Fisher scoring from max(0, HE); se = √(2 / tr(PP)) (method="REML")."""
    result = fisher_scoring(yi, vi, x, max(0.0, unbounded_hedges(yi, vi, x)), restricted=True)
    fit = weighted_fit(x, yi, 1.0 / (vi + result.tau2))
    se = float(np.sqrt(2.0 / fit.trace_p_diag_p_diag()))
    return Tau2Estimate(result.tau2, se, result.iterations, result.notes)


def maximum_likelihood(yi: FloatArray, vi: FloatArray, x: FloatArray) -> Tau2Estimate:
    """ML by Fisher scoring from max(0, HE); se = √(2 / Σwᵢ²) (method="ML")."""
    result = fisher_scoring(yi, vi, x, max(0.0, unbounded_hedges(yi, vi, x)), restricted=False)
    weights = 1.0 / (vi + result.tau2)
    se = float(np.sqrt(2.0 / np.sum(weights**2)))
    return Tau2Estimate(result.tau2, se, result.iterations, result.notes)


def paule_mandel_estimate(yi: FloatArray, vi: FloatArray, x: FloatArray) -> Tau2Estimate:
    """PM: the tau² at which the generalised QE equals k − p; se = √(2k²/(k − p)) / Σwᵢ."""
    k, p = dimensions(x)
    tau2, notes = paule_mandel(yi, vi, x)
    weights = 1.0 / (vi + tau2)
    se = float(np.sqrt(2.0 * k**2 / (k - p)) / np.sum(weights))
    return Tau2Estimate(tau2, se, notes=notes)


def equal_effects(_yi: FloatArray, _vi: FloatArray, _x: FloatArray) -> Tau2Estimate:
    """EE (alias FE): no heterogeneity; metafor gives se.tau2 = NA."""
    return Tau2Estimate(0.0, None)


ESTIMATORS: dict[str, Callable[[FloatArray, FloatArray, FloatArray], Tau2Estimate]] = {
    "REML": restricted_maximum_likelihood,
    "ML": maximum_likelihood,
    "DL": dersimonian_laird,
    "PM": paule_mandel_estimate,
    "HE": hedges,
    "SJ": sidik_jonkman,
    "EE": equal_effects,
    "FE": equal_effects,
}


def estimate_tau2(yi: FloatArray, vi: FloatArray, x: FloatArray, method: str) -> Tau2Estimate:
    """tau² by `method` for outcomes yi, sampling variances vi and design x (k×p, intercept first).

    With k = 1 metafor skips estimation: tau² = 0 and se.tau2 = NA for every method.
    """
    if len(yi) == 1:
        return Tau2Estimate(0.0, None)
    return ESTIMATORS[method](yi, vi, standardise(x)[0])
