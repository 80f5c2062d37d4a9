"""Building export files: one table in a format, every table at once, and the open data."""

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import orjson
from sqlalchemy import select
from sqlmodel import Session

from api.areas.models import ATTRIBUTION as AREA_ATTRIBUTION
from api.exports import rows as readers
from api.initiatives.listing import InitiativeFilters, matching_ids
from api.tabular.columns import Column, Table
from api.tabular.tables import TABLES
from api.tabular.writers import Cell, Sheet, csv_bytes, dictionary_csv, dictionary_rows, xlsx_bytes

ATTRIBUTION = ("Bron: Buurtkracht, Gemeente Amsterdam (initiatieven, ondersteuning en "
               f"evaluaties in de Wijkaanpak). {AREA_ATTRIBUTION}")
LICENCE = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/deed.nl)"
FORMATS = {"csv": "text/csv; charset=utf-8",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
           "json": "application/json"}
# The tables in the order an import needs them: what is referred to comes first.
ORDER = ("initiatives", "professionals", "support-episodes", "evaluations", "outcome-measures")
OPEN_TABLES = ("initiatives", "support-episodes", "evaluations", "outcome-measures")


@dataclass(frozen=True)
class Extract:
    """One table's rows as exported: its columns (fewer for open data) and cells."""

    table: Table
    columns: tuple[Column, ...]
    rows: list[list[Cell]]


def extract(session: Session, resource: str, filters: InitiativeFilters, *,
            personal: bool, open_data: bool = False) -> Extract:
    """The table's rows for the initiatives that pass the filters; personal cells blank
    unless `personal`; only the open columns for open data."""
    table = TABLES[resource]
    initiative_ids = matching_ids(session, filters)
    if resource == "professionals":
        filtered = bool(filters.model_dump(exclude_defaults=True, exclude={"sort"}))
        ids = (readers.supporting_professionals(initiative_ids) if filtered
               else select(readers.PROFESSIONAL.c.id))
        rows = readers.professional_rows(session, ids)
    else:
        rows = readers.ROW_READERS[resource](session, initiative_ids)
    columns = table.open_columns if open_data else table.columns
    return Extract(table, columns, [_cells(table, columns, row, personal) for row in rows])


def _cells(table: Table, columns: Sequence[Column], row: list[Cell],
           personal: bool) -> list[Cell]:
    by_name = dict(zip((column.name for column in table.columns), row, strict=True))
    return [None if column.personal and not personal else by_name[column.name]
            for column in columns]


def file_name(resource: str, extension: str, today: date) -> str:
    return f"buurtkracht-{resource}-{today.isoformat()}.{extension}"


def render(found: Extract, export_format: str) -> bytes:
    if export_format == "csv":
        return csv_bytes(found.columns, found.rows)
    if export_format == "xlsx":
        return xlsx_bytes([Sheet(found.table.title, found.columns, found.rows)],
                          dictionary=dictionary_rows(found.columns), attribution=ATTRIBUTION)
    return json_document(found)


def json_document(found: Extract) -> bytes:
    """The rows as JSON objects keyed by column name, with the dictionary and the source."""
    names = [column.name for column in found.columns]
    header, *entries = dictionary_rows(found.columns)
    return orjson.dumps({
        "resource": found.table.resource,
        "title": found.table.title,
        "attribution": ATTRIBUTION,
        "fields": [dict(zip(header, entry, strict=True)) for entry in entries],
        "items": [dict(zip(names, row, strict=True)) for row in found.rows],
    })


def everything_xlsx(session: Session, filters: InitiativeFilters, *, personal: bool) -> bytes:
    """Every table as a sheet of one workbook, in import order."""
    return workbook([extract(session, resource, filters, personal=personal)
                     for resource in ORDER])


def workbook(found: Sequence[Extract]) -> bytes:
    """The tables as sheets of one workbook, with one field dictionary for all of them."""
    dictionary = [dictionary_rows(item.columns) for item in found]
    flat = [dictionary[0][0]] + [row for rows in dictionary for row in rows[1:]]
    return xlsx_bytes([Sheet(item.table.title, item.columns, item.rows) for item in found],
                      dictionary=flat, attribution=ATTRIBUTION)


def everything_zip(session: Session, filters: InitiativeFilters, *, personal: bool,
                   open_data: bool, today: date) -> bytes:
    """A ZIP of one CSV and one field dictionary per table, a README and, for open data,
    the licence. Open data leaves out the professionals and every personal or restricted
    column, whoever asks."""
    resources = OPEN_TABLES if open_data else ORDER
    found = [extract(session, resource, filters, personal=personal and not open_data,
                     open_data=open_data) for resource in resources]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in found:
            _write(archive, f"{item.table.resource}.csv", csv_bytes(item.columns, item.rows))
            _write(archive, f"{item.table.resource}-velden.csv", dictionary_csv(item.columns))
        _write(archive, "README.md", _readme(found, filters, open_data, today).encode())
        if open_data:
            _write(archive, "LICENCE.txt", _licence().encode())
    return buffer.getvalue()


def _write(archive: zipfile.ZipFile, name: str, content: bytes) -> None:
    # A fixed time stamp: the same data gives the same archive, byte for byte.
    archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), content)


def _readme(found: Sequence[Extract], filters: InitiativeFilters, open_data: bool,
            today: date) -> str:
    chosen = filters.model_dump(mode="json", exclude_defaults=True, exclude={"sort"})
    lines = [
        "# Buurtkracht — " + ("open data" if open_data else "export"),
        "",
        f"Datum: {today.isoformat()}. "
        f"Filters: {orjson.dumps(chosen).decode() if chosen else 'geen'}.",
        "",
        ATTRIBUTION,
        "",
    ]
    if open_data:
        lines += [f"Licentie: {LICENCE}. Zonder persoonsgegevens, adressen of professionals.",
                  ""]
    lines += ["| Bestand | Inhoud | Regels |", "|---|---|---|"]
    lines += [f"| {item.table.resource}.csv | {item.table.title} | {len(item.rows)} |"
              for item in found]
    lines += ["", "Elk bestand heeft een veldenlijst (`…-velden.csv`): kolom, betekenis, "
              "eenheid en codes. Teksten die met =, +, -, @ beginnen staan er met een "
              "apostrof voor (bescherming tegen formules in spreadsheets).", ""]
    return "\n".join(lines)


def _licence() -> str:
    return ("Deze gegevens vallen onder de licentie Creative Commons Naamsvermelding 4.0 "
            "Internationaal (CC BY 4.0): https://creativecommons.org/licenses/by/4.0/deed.nl\n"
            "This data is licensed under CC BY 4.0: "
            "https://creativecommons.org/licenses/by/4.0/\n\n"
            f"Naamsvermelding / attribution: {ATTRIBUTION}\n")

