"""The fuzzing world shared by the bounded test (tests/fuzz) and the long run (bench/fuzz.py).

One API app of its own (create_app), its sessions bound to one database built for the run:
an in-memory SQLite by default, or a schema of its own on the PostgreSQL server that
TEST_DATABASE_URL names. The database holds a small demo (so that lists and analyses answer
with content, not only with empty pages) and an administrator's session token: an
administrator may call every operation, so the fuzzer reaches the handlers behind the
authorization checks instead of meeting 403 everywhere.
"""

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import schemathesis
from fastapi import FastAPI
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.pool import StaticPool
from sqlmodel import Session

from api.db import get_session
from api.demo import generate_demo
from api.jobs import use_engine
from api.main import create_app
from api.tables import metadata
from tests.auth_builders import bearer, make_account, make_session_token

OPENAPI_PATH = "/v1/openapi.json"
DEMO_INITIATIVES = 40


SIGN_OUT = "DELETE /sessions/current"


@dataclass(frozen=True)
class FuzzWorld:
    app: FastAPI
    engine: Engine
    admin_headers: dict[str, str]

    def headers_for(self, label: str) -> dict[str, str]:
        """The administrator's token, except for signing out: that revokes the token it is
        called with, and every later case would meet 401. It gets a session of its own."""
        if label != SIGN_OUT:
            return self.admin_headers
        with Session(self.engine) as session:
            return bearer(make_session_token(session, make_account(session, "researcher")))


def fuzz_schema(app: FastAPI, max_examples: int, seed: int) -> schemathesis.BaseSchema:
    """The API's own OpenAPI document, generated from deterministically (same cases each run)."""
    schema = schemathesis.openapi.from_asgi(OPENAPI_PATH, app)
    # Our own Authorization header signs every request: generated credentials would
    # only meet 401, which says nothing about the operation behind them.
    schema.config.generation.update(max_examples=max_examples, deterministic=True,
                                    with_security_parameters=False)
    schema.config.seed = seed
    # The coverage phase sends hundreds of boundary cases per operation (every other HTTP
    # method, each missing parameter): the bounded run keeps to the fuzzing phase.
    schema.config.phases.coverage.enabled = False
    return schema


@contextmanager
def _database() -> Iterator[Engine]:
    given = os.environ.get("TEST_DATABASE_URL")
    if not given:
        engine = create_engine("sqlite://", poolclass=StaticPool,
                               connect_args={"check_same_thread": False})
        yield engine
        engine.dispose()
        return
    schema = f"fuzz_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    admin = create_engine(given)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    engine = create_engine(given, pool_size=5, max_overflow=0,
                           connect_args={"options": f"-csearch_path={schema}"})
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        admin.dispose()


@contextmanager
def fuzz_world(app: FastAPI) -> Iterator[FuzzWorld]:
    """`app` bound to a fresh database with the demo and an administrator's token."""
    with _database() as engine:
        metadata.create_all(engine)
        with Session(engine) as session:
            generate_demo(session, initiatives=DEMO_INITIATIVES)
            token = make_session_token(session, make_account(session, "admin"))

        def fuzz_session() -> Iterator[Session]:
            with Session(engine) as session:
                yield session

        app.dependency_overrides[get_session] = fuzz_session
        use_engine(engine)
        try:
            yield FuzzWorld(app, engine, bearer(token))
        finally:
            use_engine(None)
            app.dependency_overrides.clear()


def new_app() -> FastAPI:
    """An app of the fuzz's own: other tests' dependency overrides never reach it."""
    return create_app()
