"""The cyclic core keeps the minimum cover size of a prime implicants chart (brute force)."""

import itertools

import numpy as np
import pytest

from analysis.qca.chart_core import chart_matrix, cyclic_core


def _minimum_cover_size(matrix: np.ndarray) -> int:
    if matrix.shape[1] == 0:
        return 0
    for size in range(1, matrix.shape[0] + 1):
        for rows in itertools.combinations(range(matrix.shape[0]), size):
            if matrix[list(rows)].any(axis=0).all():
                return size
    raise AssertionError("no cover")


@pytest.mark.parametrize("seed", range(40))
def test_core_keeps_the_minimum_cover_size(seed: int) -> None:
    rng = np.random.default_rng(seed)
    matrix = rng.random((9, 8)) < 0.3
    matrix[rng.integers(0, 9, size=8), np.arange(8)] = True  # every column coverable
    taken, rows, core = cyclic_core(matrix)
    assert len(taken) + _minimum_cover_size(core) == _minimum_cover_size(matrix)
    assert core.shape[0] == len(rows)
    assert set(taken).isdisjoint(rows)


def test_chart_matrix_reads_column_masks() -> None:
    matrix = chart_matrix([0b101, 0b010], 3)
    assert matrix.tolist() == [[True, False, True], [False, True, False]]
