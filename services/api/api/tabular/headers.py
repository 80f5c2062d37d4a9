"""Which column of the table each header of an imported file is: the wire name, the Dutch
label and the English label are all recognised, whatever the case, accents, spaces or dashes."""

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from api.tabular.columns import Column, Table
from api.tabular.problems import FileRefused, Problem

# Removed before comparing: people write "Start datum", "start_datum", "Start-datum" for
# "startdatum", and Word turns ' into ’ ("Thema’s" must still be "Thema's").
_IGNORED = frozenset(" _-.'’‘`")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class HeaderMap:
    """The headers of a file matched to the table's columns."""

    columns: dict[int, Column]  # file column index -> our Column
    unknown: list[str]  # headers not recognised (reported as warnings, ignored)
    missing: list[Column]  # required columns absent


def normalised(header: str) -> str:
    """The header as compared: casefolded, accents stripped (é → e), spaces, _ - . and
    apostrophes removed, and invisible characters (BOM, zero-width space) dropped."""
    decomposed = unicodedata.normalize("NFKD", header.casefold())
    return "".join(
        char for char in decomposed
        if not unicodedata.combining(char) and char not in _IGNORED and not char.isspace()
        and unicodedata.category(char) != "Cf"
    )


@cache
def _columns_by_header(table: Table) -> dict[str, Column]:
    recognised: dict[str, Column] = {}
    for column in table.columns:
        for header in (column.name, column.label, column.label_en):
            # The first column to claim a header keeps it: declaration order is priority.
            recognised.setdefault(normalised(header), column)
    return recognised


def match_headers(table: Table, headers: Sequence[str]) -> HeaderMap:
    """Map each header to its column. Empty headers are skipped. Two headers for one column
    (say "naam" and "Name") cannot both be read, so the file is refused (duplicate-header)."""
    recognised = _columns_by_header(table)
    columns: dict[int, Column] = {}
    first_header: dict[str, str] = {}
    unknown: list[str] = []
    duplicates: list[Problem] = []
    for index, header in enumerate(headers):
        if not header.strip():
            continue
        column = recognised.get(normalised(header))
        if column is None:
            unknown.append(header)
        elif column.name in first_header:
            duplicates.append(_duplicate(first_header[column.name], header, column))
        else:
            first_header[column.name] = header
            columns[index] = column
    if duplicates:
        raise FileRefused(duplicates)
    missing = [column for column in table.columns
               if column.required and column.name not in first_header]
    return HeaderMap(columns, unknown, missing)


def check_header_row(headers: list[str], row: int) -> None:
    """Refuse a header row without a word (no-header) or with a header twice."""
    if not any(_LETTER.search(header) for header in headers):
        raise FileRefused([Problem(
            "no-header",
            f"Rij {row} zou de kolomkoppen moeten bevatten, maar er staat geen woord in. "
            "Zet de kolomkoppen in de eerste rij.",
            f"Row {row} should hold the column headers, but it holds no word. "
            "Put the column headers in the first row.", row=row)])
    first_seen: dict[str, str] = {}
    duplicates: list[Problem] = []
    for header in headers:
        key = normalised(header)
        if key and key in first_seen:
            duplicates.append(Problem(
                "duplicate-header",
                f"De kolomkop '{header}' komt twee keer voor (ook als '{first_seen[key]}').",
                f"The column header '{header}' occurs twice (also as '{first_seen[key]}').",
                row=row, column=header))
        first_seen.setdefault(key, header)
    if duplicates:
        raise FileRefused(duplicates)


def _duplicate(first: str, second: str, column: Column) -> Problem:
    return Problem(
        "duplicate-header",
        f"De kolommen '{first}' en '{second}' zijn allebei '{column.label}'; "
        "laat er één over.",
        f"The columns '{first}' and '{second}' are both '{column.label_en}'; keep one.",
        column=second,
    )


def header_problems(header_map: HeaderMap) -> list[Problem]:
    """The report's lines about headers: unknown columns (warnings) and missing required
    columns (errors)."""
    unknown = [Problem(
        "unknown-column",
        f"De kolom '{header}' is onbekend en wordt overgeslagen.",
        f"The column '{header}' is unknown and is skipped.",
        column=header,
    ) for header in header_map.unknown]
    missing = [Problem(
        "missing-column",
        f"De verplichte kolom '{column.label}' ontbreekt.",
        f"The required column '{column.label_en}' is missing.",
        suggestion=column.label,
    ) for column in header_map.missing]
    return unknown + missing
