"""/v1/imports: send a file to be checked, follow the job, commit a checked file.

Files go as multipart with a timeout of their own (api_client/transfers.py); a job is a
typed result with its report, the problems listed as the API words them in both languages.
"""

from datetime import datetime
from typing import BinaryIO

from web.api_client import ApiClient, ApiError
from web.api_client.results import Wire
from web.api_client.transfers import transfer

PATH = "/v1/imports"
QUEUED, RUNNING, SUCCEEDED, FAILED = "queued", "running", "succeeded", "failed"
TOO_LARGE = 413


class FileTooLarge(ApiError):
    """413: the file is over the API's limit; the detail states the limit."""


class ReportLine(Wire):
    """A problem (or a note) of a report: where in the file, what, and what would do."""

    code: str
    message: str
    message_en: str = ""
    row: int | None = None
    column: str | None = None
    value: str | None = None
    suggestion: str | None = None

    def text(self, lang: str) -> str:
        return self.message_en if lang == "en" and self.message_en else self.message


class ImportReport(Wire):
    """What a finished job found; a failed job has only `error` (and written: false)."""

    rows: int = 0
    valid: bool = False
    written: bool = False
    dry_run: bool = True
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0  # outcome measures replaced by those in the file
    problem_count: int = 0
    problems: tuple[ReportLine, ...] = ()
    notes: tuple[ReportLine, ...] = ()
    error: str | None = None


class ImportJob(Wire):
    id: str
    resource: str
    file_name: str
    dry_run: bool
    status: str
    rows_total: int | None = None
    rows_done: int = 0
    report: ImportReport = ImportReport()
    actor_label: str = ""
    checked_import_id: str | None = None
    created_at: datetime
    started_at: datetime | None = None
    finished_at: datetime | None = None

    @property
    def finished(self) -> bool:
        return self.status in (SUCCEEDED, FAILED)

    @property
    def committable(self) -> bool:
        """A dry run that ran to its end and found nothing wrong: the API takes its commit."""
        return self.dry_run and self.status == SUCCEEDED and self.report.valid


async def send_file(api: ApiClient, resource: str, name: str, file: BinaryIO,
                    content_type: str | None) -> ImportJob:
    """A dry run of the file: the API reads it, checks every row and writes nothing.
    The file is streamed from where the web keeps the upload, never read whole here."""
    files = {"file": (name, file, content_type or "application/octet-stream")}
    try:
        response = await transfer(api, "POST", PATH, files=files,
                                  data={"resource": resource, "dryRun": "true"})
    except ApiError as error:
        if error.status == TOO_LARGE:
            raise FileTooLarge(error.status, error.detail) from error
        raise
    return ImportJob.model_validate_json(response.content)


async def get_import(api: ApiClient, import_id: str) -> ImportJob:
    """The job now; someone else's is a NotFound (only its sender and admins see it)."""
    return ImportJob.model_validate_json((await api._send("GET", f"{PATH}/{import_id}")).content)


async def list_imports(api: ApiClient) -> tuple[ImportJob, ...]:
    """The person's last 50 imports (everyone's for an admin), newest first."""
    response = await api._send("GET", PATH)
    return tuple(ImportJob.model_validate(item) for item in response.json())


async def commit_import(api: ApiClient, import_id: str) -> ImportJob:
    """A new job that imports exactly the file the dry run checked (a Conflict unless that
    dry run succeeded without problems)."""
    response = await api._send("POST", f"{PATH}/{import_id}/commit")
    return ImportJob.model_validate_json(response.content)
