"""The database engine and sessions: SQLite by default, PostgreSQL via API_DATABASE_URL."""

from collections.abc import AsyncIterator
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends
from sqlalchemy import Column, DateTime, Engine, Integer, String, Table, event
from sqlalchemy.engine import Dialect, make_url
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.pool import StaticPool
from sqlalchemy.types import TypeDecorator
from sqlmodel import Session, SQLModel, create_engine

from api.config import get_settings
from api.data_version import raise_data_version
from api.errors import ApiError, Conflict, PreconditionFailed

# Vocabulary codes are stored as their plain string value: a new code needs no migration
# and the stored value is the code the API shows.
CODE = String(40)
# session.info key: work to do inside `commit`, after the flush (the audit trail's events).
ON_COMMIT = "on_commit"
# A PostgreSQL server that is down or unreachable: the request ends with a 503 after this
# long instead of hanging on the connect (a refused port fails at once anyway).
CONNECT_TIMEOUT_SECONDS = 3


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC that always comes back timezone-aware (SQLite drops it)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(UTC)
        return value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


def version_column() -> "Column[int]":
    """The optimistic-lock column: SQLAlchemy adds `WHERE version = :seen` to every UPDATE."""
    return Column("version", Integer, nullable=False, default=1)


def refresh_planner_statistics(session: Session) -> None:
    """After a bulk load: without statistics both planners pick poor indexes for lists.

    Table by table, our own only: a bare ANALYZE on PostgreSQL covers every schema.
    """
    for table in SQLModel.metadata.sorted_tables:
        session.connection().exec_driver_sql(f"ANALYZE {table.name}")
    session.commit()


def table_of(model: type[SQLModel]) -> Table:
    """The Core table behind a table model, for queries that skip the ORM."""
    return SQLModel.metadata.tables[str(model.__tablename__)]


def utc_now() -> datetime:
    return datetime.now(UTC)


def commit(session: Session, lost_race: ApiError | None = None) -> None:
    """Commit the unit of work once; if a concurrent write won, roll back and refuse.

    A version changed by someone else → 412 PreconditionFailed. A constraint that fails after
    the checks passed (the same value stored, a linked row deleted meanwhile) → `lost_race`,
    or a 409 Conflict.
    """
    try:
        session.flush()
        for work in session.info.pop(ON_COMMIT, []):
            work(session)
        session.flush()
        raise_data_version(session.connection())
        session.commit()
    except StaleDataError as error:
        session.info.pop(ON_COMMIT, None)
        session.rollback()
        raise PreconditionFailed(
            "Iemand anders wijzigde dit tegelijk; haal het opnieuw op. / Changed concurrently."
        ) from error
    except IntegrityError as error:
        session.info.pop(ON_COMMIT, None)
        session.rollback()
        if lost_race is None:
            lost_race = Conflict(
                "Iemand anders wijzigde tegelijk iets dat hiermee botst; probeer het opnieuw. / "
                "A concurrent change conflicts with this one; try again."
            )
        raise lost_race from error


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Read through the OS page cache instead of copying pages into each connection.
    cursor.execute("PRAGMA mmap_size=1073741824")
    cursor.execute("PRAGMA cache_size=-32000")
    cursor.close()


def make_engine(url: str, pool_size: int | None = None) -> Engine:
    """An engine for `url`; the pool holds as many connections as requests run at once."""
    settings = get_settings()
    size = pool_size or settings.requests_at_once
    parsed = make_url(url)
    # Statement parameters hold token and password hashes: never in a log line or an error.
    common: dict[str, Any] = {"hide_parameters": True, "echo": settings.log_sql}
    if parsed.get_backend_name() == "sqlite":
        in_memory = parsed.database in (None, "", ":memory:")
        if in_memory:
            engine = create_engine(
                url, connect_args={"check_same_thread": False}, poolclass=StaticPool, **common
            )
        else:
            Path(parsed.database or "").parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(
                url,
                connect_args={"check_same_thread": False},
                pool_size=size,
                max_overflow=0,
                pool_timeout=settings.pool_timeout_seconds,
                pool_use_lifo=True,  # the most recently used connection has the warmest cache
                **common,
            )
        event.listen(engine, "connect", _on_sqlite_connect)
        return engine
    return create_engine(
        url,
        pool_size=size,
        max_overflow=0,
        pool_timeout=settings.pool_timeout_seconds,
        pool_use_lifo=True,
        # After a restart of the server every pooled connection is dead: the ping finds
        # out before a request uses one, and a new one is opened in its place.
        pool_pre_ping=True,
        connect_args={"connect_timeout": CONNECT_TIMEOUT_SECONDS},
        **common,
    )


_engine: Engine | None = None


def get_engine() -> Engine:
    global _engine
    if _engine is None:
        _engine = make_engine(get_settings().database_url)
    return _engine


async def get_session() -> AsyncIterator[Session]:
    """A session per request. Async on purpose: opening one does no I/O (a connection is
    taken at the first query, in the route's worker thread), and a sync dependency would
    cost two extra thread hops per request. Closing hands the connection back to the pool.
    """
    session = Session(get_engine())
    try:
        yield session
    finally:
        close_session(session)


def close_session(session: Session) -> None:
    """Close, ending the transaction. When the database went away after the request's work
    (its closing ROLLBACK fails), that work's answer still stands: the broken connection
    is thrown away instead of failing the request, which would drop its response."""
    try:
        session.close()
    except DBAPIError as error:
        if not (error.connection_invalidated or isinstance(error, OperationalError)):
            raise
        with suppress(DBAPIError):
            session.invalidate()  # the connection leaves the pool; a new one replaces it


SessionDep = Annotated[Session, Depends(get_session)]
