"""Liveness (/health: the process answers) and readiness (/ready: the database answers
within READY_SECONDS and its schema is at the newest migration)."""

from dataclasses import dataclass
from pathlib import Path

import anyio
import orjson
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from fastapi import APIRouter, Request, Response
from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from api.db import SessionDep
from api.errors import ERROR_TYPE_BASE, PROBLEM_JSON

READY_SECONDS = 2.0
MIGRATIONS = Path(__file__).resolve().parents[1] / "migrations"
OK = "ok"
AHEAD = "ahead"
PASSING = frozenset({OK, AHEAD})

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True)
class Migrations:
    head: str | None
    known: frozenset[str]


def migrations() -> Migrations:
    scripts = ScriptDirectory(str(MIGRATIONS))
    return Migrations(scripts.get_current_head(),
                      frozenset(script.revision for script in scripts.walk_revisions()))


def migrations_head() -> str | None:
    return migrations().head


def migration_state(current: tuple[str, ...], ours: Migrations) -> str:
    """`ok` at our head; `ahead` when the database carries a revision this release does not
    know: the next release migrated it during a rolling deploy, and the replicas still on
    this one keep serving (migrations add before they take away). Behind is not ready: this
    code would ask for columns that are not there yet."""
    if ours.head is not None and current == (ours.head,):
        return OK
    if current and not set(current) & ours.known:
        return AHEAD
    return f"behind: at {','.join(current) or 'none'}, head {ours.head}"


def check_database(engine: Engine, ours: Migrations) -> dict[str, str]:
    """In a worker thread: a connection from the pool, one query, the stored revision."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            current = MigrationContext.configure(connection).get_current_heads()
    except SQLAlchemyError:
        return {"database": "unreachable", "migrations": "unknown"}
    return {"database": OK, "migrations": migration_state(tuple(current), ours)}


async def checks_in_time(request: Request, engine: Engine) -> dict[str, str]:
    """The checks, or `timeout` after READY_SECONDS; a hung connection attempt is left to
    its thread (at most two of them: their own limiter, none of the requests' threads)."""
    state = request.app.state
    if getattr(state, "ready_limiter", None) is None:
        state.ready_limiter = anyio.CapacityLimiter(2)
        state.migrations = migrations()
    with anyio.move_on_after(READY_SECONDS):
        return await anyio.to_thread.run_sync(check_database, engine, state.migrations,
                                              abandon_on_cancel=True,
                                              limiter=state.ready_limiter)
    return {"database": "timeout", "migrations": "unknown"}


def status_response(checks: dict[str, str], instance: str) -> Response:
    """200 with the checks, or a 503 problem that names the ones that failed."""
    if all(value in PASSING for value in checks.values()):
        return Response(orjson.dumps({"status": OK, "checks": checks}),
                        media_type="application/json", headers={"Cache-Control": "no-store"})
    failed = ", ".join(f"{name}: {value}" for name, value in checks.items()
                       if value not in PASSING)
    problem = {"type": ERROR_TYPE_BASE + "not-ready", "title": "Service Unavailable",
               "status": 503, "detail": f"Niet gereed / Not ready ({failed}).",
               "instance": instance, "checks": checks}
    return Response(orjson.dumps(problem), 503, media_type=PROBLEM_JSON,
                    headers={"Cache-Control": "no-store", "Retry-After": "5"})


@router.get("/health")
async def health() -> Response:
    """Liveness: answers while the process serves requests; no database, no other service."""
    return Response(orjson.dumps({"status": OK}), media_type="application/json",
                    headers={"Cache-Control": "no-store"})


@router.get("/ready")
async def ready(request: Request, session: SessionDep) -> Response:
    """Readiness. The session only names the engine (the app's, or a test's own): the
    checks take their own connection in a thread that may be abandoned."""
    engine = session.get_bind()
    assert isinstance(engine, Engine)
    return status_response(await checks_in_time(request, engine), "/ready")
