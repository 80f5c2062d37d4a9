"""Survival after support ends: Kaplan–Meier curves, the log-rank test and the Cox model.

As R's survival package computes them: `survfit` (Kaplan–Meier with Greenwood's variance),
`survdiff` (the log-rank test of g groups, chi-square on g − 1 df), `coxph` (partial
likelihood by Newton–Raphson, Efron's handling of tied times by default, Breslow's on
request). Times are durations (months after support ended, say); `events` says whether the
end was seen (True) or the record was censored (still running when last seen).
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy import stats

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class KaplanMeier:
    """The curve at each time an event happened: at risk, events, survival, its SE."""

    times: FloatArray
    at_risk: NDArray[np.int64]
    events: NDArray[np.int64]
    survival: FloatArray
    std_err: FloatArray


@dataclass(frozen=True)
class LogRank:
    observed: FloatArray
    expected: FloatArray
    chisq: float
    df: int
    p_value: float


@dataclass(frozen=True)
class CoxModel:
    coefficients: FloatArray
    std_errors: FloatArray
    hazard_ratios: FloatArray
    log_likelihood: float
    iterations: int
    converged: bool = True


def checked(times: Sequence[float], events: Sequence[bool]) -> tuple[FloatArray, NDArray[np.bool_]]:
    t, d = np.asarray(times, dtype=float), np.asarray(events, dtype=bool)
    if t.ndim != 1 or t.shape != d.shape or len(t) == 0:
        raise ValueError("times and events must be equally long, non-empty lists")
    if not np.all(np.isfinite(t)) or np.any(t < 0):
        raise ValueError("times must be finite and not negative")
    return t, d


def kaplan_meier(times: Sequence[float], events: Sequence[bool]) -> KaplanMeier:
    t, d = checked(times, events)
    event_times = np.unique(t[d])
    at_risk = np.array([(t >= u).sum() for u in event_times], dtype=np.int64)
    died = np.array([(d & (t == u)).sum() for u in event_times], dtype=np.int64)
    survival = np.cumprod(1 - died / at_risk).astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):  # all dead at the end: SE undefined
        greenwood = np.cumsum(died / (at_risk * (at_risk - died)))
    std_err = (survival * np.sqrt(greenwood)).astype(np.float64)
    return KaplanMeier(event_times, at_risk, died, survival, std_err)


def log_rank(times: Sequence[float], events: Sequence[bool], groups: Sequence[object]) -> LogRank:
    """survdiff(Surv(times, events) ~ groups): observed and expected events per group (in
    sorted group order) and the chi-square of their difference."""
    t, d = checked(times, events)
    labels = np.asarray(groups, dtype=object)
    names = sorted(set(labels.tolist()), key=str)
    if len(names) < 2:
        raise ValueError("the log-rank test needs at least two groups")
    member = np.array([[label == name for label in labels] for name in names])
    observed, expected = np.zeros(len(names)), np.zeros(len(names))
    variance = np.zeros((len(names), len(names)))
    for u in np.unique(t[d]):
        risk = t >= u
        n, events_now = risk.sum(), (d & (t == u)).sum()
        n_group = (member & risk).sum(axis=1)
        observed += (member & d & (t == u)).sum(axis=1)
        expected += events_now * n_group / n
        if n > 1:
            share = n_group / n
            variance += events_now * (n - events_now) / (n - 1) * (
                np.diag(share) - np.outer(share, share))
    difference = (observed - expected)[:-1]
    chisq = float(difference @ np.linalg.solve(variance[:-1, :-1], difference))
    df = len(names) - 1
    return LogRank(observed, expected, chisq, df, float(stats.chi2.sf(chisq, df)))
