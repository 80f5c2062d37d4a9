"""An uploaded table file (CSV or XLSX, told apart by content) read into headers and raw cells;
FileRefused when the file as a whole is unusable. Reading the cells is cells.py's work.

- CSV: UTF-8 (BOM or not), else Windows-1252; UTF-16 with a BOM too (Excel's "Unicode text").
  The delimiter is the one of , ; TAB | the header line holds most often outside quotes:
  headers hold no delimiters, data may ('Tuin, "groen", samen' fools csv.Sniffer, which only
  breaks ties). No delimiter in the header line means one column. Unclosed quotes refuse.
- XLSX: the values by calamine, formulas from the sheet's XML (workbook.py); a zip that
  unpacks to more than MAX_UNPACKED_BYTES is refused first.
- The header row is the first non-empty row; empty rows are skipped. `row_numbers` holds per
  data row the row number a spreadsheet shows, for the report."""

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from api.tabular.headers import check_header_row
from api.tabular.problems import FileRefused, Problem, capped, shown
from api.tabular.workbook import read_sheet, sheet_titles

DELIMITERS = ",;\t|"
_NO_DELIMITER = "\x00"  # never in the text: files holding NUL are refused as binary
# Sheets of our own template that explain rather than hold data; the data sheet comes first.
NOT_DATA_SHEETS = frozenset({"toelichting", "lijsten", "bron", "veldenlijst"})
MAX_UNPACKED_BYTES = 200_000_000
_OLE = b"\xd0\xcf\x11\xe0"
_SIGNATURES = ((b"%PDF", "een PDF-bestand", "a PDF file"), *(
    (magic, "een afbeelding", "an image") for magic in (b"\x89PNG", b"\xff\xd8\xff", b"GIF8")))
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")  # never in text; a sign of a binary file

Record = tuple[int, list[object]]  # the row number a spreadsheet shows, and the row's cells


@dataclass(frozen=True)
class RawTable:
    """A file's header row and data rows, cells as read (str for CSV, openpyxl values)."""

    headers: list[str]  # as written, stripped; "" for an empty header between others
    rows: list[list[object]]  # each as long as headers
    sheet: str | None  # the XLSX sheet read
    row_numbers: list[int] = field(default_factory=list)  # per row, as a spreadsheet shows it


def read_table(content: bytes, filename: str, *, max_rows: int = 100_000,
               sheet: str | None = None) -> RawTable:
    """Read a CSV or XLSX file; raises FileRefused when the file as a whole is unusable."""
    if not content:
        raise _empty(filename)
    if _is_workbook(content, filename):
        return _read_xlsx(content, filename, max_rows, sheet)
    return _shaped(_csv_records(_decoded(content, filename)), None, max_rows, filler="")


def _refused(code: str, message: str, message_en: str, row: int | None = None) -> FileRefused:
    return FileRefused([Problem(code, message, message_en, row=row)])


def _empty(filename: str) -> FileRefused:
    return _refused("empty-file", f"Het bestand '{filename}' is leeg.",
                    f"The file '{filename}' is empty.")


def _not_a_table(filename: str, what: str, what_en: str) -> FileRefused:
    return _refused(
        "unsupported-type",
        f"'{filename}' is {what} en geen CSV- of Excel-bestand. Sla het op als .xlsx of .csv.",
        f"'{filename}' is {what_en}, not a CSV or Excel file. Save it as .xlsx or .csv.")


def _is_workbook(content: bytes, filename: str) -> bool:
    """True for XLSX; False for what may be text; refuses every other kind of file."""
    if content.startswith(_OLE):
        raise _refused(
            "old-excel",
            f"'{filename}' is een oud Excel-bestand (.xls) of een met een wachtwoord beveiligd "
            "bestand. Sla het bestand op als .xlsx of .csv, zonder wachtwoord.",
            f"'{filename}' is an old Excel file (.xls) or a password-protected file. "
            "Save as .xlsx or .csv, without a password.")
    for signature, what, what_en in _SIGNATURES:
        if content.startswith(signature):
            raise _not_a_table(filename, what, what_en)
    if not content.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
            mimetype = archive.read("mimetype") if "mimetype" in names else b""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError):
        raise _not_a_table(filename, "een beschadigd zip-bestand", "a damaged zip file") from None
    if "xl/workbook.xml" not in names:
        if b"opendocument.spreadsheet" in mimetype:
            raise _not_a_table(filename, "een OpenDocument-rekenblad (.ods)",
                               "an OpenDocument spreadsheet (.ods)")
        raise _not_a_table(filename, "een zip-bestand", "a zip file")
    if unpacked > MAX_UNPACKED_BYTES:
        raise _refused("too-large", f"'{filename}' is uitgepakt te groot om in te lezen.",
                       f"'{filename}' is too large once unpacked to be read.")
    return True


def _decoded(content: bytes, filename: str) -> str:
    """The file's text: UTF-16 with a BOM, UTF-8 (BOM or not), else Windows-1252."""
    binary = _not_a_table(filename, "geen tekst", "not text")
    utf16 = content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if b"\x00" in content and not utf16:
        raise binary
    try:
        text = content.decode("utf-16") if utf16 else _utf8_or_windows(content)
    except UnicodeDecodeError:
        raise binary from None
    if _CONTROL.search(text.rstrip("\x1a")):  # \x1a: the end-of-file mark of old DOS files
        raise binary
    start = text.lstrip()[:1]
    if not start:
        raise _empty(filename)
    if start == "<":
        raise _not_a_table(filename, "een HTML- of XML-bestand", "an HTML or XML file")
    if start in "{[":
        raise _not_a_table(filename, "een JSON-bestand (gebruik daarvoor de JSON-import)",
                           "a JSON file (use the JSON import for it)")
    return text.rstrip("\x1a")


def _utf8_or_windows(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252")


def _csv_records(text: str) -> Iterator[Record]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            yield number, list(cells)
    except csv.Error:
        raise _refused(
            "unreadable",
            f"Rij {number + 1} is niet te lezen; kijk of elk aanhalingsteken (\") gesloten wordt.",
            f"Row {number + 1} cannot be read; check that every quote (\") is closed.",
            row=number + 1) from None


def _delimiter(text: str) -> str:
    counts = _counts_in_header_line(text)
    most = max(counts.values())
    if most == 0:
        return _NO_DELIMITER  # one header, so one column: "A, B" below it is one value
    leaders = [delimiter for delimiter, count in counts.items() if count == most]
    if len(leaders) == 1:
        return leaders[0]
    try:
        sniffed = csv.Sniffer().sniff(text[:65_536], delimiters="".join(leaders)).delimiter
    except csv.Error:
        return leaders[0]
    return sniffed if sniffed in leaders else leaders[0]


def _counts_in_header_line(text: str) -> dict[str, int]:
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    blank_lines = re.match(r"(?:[ \t\r]*\n)*", text)
    for char in text[blank_lines.end() if blank_lines else 0:]:
        if char == '"':
            quoted = not quoted
        elif char in "\r\n" and not quoted:
            break
        elif char in counts and not quoted:
            counts[char] += 1
    return counts


def _read_xlsx(content: bytes, filename: str, max_rows: int, sheet: str | None) -> RawTable:
    try:
        chosen = read_sheet(content, _data_sheet(sheet_titles(content), sheet))
    except FileRefused:
        raise
    except Exception:  # an untrusted file can break the parser anywhere: all mean unreadable
        raise _refused("unreadable", f"'{filename}' is een beschadigd Excel-bestand.",
                       f"'{filename}' is a damaged Excel file.") from None
    merged = [Problem(
        "merged-cells",
        f"De cellen {cells} zijn samengevoegd; maak dat ongedaan, zodat elke cel een eigen "
        "waarde heeft.", f"The cells {cells} are merged; unmerge them, so each cell holds "
        "its own value.", row=row,
    ) for cells, row in chosen.merged]
    if merged:
        raise FileRefused(capped(merged))
    records = ((number, cells) for number, cells in enumerate(chosen.rows, start=1))
    table = _shaped(records, chosen.title, max_rows, filler=None)
    if chosen.formulas:
        raise FileRefused(capped([_formula(table.headers, *cell) for cell in chosen.formulas]))
    return table


def _data_sheet(titles: list[tuple[str, bool]], name: str | None) -> str:
    chosen = next((title for title, _ in titles if title == name), None) if name else next(
        (title for title, visible in titles
         if visible and title.strip().casefold() not in NOT_DATA_SHEETS), None)
    if chosen is None:
        listed = ", ".join(title for title, _ in titles)
        wanted, wanted_en = (f"geen tabblad '{name}'", f"no sheet '{name}'") if name \
            else ("geen tabblad met gegevens", "no sheet with data")
        raise _refused("no-sheet", f"Het bestand heeft {wanted}; de tabbladen zijn: {listed}.",
                       f"The file has {wanted_en}; its sheets are: {listed}.")
    return chosen


def _formula(headers: list[str], row: int, column: int, formula: str) -> Problem:
    cell = f"{get_column_letter(column)}{row}"
    header = headers[column - 1] if column <= len(headers) and headers[column - 1] else None
    return Problem(
        "formula",
        f"Cel {cell} bevat een formule. Plak alleen waarden (Plakken speciaal > Waarden).",
        f"Cell {cell} holds a formula. Paste values only (Paste Special > Values).",
        row=row, column=header, value=formula)


def _is_empty(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _shaped(records: Iterable[Record], sheet: str | None, max_rows: int,
            filler: str | None) -> RawTable:
    """Header row and data rows, empty rows skipped, every row as wide as the headers."""
    remaining = iter(records)
    first = next((record for record in remaining if not all(map(_is_empty, record[1]))), None)
    if first is None:
        raise _refused("empty-file", "Het bestand bevat geen gegevens.",
                       "The file holds no data.")
    headers = [_header_text(cell) for cell in first[1]]
    while headers and not headers[-1]:
        headers.pop()
    check_header_row(headers, first[0])
    rows: list[list[object]] = []
    numbers: list[int] = []
    stray: list[Problem] = []
    for number, cells in remaining:
        if all(map(_is_empty, cells)):
            continue
        if len(rows) == max_rows:
            raise _too_many_rows(max_rows)
        stray.extend(_stray_cell(headers, number, cells))
        rows.append(cells[: len(headers)] + [filler] * (len(headers) - len(cells)))
        numbers.append(number)
    if stray:
        raise FileRefused(capped(stray))
    return RawTable(headers, rows, sheet, numbers)


def _header_text(cell: object) -> str:
    return "" if cell is None else shown(cell).replace("\ufeff", "").strip()


def _stray_cell(headers: list[str], number: int, cells: list[object]) -> list[Problem]:
    """A problem when the row has a value in a column without a header, else none."""
    index = next((index for index, cell in enumerate(cells)
                  if not _is_empty(cell) and (index >= len(headers) or not headers[index])), None)
    if index is None:
        return []
    letter = get_column_letter(index + 1)
    return [Problem(
        "extra-cells",
        f"Rij {number} heeft een waarde in kolom {letter}, die geen kolomkop heeft.",
        f"Row {number} has a value in column {letter}, which has no header.",
        row=number, value=shown(cells[index]))]


def _too_many_rows(max_rows: int) -> FileRefused:
    limit = f"{max_rows:,}".replace(",", ".")
    return _refused(
        "too-many-rows",
        f"Het bestand heeft meer dan {limit} rijen; meer kunnen niet in één keer worden "
        "ingelezen. Splits het bestand.",
        f"The file has more than {max_rows:,} rows; no more can be imported at once. "
        "Split the file.")
