"""Calibrated case data checked once, and set memberships of cases in terms and expressions."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from analysis.qca.errors import QcaInputError
from analysis.qca.expressions import Implicant

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

# Conditions are kept in a bit mask of a machine integer; R's QCA refuses more than 30 too.
MAX_CONDITIONS = 30


@dataclass(frozen=True, eq=False)
class CaseData:
    """Condition values (cases × conditions) and outcome memberships, as checked.

    A condition is fuzzy when any value has a fractional part (the package's rule); its
    values are memberships in [0, 1] and it has two levels. Otherwise it is crisp with the
    levels 0 … max (at least two), multi-value when it has more than two.
    """

    conditions: tuple[str, ...]
    values: FloatArray
    fuzzy: tuple[bool, ...]
    levels: tuple[int, ...]
    outcome: FloatArray
    case_ids: tuple[str, ...]

    @property
    def multivalue(self) -> bool:
        return any(nof_levels > 2 for nof_levels in self.levels)

    def literal_membership(self, condition: int, value: int) -> FloatArray:
        """Membership of every case in 'condition = value'."""
        column: FloatArray = self.values[:, condition]
        if self.fuzzy[condition]:
            return column.copy() if value == 1 else 1.0 - column
        return np.asarray(column == value, dtype=float)

    def term_membership(self, implicant: Implicant) -> FloatArray:
        """Membership in a conjunction: the minimum over its literals (1 for the empty term)."""
        membership = np.ones(len(self.case_ids))
        for condition, code in enumerate(implicant):
            if code:
                np.minimum(membership, self.literal_membership(condition, code - 1), out=membership)
        return membership

    def crisp_configurations(self) -> IntArray:
        """Each case's corner of the property space: fuzzy values above 0.5 count as 1."""
        crisp = np.where(np.asarray(self.fuzzy), self.values > 0.5, self.values)
        return crisp.astype(np.int64)


def read_case_data(
    data: Mapping[str, Sequence[float]],
    outcome: str,
    conditions: Sequence[str],
    *,
    negate_outcome: bool = False,
    case_ids: Sequence[str] | None = None,
) -> CaseData:
    """Check the columns named by outcome and conditions; a leading ~ on the outcome negates it.

    Raises QcaInputError for unknown or repeated names, columns of unequal length, values that
    are not finite numbers, fuzzy values outside [0, 1], crisp values that are not whole
    numbers ≥ 0, or an outcome outside [0, 1].
    """
    outcome_name, negated = _outcome_name(outcome, negate_outcome)
    names = _checked_condition_names(data, outcome_name, conditions)
    columns = [_column(data, name) for name in [*names, outcome_name]]
    n_cases = _common_length(columns, [*names, outcome_name])
    values = np.column_stack(columns[:-1]) if names else np.empty((n_cases, 0))
    fuzzy = tuple(_is_fuzzy(values[:, j]) for j in range(len(names)))
    for j, name in enumerate(names):
        _check_condition(values[:, j], name, fuzzy[j])
    membership = columns[-1]
    if np.any((membership < 0) | (membership > 1)):
        raise QcaInputError(
            f"The outcome {outcome_name} must hold set memberships between 0 and 1; "
            "calibrate it first (a multi-value outcome: recode the value to explain as 1)."
        )
    levels = tuple(
        2 if fuzzy[j] else max(2, int(values[:, j].max(initial=0)) + 1) for j in range(len(names))
    )
    return CaseData(
        conditions=tuple(names),
        values=values,
        fuzzy=fuzzy,
        levels=levels,
        outcome=1.0 - membership if negated else membership,
        case_ids=_case_ids(case_ids, n_cases),
    )


def _outcome_name(outcome: str, negate_outcome: bool) -> tuple[str, bool]:
    name = outcome.strip()
    negated = negate_outcome
    if name.startswith("~"):
        name = name[1:].strip()
        negated = not negated
    return name, negated


def _checked_condition_names(
    data: Mapping[str, Sequence[float]], outcome: str, conditions: Sequence[str]
) -> list[str]:
    names = list(conditions)
    if not names:
        raise QcaInputError("Name at least one condition.")
    if len(names) > MAX_CONDITIONS:
        raise QcaInputError(f"At most {MAX_CONDITIONS} conditions can be analysed at once.")
    unknown = [name for name in [outcome, *names] if name not in data]
    if unknown:
        raise QcaInputError(f"Not in the data: {', '.join(unknown)}.")
    if len(set(names)) < len(names):
        raise QcaInputError("A condition is named twice.")
    if outcome in names:
        raise QcaInputError(f"The outcome {outcome} cannot also be a condition.")
    return names


def _column(data: Mapping[str, Sequence[float]], name: str) -> FloatArray:
    try:
        column = np.asarray(data[name], dtype=float)
    except (TypeError, ValueError) as error:
        raise QcaInputError(f"{name} must hold numbers.") from error
    if column.ndim != 1:
        raise QcaInputError(f"{name} must be a list of numbers.")
    if not np.all(np.isfinite(column)):
        raise QcaInputError(f"{name} has missing or infinite values; QCA needs complete data.")
    return column


def _common_length(columns: Sequence[FloatArray], names: Sequence[str]) -> int:
    lengths = {len(column) for column in columns}
    if len(lengths) > 1:
        sizes = ", ".join(f"{name}: {len(col)}" for name, col in zip(names, columns, strict=True))
        raise QcaInputError(f"The columns differ in length ({sizes}).")
    n_cases = lengths.pop()
    if n_cases == 0:
        raise QcaInputError("The data hold no cases.")
    return n_cases


def _is_fuzzy(column: FloatArray) -> bool:
    return bool(np.any(column % 1 != 0))


def _check_condition(column: FloatArray, name: str, fuzzy: bool) -> None:
    if fuzzy and np.any((column < 0) | (column > 1)):
        raise QcaInputError(
            f"{name} has fractional values outside [0, 1]; calibrate it to fuzzy memberships."
        )
    if not fuzzy and np.any(column < 0):
        raise QcaInputError(f"{name} has negative values; crisp values are 0, 1, 2, …")


def _case_ids(case_ids: Sequence[str] | None, n_cases: int) -> tuple[str, ...]:
    if case_ids is None:
        return tuple(str(i + 1) for i in range(n_cases))
    ids = tuple(str(case_id) for case_id in case_ids)
    if len(ids) != n_cases:
        raise QcaInputError(f"case_ids has {len(ids)} names for {n_cases} cases.")
    if len(set(ids)) < len(ids):
        raise QcaInputError("case_ids must be unique.")
    return ids


def row_numbers(configurations: IntArray, levels: Sequence[int]) -> IntArray:
    """The package's 1-based truth-table row numbers: the first condition varies slowest."""
    weights = np.ones(len(levels), dtype=np.int64)
    for j in range(len(levels) - 2, -1, -1):
        weights[j] = weights[j + 1] * levels[j + 1]
    return np.asarray(configurations @ weights + 1, dtype=np.int64)


def all_configurations(levels: Sequence[int]) -> IntArray:
    """Every configuration of the property space, in row-number order."""
    grids = np.indices(tuple(levels)).reshape(len(levels), -1).T
    return np.asarray(grids, dtype=np.int64)
