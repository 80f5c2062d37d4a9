"""Models written out with their parameters of fit, as minimize(details = TRUE) prints them."""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from analysis.qca.charts import Models
from analysis.qca.expressions import Implicant, covers, write_term
from analysis.qca.fit import (
    FLOOR,
    FLOOR_PER_MODEL,
    SufficiencyFit,
    floored,
    sufficiency_scores,
    unique_coverages_of,
)
from analysis.qca.results import Solution
from analysis.qca.sets import FloatArray
from analysis.qca.truth_table import TruthTable, TruthTableRow


@dataclass(frozen=True, eq=False)
class _Term:
    name: str
    membership: FloatArray
    with_outcome: FloatArray
    scores: tuple[float, float, float]
    cases: tuple[str, ...]


class _Terms:
    """Each implicant's membership, fit and cases, computed once for all the models."""

    def __init__(self, truth_table: TruthTable, explained: Sequence[TruthTableRow]) -> None:
        self.truth_table = truth_table
        self.explained = explained
        self.known: dict[Implicant, _Term] = {}

    def __getitem__(self, implicant: Implicant) -> _Term:
        if implicant not in self.known:
            table = self.truth_table
            membership = table.data.term_membership(implicant)
            self.known[implicant] = _Term(
                name=write_term(implicant, table.conditions, table.multivalue),
                membership=membership,
                with_outcome=np.minimum(membership, table.data.outcome),
                scores=sufficiency_scores(membership, table.data.outcome),
                cases=_cases(implicant, self.explained),
            )
        return self.known[implicant]


def build_solutions(
    models: Models,
    truth_table: TruthTable,
    explained: Sequence[TruthTableRow],
    *,
    simplifying_assumptions: Sequence[tuple[int, ...]] | None = None,
    pair: tuple[int, int] | None = None,
    easy_counterfactuals: tuple[int, ...] | None = None,
) -> list[Solution]:
    """One Solution per model, named M1, M2, … (M01 … with ten or more) in the models' order.

    covU is within each model; the package floors values below 1e-5 to 0, or below 1e-4 when
    it reports several models. `cases` of a term are those of the explained rows it covers.
    """
    floor = FLOOR if len(models.models) == 1 else FLOOR_PER_MODEL
    essential = set(models.essential)
    width = len(str(len(models.models)))
    terms = _Terms(truth_table, explained)
    solutions = []
    for index, model in enumerate(models.models, start=1):
        ordered = [terms[implicant] for implicant in model_order(model, essential)]
        assumptions = simplifying_assumptions[index - 1] if simplifying_assumptions else None
        incl, pri, cov = _model_scores(ordered, truth_table, floor)
        solutions.append(
            Solution(
                name=f"M{index:0{width}d}",
                expression=" + ".join(term.name for term in ordered),
                terms=_fits(ordered, truth_table, floor),
                essential=tuple(terms[i].name for i in model if i in essential),
                incl_s=incl,
                pri=pri,
                cov_s=cov,
                simplifying_assumptions=assumptions,
                conservative_model=pair[0] if pair else None,
                parsimonious_model=pair[1] if pair else None,
                easy_counterfactuals=easy_counterfactuals,
            )
        )
    return solutions


def model_order(model: Sequence[Implicant], essential: set[Implicant]) -> list[Implicant]:
    """Essential implicants first, then the others; a model comes in the package's term order
    (charts.solve), and each group keeps it."""
    return [t for t in model if t in essential] + [t for t in model if t not in essential]


def _fits(
    ordered: Sequence[_Term], truth_table: TruthTable, floor: float
) -> tuple[SufficiencyFit, ...]:
    y = truth_table.data.outcome
    unique: Sequence[float | None] = (
        unique_coverages_of(np.asarray([t.with_outcome for t in ordered]), float(y.sum()))
        if len(ordered) > 1
        else [None]
    )
    return tuple(
        SufficiencyFit(
            term=term.name,
            incl_s=floored(term.scores[0], floor),
            pri=floored(term.scores[1], floor),
            cov_s=floored(term.scores[2], floor),
            cov_u=None if cov_u is None else floored(cov_u, floor),
            cases=term.cases,
        )
        for term, cov_u in zip(ordered, unique, strict=True)
    )


def _model_scores(
    ordered: Sequence[_Term], truth_table: TruthTable, floor: float
) -> tuple[float, float, float]:
    union = np.maximum.reduce([term.membership for term in ordered])
    incl, pri, cov = sufficiency_scores(union, truth_table.data.outcome)
    return floored(incl, floor), floored(pri, floor), floored(cov, floor)


def _cases(term: Implicant, explained: Sequence[TruthTableRow]) -> tuple[str, ...]:
    return tuple(
        case
        for row in explained
        if covers(term, tuple(value + 1 for value in row.configuration))
        for case in row.cases
    )
