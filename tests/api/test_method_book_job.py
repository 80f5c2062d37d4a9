"""The method book's job: a lost worker or message settled when the book is looked at (a lost
message sent again once, however often it is polled), a failure stored with a fixed message
(the details in the log only), a book settled while it ran not stored, a queue that refuses
the job no 500, the job's reads one snapshot on PostgreSQL, and the chapters counting
durations to the data date, never the clock."""

import logging
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, update
from sqlmodel import Session
from starlette.testclient import TestClient

from api.db import utc_now
from api.method_book import book as book_module
from api.method_book import job, service
from api.method_book.chapters import Chapter
from api.method_book.data_hash import NO_DATA_DAY, DataSnapshot
from api.method_book.models import BookStatus, MethodBook
from tests.api.builders import initiative_payload

LONG_AGO = timedelta(hours=1)


def _stored(engine: Engine, status: BookStatus, ago: timedelta) -> uuid.UUID:
    then = utc_now() - ago
    with Session(engine) as session:
        book = MethodBook(status=status, parameters={"language": "nl"}, actor_label="test",
                          created_at=then, sent_at=then,
                          started_at=then if status == BookStatus.RUNNING else None)
        session.add(book)
        session.commit()
        return book.id


def _sent(monkeypatch: pytest.MonkeyPatch) -> list[uuid.UUID]:
    sent: list[uuid.UUID] = []
    monkeypatch.setattr(service, "submit_method_book", sent.append)
    return sent


def test_a_book_whose_worker_or_message_was_lost_is_settled_when_looked_at(
        client: TestClient, engine: Engine) -> None:
    stuck = _stored(engine, BookStatus.RUNNING, LONG_AGO)
    lost = _stored(engine, BookStatus.QUEUED, LONG_AGO)
    failed = client.get(f"/v1/method-books/{stuck}").json()
    assert (failed["status"], failed["dataHash"]) == ("failed", None)
    assert "no-sign-of-life" in failed["error"]
    assert client.get(f"/v1/method-books/{lost}").json()["status"] == "done"  # sent again


def test_a_lost_message_is_sent_again_once_however_often_it_is_polled(
        client: TestClient, engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    sent = _sent(monkeypatch)
    fresh = _stored(engine, BookStatus.QUEUED, job.LOST - timedelta(minutes=1))
    lost = _stored(engine, BookStatus.QUEUED, job.LOST + timedelta(minutes=1))
    for _ in range(3):
        assert client.get(f"/v1/method-books/{fresh}").json()["status"] == "queued"
        assert client.get(f"/v1/method-books/{lost}").json()["status"] == "queued"
    assert sent == [lost]
    with Session(engine) as session:
        found = session.get(MethodBook, lost)
        assert found is not None and found.sent_at > utc_now() - timedelta(minutes=1)


def test_a_failing_chapter_stores_a_fixed_message_and_logs_the_details(
        client: TestClient, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    def broken(*_args: Any) -> Any:
        raise RuntimeError("kapot: SELECT geheim FROM initiative WHERE id = 7")

    monkeypatch.setattr(book_module, "CHAPTERS", (broken,))
    with caplog.at_level(logging.ERROR, logger=job.__name__):
        sent = client.post("/v1/method-books", json={})
    failed = client.get(sent.headers["location"]).json()
    assert (failed["status"], failed["dataHash"]) == ("failed", None)
    assert failed["error"] == job.FAILED and " / " in failed["error"]
    assert "kapot" not in failed["error"] and "SELECT" not in failed["error"]
    assert "kapot" in caplog.text  # the details stay in the log
    assert client.get(failed["_links"]["html"]).status_code == 409


def after_writing(monkeypatch: pytest.MonkeyPatch,
                  then: Callable[[Session, Any], None]) -> None:
    """The job writes the book as always, then `then(session, written)` happens before it
    is stored."""
    write = book_module.write_book

    def written_then(session: Session, params: Any) -> Any:
        written = write(session, params)
        then(session, written)
        return written

    monkeypatch.setattr(job, "write_book", written_then)


def test_a_book_the_database_will_not_store_fails_at_once_with_the_fixed_message(
        client: TestClient, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    """Not left running until it counts as lost (15 minutes of polling)."""
    def unstorable(_: Session, written: Any) -> None:
        written.numbers["chapters"]["x"] = {"not json": object()}

    after_writing(monkeypatch, unstorable)
    with caplog.at_level(logging.ERROR, logger=job.__name__):
        sent = client.post("/v1/method-books", json={})
    failed = client.get(sent.headers["location"]).json()
    assert (failed["status"], failed["error"], failed["dataHash"]) == (
        "failed", job.FAILED, None)
    assert "not stored" in caplog.text


def test_a_book_settled_as_failed_while_it_ran_is_not_stored_and_a_warning_says_so(
        client: TestClient, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    def settled_meanwhile(session: Session, _: Any) -> None:
        session.connection().execute(update(job.BOOKS).values(
            status=BookStatus.FAILED, error=job.LOST_WORKER))
        session.commit()

    after_writing(monkeypatch, settled_meanwhile)
    with caplog.at_level(logging.WARNING, logger=job.__name__):
        sent = client.post("/v1/method-books", json={})
    book = client.get(sent.headers["location"]).json()
    assert (book["status"], book["dataHash"], book["error"]) == (
        "failed", None, job.LOST_WORKER)
    assert "written but not stored" in caplog.text


def test_a_queue_that_refuses_the_job_leaves_a_queued_book_sent_again_later(
        client: TestClient, engine: Engine, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    def refused(_book_id: uuid.UUID) -> None:
        raise ConnectionError("queue down")

    monkeypatch.setattr(service, "submit_method_book", refused)
    with caplog.at_level(logging.ERROR, logger=service.__name__):
        sent = client.post("/v1/method-books", json={"stadsdeel": "F"})
    assert sent.status_code == 202, sent.text
    assert sent.json()["status"] == "queued" and "queue down" in caplog.text
    monkeypatch.undo()
    book_id = uuid.UUID(sent.json()["id"])
    assert client.get(f"/v1/method-books/{book_id}").json()["status"] == "queued"
    with engine.begin() as connection:
        connection.execute(update(job.BOOKS).where(job.BOOKS.c.id == book_id).values(
            sent_at=utc_now() - job.LOST - timedelta(minutes=1)))
    assert client.get(f"/v1/method-books/{book_id}").json()["status"] == "done"


def test_the_job_reads_in_one_snapshot_on_postgresql(
        client: TestClient, engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    write = book_module.write_book
    levels: list[str] = []

    def observed(session: Session, params: Any) -> Any:
        levels.append(session.connection().get_isolation_level())
        return write(session, params)

    monkeypatch.setattr(job, "write_book", observed)
    sent = client.post("/v1/method-books", json={})
    assert client.get(sent.headers["location"]).json()["status"] == "done"
    expected = "REPEATABLE READ" if engine.dialect.name == "postgresql" else "SERIALIZABLE"
    assert levels == [expected]


def test_the_chapters_count_to_the_data_date_not_the_clock(
        client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    days: list[date] = []

    def chapter(_session: Session, _params: Any, as_of: date) -> Any:
        days.append(as_of)
        return Chapter(key="probe", title="Probe", numbers={}, html="")

    monkeypatch.setattr(book_module, "CHAPTERS", (chapter,))
    empty = client.get(client.post("/v1/method-books", json={}).headers["location"]).json()
    assert empty["status"] == "done" and days == [NO_DATA_DAY]
    client.post("/v1/initiatives", json=initiative_payload())
    book = client.get(client.post("/v1/method-books", json={}).headers["location"]).json()
    data_date = client.get(book["_links"]["numbers"]).json()["chapters"]["appendix"]["dataDate"]
    assert days[1] == date.fromisoformat(data_date[:10])
    assert DataSnapshot("0" * 64, "2019-03-04T10:00:00+00:00").as_of == date(2019, 3, 4)


def test_a_book_stored_before_books_had_an_audience_is_written_for_everyone(
        engine: Engine, session: Session, client: TestClient) -> None:
    """Its column says 'everyone' (migration 0008's default) and its parameters say nothing:
    the column decides, so the job writes no quotes and no competence into it."""
    from tests.api.method_book_world import build_world

    build_world(session)
    book = MethodBook(status=BookStatus.QUEUED, audience="everyone", parameters={
        "stadsdeel": None, "theme": None, "periodFrom": None, "periodTo": None,
        "language": "nl"}, actor_label="test")
    session.add(book)
    session.commit()
    job.run_book(engine, book.id)
    session.expire_all()
    done = session.get(MethodBook, book.id)
    assert done is not None and done.numbers is not None and done.status == BookStatus.DONE
    assert done.numbers["parameters"]["audience"] == "everyone"
    assert "stemmen" not in done.numbers["chapters"]
    assert "competence" not in [grouping["by"] for grouping in done.numbers["chapters"][
        "ondersteuning"]["effects"]["groupings"]]
    assert client.get(f"/v1/method-books/{book.id}").json()["parameters"]["audience"] == (
        "everyone")
