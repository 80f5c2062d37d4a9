"""Leave-one-out diagnostics: the intercept-only model refitted without each study in turn."""

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from analysis.meta.errors import MetaFitError, MetaInputError
from analysis.meta.fit import fit_model
from analysis.meta.results import MetaModel
from analysis.meta.tau2 import EQUAL_EFFECTS_METHODS
from analysis.meta.validation import checked_options, checked_outcomes
from analysis.meta.wls import FloatArray

INTERCEPT_ONLY = ("intrcpt",)


@dataclass(frozen=True)
class OmittedStudy:
    """One row of metafor's leave1out(): the model fitted without study `omitted` (0-based).

    statistic is zval (tval under knha); q and q_pval are QE and QEp; tau2 is None for EE/FE
    models (metafor leaves the column out). Where the fit fails metafor gives NA; here every
    number is NaN and `failed` holds the reason.
    """

    omitted: int
    estimate: float
    se: float
    statistic: float
    pval: float
    ci_lb: float
    ci_ub: float
    q: float
    q_pval: float
    tau2: float | None
    i2: float
    h2: float
    failed: str | None = None


@dataclass(frozen=True)
class LeaveOneOut:
    """leave1out(rma(yi, vi, method, test, level)): one OmittedStudy per study, in order."""

    method: str
    test: str
    level: float
    studies: tuple[OmittedStudy, ...]


def leave_one_out(
    yi: Sequence[float],
    vi: Sequence[float],
    *,
    method: str = "REML",
    test: str = "z",
    level: float = 95,
) -> LeaveOneOut:
    """metafor's leave1out() of an intercept-only rma(yi, vi, method, test, level).

    Each of the k fits uses the other k − 1 studies with the same options; with k = 2 each
    fit has one study, so tau² = 0 and the test is z, as metafor does. k fits of O(k) each.
    Raises MetaInputError for unusable input or k = 1 (metafor: "Stopped because k = 1").
    """
    level = checked_options(method, test, level)
    outcomes, variances = checked_outcomes(yi, vi)
    k = len(outcomes)
    if k < 2:
        raise MetaInputError("Leave-one-out needs at least 2 studies (metafor: k = 1).")
    keep = np.ones(k, dtype=bool)
    studies = []
    for omitted in range(k):
        keep[omitted] = False
        studies.append(_omitting(omitted, outcomes[keep], variances[keep], method, test, level))
        keep[omitted] = True
    return LeaveOneOut(method, test, level, tuple(studies))


def _omitting(
    omitted: int, yi: FloatArray, vi: FloatArray, method: str, test: str, level: float
) -> OmittedStudy:
    intercept = np.ones((len(yi), 1))
    try:
        model = fit_model(yi, vi, intercept, INTERCEPT_ONLY, method=method, test=test, level=level)
    except MetaFitError as error:
        return _failed(omitted, method, str(error))
    return _row(omitted, model)


def _row(omitted: int, model: MetaModel) -> OmittedStudy:
    coefficient, het = model.intercept, model.heterogeneity
    return OmittedStudy(
        omitted=omitted,
        estimate=coefficient.estimate,
        se=coefficient.se,
        statistic=coefficient.statistic,
        pval=coefficient.pval,
        ci_lb=coefficient.ci_lb,
        ci_ub=coefficient.ci_ub,
        q=het.qe,
        q_pval=het.qe_pval,
        tau2=None if model.method in EQUAL_EFFECTS_METHODS else het.tau2,
        i2=het.i2,
        h2=het.h2,
    )


def _failed(omitted: int, method: str, reason: str) -> OmittedStudy:
    nan = math.nan
    tau2 = None if method in EQUAL_EFFECTS_METHODS else nan
    return OmittedStudy(omitted, nan, nan, nan, nan, nan, nan, nan, nan, tau2, nan, nan, reason)
