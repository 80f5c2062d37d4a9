"""From a read file to parsed rows: headers matched, every cell read as its column's kind,
every problem collected (not only the first), duplicate references found."""

from collections.abc import Callable
from dataclasses import dataclass

from api.tabular.cells import CellProblem, parse_cell, required_problem
from api.tabular.columns import Table
from api.tabular.files import RawTable
from api.tabular.headers import HeaderMap, header_problems, match_headers
from api.tabular.problems import Problem

LISTS = frozenset({"codes", "areas"})
# Progress is reported every so many rows.
PROGRESS_EVERY = 500


@dataclass(frozen=True)
class ParsedRow:
    """One data row: its number as a spreadsheet shows it, the values of the columns the file
    has (None for an empty cell), and each column's header as the file writes it."""

    number: int
    values: dict[str, object]
    headers: dict[str, str]

    def problem(self, column: str, code: str, message: str, message_en: str,
                suggestion: str | None = None) -> Problem:
        value = self.values.get(column)
        return Problem(code, message, message_en, row=self.number,
                       column=self.headers.get(column, column),
                       value=None if value is None else str(value), suggestion=suggestion)


@dataclass(frozen=True)
class Parsed:
    rows: list[ParsedRow]
    problems: list[Problem]  # errors and warnings (api.tabular.problems.WARNING_CODES)
    present: frozenset[str]  # the names of the columns the file has


def parse_rows(table: Table, raw: RawTable, progress: Callable[[int], None]) -> Parsed:
    header_map = match_headers(table, raw.headers)
    problems = header_problems(header_map)
    if header_map.missing:
        return Parsed([], problems, frozenset())
    numbers = raw.row_numbers or list(range(2, len(raw.rows) + 2))
    rows = []
    for index, (number, cells) in enumerate(zip(numbers, raw.rows, strict=True), start=1):
        row, found = _parse_row(header_map, raw.headers, number, cells)
        rows.append(row)
        problems += found
        if index % PROGRESS_EVERY == 0:
            progress(index)
    problems += _duplicate_keys(table, rows)
    present = frozenset(column.name for column in header_map.columns.values())
    return Parsed(rows, problems, present)


def _parse_row(header_map: HeaderMap, written: list[str], number: int,
               cells: list[object]) -> tuple[ParsedRow, list[Problem]]:
    values: dict[str, object] = {}
    headers: dict[str, str] = {}
    problems: list[Problem] = []
    for position, column in header_map.columns.items():
        header = written[position]
        headers[column.name] = header
        try:
            values[column.name] = parse_cell(column, cells[position])
        except CellProblem as problem:
            values[column.name] = None
            problems.append(problem.at(number, header, cells[position]))
            continue
        if values[column.name] is None and column.required:
            problems.append(required_problem(column, number, header))
        elif values[column.name] is None and column.kind in LISTS:
            values[column.name] = []  # an empty cell of several codes: none of them
    return ParsedRow(number, values, headers), problems


def _duplicate_keys(table: Table, rows: list[ParsedRow]) -> list[Problem]:
    """A reference may appear once in a file: two rows for one record cannot both win."""
    key = table.columns[0]
    if key.name != "externalRef":
        return []
    first: dict[object, int] = {}
    problems = []
    for row in rows:
        reference = row.values.get(key.name)
        if reference is None:
            continue
        if reference in first:
            problems.append(row.problem(
                key.name, "duplicate-reference",
                f"De referentie '{reference}' staat al in rij {first[reference]}.",
                f"The reference '{reference}' is already in row {first[reference]}."))
        else:
            first[reference] = row.number
    return problems

