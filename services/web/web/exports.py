"""Downloads, passed on from the API as it made them: a table filtered like the initiatives
list, everything, the open data, and per table the import template and field dictionary.

Only known tables and formats are asked for, and only the list's filters are passed on, so
an address typed by hand cannot lead anywhere else at the API.
"""

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from web.api_client import exports as exports_api
from web.api_client.transfers import Download
from web.templating import api_of

router = APIRouter()
EXPORT = "/export"
EVERYTHING_FORMATS = ("zip", "xlsx")
# Longer than any list filter needs; the API refuses what is wrong.
MAX_VALUE = 200


def _file(found: Download) -> Response:
    # A download shows what the signed-in person may see: no copy kept by a proxy.
    return Response(found.content, headers={**found.headers, "Cache-Control": "no-store"})


def _table(resource: str) -> str:
    if resource not in exports_api.TABLES:
        raise HTTPException(404)
    return resource


def export_params(request: Request) -> list[tuple[str, str]]:
    """The format (CSV unless asked otherwise) and the filters that have a value."""
    query = request.query_params
    chosen = query.get("format") or "csv"
    if chosen not in exports_api.FORMATS:
        raise HTTPException(404)
    filters = [(key, value.strip()[:MAX_VALUE]) for key, value in query.multi_items()
               if key in exports_api.FILTERS and value.strip()]
    return [("format", chosen), *filters]


@router.get(f"{EXPORT}/all")
async def everything(request: Request) -> Response:
    chosen = request.query_params.get("format") or "zip"
    if chosen not in EVERYTHING_FORMATS:
        raise HTTPException(404)
    return _file(await exports_api.everything(api_of(request), chosen))


@router.get(f"{EXPORT}/open-data")
async def open_data(request: Request) -> Response:
    return _file(await exports_api.open_data(api_of(request)))


@router.get(f"{EXPORT}/{{resource}}")
async def table(request: Request, resource: str) -> Response:
    return _file(await exports_api.table(api_of(request), _table(resource),
                                         export_params(request)))


@router.get("/import/templates/{resource}")
async def template(request: Request, resource: str) -> Response:
    return _file(await exports_api.template(api_of(request), _table(resource)))


@router.get("/import/fields/{resource}")
async def fields(request: Request, resource: str) -> Response:
    return _file(await exports_api.fields(api_of(request), _table(resource)))
