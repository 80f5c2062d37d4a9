"""Jobs on real huey workers: queued, picked up by a worker thread, followed through the
database; in an SQLite queue (as `make run` has it) and in Redis (as compose has it)."""

import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from huey import RedisHuey, SqliteHuey
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from api import jobs
from api.areas.seed import seed_areas
from api.db import make_engine
from api.imports import upsert
from api.imports.models import ImportJob, ImportStatus
from api.initiatives.models import Initiative
from api.tables import metadata
from tests.api.import_helpers import INITIATIVE_HEADER, csv_file, initiative_row


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Engine]:
    """A database file: a worker thread and the test each open their own connection."""
    engine = make_engine(f"sqlite:///{tmp_path / 'jobs-test.db'}")
    metadata.create_all(engine)
    with Session(engine) as session:
        seed_areas(session)
    jobs.use_engine(engine)
    yield engine
    jobs.use_engine(None)
    engine.dispose()


def _queued(engine: Engine, rows: int) -> uuid.UUID:
    content = csv_file(INITIATIVE_HEADER, [initiative_row(f"J-{n}") for n in range(rows)])
    job = ImportJob(resource="initiatives", file_name="j.csv", dry_run=False,
                    status=ImportStatus.QUEUED, content=content, actor_kind="session",
                    actor_label="tester", actor_role="admin")
    with Session(engine) as session:
        session.add(job)
        session.commit()
        return job.id


def _finished(engine: Engine, job_id: uuid.UUID, seconds: float = 30) -> ImportJob:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with Session(engine) as session:
            job = session.get(ImportJob, job_id)
            assert job is not None
            if job.status in (ImportStatus.SUCCEEDED, ImportStatus.FAILED):
                return job
        time.sleep(0.05)
    raise AssertionError("the job did not finish in time")


def _run_on(huey: object, engine: Engine) -> None:
    task = jobs.import_task_on(huey)  # type: ignore[arg-type]
    consumer = jobs.start_workers(threads=1, huey=huey)  # type: ignore[arg-type]
    try:
        job_id = _queued(engine, rows=300)
        task(str(job_id))
        job = _finished(engine, job_id)
        assert job.status == ImportStatus.SUCCEEDED
        assert (job.report["created"], job.report["written"]) == (300, True)
        assert job.started_at is not None and job.finished_at is not None
    finally:
        jobs.stop_workers(consumer)


def test_a_worker_thread_runs_an_import_from_an_sqlite_queue(database: Engine,
                                                             tmp_path: Path) -> None:
    _run_on(SqliteHuey(f"test-{uuid.uuid4()}", filename=str(tmp_path / "queue.db"),
                       results=False), database)


def test_reading_goes_on_while_an_import_runs(database: Engine, tmp_path: Path) -> None:
    """The import works in its own thread and transaction: a list request's query meanwhile
    answers at once (on SQLite as on PostgreSQL; SQLite writers would wait their turn)."""
    huey = SqliteHuey(f"test-{uuid.uuid4()}", filename=str(tmp_path / "queue.db"),
                      results=False)
    task = jobs.import_task_on(huey)
    consumer = jobs.start_workers(threads=1, huey=huey)
    try:
        job_id = _queued(database, rows=4000)
        task(str(job_id))
        during = 0  # reads answered while the import was running
        while True:
            with Session(database) as session:
                counted = session.exec(select(func.count()).select_from(Initiative)).one()
                job = session.get(ImportJob, job_id)
            assert job is not None
            if job.status in (ImportStatus.SUCCEEDED, ImportStatus.FAILED):
                break
            during += job.status == ImportStatus.RUNNING and counted == 0
            time.sleep(0.02)
        assert job.status == ImportStatus.SUCCEEDED
        assert during >= 5, "reads had to wait for the import"
    finally:
        jobs.stop_workers(consumer)


def test_a_worker_thread_runs_an_import_from_redis(database: Engine) -> None:
    huey = RedisHuey(f"test-{uuid.uuid4()}", url="redis://127.0.0.1:6379/15", results=False)
    try:
        _run_on(huey, database)
    finally:
        huey.flush()


def test_a_job_that_breaks_off_is_reported_failed_and_leaves_nothing(
        database: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    real = upsert.create_initiatives

    def stored_then_broken(*args: Any, **kwargs: Any) -> Any:  # a fault after the writing
        real(*args, **kwargs)
        raise RuntimeError("worker lost")

    monkeypatch.setattr(upsert, "create_initiatives", stored_then_broken)
    job_id = _queued(database, rows=5)
    with pytest.raises(RuntimeError):
        jobs.run_import(database, job_id)
    with Session(database) as session:
        job = session.get(ImportJob, job_id)
        assert job is not None and job.status == ImportStatus.FAILED
        assert job.report == {"error": "RuntimeError", "written": False}
        assert session.exec(select(func.count()).select_from(Initiative)).one() == 0
