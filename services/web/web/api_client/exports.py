"""/v1/exports: one table (filtered like the initiatives list), everything, the open data,
and per table the import template and the field dictionary; each a file to pass on."""

from collections.abc import Sequence

from web.api_client import ApiClient
from web.api_client.transfers import Download, download

PATH = "/v1/exports"
# The tables, in the order an import needs them: what is referred to comes first.
TABLES = ("initiatives", "professionals", "support-episodes", "evaluations",
          "outcome-measures")
FORMATS = ("csv", "xlsx", "json")
# The initiative-list filters every export takes; anything else is not passed on.
FILTERS = ("area", "status", "theme", "organisationForm", "participationLevel",
           "initiatorType", "wijkaanpak", "q", "activeFrom", "activeTo", "role",
           "professional")


def _path(resource: str, part: str = "") -> str:
    """The table's address at the API; only a known table, since it becomes part of the
    path (a `..` would lead elsewhere)."""
    if resource not in TABLES:
        raise ValueError(f"no such table: {resource!r}")
    return f"{PATH}/{resource}{part}"


async def table(api: ApiClient, resource: str, params: Sequence[tuple[str, str]]) -> Download:
    return await download(api, _path(resource), params)


async def template(api: ApiClient, resource: str) -> Download:
    """The XLSX to fill in: the Dutch headers the importer knows, with drop-down lists."""
    return await download(api, _path(resource, "/template"))


async def fields(api: ApiClient, resource: str) -> Download:
    """The field dictionary (what each column means and takes) as CSV."""
    return await download(api, _path(resource, "/fields"), [("format", "csv")])


async def everything(api: ApiClient, file_format: str) -> Download:
    """Every table: a ZIP of CSV files, or one XLSX workbook."""
    return await download(api, f"{PATH}/all", [("format", file_format)])


async def open_data(api: ApiClient) -> Download:
    """A ZIP without personal or restricted fields, with its README and licence."""
    return await download(api, f"{PATH}/open-data")
