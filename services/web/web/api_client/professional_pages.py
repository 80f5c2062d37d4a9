"""Professionals and their support episodes, as the professionals pages read them."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from web.api_client import ApiClient
from web.api_client.results import InitiativeSummary, Wire
from web.api_client.support_account import Account

ItemT = TypeVar("ItemT")
# A professional's episodes and initiatives are read in pages of the API's largest size;
# more than this many pages is not one person's work but a data error, and is cut off.
MAX_PAGES = 10
API_PAGE_SIZE = 100


class Paged(Wire, Generic[ItemT]):
    items: tuple[ItemT, ...]
    page: int
    page_size: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


class Professional(Wire):
    """`name` and `email` are personal data: null for a viewer."""

    id: str
    name: str | None
    email: str | None = None
    role: str
    organisation: str
    organisation_kind: str
    fte: float | None = None
    active_from: date | None = None
    active_to: date | None = None
    area_ids: tuple[str, ...] = ()
    external_ref: str | None = None
    version: int = 0


class SupportEpisode(Account):
    id: str
    initiative_id: str
    professional_id: str
    role: str
    start_date: date
    end_date: date | None = None
    hours: float
    kinds: tuple[str, ...] = ()
    style: str | None = None


@dataclass(frozen=True)
class ProfessionalQuery:
    q: str | None = None
    role: str | None = None
    area: str | None = None
    page: int = 1
    page_size: int = 25

    def params(self) -> list[tuple[str, str | int]]:
        found: list[tuple[str, str | int]] = [("page", self.page), ("pageSize", self.page_size),
                                              ("sort", "name")]
        found.extend((key, value) for key, value in (("q", self.q), ("role", self.role),
                                                      ("area", self.area)) if value)
        return found


async def list_professionals(api: ApiClient, query: ProfessionalQuery) -> Paged[Professional]:
    response = await api._send("GET", "/v1/professionals", params=query.params())
    return Paged[Professional].model_validate_json(response.content)


async def get_professional(api: ApiClient, professional_id: str) -> Professional:
    response = await api._send("GET", f"/v1/professionals/{professional_id}")
    return Professional.model_validate_json(response.content)


async def _all_pages(api: ApiClient, path: str, params: Sequence[tuple[str, str]],
                     item: type[ItemT]) -> tuple[ItemT, ...]:
    found: list[ItemT] = []
    for number in range(1, MAX_PAGES + 1):
        paging = [*params, ("page", str(number)), ("pageSize", str(API_PAGE_SIZE))]
        response = await api._send("GET", path, params=paging)
        page = Paged[item].model_validate_json(response.content)  # type: ignore[valid-type]
        found.extend(page.items)
        if number >= page.pages:
            break
    return tuple(found)


async def episodes_of_professional(api: ApiClient, professional_id: str
                                   ) -> tuple[SupportEpisode, ...]:
    return await _all_pages(api, "/v1/support-episodes",
                            [("professional", professional_id), ("sort", "startDate")],
                            SupportEpisode)


async def episodes_of_initiative(api: ApiClient, initiative_id: str
                                 ) -> tuple[SupportEpisode, ...]:
    return await _all_pages(api, "/v1/support-episodes",
                            [("initiative", initiative_id), ("sort", "startDate")],
                            SupportEpisode)


async def initiatives_supported_by(api: ApiClient, professional_id: str
                                   ) -> tuple[InitiativeSummary, ...]:
    return await _all_pages(api, "/v1/initiatives",
                            [("professional", professional_id), ("sort", "title")],
                            InitiativeSummary)


async def initiatives_in_area(api: ApiClient, code: str, limit: int
                              ) -> tuple[tuple[InitiativeSummary, ...], int]:
    """The first `limit` initiatives of an area (by title), and how many there are."""
    found: list[InitiativeSummary] = []
    total = 0
    for number in range(1, MAX_PAGES + 1):
        size = min(API_PAGE_SIZE, limit)
        params = [("area", code), ("sort", "title"), ("page", number), ("pageSize", size)]
        response = await api._send("GET", "/v1/initiatives", params=params)
        page = Paged[InitiativeSummary].model_validate_json(response.content)
        found.extend(page.items)
        total = page.total
        if number >= page.pages or len(found) >= limit:
            break
    return tuple(found[:limit]), total


async def create_professional(api: ApiClient, body: Mapping[str, object]) -> Professional:
    response = await api._send("POST", "/v1/professionals", body=dict(body))
    return Professional.model_validate_json(response.content)


async def update_professional(api: ApiClient, professional_id: str, body: Mapping[str, object],
                              version: str) -> Professional:
    response = await api._send("PATCH", f"/v1/professionals/{professional_id}", body=dict(body),
                               headers={"If-Match": f'"{version}"'})
    return Professional.model_validate_json(response.content)


async def delete_professional(api: ApiClient, professional_id: str, version: str) -> None:
    await api._send("DELETE", f"/v1/professionals/{professional_id}",
                    headers={"If-Match": f'"{version}"'})
