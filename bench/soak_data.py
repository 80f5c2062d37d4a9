"""The soak's data: 100,000 demo initiatives in a PostgreSQL schema of their own (bench_soak).

Built as `make run` builds a database (migrations to head, the seeds, then the demo), so that
the API's /ready sees migrations at head. With reuse, a schema that already holds at least
the asked number of initiatives is kept: the build takes minutes, a soak run should not.
"""

import os
import time

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

SCHEMA = "bench_soak"


def soak_database_url() -> str:
    """The URL the servers use: BENCH_DATABASE_URL (else TEST_DATABASE_URL) in our schema."""
    given = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL")
    if not given:
        raise SystemExit("Set BENCH_DATABASE_URL to a PostgreSQL server, e.g. "
                         "postgresql+psycopg://root@127.0.0.1:5432/test")
    url = make_url(given)
    if url.get_backend_name() != "postgresql":
        raise SystemExit("BENCH_DATABASE_URL must name PostgreSQL")
    # Written out by hand: rendered, the option's "=" becomes "%3D", which Alembic's
    # configuration (configparser interpolation) refuses.
    bare = url.difference_update_query(["options"]).render_as_string(hide_password=False)
    joiner = "&" if "?" in bare else "?"
    return f"{bare}{joiner}options=-csearch_path={SCHEMA}"


def _admin_url(url: str) -> str:
    # Without the search_path option: the schema itself is made or dropped from outside it.
    return make_url(url).difference_update_query(["options"]).render_as_string(
        hide_password=False)


def initiatives_held(url: str) -> int:
    """How many initiatives the schema holds; 0 when it or its table does not exist."""
    admin = create_engine(_admin_url(url))
    try:
        with admin.connect() as connection:
            exists = connection.execute(text(
                "SELECT 1 FROM information_schema.tables "
                "WHERE table_schema = :schema AND table_name = 'initiative'"),
                {"schema": SCHEMA}).first()
            if exists is None:
                return 0
            return int(connection.execute(
                text(f"SELECT count(*) FROM {SCHEMA}.initiative")).scalar_one())
    finally:
        admin.dispose()


def drop_schema(url: str) -> None:
    admin = create_engine(_admin_url(url))
    with admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
    admin.dispose()


def build(url: str, initiatives: int, seed: int) -> None:
    """A fresh schema: migrations, seeds and the demo data."""
    drop_schema(url)
    admin = create_engine(_admin_url(url))
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {SCHEMA}"))
    admin.dispose()
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
    print(f"built {SCHEMA} in {time.monotonic() - started:.0f} s: {summary}")


def ensure_data(initiatives: int, seed: int, reuse: bool) -> str:
    """The URL of a schema holding the demo data, built unless reuse finds it there."""
    url = soak_database_url()
    held = initiatives_held(url) if reuse else 0
    if held >= initiatives:
        print(f"reusing {SCHEMA}: {held:,} initiatives")
        return url
    build(url, initiatives, seed)
    return url


if __name__ == "__main__":
    import sys

    sys.path[:0] = ["services/api", "services/web"]
    ensure_data(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000, 2026, reuse=True)
