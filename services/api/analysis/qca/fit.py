"""Parameters of fit as R's QCA package's pof(): inclS, PRI, covS, covU; inclN, RoN, covN."""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from analysis.qca.errors import QcaInputError
from analysis.qca.expressions import parse_expression, write_term
from analysis.qca.sets import FloatArray, read_case_data

# pof() sets values below 1e-5 to 0; per model of several (its "individual" tables), below 1e-4.
FLOOR = 1e-5
FLOOR_PER_MODEL = 1e-4


@dataclass(frozen=True)
class SufficiencyFit:
    """One row of a sufficiency table: consistency (inclS), PRI, raw coverage (covS) and unique
    coverage (covU: None where the package prints '-', for a lone term and the whole
    expression). `cases` lists the cases of the explained truth table rows the term covers."""

    term: str
    incl_s: float
    pri: float
    cov_s: float
    cov_u: float | None
    cases: tuple[str, ...] = ()


@dataclass(frozen=True)
class NecessityFit:
    """One row of a necessity table: consistency (inclN), relevance (RoN), coverage (covN)."""

    term: str
    incl_n: float
    ro_n: float
    cov_n: float


@dataclass(frozen=True)
class ParametersOfFit:
    """pof()'s table: one row per condition or term, and for an expression of several terms a
    last row named "expression" for the whole."""

    relation: str
    outcome: str
    rows: tuple[SufficiencyFit, ...] | tuple[NecessityFit, ...]


def sufficiency_scores(
    x: FloatArray, y: FloatArray, weights: FloatArray | None = None
) -> tuple[float, float, float]:
    """(inclS, PRI, covS) of X ⇒ Y: Σmin(X,Y)/ΣX, (Σmin(X,Y) − Σmin(X,Y,~Y))/(ΣX − Σmin(X,Y,~Y)),
    Σmin(X,Y)/ΣY. Undefined ratios are NaN. `weights` counts each case (column) that many
    times (for cases merged because they have the same memberships)."""
    both = np.minimum(x, y)
    overlap, total = _total(both, weights), _total(x, weights)
    against = _total(np.minimum(both, 1.0 - y), weights)
    return (
        _ratio(overlap, total),
        _ratio(overlap - against, total - against),
        _ratio(overlap, _total(y, weights)),
    )


def _total(values: FloatArray, weights: FloatArray | None) -> float:
    return float(values.sum() if weights is None else values @ weights)


def necessity_scores(x: FloatArray, y: FloatArray) -> tuple[float, float, float]:
    """(inclN, RoN, covN) of X ⇐ Y: Σmin(X,Y)/ΣY, Σ(1 − X)/Σ(1 − min(X,Y)), Σmin(X,Y)/ΣX."""
    both = np.minimum(x, y)
    overlap = float(both.sum())
    return (
        _ratio(overlap, float(y.sum())),
        _ratio(float((1.0 - x).sum()), float((1.0 - both).sum())),
        _ratio(overlap, float(x.sum())),
    )


def unique_coverages(memberships: Sequence[FloatArray], y: FloatArray) -> list[float]:
    """covU of each term: its covS minus Σmin(X ∧ Y, max over the other terms of X' ∧ Y)/ΣY.

    The maximum over the other terms is the largest value per case, or the second largest for
    the term that holds the largest; so the cost is linear in the number of terms.
    """
    with_outcome = np.minimum(np.asarray(memberships, dtype=float), y[None, :])
    return unique_coverages_of(with_outcome, float(y.sum()))


def unique_coverages_of(
    with_outcome: FloatArray, total: float, weights: FloatArray | None = None
) -> list[float]:
    """covU from the terms' intersections with the outcome (terms × cases) and ΣY.

    Only the term holding a case's largest value can cover it uniquely, by the margin over the
    second largest; so covU sums these margins per holder (`weights`: cases per column).
    """
    if len(with_outcome) == 1:
        return [_ratio(_total(with_outcome[0], weights), total)]
    cases = np.arange(with_outcome.shape[1])
    holder = with_outcome.argmax(axis=0)
    largest = with_outcome[holder, cases]
    others = with_outcome.copy()
    others[holder, cases] = -np.inf
    margin = largest - others.max(axis=0)
    if weights is not None:
        margin = margin * weights
    unique = np.bincount(holder, weights=margin, minlength=len(with_outcome))
    return [_ratio(float(value), total) for value in unique]


def sufficiency_rows(
    names: Sequence[str],
    memberships: Sequence[FloatArray],
    y: FloatArray,
    *,
    floor: float = FLOOR,
    cases: Sequence[tuple[str, ...]] | None = None,
) -> list[SufficiencyFit]:
    """One SufficiencyFit per term; covU within these terms (None for a single term)."""
    unique = unique_coverages(memberships, y) if len(memberships) > 1 else [None] * len(names)
    rows = []
    for i, (name, x) in enumerate(zip(names, memberships, strict=True)):
        incl, pri, cov = sufficiency_scores(x, y)
        cov_u = unique[i]
        rows.append(
            SufficiencyFit(
                term=name,
                incl_s=floored(incl, floor),
                pri=floored(pri, floor),
                cov_s=floored(cov, floor),
                cov_u=None if cov_u is None else floored(cov_u, floor),
                cases=cases[i] if cases is not None else (),
            )
        )
    return rows


def union_scores(
    memberships: Sequence[FloatArray], y: FloatArray, *, floor: float = FLOOR
) -> tuple[float, float, float]:
    """(inclS, PRI, covS) of the disjunction: membership is the maximum over the terms."""
    incl, pri, cov = sufficiency_scores(np.maximum.reduce(list(memberships)), y)
    return floored(incl, floor), floored(pri, floor), floored(cov, floor)


def pof(
    data: Mapping[str, Sequence[float]],
    outcome: str,
    *,
    relation: str = "necessity",
    conditions: Sequence[str] | None = None,
    expression: str | None = None,
    negate_outcome: bool = False,
    negate_conditions: bool = False,
) -> ParametersOfFit:
    """pof() of R's QCA package for single conditions (or their negations) or an expression.

    relation: "necessity" (inclN, RoN, covN) or "sufficiency" (inclS, PRI, covS, covU). With
    `conditions` (default: every column but the outcome) there is one row per condition, and
    covU is relative to the other conditions listed. With `expression` ("~A*B + C") there is
    one row per term and, when there are several, a row "expression" for the whole.
    """
    kind = _relation(relation)
    if expression is not None and (conditions is not None or negate_conditions):
        raise QcaInputError("Give either conditions or an expression, not both.")
    names, memberships, y, label = (
        _expression_sets(data, outcome, expression, negate_outcome)
        if expression is not None
        else _condition_sets(data, outcome, conditions, negate_outcome, negate_conditions)
    )
    if expression is not None and len(memberships) > 1:
        names = [*names, "expression"]
        memberships = [*memberships, np.maximum.reduce(memberships)]
    if kind == "necessity":
        rows = tuple(_necessity_row(name, x, y) for name, x in zip(names, memberships, strict=True))
        return ParametersOfFit(kind, label, rows)
    return ParametersOfFit(kind, label, tuple(_pof_sufficiency(names, memberships, y, expression)))


def _pof_sufficiency(
    names: Sequence[str], memberships: Sequence[FloatArray], y: FloatArray, expression: str | None
) -> list[SufficiencyFit]:
    if expression is None or len(memberships) == 1:
        return sufficiency_rows(names, memberships, y)
    terms = sufficiency_rows(names[:-1], memberships[:-1], y)
    incl, pri, cov = union_scores(memberships[:-1], y)
    return [*terms, SufficiencyFit("expression", incl, pri, cov, None)]


def _necessity_row(name: str, x: FloatArray, y: FloatArray) -> NecessityFit:
    incl, ron, cov = necessity_scores(x, y)
    return NecessityFit(name, floored(incl, FLOOR), floored(ron, FLOOR), floored(cov, FLOOR))


def _condition_sets(
    data: Mapping[str, Sequence[float]],
    outcome: str,
    conditions: Sequence[str] | None,
    negate_outcome: bool,
    negate_conditions: bool,
) -> tuple[list[str], list[FloatArray], FloatArray, str]:
    outcome_name = outcome.strip().lstrip("~").strip()
    names = list(conditions) if conditions is not None else [c for c in data if c != outcome_name]
    cases = read_case_data(data, outcome, names, negate_outcome=negate_outcome)
    multivalue = [name for name, n in zip(names, cases.levels, strict=True) if n > 2]
    if multivalue:
        raise QcaInputError(
            f"{', '.join(multivalue)} multi-value: use an expression such as {multivalue[0]}[1]."
        )
    value = 0 if negate_conditions else 1
    memberships = [cases.literal_membership(j, value) for j in range(len(names))]
    labels = [f"~{name}" if negate_conditions else name for name in names]
    return labels, memberships, cases.outcome, _outcome_label(outcome, negate_outcome)


def _expression_sets(
    data: Mapping[str, Sequence[float]], outcome: str, expression: str, negate_outcome: bool
) -> tuple[list[str], list[FloatArray], FloatArray, str]:
    if re.search(r"<=|=>|<-|->", expression):
        raise QcaInputError(
            f"The expression {expression!r} contains an arrow; give the outcome and relation "
            "separately."
        )
    names = list(dict.fromkeys(re.findall(r"[A-Za-z_.][A-Za-z0-9_.]*", expression)))
    cases = read_case_data(data, outcome, names, negate_outcome=negate_outcome)
    terms = parse_expression(expression, cases.conditions, cases.levels)
    labels = [write_term(term, cases.conditions, cases.multivalue) for term in terms]
    memberships = [cases.term_membership(term) for term in terms]
    return labels, memberships, cases.outcome, _outcome_label(outcome, negate_outcome)


def _relation(relation: str) -> str:
    if relation in ("necessity", "nec"):
        return "necessity"
    if relation in ("sufficiency", "suf"):
        return "sufficiency"
    raise QcaInputError('relation is "necessity" or "sufficiency".')


def _outcome_label(outcome: str, negate_outcome: bool) -> str:
    name = outcome.strip().lstrip("~").strip()
    negated = negate_outcome != outcome.strip().startswith("~")
    return f"~{name}" if negated else name


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator != 0 else float("nan")


def floored(value: float, floor: float) -> float:
    """pof()'s rule: values below `floor` become 0."""
    return 0.0 if value < floor else value
