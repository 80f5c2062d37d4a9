"""HTTP routes of /v1/exports: tables as CSV, XLSX or JSON; everything; the open data."""

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, Path, Query, Response

from api.auth.identity import Caller
from api.auth.rules import READ, READ_PERSONAL, allows, require
from api.db import SessionDep
from api.errors import FieldError, InvalidInput
from api.exports import service
from api.initiatives.listing import InitiativeFilters
from api.tabular.tables import TABLES
from api.tabular.template import template_xlsx
from api.tabular.writers import dictionary_csv

router = APIRouter(prefix="/v1/exports", tags=["exports"])
Reader = Annotated[Caller, Depends(require(READ))]
Filters = Annotated[InitiativeFilters, Query()]
Format = Literal["csv", "xlsx", "json"]
Resource = Annotated[str, Path(description="initiatives, professionals, support-episodes, "
                                           "evaluations or outcome-measures")]
ACCEPTED = {"text/csv": "csv", service.FORMATS["xlsx"]: "xlsx", "application/json": "json"}


def _table_of(resource: str) -> None:
    if resource not in TABLES:
        raise InvalidInput([FieldError(
            "resource", "unknown-resource",
            f"Onbekende tabel '{resource}'; kies uit {', '.join(TABLES)}. / Unknown table.",
            "path")])


def _negotiated(chosen: Format | None, accept: str | None) -> str:
    """The `format` parameter, else the first format the Accept header names, else JSON."""
    if chosen is not None:
        return chosen
    for part in (accept or "").split(","):
        media = part.split(";")[0].strip().lower()
        if media in ACCEPTED:
            return ACCEPTED[media]
    return "json"


def _download(content: bytes, media_type: str, name: str, described_by: str | None) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    if described_by is not None:
        headers["Link"] = f'<{described_by}>; rel="describedby"'
    return Response(content, media_type=media_type, headers=headers)


@router.get("/open-data", summary="Open data: a ZIP without personal or restricted fields")
def open_data(session: SessionDep, caller: Reader, filters: Filters) -> Response:
    content = service.everything_zip(session, filters, personal=False, open_data=True,
                                     today=date.today())
    return _download(content, "application/zip",
                     f"buurtkracht-open-data-{date.today().isoformat()}.zip", None)


@router.get("/all", summary="Every table: a ZIP of CSV files, or one XLSX workbook")
def everything(session: SessionDep, caller: Reader, filters: Filters,
               format: Literal["zip", "xlsx"] = "zip") -> Response:
    personal = allows(READ_PERSONAL, caller)
    if format == "xlsx":
        content = service.everything_xlsx(session, filters, personal=personal)
        return _download(content, service.FORMATS["xlsx"],
                         service.file_name("alles", "xlsx", date.today()), None)
    content = service.everything_zip(session, filters, personal=personal, open_data=False,
                                     today=date.today())
    return _download(content, "application/zip",
                     service.file_name("alles", "zip", date.today()), None)


@router.get("/{resource}", summary="One table, filtered like the list of initiatives")
def export_table(session: SessionDep, caller: Reader, filters: Filters, resource: Resource,
                 format: Format | None = None,
                 accept: Annotated[str | None, Header()] = None) -> Response:
    _table_of(resource)
    chosen = _negotiated(format, accept)
    found = service.extract(session, resource, filters, personal=allows(READ_PERSONAL, caller))
    return _download(service.render(found, chosen), service.FORMATS[chosen],
                     service.file_name(resource, chosen, date.today()),
                     f"/v1/exports/{resource}/fields")


@router.get("/{resource}/fields", summary="The field dictionary (codebook) of one table")
def fields(resource: Resource, caller: Reader, format: Literal["csv", "json"] = "json",
           ) -> Response:
    _table_of(resource)
    columns = TABLES[resource].columns
    if format == "csv":
        return _download(dictionary_csv(columns), service.FORMATS["csv"],
                         f"buurtkracht-{resource}-velden.csv", None)
    found = service.Extract(TABLES[resource], columns, [])
    return Response(service.json_document(found), media_type="application/json")


@router.get("/{resource}/template", summary="An XLSX import template with drop-down lists")
def template(resource: Resource, caller: Reader) -> Response:
    _table_of(resource)
    return _download(template_xlsx(TABLES[resource], service.ATTRIBUTION),
                     service.FORMATS["xlsx"], f"buurtkracht-{resource}-sjabloon.xlsx", None)

