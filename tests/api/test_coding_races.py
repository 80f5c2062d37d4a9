"""Concurrent writes on PostgreSQL that used to leave coding inconsistent: a text edit and a
new segment at the same time (the segment on stale offsets), and two codes moved under each
other at the same time (a cycle). Each test holds the lock the other write would hold, starts
the API write in a thread, waits until PostgreSQL shows it waiting, and then commits.
(SQLite runs one writer at a time, so these races cannot happen there.)"""

import os
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, select, text
from starlette.testclient import TestClient

from api.db import utc_now
from api.qualitative.codebook import CODES, TREE_LOCK
from api.qualitative.segments import RECORDS, SEGMENTS
from tests.api.test_segments import items, new_code, new_record

pytestmark = pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"),
                                reason="a race between PostgreSQL transactions")


def _blocked_by(engine: Engine, holder: int, seconds: float = 5.0) -> bool:
    """Whether some backend comes to wait for a lock that `holder` (a backend pid) holds."""
    deadline = time.monotonic() + seconds
    with engine.connect() as probe:
        while time.monotonic() < deadline:
            waiting = probe.execute(text(
                "SELECT count(*) FROM pg_stat_activity WHERE :holder = ANY(pg_blocking_pids(pid))"
            ), {"holder": holder}).scalar_one()
            if waiting:
                return True
            probe.rollback()
            time.sleep(0.02)
    return False


def _while_holding(engine: Engine, hold: Callable[[Connection], None],
                   write: Callable[[], Any]) -> tuple[Any, bool]:
    """Run `hold` in a transaction, `write` in a thread; commit once `write` waits for it
    (or after a while, when it does not wait). Returns `write`'s answer and whether it
    waited."""
    answers: list[Any] = []
    with engine.connect() as holder:
        pid = holder.execute(text("SELECT pg_backend_pid()")).scalar_one()
        hold(holder)
        thread = threading.Thread(target=lambda: answers.append(write()))
        thread.start()
        waited = _blocked_by(engine, pid)
        holder.commit()
    thread.join(20)
    assert answers, "the write did not finish"
    return answers[0], waited


def test_a_text_edit_waits_for_a_segment_being_coded_and_then_shifts_it(
    client: TestClient, engine: Engine,
) -> None:
    record = uuid.UUID(new_record(client, text="Aaaa BBBB"))
    code = uuid.UUID(new_code(client, "B"))

    def code_bbbb(holder: Connection) -> None:  # as a segment being created holds it
        holder.execute(select(RECORDS.c.id).where(RECORDS.c.id == record).with_for_update())
        holder.execute(SEGMENTS.insert().values(
            id=uuid.uuid4(), record_id=record, code_id=code, coder_id=uuid.uuid4(),
            coder_label="andere-onderzoeker", start_offset=5, end_offset=9,
            created_at=utc_now()))

    answer, waited = _while_holding(engine, code_bbbb, lambda: client.patch(
        f"/v1/records/{record}", json={"text": "XX Aaaa BBBB"}))
    assert waited and answer.status_code == 200, answer.text
    assert [segment["quote"] for segment in items(client, f"/v1/records/{record}/segments")
            ] == ["BBBB"]


def test_a_new_segment_waits_for_a_text_edit_and_is_checked_against_the_new_text(
    client: TestClient, engine: Engine,
) -> None:
    record = uuid.UUID(new_record(client, text="Aaaa BBBB"))
    code = new_code(client, "B")

    def shorten(holder: Connection) -> None:  # as a text edit holds it
        holder.execute(select(RECORDS.c.id).where(RECORDS.c.id == record).with_for_update())
        holder.execute(RECORDS.update().where(RECORDS.c.id == record).values(
            text="BBBB", version=RECORDS.c.version + 1))

    answer, waited = _while_holding(engine, shorten, lambda: client.post(
        f"/v1/records/{record}/segments", json={"codeId": code, "start": 5, "end": 9}))
    assert waited and answer.status_code == 400, answer.text
    assert answer.json()["errors"][0]["code"] == "past-text"
    assert items(client, f"/v1/records/{record}/segments") == []


def test_two_codes_moved_under_each_other_at_once_form_no_cycle(
    client: TestClient, engine: Engine,
) -> None:
    first, second = (uuid.UUID(new_code(client, name)) for name in ("A", "B"))

    def move_second_under_first(holder: Connection) -> None:  # as a move holds it
        holder.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": TREE_LOCK})
        holder.execute(CODES.update().where(CODES.c.id == second).values(
            parent_id=first, version=CODES.c.version + 1))

    answer, waited = _while_holding(engine, move_second_under_first, lambda: client.patch(
        f"/v1/codes/{first}", json={"parentId": str(second)}))
    assert waited and answer.status_code == 400, answer.text
    assert answer.json()["errors"][0]["code"] == "cycle"
    with engine.connect() as connection:
        parents = dict(connection.execute(select(CODES.c.id, CODES.c.parent_id)).all())
    assert parents == {first: None, second: first}
