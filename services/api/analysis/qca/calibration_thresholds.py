"""The thresholds of calibrate(): one number, a list, or the named anchors {e, c, i} and
{e1, c1, i1, i2, c2, e2}, checked for the order each calibration needs."""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from numbers import Real

import numpy as np

from analysis.qca.errors import QcaInputError

S_SHAPE_NAMES = ("e", "c", "i")
BELL_NAMES = ("e1", "c1", "i1", "i2", "c2", "e2")

Thresholds = float | Sequence[float] | Mapping[str, float]


@dataclass(frozen=True)
class SShape:
    """Exclusion, crossover and inclusion anchors; e < c < i rises, e > c > i falls."""

    exclusion: float
    crossover: float
    inclusion: float

    @property
    def increasing(self) -> bool:
        return self.exclusion < self.inclusion


@dataclass(frozen=True)
class BellShape:
    """Six anchors: a bell (e1 < c1 < i1 ≤ i2 < c2 < e2), triangular when i1 = i2, or an
    inverse bell (i1 < c1 < e1 ≤ e2 < c2 < i2)."""

    exclusion1: float
    crossover1: float
    inclusion1: float
    inclusion2: float
    crossover2: float
    exclusion2: float

    @property
    def inverse(self) -> bool:
        return self.inclusion1 < self.exclusion1


def _as_number(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, Real) or not math.isfinite(value):
        raise QcaInputError(f"Threshold {name} must be a finite number, not {value!r}.")
    return float(value)


def _unnamed(thresholds: Thresholds | None) -> tuple[float, ...]:
    if thresholds is None:
        raise QcaInputError("Threshold value(s) not specified.")
    if isinstance(thresholds, Mapping):
        raise QcaInputError(
            "Named thresholds ({e, c, i} or {e1, …, e2}) require fuzzy direct calibration; "
            "give a list of numbers."
        )
    if isinstance(thresholds, np.ndarray):
        thresholds = thresholds.tolist()
    if isinstance(thresholds, str) or not isinstance(thresholds, Sequence):
        return (_as_number(thresholds, "1"),)
    if not thresholds:
        raise QcaInputError("Threshold value(s) not specified.")
    return tuple(_as_number(value, str(place)) for place, value in enumerate(thresholds, 1))


def _named(thresholds: Mapping[str, float]) -> tuple[float, ...]:
    names = set(thresholds)
    for expected in (S_SHAPE_NAMES, BELL_NAMES):
        if names == set(expected):
            return tuple(_as_number(thresholds[name], name) for name in expected)
    raise QcaInputError(
        f"Named thresholds must be exactly e, c, i or e1, c1, i1, i2, c2, e2; got "
        f"{', '.join(sorted(names)) or 'none'}."
    )


def distinct_sorted_thresholds(thresholds: Thresholds | None) -> tuple[float, ...]:
    """Crisp and indirect cut points, sorted as the package sorts them; equal cut points would
    leave a category empty and are refused *here*."""
    values = sorted(_unnamed(thresholds))
    if len(set(values)) < len(values):
        raise QcaInputError("Thresholds must all differ: two equal cut points leave a group empty.")
    return tuple(values)


def direct_shape(thresholds: Thresholds | None) -> SShape | BellShape:
    """Three anchors (in the order e, c, i when unnamed) or six (e1, c1, i1, i2, c2, e2)."""
    values = _named(thresholds) if isinstance(thresholds, Mapping) else _unnamed(thresholds)
    if len(values) == 3:
        return _s_shape(*values)
    if len(values) == 6:
        return _bell_shape(values)
    raise QcaInputError(
        f"For fuzzy direct calibration, there should be either 3 or 6 thresholds, not "
        f"{len(values)}."
    )


def _s_shape(exclusion: float, crossover: float, inclusion: float) -> SShape:
    rising = exclusion < crossover < inclusion
    falling = inclusion < crossover < exclusion
    if not (rising or falling):
        raise QcaInputError(
            "The thresholds must be ordered e < c < i (an increasing set) or e > c > i "
            f"(a decreasing set); got e = {exclusion:g}, c = {crossover:g}, i = {inclusion:g}."
        )
    return SShape(exclusion, crossover, inclusion)


def _bell_shape(values: tuple[float, ...]) -> BellShape:
    e1, c1, i1, i2, c2, e2 = values
    bell = e1 < c1 < i1 <= i2 < c2 < e2
    inverse_bell = i1 < c1 < e1 <= e2 < c2 < i2
    if not (bell or inverse_bell):
        raise QcaInputError(
            "Six thresholds must be ordered e1 < c1 < i1 ≤ i2 < c2 < e2 (a bell: triangular "
            "when i1 = i2, a trapezoid when i1 < i2) or i1 < c1 < e1 ≤ e2 < c2 < i2 (an "
            f"inverse bell); got e1, c1, i1, i2, c2, e2 = {', '.join(f'{v:g}' for v in values)}."
        )
    return BellShape(*values)
