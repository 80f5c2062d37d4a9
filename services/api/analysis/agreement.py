"""Inter-coder agreement: Cohen's kappa for two coders, Krippendorff's alpha for any number.

Cohen's kappa (Cohen 1960) on nominal categories, with the large-sample standard errors of
Fleiss, Cohen & Everitt (1969): the one under the alternative gives the confidence interval
(SAS PROC FREQ's "ASE", psych::cohen.kappa), the one under kappa = 0 the z test (SAS's "ASE
under H0"). Krippendorff's alpha from the coincidence matrix, as in Krippendorff (2011),
"Computing Krippendorff's Alpha-Reliability": nominal, ordinal, interval or ratio data, any
number of coders, missing values. Both are checked against published worked examples in
tests/analysis/test_agreement.py; undefined values (0/0) are NaN with a note, as R gives NaN.
"""

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import stats

FloatArray = NDArray[np.float64]
LEVELS = ("nominal", "ordinal", "interval", "ratio")


@dataclass(frozen=True)
class CohenKappa:
    """Kappa, its standard errors, CI and z test; `table` has the first coder in rows."""

    kappa: float
    std_error: float
    ci_lower: float
    ci_upper: float
    std_error_null: float
    z: float
    p_value: float
    observed_agreement: float
    expected_agreement: float
    units: int
    categories: tuple[Hashable, ...]
    table: FloatArray
    note: str | None = None


@dataclass(frozen=True)
class KrippendorffAlpha:
    """Alpha with its disagreements and the coincidence matrix over `values` (in order)."""

    alpha: float
    level: str
    observed_disagreement: float
    expected_disagreement: float
    pairable_units: int
    pairable_values: int
    values: tuple[Hashable, ...]
    coincidences: FloatArray
    note: str | None = None


def is_missing(value: object) -> bool:
    """None or NaN: the coder did not code the unit."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _sort_key(value: Hashable) -> tuple[int, float, str]:
    # Numbers (and booleans, False first) by value, anything else by type and text, so that
    # mixed categories still get one stable order instead of a TypeError.
    if isinstance(value, int | float):
        return (0, float(value), "")
    return (1, 0.0, f"{type(value).__name__}:{value}")


def _read_only(array: FloatArray) -> FloatArray:
    array.setflags(write=False)
    return array


def cohen_kappa(coder_a: Sequence[Hashable | None], coder_b: Sequence[Hashable | None], *,
                confidence: float = 0.95) -> CohenKappa:
    """Cohen's kappa of two coders who each gave one category per unit. Units that either
    coder left out (None or NaN) are dropped, as R's irr::kappa2 drops them."""
    if len(coder_a) != len(coder_b):
        raise ValueError("both coders need a value (or None) for every unit: "
                         f"got {len(coder_a)} and {len(coder_b)} values")
    if len(coder_a) == 0:
        raise ValueError("no units: the data are empty")
    pairs = [(a, b) for a, b in zip(coder_a, coder_b, strict=True)
             if not is_missing(a) and not is_missing(b)]
    if not pairs:
        raise ValueError("no pairable values: no unit was coded by both coders")
    categories = sorted({value for pair in pairs for value in pair}, key=_sort_key)
    index = {category: i for i, category in enumerate(categories)}
    table = np.zeros((len(categories), len(categories)))
    for a, b in pairs:
        table[index[a], index[b]] += 1
    return _kappa(table, tuple(categories), confidence)


def cohen_kappa_table(table: ArrayLike, *, categories: Sequence[Hashable] | None = None,
                      confidence: float = 0.95) -> CohenKappa:
    """Cohen's kappa from a square table of counts (first coder in rows)."""
    counts = np.asarray(table, dtype=float)
    if counts.ndim != 2 or counts.shape[0] != counts.shape[1] or counts.size == 0:
        raise ValueError("the table must be square, one row and column per category")
    if not np.all(np.isfinite(counts)) or np.any(counts < 0) or np.any(counts % 1 != 0):
        raise ValueError("the table must hold counts of units (whole numbers ≥ 0)")
    if counts.sum() == 0:
        raise ValueError("no units: the table is all zeros")
    names = tuple(categories) if categories is not None else tuple(range(len(counts)))
    if len(names) != len(counts):
        raise ValueError(f"{len(names)} categories named for a {len(counts)}×{len(counts)} table")
    return _kappa(counts, names, confidence)


def _kappa(table: FloatArray, categories: tuple[Hashable, ...], confidence: float) -> CohenKappa:
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must lie between 0 and 1, got {confidence}")
    n = float(table.sum())
    p = table / n
    rows, cols = p.sum(axis=1), p.sum(axis=0)
    p_o, p_e = float(np.trace(p)), float(rows @ cols)
    table = _read_only(table.copy())
    if p_e >= 1 - 1e-12:  # both coders used one and the same category for every unit
        nan = math.nan
        return CohenKappa(nan, nan, nan, nan, nan, nan, nan, p_o, p_e, int(n), categories, table,
                          "kappa is undefined (0/0): both coders gave every unit the same "
                          "category, so chance agreement is 1 (R's irr::kappa2 gives NaN too)")
    kappa = (p_o - p_e) / (1 - p_e)
    se = _std_error(p, rows, cols, kappa, p_e, n)
    se_null = math.sqrt(p_e + p_e**2 - float(np.sum(rows * cols * (rows + cols)))) / (
        (1 - p_e) * math.sqrt(n))
    crit = float(stats.norm.ppf(0.5 + confidence / 2))
    z = kappa / se_null if se_null > 0 else math.nan
    p_value = float(2 * stats.norm.sf(abs(z))) if se_null > 0 else math.nan
    return CohenKappa(kappa, se, kappa - crit * se, kappa + crit * se, se_null, z, p_value,
                      p_o, p_e, int(n), categories, table)


def _std_error(p: FloatArray, rows: FloatArray, cols: FloatArray, kappa: float, p_e: float,
               n: float) -> float:
    """Fleiss, Cohen & Everitt (1969), under the alternative: the diagonal cells, the
    off-diagonal cells weighted by (p.i + pj.)², less the squared centring term."""
    diagonal = np.diag(p) * (1 - (rows + cols) * (1 - kappa)) ** 2
    off = p * np.add.outer(cols, rows) ** 2
    np.fill_diagonal(off, 0.0)
    variance = (float(diagonal.sum()) + (1 - kappa) ** 2 * float(off.sum())
                - (kappa - p_e * (1 - kappa)) ** 2) / (n * (1 - p_e) ** 2)
    return math.sqrt(max(variance, 0.0))  # rounding can leave -1e-17 at perfect agreement


def checked_units(units: Sequence[Sequence[object]]) -> list[list[object]]:
    """Reliability data as one row per unit, one entry per coder (None or NaN: missing)."""
    rows = [list(row) for row in units]
    if not rows:
        raise ValueError("no units: the data are empty")
    widths = sorted({len(row) for row in rows})
    if len(widths) > 1:
        raise ValueError(f"every unit needs one entry (or None) per coder; units have {widths}")
    if widths[0] < 2:
        raise ValueError(f"agreement needs at least two coders; got {widths[0]}")
    return rows


def krippendorff_alpha(units: Sequence[Sequence[Hashable | None]], *, level: str = "nominal",
                       order: Sequence[Hashable] | None = None) -> KrippendorffAlpha:
    """Krippendorff's alpha of reliability data given as one row per unit with one value per
    coder (None or NaN: that coder did not code the unit). Ordinal values that are not numbers
    need `order`, lowest first; numbers are ranked by value."""
    _check_level(level)
    rows = checked_units(units)
    present = {value for row in rows for value in row if not is_missing(value)}
    values = _value_order(present, level, order)
    index = {value: i for i, value in enumerate(values)}
    counts = np.zeros((len(rows), len(values)))
    for u, row in enumerate(rows):
        for value in row:
            if not is_missing(value):
                counts[u, index[value]] += 1
    return alpha_from_counts(counts, values, level=level)


def _check_level(level: str) -> None:
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}: use one of {', '.join(LEVELS)}")


def _value_order(present: set[Hashable], level: str,
                 order: Sequence[Hashable] | None) -> tuple[Hashable, ...]:
    if order is None:
        if level == "ordinal" and not all(_is_number(value) for value in present):
            raise ValueError("ordinal values that are not numbers need an order, lowest first")
        return tuple(sorted(present, key=_sort_key))
    if level != "ordinal":
        raise ValueError("an order applies to ordinal data only")
    if len(set(order)) != len(order):
        raise ValueError("the order lists a value twice")
    unknown = present - set(order)
    if unknown:
        raise ValueError(f"values not in the order: {sorted(unknown, key=_sort_key)!r}")
    return tuple(order)


def alpha_from_counts(counts: ArrayLike, values: Sequence[Hashable], *,
                      level: str = "nominal") -> KrippendorffAlpha:
    """Alpha from Krippendorff's value counts: counts[u, v] coders gave unit u the v-th value
    (`values` in order, lowest first for ordinal data). Units with fewer than two values
    cannot be paired and are left out."""
    _check_level(level)
    c = _pairable_counts(counts, len(values))
    o = _coincidences(c)
    n_c = o.sum(axis=1)
    n = float(n_c.sum())
    delta = _differences(level, tuple(values), n_c)
    d_o = float((o * delta).sum()) / n
    d_e = float((np.outer(n_c, n_c) * delta).sum()) / (n * (n - 1))
    note = None
    if d_e > 0:
        alpha = 1 - d_o / d_e
    else:
        alpha = math.nan
        note = ("alpha is undefined (0/0): all pairable values are the same, so no "
                "disagreement is expected by chance")
    return KrippendorffAlpha(alpha, level, d_o, d_e, len(c), round(n), tuple(values),
                             _read_only(o), note)


def _pairable_counts(counts: ArrayLike, n_values: int) -> FloatArray:
    c: FloatArray = np.asarray(counts, dtype=np.float64)
    if c.ndim != 2 or c.shape[1] != n_values:
        raise ValueError("counts need one row per unit and one column per value")
    if c.shape[0] == 0:
        raise ValueError("no units: the data are empty")
    if not np.all(np.isfinite(c)) or np.any(c < 0):
        raise ValueError("counts must be finite and not negative")
    c = np.asarray(c[c.sum(axis=1) >= 2], dtype=np.float64)
    if len(c) == 0:
        raise ValueError("no pairable values: no unit has values from two or more coders")
    return c


def _coincidences(c: FloatArray) -> FloatArray:
    """o_ck = Σ_u n_uc (n_uk − [c = k]) / (m_u − 1): every ordered pair of values from
    different coders in a unit, each unit weighted so that it contributes m_u pairs."""
    weighted = c / (c.sum(axis=1) - 1)[:, None]
    return np.asarray(weighted.T @ c - np.diag(weighted.sum(axis=0)), dtype=float)


def _differences(level: str, values: tuple[Hashable, ...], n_c: FloatArray) -> FloatArray:
    """Krippendorff's squared difference δ²(c, k) for every pair of values."""
    if level == "nominal":
        return 1 - np.eye(len(values))
    if level == "ordinal":
        # (Σ_{g=c..k} n_g − (n_c + n_k)/2)²: ranks weighted by how often each value was used.
        cumulative = np.concatenate([[0.0], np.cumsum(n_c)])
        rank = np.arange(len(values))
        low, high = np.minimum.outer(rank, rank), np.maximum.outer(rank, rank)
        between = cumulative[high + 1] - cumulative[low]
        return np.asarray((between - np.add.outer(n_c, n_c) / 2) ** 2, dtype=float)
    x = _numbers(values, level)
    difference = np.subtract.outer(x, x)
    if level == "interval":
        return np.asarray(difference**2, dtype=float)
    total = np.add.outer(x, x)
    ratio = np.divide(difference, total, out=np.zeros_like(difference), where=total > 0)
    return np.asarray(ratio**2, dtype=float)  # 0 and 0 agree: ratio data have a true zero


def _numbers(values: tuple[Hashable, ...], level: str) -> FloatArray:
    numbers: list[float] = []
    for value in values:
        if (isinstance(value, bool) or not isinstance(value, int | float)
                or not math.isfinite(value)):
            raise ValueError(f"{level} alpha needs finite numbers; got {value!r}")
        numbers.append(float(value))
    x = np.array(numbers)
    if level == "ratio" and np.any(x < 0):
        raise ValueError("ratio alpha needs values ≥ 0 (a ratio scale has a true zero)")
    return x
