"""The Cox model's design matrix from the initiatives' facts: a number is one column; a factor
is dummy-coded against its most common level (docs/support.md)."""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from analysis.survival import FloatArray
from api.analyses.effects.grouping import MODERATORS, NUMERIC_MODERATORS
from api.analyses.effects.inputs import InitiativeFacts


@dataclass(frozen=True)
class Design:
    rows: NDArray[np.intp]  # positions of the initiatives with a value for every covariate
    columns: list[str]
    references: dict[str, str]
    x: FloatArray
    left_out: int
    one_level: list[str]  # factors with a single level among the rows: nothing to estimate


def design_matrix(facts: Sequence[InitiativeFacts], covariates: Sequence[str]) -> Design:
    names = list(dict.fromkeys(covariates))
    values = [[MODERATORS[name](found) for name in names] for found in facts]
    complete = [row for row, found in enumerate(values) if None not in found]
    columns: list[str] = []
    blocks: list[FloatArray] = []
    references: dict[str, str] = {}
    one_level: list[str] = []
    for place, name in enumerate(names):
        raw = [values[row][place] for row in complete]
        if name in NUMERIC_MODERATORS:
            columns.append(name)
            blocks.append(np.array(raw, dtype=float).reshape(-1, 1))
            continue
        labels = [str(value) for value in raw]
        reference, others = _levels(labels)
        references[name] = reference
        if not others:
            one_level.append(name)
        columns += [f"{name}{level}" for level in others]
        blocks.append(np.array([[label == level for level in others] for label in labels],
                               dtype=float).reshape(len(labels), len(others)))
    x = np.hstack(blocks) if blocks else np.zeros((len(complete), 0))
    return Design(np.array(complete, dtype=np.intp), columns, references, x,
                  len(facts) - len(complete), one_level)


def _levels(labels: Sequence[str]) -> tuple[str, list[str]]:
    """The reference (most common, ties alphabetically first) and the other levels, sorted."""
    counts = Counter(labels)
    if not counts:
        return "", []
    reference = min(counts, key=lambda level: (-counts[level], level))
    return reference, sorted(level for level in counts if level != reference)


def singular_note(design: Design) -> str | None:
    """Why the columns cannot all be estimated: constant or collinear ones."""
    if design.one_level:
        return ("Een factor met maar één niveau. / A factor with one level only: "
                f"{', '.join(design.one_level)}.")
    centred = design.x - design.x.mean(axis=0)
    constant = [name for name, column in zip(design.columns, centred.T, strict=True)
                if not np.any(np.abs(column) > 1e-12)]
    if constant:
        return ("Covariaten zonder variatie. / Covariates that do not vary: "
                f"{', '.join(constant)}.")
    if np.linalg.matrix_rank(centred) < design.x.shape[1]:
        return ("Covariaten zijn samen lineair afhankelijk. / The covariates are collinear: "
                f"{', '.join(design.columns)}.")
    return None
