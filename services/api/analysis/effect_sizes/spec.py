"""What each measure needs: its columns, its variance types and the function computing it."""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.special import gammaln

from analysis.effect_sizes.columns import Columns, FloatArray
from analysis.effect_sizes.results import Outcome
from analysis.effect_sizes.zero_cells import ZeroCellRule

Compute = Callable[[Columns, str, ZeroCellRule], Outcome]


@dataclass(frozen=True)
class MeasureSpec:
    """A measure of escalc.

    `needs` lists the required columns, each entry a tuple of alternatives of which at least one
    must be given (("bi", "n1i") for a 2×2 table). `vtypes` are the variance types metafor allows
    for the measure, the first being its default. `ignored` columns are accepted and not read
    (metafor's SMCR ignores sd2i).
    """

    compute: Compute
    needs: tuple[tuple[str, ...], ...]
    vtypes: tuple[str, ...] = ("LS",)
    ignored: tuple[str, ...] = ()

    @property
    def accepted(self) -> frozenset[str]:
        return frozenset(name for names in self.needs for name in names) | set(self.ignored)


def bias_correction(df: FloatArray) -> FloatArray:
    """Hedges' exact correction c(m) = Γ(m/2) / (√(m/2) Γ((m−1)/2)), NaN for m ≤ 1.

    As metafor's .cmicalc, on the log scale so that large m does not overflow Γ. Where it is NaN
    metafor has NA, a missing value: callers count such rows as incomplete (see results.finalise).
    """
    with np.errstate(invalid="ignore", divide="ignore"):
        defined = df > 1
        safe = np.where(defined, df, 2.0)
        correction = np.exp(gammaln(safe / 2) - 0.5 * np.log(safe / 2) - gammaln((safe - 1) / 2))
    return np.where(defined, correction, np.nan)


def weighted_mean(values: FloatArray, weights: FloatArray) -> float:
    """Σwx/Σw over the rows where both are known, as metafor's .wmean(na.rm = TRUE)."""
    known = ~(np.isnan(values) | np.isnan(weights))
    with np.errstate(invalid="ignore", divide="ignore"):
        return float(np.sum(values[known] * weights[known]) / np.sum(weights[known]))
