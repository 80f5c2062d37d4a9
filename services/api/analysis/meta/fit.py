"""The model itself: a random-, mixed- or equal-effects fit from arrays and a design matrix.

`fit_model` is the reusable core (subgroups, leave-one-out and the like can call it with
their own subsets); `analysis.meta.rma` adds input checks and the moderator encoding.
"""

from collections.abc import Sequence

import numpy as np

from analysis.meta.heterogeneity import heterogeneity, pseudo_r2
from analysis.meta.inference import (
    coefficient_table,
    critical_value,
    moderator_test,
    predict_rows,
)
from analysis.meta.information import fit_statistics
from analysis.meta.results import MetaModel, Prediction
from analysis.meta.tau2 import EQUAL_EFFECTS_METHODS, estimate_tau2
from analysis.meta.wls import (
    FloatArray,
    WeightedFit,
    dimensions,
    standardise,
    to_original_scale,
    weighted_fit,
)

MACHINE_EPSILON = float(np.finfo(float).eps)


def _knapp_hartung_scale(fit: WeightedFit, df: int) -> float:
    """metafor's s2w = RSS/(k − p) of the final weighted fit, 0 when RSS ≤ machine epsilon.

    No truncation at 1 (metafor's test="knha"; its test="adhoc" would truncate).
    """
    if fit.rss <= MACHINE_EPSILON or df <= 0:
        return 0.0
    return fit.rss / df


def _adjusted_test(k: int, method: str, test: str) -> tuple[str, list[str]]:
    notes = []
    if k == 1 and method not in EQUAL_EFFECTS_METHODS:
        notes.append("k = 1: tau² cannot be estimated and is 0, as in metafor.")
    if k == 1 and test != "z":
        notes.append('test set to "z" since k = 1, as metafor does.')
        test = "z"
    if method in EQUAL_EFFECTS_METHODS and test == "knha":
        notes.append(
            f"The Knapp & Hartung method is not meant to be used with {method} models "
            "(metafor warns the same)."
        )
    return test, notes


def fit_model(
    yi: FloatArray,
    vi: FloatArray,
    x: FloatArray,
    coefficient_names: Sequence[str],
    *,
    method: str = "REML",
    test: str = "z",
    level: float = 95.0,
    prediction_rows: FloatArray | None = None,
) -> MetaModel:
    """Fit metafor's rma.uni model yᵢ = xᵢ'β + uᵢ + eᵢ, uᵢ ~ N(0, tau²), eᵢ ~ N(0, vᵢ).

    Arguments are trusted (rma() validates them): vi > 0, x of full column rank with the
    intercept first, k ≥ p + 1 (k ≥ p for EE/FE), except k = 1 with an intercept-only x.
    prediction_rows are design rows (intercept first) for predict.rma.
    """
    k, p = dimensions(x)
    test, notes = _adjusted_test(k, method, test)
    equal_effects = method in EQUAL_EFFECTS_METHODS
    z, transform = standardise(x)
    estimate = estimate_tau2(yi, vi, z, method)
    tau2 = estimate.tau2
    fit = weighted_fit(z, yi, 1.0 / (vi + tau2))
    df = k - p if test == "knha" else None
    scale = _knapp_hartung_scale(fit, k - p) if test == "knha" else 1.0
    beta, vcov = to_original_scale(fit.beta, scale * fit.inverse_xtwx, transform)
    names = tuple(coefficient_names)
    crit = critical_value(test, level, df)
    ml, reml = fit_statistics(vi, z, tau2, fit, p + (0 if equal_effects else 1))
    rows = np.empty((0, p)) if prediction_rows is None else prediction_rows
    return MetaModel(
        method=method,
        test=test,
        level=level,
        k=k,
        p=p,
        df=df,
        coefficients=coefficient_table(names, beta, vcov, test, level, df),
        vcov=tuple(tuple(row) for row in vcov.tolist()),
        heterogeneity=heterogeneity(yi, vi, z, tau2, estimate.se_tau2, equal_effects),
        moderator_test=moderator_test(names, beta, vcov, test, df),
        r2=None if p == 1 else pseudo_r2(yi, vi, z, method, tau2, equal_effects),
        weights=tuple((100.0 * fit.weights / np.sum(fit.weights)).tolist()),
        fit_ml=ml,
        fit_reml=reml,
        knha_scale=scale,
        pooled=_pooled(beta, vcov, tau2, crit, equal_effects) if p == 1 else None,
        predictions=predict_rows(rows, beta, vcov, tau2, crit, equal_effects),
        iterations=estimate.iterations,
        notes=(*notes, *estimate.notes),
    )


def _pooled(
    beta: FloatArray, vcov: FloatArray, tau2: float, crit: float, equal_effects: bool
) -> Prediction:
    return predict_rows(np.ones((1, 1)), beta, vcov, tau2, crit, equal_effects)[0]
