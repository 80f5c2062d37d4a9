"""Making and running import jobs straight through the runner, and files to import."""

import csv
import io
import uuid
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session

from api.imports.models import ImportJob, ImportStatus
from api.imports.run import run_import

INITIATIVE_HEADER = ["Referentie", "Titel", "Buurt", "Organisatievorm", "Initiatiefnemer (soort)",
                     "Participatieniveau", "Status", "Startdatum", "Thema's", "Toegekend bedrag"]


def initiative_row(reference: str, **overrides: str) -> list[str]:
    row = {"Referentie": reference, "Titel": f"Initiatief {reference}", "Buurt": "FD03",
           "Organisatievorm": "bewonersinitiatief", "Initiatiefnemer (soort)": "bewonersgroep",
           "Participatieniveau": "coproduceren", "Status": "in-uitvoering",
           "Startdatum": "01-04-2010", "Thema's": "groen;ontmoeting",
           "Toegekend bedrag": "1.500"}
    row.update(overrides)
    return [row[name] for name in INITIATIVE_HEADER]


def csv_file(header: list[str], rows: list[list[str]], delimiter: str = ";",
             encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def run_job(engine: Engine, resource: str, content: bytes, *, dry_run: bool,
            file_name: str = "bestand.csv", role: str = "admin",
            stadsdelen: tuple[str, ...] = ()) -> dict[str, Any]:
    """Store a job as the API would, run it, and give back the job as the API shows it."""
    job_id = uuid.uuid4()
    with Session(engine) as session:
        session.add(ImportJob(id=job_id, resource=resource, file_name=file_name,
                              dry_run=dry_run, status=ImportStatus.QUEUED, content=content,
                              actor_kind="session", actor_label="tester", actor_role=role,
                              actor_stadsdelen=list(stadsdelen)))
        session.commit()
    run_import(engine, job_id)
    with Session(engine) as session:
        job = session.get(ImportJob, job_id)
        assert job is not None
        return {"status": job.status, "rowsTotal": job.rows_total, **job.report}
