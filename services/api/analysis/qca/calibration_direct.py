"""The direct method of calibrate(): logistic, linear (with below/above) and ecdf s-shapes for
three anchors, linear bells and inverse bells for six."""

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from scipy.special import expit

from analysis.qca.calibration_thresholds import BellShape, SShape

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

# R's all.equal() tolerance, which the package uses to decide that a value sits on an anchor.
ALL_EQUAL_TOLERANCE = 1.5e-8
# The package rounds memberships this close to 0 or 1 to exactly 0 or 1.
NEAR_ZERO, NEAR_ONE = 0.0001, 0.9999


def _at_most(values: FloatArray, anchor: float) -> BoolArray:
    """values < anchor, or equal to it as R's all.equal(value, anchor) judges: a relative
    difference (an absolute one for |value| ≤ 1.5e-8) of at most 1.5e-8."""
    scale = np.abs(values)
    difference = np.abs(values - anchor)
    relative = np.divide(
        difference, scale, out=difference.copy(), where=scale > ALL_EQUAL_TOLERANCE
    )
    return (values < anchor) | (relative <= ALL_EQUAL_TOLERANCE)


def _piecewise(
    values: FloatArray,
    conditions: Sequence[BoolArray],
    choices: Sequence[FloatArray | float],
    otherwise: float,
) -> FloatArray:
    """The choice of the first condition that holds, as the package's chain of if / else if."""
    arrays = [np.broadcast_to(np.asarray(choice, dtype=float), values.shape) for choice in choices]
    result = np.select(list(conditions), arrays, default=otherwise)
    result[np.isnan(values)] = np.nan
    return np.asarray(result, dtype=float)


def snap_to_bounds(memberships: FloatArray) -> FloatArray:
    """Memberships below 0.0001 become 0 and above 0.9999 become 1, as in the package."""
    snapped = memberships.copy()
    snapped[snapped < NEAR_ZERO] = 0.0
    snapped[snapped > NEAR_ONE] = 1.0
    return snapped


def logistic_s_shape(values: FloatArray, shape: SShape, idm: float) -> FloatArray:
    """Log odds log(idm / (1 − idm)) at the inclusion anchor, −log(idm / (1 − idm)) at the
    exclusion anchor and 0 at the crossover, scaled separately on each side of the crossover;
    a decreasing set is one minus the increasing set on the swapped anchors."""
    log_odds_at_anchor = math.log(idm / (1 - idm))
    crossover = shape.crossover
    low, high = sorted((shape.exclusion, shape.inclusion))
    with np.errstate(all="ignore"):
        distance = np.where(
            values < crossover,
            (values - crossover) / (crossover - low),
            (values - crossover) / (high - crossover),
        )
    memberships = np.asarray(expit(distance * log_odds_at_anchor), dtype=float)
    return memberships if shape.increasing else 1 - memberships


def linear_s_shape(values: FloatArray, shape: SShape, below: float, above: float) -> FloatArray:
    """Straight lines from the exclusion anchor (0) to the crossover (0.5) and on to the
    inclusion anchor (1), bent by the exponents below and above."""
    e, c, i = shape.exclusion, shape.crossover, shape.inclusion
    with np.errstate(all="ignore"):  # pieces outside their range are never used
        exclusion_side = ((e - values) / (e - c)) ** below / 2
        inclusion_side = 1 - ((i - values) / (i - c)) ** above / 2
    if shape.increasing:
        rising = [_at_most(values, e), _at_most(values, c), _at_most(values, i)]
        return _piecewise(values, rising, [0.0, exclusion_side, inclusion_side], otherwise=1.0)
    falling = [_at_most(values, i), _at_most(values, c), _at_most(values, e)]
    return _piecewise(values, falling, [1.0, inclusion_side, exclusion_side], otherwise=0.0)


class _Ecdf:
    """The empirical distribution function of a sample: the share of it at or below a value."""

    def __init__(self, sorted_sample: FloatArray) -> None:
        self._sample = sorted_sample

    def __call__(self, points: FloatArray | float) -> FloatArray:
        if self._sample.size == 0:
            return np.zeros(np.shape(points))
        counts = np.searchsorted(self._sample, points, side="right")
        return np.asarray(counts / self._sample.size, dtype=float)


def ecdf_s_shape(values: FloatArray, shape: SShape) -> FloatArray:
    """Memberships read off the empirical distribution of the observed values that lie between
    the outer anchors (both included): F(x)/F(c)/2 below the crossover and
    1 − (1 − F(x))/(1 − F(c))/2 above it, mirrored for a decreasing set."""
    e, c, i = shape.exclusion, shape.crossover, shape.inclusion
    low, high = sorted((e, i))
    observed = values[~np.isnan(values)]
    distribution = _Ecdf(np.sort(observed[(observed >= low) & (observed <= high)]))
    at_value, at_crossover = distribution(values), float(distribution(c))
    with np.errstate(all="ignore"):  # pieces outside their range are never used
        lower_half = at_value / at_crossover / 2
        upper_half = (1 - at_value) / (1 - at_crossover) / 2
    if shape.increasing:
        rising = [_at_most(values, e), _at_most(values, c), _at_most(values, i)]
        return _piecewise(values, rising, [0.0, lower_half, 1 - upper_half], otherwise=1.0)
    falling = [_at_most(values, i), _at_most(values, c), _at_most(values, e)]
    return _piecewise(values, falling, [1.0, 1 - lower_half, upper_half], otherwise=0.0)


def linear_bell(values: FloatArray, shape: BellShape, below: float, above: float) -> FloatArray:
    """Two linear s-shapes back to back (the package has no logistic bell): rising from e1
    through c1 to i1, flat to i2, falling through c2 to e2; the inverse bell mirrors it."""
    e1, c1, i1 = shape.exclusion1, shape.crossover1, shape.inclusion1
    i2, c2, e2 = shape.inclusion2, shape.crossover2, shape.exclusion2
    with np.errstate(all="ignore"):  # pieces outside their range are never used
        left_exclusion = ((e1 - values) / (e1 - c1)) ** below / 2
        left_inclusion = 1 - ((i1 - values) / (i1 - c1)) ** above / 2
        right_inclusion = 1 - ((i2 - values) / (i2 - c2)) ** above / 2
        right_exclusion = ((e2 - values) / (e2 - c2)) ** below / 2
    # The package tests "below i1" (or "below e1") strictly, every other anchor with equality.
    if not shape.inverse:
        bell = [_at_most(values, e1), _at_most(values, c1), values < i1]
        bell += [_at_most(values, i2), _at_most(values, c2), _at_most(values, e2)]
        bell_sides = [left_exclusion, left_inclusion, right_inclusion, right_exclusion]
        return _piecewise(values, bell, _with_plateau(bell_sides, 1.0), otherwise=0.0)
    inverse = [_at_most(values, i1), _at_most(values, c1), values < e1]
    inverse += [_at_most(values, e2), _at_most(values, c2), _at_most(values, i2)]
    inverse_sides = [left_inclusion, left_exclusion, right_exclusion, right_inclusion]
    return _piecewise(values, inverse, _with_plateau(inverse_sides, 0.0), otherwise=1.0)


def _with_plateau(sides: list[FloatArray], plateau: float) -> list[FloatArray | float]:
    """The outer value, the two left sides, the plateau between them, the two right sides."""
    return [1.0 - plateau, sides[0], sides[1], plateau, sides[2], sides[3]]
