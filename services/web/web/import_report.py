"""An import job as the pages show it: which tables a role may import, what became of a job
in one word, and its report as table rows in the page's language."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_datetime

from web.api_client.accounts import ADMIN, EDITOR, RESEARCHER, Me
from web.api_client.exports import TABLES
from web.api_client.imports import FAILED, SUCCEEDED, ImportJob, ReportLine
from web.i18n import N_, gettext_in
from web.templating import BABEL_LOCALES

TABLE_LABELS = {"initiatives": N_("Initiatieven"), "professionals": N_("Professionals"),
                "support-episodes": N_("Ondersteuning"), "evaluations": N_("Evaluaties"),
                "outcome-measures": N_("Uitkomstmaten")}
# Who may import which table, as the API allows writing its records (api/imports/routes.py).
IMPORTERS = {"initiatives": (ADMIN, EDITOR), "professionals": (ADMIN,),
             "support-episodes": (ADMIN, EDITOR), "evaluations": (ADMIN, EDITOR, RESEARCHER),
             "outcome-measures": (ADMIN, EDITOR, RESEARCHER)}
# What became of a job, in one word: the recent-imports list and the job page key on it.
WAITING, CHECKED, REFUSED, IMPORTED, NOT_IMPORTED, BROKEN = (
    "waiting", "checked", "refused", "imported", "not-imported", "failed")
OUTCOME_LABELS = {WAITING: N_("Bezig"), CHECKED: N_("Gecontroleerd, zonder problemen"),
                  REFUSED: N_("Gecontroleerd, met problemen"), IMPORTED: N_("Geïmporteerd"),
                  NOT_IMPORTED: N_("Niet geïmporteerd"), BROKEN: N_("Mislukt")}
# Where the imported records are listed, for a link after a written import.
LISTED_AT = {"initiatives": "/initiatives", "professionals": "/professionals"}
# Times as the city lives them, not as the API stores them (UTC).
LOCAL_TIME = ZoneInfo("Europe/Amsterdam")


def importable(me: Me) -> tuple[str, ...]:
    """The tables this person may import, in the order an import needs them."""
    return tuple(table for table in TABLES if me.role in IMPORTERS[table])


def table_label(table: str, lang: str) -> str:
    return gettext_in(lang, TABLE_LABELS[table]) if table in TABLE_LABELS else table


def table_choices(tables: tuple[str, ...], lang: str) -> list[tuple[str, str]]:
    return [(table, table_label(table, lang)) for table in tables]


def outcome_of(job: ImportJob) -> str:
    if job.status == FAILED:
        return BROKEN
    if job.status != SUCCEEDED:
        return WAITING
    if job.dry_run:
        return CHECKED if job.report.valid else REFUSED
    return IMPORTED if job.report.written else NOT_IMPORTED


def outcome_label(job: ImportJob, lang: str) -> str:
    return gettext_in(lang, OUTCOME_LABELS[outcome_of(job)])


def when(moment: datetime | None, lang: str) -> str:
    """Date and time in Amsterdam, short, as the page's language writes them."""
    if moment is None:
        return ""
    if moment.tzinfo is None:  # the API speaks UTC
        moment = moment.replace(tzinfo=UTC)
    return format_datetime(moment, "short", tzinfo=LOCAL_TIME, locale=BABEL_LOCALES[lang])


@dataclass(frozen=True)
class ProblemRow:
    """One line of the problems table; "" where the problem has no such part."""

    row: str
    column: str
    value: str
    message: str
    suggestion: str


def report_rows(lines: Sequence[ReportLine], lang: str) -> list[ProblemRow]:
    """Problems or notes of a report, in the page's language."""
    return [ProblemRow(row="" if line.row is None else str(line.row), column=line.column or "",
                       value=line.value or "", message=line.text(lang),
                       suggestion=line.suggestion or "")
            for line in lines]


def progress(job: ImportJob) -> tuple[int, int | None]:
    """Rows done and rows in the file (None until the API has counted them)."""
    total = job.rows_total
    return (min(job.rows_done, total) if total is not None else job.rows_done), total
