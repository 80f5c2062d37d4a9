"""HTTP routes of /v1/method-books: ask for a book (202 and a status resource), follow it,
read its HTML and numbers, regenerate it from its record.

Researchers and administrators ask for books. A book for everyone (aggregates of what every
role reads) is read by every signed-in role; a research book, which quotes pseudonymised
research records, only by those who read records (see docs/method-book.md)."""

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response, status
from pydantic import Field

from api.auth.identity import Caller
from api.auth.rules import READ, WRITE_METHOD_BOOKS, require
from api.db import SessionDep
from api.method_book import service
from api.method_book.numbers_csv import numbers_csv
from api.method_book.parameters import BookParameters
from api.method_book.pdf import pdf_of
from api.openapi import problems
from api.wire import ApiModel, Page, PageParams, json_response, page_response

router = APIRouter(prefix="/v1/method-books", tags=["method-books"])
Reader = Annotated[Caller, Depends(require(READ))]
Writer = Annotated[Caller, Depends(require(WRITE_METHOD_BOOKS))]
BookId = Annotated[uuid.UUID, Path(alias="bookId")]


class BookLinks(ApiModel):
    self: str
    html: str
    pdf: str
    numbers: str


class MethodBookPublic(ApiModel):
    id: uuid.UUID
    status: str = Field(description="queued, running, done or failed")
    parameters: BookParameters
    data_hash: str | None = Field(description="SHA-256 of the data and parameters; once done")
    created_at: datetime
    finished_at: datetime | None
    error: str | None = Field(description="Why the book failed")
    regenerated_from: uuid.UUID | None
    links: BookLinks = Field(serialization_alias="_links", validation_alias="_links")


class BookNumbers(ApiModel):
    parameters: BookParameters
    data_hash: str
    chapters: dict[str, dict[str, Any]] = Field(description="Each chapter's numbers, by key")


def _accepted(book: Any) -> Response:
    return json_response(service.public(book), status.HTTP_202_ACCEPTED,
                         headers=[("Location", f"{service.BASE}/{book.id}")])


@router.post("", status_code=status.HTTP_202_ACCEPTED, response_model=MethodBookPublic,
             summary="Ask for a method book: written in the background")
def create_method_book(params: BookParameters, session: SessionDep,
                       caller: Writer) -> Response:
    return _accepted(service.create_book(session, caller, params))


@router.get("", response_model=Page[MethodBookPublic],
            summary="The method books, newest first")
def list_method_books(request: Request, session: SessionDep, caller: Reader,
                      paging: Annotated[PageParams, Query()]) -> Response:
    items, total = service.list_books(session, caller, paging)
    return page_response(request, paging, items, total)


@router.get("/{bookId}", response_model=MethodBookPublic,
            summary="A method book's state, parameters and data hash")
def get_method_book(book_id: BookId, session: SessionDep, caller: Reader) -> Response:
    return json_response(service.public(service.get_book(session, caller, book_id)))


@router.get("/{bookId}/html", response_class=Response,
            responses={200: {"content": {"text/html": {}}}, **problems(409)},
            summary="The book as one HTML document (409 until it is done)")
def get_method_book_html(book_id: BookId, session: SessionDep, caller: Reader) -> Response:
    book = service.finished(session, caller, book_id)
    return Response(book.html or "", media_type="text/html; charset=utf-8")


@router.get("/{bookId}/pdf", response_class=Response,
            responses={200: {"content": {"application/pdf": {}}}, **problems(409)},
            summary="The book as PDF, printed from its HTML (409 until it is done)")
def get_method_book_pdf(book_id: BookId, session: SessionDep, caller: Reader) -> Response:
    book = service.finished(session, caller, book_id)
    return Response(pdf_of(book.html or ""), media_type="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="methodiekboek-{book.id}.pdf"'})


@router.get("/{bookId}/numbers", response_model=BookNumbers,
            responses={200: {"content": {"text/csv": {}}}, **problems(409)},
            summary="The book's numbers per chapter, as JSON or CSV (409 until it is done)")
def get_method_book_numbers(
        book_id: BookId, session: SessionDep, caller: Reader,
        format: Annotated[Literal["json", "csv"], Query(
            description="json (default) or csv: one row per number (chapter, pointer, value)",
        )] = "json") -> Response:
    book = service.finished(session, caller, book_id)
    if format == "csv":
        return Response(numbers_csv(book.numbers or {}), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename='
                                 f'"methodiekboek-{book.id}-getallen.csv"'})
    return json_response(book.numbers)


@router.post("/{bookId}/regenerate", status_code=status.HTTP_202_ACCEPTED,
             response_model=MethodBookPublic, responses=problems(409),
             summary="Write the book again with the same parameters, as a new book")
def regenerate_method_book(book_id: BookId, session: SessionDep, caller: Writer) -> Response:
    return _accepted(service.regenerate(session, caller, book_id))
