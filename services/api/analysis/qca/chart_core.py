"""The cyclic core of a prime implicants chart: a smaller chart with the same minimum cover size.

Used only to find (and prove) the minimum number of implicants; the models themselves are
enumerated on the whole chart, since the reductions drop implicants that can take part in
equally minimal models. Repeated until nothing changes:
- an implicant whose columns are a subset of another's is dropped (it can be swapped for that
  one in any cover; of equal ones the first is kept);
- a column covered by a single implicant makes it necessary: it is taken and its columns go;
- a column whose implicants include all of another column's implicants is dropped (covering
  the other covers it).
The chart is a boolean matrix (implicants × columns); containment is tested by a product of
its blocks, so the work is vectorised.
"""

from collections.abc import Sequence

import numpy as np

from analysis.qca.sets import BoolArray

# Cells of the containment matrix computed at once.
BLOCK_CELLS = 4_000_000


def chart_matrix(covers: Sequence[int], n_columns: int) -> BoolArray:
    """Implicants × columns: whether each implicant (column bit mask) covers each column."""
    matrix = np.zeros((len(covers), n_columns), dtype=bool)
    for i, mask in enumerate(covers):
        packed = mask.to_bytes((n_columns + 7) // 8, "little")
        bits_of = np.unpackbits(np.frombuffer(packed, dtype=np.uint8), bitorder="little")
        matrix[i] = bits_of[:n_columns].astype(bool)
    return matrix


def cyclic_core(matrix: BoolArray) -> tuple[list[int], list[int], BoolArray]:
    """(implicants taken as necessary, core rows' original indices, core matrix) such that
    minimum cover size = len(taken) + minimum cover size of the core; the core's rows are
    `rows` (indices into `matrix`), its columns the columns left."""
    rows = np.arange(matrix.shape[0])
    core = matrix
    taken: list[int] = []
    while True:
        keep = ~_dominated(core.astype(np.float32), subsets_go=True)
        rows, core = rows[keep], core[keep]
        single = core.sum(axis=0) == 1
        if single.any():
            needed = np.flatnonzero(core[:, single].any(axis=1))
            taken += [int(rows[i]) for i in needed]
            covered = core[needed].any(axis=0)
            others = np.ones(len(rows), dtype=bool)
            others[needed] = False
            rows, core = rows[others], core[others][:, ~covered]
            continue
        keep_columns = ~_dominated(core.T.astype(np.float32), subsets_go=False)
        if keep_columns.all() and keep.all():
            return taken, [int(r) for r in rows], core
        core = core[:, keep_columns]


def _dominated(sets: np.ndarray, *, subsets_go: bool) -> BoolArray:
    """For each row of `sets` (0/1), whether another row dominates it: with `subsets_go`, a
    row contained in another (of equal rows, all but the first go); otherwise a row that
    contains another (of equal rows, all but the first go)."""
    n = sets.shape[0]
    sizes = sets.sum(axis=1)
    gone = np.zeros(n, dtype=bool)
    step = max(1, BLOCK_CELLS // max(1, n))
    index = np.arange(n)
    for start in range(0, n, step):
        block = sets[start : start + step]
        shared = block @ sets.T  # |row ∩ other|
        mine = sizes[start : start + step, None]
        # subsets_go: row ⊆ other; otherwise other ⊆ row.
        inside = shared == mine if subsets_go else shared == sizes[None, :]
        equal = sizes[None, :] == mine
        earlier = index[None, :] < index[start : start + step, None]
        strict = inside & ~equal
        gone[start : start + step] = np.any(strict | (inside & equal & earlier), axis=1)
    return gone
