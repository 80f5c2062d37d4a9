"""Random-, mixed- and equal-effects meta-analysis as metafor's rma() (rma.uni)."""

from collections.abc import Mapping, Sequence

import numpy as np

from analysis.meta.design import Design, ModeratorValue, build_design
from analysis.meta.errors import MetaFitError, MetaInputError
from analysis.meta.fit import fit_model
from analysis.meta.results import (
    Coefficient,
    FitStatistics,
    Heterogeneity,
    MetaModel,
    ModeratorTest,
    Prediction,
)
from analysis.meta.tau2 import METHODS, Tau2Estimate, estimate_tau2
from analysis.meta.validation import check_enough_studies, checked_options, checked_outcomes
from analysis.meta.wls import FloatArray


def rma(
    yi: Sequence[float],
    vi: Sequence[float],
    *,
    method: str = "REML",
    test: str = "z",
    level: float = 95,
    moderators: Mapping[str, Sequence[ModeratorValue]] | None = None,
    predict: Sequence[Mapping[str, ModeratorValue]] | None = None,
) -> MetaModel:
    """Fit metafor's rma(yi, vi, mods = ~ m1 + m2 + …, method, test, level).

    method: REML (default), ML, DL, PM, HE, SJ, or EE (alias FE: no tau²). test: "z" or
    "knha" (Knapp-Hartung t and F tests with k − p df, not truncated). level: percent.
    moderators: name → one value per study; numbers, or strings for a factor whose
    alphabetically first level is the reference (see analysis.meta.design). predict: sets of
    moderator values, one Prediction each (predict.rma with newmods); for an intercept-only
    model each set must be empty, and MetaModel.pooled holds the pooled estimate anyway.
    Raises MetaInputError for unusable input, MetaFitError when REML/ML do not converge.
    """
    level = checked_options(method, test, level)
    outcomes, variances = checked_outcomes(yi, vi)
    design = build_design(moderators, len(outcomes))
    check_enough_studies(len(outcomes), design.matrix.shape[1], method)
    rows = _prediction_rows(design, predict)
    return fit_model(
        outcomes,
        variances,
        design.matrix,
        design.column_names,
        method=method,
        test=test,
        level=level,
        prediction_rows=rows,
    )


def _prediction_rows(
    design: Design, predict: Sequence[Mapping[str, ModeratorValue]] | None
) -> FloatArray | None:
    if predict is None:
        return None
    p = design.matrix.shape[1]
    return np.array([design.row(values) for values in predict], dtype=float).reshape(-1, p)


__all__ = [
    "METHODS",
    "Coefficient",
    "Design",
    "FitStatistics",
    "Heterogeneity",
    "MetaFitError",
    "MetaInputError",
    "MetaModel",
    "ModeratorTest",
    "Prediction",
    "Tau2Estimate",
    "build_design",
    "estimate_tau2",
    "fit_model",
    "rma",
]
