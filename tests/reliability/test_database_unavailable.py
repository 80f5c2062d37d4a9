"""A database that cannot answer is a 503 problem to try again, never a 500 (api/errors.py)."""

import time
from typing import Any
from unittest.mock import patch

import pytest
from fastapi import FastAPI
from sqlalchemy import event
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError, ProgrammingError
from sqlmodel import Session
from starlette.testclient import TestClient

from api.db import CONNECT_TIMEOUT_SECONDS, close_session, make_engine
from api.errors import PROBLEM_JSON, install_error_handlers

FAILURES: dict[str, Exception] = {
    "refused": OperationalError("connect", {}, Exception("connection refused")),
    "lost": InterfaceError("SELECT 1", {}, Exception("the connection is closed"),
                           connection_invalidated=True),
    "broken-sql": ProgrammingError("SELEKT", {}, Exception("syntax error")),
}


@pytest.fixture
def failing() -> TestClient:
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/{kind}")
    def fail(kind: str) -> None:
        raise FAILURES[kind]

    return TestClient(app, raise_server_exceptions=False)


@pytest.mark.parametrize("kind", ["refused", "lost"])
def test_an_unreachable_or_lost_database_is_a_503_problem_with_retry_after(
    failing: TestClient, kind: str
) -> None:
    response = failing.get(f"/{kind}")

    assert response.status_code == 503
    assert response.headers["content-type"] == PROBLEM_JSON
    assert response.headers["retry-after"] == "5"
    assert response.json()["type"].endswith("/database-unavailable")


def test_any_other_database_error_stays_a_500(failing: TestClient) -> None:
    response = failing.get("/broken-sql")

    assert response.status_code == 500
    assert isinstance(FAILURES["broken-sql"], DBAPIError)
    assert response.json()["type"].endswith("/internal-error")


def test_postgresql_connections_give_up_connecting_within_the_timeout() -> None:
    """An address that never answers: the connect gives up (here the sandbox may refuse at
    once; the driver is asked for the timeout either way), so no request hangs on it."""
    engine = make_engine("postgresql+psycopg://nobody@10.255.255.1:5432/none", pool_size=1)
    asked: dict[str, Any] = {}
    event.listen(engine, "do_connect", lambda _d, _r, _a, params: asked.update(params))
    started = time.monotonic()

    with pytest.raises(OperationalError), engine.connect():
        pass

    assert asked["connect_timeout"] == CONNECT_TIMEOUT_SECONDS
    assert time.monotonic() - started < CONNECT_TIMEOUT_SECONDS + 2
    engine.dispose()


def test_a_database_gone_after_the_work_does_not_fail_the_request() -> None:
    """The closing ROLLBACK meets a dead connection: the answer stands (api/db.py)."""
    session = Session(make_engine("sqlite://", pool_size=1))
    lost = OperationalError("ROLLBACK", {}, Exception("server closed the connection"))

    with patch.object(Session, "close", side_effect=lost), \
            patch.object(Session, "invalidate") as invalidate:
        close_session(session)

    invalidate.assert_called_once()


def test_another_error_while_closing_is_not_hidden() -> None:
    session = Session(make_engine("sqlite://", pool_size=1))

    with patch.object(Session, "close", side_effect=FAILURES["broken-sql"]), \
            pytest.raises(ProgrammingError):
        close_session(session)
