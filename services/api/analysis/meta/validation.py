"""Checks on rma()'s arguments, each failing with a MetaInputError that says what is wrong."""

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from analysis.meta.errors import MetaInputError
from analysis.meta.tau2 import EQUAL_EFFECTS_METHODS, METHODS
from analysis.meta.wls import FloatArray

TESTS = ("z", "knha")


def checked_outcomes(yi: Sequence[float], vi: Sequence[float]) -> tuple[FloatArray, FloatArray]:
    """yi and vi as float arrays: equal lengths, at least one study, finite, vi > 0.

    metafor omits studies with missing values (with a warning) and keeps vi = 0; here both
    are errors, so that nothing is dropped silently.
    """
    try:
        outcomes = np.asarray(yi, dtype=float)
        variances = np.asarray(vi, dtype=float)
    except (TypeError, ValueError) as error:
        raise MetaInputError(f"yi and vi must be numbers: {error}") from error
    if outcomes.ndim != 1 or variances.ndim != 1:
        raise MetaInputError("yi and vi must be one-dimensional sequences of numbers.")
    if len(outcomes) != len(variances):
        raise MetaInputError(
            f"yi has {len(outcomes)} values but vi has {len(variances)}: "
            "give one of each per study."
        )
    if len(outcomes) == 0:
        raise MetaInputError("There are no studies (k = 0).")
    if not np.all(np.isfinite(outcomes)):
        raise MetaInputError(
            f"yi has missing or infinite values at {_positions(~np.isfinite(outcomes))}."
        )
    bad_variances = ~np.isfinite(variances) | (variances <= 0)
    if np.any(bad_variances):
        raise MetaInputError(
            "Sampling variances vi must be finite and positive; "
            f"not so at {_positions(bad_variances)}."
        )
    return outcomes, variances


def _positions(mask: npt.NDArray[np.bool_]) -> str:
    """1-based study positions, as a researcher counts rows."""
    indices = np.flatnonzero(mask)[:5] + 1
    more = ", …" if np.count_nonzero(mask) > 5 else ""
    return "position(s) " + ", ".join(str(i) for i in indices) + more


def checked_options(method: str, test: str, level: float) -> float:
    """method and test as metafor spells them; level a percentage strictly between 0 and 100.

    metafor also reads a level below 1 as a proportion (0.95 → 95%); here it must be a percent.
    """
    if method not in METHODS:
        raise MetaInputError(f"Unknown method {method!r}: use one of {', '.join(METHODS)}.")
    if test not in TESTS:
        raise MetaInputError(f"Unknown test {test!r}: use 'z' or 'knha' (Knapp-Hartung).")
    if isinstance(level, bool) or not isinstance(level, int | float) or not math.isfinite(level):
        raise MetaInputError(f"level must be a number, not {level!r}.")
    if not 0.0 < level < 100.0:
        raise MetaInputError(f"level is a percentage between 0 and 100 (e.g. 95), not {level}.")
    return float(level)


def check_enough_studies(k: int, p: int, method: str) -> None:
    """metafor: p ≤ k for EE/FE, p + 1 ≤ k when tau² is estimated; k = 1 intercept-only is fine."""
    if k == 1 and p == 1:
        return
    needed = p if method in EQUAL_EFFECTS_METHODS else p + 1
    if k < needed:
        raise MetaInputError(
            f"Number of parameters to be estimated is larger than the number of studies: "
            f"{k} studies for {p} coefficient(s){'' if needed == p else ' and tau²'}."
        )
