"""The result of escalc and metafor's recoding of undefined values to missing."""

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from analysis.effect_sizes.columns import BoolArray, FloatArray


class Outcome(NamedTuple):
    """Raw yi and vi of a measure, and which rows had every input it needs."""

    yi: FloatArray
    vi: FloatArray
    complete: BoolArray


@dataclass(frozen=True)
class EffectSizes:
    """Observed effect sizes `yi` and their sampling variances `vi`, one per row of the input.

    NaN marks a value that is missing or undefined (metafor's NA). The arrays are read-only.
    """

    measure: str
    vtype: str
    yi: FloatArray
    vi: FloatArray

    @property
    def k(self) -> int:
        return len(self.yi)


def finalise(measure: str, vtype: str, outcome: Outcome) -> EffectSizes:
    """Apply the recoding at the end of metafor's escalc().

    metafor sets yi and vi to NA together where either is ±Inf or NaN (a division by zero or the
    log of a negative number), and vi alone to NA where it is negative. A row with a missing input
    is left as computed, so vi can stay known where only yi's inputs are missing (NA in R is not
    NaN), exactly as metafor returns it.
    """
    yi, vi, complete = outcome
    with np.errstate(invalid="ignore"):
        undefined = np.isinf(yi) | np.isinf(vi) | (complete & (np.isnan(yi) | np.isnan(vi)))
        yi = np.where(undefined, np.nan, yi)
        vi = np.where(undefined | (vi < 0), np.nan, vi)
    yi.setflags(write=False)
    vi.setflags(write=False)
    return EffectSizes(measure=measure, vtype=vtype, yi=yi, vi=vi)
