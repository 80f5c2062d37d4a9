"""Export everything, import it into an empty database, export again: the two exports are
identical, byte for byte (the demo data: every table, every kind of column)."""

import io
import zipfile
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import Engine, create_engine
from sqlalchemy.pool import StaticPool
from sqlmodel import Session

from api.areas.seed import seed_areas
from api.demo import generate_demo
from api.exports.service import ORDER, everything_zip
from api.indicators.seed import seed_indicators
from api.initiatives.listing import InitiativeFilters
from api.tables import metadata
from tests.api.import_helpers import run_job

TODAY = date(2026, 11, 28)


def _empty() -> Engine:
    engine = create_engine("sqlite://", poolclass=StaticPool,
                           connect_args={"check_same_thread": False})
    metadata.create_all(engine)
    with Session(engine) as session:
        seed_areas(session)
        seed_indicators(session)
    return engine


@pytest.fixture(scope="module")
def demo() -> Iterator[Engine]:
    engine = _empty()
    with Session(engine) as session:
        generate_demo(session, initiatives=300)
    yield engine
    engine.dispose()


def _export(engine: Engine) -> bytes:
    with Session(engine) as session:
        return everything_zip(session, InitiativeFilters(), personal=True, open_data=False,
                              today=TODAY)


def test_export_import_export_gives_the_same_files(demo: Engine) -> None:
    first = _export(demo)
    archive = zipfile.ZipFile(io.BytesIO(first))
    target = _empty()
    for resource in ORDER:
        content = archive.read(f"{resource}.csv")
        report = run_job(target, resource, content, dry_run=False, file_name=f"{resource}.csv")
        assert report["problems"] == [], (resource, report["problems"][:3])
        assert report["written"] is True, resource
        assert report["rows"] > 0, resource
    second = _export(target)
    again = zipfile.ZipFile(io.BytesIO(second))
    for name in archive.namelist():
        assert again.read(name) == archive.read(name), name
    assert second == first


def test_importing_an_export_back_where_it_came_from_changes_nothing(demo: Engine) -> None:
    archive = zipfile.ZipFile(io.BytesIO(_export(demo)))
    for resource in ORDER:
        content = archive.read(f"{resource}.csv")
        report = run_job(demo, resource, content, dry_run=False, file_name=f"{resource}.csv")
        assert report["problems"] == [], (resource, report["problems"][:3])
        assert (report["created"], report["updated"], report["removed"]) == (0, 0, 0), resource
