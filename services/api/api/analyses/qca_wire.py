"""From the QCA package's results (analysis.qca) to their wire shapes."""

from analysis.qca.fit import NecessityFit, ParametersOfFit, SufficiencyFit
from analysis.qca.results import Minimization
from analysis.qca.truth_table import TruthTable
from api.analyses.meta_models import finite
from api.analyses.qca_models import (
    FitResult,
    MinimizeResult,
    NecessityRow,
    SolutionOut,
    TermFit,
    TruthTableOut,
    TruthTableRowOut,
)


def truth_table_out(table: TruthTable) -> TruthTableOut:
    return TruthTableOut(rows=[TruthTableRowOut(
        configuration=dict(zip(table.conditions, row.configuration, strict=True)),
        out=row.out, n=row.n, incl=finite(row.incl), pri=finite(row.pri), cases=list(row.cases))
        for row in table.rows], notes=list(table.notes))


def term_out(fit: SufficiencyFit) -> TermFit:
    return TermFit(term=fit.term, incl_s=finite(fit.incl_s), pri=finite(fit.pri),
                   cov_s=finite(fit.cov_s), cov_u=finite(fit.cov_u), cases=list(fit.cases))


def minimization_out(found: Minimization) -> MinimizeResult:
    return MinimizeResult(
        solutions=[SolutionOut(name=solution.name, expression=solution.expression,
                               terms=[term_out(term) for term in solution.terms],
                               incl_s=finite(solution.incl_s), pri=finite(solution.pri),
                               cov_s=finite(solution.cov_s))
                   for solution in found.solutions],
        prime_implicants=list(found.prime_implicants), truncated=found.truncated,
        message=found.message, truth_table=truth_table_out(found.truth_table))


def fit_out(found: ParametersOfFit) -> FitResult:
    if found.relation == "necessity":
        return FitResult(rows=[NecessityRow(term=row.term, incl_n=finite(row.incl_n),
                                            ro_n=finite(row.ro_n), cov_n=finite(row.cov_n))
                               for row in found.rows if isinstance(row, NecessityFit)])
    return FitResult(rows=[term_out(row) for row in found.rows
                           if isinstance(row, SufficiencyFit)])
