"""From prime implicants to models: the PI chart over the explained rows, solved."""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from analysis.qca.budget import TimeBudget
from analysis.qca.covers import solve_chart
from analysis.qca.expressions import Implicant, sort_terms
from analysis.qca.sets import IntArray


@dataclass(frozen=True)
class Models:
    """The chart's prime implicants (those covering an explained row, in the package's order),
    every minimal model found, the essential implicants, and how complete the list is."""

    primes: tuple[Implicant, ...]
    models: tuple[tuple[Implicant, ...], ...]
    essential: tuple[Implicant, ...]
    truncated: bool
    stopped_by: str | None
    proven_minimal: bool


def cover_masks(primes: Sequence[Implicant], explained: IntArray) -> list[int]:
    """For each implicant, the bit mask of the explained configurations it contains."""
    masks = []
    for implicant in primes:
        codes = np.asarray(implicant, dtype=np.int64)
        inside = np.all((codes == 0) | (explained == codes - 1), axis=1)
        packed = np.packbits(inside, bitorder="little").tobytes()
        masks.append(int.from_bytes(packed, "little"))
    return masks


def solve(
    primes: Sequence[Implicant],
    explained: IntArray,
    *,
    row_dom: bool,
    max_models: int,
    budget: TimeBudget,
) -> Models:
    """Every model with the fewest prime implicants covering the explained configurations."""
    ordered = sort_terms(primes)
    masks = cover_masks(ordered, explained)
    useful = [i for i, mask in enumerate(masks) if mask]
    chart_primes = [ordered[i] for i in useful]
    chart = [masks[i] for i in useful]
    solved = solve_chart(
        chart, len(explained), row_dominance=row_dom, max_models=max_models, budget=budget
    )
    return Models(
        primes=tuple(chart_primes),
        models=tuple(tuple(chart_primes[i] for i in model) for model in solved.models),
        essential=tuple(chart_primes[i] for i in solved.essential),
        truncated=solved.truncated,
        stopped_by=solved.stopped_by,
        proven_minimal=solved.proven_minimal,
    )
