"""Running one import: read, check, write in one transaction, keep it only when it is a
commit and every row passed; the report and the job's state are stored on the way."""

import threading
import uuid
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import replace
from typing import Any

from sqlalchemy import Engine, update
from sqlmodel import Session

from api.auth.identity import ACTOR, Caller
from api.auth.models import Role
from api.db import table_of, utc_now
from api.evaluations.models import Evaluation
from api.imports.lifecycle import claim, finish
from api.imports.lookups import AreaIndex, ids_by_reference, indicator_ids
from api.imports.measures import write_measures
from api.imports.models import ImportJob, ImportStatus
from api.imports.parse import Parsed, parse_rows
from api.imports.payloads import Lookups
from api.imports.targets import TARGETS
from api.imports.upsert import Outcome, write_rows
from api.initiatives.models import Initiative
from api.professionals.models import Professional
from api.tabular.files import read_table
from api.tabular.problems import WARNING_CODES, FileRefused, Problem, capped
from api.tabular.tables import OUTCOME_MEASURES, TABLES

JOBS = table_of(ImportJob)
REFERRED = {"initiativeRef": ("initiatives", Initiative),
            "professionalRef": ("professionals", Professional),
            "evaluationRef": ("evaluations", Evaluation)}
MAX_ROWS = 100_000
# SQLite has one write lock: this process's imports write one after the other (a second one
# would otherwise give up after SQLite's busy timeout).
ONE_WRITER = threading.Lock()


def run_import(engine: Engine, job_id: uuid.UUID) -> None:
    """Run the job to its end. A failure is stored as the job's state (nothing written) and
    raised again for the worker's log."""
    if not claim(engine, job_id):
        return  # taken by another worker (a message sent twice), or gone
    with Session(engine) as session:
        job = session.get(ImportJob, job_id)
        assert job is not None  # claimed just now; jobs are never deleted
        content, name, resource, dry_run = job.content, job.file_name, job.resource, job.dry_run
        caller, checked = _caller_of(job), job.checked_import_id
    try:
        report = _import(engine, job_id, resource, content, name, dry_run, caller)
    except Exception as error:  # the job must end in a state, whatever happened
        finish(engine, job_id, ImportStatus.FAILED,
               {"error": type(error).__name__, "written": False}, checked)
        raise
    finish(engine, job_id, ImportStatus.SUCCEEDED, report, checked)


def _caller_of(job: ImportJob) -> Caller:
    return Caller(kind=job.actor_kind, role=Role(job.actor_role) if job.actor_role else None,
                  stadsdelen=frozenset(job.actor_stadsdelen), account_id=job.actor_id,
                  label=job.actor_label)


def _import(engine: Engine, job_id: uuid.UUID, resource: str, content: bytes, name: str,
            dry_run: bool, caller: Caller) -> dict[str, Any]:
    def progress(done: int) -> None:
        _set(engine, job_id, rows_done=done, heartbeat_at=utc_now())

    try:
        raw = read_table(content, name, max_rows=MAX_ROWS)
    except FileRefused as refused:
        return _report(refused.problems, [], Outcome(), dry_run, written=False, rows=0)
    _set(engine, job_id, rows_total=len(raw.rows))
    parsed = parse_rows(TABLES[resource], raw, progress)
    errors = [p for p in parsed.problems if p.code not in WARNING_CODES]
    warnings = [p for p in parsed.problems if p.code in WARNING_CODES]
    if not parsed.rows or any(problem.row is None for problem in errors):
        return _report(errors, warnings, Outcome(), dry_run, written=False, rows=len(raw.rows))
    # Rows with a cell that cannot be read are reported; the others are still checked
    # against every rule, so that one dry run shows all there is to fix.
    unreadable = {problem.row for problem in errors}
    readable = replace(parsed, rows=[row for row in parsed.rows if row.number not in unreadable])
    outcome = Outcome(problems=errors)
    quiet = engine.dialect.name == "sqlite"  # one writer: progress would wait for the import
    with ONE_WRITER if quiet else nullcontext(), engine.connect() as connection:
        connection.begin()
        if quiet:
            # pysqlite opens transactions lazily; a savepoint would then be the outermost
            # transaction and its release a commit. An explicit BEGIN keeps them nested.
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        # The API's write functions commit: here each commit is a savepoint of this one
        # transaction, so the import is kept or dropped as a whole.
        with Session(bind=connection, join_transaction_mode="create_savepoint") as session:
            session.info[ACTOR] = caller
            lookups = _lookups(session, resource, readable)
            _write(resource, session, readable, lookups, caller,
                   (lambda done: None) if quiet else progress, outcome)
        keep = not dry_run and not outcome.problems
        if keep:
            connection.commit()
        else:
            connection.rollback()
    return _report(outcome.problems, warnings + outcome.notes, outcome, dry_run, written=keep,
                   rows=len(raw.rows))


def _write(resource: str, session: Session, parsed: Parsed, lookups: Lookups, caller: Caller,
           progress: Callable[[int], None], outcome: Outcome) -> None:
    if resource == OUTCOME_MEASURES.resource:
        write_measures(session, parsed, lookups, caller, progress, outcome)
    else:
        write_rows(session, TARGETS[resource], parsed, lookups, caller, progress, outcome)


def _lookups(session: Session, resource: str, parsed: Parsed) -> Lookups:
    lookups = Lookups(AreaIndex(session), indicators=indicator_ids(session))
    if resource in TARGETS:
        keys = {str(row.values["externalRef"]) for row in parsed.rows
                if row.values.get("externalRef") is not None}
        lookups.references[resource] = ids_by_reference(session, TARGETS[resource].model, keys)
    for column, (referred, model) in REFERRED.items():
        if column in parsed.present:
            named = {str(row.values[column]) for row in parsed.rows if row.values.get(column)}
            lookups.references[referred] = ids_by_reference(session, model, named)
    return lookups


def _report(problems: list[Problem], notes: list[Problem], outcome: Outcome, dry_run: bool,
            *, written: bool, rows: int) -> dict[str, Any]:
    return {
        "rows": rows,
        "valid": not problems,
        "written": written,
        "dryRun": dry_run,
        "created": outcome.created,
        "updated": outcome.updated,
        "unchanged": outcome.unchanged,
        "removed": outcome.removed,
        "problemCount": len(problems),
        "problems": [_wire(p) for p in capped(problems)],
        "notes": [_wire(p) for p in capped(notes)],
    }


def _wire(problem: Problem) -> dict[str, Any]:
    return {"code": problem.code, "message": problem.message, "messageEn": problem.message_en,
            "row": problem.row, "column": problem.column, "value": problem.value,
            "suggestion": problem.suggestion}


def _set(engine: Engine, job_id: uuid.UUID, **values: Any) -> None:
    """Store the job's state in a short transaction of its own."""
    with engine.begin() as connection:
        connection.execute(update(JOBS).where(JOBS.c.id == job_id).values(**values))
