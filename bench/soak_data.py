"""The soak's data: 100,000 demo initiatives in a PostgreSQL cluster of the soak's own.

The cluster lives in var/soak-postgresql (git-ignored) and is kept between runs, stopped:
building the data takes minutes, a soak run should not. Each run starts it on a free port of
127.0.0.1 and stops it at the end (bench/reliability/cluster.py). The data is built as
`make run` builds a database (migrations to head, the seeds, then the demo), so that the
API's /ready sees migrations at head; with reuse, a database that already holds at least the
asked number of initiatives is kept.
"""

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench.reliability.cluster import PrivateCluster, kept_cluster
from bench.reliability.databases import create_database
from bench.servers import ROOT

CLUSTER_FOLDER = ROOT / "var" / "soak-postgresql"
DATABASE = "soak"


def initiatives_held(cluster: PrivateCluster) -> int:
    """How many initiatives the soak's database holds; 0 when it or its table is missing."""
    admin = create_engine(cluster.url)
    try:
        with admin.connect() as connection:
            if connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                  {"name": DATABASE}).first() is None:
                return 0
    finally:
        admin.dispose()
    engine = create_engine(_url(cluster))
    try:
        with engine.connect() as connection:
            if connection.execute(text("SELECT to_regclass('initiative')")).scalar() is None:
                return 0
            return int(connection.execute(text("SELECT count(*) FROM initiative")).scalar_one())
    finally:
        engine.dispose()


def _url(cluster: PrivateCluster) -> str:
    return make_url(cluster.url).set(database=DATABASE).render_as_string(hide_password=False)


def build(cluster: PrivateCluster, initiatives: int, seed: int) -> str:
    """A fresh database: migrations, seeds and the demo data; its URL."""
    admin = create_engine(cluster.url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{DATABASE}"'))
    admin.dispose()
    url = create_database(cluster, DATABASE)
    os.environ["API_DATABASE_URL"] = url
    from sqlmodel import Session

    from api.config import get_settings
    from api.db import make_engine
    from api.demo.generate import generate_demo
    from api.manage import migrate

    get_settings.cache_clear()
    started = time.monotonic()
    migrate()
    engine = make_engine(url)
    with Session(engine) as session:
        summary = generate_demo(session, initiatives=initiatives, seed=seed)
    engine.dispose()
    print(f"built the soak's database in {time.monotonic() - started:.0f} s: {summary}")
    return url


@contextmanager
def soak_database(initiatives: int, seed: int, reuse: bool) -> Iterator[str]:
    """The URL of a database holding the demo data (built unless reuse finds it), in the
    soak's cluster, which runs while the block does."""
    with kept_cluster(CLUSTER_FOLDER) as cluster:
        held = initiatives_held(cluster) if reuse else 0
        if held >= initiatives:
            print(f"reusing the soak's database in {CLUSTER_FOLDER.relative_to(ROOT)}: "
                  f"{held:,} initiatives")
            yield _url(cluster)
        else:
            yield build(cluster, initiatives, seed)
