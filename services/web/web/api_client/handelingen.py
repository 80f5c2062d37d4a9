"""Searching the handelingsbeschrijvingen (the accounts of support episodes)."""

from dataclasses import dataclass
from datetime import date

from web.api_client import ApiClient
from web.api_client.professional_pages import Paged
from web.api_client.support_account import Account


class FoundEpisode(Account):
    id: str
    initiative_id: str
    professional_id: str
    role: str
    start_date: date
    end_date: date | None = None
    style: str | None = None


@dataclass(frozen=True)
class AccountQuery:
    q: str | None = None
    role: str | None = None
    style: str | None = None
    page: int = 1
    page_size: int = 20

    def params(self) -> list[tuple[str, str | int]]:
        found: list[tuple[str, str | int]] = [("page", self.page), ("pageSize", self.page_size),
                                              ("sort", "-startDate")]
        found.extend((key, value) for key, value in (("q", self.q), ("role", self.role),
                                                      ("style", self.style)) if value)
        return found


async def search_accounts(api: ApiClient, query: AccountQuery) -> Paged[FoundEpisode]:
    """One page of the episodes whose account holds `q` (a 403 for a viewer with `q`)."""
    response = await api._send("GET", "/v1/support-episodes", params=query.params())
    return Paged[FoundEpisode].model_validate_json(response.content)
