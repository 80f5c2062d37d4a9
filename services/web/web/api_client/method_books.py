"""The method books (/v1/method-books) as the method book pages read and ask for them: the
list page by page, one book's state, a new book or a rewrite (both written in the
background), and the book itself as the API renders it: HTML, PDF and its numbers."""

from collections.abc import Mapping
from datetime import date, datetime

from web.api_client import ApiClient
from web.api_client.professional_pages import Paged
from web.api_client.results import Wire
from web.api_client.transfers import Download, download

PATH = "/v1/method-books"
PAGE_SIZE = 25
FINISHED = frozenset({"done", "failed"})
# The numbers as the API gives them: JSON (its default) or one CSV table.
NUMBER_FORMATS = frozenset({"json", "csv"})


class BookParameters(Wire):
    stadsdeel: str | None = None
    theme: str | None = None
    period_from: date | None = None
    period_to: date | None = None
    language: str = "nl"
    audience: str = "research"  # the API always names it


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


async def list_books(api: ApiClient, page: int = 1) -> Paged[MethodBook]:
    """One page of the books this person may read, newest first."""
    params = [("page", str(page)), ("pageSize", str(PAGE_SIZE))]
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


async def book_pdf(api: ApiClient, book_id: str) -> Download:
    """The book printed as PDF, with the API's file name (a Conflict until it is done)."""
    return await download(api, f"{PATH}/{book_id}/pdf")


async def book_numbers(api: ApiClient, book_id: str, number_format: str) -> Download:
    """Each chapter's numbers as JSON or CSV (a Conflict until the book is done)."""
    assert number_format in NUMBER_FORMATS, number_format
    params = [("format", "csv")] if number_format == "csv" else []
    return await download(api, f"{PATH}/{book_id}/numbers", params=params)
