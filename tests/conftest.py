"""Test databases: a fresh in-memory SQLite per test, or PostgreSQL via TEST_DATABASE_URL."""

import os
import sqlite3
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.pool import StaticPool
from sqlmodel import Session
from starlette.testclient import TestClient

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "services" / "api"), str(ROOT / "services" / "web")]
# Jobs run inside the request that sends them: one in-memory database, one connection.
# (tests/api/test_jobs.py runs real workers against a database file of its own.)
os.environ.setdefault("API_JOBS_URL", "immediate")

from api.areas.seed import seed_areas  # noqa: E402
from api.auth.throttle import login_throttle  # noqa: E402
from api.db import get_session  # noqa: E402
from api.jobs import use_engine  # noqa: E402
from api.main import app  # noqa: E402
from api.tables import metadata  # noqa: E402
from tests.audit_check import AuditedClient, ClientFactory, check_audit_trail  # noqa: E402
from tests.auth_builders import bearer, make_account, make_session_token  # noqa: E402

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
SEED_TABLES = {"area", "wijkaanpak_buurt"}


def _foreign_keys_on(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    dbapi_connection.execute("PRAGMA foreign_keys=ON")


@pytest.fixture(scope="session")
def sqlite_template() -> Iterator[sqlite3.Connection]:
    """One in-memory database with the schema and the areas, copied for every test."""
    engine = create_engine("sqlite://", poolclass=StaticPool)
    metadata.create_all(engine)
    with Session(engine) as session:
        seed_areas(session)
    raw = engine.raw_connection().driver_connection
    assert isinstance(raw, sqlite3.Connection)
    yield raw
    engine.dispose()


@pytest.fixture(scope="session")
def postgres_engine() -> Iterator[Engine]:
    """A schema of this process's own, so parallel workers and runs never meet."""
    assert TEST_DATABASE_URL is not None
    schema = f"test_{os.getpid()}"
    admin = create_engine(TEST_DATABASE_URL)
    with admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    engine = create_engine(TEST_DATABASE_URL, pool_size=20, max_overflow=0,
                           connect_args={"options": f"-csearch_path={schema}"})
    metadata.create_all(engine)
    with Session(engine) as session:
        seed_areas(session)
    yield engine
    engine.dispose()
    with admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


def _fresh_sqlite(template: sqlite3.Connection) -> Engine:
    copy = sqlite3.connect(":memory:", check_same_thread=False)
    template.backup(copy)
    engine = create_engine("sqlite://", creator=lambda: copy, poolclass=StaticPool)
    event.listen(engine, "connect", _foreign_keys_on)
    return engine


def _truncate_writable(engine: Engine) -> None:
    names = ", ".join(name for name in metadata.tables if name not in SEED_TABLES)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {names} CASCADE"))


@pytest.fixture
def engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    if TEST_DATABASE_URL:
        engine = request.getfixturevalue("postgres_engine")
        yield engine
        _truncate_writable(engine)
    else:
        engine = _fresh_sqlite(request.getfixturevalue("sqlite_template"))
        yield engine
        engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine) as session:
        yield session


@pytest.fixture
def api_app(engine: Engine) -> Iterator[FastAPI]:
    """The real API app, its sessions bound to this test's database."""

    async def test_session() -> AsyncIterator[Session]:
        with Session(engine) as session:
            yield session

    app.dependency_overrides[get_session] = test_session
    use_engine(engine)
    yield app
    use_engine(None)
    app.dependency_overrides.clear()


@pytest.fixture(autouse=True)
def _fresh_login_throttle() -> Iterator[None]:
    yield
    login_throttle.clear()


@pytest.fixture
def anonymous(api_app: FastAPI) -> Iterator[TestClient]:
    """The API as someone who has not signed in sees it."""
    with TestClient(api_app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def client_as(api_app: FastAPI, engine: Engine) -> Iterator[ClientFactory]:
    """Clients signed in with a role (and stadsdelen); every write they make is checked
    against the audit trail when the test ends (tests/audit_check.py)."""
    made: list[AuditedClient] = []

    def make(role: str = "admin", stadsdelen: tuple[str, ...] = ()) -> AuditedClient:
        with Session(engine) as session:
            account = make_account(session, role, stadsdelen=stadsdelen)
            token = make_session_token(session, account)
            username = account.username
        audited = AuditedClient(api_app, username, bearer(token))
        audited.__enter__()
        made.append(audited)
        return audited

    yield make
    for audited in made:
        audited.__exit__(None, None, None)
    with Session(engine) as session:
        check_audit_trail(session, made)


@pytest.fixture
def client(client_as: ClientFactory) -> TestClient:
    """The API as an administrator, who may do everything."""
    return client_as("admin")
