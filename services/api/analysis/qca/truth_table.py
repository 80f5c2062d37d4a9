"""Truth tables as R's QCA package's truthTable(): n, inclusion, PRI, output and cases per row."""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from analysis.qca.errors import QcaInputError
from analysis.qca.sets import (
    BoolArray,
    CaseData,
    FloatArray,
    IntArray,
    read_case_data,
    row_numbers,
)

# admisc::agteb compares with this tolerance, so an inclusion of 0.79999999999 passes 0.8.
TOLERANCE = 1.4901161193847656e-08
# Memberships of cases in rows are computed in blocks of at most this many cells.
BLOCK_CELLS = 4_000_000


@dataclass(frozen=True)
class TruthTableRow:
    """An observed configuration: values per condition, the package's row number (1-based, the
    first condition varying slowest), OUT ("1", "0", "C", or "?" when n < n_cut), n (cases with
    membership above 0.5), sufficiency inclusion and PRI (None when undefined), and its cases."""

    configuration: tuple[int, ...]
    number: int
    out: str
    n: int
    incl: float
    pri: float | None
    cases: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class TruthTable:
    """The observed rows, in row-number order; every other configuration is a remainder ("?").

    `data` keeps the checked case data for the parameters of fit; `notes` holds the package's
    warnings (fuzzy values of exactly 0.5, whose cases are given to no row).
    """

    outcome: str
    negate_outcome: bool
    conditions: tuple[str, ...]
    levels: tuple[int, ...]
    incl_cut: tuple[float, float]
    n_cut: int
    pri_cut: float
    rows: tuple[TruthTableRow, ...]
    data: CaseData
    notes: tuple[str, ...]

    @property
    def multivalue(self) -> bool:
        return any(nof_levels > 2 for nof_levels in self.levels)

    @property
    def outcome_label(self) -> str:
        """The outcome as the package writes it: ~ for its negation, [1] with multi-value data."""
        label = f"{self.outcome}[1]" if self.multivalue else self.outcome
        return f"~{label}" if self.negate_outcome else label

    def rows_with(self, *codes: str) -> tuple[TruthTableRow, ...]:
        return tuple(row for row in self.rows if row.out in codes)


def truth_table(
    data: Mapping[str, Sequence[float]],
    outcome: str,
    conditions: Sequence[str],
    *,
    incl_cut: float | Sequence[float] = 1,
    n_cut: int = 1,
    pri_cut: float = 0,
    negate_outcome: bool = False,
    case_ids: Sequence[str] | None = None,
) -> TruthTable:
    """truthTable(data, outcome, conditions, incl.cut, n.cut, pri.cut) of R's QCA package.

    Data may be crisp (0/1), multi-value crisp (0, 1, 2, …) or fuzzy per condition. A case's
    membership in a row is the minimum over the conditions of its membership in the row's
    value (1 − x for a fuzzy 0, an indicator for crisp values); n counts memberships above
    0.5, incl = Σmin(X, Y)/ΣX and PRI = (Σmin(X, Y) − Σmin(X, Y, 1 − Y))/(ΣX − Σmin(X, Y, 1 − Y)).
    OUT is "?" when n < n_cut, "1" when incl ≥ incl1 and PRI ≥ pri_cut, "C" when
    incl0 ≤ incl < incl1, else "0". incl_cut is incl1 or [incl1, incl0] (incl0 ≤ incl1).
    The outcome is negated by negate_outcome or a leading ~ ("~SURV").
    """
    cut1, cut0 = _inclusion_cuts(incl_cut)
    if n_cut < 1 or int(n_cut) != n_cut:
        raise QcaInputError("n_cut must be a whole number of at least 1.")
    if not 0 <= pri_cut <= 1:
        raise QcaInputError("pri_cut must lie between 0 and 1.")
    cases = read_case_data(
        data, outcome, conditions, negate_outcome=negate_outcome, case_ids=case_ids
    )
    configurations = cases.crisp_configurations()
    numbers = row_numbers(configurations, cases.levels)
    observed, first_case = np.unique(numbers, return_index=True)
    rows_matrix = configurations[first_case]
    memberships = _row_memberships(cases, rows_matrix)
    at_half = _cases_at_half(cases)
    rows = tuple(
        _row(
            rows_matrix[r],
            int(observed[r]),
            memberships[:, r],
            cases,
            cases_in_row=(numbers == observed[r]) & ~at_half,
            cuts=(cut1, cut0, float(pri_cut), int(n_cut)),
        )
        for r in range(len(observed))
    )
    name = outcome.strip().lstrip("~").strip()
    negated = negate_outcome != outcome.strip().startswith("~")
    return TruthTable(
        outcome=name,
        negate_outcome=negated,
        conditions=cases.conditions,
        levels=cases.levels,
        incl_cut=(cut1, cut0),
        n_cut=int(n_cut),
        pri_cut=float(pri_cut),
        rows=rows,
        data=cases,
        notes=_notes(at_half),
    )


def _inclusion_cuts(incl_cut: float | Sequence[float]) -> tuple[float, float]:
    cuts = [float(incl_cut)] if isinstance(incl_cut, int | float) else [float(c) for c in incl_cut]
    if len(cuts) not in (1, 2):
        raise QcaInputError("incl_cut is one cut-off, or two: [incl1, incl0].")
    cut1 = cuts[0]
    cut0 = cuts[1] if len(cuts) == 2 else cut1
    if not (0 <= cut0 <= cut1 <= 1):
        raise QcaInputError("incl_cut needs 0 ≤ incl0 ≤ incl1 ≤ 1.")
    return cut1, cut0


def _row_memberships(cases: CaseData, rows_matrix: IntArray) -> FloatArray:
    """Membership of every case (rows) in every observed configuration (columns)."""
    n_cases, n_rows = len(cases.case_ids), len(rows_matrix)
    result = np.empty((n_cases, n_rows))
    block = max(1, BLOCK_CELLS // max(1, n_cases))
    for start in range(0, n_rows, block):
        stop = min(n_rows, start + block)
        part = np.ones((n_cases, stop - start))
        for j in range(len(cases.conditions)):
            wanted = rows_matrix[start:stop, j][None, :]
            column = cases.values[:, j][:, None]
            if cases.fuzzy[j]:
                literal = np.where(wanted == 1, column, 1.0 - column)
            else:
                literal = (column == wanted).astype(float)
            np.minimum(part, literal, out=part)
        result[:, start:stop] = part
    return result


def _cases_at_half(cases: CaseData) -> BoolArray:
    fuzzy = np.asarray(cases.fuzzy, dtype=bool)
    if not fuzzy.any():
        return np.zeros(len(cases.case_ids), dtype=bool)
    return np.asarray(np.any(np.abs(cases.values[:, fuzzy] - 0.5) < TOLERANCE, axis=1))


def _row(
    configuration: IntArray,
    number: int,
    membership: FloatArray,
    cases: CaseData,
    *,
    cases_in_row: BoolArray,
    cuts: tuple[float, float, float, int],
) -> TruthTableRow:
    cut1, cut0, pri_cut, n_cut = cuts
    y = cases.outcome
    n = int(np.count_nonzero(membership > 0.5))
    total = float(membership.sum())
    both = np.minimum(membership, y)
    overlap = float(both.sum())
    against = float(np.minimum(both, 1.0 - y).sum())
    incl = overlap / total
    pri_denominator = total - against
    pri = (overlap - against) / pri_denominator if pri_denominator > 0 else None
    return TruthTableRow(
        configuration=tuple(int(v) for v in configuration),
        number=number,
        out=_output(incl, pri, n, cut1, cut0, pri_cut, n_cut),
        n=n,
        incl=incl,
        pri=pri,
        cases=tuple(cases.case_ids[i] for i in np.flatnonzero(cases_in_row)),
    )


def _output(
    incl: float, pri: float | None, n: int, cut1: float, cut0: float, pri_cut: float, n_cut: int
) -> str:
    if n < n_cut:
        return "?"
    pri_ok = pri_cut <= 0 if pri is None or math.isnan(pri) else pri >= pri_cut - TOLERANCE
    if incl >= cut1 - TOLERANCE:
        return "1" if pri_ok else "0"
    return "C" if incl >= cut0 - TOLERANCE else "0"


def _notes(at_half: BoolArray) -> tuple[str, ...]:
    count = int(np.count_nonzero(at_half))
    if count == 0:
        return ()
    return (
        f"Fuzzy conditions should not have values of exactly 0.5: {count} case(s) with such a "
        "value belong to no truth table row (as in R's QCA package).",
    )
