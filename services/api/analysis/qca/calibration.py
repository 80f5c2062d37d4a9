"""calibrate(): raw values to crisp or fuzzy set memberships, as calibrate() in R's QCA package."""

import math
from collections.abc import Sequence
from numbers import Real
from typing import Literal

import numpy as np
import numpy.typing as npt

from analysis.qca.calibration_direct import (
    FloatArray,
    ecdf_s_shape,
    linear_bell,
    linear_s_shape,
    logistic_s_shape,
    snap_to_bounds,
)
from analysis.qca.calibration_indirect import indirect_calibration
from analysis.qca.calibration_thresholds import (
    BellShape,
    Thresholds,
    direct_shape,
    distinct_sorted_thresholds,
)
from analysis.qca.errors import QcaInputError

CalibrationType = Literal["crisp", "fuzzy"]
CalibrationMethod = Literal["direct", "indirect", "TFR"]
Values = Sequence[float | None] | npt.NDArray[np.float64] | npt.NDArray[np.int64]


def calibrate(
    values: Values,
    *,
    type: CalibrationType = "fuzzy",  # the package's argument name, though a builtin's
    method: CalibrationMethod = "direct",
    thresholds: Thresholds | None = None,
    logistic: bool = True,
    idm: float = 0.95,
    ecdf: bool = False,
    below: float = 1.0,
    above: float = 1.0,
) -> FloatArray:
    """Set memberships of `values`, with the QCA package's arguments and defaults.

    - `type="crisp"`: 0, 1, 2, … by the number of thresholds at or below each value (a value
      equal to a threshold goes up, as R's findInterval()).
    - `type="fuzzy"`, `method="direct"`: three anchors {e, c, i} (e > i: a decreasing set),
      logistic with `idm` or, with `logistic=False`, linear bent by `below`/`above` or read off
      the empirical distribution (`ecdf=True`); six anchors {e1, c1, i1, i2, c2, e2} give a
      linear bell, triangle, trapezoid or their inverse (the package ignores `logistic` there).
    - `method="indirect"`: Ragin's indirect method on a list of cut points.
    - `method="TFR"`: totally fuzzy and relative, for categories coded 1, 2, … (no thresholds).

    Missing values (None or NaN) stay missing. Returns a new float array; bad input raises
    `QcaInputError` naming what is wrong.
    """
    raw = as_values(values)
    if type == "crisp":
        if method != "direct":
            raise QcaInputError("Crisp calibration takes only thresholds; method must be direct.")
        return crisp_calibration(raw, distinct_sorted_thresholds(thresholds))
    if type != "fuzzy":
        raise QcaInputError(f"Incorrect calibration type {type!r}: use 'crisp' or 'fuzzy'.")
    if method == "direct":
        _check_direct_options(logistic=logistic, idm=idm, ecdf=ecdf, below=below, above=above)
        return direct_calibration(
            raw, thresholds, logistic=logistic, idm=idm, ecdf=ecdf, below=below, above=above
        )
    if method == "indirect":
        return indirect_calibration(raw, distinct_sorted_thresholds(thresholds))
    if method == "TFR":
        if thresholds is not None:
            raise QcaInputError("TFR calibration takes no thresholds.")
        return tfr_calibration(raw)
    raise QcaInputError(
        f"Incorrect calibration method {method!r}: use 'direct', 'indirect' or 'TFR'."
    )


def as_values(values: Values) -> FloatArray:
    """A one-dimensional float array; None and NaN are missing, anything else not a finite
    number is refused."""
    if isinstance(values, np.ndarray) and values.dtype.kind in "iuf":
        if values.ndim != 1:
            raise QcaInputError("The values must be a one-dimensional list of numbers.")
        raw = values.astype(float)
        infinite = np.flatnonzero(np.isinf(raw))
        if infinite.size:
            raise QcaInputError(f"The input is not numeric: value {infinite[0]} is infinite.")
        return raw
    if isinstance(values, str | bytes) or not isinstance(values, Sequence | np.ndarray):
        raise QcaInputError("The values must be a list of numbers.")
    return np.array([_as_value(value, place) for place, value in enumerate(values)], dtype=float)


def _as_value(value: object, place: int) -> float:
    if value is None:
        return math.nan
    if isinstance(value, bool) or not isinstance(value, Real):
        raise QcaInputError(f"The input is not numeric: value {place} is {value!r}.")
    if math.isinf(value):
        raise QcaInputError(f"The input is not numeric: value {place} is infinite.")
    return float(value)


def crisp_calibration(values: FloatArray, cut_points: tuple[float, ...]) -> FloatArray:
    """The number of cut points at or below each value; the package refuses cut points outside
    the range of the (observed) values."""
    observed = values[~np.isnan(values)]
    if observed.size and (cut_points[0] < observed.min() or cut_points[-1] > observed.max()):
        raise QcaInputError(
            f"Threshold value(s) outside the range of the values "
            f"[{observed.min():g}, {observed.max():g}]."
        )
    groups = np.searchsorted(np.asarray(cut_points), values, side="right").astype(float)
    groups[np.isnan(values)] = np.nan
    return groups


def _check_direct_options(
    *, logistic: bool, idm: float, ecdf: bool, below: float, above: float
) -> None:
    for name, flag in (("logistic", logistic), ("ecdf", ecdf)):
        if not isinstance(flag, bool):
            raise QcaInputError(f"{name} must be true or false, not {flag!r}.")
    for name, number in (("idm", idm), ("below", below), ("above", above)):
        if isinstance(number, bool) or not isinstance(number, Real) or not math.isfinite(number):
            raise QcaInputError(f"{name} must be a finite number, not {number!r}.")
    if not 0.5 < idm < 1:
        raise QcaInputError(
            "The inclusion degree of membership (idm) has to be bigger than 0.5 and less than 1."
        )
    if below <= 0 or above <= 0:
        raise QcaInputError("Arguments below and above should be positive.")
    if ecdf and logistic:
        raise QcaInputError("ecdf=True needs logistic=False (the two are mutually exclusive).")


def direct_calibration(
    values: FloatArray,
    thresholds: Thresholds | None,
    *,
    logistic: bool,
    idm: float,
    ecdf: bool,
    below: float,
    above: float,
) -> FloatArray:
    """The direct method on checked options (see calibrate())."""
    shape = direct_shape(thresholds)
    if isinstance(shape, BellShape):
        if ecdf:
            raise QcaInputError("ecdf works only with three thresholds (an s-shaped set).")
        return snap_to_bounds(linear_bell(values, shape, below, above))
    if logistic:
        return snap_to_bounds(logistic_s_shape(values, shape, idm))
    if ecdf:
        return snap_to_bounds(ecdf_s_shape(values, shape))
    return snap_to_bounds(linear_s_shape(values, shape, below, above))


def tfr_calibration(values: FloatArray) -> FloatArray:
    """Totally fuzzy and relative (Cheli and Lemmi 1995), as the package computes it:
    max(0, (F(x) − F(1)) / (1 − F(1))) with F the empirical distribution of the values, so
    categories are expected to be coded from 1 up."""
    observed = np.sort(values[~np.isnan(values)])
    memberships: npt.NDArray[np.float64] = np.full(values.shape, np.nan)
    if observed.size == 0:
        return memberships
    at_one = np.searchsorted(observed, 1.0, side="right") / observed.size
    if at_one == 1:
        raise QcaInputError(
            "TFR calibration needs values above 1 (categories coded 1, 2, …): "
            "every value is at most 1."
        )
    present = ~np.isnan(values)
    at_value = np.searchsorted(observed, values[present], side="right") / observed.size
    memberships[present] = np.maximum(0.0, (at_value - at_one) / (1 - at_one))
    return memberships
