"""Reading one imported cell as its column's kind: the forms people type and Excel stores, and
the problems (with Dutch and English messages naming the column) for what cannot be read."""

from datetime import date, datetime

import pytest

from api.tabular.cells import CellProblem, parse_cell, required_problem
from api.tabular.columns import Column, Kind
from api.vocabularies.models import FundingScheme, Theme


def _column(kind: Kind, **options: object) -> Column:
    return Column(f"a{kind.title()}", f"Veld {kind}", f"Field {kind}", kind, "Betekenis.",
                  "Meaning.", **options)  # type: ignore[arg-type]


TEXT = _column("text", max_length=10)
INTEGER = _column("integer")
DECIMAL = _column("decimal")
DATE = _column("date")
BOOLEAN = _column("boolean")
THEME = Column("theme", "Thema", "Theme", "code", "Thema.", "Theme.", vocabulary=Theme)
THEMES = Column("themes", "Thema's", "Themes", "codes", "Thema's.", "Themes.", vocabulary=Theme)
SCHEME = Column("scheme", "Regeling", "Scheme", "code", "Regeling.", "Scheme.",
                vocabulary=FundingScheme)
REFERENCE = _column("reference")
AREA = _column("area")
AREAS = _column("areas")


def _problem(column: Column, value: object) -> CellProblem:
    with pytest.raises(CellProblem) as problem:
        parse_cell(column, value)
    return problem.value


@pytest.mark.parametrize("column", [TEXT, INTEGER, DECIMAL, DATE, BOOLEAN, THEME, THEMES,
                                    REFERENCE, AREA, AREAS])
@pytest.mark.parametrize("value", [None, "", "   ", "\t\r\n"])
def test_empty_cells_are_none_whatever_the_kind(column: Column, value: object) -> None:
    assert parse_cell(column, value) is None


# text and reference


@pytest.mark.parametrize(("value", "expected"), [
    ("  Moestuin ", "Moestuin"), ("'=1+1", "=1+1"), ("'+31 6", "+31 6"), ("'-min", "-min"),
    ("'@home", "@home"), ("'\tx", "x"), ("'gewoon", "'gewoon"), (12, "12"), (12.0, "12"),
    (2.5, "2.5"), (datetime(2010, 12, 31), "2010-12-31"), (True, "true"),
])
def test_text_is_trimmed_and_our_formula_guard_removed(value: object, expected: str) -> None:
    assert parse_cell(TEXT, value) == expected


def test_text_longer_than_its_maximum_is_too_long() -> None:
    assert parse_cell(TEXT, "a" * 10) == "a" * 10
    problem = _problem(TEXT, "a" * 11)
    assert problem.code == "too-long"
    assert "Veld text" in problem.message and "10" in problem.message
    assert "Field text" in problem.message_en


def test_a_reference_is_text_of_at_most_100_characters() -> None:
    assert parse_cell(REFERENCE, " ABC-1 ") == "ABC-1"
    assert parse_cell(REFERENCE, 1234) == "1234"
    assert parse_cell(REFERENCE, "r" * 100) == "r" * 100
    assert _problem(REFERENCE, "r" * 101).code == "too-long"


# numbers


@pytest.mark.parametrize(("value", "expected"), [
    ("12", 12), (" 12 ", 12), ("-3", -3), ("+4", 4), ("12,0", 12), ("12.0", 12),
    ("1.234", 1234), ("1.234.567", 1234567), ("1,234,567", 1234567), ("1.234,0", 1234),
    ("1 234", 1234), (7, 7), (7.0, 7), ("'-5", -5), ("12345678901234567890", 12345678901234567890),
])
def test_integers(value: object, expected: int) -> None:
    result = parse_cell(INTEGER, value)
    assert result == expected
    assert type(result) is int


@pytest.mark.parametrize("value", ["12,5", "12.5", "1,234", "1234.567", 2.5])
def test_integers_that_are_not_whole_say_so(value: object) -> None:
    problem = _problem(INTEGER, value)
    assert problem.code == "not-whole"
    assert "Veld integer" in problem.message and "geheel getal" in problem.message


@pytest.mark.parametrize("value", ["abc", "1,2,3", "12a", "1e3", True, False,
                                   float("nan"), float("inf"), date(2010, 1, 1), "12."])
def test_integers_that_are_no_number_at_all(value: object) -> None:
    assert _problem(INTEGER, value).code == "bad-number"


@pytest.mark.parametrize(("value", "expected"), [
    ("3,5", 3.5), ("3.5", 3.5), ("1.234,5", 1234.5), ("1,234.5", 1234.5), (" 12 ", 12.0),
    ("€ 1.234,50", 1234.5), ("€12", 12.0), ("-0,25", -0.25), (",5", 0.5), ("−2,5", -2.5),
    ("1.234", 1.234), ("1,234", 1.234), ("1.234.567", 1234567.0), (7, 7.0), (2.25, 2.25),
])
def test_decimals_with_a_comma_or_a_point(value: object, expected: float) -> None:
    result = parse_cell(DECIMAL, value)
    assert result == pytest.approx(expected)
    assert type(result) is float


@pytest.mark.parametrize("value", ["abc", "1,2,3", "1.2.3", "1,23.4,5", "1.23,4", "3,5 kg",
                                   "$5", True, float("nan"), datetime(2010, 1, 1)])
def test_decimals_that_are_no_number(value: object) -> None:
    problem = _problem(DECIMAL, value)
    assert problem.code == "bad-number"
    assert "Veld decimal" in problem.message and "Field decimal" in problem.message_en


def test_a_bad_number_message_names_the_value() -> None:
    problem = _problem(DECIMAL, "1,2,3")
    assert "'1,2,3'" in problem.message and "'1,2,3'" in problem.message_en


# dates


@pytest.mark.parametrize(("value", "expected"), [
    ("2010-12-31", date(2010, 12, 31)), ("31-12-2010", date(2010, 12, 31)),
    ("31/12/2010", date(2010, 12, 31)), ("31.12.2010", date(2010, 12, 31)),
    ("1-2-2010", date(2010, 2, 1)), ("2010-12-31T00:00:00", date(2010, 12, 31)),
    ("2010-12-31 13:45", date(2010, 12, 31)), ("2010-12-31T10:00:00+01:00", date(2010, 12, 31)),
    ("31-12-2010 0:00", date(2010, 12, 31)), (" 2010-1-5 ", date(2010, 1, 5)),
    (datetime(2010, 12, 31, 15, 30), date(2010, 12, 31)), (date(2010, 12, 31), date(2010, 12, 31)),
])
def test_dates_iso_dutch_and_from_excel(value: object, expected: date) -> None:
    result = parse_cell(DATE, value)
    assert result == expected
    assert type(result) is date


@pytest.mark.parametrize("value", ["31-02-2010", "2010-13-01", "2010-02-30", "00-01-2010"])
def test_dates_that_do_not_exist(value: str) -> None:
    problem = _problem(DATE, value)
    assert problem.code == "bad-date"
    assert "bestaande datum" in problem.message


@pytest.mark.parametrize("value", ["31-12-10", "31-12/2010", "december 2010", "2010/12/31",
                                   "20101231", 40543, 40543.0, True])
def test_dates_in_other_forms_show_the_accepted_forms(value: object) -> None:
    problem = _problem(DATE, value)
    assert problem.code == "bad-date"
    assert "2010-12-31" in problem.message and "31-12-2010" in problem.message
    assert "Veld date" in problem.message and "Field date" in problem.message_en


# booleans


@pytest.mark.parametrize(("value", "expected"), [
    ("ja", True), ("Ja", True), ("J", True), ("waar", True), ("TRUE", True), ("yes", True),
    ("1", True), (1, True), (1.0, True), (True, True), (" nee ", False), ("n", False),
    ("Onwaar", False), ("false", False), ("No", False), ("0", False), (0, False), (False, False),
])
def test_booleans(value: object, expected: bool) -> None:
    assert parse_cell(BOOLEAN, value) is expected


@pytest.mark.parametrize("value", ["misschien", "2", 2, "x", date(2010, 1, 1)])
def test_what_is_not_yes_or_no(value: object) -> None:
    problem = _problem(BOOLEAN, value)
    assert problem.code == "bad-boolean"
    assert "Veld boolean" in problem.message


# codes


@pytest.mark.parametrize(("value", "expected"), [
    ("groen", Theme.GROEN), ("GROEN ", Theme.GROEN), ("Greenery", Theme.GROEN),
    ("openbare-ruimte", Theme.OPENBARE_RUIMTE), ("Openbare ruimte", Theme.OPENBARE_RUIMTE),
    ("openbare ruimte (schoon, heel, veilig)", Theme.OPENBARE_RUIMTE),
    ("Taal en educatie", Theme.TAAL_EDUCATIE), ("taal_educatie", Theme.TAAL_EDUCATIE),
])
def test_a_code_by_code_dutch_or_english_label(value: str, expected: Theme) -> None:
    result = parse_cell(THEME, value)
    assert result is expected


def test_an_unknown_code_suggests_the_closest_code() -> None:
    problem = _problem(THEMES, "groenn")
    assert (problem.code, problem.suggestion) == ("unknown-code", "groen")
    assert problem.message == "Onbekende waarde 'groenn' voor Thema's; bedoelde u 'groen'?"
    assert problem.message_en == "Unknown value 'groenn' for Themes; did you mean 'groen'?"
    assert _problem(THEME, "Greenry").suggestion == "groen"  # from the English label
    assert _problem(THEME, "jeugd en opvoedingg").suggestion == "jeugd"


def test_an_unknown_code_without_a_near_one_lists_the_codes() -> None:
    problem = _problem(THEME, "xyzzy")
    assert problem.suggestion is None
    assert "ontmoeting" in problem.message and "zorg-burenhulp" in problem.message_en


@pytest.mark.parametrize(("value", "expected"), [
    ("groen;jeugd", [Theme.GROEN, Theme.JEUGD]),
    ("groen; jeugd ;", [Theme.GROEN, Theme.JEUGD]),
    ("groen,jeugd", [Theme.GROEN, Theme.JEUGD]),
    ("groen|jeugd|groen", [Theme.GROEN, Theme.JEUGD]),
    ("Groen; Jeugd en opvoeding", [Theme.GROEN, Theme.JEUGD]),
    ("Openbare ruimte (schoon, heel, veilig), Groen", [Theme.OPENBARE_RUIMTE, Theme.GROEN]),
    ("Groen, Openbare ruimte (schoon, heel, veilig)", [Theme.GROEN, Theme.OPENBARE_RUIMTE]),
    ("cultuur", [Theme.CULTUUR]),
])
def test_several_codes(value: str, expected: list[Theme]) -> None:
    assert parse_cell(THEMES, value) == expected


def test_several_codes_with_one_unknown_name_it() -> None:
    problem = _problem(THEMES, "groen;jeugdd")
    assert (problem.code, problem.suggestion) == ("unknown-code", "jeugd")
    assert "'jeugdd'" in problem.message


def test_a_label_with_a_euro_amount_is_found_too() -> None:
    found = parse_cell(SCHEME, "Bewonersinitiatief (tot € 5.000)")
    assert found is FundingScheme.BEWONERSINITIATIEF


def test_a_code_column_without_vocabulary_is_a_programming_error() -> None:
    with pytest.raises(TypeError):
        parse_cell(_column("code"), "groen")


# areas


def test_areas_are_trimmed_text() -> None:
    assert parse_cell(AREA, " FD03 ") == "FD03"
    assert parse_cell(AREAS, "FD03; AA01,FD03 ;") == ["FD03", "AA01"]
    assert parse_cell(AREAS, ";") is None


# placing problems


def test_a_cell_problem_placed_at_a_row_and_column() -> None:
    placed = _problem(INTEGER, "x" * 300).at(7, "Aantal", "x" * 300)
    assert (placed.code, placed.row, placed.column) == ("bad-number", 7, "Aantal")
    assert placed.value is not None and len(placed.value) == 200
    assert "'" + "x" * 59 + "…'" in placed.message  # a long value is shortened in the sentence
    required = required_problem(TEXT, 3, "Titel")
    assert (required.code, required.row, required.column) == ("required", 3, "Titel")
    assert "Veld text" in required.message and "Field text" in required.message_en
