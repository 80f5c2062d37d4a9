"""The indirect method of calibrate() (Ragin 2008): group the values at the thresholds into
equally spaced target memberships, then fit a fractional-polynomial quasi-binomial logit model
to them and take its fitted values."""

import numpy as np
import numpy.typing as npt
from scipy.special import xlogy

from analysis.qca.calibration_direct import FloatArray, snap_to_bounds
from analysis.qca.errors import QcaInputError

# glm()'s defaults (glm.control): convergence on the relative change in deviance, 25 steps.
CONVERGENCE_EPSILON = 1e-8
MAX_ITERATIONS = 25
# R's logit link stops at |eta| = 30 and keeps the derivative at least DBL_EPSILON.
LINK_LIMIT = 30.0
DOUBLE_EPSILON = float(np.finfo(float).eps)
# The package replaces 0 by this before taking log(x), and rounds the fitted values to 6 digits.
ZERO_REPLACEMENT = 0.00001
FITTED_DIGITS = 6


def group_targets(values: FloatArray, cut_points: tuple[float, ...]) -> FloatArray:
    """The package's pre-grouping: a value above k of the n cut points (strictly above) gets
    round(k · (1/n), 3): 0, 1/n, …, 1."""
    above = np.searchsorted(np.asarray(cut_points), values, side="left")
    return np.round(above * (1 / len(cut_points)), 3)


def _design(values: FloatArray) -> FloatArray:
    """log(x), √x, x and x² (with an intercept), each column scaled to unit length: the fitted
    values do not depend on the scale and the least-squares steps are better conditioned."""
    x = np.where(values == 0, ZERO_REPLACEMENT, values)
    columns = np.column_stack([np.ones_like(x), np.log(x), np.sqrt(x), x, x**2])
    return np.asarray(columns / np.linalg.norm(columns, axis=0), dtype=float)


def _inverse_logit(eta: FloatArray) -> FloatArray:
    odds = np.exp(np.clip(eta, -LINK_LIMIT, LINK_LIMIT))
    odds = np.where(eta < -LINK_LIMIT, DOUBLE_EPSILON, odds)
    odds = np.where(eta > LINK_LIMIT, 1 / DOUBLE_EPSILON, odds)
    return np.asarray(odds / (1 + odds), dtype=float)


def _logit_slope(eta: FloatArray) -> FloatArray:
    odds = np.exp(np.clip(eta, -LINK_LIMIT, LINK_LIMIT))
    slope = odds / (1 + odds) ** 2
    return np.asarray(np.where(np.abs(eta) > LINK_LIMIT, DOUBLE_EPSILON, slope), dtype=float)


def _deviance(targets: FloatArray, fitted: FloatArray) -> float:
    residuals = xlogy(targets, targets / fitted) + xlogy(1 - targets, (1 - targets) / (1 - fitted))
    return float(2 * np.sum(residuals))


def fit_quasibinomial(design: FloatArray, targets: FloatArray) -> FloatArray:
    """Fitted values of glm(targets ~ design, family = quasibinomial(logit)) by iteratively
    reweighted least squares, started and stopped as R's glm.fit() (the dispersion of the
    quasi-binomial family changes no fitted value)."""
    fitted = (targets + 0.5) / 2
    eta = np.log(fitted / (1 - fitted))
    deviance = _deviance(targets, fitted)
    for _ in range(MAX_ITERATIONS):
        slope = _logit_slope(eta)
        working_response = eta + (targets - fitted) / slope
        weights = np.sqrt(slope**2 / (fitted * (1 - fitted)))
        coefficients = np.linalg.lstsq(
            design * weights[:, None], working_response * weights, rcond=None
        )[0]
        eta = design @ coefficients
        fitted = _inverse_logit(eta)
        previous, deviance = deviance, _deviance(targets, fitted)
        if abs(deviance - previous) / (abs(deviance) + 0.1) < CONVERGENCE_EPSILON:
            break
    return fitted


def indirect_calibration(values: FloatArray, cut_points: tuple[float, ...]) -> FloatArray:
    """Memberships from the indirect method; missing values stay missing and are left out of
    the fit (the package's glm() would drop them too)."""
    observed = ~np.isnan(values)
    if np.any(values[observed] < 0):
        raise QcaInputError(
            "The indirect method needs values of at least 0: its model contains log(x)."
        )
    memberships: npt.NDArray[np.float64] = np.full(values.shape, np.nan)
    if not observed.any():
        return memberships
    fitted = fit_quasibinomial(
        _design(values[observed]), group_targets(values[observed], cut_points)
    )
    memberships[observed] = np.round(fitted, FITTED_DIGITS)
    return snap_to_bounds(memberships)
