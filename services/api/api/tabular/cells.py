"""One imported cell read as its column's kind; what cannot be read raises CellProblem, which
names the column by its label and shows the accepted forms.

- The apostrophe our exports put before a text starting with = + - @ TAB or CR (so that a
  spreadsheet does not run it as a formula) is removed from every cell, of every kind.
- Numbers: one separator is a decimal separator ("3,5" = "3.5" = 3.5), except that in an
  integer column "1.234" is 1234 (a Dutch thousands point: exactly three digits after the
  point, at most three before). "1.234,5" and "1,234.5" are read by which separator comes
  last; "1.234.567" and "1,234,567" are thousands. Spaces and "€" are ignored; "1,2,3" fails.
- Dates: a time after the date is ignored; two-digit years are refused (which century?).
- Several codes are split on ";" or "|", and on "," only where the comma is not inside a
  label ("Openbare ruimte (schoon, heel, veilig)" is one code)."""

import difflib
import math
import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from functools import cache

from api.tabular.columns import Column
from api.tabular.headers import normalised
from api.tabular.problems import Problem, brief, shown
from api.tabular.writers import FORMULA_STARTS
from api.vocabularies.labels import BY_NAME

REFERENCE_MAX_LENGTH = 100
_LISTED_CODES = 15  # a vocabulary this small is listed in the message in full

_PLAIN = re.compile(r"[+-]?\d+")
_ONE_SEPARATOR = re.compile(r"(?P<whole>[+-]?\d*)(?P<sep>[.,])(?P<fraction>\d+)")
_DUTCH = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+,\d+")
_ENGLISH = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+\.\d+")
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:\.\d{3}){2,}|[+-]?\d{1,3}(?:,\d{3}){2,}")

_TIME = r"\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
_ZONE = r"(?:Z|[+-]\d{2}:?\d{2})?"
_ISO_DATE = re.compile(rf"(\d{{4}})-(\d{{1,2}})-(\d{{1,2}})(?:[T ]{_TIME}{_ZONE})?")
_DUTCH_DATE = re.compile(rf"(\d{{1,2}})([-/.])(\d{{1,2}})\2(\d{{4}})(?: {_TIME})?")

_TRUE = frozenset({"ja", "j", "waar", "true", "yes", "1"})
_FALSE = frozenset({"nee", "n", "onwaar", "false", "no", "0"})


class CellProblem(Exception):
    """A cell that cannot be read as its column's kind."""

    def __init__(self, code: str, message: str, message_en: str,
                 suggestion: str | None = None) -> None:
        super().__init__(message_en)
        self.code = code
        self.message = message
        self.message_en = message_en
        self.suggestion = suggestion

    def at(self, row: int, header: str, value: object) -> Problem:
        """This problem placed in the report at a row and column."""
        return Problem(self.code, self.message, self.message_en, row=row, column=header,
                       value=shown(value), suggestion=self.suggestion)


def required_problem(column: Column, row: int, header: str) -> Problem:
    """The report's line for an empty cell in a required column."""
    return Problem("required", f"{column.label} is verplicht maar leeg.",
                   f"{column.label_en} is required but empty.", row=row, column=header)


def parse_cell(column: Column, value: object) -> object:
    """The cell's value as its column's kind, or None when empty."""
    if value is None or (isinstance(value, str) and not _unguarded(value)):
        return None
    return _PARSERS[column.kind](column, value)


def _unguarded(text: str) -> str:
    text = text.strip()
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_STARTS:
        return text[1:].strip()
    return text


def _as_text(value: object) -> str:
    """A cell as text: numbers from XLSX without a needless ".0", dates as ISO."""
    if isinstance(value, str):
        return _unguarded(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() \
            else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _text(column: Column, value: object) -> str:
    return _limited(column, _as_text(value), column.max_length)


def _reference(column: Column, value: object) -> str:
    return _limited(column, _as_text(value), column.max_length or REFERENCE_MAX_LENGTH)


def _limited(column: Column, text: str, max_length: int | None) -> str:
    if max_length is not None and len(text) > max_length:
        raise CellProblem(
            "too-long",
            f"{column.label} is {len(text)} tekens lang; het mag hoogstens {max_length} zijn.",
            f"{column.label_en} is {len(text)} characters long; at most {max_length} allowed.")
    return text


def _number(column: Column, value: object, *, whole: bool) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _bad_number(column, value, whole=whole)
    if isinstance(value, int | float):
        if not math.isfinite(value):
            raise _bad_number(column, value, whole=whole)
        return Decimal(value)
    number = _decimal_from_text(_unguarded(value), whole=whole)
    if number is None:
        raise _bad_number(column, value, whole=whole)
    return number


def _decimal_from_text(text: str, *, whole: bool) -> Decimal | None:
    text = re.sub(r"\s", "", text.replace("€", "")).replace("−", "-")
    if _PLAIN.fullmatch(text):
        return Decimal(text)
    if _DUTCH.fullmatch(text):
        return Decimal(text.replace(".", "").replace(",", "."))
    if _THOUSANDS.fullmatch(text):
        return Decimal(re.sub(r"[.,]", "", text))
    if _ENGLISH.fullmatch(text):
        return Decimal(text.replace(",", ""))
    one = _ONE_SEPARATOR.fullmatch(text)
    if one is None:
        return None
    digits_before = len(one["whole"].lstrip("+-"))
    if whole and one["sep"] == "." and len(one["fraction"]) == 3 and 1 <= digits_before <= 3:
        return Decimal(one["whole"] + one["fraction"])  # "1.234": a Dutch thousands point
    return Decimal(f"{one['whole']}.{one['fraction']}")


def _bad_number(column: Column, value: object, *, whole: bool) -> CellProblem:
    example, example_en = ("12", "12") if whole else ("1234,5", "1234.5")
    return CellProblem(
        "bad-number",
        f"'{brief(value)}' is geen getal voor {column.label}; schrijf bijvoorbeeld {example}.",
        f"'{brief(value)}' is not a number for {column.label_en}; write e.g. {example_en}.")


def _integer(column: Column, value: object) -> int:
    number = _number(column, value, whole=True)
    if number != number.to_integral_value():
        raise CellProblem(
            "not-whole",
            f"'{brief(value)}' is geen geheel getal; {column.label} vraagt een geheel getal.",
            f"'{brief(value)}' is not a whole number; {column.label_en} needs a whole number.")
    return int(number)


def _date(column: Column, value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _unguarded(value) if isinstance(value, str) else ""
    if iso := _ISO_DATE.fullmatch(text):
        year, month, day = iso[1], iso[2], iso[3]
    elif dutch := _DUTCH_DATE.fullmatch(text):
        year, month, day = dutch[4], dutch[3], dutch[1]
    else:
        raise _bad_date(column, value, "is geen datum", "is not a date")
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise _bad_date(column, value, "is geen bestaande datum",
                        "is not a date that exists") from None


def _bad_date(column: Column, value: object, what: str, what_en: str) -> CellProblem:
    return CellProblem(
        "bad-date",
        f"'{brief(value)}' {what} voor {column.label}; schrijf 2010-12-31 of 31-12-2010 "
        "(ook 31/12/2010 of 31.12.2010).",
        f"'{brief(value)}' {what_en} for {column.label_en}; write 2010-12-31 or 31-12-2010 "
        "(also 31/12/2010 or 31.12.2010).")


def _boolean(column: Column, value: object) -> bool:
    if isinstance(value, bool):
        return value
    word = _as_text(value).casefold() if isinstance(value, str | int | float) else ""
    if word in _TRUE or word in _FALSE:
        return word in _TRUE
    raise CellProblem(
        "bad-boolean",
        f"'{brief(value)}' is geen ja of nee voor {column.label}; schrijf ja of nee.",
        f"'{brief(value)}' is not yes or no for {column.label_en}; write yes or no.")


@cache
def _terms(vocabulary: type[StrEnum]) -> tuple[dict[str, StrEnum], dict[str, StrEnum]]:
    """Each code and label, casefolded and normalised, to its code."""
    labels = next((v.labels for v in BY_NAME.values() if v.codes is vocabulary), {})
    exact: dict[str, StrEnum] = {}
    loose: dict[str, StrEnum] = {}
    for member in vocabulary:
        for term in (member.value, *labels.get(member, ())):
            exact.setdefault(term.casefold(), member)
            loose.setdefault(normalised(term), member)
    return exact, loose


def _vocabulary(column: Column) -> type[StrEnum]:
    if column.vocabulary is None:
        raise TypeError(f"column {column.name} of kind {column.kind} has no vocabulary")
    return column.vocabulary


def _find_code(vocabulary: type[StrEnum], text: str) -> StrEnum | None:
    exact, loose = _terms(vocabulary)
    return exact.get(text.casefold()) or loose.get(normalised(text))


def _code(column: Column, value: object) -> StrEnum:
    vocabulary = _vocabulary(column)
    text = _as_text(value)
    found = _find_code(vocabulary, text)
    if found is None:
        raise _unknown_code(column, vocabulary, text)
    return found


def _unknown_code(column: Column, vocabulary: type[StrEnum], text: str) -> CellProblem:
    exact, _ = _terms(vocabulary)
    close = difflib.get_close_matches(text.casefold(), list(exact), n=1, cutoff=0.6)
    if close:
        code = exact[close[0]].value
        return CellProblem(
            "unknown-code",
            f"Onbekende waarde '{brief(text)}' voor {column.label}; bedoelde u '{code}'?",
            f"Unknown value '{brief(text)}' for {column.label_en}; did you mean '{code}'?",
            suggestion=code)
    codes = [member.value for member in vocabulary]
    if len(codes) <= _LISTED_CODES:
        listed = ", ".join(codes)
        where, where_en = f"Geldige waarden: {listed}.", f"Valid values: {listed}."
    else:
        where = "De geldige waarden staan in de veldenlijst."
        where_en = "The valid values are in the field list."
    return CellProblem("unknown-code",
                       f"Onbekende waarde '{brief(text)}' voor {column.label}. {where}",
                       f"Unknown value '{brief(text)}' for {column.label_en}. {where_en}")


def _codes(column: Column, value: object) -> list[StrEnum] | None:
    vocabulary = _vocabulary(column)
    found: list[StrEnum] = []
    for piece in re.split(r"[;|]", _as_text(value)):
        for part in _comma_parts(vocabulary, piece.strip()):
            found.append(_code(column, part))
    return list(dict.fromkeys(found)) or None


def _comma_parts(vocabulary: type[StrEnum], piece: str) -> list[str]:
    """Split on commas, but keep together the longest run of parts that is a known term."""
    parts = [part.strip() for part in piece.split(",")]
    result: list[str] = []
    start = 0
    while start < len(parts):
        end = next((end for end in range(len(parts), start + 1, -1)
                    if _find_code(vocabulary, ", ".join(parts[start:end]))), start + 1)
        result.append(", ".join(parts[start:end]))
        start = end
    return [part for part in result if part]


def _areas(column: Column, value: object) -> list[str] | None:
    parts = (part.strip() for part in re.split(r"[;,|]", _as_text(value)))
    return list(dict.fromkeys(part for part in parts if part)) or None


_PARSERS: dict[str, Callable[[Column, object], object]] = {
    "text": _text, "integer": _integer, "date": _date, "boolean": _boolean, "code": _code,
    "codes": _codes, "reference": _reference, "areas": _areas,
    "decimal": lambda column, value: float(_number(column, value, whole=False)),
    "area": lambda _, value: _as_text(value),  # the service finds the area it names
}
