"""Alembic migrations: up to head, equal to the models, and down again to nothing."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, create_engine, inspect, text

from api.manage import alembic_config
from api.qualitative.search import ignored_by_autogenerate
from api.tables import metadata


@pytest.fixture
def empty_database(tmp_path: Path) -> Iterator[Connection]:
    """An empty SQLite file, or an empty PostgreSQL schema when TEST_DATABASE_URL is set."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        engine = create_engine(f"sqlite:///{tmp_path / 'migrations.db'}")
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            yield connection
        engine.dispose()
        return
    schema = f"migrations_{os.getpid()}"
    engine = create_engine(url)
    with engine.connect() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"))
        connection.execute(text(f"SET search_path TO {schema}"))
        connection.commit()
        yield connection
        connection.rollback()
        connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        connection.commit()
    engine.dispose()


def _run(connection: Connection, direction: str, target: str) -> None:
    config = alembic_config(str(connection.engine.url))
    config.attributes["connection"] = connection
    getattr(command, direction)(config, target)
    connection.commit()


def test_migrations_build_exactly_the_models_and_take_them_down_again(
    empty_database: Connection,
) -> None:
    _run(empty_database, "upgrade", "head")
    context = MigrationContext.configure(
        empty_database, opts={"include_object": ignored_by_autogenerate})  # search table
    differences = compare_metadata(context, metadata)
    assert differences == []
    assert set(metadata.tables) <= set(inspect(empty_database).get_table_names())
    _run(empty_database, "downgrade", "base")
    assert set(inspect(empty_database).get_table_names()) <= {"alembic_version"}
