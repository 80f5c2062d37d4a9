"""The export writers: CSV and XLSX read back as they were meant, no cell can become a
formula, and the import template offers the codes of its code columns as drop-down lists."""

import csv
import io
from collections.abc import Iterator, Sequence
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from api.tabular.columns import Column, Table
from api.tabular.template import template_xlsx
from api.tabular.writers import (
    Cell,
    Sheet,
    cell_text,
    csv_bytes,
    dictionary_csv,
    dictionary_rows,
    neutralised,
    xlsx_bytes,
)
from api.vocabularies.labels import BY_NAME
from api.vocabularies.models import OrganisationForm, Theme

ATTRIBUTION = "Bron: Buurtkracht, gemeente Amsterdam.\n\nLicentie: CC BY 4.0."
HYPERLINK = '=HYPERLINK("http://x","y")'

REFERENCE = Column("reference", "Referentie", "Reference", "reference", "Kenmerk", "Key",
                   required=True)
NAME = Column("name", "Naam", "Name", "text", "Naam van het initiatief", "Name",
              required=True, max_length=200)
FORM = Column("organisationForm", "Organisatievorm", "Organisation form", "code",
              "Vorm", "Form", vocabulary=OrganisationForm)
THEMES = Column("themes", "Thema's", "Themes", "codes", "Thema's", "Themes",
                vocabulary=Theme)
STARTED = Column("startedOn", "Startdatum", "Start date", "date", "Begonnen op", "Started")
VOLUNTEERS = Column("volunteers", "Vrijwilligers", "Volunteers", "integer", "Aantal",
                    "Count", unit="personen")
BUDGET = Column("budget", "Budget", "Budget", "decimal", "Budget", "Budget", unit="euro")
ACTIVE = Column("active", "Actief", "Active", "boolean", "Loopt nog", "Still running")
CONTACT = Column("contactEmail", "E-mail contact", "Contact e-mail", "text", "E-mail",
                 "E-mail", personal=True)
COLUMNS = (REFERENCE, NAME, FORM, THEMES, STARTED, VOLUNTEERS, BUDGET, ACTIVE, CONTACT)
TABLE = Table("initiatives", "Initiatieven", "Initiatives", COLUMNS)

ROW: list[Cell] = ["INI-1", HYPERLINK, "buurtbudget", ["groen", "jeugd"], date(2024, 3, 1),
                   -3, 0.1, True, None]


def _workbook(data: bytes) -> Iterator[Worksheet]:
    workbook = load_workbook(io.BytesIO(data))
    return (sheet for sheet in workbook.worksheets)


def _sheets(data: bytes) -> dict[str, Worksheet]:
    return {sheet.title: sheet for sheet in _workbook(data)}


def _csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "no UTF-8 byte order mark"
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_text_starting_like_a_formula_gets_an_apostrophe(start: str) -> None:
    assert neutralised(f"{start}1+1") == f"'{start}1+1"
    assert cell_text(NAME, f"{start}cmd") == f"'{start}cmd"


@pytest.mark.parametrize("text", ["Groen in de buurt", "1+1", "a=b", "", "'al veilig"])
def test_safe_text_stays_as_it_is(text: str) -> None:
    assert neutralised(text) == text


def test_numbers_dates_and_booleans_are_never_neutralised() -> None:
    assert cell_text(VOLUNTEERS, -3) == "-3"
    assert cell_text(BUDGET, -2.5) == "-2.5"
    assert cell_text(STARTED, date(2024, 3, 1)) == "2024-03-01"
    assert cell_text(STARTED, datetime(2024, 3, 1, 14, 30)) == "2024-03-01"
    assert (cell_text(ACTIVE, True), cell_text(ACTIVE, False)) == ("true", "false")
    assert cell_text(NAME, None) == ""


@pytest.mark.parametrize(("value", "text"), [
    (0.1, "0.1"), (12.0, "12"), (1e-7, "0.0000001"), (1234.5, "1234.5"), (-0.0, "0"),
    (1e16, "10000000000000000"), (float("nan"), ""),
])
def test_decimals_are_written_short_and_without_exponent(value: float, text: str) -> None:
    assert cell_text(BUDGET, value) == text


def test_lists_are_joined_by_semicolons_and_guarded_as_a_whole() -> None:
    assert cell_text(THEMES, ["groen", "jeugd"]) == "groen;jeugd"
    assert cell_text(THEMES, ["=evil", "jeugd"]) == "'=evil;jeugd"


def test_csv_has_a_bom_crlf_lines_and_round_trips_its_values() -> None:
    awkward = 'Zeggen, "quoten"\nen een nieuwe regel'
    rows: list[list[Cell]] = [ROW, ["INI-2", awkward, None, [], None, None, 12.0, False, "x"]]
    data = csv_bytes(COLUMNS, iter(rows))  # an iterator: read once
    assert b"\r\n" in data
    header, first, second = _csv_rows(data)
    assert header == [column.name for column in COLUMNS]
    assert first == ["INI-1", "'" + HYPERLINK, "buurtbudget", "groen;jeugd", "2024-03-01",
                     "-3", "0.1", "true", ""]
    assert second == ["INI-2", awkward, "", "", "", "", "12", "false", "x"]


def test_a_row_of_the_wrong_width_is_refused() -> None:
    with pytest.raises(ValueError, match="zip"):
        csv_bytes(COLUMNS, [["INI-1"]])


def test_xlsx_text_never_becomes_a_formula_and_types_are_kept() -> None:
    data = xlsx_bytes([Sheet("Initiatieven", COLUMNS, [ROW])], dictionary=None,
                      attribution=ATTRIBUTION)
    sheet = _sheets(data)["Initiatieven"]
    assert [cell.value for cell in sheet[1]] == [column.name for column in COLUMNS]
    cells = sheet[2]
    assert cells[1].value == "'" + HYPERLINK
    assert cells[1].data_type == "s"
    assert cells[3].value == "groen;jeugd"
    started = cells[4].value
    assert isinstance(started, datetime)
    assert started.date() == date(2024, 3, 1)
    assert cells[4].number_format == "yyyy-mm-dd"
    assert cells[5].value == -3
    assert cells[5].data_type == "n"
    assert cells[6].value == pytest.approx(0.1)
    assert cells[7].value is True
    assert cells[8].value is None
    assert sheet.freeze_panes == "A2"


def test_xlsx_strings_that_look_like_errors_or_formulas_stay_strings() -> None:
    # An integer column is not text-like, so no apostrophe; still no formula, no error code.
    data = xlsx_bytes([Sheet("T", (VOLUNTEERS, NAME), [["=1+1", "#N/A"], ["ok\x07", "a"]])],
                      dictionary=None, attribution=ATTRIBUTION)
    sheet = _sheets(data)["T"]
    assert [(cell.value, cell.data_type) for cell in sheet[2]] == [("=1+1", "s"), ("#N/A", "s")]
    assert sheet["A3"].value == "ok"  # a control character XML cannot hold is dropped


def test_xlsx_has_the_dictionary_and_the_source_as_last_sheets() -> None:
    data = xlsx_bytes([Sheet("Initiatieven", COLUMNS, [ROW]), Sheet("Thema's", (THEMES,), [])],
                      dictionary=dictionary_rows(COLUMNS), attribution=ATTRIBUTION)
    sheets = list(_workbook(data))
    assert [sheet.title for sheet in sheets] == ["Initiatieven", "Thema's", "Veldenlijst", "Bron"]
    dictionary = [[cell.value or "" for cell in row] for row in sheets[2].iter_rows()]
    assert dictionary == dictionary_rows(COLUMNS)
    source = [row[0].value for row in sheets[3].iter_rows()]
    assert source == ["Bron: Buurtkracht, gemeente Amsterdam.", "Licentie: CC BY 4.0."]


def test_xlsx_without_dictionary_still_names_its_source() -> None:
    data = xlsx_bytes([Sheet("A/B: [c]", (NAME,), [])], dictionary=None,
                      attribution=ATTRIBUTION)
    assert [sheet.title for sheet in _workbook(data)] == ["A B   c", "Bron"]


def test_xlsx_streams_twenty_thousand_rows() -> None:
    def rows() -> Iterator[list[Cell]]:
        for number in range(20_000):
            yield [f"INI-{number}", f"Initiatief {number}", "buurtbudget", ["groen"],
                   date(2024, 1, 1), number, number / 4, number % 2 == 0, None]

    data = xlsx_bytes([Sheet("Initiatieven", COLUMNS, rows())], dictionary=None,
                      attribution=ATTRIBUTION)
    workbook = load_workbook(io.BytesIO(data), read_only=True)
    sheet = workbook["Initiatieven"]
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 20_001
    assert values[-1][:2] == ("INI-19999", "Initiatief 19999")
    assert values[-1][5] == 19_999
    workbook.close()


def test_dictionary_explains_every_column_with_its_codes() -> None:
    header, *rows = dictionary_rows(COLUMNS)
    assert header == ["kolom", "naam", "name", "betekenis", "meaning", "soort", "eenheid",
                      "verplicht", "persoonsgegeven", "codes"]
    by_name = {row[0]: row for row in rows}
    assert list(by_name) == [column.name for column in COLUMNS]
    assert by_name["reference"][7:9] == ["ja", "nee"]
    assert by_name["contactEmail"][7:9] == ["nee", "ja"]
    assert by_name["volunteers"][5:7] == ["integer", "personen"]
    assert by_name["name"][6] == ""
    themes = BY_NAME["theme"]
    expected = "; ".join(f"{code} = {nl}" for code, nl, _ in themes.terms())
    assert by_name["themes"][9] == expected
    assert f"groen = {themes.labels[Theme.GROEN][0]}" in expected
    assert by_name["organisationForm"][9].startswith("bewonersinitiatief = ")
    assert by_name["startedOn"][9] == ""


def test_dictionary_csv_holds_the_same_rows() -> None:
    assert _csv_rows(dictionary_csv(COLUMNS)) == dictionary_rows(COLUMNS)


def _list_values(workbook_sheets: dict[str, Worksheet], reference: str) -> list[str]:
    sheet_name, cells = reference.split("!")
    assert sheet_name.strip("'") == "Lijsten"
    rows = workbook_sheets["Lijsten"][cells.replace("$", "")]
    assert isinstance(rows, tuple)
    return [str(row[0].value) for row in rows if isinstance(row, tuple)]


def _validation_of(sheet: Worksheet, cell: str) -> str:
    found: Sequence[str] = [validation.formula1 or "" for validation in
                            sheet.data_validations.dataValidation if cell in validation.sqref]
    assert len(found) == 1, f"{cell}: {found}"
    return found[0]


def test_template_has_the_dutch_headers_and_explains_every_column() -> None:
    sheets = _sheets(template_xlsx(TABLE, ATTRIBUTION))
    assert list(sheets) == ["Initiatieven", "Toelichting", "Lijsten", "Bron"]
    data = sheets["Initiatieven"]
    assert [cell.value for cell in data[1]] == [column.label for column in COLUMNS]
    assert data.freeze_panes == "A2"
    assert data["A1"].comment is not None  # reference is required
    assert data["C1"].comment is None
    explanation = [[cell.value or "" for cell in row] for row in sheets["Toelichting"].rows]
    assert explanation == dictionary_rows(COLUMNS)
    assert sheets["Bron"]["A1"].value == "Bron: Buurtkracht, gemeente Amsterdam."


def test_template_offers_codes_and_yes_no_from_the_hidden_lists_sheet() -> None:
    sheets = _sheets(template_xlsx(TABLE, ATTRIBUTION))
    assert sheets["Lijsten"].sheet_state == "hidden"
    data = sheets["Initiatieven"]
    form_list = _validation_of(data, "C2")
    assert _validation_of(data, "C5001") == form_list
    assert _list_values(sheets, form_list) == [code.value for code in OrganisationForm]
    assert _list_values(sheets, _validation_of(data, "H2")) == ["ja", "nee"]
    covered = {cell for validation in data.data_validations.dataValidation
               for cell in ("A2", "B2", "D2", "E2", "F2", "G2", "I2") if cell in validation.sqref}
    assert covered == set(), "only code and boolean columns get a drop-down"
    assert all(validation.type == "list" for validation in data.data_validations.dataValidation)


def test_template_writes_one_list_per_vocabulary() -> None:
    second_form = Column("formerForm", "Vorige vorm", "Former form", "code", "Vorige",
                         "Former", vocabulary=OrganisationForm)
    table = Table("initiatives", "Initiatieven", "Initiatives", (FORM, second_form))
    sheets = _sheets(template_xlsx(table, ATTRIBUTION))
    data = sheets["Initiatieven"]
    assert _validation_of(data, "A2") == _validation_of(data, "B2")
    assert sheets["Lijsten"].max_column == 1
