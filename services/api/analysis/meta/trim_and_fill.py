"""Duval and Tweedie's trim and fill, as metafor's trimfill() for intercept-only models."""

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

ESTIMATORS = ("L0", "R0")
SIDES = ("left", "right")
MAX_ITERATIONS = 100  # metafor's maxiter
INTERCEPT_ONLY = ("intrcpt",)


@dataclass(frozen=True)
class TrimAndFill:
    """trimfill()'s result: how many studies are missing on which side, and the filled model.

    se_k0 is metafor's standard error of the unrounded k0 of the last iteration (NaN where
    its variance formula turns negative, as in R); p_k0 is R0's p-value (None for L0, NA in
    metafor). filled_yi and filled_vi are the imputed studies, in metafor's order; `model`
    is fitted to the k observed studies followed by them (the observed ones alone if k0 = 0).
    """

    side: str
    estimator: str
    k0: int
    se_k0: float
    p_k0: float | None
    filled_yi: tuple[float, ...]
    filled_vi: tuple[float, ...]
    model: MetaModel
    iterations: int


@dataclass(frozen=True)
class _MissingEstimate:
    k0: int
    se_k0: float
    centre: float  # the trimmed estimate the last ranks were taken around


def trimfill(
    yi: Sequence[float],
    vi: Sequence[float],
    *,
    method: str = "REML",
    test: str = "z",
    level: float = 95,
    estimator: str = "L0",
    side: str | None = None,
) -> TrimAndFill:
    """metafor's trimfill(rma(yi, vi, method), estimator, side) with test and level passed on.

    side=None chooses as metafor does: "right" (the missing studies are to the right) when the
    slope of rma(yi, vi, mods = ~ sqrt(vi), method) is negative, else "left". Each iteration
    fits the k − k0 studies nearest the far side, ranks |yᵢ − estimate| and updates k0 by L0
    or R0 until k0 repeats. metafor fits the filled model with rma()'s default test and level
    unless they are passed through trimfill's `...`; here `test` and `level` always apply.
    Raises MetaInputError for unusable input, MetaFitError when k0 does not settle.
    """
    level = checked_options(method, test, level)
    outcomes, variances = checked_outcomes(yi, vi)
    if estimator not in ESTIMATORS:
        raise MetaInputError(f"Unknown estimator {estimator!r}: use 'L0' or 'R0'.")
    if len(outcomes) < 2:
        raise MetaInputError("Trim and fill needs at least 2 studies (metafor: k = 1).")
    chosen = _chosen_side(outcomes, variances, method) if side is None else _checked_side(side)
    sign = -1.0 if chosen == "right" else 1.0  # metafor mirrors y so that the gap is on the left
    order = np.argsort(sign * outcomes, kind="stable")  # R's sort() keeps ties in order
    flipped, sorted_vi = sign * outcomes[order], variances[order]
    missing, iterations = _iterate(flipped, sorted_vi, method, estimator)
    k0 = missing.k0
    filled_yi = sign * (2.0 * missing.centre - flipped[len(flipped) - k0 :])
    filled_vi = sorted_vi[len(flipped) - k0 :]
    model = fit_model(
        np.concatenate([outcomes, filled_yi]),
        np.concatenate([variances, filled_vi]),
        np.ones((len(outcomes) + k0, 1)),
        INTERCEPT_ONLY,
        method=method,
        test=test,
        level=level,
    )
    return TrimAndFill(
        side=chosen,
        estimator=estimator,
        k0=k0,
        se_k0=missing.se_k0,
        p_k0=0.5 ** (k0 + 1) if estimator == "R0" else None,
        filled_yi=tuple(filled_yi.tolist()),
        filled_vi=tuple(filled_vi.tolist()),
        model=model,
        iterations=iterations,
    )


def _checked_side(side: str) -> str:
    if side not in SIDES:
        raise MetaInputError(f"Unknown side {side!r}: use 'left', 'right' or None.")
    return side


def _chosen_side(yi: FloatArray, vi: FloatArray, method: str) -> str:
    """The sign of the slope on √vi: negative → the studies are missing on the right."""
    k = len(yi)
    if k < (2 if method in EQUAL_EFFECTS_METHODS else 3) or np.ptp(vi) == 0.0:
        raise MetaInputError(
            "The side cannot be chosen by the regression on √vi (too few studies or all vi "
            "equal; metafor stops too): give side='left' or 'right'."
        )
    x = np.column_stack([np.ones(k), np.sqrt(vi)])
    slope = fit_model(yi, vi, x, ("intrcpt", "sei"), method=method).coefficients[1].estimate
    return "right" if slope < 0.0 else "left"


def _iterate(
    yi: FloatArray, vi: FloatArray, method: str, estimator: str
) -> tuple[_MissingEstimate, int]:
    """Trim k0 from the top of the sorted yi, re-estimate, re-rank, until k0 repeats."""
    k = len(yi)
    k0 = 0
    for iteration in range(1, MAX_ITERATIONS + 1):
        previous = k0
        trimmed = slice(0, k - k0)
        centre = fit_model(
            yi[trimmed], vi[trimmed], np.ones((k - k0, 1)), INTERCEPT_ONLY, method=method
        ).estimate
        missing = _missing_studies(yi - centre, estimator, centre)
        k0 = missing.k0
        if k0 == previous:
            return missing, iteration
    raise MetaFitError("Trim and fill algorithm did not converge (k0 kept changing).")


def _missing_studies(deviations: FloatArray, estimator: str, centre: float) -> _MissingEstimate:
    """L0 or R0 from the signed ranks of |yᵢ − centre| (ties ranked in order, as R's "first")."""
    k = len(deviations)
    ranks = np.empty(k)
    ranks[np.argsort(np.abs(deviations), kind="stable")] = np.arange(1, k + 1)
    signed = np.sign(deviations) * ranks
    if estimator == "R0":
        below = signed[signed < 0.0]
        if len(below) == 0:
            raise MetaFitError("R0: no study lies below the trimmed estimate.")
        k0 = (k - float(np.max(-below))) - 1.0
        se = math.sqrt(2.0 * max(0.0, k0) + 2.0)
    else:
        rank_sum = float(np.sum(signed[signed > 0.0]))
        k0 = (4.0 * rank_sum - k * (k + 1)) / (2.0 * k - 1.0)
        variance = (
            k * (k + 1) * (2 * k + 1)
            + 10.0 * k0**3
            + 27.0 * k0**2
            + 17.0 * k0
            - 18.0 * k * k0**2
            - 18.0 * k * k0
            + 6.0 * k**2 * k0
        ) / 24.0
        se = 4.0 * math.sqrt(variance) / (2.0 * k - 1.0) if variance >= 0.0 else math.nan
    # R's round() halves to even, as Python's; for L0 a half cannot occur (odd denominator).
    return _MissingEstimate(max(0, round(k0)), se, centre)
