"""Background jobs (imports and method books) on huey.

Where the queue lives follows API_JOBS_URL: empty keeps it in an SQLite file (no server to
run, for `make run`); `redis://…` shares one queue between API replicas, so any replica
picks up work (docker compose); `immediate` runs a job inside the request that sends it (the
test suite, whose in-memory database one connection holds). Every API process runs a worker
(threads) of its own: no separate process to deploy or forget.
"""

import logging
import uuid
from pathlib import Path
from typing import Any

from huey import Huey, RedisHuey, SqliteHuey
from huey.consumer import Consumer
from sqlalchemy import Engine

from api.config import get_settings
from api.db import get_engine
from api.imports.run import run_import
from api.method_book.job import run_book

log = logging.getLogger(__name__)
# At shutdown a running job gets this long to finish; then the process goes, and the job
# (nothing of it written) is reported failed once it has been silent long enough.
SHUTDOWN_SECONDS = 30


def make_queue(url: str, file: str) -> Huey:
    """The queue API_JOBS_URL names (see the module's docstring)."""
    if url == "immediate":
        return Huey("buurtkracht", immediate=True, results=False)
    if url.startswith(("redis://", "rediss://")):
        return RedisHuey("buurtkracht", url=url, results=False)
    Path(file).parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey("buurtkracht", filename=file, results=False)


queue = make_queue(get_settings().jobs_url, get_settings().jobs_file)
_engine: Engine | None = None


def use_engine(engine: Engine | None) -> None:
    """The database the jobs of this process work in (the app's; a test's own)."""
    global _engine
    _engine = engine


def _jobs_engine() -> Engine:
    return _engine or get_engine()


def _import_job(job_id: str) -> None:
    run_import(_jobs_engine(), uuid.UUID(job_id))


def import_task_on(huey: Huey) -> Any:
    """The import job, as a task of this queue (a call enqueues it)."""
    return huey.task(retries=0, name="import")(_import_job)


import_task = import_task_on(queue)


def submit_import(job_id: uuid.UUID) -> None:
    import_task(str(job_id))


def _method_book_job(book_id: str) -> None:
    run_book(_jobs_engine(), uuid.UUID(book_id))


method_book_task = queue.task(retries=0, name="method-book")(_method_book_job)


def submit_method_book(book_id: uuid.UUID) -> None:
    method_book_task(str(book_id))


class EmbeddedConsumer(Consumer):  # type: ignore[misc]
    """huey's consumer without its signal handlers: the API server owns the process's
    signals and stops the workers itself, after the requests in flight."""

    def _set_signal_handlers(self) -> None:
        pass


def start_workers(threads: int = 2, huey: Huey = queue) -> Consumer | None:
    """Workers in this process, unless jobs run inside their requests."""
    if huey.immediate:
        return None
    consumer = EmbeddedConsumer(huey, workers=threads, periodic=False, initial_delay=0.05,
                                max_delay=1.0, check_worker_health=False,
                                shutdown_timeout=SHUTDOWN_SECONDS)
    consumer.start()
    log.info("job workers started", extra={"threads": threads})
    return consumer


def stop_workers(consumer: Consumer | None) -> None:
    if consumer is not None:
        consumer.stop(graceful=True)
