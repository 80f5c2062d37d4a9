"""POST /v1/imports and its status resource: 202 with Location, a dry run first, then the
commit of the checked file; who may import what; files too large or of the wrong kind."""

import io
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import openpyxl
from sqlalchemy import Engine, func
from sqlmodel import Session, col, select
from starlette.testclient import TestClient

from api.db import utc_now
from api.imports.lifecycle import claim
from api.imports.models import ImportJob, ImportStatus
from api.imports.run import run_import
from api.initiatives.models import Initiative
from tests.api.import_helpers import INITIATIVE_HEADER, csv_file, initiative_row


def _send(client: TestClient, content: bytes, *, name: str = "initiatieven.csv",
          resource: str = "initiatives", dry_run: bool = True) -> Any:
    return client.post("/v1/imports", files={"file": (name, content, "text/csv")},
                       data={"resource": resource, "dryRun": str(dry_run).lower()})


def _count(engine: Engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(Initiative)).one()


def test_a_dry_run_answers_202_with_a_status_resource_and_then_commits(
        client: TestClient, engine: Engine) -> None:
    content = csv_file(INITIATIVE_HEADER, [initiative_row("A-1"), initiative_row("A-2")])
    sent = _send(client, content)
    assert sent.status_code == 202
    location = sent.headers["location"]
    job = client.get(location).json()
    assert (job["status"], job["dryRun"], job["rowsTotal"]) == ("succeeded", True, 2)
    assert job["report"]["valid"] is True and job["report"]["created"] == 2
    assert "content" not in job
    assert _count(engine) == 0
    committed = client.post(f"{location}/commit")
    assert committed.status_code == 202
    done = client.get(committed.headers["location"]).json()
    assert (done["report"]["written"], done["checkedImportId"]) == (True, job["id"])
    assert _count(engine) == 2


def test_a_dry_run_with_problems_cannot_be_committed(client: TestClient,
                                                     engine: Engine) -> None:
    content = csv_file(INITIATIVE_HEADER, [initiative_row("A-1", Status="afgerondd")])
    location = _send(client, content).headers["location"]
    report = client.get(location).json()["report"]
    [problem] = report["problems"]
    assert (problem["row"], problem["column"], problem["suggestion"]) == (2, "Status",
                                                                        "afgerond")
    refused = client.post(f"{location}/commit")
    assert refused.status_code == 409
    assert "proefimport" in refused.json()["detail"]
    assert _count(engine) == 0


def test_an_xlsx_file_imports_too(client: TestClient, engine: Engine) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(INITIATIVE_HEADER)
    sheet.append(initiative_row("X-1"))
    buffer = io.BytesIO()
    book.save(buffer)
    sent = _send(client, buffer.getvalue(), name="initiatieven.xlsx", dry_run=False)
    assert client.get(sent.headers["location"]).json()["report"]["created"] == 1
    assert _count(engine) == 1


def test_a_file_over_the_limit_is_413_with_the_limit_stated(client: TestClient,
                                                            engine: Engine) -> None:
    content = b"Titel\n" + b"x" * (50 * 1024 * 1024)
    response = _send(client, content)
    assert response.status_code == 413
    assert "20 MB" in response.json()["detail"]
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(ImportJob)).one() == 0


def test_an_unknown_table_is_400(client: TestClient) -> None:
    response = _send(client, b"a,b\n1,2\n", resource="persons")
    assert response.status_code == 400
    assert "Onbekende tabel" in response.json()["errors"][0]["detail"]


def test_who_may_import_what(client_as: Callable[..., TestClient]) -> None:
    content = csv_file(INITIATIVE_HEADER, [initiative_row("A-1")])
    assert _send(client_as("viewer"), content).status_code == 403
    assert _send(client_as("researcher"), content).status_code == 403
    assert _send(client_as("editor", ("F",)), content).status_code == 202
    assert _send(client_as("editor", ("F",)), b"x", resource="professionals").status_code == 403


def test_an_import_is_seen_by_its_sender_and_admins_only(
        client_as: Callable[..., TestClient]) -> None:
    editor = client_as("editor", ("F",))
    location = _send(editor, csv_file(INITIATIVE_HEADER, [initiative_row("A-1")])).headers[
        "location"]
    assert editor.get(location).status_code == 200
    assert client_as("editor", ("F",)).get(location).status_code == 404
    assert client_as("admin").get(location).status_code == 200
    assert [job["id"] for job in editor.get("/v1/imports").json()] == [location.split("/")[-1]]


def test_a_job_silent_for_too_long_is_reported_as_failed(client: TestClient,
                                                         engine: Engine) -> None:
    location = _send(client, csv_file(INITIATIVE_HEADER, [initiative_row("A-1")])).headers[
        "location"]
    with Session(engine) as session:
        job = session.exec(select(ImportJob)).one()
        job.status, job.heartbeat_at = ImportStatus.RUNNING, utc_now() - timedelta(hours=1)
        session.add(job)
        session.commit()
    shown = client.get(location).json()
    assert shown["status"] == "failed"
    assert shown["report"] == {"error": "no-sign-of-life", "written": False}


def _job(engine: Engine) -> ImportJob:
    with Session(engine) as session:
        return session.exec(select(ImportJob).order_by(col(ImportJob.created_at))).all()[-1]


def test_a_job_is_run_once_however_often_its_message_comes(client: TestClient,
                                                           engine: Engine) -> None:
    location = _send(client, csv_file(INITIATIVE_HEADER, [initiative_row("A-1")]),
                     dry_run=False).headers["location"]
    job_id = uuid.UUID(location.rsplit("/", 1)[1])
    assert claim(engine, job_id) is False  # done already: a second message does nothing
    run_import(engine, job_id)
    assert client.get(location).json()["report"]["created"] == 1
    assert _count(engine) == 1


def test_a_finished_job_is_never_reported_failed_afterwards(client: TestClient,
                                                           engine: Engine) -> None:
    location = _send(client, csv_file(INITIATIVE_HEADER, [initiative_row("A-1")])).headers[
        "location"]
    with Session(engine) as session:
        job = session.exec(select(ImportJob)).one()
        job.heartbeat_at = utc_now() - timedelta(hours=5)
        session.add(job)
        session.commit()
    assert client.get(location).json()["status"] == "succeeded"


def test_a_job_whose_message_was_lost_is_sent_again(client: TestClient,
                                                    engine: Engine) -> None:
    location = _send(client, csv_file(INITIATIVE_HEADER, [initiative_row("A-1")])).headers[
        "location"]
    with Session(engine) as session:  # as if the queue lost it before any worker saw it
        job = session.exec(select(ImportJob)).one()
        job.status, job.report, job.heartbeat_at = ImportStatus.QUEUED, {}, None
        job.created_at = utc_now() - timedelta(hours=1)
        session.add(job)
        session.commit()
    assert client.get(location).json()["status"] == "succeeded"


def test_an_uploaded_file_is_kept_only_while_it_may_be_committed(client: TestClient,
                                                                 engine: Engine) -> None:
    bad = csv_file(INITIATIVE_HEADER, [initiative_row("A-1", Status="lopendd")])
    _send(client, bad)
    assert _job(engine).content == b""
    location = _send(client, csv_file(INITIATIVE_HEADER, [initiative_row("A-2")])).headers[
        "location"]
    assert _job(engine).content != b""
    client.post(f"{location}/commit")
    with Session(engine) as session:
        assert all(job.content == b"" for job in session.exec(select(ImportJob)))
