"""The regression test for funnel-plot asymmetry (Egger's test and its variants), as regtest()."""

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from analysis.meta.errors import MetaInputError
from analysis.meta.fit import fit_model
from analysis.meta.results import Coefficient, MetaModel
from analysis.meta.validation import check_enough_studies, checked_options, checked_outcomes
from analysis.meta.wls import FloatArray

MODELS = ("rma", "lm")
PREDICTORS = ("sei", "vi", "ni", "ninv", "sqrtni", "sqrtninv")
SAMPLE_SIZE_PREDICTORS = frozenset({"ni", "ninv", "sqrtni", "sqrtninv"})
# The predictors that shrink to 0 as a study grows: only for these does metafor report the
# intercept as the "limit estimate" (the effect of an infinitely large study).
LIMIT_PREDICTORS = frozenset({"sei", "vi", "ninv", "sqrtninv"})


@dataclass(frozen=True)
class RegressionTest:
    """regtest()'s result: the test of the predictor's coefficient and the limit estimate.

    statistic is metafor's zval (a t value under test="knha" and for model="lm"), df its
    degrees of freedom (None for z). limit_estimate is the intercept row (estimate, se,
    ci_lb, ci_ub: metafor's est, ci.lb, ci.ub), None for the predictors ni and sqrtni.
    """

    model: str
    predictor: str
    statistic: float
    pval: float
    df: int | None
    limit_estimate: Coefficient | None
    fit: MetaModel


def regtest(
    yi: Sequence[float],
    vi: Sequence[float],
    *,
    model: str = "rma",
    predictor: str = "sei",
    method: str = "REML",
    test: str = "z",
    level: float = 95,
    ni: Sequence[float] | None = None,
) -> RegressionTest:
    """metafor's regtest(rma(yi, vi, method, test, level), model, predictor, ni).

    model="rma" (metafor's default): the meta-regression rma(yi, vi, mods = ~ predictor,
    method, test), testing the predictor with z (or t with k − 2 df under knha).
    model="lm": Egger's classic test, lm(yi ~ predictor, weights = 1/vi): weighted least
    squares with a multiplicative dispersion s² = Σwᵢeᵢ²/(k − 2) (not truncated at 1) and a t
    test with k − 2 df; method and test do not apply. Its `fit` is that regression written as
    an equal-effects model with Knapp-Hartung's scaling, which is the same estimator.
    predictor: "sei" (√vi, the default), "vi", or, given the sample sizes ni, "ni", "ninv"
    (1/ni), "sqrtni" (√ni) or "sqrtninv" (1/√ni).
    """
    level = checked_options(method, test, level)
    outcomes, variances = checked_outcomes(yi, vi)
    if model not in MODELS:
        raise MetaInputError(f"Unknown model {model!r}: use 'rma' or 'lm'.")
    values = _predictor_values(predictor, variances, ni)
    x = np.column_stack([np.ones(len(outcomes)), values])
    names = ("intrcpt", predictor)
    if model == "lm":
        fit = _weighted_least_squares(outcomes, variances, x, names, level)
    else:
        check_enough_studies(len(outcomes), 2, method)
        fit = fit_model(outcomes, variances, x, names, method=method, test=test, level=level)
    slope = fit.coefficients[1]
    return RegressionTest(
        model=model,
        predictor=predictor,
        statistic=slope.statistic,
        pval=slope.pval,
        df=fit.df,
        limit_estimate=fit.intercept if predictor in LIMIT_PREDICTORS else None,
        fit=fit,
    )


def _weighted_least_squares(
    yi: FloatArray, vi: FloatArray, x: FloatArray, names: tuple[str, str], level: float
) -> MetaModel:
    """lm(yi ~ x, weights = 1/vi): the EE fit with s2w = RSS/(k − 2) scaling its covariance."""
    if len(yi) < 3:
        raise MetaInputError(
            f"Egger's regression (model='lm') needs at least 3 studies, not {len(yi)}."
        )
    fit = fit_model(yi, vi, x, names, method="EE", test="knha", level=level)
    # fit_model's note that Knapp-Hartung is not meant for EE models is about rma(); here the
    # scaling is lm()'s residual variance, exactly what Egger's test uses.
    return dataclasses.replace(fit, notes=())


def _predictor_values(
    predictor: str, variances: FloatArray, ni: Sequence[float] | None
) -> FloatArray:
    if predictor not in PREDICTORS:
        choices = ", ".join(PREDICTORS)
        raise MetaInputError(f"Unknown predictor {predictor!r}: use one of {choices}.")
    if predictor in SAMPLE_SIZE_PREDICTORS:
        values = _sample_size_predictor(predictor, _checked_sizes(ni, len(variances)))
    else:
        values = np.sqrt(variances) if predictor == "sei" else variances
    if np.ptp(values) == 0.0:
        raise MetaInputError(
            f"The predictor {predictor} has the same value in every study, so the regression "
            "cannot separate it from the intercept (metafor: model matrix not of full rank)."
        )
    return values


def _checked_sizes(ni: Sequence[float] | None, k: int) -> FloatArray:
    if ni is None:
        raise MetaInputError("This predictor needs the sample sizes ni.")
    try:
        sizes = np.asarray(ni, dtype=float)
    except (TypeError, ValueError) as error:
        raise MetaInputError(f"ni must be numbers: {error}") from error
    if sizes.shape != (k,):
        raise MetaInputError(f"ni must hold one sample size per study ({k}).")
    if not np.all(np.isfinite(sizes) & (sizes > 0.0)):
        raise MetaInputError("Sample sizes ni must be finite and positive.")
    return sizes


def _sample_size_predictor(predictor: str, sizes: FloatArray) -> FloatArray:
    if predictor == "ni":
        return sizes
    if predictor == "ninv":
        return 1.0 / sizes
    if predictor == "sqrtni":
        return np.sqrt(sizes)
    return 1.0 / np.sqrt(sizes)
