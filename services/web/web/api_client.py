"""The only module that knows the API's URLs and JSON shapes."""

from dataclasses import dataclass
from typing import Any

import httpx2

from web.config import get_settings


class ApiUnavailable(Exception):
    """The API could not be reached or answered with a server error."""


@dataclass(frozen=True)
class InitiativeRow:
    id: str
    title: str
    status: str
    organisation_form: str
    start_date: str | None
    wijkaanpak: bool


@dataclass(frozen=True)
class InitiativePage:
    items: list[InitiativeRow]
    total: int


@dataclass(frozen=True)
class Landing:
    attribution: str
    version: str


def make_client(
    transport: httpx2.AsyncBaseTransport | None = None, api_url: str | None = None
) -> httpx2.AsyncClient:
    settings = get_settings()
    return httpx2.AsyncClient(
        base_url=api_url or settings.api_url,
        transport=transport,
        timeout=httpx2.Timeout(settings.api_timeout_seconds, connect=2.0),
        limits=httpx2.Limits(max_connections=64, max_keepalive_connections=32),
    )


async def _get_json(client: httpx2.AsyncClient, path: str, params: dict[str, Any]) -> Any:
    try:
        response = await client.get(path, params=params)
    except httpx2.TransportError as error:
        raise ApiUnavailable(str(error)) from error
    if response.status_code >= 500:
        raise ApiUnavailable(f"API answered {response.status_code}")
    response.raise_for_status()
    return response.json()


async def list_initiatives(client: httpx2.AsyncClient, page: int = 1) -> InitiativePage:
    body = await _get_json(client, "/v1/initiatives",
                           {"page": page, "pageSize": 50, "sort": "title"})
    rows = [
        InitiativeRow(id=item["id"], title=item["title"], status=item["status"],
                      organisation_form=item["organisationForm"],
                      start_date=item["startDate"], wijkaanpak=item["wijkaanpak"])
        for item in body["items"]
    ]
    return InitiativePage(items=rows, total=body["total"])


async def landing(client: httpx2.AsyncClient) -> Landing:
    body = await _get_json(client, "/v1", {})
    return Landing(attribution=body["attribution"], version=body["version"])
