"""The simplifying assumptions of parsimonious models: the remainders each model covers."""

from collections.abc import Sequence

import numpy as np

from analysis.qca.charts import Models
from analysis.qca.intermediate import PropertySpace
from analysis.qca.truth_table import TruthTable, TruthTableRow

MODELS_AT_ONCE = 100


def simplifying_assumptions(
    models: Models, truth_table: TruthTable, explained: Sequence[TruthTableRow]
) -> list[tuple[int, ...]] | None:
    """Row numbers of the remainders (and don't-care rows) each model covers; None when the
    property space is too large to hold."""
    if not PropertySpace.fits(truth_table.levels):
        return None
    space = PropertySpace.of(truth_table.levels, "Listing simplifying assumptions")
    explained_mask = space.mask_of([row.number for row in explained])
    used = sorted({term for model in models.models for term in model})
    if not used:
        return [() for _ in models.models]
    position = {term: index for index, term in enumerate(used)}
    # Many models × the property space at once: a row is assumed when a term of the model
    # holds it. In blocks of models, so that 1,000 models over 16 conditions stay small.
    inside = np.array([space.inside_term(term) for term in used], dtype=np.float32)
    found: list[tuple[int, ...]] = []
    for start in range(0, len(models.models), MODELS_AT_ONCE):
        block = models.models[start:start + MODELS_AT_ONCE]
        uses = np.zeros((len(block), len(used)), dtype=np.float32)
        for number, model in enumerate(block):
            uses[number, [position[term] for term in model]] = 1
        assumed = ((uses @ inside) > 0) & ~explained_mask
        found += [tuple(space.numbers[mask].tolist()) for mask in assumed]
    return found
