"""The method books (/v1/method-books) as the method book pages read and ask for them: the
list, one book's state, a new book or a rewrite (both written in the background), and the
book itself as the API renders it."""

from collections.abc import Mapping
from datetime import date, datetime

from web.api_client import ApiClient
from web.api_client.professional_pages import Paged
from web.api_client.results import Wire
from web.api_client.transfers import download

PATH = "/v1/method-books"
# The list page shows the newest books; older ones stay readable by their address.
LIST_SIZE = 50
FINISHED = frozenset({"done", "failed"})


class BookParameters(Wire):
    stadsdeel: str | None = None
    theme: str | None = None
    period_from: date | None = None
    period_to: date | None = None
    language: str = "nl"


class MethodBook(Wire):
    """A book's state: `queued`, `running`, `done` or `failed`; the hash once done."""

    id: str
    status: str
    parameters: BookParameters
    data_hash: str | None = None
    created_at: datetime
    finished_at: datetime | None = None
    error: str | None = None
    regenerated_from: str | None = None

    @property
    def finished(self) -> bool:
        return self.status in FINISHED


async def list_books(api: ApiClient) -> Paged[MethodBook]:
    """The newest books first."""
    params = [("page", "1"), ("pageSize", str(LIST_SIZE))]
    response = await api._send("GET", PATH, params=params)
    return Paged[MethodBook].model_validate_json(response.content)


async def get_book(api: ApiClient, book_id: str) -> MethodBook:
    return MethodBook.model_validate_json((await api._send("GET", f"{PATH}/{book_id}")).content)


async def ask_for_book(api: ApiClient, body: Mapping[str, object]) -> MethodBook:
    """The API answers 202 at once: the book is written in the background."""
    response = await api._send("POST", PATH, body=dict(body))
    return MethodBook.model_validate_json(response.content)


async def regenerate(api: ApiClient, book_id: str) -> MethodBook:
    """A new book with the same parameters (on today's data)."""
    response = await api._send("POST", f"{PATH}/{book_id}/regenerate")
    return MethodBook.model_validate_json(response.content)


async def book_html(api: ApiClient, book_id: str) -> bytes:
    """The whole book as one HTML document (a Conflict until it is done)."""
    return (await download(api, f"{PATH}/{book_id}/html")).content
