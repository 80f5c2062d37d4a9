"""Write exported tables as CSV and XLSX, and the field dictionary (codebook) that explains
their columns. Every text cell is guarded against formula injection, in both formats."""

import csv
import io
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.cell.cell import Cell as XlsxCell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from api.tabular.columns import Column, Kind
from api.vocabularies.labels import BY_NAME

# A list holds several codes or area codes (kinds codes / areas).
Cell = str | int | float | bool | date | list[str] | None

# Kinds whose cells are free or coded text: the only ones the injection guard touches, so a
# negative number or a date is never turned into text.
TEXT_LIKE_KINDS: frozenset[Kind] = frozenset(
    {"text", "reference", "code", "codes", "area", "areas"})

# OWASP CSV injection: a spreadsheet reads a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

DATE_FORMAT = "yyyy-mm-dd"
LIST_SEPARATOR = ";"
DICTIONARY_TITLE = "Veldenlijst"
ATTRIBUTION_TITLE = "Bron"
DICTIONARY_HEADER = ["kolom", "naam", "name", "betekenis", "meaning", "soort", "eenheid",
                     "verplicht", "persoonsgegeven", "codes"]
# Sheet titles: at most 31 characters, none of these (Excel's rules).
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def neutralised(text: str) -> str:
    """The text with a leading apostrophe when a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def is_text_like(column: Column) -> bool:
    return column.kind in TEXT_LIKE_KINDS


def decimal_text(value: float) -> str:
    """The shortest text that reads back as the same float, never in exponent notation
    (1e-07 → 0.0000001, 12.0 → 12), because not every reader of a CSV parses exponents."""
    if value == 0:
        return "0"  # also -0.0
    text = format(Decimal(repr(value)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _string_of(column: Column, value: str | list[str]) -> str:
    text = LIST_SEPARATOR.join(value) if isinstance(value, list) else value
    return neutralised(text) if is_text_like(column) else text


def cell_text(column: Column, value: Cell) -> str:
    """The text of one cell as a CSV holds it. A float that is not finite has no meaning in a
    table and is written as empty, like a missing value."""
    if value is None:
        return ""
    if isinstance(value, bool):  # before int: a bool is an int too
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return decimal_text(value) if math.isfinite(value) else ""
    return _string_of(column, value)


def _csv_text(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)  # comma, QUOTE_MINIMAL, CRLF line ends
    writer.writerow(header)
    writer.writerows(rows)
    # utf-8-sig writes the byte order mark, by which Excel knows the file is UTF-8.
    return buffer.getvalue().encode("utf-8-sig")


def csv_bytes(columns: Sequence[Column], rows: Iterable[Sequence[Cell]]) -> bytes:
    """A CSV of the rows with the columns' wire names as header, reading the rows once."""
    texts = ([cell_text(column, value) for column, value in zip(columns, row, strict=True)]
             for row in rows)
    return _csv_text([column.name for column in columns], texts)


@dataclass(frozen=True)
class Sheet:
    """One worksheet of an XLSX export: its title, its columns and its rows."""

    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[Cell]]


def sheet_title(title: str) -> str:
    """The title as Excel accepts it: without forbidden characters, at most 31 long."""
    return _SHEET_TITLE_FORBIDDEN.sub(" ", title).strip()[:31] or "Blad"


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a text (separated by blank lines), each on a single line."""
    blocks = re.split(r"\n\s*\n", text.strip())
    return [" ".join(block.split()) for block in blocks if block.strip()]


def _string_cell(sheet: WriteOnlyWorksheet, text: str, *, bold: bool = False) -> XlsxCell:
    # Characters XML cannot hold would make openpyxl refuse the whole export: drop them.
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", text))
    # A string is a string: never a formula or an error code, whatever it starts with.
    cell.data_type = "s"
    if bold:
        cell.font = Font(bold=True)
    return cell


def _xlsx_cell(sheet: WriteOnlyWorksheet, column: Column, value: Cell) -> Any:
    """What one value becomes in a worksheet: strings as forced string cells, dates as real
    dates, numbers and booleans as they are (openpyxl types those itself)."""
    if isinstance(value, str | list):
        return _string_cell(sheet, _string_of(column, value))
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet)
        cell.number_format = DATE_FORMAT  # first: a date cell keeps a date format it has
        cell.value = value
        return cell
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _header_row(sheet: WriteOnlyWorksheet, texts: Iterable[str]) -> list[XlsxCell]:
    return [_string_cell(sheet, text, bold=True) for text in texts]


def _write_table(sheet: WriteOnlyWorksheet, source: Sheet) -> None:
    sheet.freeze_panes = "A2"  # before the first row: the sheet view is written first
    sheet.append(_header_row(sheet, (column.name for column in source.columns)))
    for row in source.rows:
        sheet.append([_xlsx_cell(sheet, column, value)
                      for column, value in zip(source.columns, row, strict=True)])


def _write_texts(sheet: WriteOnlyWorksheet, rows: Sequence[Sequence[str]]) -> None:
    """A sheet of plain texts whose first row is a header."""
    sheet.freeze_panes = "A2"
    for index, row in enumerate(rows):
        if index == 0:
            sheet.append(_header_row(sheet, row))
        else:
            sheet.append([_string_cell(sheet, neutralised(text)) for text in row])


def _write_attribution(sheet: WriteOnlyWorksheet, attribution: str) -> None:
    for paragraph in paragraphs(attribution):
        sheet.append([_string_cell(sheet, neutralised(paragraph))])


def xlsx_bytes(sheets: Sequence[Sheet], *, dictionary: Sequence[Sequence[str]] | None,
               attribution: str) -> bytes:
    """An XLSX with one worksheet per sheet, then the field dictionary when given, and always
    a last sheet naming the source. Written streaming: rows are read once, not kept."""
    workbook = Workbook(write_only=True)
    for source in sheets:
        _write_table(workbook.create_sheet(sheet_title(source.title)), source)
    if dictionary is not None:
        _write_texts(workbook.create_sheet(DICTIONARY_TITLE), dictionary)
    _write_attribution(workbook.create_sheet(ATTRIBUTION_TITLE), attribution)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _yes_no(flag: bool) -> str:
    return "ja" if flag else "nee"


def code_terms(vocabulary: type[StrEnum]) -> list[tuple[str, str]]:
    """(code, Dutch label) of every code in declaration order; the code itself as label for
    an enumeration that is no published vocabulary."""
    for known in BY_NAME.values():
        if known.codes is vocabulary:
            return [(code, label_nl) for code, label_nl, _ in known.terms()]
    return [(code.value, code.value) for code in vocabulary]


def _codes_text(column: Column) -> str:
    if column.vocabulary is None or column.kind not in ("code", "codes"):
        return ""
    return "; ".join(f"{code} = {label}" for code, label in code_terms(column.vocabulary))


def _dictionary_row(column: Column) -> list[str]:
    return [column.name, column.label, column.label_en, column.meaning, column.meaning_en,
            column.kind, column.unit or "", _yes_no(column.required),
            _yes_no(column.personal), _codes_text(column)]


def dictionary_rows(columns: Sequence[Column]) -> list[list[str]]:
    """The field dictionary: a header row, then per column what it is called and means, its
    kind and unit, whether it is required or personal, and its codes with their labels."""
    return [list(DICTIONARY_HEADER), *(_dictionary_row(column) for column in columns)]


def _neutralised_rows(rows: Iterable[Sequence[str]]) -> Iterator[list[str]]:
    return ([neutralised(text) for text in row] for row in rows)


def dictionary_csv(columns: Sequence[Column]) -> bytes:
    """The field dictionary as a CSV (UTF-8 with byte order mark)."""
    header, *rows = dictionary_rows(columns)
    return _csv_text(header, _neutralised_rows(rows))
