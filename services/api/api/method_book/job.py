"""Writing one method book as a background job: claimed by one worker, written in one read
of the data, stored whole — or stored as failed with a message, never half a book."""

import logging
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from sqlalchemy import Engine, update
from sqlmodel import Session

from api.db import table_of, utc_now
from api.method_book.book import write_book
from api.method_book.models import BookStatus, MethodBook
from api.method_book.parameters import BookParameters

log = logging.getLogger(__name__)
# A book of the demo data takes about a second; one running this long has lost its worker.
SILENT = timedelta(minutes=15)
# A book still queued this long after it was sent has lost its message (a queue restarted).
LOST = timedelta(minutes=10)
BOOKS = table_of(MethodBook)
# What every reader sees of a failure; the exception itself (SQL, parameters) goes to the log.
FAILED = ("Het boek kon niet worden geschreven; de details staan in het logboek van de "
          "server. / The book could not be written; the details are in the server log.")
LOST_WORKER = "no-sign-of-life: the worker stopped"


def _set(engine: Engine, book_id: uuid.UUID, only_if: BookStatus, *conditions: Any,
         **values: Any) -> bool:
    """Change the book if it is still in state `only_if` (and meets `conditions`); True if
    this call changed it (one row), False if another got there first."""
    with engine.begin() as connection:
        changed = connection.execute(
            update(BOOKS).where(BOOKS.c.id == book_id, BOOKS.c.status == only_if, *conditions)
            .values(**values))
    return changed.rowcount == 1


def settle(engine: Engine, book: MethodBook, resend: Callable[[uuid.UUID], None]) -> bool:
    """Before a book is shown: one running longer than any book takes has lost its worker
    (failed); one queued long after it was sent has lost its message (sent again, once: the
    poll that moves `sent_at` on sends it, the others see it moved). True if it may have
    changed (a job sent runs at once when jobs run inside requests)."""
    now = utc_now()
    if book.status == BookStatus.RUNNING and book.started_at and book.started_at < now - SILENT:
        return _set(engine, book.id, BookStatus.RUNNING, status=BookStatus.FAILED,
                    error=LOST_WORKER, finished_at=now)
    if book.status == BookStatus.QUEUED and book.sent_at < now - LOST and _set(
            engine, book.id, BookStatus.QUEUED, BOOKS.c.sent_at < now - LOST, sent_at=now):
        log.warning("method book lost its message: sent again", extra={"book": str(book.id)})
        resend(book.id)
        return True
    return False


def _snapshot(session: Session) -> None:
    """Make the session's reads one snapshot of the data: PostgreSQL's default (READ
    COMMITTED) lets each query see other commits, REPEATABLE READ holds the first one's view
    for the whole transaction. SQLite's one transaction is a snapshot already."""
    if session.get_bind().dialect.name == "postgresql":
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})


def run_book(engine: Engine, book_id: uuid.UUID) -> None:
    """Write the book to its end; any failure is stored as the book's state."""
    if not _set(engine, book_id, BookStatus.QUEUED, status=BookStatus.RUNNING,
                started_at=utc_now()):
        return  # taken by another worker (a message sent twice), or gone
    try:
        with Session(engine) as session:
            _snapshot(session)
            book = session.get(MethodBook, book_id)
            assert book is not None  # claimed just now
            params = BookParameters.model_validate(book.book_parameters())
            written = write_book(session, params)
    except Exception:  # the book must end in a state, whatever happened
        log.exception("method book failed", extra={"book": str(book_id)})
        _set(engine, book_id, BookStatus.RUNNING, status=BookStatus.FAILED, error=FAILED,
             finished_at=utc_now())
        return
    try:
        stored = _set(engine, book_id, BookStatus.RUNNING, status=BookStatus.DONE,
                      html=written.html, numbers=written.numbers,
                      data_hash=written.data.data_hash, finished_at=utc_now())
    except Exception:  # written, but the database refused it: failed now, not lost later
        log.exception("method book written but not stored", extra={"book": str(book_id)})
        _set(engine, book_id, BookStatus.RUNNING, status=BookStatus.FAILED, error=FAILED,
             finished_at=utc_now())
        return
    if not stored:
        log.warning("method book written but not stored: no longer running (settled as "
                    "failed while it ran?)", extra={"book": str(book_id)})
