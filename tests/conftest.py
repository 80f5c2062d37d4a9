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

from api.areas.seed import seed_areas  # noqa: E402
from api.db import get_session  # noqa: E402
from api.main import app  # noqa: E402
from api.tables import metadata  # noqa: E402

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
    yield app
    app.dependency_overrides.clear()


@pytest.fixture
def client(api_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(api_app, raise_server_exceptions=False) as test_client:
        yield test_client
