"""HTTP routes of /v1/imports: send a file (202 and a status resource), follow the job, commit
a checked file."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Path, Response, UploadFile, status
from sqlalchemy.orm import defer
from sqlmodel import Session, col, select

from api.audit.recorder import record_on_commit
from api.auth.identity import Caller
from api.auth.models import Role
from api.auth.rules import READ, WRITE_EVALUATIONS, Rule, allows, require
from api.config import get_settings
from api.db import SessionDep, commit
from api.errors import (
    Conflict,
    FieldError,
    Forbidden,
    InvalidInput,
    NotFound,
    PayloadTooLarge,
)
from api.imports.lifecycle import settle
from api.imports.models import ImportJob, ImportPublic, ImportStatus
from api.imports.targets import TARGETS
from api.jobs import submit_import
from api.wire import json_response

# Room for the multipart envelope around the file itself (api.body_limit allows the sum).
ENVELOPE_BYTES = 64 * 1024


router = APIRouter(prefix="/v1/imports", tags=["imports"])
Reader = Annotated[Caller, Depends(require(READ))]
ImportId = Annotated[uuid.UUID, Path(alias="importId")]


# Who may import which table: as who may write its records through the API.
RULES = {**{resource: target.rule for resource, target in TARGETS.items()},
         "outcome-measures": WRITE_EVALUATIONS}


def _allowed(caller: Caller, resource: str) -> Rule:
    if resource not in RULES:
        raise InvalidInput([FieldError(
            "resource", "unknown-resource",
            f"Onbekende tabel '{resource}'; kies uit {', '.join(RULES)}. / Unknown table.")])
    rule = RULES[resource]
    if not allows(rule, caller):
        raise Forbidden(f"Uw rol ({caller.role}) mag deze tabel niet importeren. / "
                        f"Your role ({caller.role}) may not import this table.")
    return rule


def _too_large() -> PayloadTooLarge:
    megabytes = get_settings().import_max_bytes / 1024 / 1024
    return PayloadTooLarge(f"Het bestand is te groot: de grens is {megabytes:g} MB. / "
                           f"The file is too large: the limit is {megabytes:g} MB.")


def _actor_id(caller: Caller) -> uuid.UUID | None:
    return caller.account_id or caller.credential_id


def _public(job: ImportJob) -> ImportPublic:
    return ImportPublic.model_validate(job)


def _accepted(job: ImportJob) -> Response:
    body = _public(job).model_dump(mode="json", by_alias=True)
    return json_response(body, status.HTTP_202_ACCEPTED,
                         headers=[("Location", f"/v1/imports/{job.id}")])


def _new_job(session: Session, caller: Caller, resource: str, name: str, content: bytes,
             dry_run: bool, checked: uuid.UUID | None = None) -> ImportJob:
    job = ImportJob(resource=resource, file_name=name[:255], dry_run=dry_run,
                    status=ImportStatus.QUEUED, content=content, actor_kind=caller.kind,
                    actor_id=_actor_id(caller), actor_label=caller.label,
                    actor_role=caller.role, actor_stadsdelen=sorted(caller.stadsdelen),
                    checked_import_id=checked)
    session.add(job)
    record_on_commit(session, "import", job.id, None, lambda: {
        "resource": resource, "fileName": job.file_name, "dryRun": dry_run,
        "checkedImportId": str(checked) if checked else None})
    commit(session)
    submit_import(job.id)
    session.refresh(job)
    return job


@router.post("", status_code=status.HTTP_202_ACCEPTED,
             summary="Send a CSV or XLSX file: checked (dryRun, the default) or imported")
def create_import(
    session: SessionDep, caller: Reader,
    file: Annotated[UploadFile, File(description="CSV or XLSX")],
    resource: Annotated[str, Form(description="initiatives, professionals, support-episodes, "
                                              "evaluations or outcome-measures")],
    dry_run: Annotated[bool, Form(alias="dryRun")] = True,
) -> Response:
    _allowed(caller, resource)
    limit = get_settings().import_max_bytes
    content = file.file.read(limit + 1)  # a sent length can lie: never read more than this
    if len(content) > limit:
        raise _too_large()
    job = _new_job(session, caller, resource, file.filename or "bestand", content, dry_run)
    return _accepted(job)


def _own_job(session: Session, caller: Caller, import_id: uuid.UUID) -> ImportJob:
    """An import as its sender or an admin sees it; others are told it does not exist."""
    job = session.get(ImportJob, import_id, options=[defer(ImportJob.content)])  # type: ignore[arg-type]
    mine = job is not None and (caller.role == Role.ADMIN or job.actor_id == _actor_id(caller))
    if job is None or not mine:
        raise NotFound(f"Import {import_id} bestaat niet. / No such import.")
    settle(session, job, submit_import)
    return job


@router.get("/{importId}", summary="An import's state, progress and report")
def get_import(import_id: ImportId, session: SessionDep, caller: Reader) -> ImportPublic:
    return _public(_own_job(session, caller, import_id))


@router.get("", summary="Your imports, newest first (all of them for an admin)")
def list_imports(session: SessionDep, caller: Reader) -> list[ImportPublic]:
    query = (select(ImportJob).options(defer(ImportJob.content))  # type: ignore[arg-type]
             .order_by(col(ImportJob.created_at).desc()).limit(50))
    if caller.role != Role.ADMIN:
        query = query.where(col(ImportJob.actor_id) == _actor_id(caller))
    return [_public(job) for job in session.exec(query)]


@router.post("/{importId}/commit", status_code=status.HTTP_202_ACCEPTED,
             summary="Import the file a dry run checked")
def commit_import(import_id: ImportId, session: SessionDep, caller: Reader) -> Response:
    checked = _own_job(session, caller, import_id)
    _allowed(caller, checked.resource)
    if not checked.dry_run or checked.status != ImportStatus.SUCCEEDED or not checked.report.get(
            "valid"):
        raise Conflict("Alleen een geslaagde proefimport zonder fouten kan worden "
                       "doorgevoerd. / Only a finished dry run without problems can be "
                       "committed.")
    job = _new_job(session, caller, checked.resource, checked.file_name, checked.content,
                   dry_run=False, checked=checked.id)
    return _accepted(job)
