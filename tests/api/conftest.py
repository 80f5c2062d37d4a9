"""Fixtures of the API tests that need more than one fresh database per test."""

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from sqlalchemy import Engine, create_engine
from sqlalchemy.pool import StaticPool
from sqlmodel import Session
from starlette.testclient import TestClient

from api.areas.seed import seed_areas
from api.db import get_session
from api.demo import generate_demo
from api.main import create_app
from api.tables import metadata
from tests.auth_builders import bearer, make_account, make_session_token


def demo_engine(initiatives: int) -> Engine:
    """An in-memory SQLite with the areas and `initiatives` demo initiatives: for tests that
    look at the demo's planted structure or its printed book, which do not depend on the
    database, so it is SQLite also when the suite runs on PostgreSQL."""
    engine = create_engine("sqlite://", poolclass=StaticPool,
                           connect_args={"check_same_thread": False})
    metadata.create_all(engine)
    with Session(engine) as session:
        seed_areas(session)
        generate_demo(session, initiatives=initiatives)
    return engine


@pytest.fixture(scope="module")
def demo_client() -> Iterator[TestClient]:
    """The API, as a researcher, over 3,000 demo initiatives (built once per module)."""
    engine = demo_engine(3000)
    with Session(engine) as session:
        token = make_session_token(session, make_account(session, "researcher"))

    def demo_session() -> Iterator[Session]:
        with Session(engine) as session:
            yield session

    demo_app: FastAPI = create_app()  # its own: other tests' overrides come and go
    demo_app.dependency_overrides[get_session] = demo_session
    with TestClient(demo_app, headers=bearer(token)) as client:
        yield client
    engine.dispose()
