"""Where a scenario's API keeps its data: a new SQLite file, or a database in a private
PostgreSQL cluster that the scenario starts (bench/reliability/cluster.py) and that is
stopped and removed when the scenario ends: the shared server is never touched."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench.reliability.cluster import PrivateCluster, private_cluster


def create_database(cluster: PrivateCluster, name: str) -> str:
    """A new, empty database in the cluster; its URL."""
    admin = create_engine(cluster.url, isolation_level="AUTOCOMMIT")  # no CREATE DATABASE
    try:                                                               # in a transaction
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    return make_url(cluster.url).set(database=name).render_as_string(hide_password=False)


@contextmanager
def scenario_database(kind: str, folder: Path, name: str) -> Iterator[str]:
    """The URL the scenario's API uses; the data is gone when the block ends."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'reliability.db'}"
        return
    with private_cluster() as cluster:
        yield create_database(cluster, name)
