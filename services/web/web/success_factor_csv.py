"""The numbers of the success-factor page as CSV files, one per table, in the form of the
effects page's files (web/effect_csv.py): stable English column codes, full precision."""

from web.api_client.success_factors import SuccessFactorReport
from web.effect_csv import Cell, csv_text
from web.qca_plots import solution_membership

PARTS = ("cases", "truth-table", "solutions")
SEPARATOR = "|"


def cases_csv(report: SuccessFactorReport) -> str:
    """One row per initiative: each condition's raw value and membership, the outcome's
    membership, and its membership of every model."""
    names = list(report.conditions)
    models = [(solution.name, [term.term for term in solution.terms])
              for solution in report.solutions]
    header = ["initiative", "title",
              *(column for name in names for column in (f"{name}_raw", name)),
              report.outcome, *(f"solution_{name}" for name, _ in models)]
    rows: list[list[Cell]] = [
        [case.id, case.title,
         *(value for name in names for value in (case.raw.get(name), case.memberships.get(name))),
         case.outcome, *(solution_membership(terms, case.memberships) for _, terms in models)]
        for case in report.cases]
    return csv_text(header, rows)


def truth_table_csv(report: SuccessFactorReport) -> str:
    names = list(report.conditions)
    rows: list[list[Cell]] = [
        [*(row.configuration.get(name) for name in names), row.out, row.n, row.incl, row.pri,
         SEPARATOR.join(row.cases)] for row in report.truth_table.rows]
    return csv_text([*names, "out", "n", "incl", "pri", "cases"], rows)


def solutions_csv(report: SuccessFactorReport) -> str:
    """Per model a row for the whole model, then one per path with the initiatives it
    covers."""
    rows: list[list[Cell]] = []
    for solution in report.solutions:
        rows.append([solution.name, "solution", solution.expression, solution.incl_s,
                     solution.pri, solution.cov_s, None, None, ""])
        rows += [[solution.name, "term", term.term, term.incl_s, term.pri, term.cov_s,
                  term.cov_u, len(term.cases), SEPARATOR.join(term.cases)]
                 for term in solution.terms]
    return csv_text(("model", "level", "expression", "incl_s", "pri", "cov_s", "cov_u",
                     "n_cases", "cases"), rows)


def part_csv(part: str, report: SuccessFactorReport) -> str:
    makers = {"cases": cases_csv, "truth-table": truth_table_csv, "solutions": solutions_csv}
    return makers[part](report)
