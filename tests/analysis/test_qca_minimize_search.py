"""The exact search behind minimize(): checked against brute force on small random truth tables,
and bounded in time and size when equally minimal models explode (noisy data)."""

import itertools
import time

import numpy as np
import pytest

from analysis.qca import minimize, parse_expression, truth_table

Implicant = tuple[int, ...]


def _random_table(seed: int) -> tuple[dict[str, list[float]], list[str], list[int]]:
    """One crisp case per observed row of a random (possibly multi-value) property space."""
    rng = np.random.default_rng(seed)
    levels = [int(v) for v in rng.choice([2, 2, 2, 3], size=int(rng.integers(3, 6)))]
    space = list(itertools.product(*(range(n) for n in levels)))
    observed = rng.choice(
        len(space), size=int(rng.integers(3, min(14, len(space)) + 1)), replace=False
    )
    names = [f"C{j}" for j in range(len(levels))]
    data: dict[str, list[float]] = {name: [] for name in [*names, "Y"]}
    for index in observed:
        for name, value in zip(names, space[index], strict=True):
            data[name].append(value)
        data["Y"].append(float(rng.random() < 0.5))
    if not any(data["Y"]):
        data["Y"][0] = 1.0
    if all(data["Y"]):
        data["Y"][0] = 0.0
    return data, names, levels


def _inside(implicant: Implicant, configuration: tuple[int, ...]) -> bool:
    return all(
        code == 0 or code - 1 == value for code, value in zip(implicant, configuration, strict=True)
    )


def _brute_force(
    positives: list[tuple[int, ...]],
    off: list[tuple[int, ...]],
    levels: list[int],
    *,
    remainders_off: bool,
    row_dom: bool,
) -> set[frozenset[Implicant]]:
    """Every minimal cover, from all 3^k implicants and all combinations of prime implicants."""
    space = list(itertools.product(*(range(n) for n in levels)))
    candidates = list(itertools.product(*(range(n + 1) for n in levels)))
    on = set(positives)

    def implicant(term: Implicant) -> bool:
        inside = [c for c in space if _inside(term, c)]
        if remainders_off:
            return all(c in on for c in inside)
        return not any(c in off for c in inside)

    implicants = [term for term in candidates if implicant(term)]
    primes = [
        p
        for p in implicants
        if not any(
            q != p and all(a == 0 or a == b for a, b in zip(q, p, strict=True)) for q in implicants
        )
    ]
    chart = {p: frozenset(i for i, c in enumerate(positives) if _inside(p, c)) for p in primes}
    chart = {p: cols for p, cols in chart.items() if cols}
    if row_dom:
        chart = {p: c for p, c in chart.items() if not any(c < other for other in chart.values())}
    everything = frozenset(range(len(positives)))
    for size in range(1, len(chart) + 1):
        covers = {
            frozenset(combo)
            for combo in itertools.combinations(chart, size)
            if frozenset().union(*(chart[p] for p in combo)) == everything
        }
        if covers:
            return covers
    raise AssertionError("no cover")


@pytest.mark.parametrize("seed", range(40))
@pytest.mark.parametrize("solution", ["conservative", "parsimonious"])
@pytest.mark.parametrize("row_dom", [False, True])
def test_every_minimal_model_is_found_exactly_as_brute_force_finds_it(
    seed: int, solution: str, row_dom: bool
) -> None:
    data, names, levels = _random_table(seed)
    table = truth_table(data, "Y", names)
    positives = [row.configuration for row in table.rows_with("1")]
    off = [row.configuration for row in table.rows_with("0")]

    result = minimize(table, solution=solution, row_dom=row_dom)

    found = {
        frozenset(
            parse_expression(term.term, table.conditions, table.levels)[0] for term in model.terms
        )
        for model in result.solutions
    }
    expected = _brute_force(
        positives, off, levels, remainders_off=solution == "conservative", row_dom=row_dom
    )
    assert found == expected


def _noisy_prototypes(k: int, seed: int, condition_noise: float = 0.0) -> dict[str, list[float]]:
    """2,000 cases drawn from 40 prototype configurations with random outcomes, 5 % of the
    outcomes flipped (and, optionally, a share of the condition values)."""
    rng = np.random.default_rng(seed)
    codes = rng.choice(2**k, size=40, replace=False)
    prototypes = (codes[:, None] >> np.arange(k)[::-1]) & 1
    outcome = rng.integers(0, 2, size=40)
    drawn = rng.integers(0, 40, size=2000)
    x, y = prototypes[drawn].copy(), outcome[drawn].copy()
    flipped = rng.random(2000) < 0.05
    y[flipped] = 1 - y[flipped]
    if condition_noise:
        noisy = rng.random(x.shape) < condition_noise
        x[noisy] = 1 - x[noisy]
    data = {f"C{j + 1}": x[:, j].tolist() for j in range(k)}
    data["Y"] = y.tolist()
    return data


def test_a_noisy_ten_condition_case_stops_at_max_models_in_bounded_time() -> None:
    data = _noisy_prototypes(10, seed=2)
    names = [f"C{j + 1}" for j in range(10)]
    table = truth_table(data, "Y", names, incl_cut=0.8)

    started = time.perf_counter()
    result = minimize(table, solution="parsimonious")
    elapsed = time.perf_counter() - started

    assert elapsed < 30
    assert result.truncated
    assert result.message == ("More than 1,000 equally minimal models; 1,000 of them are listed.")
    assert len(result.solutions) == 1000
    sizes = {len(solution.terms) for solution in result.solutions}
    assert len(sizes) == 1
    explained = table.rows_with("1")
    for solution in result.solutions[:50]:
        terms = [parse_expression(t.term, names, table.levels)[0] for t in solution.terms]
        assert all(any(_inside(term, row.configuration) for term in terms) for row in explained)


def test_the_time_limit_bounds_a_hard_chart_and_says_what_is_listed() -> None:
    data = _noisy_prototypes(12, seed=1, condition_noise=0.05)
    names = [f"C{j + 1}" for j in range(12)]
    table = truth_table(data, "Y", names, incl_cut=0.8)

    started = time.perf_counter()
    result = minimize(table, solution="parsimonious", time_limit=1.0)
    elapsed = time.perf_counter() - started

    assert elapsed < 15
    assert result.truncated
    assert result.message is not None and "time limit of 1 s" in result.message
