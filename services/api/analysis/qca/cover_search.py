"""Exact set-cover search within one connected part of a prime implicants chart."""

import math
from collections.abc import Iterator, Mapping, Sequence

import numpy as np
import scipy.sparse as sparse
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

from analysis.qca.budget import TimeBudget
from analysis.qca.chart_core import chart_matrix, cyclic_core

# Check the clock every so many search nodes.
NODES_PER_CHECK = 256


def bits(mask: int) -> Iterator[int]:
    """The positions of the set bits, lowest first."""
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


def options_by_column(
    covers: Mapping[int, int], implicants: Sequence[int], columns: int
) -> dict[int, int]:
    """For each column, the bit mask of the implicants covering it."""
    options = dict.fromkeys(bits(columns), 0)
    for i in implicants:
        for column in bits(covers[i] & columns):
            options[column] |= 1 << i
    return options


class CoverSearch:
    """Depth-first search for covers of `columns` by `implicants` (column masks in `covers`).

    The minimum size comes from a greedy cover, a bound by columns that share no implicant and,
    when these differ, an integer program (HiGHS through scipy). Covers of a given size are
    enumerated once each: an implicant tried in one branch is forbidden in the later ones.
    """

    def __init__(
        self,
        covers: Mapping[int, int],
        implicants: Sequence[int],
        columns: int,
        budget: TimeBudget,
    ) -> None:
        self.covers = {i: covers[i] & columns for i in implicants}
        self.implicants = list(implicants)
        self.budget = budget
        self.nodes = 0
        self.options = options_by_column(self.covers, self.implicants, columns)
        self.columns = columns
        self.column_order = sorted(self.options, key=lambda c: self.options[c].bit_count())
        self.largest = max(mask.bit_count() for mask in self.covers.values())
        # Implicants of a known minimum cover are tried first, so the first leaf comes early.
        self.preferred = 0

    def minimum_size(self) -> tuple[int, bool, tuple[int, ...]]:
        """(k, proven, a cover of size k); unproven when time ran out (the best cover found)."""
        best = self._greedy()
        self.preferred = sum(1 << i for i in best)
        all_allowed = sum(1 << i for i in self.implicants)
        if self._lower_bound(self.columns, all_allowed) >= len(best):
            return len(best), True, best
        solved, optimal = self._integer_program()
        if solved is not None and len(solved) <= len(best):
            best = solved
            self.preferred = sum(1 << i for i in solved)
        return len(best), optimal, best

    def covers_of_size(self, size: int, budget: TimeBudget) -> Iterator[tuple[int, ...]]:
        """Every cover with at most `size` implicants (all of size `size` when it is minimal);
        raises OutOfTime when `budget` is spent."""
        self.budget = budget
        allowed = sum(1 << i for i in self.implicants)
        yield from self._branch(self.columns, allowed, size, ())

    def swaps(self, model: tuple[int, ...]) -> Iterator[tuple[int, ...]]:
        """Covers of the same size that replace one implicant of `model` by another covering
        every column only it covered there."""
        chosen = set(model)
        every = sum(1 << j for j in self.implicants)
        for i in model:
            others = 0
            for j in model:
                if j != i:
                    others |= self.covers[j]
            replacements = every
            for column in bits(self.covers[i] & ~others):
                replacements &= self.options[column]
            for j in bits(replacements):
                if j not in chosen:
                    yield tuple(sorted((chosen - {i}) | {j}))

    def _branch(
        self, uncovered: int, allowed: int, depth: int, chosen: tuple[int, ...]
    ) -> Iterator[tuple[int, ...]]:
        self.nodes += 1
        if self.nodes % NODES_PER_CHECK == 0:
            self.budget.check()
        if uncovered == 0:
            yield chosen
            return
        if depth == 0 or uncovered.bit_count() > depth * self.largest:
            return
        if depth == 1:  # the last implicant must cover all that is left: no search needed
            last = self._covering_all(uncovered, allowed)
            for i in [*bits(last & self.preferred), *bits(last & ~self.preferred)]:
                yield (*chosen, i)
            return
        choices = self._tightest_column(uncovered, allowed)
        if choices == 0 or self._lower_bound(uncovered, allowed) > depth:
            return
        # A child whose columns left are more than its depth could cover is not entered.
        reach = (depth - 1) * self.largest
        for i in [*bits(choices & self.preferred), *bits(choices & ~self.preferred)]:
            left = uncovered & ~self.covers[i]
            if left.bit_count() <= reach:
                yield from self._branch(left, allowed, depth - 1, (*chosen, i))
            allowed &= ~(1 << i)

    def _tightest_column(self, uncovered: int, allowed: int) -> int:
        """The implicants allowed for the uncovered column that has fewest of them."""
        best_choices, best_count = 0, -1
        for column in bits(uncovered):
            choices = self.options[column] & allowed
            count = choices.bit_count()
            if count <= 1:
                return choices
            if best_count < 0 or count < best_count:
                best_choices, best_count = choices, count
        return best_choices

    def _covering_all(self, uncovered: int, allowed: int) -> int:
        """The allowed implicants that cover every uncovered column."""
        common = allowed
        for column in bits(uncovered):
            common &= self.options[column]
            if common == 0:
                break
        return common

    def _lower_bound(self, uncovered: int, allowed: int) -> int:
        """Columns no two of which share an implicant: each needs its own."""
        count, blocked = 0, 0
        for column in self.column_order:
            if uncovered >> column & 1:
                choices = self.options[column] & allowed
                if choices & blocked == 0:
                    count += 1
                    blocked |= choices
        return count

    def _greedy(self) -> tuple[int, ...]:
        uncovered, chosen = self.columns, []
        while uncovered:
            best = max(self.implicants, key=lambda i: (self.covers[i] & uncovered).bit_count())
            chosen.append(best)
            uncovered &= ~self.covers[best]
        return tuple(sorted(chosen))

    def _integer_program(self) -> tuple[tuple[int, ...] | None, bool]:
        """(a cover, proven minimum) within the time left: the chart's cyclic core (same
        minimum, see chart_core) by integer programming, asking first for a cover no larger
        than the linear-programming bound, then one more, … (each bound lets HiGHS prune at
        once; an infeasible one proves the next is the minimum); None when time runs out."""
        column_list = list(bits(self.columns))
        whole = chart_matrix([self.covers[i] for i in self.implicants], self.columns.bit_length())
        taken, rows, core = cyclic_core(whole[:, column_list])
        chosen = [self.implicants[r] for r in taken]
        if core.shape[1] == 0:
            return tuple(sorted(chosen)), True
        dense = core.T.astype(float)
        matrix = sparse.csr_array(dense)
        relaxed = linprog(np.ones(len(rows)), A_ub=-dense, b_ub=-np.ones(len(dense)), bounds=(0, 1))
        bound = relaxed.fun if relaxed.status == 0 and relaxed.fun is not None else 1.0
        target = math.ceil(bound - 1e-6)
        while True:
            remaining = self.budget.seconds_left()
            if remaining <= 0:
                return None, False
            result = milp(
                c=np.ones(len(rows)),
                constraints=[
                    LinearConstraint(matrix, lb=np.ones(core.shape[1]), ub=np.inf),
                    LinearConstraint(np.ones((1, len(rows))), lb=0, ub=target),
                ],
                integrality=np.ones(len(rows), dtype=np.int64),
                bounds=Bounds(0, 1),
                options={"time_limit": remaining},
            )
            if result.x is not None:
                picked = [self.implicants[rows[j]] for j in np.flatnonzero(result.x > 0.5)]
                return tuple(sorted(chosen + picked)), result.status == 0
            if result.status != 2:  # not proven infeasible: out of time
                return None, False
            target += 1
