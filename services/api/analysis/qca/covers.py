"""Solving the prime implicants chart: every cover with the fewest prime implicants."""

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from analysis.qca.budget import OutOfTime, TimeBudget
from analysis.qca.cover_search import CoverSearch, bits, options_by_column

LISTING_SHARE = 0.8


@dataclass(frozen=True)
class ChartSolution:
    """Covers as sorted tuples of implicant indices (lexicographic order), the essential
    implicants, whether the list is incomplete (and why), and whether k is proven minimal."""

    models: tuple[tuple[int, ...], ...]
    essential: tuple[int, ...]
    truncated: bool
    stopped_by: str | None
    proven_minimal: bool


@dataclass(frozen=True)
class _Part:
    covers: tuple[tuple[int, ...], ...]
    stopped_by: str | None
    proven: bool


def dominated_rows(covers: Mapping[int, int], candidates: Sequence[int]) -> list[int]:
    """The package's row dominance: drop an implicant whose columns are a strict subset of
    another's (equal sets are both kept)."""
    order = sorted(candidates, key=lambda i: -covers[i].bit_count())
    survivors = set(candidates)
    for position, big in enumerate(order):
        if big not in survivors:
            continue
        for small in order[position + 1 :]:
            if (
                small in survivors
                and covers[small].bit_count() < covers[big].bit_count()
                and covers[small] & ~covers[big] == 0
            ):
                survivors.discard(small)
    return [i for i in candidates if i in survivors]


def solve_chart(
    covers: Sequence[int],
    n_columns: int,
    *,
    row_dominance: bool,
    max_models: int,
    budget: TimeBudget,
) -> ChartSolution:
    """All minimal covers of the columns 0 … n_columns − 1 by the implicants' column masks.

    "Minimal" is the QCA package's meaning: every disjunction of the minimum number of prime
    implicants that covers the positive rows, with no tie-break by number of literals.
    Essential implicants are taken first; a column whose implicants all cover another column
    makes that other column redundant (every cover is kept); the chart then falls apart into
    connected parts (columns linked by a shared implicant), each solved exactly on its own
    (cover_search), and the models are the combinations of the parts' minimal covers: their
    number multiplies across the parts, the work only adds up. The listing stops after
    `max_models` models, and every search when the time budget is spent; the result says so.
    """
    cover_map = dict(enumerate(covers))
    candidates = [i for i in cover_map if cover_map[i]]
    if row_dominance:
        candidates = dominated_rows(cover_map, candidates)
    options = options_by_column(cover_map, candidates, (1 << n_columns) - 1)
    if any(mask == 0 for mask in options.values()):
        raise RuntimeError("A positive row is covered by no prime implicant.")
    essential = sorted(
        {mask.bit_length() - 1 for mask in options.values() if mask.bit_count() == 1}
    )
    remaining = (1 << n_columns) - 1
    for i in essential:
        remaining &= ~cover_map[i]
    others = [i for i in candidates if i not in essential and cover_map[i] & remaining]
    kept = _undominated_columns(options_by_column(cover_map, others, remaining))
    parts = []
    try:
        for columns, implicants in _connected_parts(cover_map, others, kept):
            parts.append(_solve_part(cover_map, implicants, columns, max_models, budget))
    except OutOfTime:
        return ChartSolution((), tuple(essential), True, "time", False)
    return _combined(tuple(essential), parts, max_models)


def _solve_part(
    covers: Mapping[int, int],
    implicants: Sequence[int],
    columns: int,
    max_models: int,
    budget: TimeBudget,
) -> _Part:
    """The part's minimal covers. Exchanging implicants of a minimal cover finds most of the
    others fast: when that alone passes max_models, the list is cut there (noisy charts have
    millions); otherwise the exhaustive search lists every one, so none is missed."""
    search = CoverSearch(covers, implicants, columns, budget)
    size, proven, best = search.minimum_size()
    if not proven:
        return _Part((best,), "time", False)
    found: dict[tuple[int, ...], None] = {best: None}
    _add_swaps(search, found, max_models, budget)
    if len(found) > max_models:
        return _Part(tuple(found)[:max_models], "max_models", True)
    # Most of the time left, not all: parts of the chart solved after this one need some.
    listing = TimeBudget(max(0.0, budget.seconds_left() * LISTING_SHARE))
    try:
        for cover in search.covers_of_size(size, listing):
            found[tuple(sorted(cover))] = None
            if len(found) > max_models:
                return _Part(tuple(found)[:max_models], "max_models", True)
    except OutOfTime:
        return _Part(tuple(found), "time", True)
    return _Part(tuple(found), None, True)


def _add_swaps(
    search: CoverSearch,
    found: dict[tuple[int, ...], None],
    max_models: int,
    budget: TimeBudget,
) -> None:
    """More covers of the same (minimum) size by exchanging one implicant at a time, until
    max_models + 1 are known, no exchange gives a new one, or time is up."""
    queue = list(found)
    try:
        while queue and len(found) <= max_models:
            for cover in search.swaps(queue.pop(0)):
                if cover not in found:
                    found[cover] = None
                    queue.append(cover)
                    if len(found) > max_models:
                        return
            budget.check()
    except OutOfTime:
        return


def _combined(essential: tuple[int, ...], parts: Sequence[_Part], max_models: int) -> ChartSolution:
    """Every combination of the parts' covers, up to max_models, with the essentials added."""
    count = math.prod(len(part.covers) for part in parts)
    stopped = [part.stopped_by for part in parts if part.stopped_by]
    if count > max_models and not stopped:
        stopped = ["max_models"]
    combinations = itertools.islice(itertools.product(*(part.covers for part in parts)), max_models)
    models = sorted(
        tuple(sorted(essential + tuple(i for cover in combo for i in cover)))
        for combo in combinations
    )
    stopped_by = "time" if "time" in stopped else (stopped[0] if stopped else None)
    return ChartSolution(
        models=tuple(models),
        essential=essential,
        truncated=stopped_by is not None,
        stopped_by=stopped_by,
        proven_minimal=all(part.proven for part in parts),
    )


def _undominated_columns(options: dict[int, int]) -> dict[int, int]:
    """Drop a column when another's implicants are a subset of its own (covering that other
    column covers it too); of columns with equal sets, keep the first."""
    order = sorted(options, key=lambda c: (options[c].bit_count(), c))
    kept: dict[int, int] = {}
    for column in order:
        mask = options[column]
        if not any(other & ~mask == 0 for other in kept.values()):
            kept[column] = mask
    return kept


def _connected_parts(
    covers: Mapping[int, int], implicants: Sequence[int], options: dict[int, int]
) -> list[tuple[int, list[int]]]:
    """(column mask, implicants) of each part of the chart; parts share no implicant."""
    columns_left = sum(1 << column for column in options)
    parts = []
    while columns_left:
        start = columns_left & -columns_left
        part_columns, part_implicants, frontier = start, 0, start
        while frontier:
            new_implicants = 0
            for column in bits(frontier):
                new_implicants |= options[column] & ~part_implicants
            part_implicants |= new_implicants
            reached = 0
            for i in bits(new_implicants):
                reached |= covers[i]
            frontier = reached & columns_left & ~part_columns
            part_columns |= frontier
        parts.append((part_columns, [i for i in implicants if part_implicants >> i & 1]))
        columns_left &= ~part_columns
    return parts
