"""The test for (residual) heterogeneity QE and metafor's I² and H² (its default i2def = "1")."""

import numpy as np
from scipy import stats

from analysis.meta.errors import MetaFitError
from analysis.meta.results import Heterogeneity
from analysis.meta.tau2 import estimate_tau2
from analysis.meta.wls import FloatArray, dimensions, weighted_fit


def heterogeneity(
    yi: FloatArray,
    vi: FloatArray,
    x: FloatArray,
    tau2: float,
    se_tau2: float | None,
    equal_effects: bool,
) -> Heterogeneity:
    """QE from weights 1/vᵢ whatever the tau² estimator; I² and H² as metafor defines them.

    With an equal-effects model and QE = 0, metafor's I² is NaN (0/0); so it is here.
    """
    k, p = dimensions(x)
    df = k - p
    tau = float(np.sqrt(tau2))
    if k <= p:
        return Heterogeneity(tau2, se_tau2, tau, 0.0, 1.0, 0.0, df, 1.0)
    fit = weighted_fit(x, yi, 1.0 / vi)
    qe = max(0.0, fit.rss)
    qe_pval = float(stats.chi2.sf(qe, df))
    if equal_effects:
        i2 = max(0.0, 100.0 * (qe - df) / qe) if qe > 0.0 else float("nan")
        h2 = qe / df
    else:
        typical_variance = df / fit.trace_p_diag()
        i2 = 100.0 * tau2 / (typical_variance + tau2)
        h2 = tau2 / typical_variance + 1.0
    return Heterogeneity(tau2, se_tau2, tau, i2, h2, qe, df, qe_pval)


def pseudo_r2(
    yi: FloatArray, vi: FloatArray, x: FloatArray, method: str, tau2: float, equal_effects: bool
) -> float | None:
    """metafor's R² (its default r2def = "1"), in percent; only for models with moderators.

    Random/mixed effects: 100·(tau²_RE − tau²_ME)/tau²_RE, at least 0, with tau²_RE from the
    intercept-only model under the same estimator (0 when tau²_RE = 0; None when that fit
    fails, where metafor gives NA). EE/FE: the adjusted R² of the weighted regression of yᵢ
    on the moderators with weights 1/vᵢ (metafor's lm(yi ~ X, weights = wi)), at least 0;
    NaN when k = p, as in metafor.
    """
    if equal_effects:
        return _adjusted_weighted_r2(yi, vi, x)
    try:
        tau2_random = estimate_tau2(yi, vi, x[:, :1], method).tau2
    except MetaFitError:
        return None
    if tau2_random == 0.0:
        return 0.0
    return max(0.0, 100.0 * (tau2_random - tau2) / tau2_random)


def _adjusted_weighted_r2(yi: FloatArray, vi: FloatArray, x: FloatArray) -> float:
    k, p = dimensions(x)
    if float(np.var(yi)) == 0.0:
        return 0.0
    if k <= p:
        return float("nan")  # no residual df: metafor's lm() summary gives NaN
    weights = 1.0 / vi
    residual = weighted_fit(x, yi, weights).rss
    total = weighted_fit(x[:, :1], yi, weights).rss
    adjusted = 1.0 - (residual / total) * (k - 1) / (k - p)
    return max(0.0, 100.0 * adjusted)
