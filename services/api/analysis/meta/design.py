"""Moderators → design matrix, as metafor gets it from model.matrix(~ m1 + m2 + …).

A moderator whose values are all numbers is one column named after it. A moderator whose values
are all strings is a factor: R's factor() sorts the distinct values, the first is the reference
level, and each other level becomes a 0/1 column named moderator + level ("allocrandom").
Levels are sorted by code point (R in the C locale); R in other locales may order upper- and
lower-case names differently. The intercept "intrcpt" is always the first column.
"""

import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from analysis.meta.errors import MetaInputError
from analysis.meta.wls import FloatArray, standardise

ModeratorValue = float | int | str
INTERCEPT = "intrcpt"
# Smallest/largest eigenvalue of the standardised Z'Z below which moderators are collinear
# (lm(), which metafor uses to find redundant predictors, has 1e-7 on the QR's diagonal).
RANK_TOLERANCE = 1e-12


@dataclass(frozen=True)
class Term:
    """One moderator: numeric (levels empty) or a factor with its sorted levels."""

    name: str
    levels: tuple[str, ...] = ()

    @property
    def is_factor(self) -> bool:
        return bool(self.levels)

    @property
    def column_names(self) -> tuple[str, ...]:
        if self.is_factor:
            return tuple(self.name + level for level in self.levels[1:])
        return (self.name,)


@dataclass(frozen=True)
class Design:
    """The k×p design matrix, its column names and the terms that make a new row."""

    matrix: FloatArray
    column_names: tuple[str, ...]
    terms: tuple[Term, ...]

    def row(self, values: Mapping[str, ModeratorValue]) -> FloatArray:
        """The design row for one set of moderator values (metafor's newmods plus intercept)."""
        unknown = sorted(set(values) - {term.name for term in self.terms})
        if unknown:
            raise MetaInputError(f"predict: unknown moderator(s) {', '.join(unknown)}.")
        parts = [np.ones(1)]
        for term in self.terms:
            if term.name not in values:
                raise MetaInputError(f"predict: a value for moderator '{term.name}' is missing.")
            parts.append(_encode_value(term, values[term.name]))
        return np.concatenate(parts)


def _encode_value(term: Term, value: ModeratorValue) -> FloatArray:
    if term.is_factor:
        if not isinstance(value, str) or value not in term.levels:
            levels = ", ".join(term.levels)
            raise MetaInputError(
                f"predict: moderator '{term.name}' must be one of its levels ({levels}), "
                f"not {value!r}."
            )
        return np.array([1.0 if value == level else 0.0 for level in term.levels[1:]])
    if not _is_number(value) or not np.isfinite(float(value)):
        raise MetaInputError(
            f"predict: moderator '{term.name}' needs a finite number, not {value!r}."
        )
    return np.array([float(value)])


def _is_number(value: object) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool | np.bool_)


def _term_and_columns(name: str, values: Sequence[ModeratorValue]) -> tuple[Term, FloatArray]:
    """A numeric column, or a factor's dummy columns; numpy converts a long list fastest."""
    converted = np.asarray(values)
    if converted.dtype.kind in "iuf":
        term, matrix = Term(name), converted.astype(float)[:, None]
        if not np.all(np.isfinite(matrix)):
            raise MetaInputError(f"Moderator '{name}' has missing or infinite values.")
    elif converted.dtype.kind == "U" and all(isinstance(value, str) for value in values):
        levels, codes = np.unique(converted, return_inverse=True)
        term = Term(name, tuple(str(level) for level in levels))
        matrix = (codes[:, None] == np.arange(1, len(levels))[None, :]).astype(float)
    else:
        raise MetaInputError(
            f"Moderator '{name}' must hold all numbers, or all strings for a factor "
            "(no missing values, no booleans: give 0/1 or level names)."
        )
    if np.all(converted == converted[0]):
        raise MetaInputError(
            f"Moderator '{name}' has the same value in every study, so its effect cannot be "
            "separated from the intercept."
        )
    return term, matrix


def build_design(moderators: Mapping[str, Sequence[ModeratorValue]] | None, k: int) -> Design:
    """Intercept plus each moderator's columns, in the order the mapping gives them."""
    terms: list[Term] = []
    blocks = [np.ones((k, 1))]
    for name, values in (moderators or {}).items():
        if len(values) != k:
            raise MetaInputError(f"Moderator '{name}' has {len(values)} values for {k} studies.")
        term, block = _term_and_columns(name, list(values))
        terms.append(term)
        blocks.append(block)
    matrix = np.hstack(blocks)
    names = (INTERCEPT, *(column for term in terms for column in term.column_names))
    _require_full_rank(matrix)
    return Design(matrix, names, tuple(terms))


def _require_full_rank(matrix: FloatArray) -> None:
    """metafor drops predictors that lm() finds redundant; here that is an input error.

    Judged on the eigenvalues of Z'Z for the standardised design Z (a p×p matrix, so no
    threaded LAPACK call on the k×p design): a ratio below 1e-12, i.e. singular values more
    than 10⁶ apart, counts as collinear.
    """
    standardised, _ = standardise(matrix)
    gram = np.einsum("ki,kj->ij", standardised, standardised) / len(matrix)
    eigenvalues = np.linalg.eigvalsh(gram)
    if eigenvalues[0] <= RANK_TOLERANCE * eigenvalues[-1]:
        raise MetaInputError(
            "The moderators are collinear (the design matrix is not of full rank): drop one of "
            "the moderators that another moderator, or a combination of them, determines."
        )
