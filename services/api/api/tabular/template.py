"""The import template of one resource: an XLSX to fill in, with the Dutch headers the
importer recognises, an explanation of every column and drop-down lists of the codes."""

import io
from collections.abc import Sequence
from enum import StrEnum

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from api.tabular.columns import Column, Table
from api.tabular.writers import (
    ATTRIBUTION_TITLE,
    code_terms,
    dictionary_rows,
    is_text_like,
    neutralised,
    paragraphs,
    sheet_title,
)

EXPLANATION_TITLE = "Toelichting"
LISTS_TITLE = "Lijsten"
# The rows that get drop-down lists: enough for any import made by hand.
FIRST_DATA_ROW = 2
LAST_DATA_ROW = 5001
YES_NO = ("ja", "nee")
TEXT_FORMAT = "@"
REQUIRED_NOTE = "Verplicht. — Required."
_HEADER_FONT = Font(bold=True)


def _header_width(text: str) -> float:
    return min(max(len(text) + 4, 12), 60)


def _write_headers(sheet: Worksheet, columns: Sequence[Column]) -> None:
    """The Dutch labels exactly (the importer matches them), bold, frozen, and a comment on
    each required column because the header text itself may not change."""
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.label)
        cell.data_type = "s"
        cell.font = _HEADER_FONT
        if column.required:
            cell.comment = Comment(REQUIRED_NOTE, "Buurtkracht")
        dimension = sheet.column_dimensions[get_column_letter(index)]
        dimension.width = _header_width(column.label)
        if is_text_like(column):
            # Typed as text, so Excel keeps a reference like 007 and does not make 1-2 a date.
            dimension.number_format = TEXT_FORMAT
    sheet.freeze_panes = "A2"


def _list_values(column: Column) -> tuple[str, ...] | None:
    """The values a drop-down offers for the column, or None when it gets none: a codes
    column holds several codes in one cell, which a single-choice list would reject."""
    if column.kind == "boolean":
        return YES_NO
    if column.kind == "code" and column.vocabulary is not None:
        return tuple(code for code, _ in code_terms(column.vocabulary))
    return None


class _Lists:
    """The hidden sheet that holds the drop-down lists, one list per column of it, each list
    written once however many columns use it. Lists live in a sheet rather than inline
    because an inline list may not be longer than 255 characters."""

    def __init__(self, sheet: Worksheet) -> None:
        self.sheet = sheet
        self._ranges: dict[tuple[str, ...], str] = {}

    def range_of(self, title: str, values: tuple[str, ...]) -> str:
        if values not in self._ranges:
            self._ranges[values] = self._write(title, values)
        return self._ranges[values]

    def _write(self, title: str, values: tuple[str, ...]) -> str:
        index = len(self._ranges) + 1
        self.sheet.cell(row=1, column=index, value=title).font = _HEADER_FONT
        for row, value in enumerate(values, start=2):
            self.sheet.cell(row=row, column=index, value=value).data_type = "s"
        letter = get_column_letter(index)
        last_row = len(values) + 1
        return f"{quote_sheetname(self.sheet.title)}!${letter}$2:${letter}${last_row}"


def _list_title(column: Column) -> str:
    vocabulary: type[StrEnum] | None = column.vocabulary
    return "ja / nee" if column.kind == "boolean" or vocabulary is None else vocabulary.__name__


def _validation(source: str, column: Column) -> DataValidation:
    # A warning, not a stop: the importer also accepts the Dutch labels of the codes.
    return DataValidation(
        type="list", formula1=source, allow_blank=True, showDropDown=False,
        showErrorMessage=True, errorStyle="warning",
        errorTitle="Onbekende waarde — Unknown value",
        error=(f"Kies een waarde uit de lijst van '{column.label}' (zie Toelichting). — "
               "Choose a value from the list (see Toelichting)."),
    )


def _add_drop_downs(sheet: Worksheet, columns: Sequence[Column], lists: _Lists) -> None:
    for index, column in enumerate(columns, start=1):
        values = _list_values(column)
        if values is None:
            continue
        validation = _validation(lists.range_of(_list_title(column), values), column)
        letter = get_column_letter(index)
        validation.add(f"{letter}{FIRST_DATA_ROW}:{letter}{LAST_DATA_ROW}")
        sheet.add_data_validation(validation)


def _write_explanation(sheet: Worksheet, columns: Sequence[Column]) -> None:
    for index, row in enumerate(dictionary_rows(columns), start=1):
        for column_index, text in enumerate(row, start=1):
            cell = sheet.cell(row=index, column=column_index, value=neutralised(text))
            cell.data_type = "s"
            if index == 1:
                cell.font = _HEADER_FONT
    sheet.freeze_panes = "A2"


def _write_attribution(sheet: Worksheet, attribution: str) -> None:
    for index, paragraph in enumerate(paragraphs(attribution), start=1):
        sheet.cell(row=index, column=1, value=neutralised(paragraph)).data_type = "s"


def template_xlsx(table: Table, attribution: str) -> bytes:
    """The import template of the table: its data sheet to fill in, the explanation of its
    columns, the hidden drop-down lists and the source."""
    workbook = Workbook()
    data = workbook.active
    assert isinstance(data, Worksheet)  # a new workbook's one sheet is a worksheet
    data.title = sheet_title(table.title)
    _write_headers(data, table.columns)
    _write_explanation(workbook.create_sheet(EXPLANATION_TITLE), table.columns)
    lists_sheet = workbook.create_sheet(LISTS_TITLE)
    lists_sheet.sheet_state = "hidden"
    _add_drop_downs(data, table.columns, _Lists(lists_sheet))
    _write_attribution(workbook.create_sheet(ATTRIBUTION_TITLE), attribution)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
