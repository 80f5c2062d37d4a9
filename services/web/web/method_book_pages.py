"""The method book pages: the books and (for researchers and administrators) the form that
asks for one, a book's state (polled with htmx while it is being written), and the book
itself, passed on from the API as the whole document it is, as PDF, and its numbers as
JSON and CSV.

The API writes a book in the background (202): asking for one redirects (303) to its page,
which asks again every two seconds until it is done or failed. A research book is the API's
to refuse (403) to a role that may not read it: the usual 403 page."""

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from web.api_client import Conflict, InvalidInput, in_language
from web.api_client import method_books as books_api
from web.api_client.transfers import Download
from web.form_values import Values, body_of, errors_of, page_number, read_values
from web.htmx import render
from web.i18n import language_of
from web.initiatives import page_window
from web.permissions import insist
from web.sessions import SignedIn
from web.templating import api_of

router = APIRouter()
LIST = "method_book/list.html"
DETAIL = "method_book/detail.html"
LIST_PATH = "/methodiekboek"
FIELDS = ("stadsdeel", "theme", "periodFrom", "periodTo", "language", "audience")
LANGUAGES = ("nl", "en")
AUDIENCES = ("research", "everyone")
# The book is a document of its own with its own <style>: its page may style inline, and
# runs no script at all (the API escapes every text in it). Only for this response.
BOOK_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
               "frame-ancestors 'none'; base-uri 'none'; form-action 'none'")


@dataclass(frozen=True)
class BookListState:
    """The list's page, as the address bar has it (the pagination include's `state`)."""

    page: int = 1

    def url(self, page: int | None = None) -> str:
        chosen = self.page if page is None else page
        return LIST_PATH if chosen == 1 else f"{LIST_PATH}?page={chosen}"


def book_path(book_id: str) -> str:
    return f"{LIST_PATH}/{book_id}"


async def _labels(request: Request) -> dict[str, Any]:
    """What the pages print for a book's parameters: stadsdeel names, theme labels."""
    api = api_of(request)
    stadsdelen = await api.stadsdelen()
    return {"stadsdelen": {area.code: area.name for area in stadsdelen},
            "stadsdeel_choices": [(area.code, f"{area.code} — {area.name}")
                                  for area in stadsdelen],
            "themes": await api.vocabulary("theme")}


async def _list(request: Request, values: Values, *, errors: dict[str, str] | None = None,
                status_code: int = 200, state: BookListState | None = None) -> HTMLResponse:
    """The form and one page of the books; an htmx page turn gets only the books."""
    state = state or BookListState()
    page = await books_api.list_books(api_of(request), state.page)
    context = {**await _labels(request), "page": page, "values": values, "state": state,
               "window": page_window(state.page, page.pages), "errors": errors or {},
               "languages": LANGUAGES, "audiences": AUDIENCES}
    return await render(request, LIST, context, block="books", status_code=status_code)


@router.get(LIST_PATH, response_class=HTMLResponse)
async def method_books(request: Request, me: SignedIn) -> HTMLResponse:
    values: Values = dict.fromkeys(FIELDS, "")
    values["language"] = language_of(request) if language_of(request) in LANGUAGES else "nl"
    values["audience"] = AUDIENCES[0]
    state = BookListState(page_number(request.query_params.get("page", "1")))
    return await _list(request, values, state=state)


@router.post(LIST_PATH, response_model=None)
async def ask_for_book(request: Request, me: SignedIn) -> Response:
    insist(me.may_write_method_books)
    values = read_values(await request.form(), FIELDS)
    try:
        book = await books_api.ask_for_book(api_of(request), body_of(values))
    except InvalidInput as error:
        return await _list(request, values, errors=errors_of(error, language_of(request)),
                           status_code=422)
    return RedirectResponse(book_path(book.id), status_code=303)


@router.get("/methodiekboek/{book_id:uuid}", response_class=HTMLResponse)
async def method_book(request: Request, book_id: uuid.UUID, me: SignedIn) -> HTMLResponse:
    """While the book is written, htmx asks for the status block again every two seconds."""
    book = await books_api.get_book(api_of(request), str(book_id))
    error = in_language(book.error, language_of(request)) if book.error else ""
    context = {**await _labels(request), "book": book, "error": error}
    return await render(request, DETAIL, context, block="status")


@router.post("/methodiekboek/{book_id:uuid}/opnieuw", response_model=None)
async def write_again(request: Request, book_id: uuid.UUID, me: SignedIn) -> Response:
    insist(me.may_write_method_books)
    try:
        book = await books_api.regenerate(api_of(request), str(book_id))
    except Conflict as error:  # its parameters no longer hold: the book's page says why
        earlier = await books_api.get_book(api_of(request), str(book_id))
        context = {**await _labels(request), "book": earlier, "error": "",
                   "refused": in_language(error.detail, language_of(request))}
        return await render(request, DETAIL, context, status_code=409)
    return RedirectResponse(book_path(book.id), status_code=303)


@router.get("/methodiekboek/{book_id:uuid}/boek", response_model=None)
async def the_book(request: Request, book_id: uuid.UUID, me: SignedIn) -> Response:
    """The API's HTML as it is; a book not yet done: its state page."""
    try:
        html = await books_api.book_html(api_of(request), str(book_id))
    except Conflict:
        return RedirectResponse(book_path(str(book_id)), status_code=303)
    return Response(html, media_type="text/html; charset=utf-8",
                    headers={"Content-Security-Policy": BOOK_POLICY,
                             "Cache-Control": "no-store"})


async def _passed_on(book_id: uuid.UUID, fetch: Callable[[], Awaitable[Download]],
                     fallback_name: str) -> Response:
    """A file of the book as the API sent it (type and name); not done yet: its page.
    No copy kept by a proxy: it shows what the signed-in person may read."""
    try:
        found = await fetch()
    except Conflict:
        return RedirectResponse(book_path(str(book_id)), status_code=303)
    # The API's headers come lower-case (transfers.PASSED_ON): its name wins over ours.
    headers = {"content-disposition": f'attachment; filename="{fallback_name}"',
               **found.headers, "cache-control": "no-store"}
    return Response(found.content, headers=headers)


@router.get("/methodiekboek/{book_id:uuid}/boek.pdf", response_model=None)
async def book_pdf(request: Request, book_id: uuid.UUID, me: SignedIn) -> Response:
    return await _passed_on(book_id, lambda: books_api.book_pdf(api_of(request), str(book_id)),
                            f"methodiekboek-{book_id}.pdf")


@router.get("/methodiekboek/{book_id:uuid}/getallen.{number_format}", response_model=None)
async def book_numbers(request: Request, book_id: uuid.UUID, number_format: str,
                       me: SignedIn) -> Response:
    """The numbers behind every chapter, for a spreadsheet or a script."""
    if number_format not in books_api.NUMBER_FORMATS:
        raise HTTPException(404)
    return await _passed_on(
        book_id, lambda: books_api.book_numbers(api_of(request), str(book_id), number_format),
        f"methodiekboek-{book_id}-getallen.{number_format}")
