"""Importing a spreadsheet: choose the table and the file, see it checked (a dry run, always
first), then import exactly the checked file with one button.

The API runs every import as a background job; the job's page shows its progress and asks
for it again every second (htmx), or on "Vernieuwen" without JavaScript. What the API finds
wrong is shown row by row, in its own words: the API is the only one that judges a file.
"""

import uuid
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.datastructures import UploadFile

from web.api_client import Forbidden, InvalidInput, in_language
from web.api_client import imports as imports_api
from web.api_client.accounts import Me
from web.api_client.imports import FileTooLarge, ImportJob
from web.config import get_settings
from web.form_values import chosen_file, field_of
from web.htmx import render
from web.i18n import N_, gettext_in, language_of
from web.import_report import (
    LISTED_AT,
    importable,
    outcome_label,
    outcome_of,
    progress,
    report_rows,
    table_choices,
    table_label,
    when,
)
from web.permissions import insist
from web.sessions import SignedIn
from web.templating import api_of

router = APIRouter()
PAGE = "/import"
FIELDS = ("resource", "file")
REQUIRED = {"resource": N_("Kies de tabel waarin u wilt importeren."),
            "file": N_("Kies een CSV- of Excel-bestand.")}
TOO_LARGE = N_("Het bestand is te groot: de grens is %(megabytes)s MB.")
UNPROCESSABLE, TOO_LARGE_STATUS = 422, 413


def _tables(me: Me) -> tuple[str, ...]:
    """What the person may import; someone who may import nothing gets the 403 page."""
    tables = importable(me)
    insist(bool(tables))
    return tables


async def _recent(request: Request, lang: str) -> list[dict[str, Any]]:
    jobs = await imports_api.list_imports(api_of(request))
    return [{"job": job, "table": table_label(job.resource, lang),
             "when": when(job.created_at, lang), "outcome": outcome_label(job, lang)}
            for job in jobs]


async def render_page(request: Request, me: Me, *, resource: str = "",
                      errors: dict[str, str] | None = None,
                      status_code: int = 200) -> HTMLResponse:
    lang = language_of(request)
    tables = _tables(me)
    context = {"tables": table_choices(tables, lang), "resource": resource,
               "errors": errors or {}, "recent": await _recent(request, lang)}
    return await render(request, "imports/index.html", context, block="form",
                        status_code=status_code)


@router.get(PAGE, response_class=HTMLResponse)
async def import_page(request: Request, me: SignedIn) -> HTMLResponse:
    """`?resource=` chooses the table, e.g. when a corrected file comes back."""
    chosen = request.query_params.get("resource", "")
    return await render_page(request, me, resource=chosen if chosen in _tables(me) else "")


def _local_problems(resource: str, upload: UploadFile | None,
                    lang: str) -> tuple[dict[str, str], int]:
    """What is missing, or a file over the web's own limit (web/config.py says why)."""
    missing = {name: gettext_in(lang, REQUIRED[name])
               for name, given in (("resource", resource), ("file", upload)) if not given}
    if missing or upload is None:
        return missing, UNPROCESSABLE
    limit = get_settings().import_max_bytes
    if upload.size is not None and upload.size > limit:
        megabytes = f"{limit / 1024 / 1024:g}"
        return {"file": gettext_in(lang, TOO_LARGE) % {"megabytes": megabytes}}, TOO_LARGE_STATUS
    return {}, UNPROCESSABLE


def _at_fields(error: InvalidInput, lang: str) -> dict[str, str]:
    """The API's messages at the form's two fields; any other at the top of the form."""
    found: dict[str, str] = {}
    for pointer, message in error.errors.items():
        field = field_of(pointer)
        found.setdefault(field if field in FIELDS else "", in_language(message, lang))
    return found or {"": in_language(error.detail, lang)}


def _refusal(error: FileTooLarge | Forbidden | InvalidInput,
             lang: str) -> tuple[dict[str, str], int]:
    """The API's refusal at the field it concerns, with the API's status."""
    if isinstance(error, InvalidInput):
        return _at_fields(error, lang), UNPROCESSABLE
    field = "file" if isinstance(error, FileTooLarge) else "resource"
    return {field: in_language(error.detail, lang)}, error.status


@router.post(PAGE, response_model=None)
async def send_file(request: Request, me: SignedIn) -> HTMLResponse | RedirectResponse:
    """A dry run of the file, then its job's page (303); refusals at the form's fields."""
    _tables(me)
    lang = language_of(request)
    async with request.form() as form:
        resource, upload = str(form.get("resource") or ""), chosen_file(form)
        errors, status = _local_problems(resource, upload, lang)
        if not errors and upload is not None:
            try:
                job = await imports_api.send_file(api_of(request), resource,
                                                  upload.filename or "", upload.file,
                                                  upload.content_type)
                return RedirectResponse(f"{PAGE}/{job.id}", status_code=303)
            except (FileTooLarge, Forbidden, InvalidInput) as error:
                errors, status = _refusal(error, lang)
    return await render_page(request, me, resource=resource, errors=errors, status_code=status)


def _job_context(job: ImportJob, lang: str) -> dict[str, Any]:
    done, total = progress(job)
    return {"job": job, "report": job.report, "outcome": outcome_of(job),
            "table": table_label(job.resource, lang), "started": when(job.created_at, lang),
            "done": done, "total": total, "listed_at": LISTED_AT.get(job.resource),
            "problems": report_rows(job.report.problems, lang),
            "notes": report_rows(job.report.notes, lang)}


@router.get(f"{PAGE}/{{import_id:uuid}}", response_class=HTMLResponse)
async def job_page(request: Request, import_id: uuid.UUID, me: SignedIn) -> HTMLResponse:
    """The whole page, or for htmx's poll only the status (with the report once done)."""
    _tables(me)
    job = await imports_api.get_import(api_of(request), str(import_id))
    return await render(request, "imports/job.html", _job_context(job, language_of(request)),
                        block="status")


@router.post(f"{PAGE}/{{import_id:uuid}}/commit", response_model=None)
async def commit(request: Request, import_id: uuid.UUID, me: SignedIn) -> RedirectResponse:
    """Import the checked file: a new job, whose page follows (303)."""
    _tables(me)
    job = await imports_api.commit_import(api_of(request), str(import_id))
    return RedirectResponse(f"{PAGE}/{job.id}", status_code=303)
