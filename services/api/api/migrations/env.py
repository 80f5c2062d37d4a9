"""Alembic environment: migrates the database that API_DATABASE_URL (or -x url=…) names."""

from alembic import context
from sqlalchemy import Connection

from api.config import get_settings
from api.db import make_engine
from api.qualitative.search import ignored_by_autogenerate
from api.tables import metadata

config = context.config
url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option(
    "sqlalchemy.url"
) or get_settings().database_url


def run_offline() -> None:
    context.configure(url=url, target_metadata=metadata, literal_binds=True,
                      include_object=ignored_by_autogenerate,
                      render_as_batch=url.startswith("sqlite"))
    with context.begin_transaction():
        context.run_migrations()


def _migrate(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=metadata,
                      include_object=ignored_by_autogenerate,
                      render_as_batch=connection.dialect.name == "sqlite", compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    given = config.attributes.get("connection")  # tests pass an open connection
    if given is not None:
        _migrate(given)
        return
    engine = make_engine(url, pool_size=1)  # creates the SQLite file's folder, foreign keys on
    with engine.connect() as connection:
        _migrate(connection)
    engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
