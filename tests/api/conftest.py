"""Fixtures of the API tests that need more than one fresh database per test."""

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from sqlalchemy import create_engine
from sqlalchemy.pool import StaticPool
from sqlmodel import Session
from starlette.testclient import TestClient

from api.areas.seed import seed_areas
from api.db import get_session
from api.demo import generate_demo
from api.main import create_app
from api.tables import metadata
from tests.auth_builders import bearer, make_account, make_session_token


@pytest.fixture(scope="module")
def demo_client() -> Iterator[TestClient]:
    """The API, as a researcher, over 3,000 demo initiatives in an SQLite of its own, built
    once per module — also when the suite runs on PostgreSQL: the analyses that look for
    the demo's planted structure do not depend on the database."""
    engine = create_engine("sqlite://", poolclass=StaticPool,
                           connect_args={"check_same_thread": False})
    metadata.create_all(engine)
    with Session(engine) as session:
        seed_areas(session)
        generate_demo(session, initiatives=3000)
        token = make_session_token(session, make_account(session, "researcher"))

    def demo_session() -> Iterator[Session]:
        with Session(engine) as session:
            yield session

    demo_app: FastAPI = create_app()  # its own: other tests' overrides come and go
    demo_app.dependency_overrides[get_session] = demo_session
    with TestClient(demo_app, headers=bearer(token)) as client:
        yield client
    engine.dispose()
