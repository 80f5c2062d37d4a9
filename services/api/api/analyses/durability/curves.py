"""Kaplan–Meier curves as the API sends them: a point at every time something happened, the
median, survival at a given month, and the log-rank test between groups (docs/support.md)."""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy import stats

from analysis.survival import FloatArray, kaplan_meier, log_rank
from api.analyses.durability.models import CurvePoint, LogRankOut

HALF = 0.5
TOLERANCE = float(np.sqrt(np.finfo(float).eps))  # survfit's, for "exactly one half"


@dataclass(frozen=True)
class Curve:
    points: list[CurvePoint]
    median: float | None
    last_time: float

    def survival_at(self, month: float) -> float | None:
        """The estimate at `month`; None past the longest follow-up, unless all stopped."""
        if not self.points:
            return None
        if month > self.last_time:
            return 0.0 if self.points[-1].survival == 0 else None
        reached = [point.survival for point in self.points if point.time <= month]
        return reached[-1] if reached else 1.0


def z_of(level: float) -> float:
    return float(stats.norm.ppf(0.5 + level / 200))


def kaplan_meier_curve(times: FloatArray, events: NDArray[np.bool_], level: float) -> Curve:
    if len(times) == 0:
        return Curve([], None, 0.0)
    t, d = times.astype(float), events.astype(bool)
    with np.errstate(invalid="ignore"):  # all stopped at the end: 0·∞, an SE of NaN
        fit = kaplan_meier(t.tolist(), d.tolist())
    every, counts = np.unique(t, return_counts=True)
    died = np.bincount(np.searchsorted(every, t[d]), minlength=len(every))
    at_risk = len(t) - np.cumsum(counts) + counts
    # The estimate after the last event at or before each time; 1 (SE 0) before the first.
    place = np.searchsorted(fit.times, every, side="right")
    survival = np.concatenate([[1.0], fit.survival])[place]
    se = np.concatenate([[0.0], fit.std_err])[place]
    lower, upper = _log_interval(survival, se, z_of(level))
    points = [CurvePoint(time=float(every[i]), at_risk=int(at_risk[i]), events=int(died[i]),
                         censored=int(counts[i] - died[i]), survival=float(survival[i]),
                         se=_number(se[i]), lower=_number(lower[i]), upper=_number(upper[i]))
              for i in range(len(every))]
    return Curve(points, _median(fit.times, fit.survival), float(every[-1]))


def _log_interval(survival: FloatArray, se: FloatArray, z: float
                  ) -> tuple[FloatArray, FloatArray]:
    """R's default (conf.type "log"): S·exp(±z·se/S), the upper bound at most 1."""
    with np.errstate(divide="ignore", invalid="ignore"):
        spread = np.exp(z * se / survival)
        return survival / spread, np.minimum(1.0, survival * spread)


def _number(value: float) -> float | None:
    return float(value) if np.isfinite(value) else None


def _median(times: FloatArray, survival: FloatArray) -> float | None:
    """The first time the curve is at or below one half; where it is exactly one half, the
    middle between that time and the next drop, as R's survfit (its `minmin`)."""
    below = np.flatnonzero(survival <= HALF + TOLERANCE)
    if len(below) == 0:
        return None
    first = int(below[0])
    if abs(survival[first] - HALF) <= TOLERANCE and first + 1 < len(times):
        return float((times[first] + times[first + 1]) / 2)
    return float(times[first])


def log_rank_test(times: FloatArray, events: NDArray[np.bool_], labels: Sequence[str]
                  ) -> tuple[LogRankOut | None, str | None]:
    """The log-rank test of the groups, or why there is none."""
    if len(set(labels)) < 2:
        return None, "Minder dan twee groepen: geen toets. / Fewer than two groups: no test."
    if not events.any():
        return None, "Niemand is gestopt: geen toets. / No one stopped: no test."
    try:
        test = log_rank(times.tolist(), events.tolist(), labels)
    except (ValueError, np.linalg.LinAlgError) as error:
        return None, f"Geen toets mogelijk ({error}). / No test possible: {error}"
    if not np.isfinite(test.chisq):
        return None, "Geen toets mogelijk. / No test possible."
    return LogRankOut(chi2=test.chisq, df=test.df, p=test.p_value), None
