"""An import job's life: claimed by one worker only, reported failed when it falls silent,
sent again when its message was lost, and its file forgotten once nobody needs it.

Every change of state is one conditional UPDATE, so two workers, or a worker and a person
looking at the job, can never both win: a job that finished is never marked failed after.
"""

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, update
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from api.db import table_of, utc_now
from api.imports.models import ImportJob, ImportStatus

JOBS = table_of(ImportJob)
# A running job shows a sign of life at least this often (plus a little per row, for the
# write phase on SQLite, where the import holds the only write lock and cannot report).
SILENCE = timedelta(minutes=10)
PER_ROW = timedelta(milliseconds=20)
# A job still queued after this long has lost its message (a queue restarted): send it again.
LOST = timedelta(minutes=10)


def claim(engine: Engine, job_id: uuid.UUID) -> bool:
    """Take a queued job for this worker; False when another took it (or it is gone)."""
    now = utc_now()
    with engine.begin() as connection:
        taken = connection.execute(
            update(JOBS).where(JOBS.c.id == job_id, JOBS.c.status == ImportStatus.QUEUED)
            .values(status=ImportStatus.RUNNING, started_at=now, heartbeat_at=now))
    return taken.rowcount == 1


def finish(engine: Engine, job_id: uuid.UUID, status: ImportStatus,
           report: dict[str, Any], checked: uuid.UUID | None) -> None:
    """Store the end; drop the file unless it is a clean dry run that may still be committed
    (an upload may name people: it is kept no longer than needed)."""
    keep_file = report.get("dryRun") and report.get("valid")
    with engine.begin() as connection:
        values: dict[str, Any] = {"status": status, "finished_at": utc_now(), "report": report}
        if not keep_file:
            values["content"] = b""
        connection.execute(update(JOBS).where(JOBS.c.id == job_id).values(**values))
        if checked is not None and report.get("written"):
            connection.execute(update(JOBS).where(JOBS.c.id == checked).values(content=b""))


def settle(session: Session, job: ImportJob, resend: Any) -> None:
    """Before a job is shown: a running one silent too long is failed; a queued one waiting
    too long is sent again (`resend(job_id)`)."""
    now = utc_now()
    if job.status == ImportStatus.RUNNING:
        cutoff = now - SILENCE - PER_ROW * (job.rows_total or 0)
        if _older(job.heartbeat_at, cutoff):
            _update(session, job, {"status": ImportStatus.FAILED, "finished_at": now,
                                   "report": {"error": "no-sign-of-life", "written": False}},
                    status=ImportStatus.RUNNING, cutoff=cutoff)
    elif (job.status == ImportStatus.QUEUED
          and _older(job.heartbeat_at or job.created_at, now - LOST)
          and _update(session, job, {"heartbeat_at": now}, status=ImportStatus.QUEUED,
                      cutoff=now - LOST)):
        resend(job.id)
        session.refresh(job)  # it may have run already (jobs run inside requests in tests)


def _older(moment: datetime | None, cutoff: datetime) -> bool:
    return moment is not None and moment < cutoff


def _update(session: Session, job: ImportJob, values: dict[str, Any], *,
            status: ImportStatus, cutoff: datetime) -> bool:
    """The change, only if the job is still as seen; on a busy SQLite, leave it for later."""
    seen = JOBS.c.heartbeat_at if job.heartbeat_at is not None else JOBS.c.created_at
    try:
        done = session.connection().execute(
            update(JOBS).where(JOBS.c.id == job.id, JOBS.c.status == status, seen < cutoff)
            .values(**values))
        session.commit()
    except OperationalError:  # the import holds SQLite's write lock: it is alive after all
        session.rollback()
        return False
    session.refresh(job)
    return done.rowcount == 1
