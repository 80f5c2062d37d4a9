"""Log-likelihood, deviance, AIC, BIC and AICc under ML and REML, as metafor's fit.stats."""

import math

import numpy as np

from analysis.meta.results import FitStatistics
from analysis.meta.wls import FloatArray, WeightedFit, dimensions, weighted_fit

LOG_2PI = math.log(2.0 * math.pi)


def _log_or_minus_infinity(n: int) -> float:
    """R's log(0) is -Inf: metafor's REML BIC with k = p (k = 1) is -Inf."""
    return math.log(n) if n > 0 else -math.inf


def _criteria(log_likelihood: float, deviance: float, parms: int, n: int) -> FitStatistics:
    """AIC, BIC and AICc with metafor's n (k under ML, k − p under REML) and max(n, parms + 2)."""
    corrected_n = max(n, parms + 2)
    return FitStatistics(
        log_likelihood=log_likelihood,
        deviance=deviance,
        aic=-2.0 * log_likelihood + 2.0 * parms,
        bic=-2.0 * log_likelihood + parms * _log_or_minus_infinity(n),
        aicc=-2.0 * log_likelihood + 2.0 * parms * corrected_n / (corrected_n - parms - 1),
    )


def fit_statistics(
    vi: FloatArray, x: FloatArray, tau2: float, fit: WeightedFit, parms: int
) -> tuple[FitStatistics, FitStatistics]:
    """(ML, REML) statistics of the model fitted with weights 1/(vᵢ + tau²).

    parms = p (+ 1 for tau² unless EE/FE). The ML deviance is relative to the saturated model
    (metafor: 0 when k ≤ p); the REML deviance is −2·ll. The REML log-likelihood includes
    +½ log|X'X| (metafor's REMLf = TRUE).
    """
    k, p = dimensions(x)
    log_variances = float(np.sum(np.log(vi + tau2)))
    ll_ml = -0.5 * k * LOG_2PI - 0.5 * log_variances - 0.5 * fit.rss
    log_det_xtx = weighted_fit(x, np.zeros(k), np.ones(k)).log_det_xtwx()
    ll_reml = (
        -0.5 * (k - p) * LOG_2PI
        + 0.5 * log_det_xtx
        - 0.5 * log_variances
        - 0.5 * fit.log_det_xtwx()
        - 0.5 * fit.rss
    )
    if k > p:
        saturated = float(np.sum(-0.5 * (LOG_2PI + np.log(vi))))
        deviance_ml = -2.0 * (ll_ml - saturated)
    else:
        deviance_ml = 0.0
    ml = _criteria(ll_ml, deviance_ml, parms, k)
    reml = _criteria(ll_reml, -2.0 * ll_reml, parms, k - p)
    return ml, reml
