"""Where a scenario's API keeps its data: a new SQLite file, or a database of its own on the
PostgreSQL server that BENCH_DATABASE_URL or TEST_DATABASE_URL names, dropped when the
scenario ends. A database rather than a schema: `api.manage migrate` hands the URL to
Alembic's config, where the `%` of an encoded search_path option is not allowed."""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

SHARED_SERVER = "postgresql+psycopg://root@127.0.0.1:5432/test"


def shared_server_url() -> str:
    return (os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL")
            or SHARED_SERVER)


def _administer(server: str, statement: str) -> None:
    admin = create_engine(server, isolation_level="AUTOCOMMIT")  # no CREATE DATABASE in a
    try:                                                          # transaction
        with admin.connect() as connection:
            connection.execute(text(statement))
    finally:
        admin.dispose()


@contextmanager
def scenario_database(kind: str, folder: Path, name: str) -> Iterator[str]:
    """The URL the scenario's API uses; the data is gone when the block ends."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'reliability.db'}"
        return
    server = make_url(shared_server_url())
    if server.get_backend_name() != "postgresql":
        raise SystemExit("BENCH_DATABASE_URL / TEST_DATABASE_URL must name PostgreSQL")
    database = f"{name}_{os.getpid()}"
    _administer(server.render_as_string(hide_password=False),
                f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
    _administer(server.render_as_string(hide_password=False), f"CREATE DATABASE {database}")
    try:
        yield server.set(database=database).render_as_string(hide_password=False)
    finally:
        _administer(server.render_as_string(hide_password=False),
                    f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
