"""Models written out with their parameters of fit, as minimize(details = TRUE) prints them."""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from analysis.qca.charts import Models
from analysis.qca.expressions import Implicant, write_term
from analysis.qca.fit import (
    FLOOR,
    FLOOR_PER_MODEL,
    SufficiencyFit,
    floored,
    sufficiency_scores,
    unique_coverages_of,
)
from analysis.qca.results import Solution
from analysis.qca.sets import FloatArray, IntArray
from analysis.qca.truth_table import TruthTable, TruthTableRow


@dataclass(frozen=True, eq=False)
class _Term:
    name: str
    implicant: Implicant
    scores: tuple[float, float, float]
    cases: tuple[str, ...]
    membership: FloatArray


class _Terms:
    """Each implicant's membership, fit and cases, computed once for all the models; the
    memberships of all the models' terms as one matrix whose identical cases are merged (with
    their counts as weights), so a model's fit costs one slice of it."""

    def __init__(
        self, truth_table: TruthTable, explained: Sequence[TruthTableRow], models: Models
    ) -> None:
        self.truth_table = truth_table
        self.explained = explained
        configurations = [row.configuration for row in explained]
        self.codes = np.asarray(configurations, dtype=np.int64).reshape(len(explained), -1) + 1
        self.known: dict[Implicant, _Term] = {}
        self.row: dict[Implicant, int] = {}
        self.fits: dict[tuple[Implicant, float | None, float], SufficiencyFit] = {}
        for model in models.models:
            for implicant in model:
                self.row.setdefault(implicant, len(self.row))
        y = truth_table.data.outcome
        memberships = [self[implicant].membership for implicant in self.row]
        stacked = np.vstack([*memberships, y]) if memberships else y[None, :]
        merged, counts = np.unique(stacked, axis=1, return_counts=True)
        self.weights = counts.astype(float)
        self.outcome = merged[-1]
        self.memberships = merged[:-1]
        self.with_outcome = np.minimum(self.memberships, self.outcome[None, :])
        self.outcome_total = float(y.sum())

    def __getitem__(self, implicant: Implicant) -> _Term:
        if implicant not in self.known:
            table = self.truth_table
            membership = table.data.term_membership(implicant)
            name = write_term(implicant, table.conditions, table.multivalue)
            self.known[implicant] = _Term(
                name=name,
                implicant=implicant,
                scores=sufficiency_scores(membership, table.data.outcome),
                cases=_cases(implicant, self.explained, self.codes),
                membership=membership,
            )
        return self.known[implicant]

    def fit(self, term: _Term, cov_u: float | None, floor: float) -> SufficiencyFit:
        """The term's row of fit with this covU (one object per distinct row, shared by the
        models that hold it)."""
        key = (term.implicant, cov_u, floor)
        if key not in self.fits:
            self.fits[key] = SufficiencyFit(
                term=term.name,
                incl_s=floored(term.scores[0], floor),
                pri=floored(term.scores[1], floor),
                cov_s=floored(term.scores[2], floor),
                cov_u=None if cov_u is None else floored(cov_u, floor),
                cases=term.cases,
            )
        return self.fits[key]

    def rows_of(self, ordered: Sequence["_Term"]) -> list[int]:
        return [self.row[term.implicant] for term in ordered]


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
    terms = _Terms(truth_table, explained, models)
    solutions = []
    for index, model in enumerate(models.models, start=1):
        ordered = [terms[implicant] for implicant in model_order(model, essential)]
        assumptions = simplifying_assumptions[index - 1] if simplifying_assumptions else None
        incl, pri, cov = _model_scores(terms.rows_of(ordered), terms, floor)
        solutions.append(
            Solution(
                name=f"M{index:0{width}d}",
                expression=" + ".join(term.name for term in ordered),
                terms=_fits(ordered, terms, floor),
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


def _fits(ordered: Sequence[_Term], terms: _Terms, floor: float) -> tuple[SufficiencyFit, ...]:
    unique: Sequence[float | None] = (
        unique_coverages_of(
            terms.with_outcome[terms.rows_of(ordered)], terms.outcome_total, terms.weights
        )
        if len(ordered) > 1
        else [None]
    )
    return tuple(terms.fit(term, cov_u, floor) for term, cov_u in zip(ordered, unique, strict=True))


def _model_scores(rows: Sequence[int], terms: _Terms, floor: float) -> tuple[float, float, float]:
    union = terms.memberships[rows].max(axis=0)
    incl, pri, cov = sufficiency_scores(union, terms.outcome, terms.weights)
    return floored(incl, floor), floored(pri, floor), floored(cov, floor)


def _cases(term: Implicant, explained: Sequence[TruthTableRow], codes: IntArray) -> tuple[str, ...]:
    """The cases of the explained rows (their configurations + 1 in `codes`) the term covers."""
    wanted = np.asarray(term, dtype=np.int64)
    inside = np.all((wanted == 0) | (codes == wanted), axis=1)
    return tuple(case for r in np.flatnonzero(inside) for case in explained[int(r)].cases)
