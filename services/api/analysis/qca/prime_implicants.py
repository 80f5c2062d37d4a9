"""Exact prime implicants, without listing remainders or every implicant of the 3^k space."""

from collections.abc import Sequence

import numpy as np

from analysis.qca.budget import TimeBudget
from analysis.qca.expressions import Implicant
from analysis.qca.sets import BoolArray, IntArray

# Cells in one block of a vectorised superset test.
BLOCK_CELLS = 2_000_000


def conservative_primes(
    on_rows: IntArray, levels: Sequence[int], budget: TimeBudget
) -> list[Implicant]:
    """Prime implicants of the function true on `on_rows` (configurations) and false elsewhere."""
    current: set[Implicant] = {tuple(int(v) + 1 for v in row) for row in on_rows}
    primes: list[Implicant] = []
    while current:
        merged: set[Implicant] = set()
        larger: set[Implicant] = set()
        for implicant in current:
            for j, code in enumerate(implicant):
                if code == 0:
                    continue
                siblings = [
                    (*implicant[:j], value, *implicant[j + 1 :])
                    for value in range(1, levels[j] + 1)
                ]
                if all(sibling in current for sibling in siblings):
                    merged.update(siblings)
                    larger.add((*implicant[:j], 0, *implicant[j + 1 :]))
        primes.extend(current - merged)
        current = larger
        budget.check()
    return primes


def primes_avoiding(
    positive_rows: IntArray, off_rows: IntArray, budget: TimeBudget
) -> list[Implicant]:
    """Every prime implicant that covers a positive row and no off row (others: don't care).

    A term on the conditions S with the values of a positive row p is an implicant iff every
    off row differs from p somewhere in S, i.e. iff S hits each difference set
    D(p, n) = {j : n_j ≠ p_j}; it is prime iff S is a minimal such hitting set. So the prime
    implicants covering p are the minimal transversals of {D(p, n)}, found by Berge's algorithm
    on bit masks; remainders are never listed. This is the "negative rows" view of Dusa's eQMC
    and CCubes, exact for multi-value data too.
    """
    n_conditions = positive_rows.shape[1]
    weights = np.left_shift(np.int64(1), np.arange(n_conditions, dtype=np.int64))
    found: set[Implicant] = set()
    for row in positive_rows:
        if len(off_rows):
            masks = np.asarray((off_rows != row) @ weights, dtype=np.int64)
            edges = minimal_sets(masks)
        else:
            edges = []
        for transversal in minimal_transversals(edges, budget):
            found.add(
                tuple(int(row[j]) + 1 if transversal >> j & 1 else 0 for j in range(n_conditions))
            )
        budget.check()
    return list(found)


def minimal_transversals(edges: Sequence[int], budget: TimeBudget) -> list[int]:
    """Berge's algorithm: the minimal sets (bit masks) meeting every edge. No edges: [0]."""
    transversals = np.zeros(1, dtype=np.int64)
    for edge in edges:
        if edge == 0:
            return []
        missed = transversals[(transversals & edge) == 0]
        if missed.size == 0:
            continue
        hit = transversals[(transversals & edge) != 0]
        bits = [1 << j for j in range(edge.bit_length()) if edge >> j & 1]
        extended = (missed[:, None] | np.asarray(bits, dtype=np.int64)[None, :]).ravel()
        transversals = np.asarray(minimal_sets(np.concatenate([hit, extended])), dtype=np.int64)
        budget.check()
    return [int(t) for t in transversals]


def minimal_sets(masks: IntArray) -> list[int]:
    """The inclusion-minimal bit masks among `masks`, smallest first (duplicates once)."""
    unique = np.unique(masks)
    if unique.size == 0:
        return []
    sizes = np.bitwise_count(unique)
    kept = np.zeros(0, dtype=np.int64)
    for size in np.unique(sizes):
        group = unique[sizes == size]
        if kept.size:
            group = group[~_has_subset_in(group, kept)]
        kept = np.concatenate([kept, group])
    return [int(mask) for mask in kept]


def _has_subset_in(candidates: IntArray, sets: IntArray) -> BoolArray:
    """For each candidate, whether some mask of `sets` is contained in it."""
    result = np.zeros(candidates.size, dtype=bool)
    step = max(1, BLOCK_CELLS // sets.size)
    for start in range(0, candidates.size, step):
        block = candidates[start : start + step, None]
        result[start : start + step] = np.any((block & sets[None, :]) == sets[None, :], axis=1)
    return np.asarray(result)
