"""Method books: asked for (stored queued, the job sent), read back, listed, regenerated."""

import logging
import uuid
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Engine, func, select
from sqlalchemy import true as sa_true
from sqlalchemy.orm import defer
from sqlmodel import Session, col

from api.audit.recorder import record_on_commit
from api.auth.identity import Caller
from api.auth.rules import READ_RECORDS, allows
from api.db import commit
from api.errors import Conflict, Forbidden, InvalidInput, NotFound
from api.jobs import submit_method_book
from api.method_book.job import settle
from api.method_book.models import BookStatus, MethodBook
from api.method_book.parameters import BookParameters, check_parameters
from api.wire import PageParams

log = logging.getLogger(__name__)
BASE = "/v1/method-books"
LARGE = (defer(MethodBook.html), defer(MethodBook.numbers))  # type: ignore[arg-type]


def public(book: MethodBook) -> dict[str, Any]:
    """The status resource, as the wire has it."""
    self = f"{BASE}/{book.id}"
    return {"id": str(book.id), "status": str(book.status),
            "parameters": book.book_parameters(),
            "dataHash": book.data_hash, "createdAt": book.created_at,
            "finishedAt": book.finished_at, "error": book.error,
            "regeneratedFrom": str(book.regenerated_from) if book.regenerated_from else None,
            "_links": {"self": self, "html": f"{self}/html", "pdf": f"{self}/pdf",
                       "numbers": f"{self}/numbers"}}


def create_book(session: Session, caller: Caller, params: BookParameters,
                regenerated_from: uuid.UUID | None = None) -> MethodBook:
    """Store the request (400 for a bad one: nothing stored) and send the job. A queue that
    refuses the job does not undo the stored book: it stays queued and is sent again when
    looked at after job.LOST (see job.settle)."""
    check_parameters(session, params)
    book = MethodBook(status=BookStatus.QUEUED, parameters=params.canonical(),
                      audience=params.audience,
                      regenerated_from=regenerated_from,
                      actor_id=caller.account_id or caller.credential_id,
                      actor_label=caller.label)
    session.add(book)
    record_on_commit(session, "method-book", book.id, None, lambda: {
        "parameters": book.parameters,
        "regeneratedFrom": str(regenerated_from) if regenerated_from else None})
    commit(session)
    try:
        submit_method_book(book.id)
    except Exception:  # the book is stored: a poll sends it again once it counts as lost
        log.exception("method book stored but not sent", extra={"book": str(book.id)})
    session.expire_all()
    found = session.get(MethodBook, book.id, options=LARGE)
    assert found is not None
    return found


def regenerate(session: Session, caller: Caller, book_id: uuid.UUID) -> MethodBook:
    """A new book with an earlier one's parameters; 409 when they no longer hold (a theme
    or stadsdeel since gone): nothing is stored."""
    earlier = get_book(session, caller, book_id)
    try:
        params = BookParameters.model_validate(earlier.book_parameters())
        check_parameters(session, params)
    except (ValidationError, InvalidInput) as error:
        raise Conflict(
            "De parameters van dit methodiekboek gelden niet meer (een thema of stadsdeel "
            "bestaat niet meer); vraag een nieuw boek aan. / This method book's parameters "
            "no longer hold (a theme or stadsdeel is gone); ask for a new book.") from error
    return create_book(session, caller, params, regenerated_from=earlier.id)


def may_read(caller: Caller, audience: str) -> bool:
    """A research book quotes research records: only those who read records read it."""
    return audience == "everyone" or allows(READ_RECORDS, caller)


def get_book(session: Session, caller: Caller, book_id: uuid.UUID, *,
             whole: bool = False) -> MethodBook:
    """A book (settled first: see job.settle); 404 when there is none, 403 for a research
    book to a caller who may not read research records."""
    book = session.get(MethodBook, book_id, options=() if whole else LARGE)
    if book is None:
        raise NotFound(f"Methodiekboek {book_id} bestaat niet. / No such method book.")
    if not may_read(caller, book.audience):
        raise Forbidden(
            f"Dit methodiekboek citeert onderzoeksverslagen; uw rol ({caller.role}) mag die "
            f"niet lezen. / This method book quotes research records; your role "
            f"({caller.role}) may not read them.")
    bind = session.get_bind()
    if isinstance(bind, Engine) and settle(bind, book, submit_method_book):
        session.refresh(book)
    return book


def finished(session: Session, caller: Caller, book_id: uuid.UUID) -> MethodBook:
    """A book that is done; 409 while it is queued or running, or when it failed."""
    book = get_book(session, caller, book_id, whole=True)
    if book.status != BookStatus.DONE:
        raise Conflict(f"Het methodiekboek is nog niet klaar (status {book.status}). / "
                       f"The method book is not done (status {book.status}).")
    return book


def list_books(session: Session, caller: Caller, paging: PageParams
               ) -> tuple[list[dict[str, Any]], int]:
    """One page of the books the caller may read, newest first, and how many there are."""
    readable = (col(MethodBook.audience) == "everyone"
                if not may_read(caller, "research") else sa_true())
    total = int(session.connection().execute(
        select(func.count()).select_from(MethodBook).where(readable)).scalar_one())
    query = (select(MethodBook).options(*LARGE).where(readable)
             .order_by(col(MethodBook.created_at).desc(), col(MethodBook.id))
             .limit(paging.page_size).offset(paging.offset))
    return [public(book) for book in session.scalars(query)], total
