"""metafor's handling of zero counts: `add`, `to` and `drop00` (see ?escalc, "Details")."""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from analysis.effect_sizes.columns import BoolArray, FloatArray

TO_OPTIONS = ("only0", "all", "if0all", "none")


@dataclass(frozen=True)
class ZeroCellRule:
    """What to add to which tables: `add` to every cell of ...

    - "only0": the tables (or groups) that have a zero count,
    - "all": every table,
    - "if0all": every table, but only when at least one table has a zero count,
    - "none": no table.

    `drop00` makes tables with no events (or only events) in both groups missing, before anything
    is added.
    """

    add: float = 0.5
    to: str = "only0"
    drop00: bool = False


def rows_with_a_zero(cells: Sequence[FloatArray]) -> BoolArray:
    """Rows where any cell is 0; a missing cell counts as not zero, as in metafor."""
    zero = np.zeros(len(cells[0]), dtype=bool)
    for cell in cells:
        zero |= cell == 0
    return zero


def add_to_cells(cells: Sequence[FloatArray], rule: ZeroCellRule) -> list[FloatArray]:
    """The cells with `rule.add` added where `rule.to` says; inputs are not modified."""
    has_zero = rows_with_a_zero(cells)
    if rule.to == "all":
        receives = np.ones_like(has_zero)
    elif rule.to == "only0":
        receives = has_zero
    elif rule.to == "if0all":
        receives = np.full_like(has_zero, bool(has_zero.any()))
    else:
        receives = np.zeros_like(has_zero)
    return [np.where(receives, cell + rule.add, cell) for cell in cells]


def drop_rows(cells: Sequence[FloatArray], dropped: BoolArray) -> list[FloatArray]:
    """The cells with the dropped rows made missing (metafor sets them to NA)."""
    return [np.where(dropped, np.nan, cell) for cell in cells]
