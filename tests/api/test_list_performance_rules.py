"""The rules the fast initiative list relies on: fresh totals, per-dialect SQL, request slots."""

import uuid

import pytest
from sqlalchemy import Engine, column, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect
from sqlalchemy.sql import ClauseElement
from sqlmodel import Session
from starlette.testclient import TestClient

from api.config import Settings
from api.db import table_of
from api.initiatives.models import Initiative
from api.sql import scan_in_sort_order, uuid_text
from tests.api.builders import (
    initiative_payload,
    make_initiative,
    make_professional,
    make_support_episode,
)

INITIATIVE = table_of(Initiative)


def total(client: TestClient, query: str) -> int:
    response = client.get(f"/v1/initiatives?{query}&pageSize=1")
    assert response.status_code == 200, response.text
    return int(response.json()["total"])


def rendered(expression: ClauseElement, dialect: Dialect) -> str:
    return str(expression.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))


def test_the_cached_list_totals_follow_every_write(client: TestClient, session: Session) -> None:
    make_initiative(session, title="Al een idee", status="idee")
    before = total(client, "status=idee")
    created = client.post("/v1/initiatives", json=initiative_payload(status="idee"))
    assert created.status_code == 201, created.text
    assert total(client, "status=idee") == before + 1
    initiative_id = uuid.UUID(created.json()["id"])
    supported = total(client, "role=participatiemakelaar")
    make_support_episode(session, initiative_id, make_professional(session).id)
    assert total(client, "role=participatiemakelaar") == supported + 1
    deleted = client.delete(f"/v1/initiatives/{initiative_id}")
    assert deleted.status_code == 204, deleted.text
    assert total(client, "status=idee") == before
    assert total(client, "role=participatiemakelaar") == supported


def test_the_sql_constructs_compile_for_sqlite_and_postgresql(
    engine: Engine, session: Session
) -> None:
    status_is_idee = column("status") == "idee"
    assert rendered(scan_in_sort_order(status_is_idee), sqlite.dialect()) == (
        "likelihood(status = 'idee', 0.9)")
    assert rendered(scan_in_sort_order(status_is_idee), postgresql.dialect()) == (
        "status = 'idee'")
    dashed = " || '-' || ".join(
        f"substr(initiative.id, {start}, {length})"
        for start, length in ((1, 8), (9, 4), (13, 4), (17, 4), (21, 12)))
    assert rendered(uuid_text(INITIATIVE.c.id), sqlite.dialect()) == (
        f"CASE WHEN initiative.id IS NULL THEN NULL ELSE {dashed} END")
    assert rendered(uuid_text(INITIATIVE.c.id), postgresql.dialect()) == (
        "CAST(initiative.id AS TEXT)")
    initiative = make_initiative(session)
    query = select(uuid_text(INITIATIVE.c.id)).where(INITIATIVE.c.id == initiative.id)
    with engine.connect() as connection:
        assert connection.execute(query).scalar_one() == str(initiative.id)


def test_requests_at_once_are_two_on_sqlite_sixteen_on_postgresql_or_as_configured(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("API_CONCURRENCY", raising=False)
    assert Settings(database_url="sqlite:///var/buurtkracht.db").requests_at_once == 2
    assert Settings(database_url="sqlite://").requests_at_once == 2
    postgres = "postgresql+psycopg://buurtkracht@db:5432/buurtkracht"
    assert Settings(database_url=postgres).requests_at_once == 16
    assert Settings(database_url=postgres, concurrency=64).requests_at_once == 64
    assert Settings(database_url="sqlite://", concurrency=8).requests_at_once == 8
