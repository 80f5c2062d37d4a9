"""Boolean minimisation of a truth table as R's QCA package's minimize()."""

from collections.abc import Sequence

import numpy as np

from analysis.qca.assumptions import simplifying_assumptions
from analysis.qca.budget import OutOfTime, TimeBudget
from analysis.qca.charts import Models, solve
from analysis.qca.errors import QcaInputError
from analysis.qca.expressions import Implicant, sort_terms, write_term
from analysis.qca.intermediate import (
    DirectionalExpectations,
    PropertySpace,
    directional_expectations,
    selection_terms,
)
from analysis.qca.prime_implicants import conservative_primes, primes_avoiding
from analysis.qca.results import Minimization, Solution
from analysis.qca.sets import BoolArray, IntArray
from analysis.qca.solutions import build_solutions
from analysis.qca.truth_table import TruthTable, TruthTableRow

SOLUTION_TYPES = ("conservative", "parsimonious", "intermediate")
# What a contradiction ("C") row is: off (the package's default), a don't care (include = "C")
# or a row to explain (explain = c("1", "C")).
CONTRADICTION_RULES = ("negative", "dont_care", "positive")


def minimize(
    truth_table: TruthTable,
    *,
    solution: str = "conservative",
    dir_exp: DirectionalExpectations | None = None,
    row_dom: bool = False,
    contradictions: str = "negative",
    max_models: int = 1000,
    time_limit: float = 10.0,
) -> Minimization:
    """minimize(tt, include, dir.exp, row.dom) of R's QCA package.

    conservative: remainders are off (include = ""); parsimonious: remainders are don't cares
    (include = "?"); intermediate: the positive rows plus the easy counterfactuals given by
    dir_exp (see analysis.qca.intermediate), one set of models per pair of conservative and
    parsimonious models. Rows with n < n_cut are remainders. Every model with the fewest prime
    implicants is reported; at most `max_models`, and the search stops after `time_limit`
    seconds: the result is then `truncated`, with a message saying what is listed.
    """
    _check_options(solution, dir_exp, contradictions, max_models, time_limit)
    explained, dont_care, off = _split_rows(truth_table, contradictions)
    budget = TimeBudget(time_limit)
    limits = (row_dom, max_models, budget)
    try:
        if dir_exp is not None:  # only with the intermediate solution (checked above)
            return _intermediate(truth_table, explained, dont_care, off, dir_exp, limits)
        models = (
            _conservative(truth_table, explained, dont_care, limits)
            if solution == "conservative"
            else _parsimonious(explained, off, limits)
        )
    except OutOfTime:
        return _timed_out(truth_table, solution, time_limit)
    parsimonious = solution == "parsimonious"
    assumptions = simplifying_assumptions(models, truth_table, explained) if parsimonious else None
    solutions = build_solutions(models, truth_table, explained, simplifying_assumptions=assumptions)
    return _result(
        truth_table,
        solution,
        solutions,
        [models],
        reported=[models],
        max_models=max_models,
        time_limit=time_limit,
    )


def _check_options(
    solution: str,
    dir_exp: DirectionalExpectations | None,
    contradictions: str,
    max_models: int,
    time_limit: float,
) -> None:
    if solution not in SOLUTION_TYPES:
        raise QcaInputError(f"solution is one of {', '.join(SOLUTION_TYPES)}.")
    if solution == "intermediate" and dir_exp is None:
        raise QcaInputError("The intermediate solution needs directional expectations (dir_exp).")
    if solution != "intermediate" and dir_exp is not None:
        raise QcaInputError("Directional expectations apply to the intermediate solution only.")
    if contradictions not in CONTRADICTION_RULES:
        raise QcaInputError(f"contradictions is one of {', '.join(CONTRADICTION_RULES)}.")
    if max_models < 1:
        raise QcaInputError("max_models must be at least 1.")
    if not time_limit > 0:
        raise QcaInputError("time_limit must be a positive number of seconds.")


def _split_rows(
    truth_table: TruthTable, contradictions: str
) -> tuple[list[TruthTableRow], list[TruthTableRow], list[TruthTableRow]]:
    """(rows to explain, don't-care observed rows, off rows); remainders are neither."""
    explain_codes = ("1", "C") if contradictions == "positive" else ("1",)
    off_codes = ("0", "C") if contradictions == "negative" else ("0",)
    explained = [row for row in truth_table.rows if row.out in explain_codes]
    dont_care_codes = ("C",) if contradictions == "dont_care" else ()
    dont_care = [row for row in truth_table.rows if row.out in dont_care_codes]
    off = [row for row in truth_table.rows if row.out in off_codes]
    if not explained:
        raise QcaInputError("Nothing to explain: no truth table row has OUT = 1.")
    return explained, dont_care, off


def _configurations(rows: Sequence[TruthTableRow], n_conditions: int) -> IntArray:
    matrix = np.asarray([row.configuration for row in rows], dtype=np.int64)
    return matrix.reshape(len(rows), n_conditions)


def _conservative(
    truth_table: TruthTable,
    explained: Sequence[TruthTableRow],
    dont_care: Sequence[TruthTableRow],
    limits: tuple[bool, int, TimeBudget],
) -> Models:
    row_dom, max_models, budget = limits
    k = len(truth_table.conditions)
    on_rows = _configurations([*explained, *dont_care], k)
    primes = conservative_primes(on_rows, truth_table.levels, budget)
    positives = _configurations(explained, k)
    return solve(primes, positives, row_dom=row_dom, max_models=max_models, budget=budget)


def _parsimonious(
    explained: Sequence[TruthTableRow],
    off: Sequence[TruthTableRow],
    limits: tuple[bool, int, TimeBudget],
) -> Models:
    row_dom, max_models, budget = limits
    if not off:
        raise QcaInputError(
            "All truth table configurations are used, all conditions are minimized: "
            "no row has OUT = 0."
        )
    k = len(explained[0].configuration)
    positives = _configurations(explained, k)
    primes = primes_avoiding(positives, _configurations(off, k), budget)
    return solve(primes, positives, row_dom=row_dom, max_models=max_models, budget=budget)


def _intermediate(
    truth_table: TruthTable,
    explained: Sequence[TruthTableRow],
    dont_care: Sequence[TruthTableRow],
    off: Sequence[TruthTableRow],
    dir_exp: DirectionalExpectations,
    limits: tuple[bool, int, TimeBudget],
) -> Minimization:
    max_models, budget = limits[1], limits[2]
    space = PropertySpace.of(truth_table.levels, "The intermediate solution")
    expectations = directional_expectations(dir_exp, truth_table.conditions, truth_table.levels)
    conservative = _conservative(truth_table, explained, dont_care, limits)
    parsimonious = _parsimonious(explained, off, limits)
    pairs = [
        (c_index, c_model, p_index, p_model)
        for c_index, c_model in enumerate(conservative.models, start=1)
        for p_index, p_model in enumerate(parsimonious.models, start=1)
    ]
    solutions: list[Solution] = []
    charts = [conservative, parsimonious]
    for c_index, c_model, p_index, p_model in pairs:
        if len(solutions) > max_models:
            break
        easy = space.inside(selection_terms(c_model, p_model, expectations))
        try:
            models, easy_rows = _intermediate_models(space, explained, p_model, easy, limits)
        except OutOfTime:
            charts.append(Models((), (), (), True, "time", True))
            break
        charts.append(models)
        solutions += build_solutions(
            models, truth_table, explained, pair=(c_index, p_index), easy_counterfactuals=easy_rows
        )
    return _result(
        truth_table,
        "intermediate",
        solutions,
        charts,
        reported=charts[2:],
        max_models=max_models,
        time_limit=budget.seconds,
    )


def _intermediate_models(
    space: PropertySpace,
    explained: Sequence[TruthTableRow],
    parsimonious_model: Sequence[Implicant],
    selected: BoolArray,
    limits: tuple[bool, int, TimeBudget],
) -> tuple[Models, tuple[int, ...]]:
    """The minimal covers by the prime implicants of (explained rows + easy counterfactuals):
    the parsimonious model's simplifying assumptions inside the selected terms."""
    row_dom, max_models, budget = limits
    explained_mask = space.mask_of([row.number for row in explained])
    easy = space.inside(parsimonious_model) & ~explained_mask & selected
    positives = _configurations(explained, space.rows.shape[1])
    primes = primes_avoiding(positives, space.rows[~(explained_mask | easy)], budget)
    models = solve(primes, positives, row_dom=row_dom, max_models=max_models, budget=budget)
    return models, tuple(space.numbers[easy].tolist())


def _result(
    truth_table: TruthTable,
    solution: str,
    solutions: Sequence[Solution],
    charts: Sequence[Models],
    *,
    reported: Sequence[Models],
    max_models: int,
    time_limit: float,
) -> Minimization:
    """The first max_models solutions; prime implicants and essentials of the `reported` charts,
    truncation and its message from all `charts` searched."""
    too_many = len(solutions) > max_models
    truncated = too_many or any(chart.truncated for chart in charts)
    primes = sort_terms(p for chart in reported for p in chart.primes)
    essential = sort_terms(reported[0].essential) if len(reported) == 1 else []
    conditions, multivalue = truth_table.conditions, truth_table.multivalue
    return Minimization(
        solution_type=solution,
        outcome=truth_table.outcome_label,
        solutions=tuple(solutions[:max_models]),
        prime_implicants=tuple(write_term(p, conditions, multivalue) for p in primes),
        essential=tuple(write_term(e, conditions, multivalue) for e in essential),
        truncated=truncated,
        message=_message(charts, max_models, time_limit, solution) if truncated else None,
        truth_table=truth_table,
    )


def _message(charts: Sequence[Models], max_models: int, time_limit: float, solution: str) -> str:
    reasons = {chart.stopped_by for chart in charts if chart.truncated}
    if "time" in reasons and any(not chart.proven_minimal for chart in charts):
        return (
            f"The time limit of {time_limit:g} s was reached before the smallest number of "
            "prime implicants was proven: the model listed covers every positive row but may "
            "not be minimal."
        )
    if "time" in reasons:
        return (
            f"The time limit of {time_limit:g} s was reached: the models listed are equally "
            "minimal, and there may be more."
        )
    if solution == "intermediate":
        return (
            f"More than {max_models:,} intermediate models (a set for each pair of conservative "
            f"and parsimonious models); {max_models:,} of them are listed."
        )
    return f"More than {max_models:,} equally minimal models; {max_models:,} of them are listed."


def _timed_out(truth_table: TruthTable, solution: str, time_limit: float) -> Minimization:
    return Minimization(
        solution_type=solution,
        outcome=truth_table.outcome_label,
        solutions=(),
        prime_implicants=(),
        essential=(),
        truncated=True,
        message=(
            f"The time limit of {time_limit:g} s was reached while finding the prime "
            "implicants; no model is listed (this does not mean there is none)."
        ),
        truth_table=truth_table,
    )
