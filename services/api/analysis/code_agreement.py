"""Agreement per code when several coders code the same records (issue 9).

The caller picks the unit of analysis (a paragraph, a sentence, a character of a record) and
says, for each unit and each coder, which codes that coder applied there: a set of codes, empty
when the coder applied none, or None when the coder did not code that unit at all (missing, not
absence). Each code then becomes presence/absence data: per code a 2×2 Cohen's kappa (two
coders only) and a binary Krippendorff's alpha; overall, one alpha over all (unit, code) pairs,
which pools the codes' coincidence matrices, so frequent codes weigh more. See README.md for
how the unit changes the numbers.
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from analysis.agreement import (
    CohenKappa,
    KrippendorffAlpha,
    alpha_from_counts,
    checked_units,
    cohen_kappa_table,
)

ABSENT_PRESENT = (False, True)


@dataclass(frozen=True)
class CodeReliability:
    """One code: on how many units each coder applied it, its kappa (two coders) and alpha."""

    code: str
    applied: tuple[int, ...]
    kappa: CohenKappa | None
    alpha: KrippendorffAlpha


@dataclass(frozen=True)
class CodingAgreement:
    codes: tuple[CodeReliability, ...]
    overall: KrippendorffAlpha
    coders: int
    units: int


def code_agreement(units: Sequence[Sequence[Collection[str] | None]], *,
                   codes: Sequence[str] | None = None) -> CodingAgreement:
    """Per-code and overall agreement. `codes` (the codebook) fixes the codes and their order,
    so a code nobody applied is reported too (its kappa and alpha are NaN: 0/0); by default
    the codes applied, sorted."""
    rows = checked_units(units)
    names = _code_names(rows, codes)
    coded = np.array([[entry is not None for entry in row] for row in rows])
    present = _presence(rows, names)
    per_code = [_one_code(name, coded, present[:, :, k]) for k, name in enumerate(names)]
    pooled = np.vstack([_binary_counts(coded, present[:, :, k]) for k in range(len(names))])
    overall = alpha_from_counts(pooled, ABSENT_PRESENT)
    return CodingAgreement(tuple(per_code), overall, coded.shape[1], len(rows))


def _code_names(rows: list[list[object]], codes: Sequence[str] | None) -> list[str]:
    applied: set[str] = set()
    for row in rows:
        for entry in row:
            if entry is not None:
                if isinstance(entry, str) or not isinstance(entry, Collection):
                    raise ValueError("each coder's entry must be a collection of codes or None")
                applied.update(entry)
    if codes is None:
        names = sorted(applied)
    else:
        names = list(codes)
        if len(set(names)) != len(names):
            raise ValueError("the codebook lists a code twice")
        unknown = sorted(applied - set(names))
        if unknown:
            raise ValueError(f"codes applied but not in the codebook: {unknown}")
    if not names:
        raise ValueError("no codes: nobody applied a code and no codebook was given")
    return names


def _presence(rows: list[list[object]], names: list[str]) -> NDArray[np.bool_]:
    """present[u, j, k]: coder j applied code k to unit u."""
    index = {name: k for k, name in enumerate(names)}
    present = np.zeros((len(rows), len(rows[0]), len(names)), dtype=bool)
    for u, row in enumerate(rows):
        for j, entry in enumerate(row):
            if isinstance(entry, Collection):
                for code in entry:
                    present[u, j, index[code]] = True
    return present


def _binary_counts(coded: NDArray[np.bool_], present: NDArray[np.bool_]) -> NDArray[np.float64]:
    """Value counts (absent, present) per unit, counting only the coders who coded it."""
    yes = (present & coded).sum(axis=1)
    return np.column_stack([coded.sum(axis=1) - yes, yes]).astype(float)


def _one_code(name: str, coded: NDArray[np.bool_], present: NDArray[np.bool_]) -> CodeReliability:
    alpha = alpha_from_counts(_binary_counts(coded, present), ABSENT_PRESENT)
    kappa = None
    if coded.shape[1] == 2:
        both = coded.all(axis=1)  # kappa needs both coders; alpha would have refused no pairs
        a, b = present[both, 0], present[both, 1]
        table = [[np.sum(~a & ~b), np.sum(~a & b)], [np.sum(a & ~b), np.sum(a & b)]]
        kappa = cohen_kappa_table(table, categories=ABSENT_PRESENT)
    applied = tuple(int(n) for n in (present & coded).sum(axis=0))
    return CodeReliability(name, applied, kappa, alpha)
