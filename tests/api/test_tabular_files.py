"""Reading uploaded CSV and XLSX files (built here) into headers and rows; every refusal."""

import io
import zipfile
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from api.tabular.columns import Column, Table
from api.tabular.files import RawTable, read_table
from api.tabular.headers import header_problems, match_headers, normalised
from api.tabular.problems import FileRefused, Problem
from api.vocabularies.models import Theme


def _refused(content: bytes, filename: str = "upload.csv", **options: int) -> list[Problem]:
    with pytest.raises(FileRefused) as refused:
        read_table(content, filename, **options)  # type: ignore[arg-type]
    return refused.value.problems


def _codes(problems: list[Problem]) -> set[str]:
    return {problem.code for problem in problems}


def _xlsx(rows: list[list[object]], *, title: str = "Gegevens", before: tuple[str, ...] = (),
          hidden: tuple[str, ...] = ()) -> Workbook:
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    first.title = before[0] if before else title
    for name in before[1:]:
        workbook.create_sheet(name)
    for name in hidden:
        workbook.create_sheet(name).sheet_state = "hidden"
    sheet = workbook.create_sheet(title) if before else first
    for row in rows:
        sheet.append(row)
    return workbook


def _bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# CSV: encodings, delimiters, quoting, empty rows


def test_a_plain_utf8_csv_gives_headers_rows_and_row_numbers() -> None:
    table = read_table("Naam,Plaats\nAnna,Zaandam\nJoëlle,Delft\n".encode(), "a.csv")
    assert table == RawTable(["Naam", "Plaats"], [["Anna", "Zaandam"], ["Joëlle", "Delft"]],
                             None, [2, 3])


def test_the_byte_order_mark_is_not_part_of_the_first_header() -> None:
    table = read_table(b"\xef\xbb\xbfNaam;Plaats\r\nAnna;Zaandam\r\n", "a.csv")
    assert table.headers == ["Naam", "Plaats"]
    assert table.rows == [["Anna", "Zaandam"]]


def test_windows_1252_is_read_when_the_file_is_not_utf8() -> None:
    table = read_table("Naam;Bedrag\r\nCafé;€ 5\r\n".encode("cp1252"), "a.csv")
    assert table.rows == [["Café", "€ 5"]]


def test_utf16_with_a_byte_order_mark_is_read_as_excels_unicode_text() -> None:
    table = read_table("Naam\tPlaats\r\nAnna\tZaandam\r\n".encode("utf-16"), "a.txt")
    assert table.rows == [["Anna", "Zaandam"]]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_each_delimiter_is_recognised(delimiter: str) -> None:
    text = delimiter.join(["Naam", "Thema", "Bedrag"]) + "\n"
    text += delimiter.join(["Anna", "groen", "12"]) + "\n"
    assert read_table(text.encode(), "a.csv").rows == [["Anna", "groen", "12"]]


def test_commas_in_the_data_do_not_make_a_semicolon_file_a_comma_file() -> None:
    text = 'Titel;Bedrag;Omschrijving\nMoestuin;3,5;Tuin, "groen", samen\n'
    table = read_table(text.encode(), "a.csv")  # csv.Sniffer would say ","
    assert table.headers == ["Titel", "Bedrag", "Omschrijving"]
    assert table.rows == [["Moestuin", "3,5", 'Tuin, "groen", samen']]


def test_a_tie_in_the_header_line_is_broken_by_the_data() -> None:
    table = read_table(b"Naam;Plaats, stad\nAnna;Zaandam\nBert;Delft\n", "a.csv")
    assert table.headers == ["Naam", "Plaats, stad"]


def test_a_header_line_without_delimiter_is_one_column_whatever_the_data() -> None:
    table = read_table(b"Naam\nAnna, Bert\nCor; Dirk\n", "a.csv")
    assert table.rows == [["Anna, Bert"], ["Cor; Dirk"]]


def test_a_quoted_field_may_hold_newlines_and_delimiters() -> None:
    text = 'Naam;Omschrijving\n"Anna";"regel 1\nregel 2; met ""citaat"""\nBert;kort\n'
    table = read_table(text.encode(), "a.csv")
    assert table.rows == [["Anna", 'regel 1\nregel 2; met "citaat"'], ["Bert", "kort"]]
    assert table.row_numbers == [2, 3]  # one row in a spreadsheet, however many lines


def test_empty_rows_are_skipped_and_short_rows_padded() -> None:
    table = read_table(b"\n\nA,B,C\n\n1,2\n,,\n3,4,5,,\n", "a.csv")
    assert table.headers == ["A", "B", "C"]
    assert table.rows == [["1", "2", ""], ["3", "4", "5"]]
    assert table.row_numbers == [5, 7]
    assert read_table(b"Naam;Plaats\n", "a.csv").rows == []  # a header row alone is no error


def test_values_beyond_the_headers_refuse_the_file_row_by_row() -> None:
    problems = _refused(b"A,B\n1,2,3\n4,5\n6,7,,8\n")
    assert [(p.code, p.row, p.value) for p in problems] == [
        ("extra-cells", 2, "3"), ("extra-cells", 4, "8")]
    assert "kolom D" in problems[1].message


def test_extra_cell_problems_stop_at_fifty_and_say_how_many_more() -> None:
    problems = _refused(b"A,B\n" + b"1,2,3\n" * 60)
    assert len(problems) == 51
    assert "10" in problems[-1].message and "10" in problems[-1].message_en


def test_an_unclosed_quote_refuses_the_file() -> None:
    problems = _refused(b'A,B\n1,"open\n2,3\n')
    assert _codes(problems) == {"unreadable"}


def test_more_rows_than_the_limit_are_refused_and_the_limit_is_said() -> None:
    content = b"A\n" + b"x\n" * 4
    problems = _refused(content, max_rows=3)
    assert _codes(problems) == {"too-many-rows"}
    assert "3" in problems[0].message
    assert len(read_table(content, "a.csv", max_rows=4).rows) == 4
    workbook = _bytes(_xlsx([[cell] for cell in ["Naam", *"xxxxxx"]]))
    assert _codes(_refused(workbook, "a.xlsx", max_rows=5)) == {"too-many-rows"}


def test_the_same_header_twice_after_normalising_is_refused() -> None:
    problems = _refused(b"Start datum;start_datum;Naam\n1;2;3\n")
    assert [(p.code, p.column) for p in problems] == [("duplicate-header", "start_datum")]


def test_a_first_row_without_any_word_is_no_header() -> None:
    assert _codes(_refused(b"1,2\n3,4\n")) == {"no-header"}


# What is not a table


@pytest.mark.parametrize("content", [b"", b"   \r\n\t ", b"\xef\xbb\xbf\n", b",,\n,\n"])
def test_empty_files_are_refused(content: bytes) -> None:
    assert _codes(_refused(content)) == {"empty-file"}


def test_old_excel_is_refused_with_the_advice_to_save_as_xlsx_or_csv() -> None:
    problems = _refused(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "oud.xls")
    assert _codes(problems) == {"old-excel"}
    assert "Sla het bestand op als .xlsx of .csv" in problems[0].message
    assert "Save as .xlsx or .csv" in problems[0].message_en


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize("content", [
    b"\x89PNG\r\n\x1a\n" + b"\x00" * 40,
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
    b"\xff\xd8\xff\xe0\x00\x10JFIF",
    b"Naam,Plaats\nAnna\x00,Zaandam\n",
    b"Naam,Plaats\nAnna\x01\x02,Zaandam\n",
    b"<html><body><table><tr><td>1</td></tr></table></body></html>",
    b'[{"title": "Moestuin"}]',
    _zip({"word/document.xml": b"<w/>"}),
    _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
          "content.xml": b"<x/>"}),
])
def test_other_files_are_an_unsupported_type(content: bytes) -> None:
    problems = _refused(content, "upload.xlsx")
    assert _codes(problems) == {"unsupported-type"}
    assert ".xlsx of .csv" in problems[0].message


def test_a_damaged_workbook_is_unreadable() -> None:
    content = _zip({"xl/workbook.xml": b"not xml at all", "[Content_Types].xml": b"<"})
    assert _codes(_refused(content, "kapot.xlsx")) == {"unreadable"}


# XLSX


def test_xlsx_cells_keep_their_type_and_trailing_empty_cells_are_ignored() -> None:
    workbook = _xlsx([["Naam", "Aantal", "Bedrag", "Start", "Actief", None],
                      ["Anna", 3, 2.5, datetime(2010, 12, 31), True, None],
                      [None, None, None, None, None, None]])
    sheet = workbook.active
    assert sheet is not None
    sheet.cell(row=20, column=12, value="  ")
    table = read_table(_bytes(workbook), "upload.xlsx")
    # A date cell comes back as a date (a time of day would make it a datetime).
    assert table == RawTable(["Naam", "Aantal", "Bedrag", "Start", "Actief"],
                             [["Anna", 3, 2.5, date(2010, 12, 31), True]], "Gegevens", [2])


def test_xlsx_is_recognised_by_content_whatever_its_name() -> None:
    content = _bytes(_xlsx([["Naam"], ["Anna"]]))
    assert read_table(content, "export.csv").rows == [["Anna"]]
    assert read_table(b"Naam\nAnna\n", "export.xlsx").rows == [["Anna"]]


def test_explaining_and_hidden_sheets_are_skipped_unless_named() -> None:
    workbook = _xlsx([["Naam"], ["Anna"]], before=("Toelichting", "Veldenlijst"),
                     hidden=("Verborgen",))
    workbook.move_sheet("Verborgen", offset=-2)
    workbook["Verborgen"].append(["Geheim"])
    workbook["Toelichting"].append(["Uitleg"])
    assert workbook.sheetnames[0] == "Verborgen"
    assert read_table(_bytes(workbook), "a.xlsx").sheet == "Gegevens"
    named = read_table(_bytes(workbook), "a.xlsx", sheet="Toelichting")
    assert (named.sheet, named.headers, named.rows) == ("Toelichting", ["Uitleg"], [])


def test_a_sheet_that_does_not_exist_is_refused_naming_the_sheets() -> None:
    with pytest.raises(FileRefused) as refused:
        read_table(_bytes(_xlsx([["Naam"]])), "a.xlsx", sheet="Blad9")
    assert refused.value.problems[0].code == "no-sheet"
    assert "Gegevens" in refused.value.problems[0].message


def test_a_formula_refuses_the_file_cell_by_cell() -> None:
    workbook = _xlsx([["Naam", "Aantal", "Dubbel"], ["Anna", 2, "=B2*2"], ["Bert", 3, 6],
                      ["Cor", "=1+1", 4]])
    problems = _refused(_bytes(workbook), "a.xlsx")
    assert [(p.code, p.row, p.column, p.value) for p in problems] == [
        ("formula", 2, "Dubbel", "=B2*2"), ("formula", 4, "Aantal", "=1+1")]
    assert "Plak alleen waarden" in problems[0].message
    assert "C2" in problems[0].message


def test_merged_cells_refuse_the_file_naming_the_range() -> None:
    workbook = _xlsx([["Naam", "Plaats"], ["Anna", "Zaandam"], ["Bert", None]])
    sheet = workbook.active
    assert sheet is not None
    sheet.merge_cells("A3:B3")
    problems = _refused(_bytes(workbook), "a.xlsx")
    assert [(p.code, p.row) for p in problems] == [("merged-cells", 3)]
    assert "A3:B3" in problems[0].message


# Headers

THEMES = Column("themes", "Thema's", "Themes", "codes", "Thema's.", "Themes.", vocabulary=Theme)
REFERENCE = Column("externalRef", "Referentie", "Reference", "reference", "Ref.", "Ref.",
                   required=True)
START = Column("startDate", "Startdatum", "Start date", "date", "Start.", "Start.",
               required=True)
TABLE = Table("initiatives", "Initiatieven", "Initiatives", (REFERENCE, START, THEMES))


@pytest.mark.parametrize(("header", "expected"), [
    ("Start-Datum", "startdatum"), ("start_datum", "startdatum"), (" Start. datum ", "startdatum"),
    ("Thema’s", "themas"), ("Créé", "cree"), ("\ufeffNaam", "naam"), ("ﬁets", "fiets"),
])
def test_normalised_ignores_case_accents_spaces_and_dashes(header: str, expected: str) -> None:
    assert normalised(header) == expected


def test_headers_match_by_name_dutch_label_or_english_label() -> None:
    found = match_headers(TABLE, ["REFERENCE", "", "start date", "Thema’s", "Opmerking"])
    assert found.columns == {0: REFERENCE, 2: START, 3: THEMES}
    assert (found.unknown, found.missing) == (["Opmerking"], [])


def test_absent_required_columns_are_missing_and_reported() -> None:
    found = match_headers(TABLE, ["themes", "Kleur"])
    assert found.missing == [REFERENCE, START]
    problems = header_problems(found)
    assert [(p.code, p.column) for p in problems] == [
        ("unknown-column", "Kleur"), ("missing-column", None), ("missing-column", None)]
    assert "Startdatum" in problems[2].message and "Start date" in problems[2].message_en


def test_two_headers_for_one_column_are_refused() -> None:
    with pytest.raises(FileRefused) as refused:
        match_headers(TABLE, ["Referentie", "externalRef"])
    assert [(p.code, p.column) for p in refused.value.problems] == [
        ("duplicate-header", "externalRef")]


def test_a_problem_cuts_long_values_and_a_refusal_needs_a_reason() -> None:
    assert Problem("x", "nl", "en", value="a" * 500).value == "a" * 199 + "…"
    with pytest.raises(ValueError, match="at least one"):
        FileRefused([])
