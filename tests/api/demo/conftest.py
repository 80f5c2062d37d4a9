"""The large demo the tests of the planted structure look through."""

from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine
from sqlalchemy.pool import StaticPool
from sqlmodel import Session

from api.demo import generate_demo
from api.tables import metadata
from tests.api.demo.large import Demo, read_demo


@pytest.fixture(scope="session")
def large_demo() -> Iterator[Demo]:
    """3,000 initiatives: enough evaluations to see the planted structure through the noise.

    Built once per test process in its own SQLite, also when the suite runs on PostgreSQL:
    the statistics do not depend on the database, and the other tests cover both.
    """
    engine = create_engine("sqlite://", poolclass=StaticPool)
    metadata.create_all(engine)
    with Session(engine) as session:
        generate_demo(session, initiatives=3000)
        yield read_demo(session)
    engine.dispose()
