"""The method book pages: the books and (for researchers and administrators) the form that
asks for one, a book's state (polled with htmx while it is being written), and the book
itself, passed on from the API as the whole document it is.

The API writes a book in the background (202): asking for one redirects (303) to its page,
which asks again every two seconds until it is done or failed."""

import uuid
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from web.api_client import Conflict, InvalidInput, in_language
from web.api_client import method_books as books_api
from web.form_values import Values, body_of, errors_of, read_values
from web.htmx import render
from web.i18n import language_of
from web.permissions import insist
from web.sessions import SignedIn
from web.templating import api_of

router = APIRouter()
LIST = "method_book/list.html"
DETAIL = "method_book/detail.html"
FIELDS = ("stadsdeel", "theme", "periodFrom", "periodTo", "language")
LANGUAGES = ("nl", "en")
# The book is a document of its own with its own <style>: its page may style inline, and
# runs no script at all (the API escapes every text in it). Only for this response.
BOOK_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
               "frame-ancestors 'none'; base-uri 'none'; form-action 'none'")


def book_path(book_id: str) -> str:
    return f"/methodiekboek/{book_id}"


async def _labels(request: Request) -> dict[str, Any]:
    """What the pages print for a book's parameters: stadsdeel names, theme labels."""
    api = api_of(request)
    stadsdelen = await api.stadsdelen()
    return {"stadsdelen": {area.code: area.name for area in stadsdelen},
            "stadsdeel_choices": [(area.code, f"{area.code} — {area.name}")
                                  for area in stadsdelen],
            "themes": await api.vocabulary("theme")}


async def _list(request: Request, values: Values, *, errors: dict[str, str] | None = None,
                status_code: int = 200) -> HTMLResponse:
    page = await books_api.list_books(api_of(request))
    context = {**await _labels(request), "page": page, "values": values,
               "errors": errors or {}, "languages": LANGUAGES}
    return await render(request, LIST, context, status_code=status_code)


@router.get("/methodiekboek", response_class=HTMLResponse)
async def method_books(request: Request, me: SignedIn) -> HTMLResponse:
    values: Values = dict.fromkeys(FIELDS, "")
    values["language"] = language_of(request) if language_of(request) in LANGUAGES else "nl"
    return await _list(request, values)


@router.post("/methodiekboek", response_model=None)
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
    book = await books_api.regenerate(api_of(request), str(book_id))
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
