"""Input columns under metafor's argument names: parsing, length checks and range checks."""

import numbers
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from analysis.effect_sizes.errors import MAX_ROWS_PER_PROBLEM, InputProblem, raise_if_any

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
ColumnValues = Sequence[float | None] | npt.NDArray[Any]

# Every data argument of metafor's escalc() that some measure here reads.
KNOWN_COLUMNS = frozenset(
    {
        "ai", "bi", "ci", "di", "n1i", "n2i", "x1i", "x2i", "t1i", "t2i",
        "m1i", "m2i", "sd1i", "sd2i", "xi", "mi", "ri", "ni",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Columns:
    """Parsed columns of equal length k; a missing value is NaN."""

    arrays: Mapping[str, FloatArray]
    k: int

    def __getitem__(self, name: str) -> FloatArray:
        return self.arrays[name]

    def get(self, name: str) -> FloatArray | None:
        return self.arrays.get(name)


def parse_columns(raw: Mapping[str, ColumnValues]) -> Columns:
    """Turn each column into a float array (None → NaN); all must have the same length."""
    problems: list[InputProblem] = []
    arrays: dict[str, FloatArray] = {}
    for name, values in raw.items():
        array, column_problems = _to_float_array(name, values)
        problems.extend(column_problems)
        arrays[name] = array
    raise_if_any(problems)
    lengths = {name: len(array) for name, array in arrays.items()}
    if len(set(lengths.values())) > 1:
        listed = ", ".join(f"{name} has {length}" for name, length in lengths.items())
        raise_if_any([InputProblem(f"columns must all have the same length: {listed}")])
    k = next(iter(lengths.values()), 0)
    return Columns(arrays, k)


def _to_float_array(name: str, values: ColumnValues) -> tuple[FloatArray, list[InputProblem]]:
    if isinstance(values, np.ndarray) and values.dtype.kind in "fiu":
        if values.ndim != 1:
            return np.empty(0), [InputProblem(f"{name} must be a one-dimensional list", name)]
        array = values.astype(np.float64)
    elif isinstance(values, str | bytes | Mapping) or not isinstance(values, Iterable):
        return np.empty(0), [InputProblem(f"{name} must be a list of numbers", name)]
    else:
        array, problems = _from_python_values(name, values)
        if problems:
            return array, problems
    infinite = np.flatnonzero(np.isinf(array))
    return array, [
        InputProblem(f"{name}[{row}] is not a finite number", name, int(row))
        for row in infinite[:MAX_ROWS_PER_PROBLEM]
    ]


def _from_python_values(
    name: str, values: Iterable[object]
) -> tuple[FloatArray, list[InputProblem]]:
    items = list(values)
    # Checking the few distinct types is much faster than checking each of 100,000 values.
    if all(_is_number_type(kind) for kind in set(map(type, items))):
        try:
            return np.array(items, dtype=np.float64), []
        except OverflowError:
            pass  # an int beyond float range: find and name it below
    array = np.full(len(items), np.nan)
    problems: list[InputProblem] = []
    for row, value in enumerate(items):
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            if len(problems) < MAX_ROWS_PER_PROBLEM:
                problems.append(InputProblem(f"{name}[{row}] is not a number", name, row))
            continue
        try:
            array[row] = float(value)
        except OverflowError:
            array[row] = np.inf  # reported as not finite by the caller
    return array, problems


def _is_number_type(kind: type) -> bool:
    return kind is type(None) or (issubclass(kind, numbers.Real) and not issubclass(kind, bool))


def rows_present(*arrays: FloatArray) -> BoolArray:
    """Rows where none of the arrays is missing (metafor's complete cases)."""
    present = np.ones(len(arrays[0]), dtype=bool)
    for array in arrays:
        present &= ~np.isnan(array)
    return present


def flag_rows(name: str, rows: BoolArray, values: FloatArray, why: str) -> list[InputProblem]:
    return [
        InputProblem(f"{name}[{row}] = {values[row]:g} {why}", name, int(row))
        for row in np.flatnonzero(rows)[:MAX_ROWS_PER_PROBLEM]
    ]


def negative_values(columns: Columns, names: Iterable[str], what: str) -> list[InputProblem]:
    """Rows below 0 in the named columns; `what` says what cannot be negative."""
    problems: list[InputProblem] = []
    for name in names:
        values = columns.get(name)
        if values is not None:
            problems += flag_rows(name, values < 0, values, f"is negative: {what}")
    return problems


def nonpositive_values(columns: Columns, names: Iterable[str], what: str) -> list[InputProblem]:
    """Rows at or below 0 in the named columns (metafor refuses group sizes ≤ 0)."""
    problems: list[InputProblem] = []
    for name in names:
        values = columns.get(name)
        if values is not None:
            problems += flag_rows(name, values <= 0, values, f"is not positive: {what}")
    return problems


def larger_than(columns: Columns, part: str, whole: str) -> list[InputProblem]:
    """Rows where a count exceeds its group size."""
    counts, totals = columns.get(part), columns.get(whole)
    if counts is None or totals is None:
        return []
    return [
        InputProblem(
            f"{part}[{row}] = {counts[row]:g} is larger than {whole}[{row}] = {totals[row]:g}",
            part,
            int(row),
        )
        for row in np.flatnonzero(counts > totals)[:MAX_ROWS_PER_PROBLEM]
    ]


def unequal_sum(columns: Columns, total: str, first: str, second: str) -> list[InputProblem]:
    """Rows where a given total disagrees with its two given parts (metafor refuses these)."""
    totals, firsts, seconds = columns.get(total), columns.get(first), columns.get(second)
    if totals is None or firsts is None or seconds is None:
        return []
    mismatched = (totals != firsts + seconds) & rows_present(totals, firsts, seconds)
    return [
        InputProblem(
            f"{total}[{row}] = {totals[row]:g} is not {first} + {second} "
            f"= {firsts[row] + seconds[row]:g}",
            total,
            int(row),
        )
        for row in np.flatnonzero(mismatched)[:MAX_ROWS_PER_PROBLEM]
    ]


def correlations_out_of_range(columns: Columns, name: str) -> list[InputProblem]:
    values = columns.get(name)
    if values is None:
        return []
    outside = np.abs(values) > 1
    return flag_rows(name, outside, values, "is outside [-1, 1]: it must be a correlation")
