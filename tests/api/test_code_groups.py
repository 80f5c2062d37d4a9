"""GET /v1/analysis/codes/by-group: per code, the initiatives carrying it per group, counted
against a hand-built world.

Initiatives: I1 (F, bewonersinitiatief, faciliterend support), I2 (F, bewonersinitiatief, no
support), I3 (A, buurtbudget, stimulerend), I4 (A, bewonersinitiatief, no support), I5 (F,
only an uncoded record). Codes: P > C > G, Q, and U (never applied).
Records: R1 about I1 and I3, coded C; R2 about I1 and I2, coded P and Q (by two coders);
R3 about I4, coded G; R4 about nobody, coded Q; R5 about I5, not coded. A record counts for
a code when it is about an initiative (R4 is not) and carries the code.
"""

import uuid
from typing import Any

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from api.qualitative import code_groups
from api.qualitative.carried_codes import _rolled_up
from tests.api.builders import (
    BUURT_AA01,
    BUURT_FD03,
    make_initiative,
    make_professional,
    make_support_episode,
)
from tests.audit_check import ClientFactory

PATH = "/v1/analysis/codes/by-group"
TEXT = "Het begon met koffie in de buurtkamer."


def _initiative(session: Session, buurt: uuid.UUID, form: str = "bewonersinitiatief",
                style: str | None = None) -> str:
    initiative = make_initiative(session, buurtId=str(buurt), organisationForm=form)
    if style is not None:
        make_support_episode(session, initiative.id, make_professional(session).id,
                             style=style)
    return str(initiative.id)


def _record(client: TestClient, initiatives: list[str]) -> str:
    response = client.post("/v1/records", json={
        "kind": "interview", "title": "Gesprek", "recordedOn": "2024-03-01", "text": TEXT,
        "initiativeIds": initiatives})
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def _code(client: TestClient, name: str, parent: str | None = None) -> str:
    response = client.post("/v1/codes", json={"name": name, "parentId": parent})
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def _segment(client: TestClient, record: str, code: str) -> None:
    response = client.post(f"/v1/records/{record}/segments",
                           json={"codeId": code, "start": 0, "end": 7})
    assert response.status_code == 201, response.text


@pytest.fixture
def world(client_as: ClientFactory, session: Session) -> dict[str, Any]:
    first, second = client_as("researcher"), client_as("researcher")
    i1 = _initiative(session, BUURT_FD03, style="faciliterend")
    i2 = _initiative(session, BUURT_FD03)
    i3 = _initiative(session, BUURT_AA01, form="buurtbudget", style="stimulerend")
    i4 = _initiative(session, BUURT_AA01)
    i5 = _initiative(session, BUURT_FD03)
    p = _code(first, "P")
    c = _code(first, "C", parent=p)
    g = _code(first, "G", parent=c)
    q = _code(first, "Q")
    _code(first, "U")
    r1, r2, r3, r4 = (_record(first, linked) for linked in ([i1, i3], [i1, i2], [i4], []))
    _record(first, [i5])
    _segment(first, r1, c)
    _segment(first, r2, p)
    _segment(second, r2, q)
    _segment(second, r2, p)  # a second coder of the same code: the record counts once
    _segment(first, r3, g)
    _segment(first, r4, q)
    return {"client": first, "P": p, "C": c, "G": g, "Q": q}


def _by_group(client: TestClient, group_by: str) -> dict[str, Any]:
    response = client.get(PATH, params={"groupBy": group_by})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert body["groupBy"] == group_by
    return body


def _rows(body: dict[str, Any]) -> list[tuple[str, int, int, int, dict[str, int]]]:
    return [(row["path"], row["depth"], row["initiatives"], row["records"], row["counts"])
            for row in body["codes"]]


def test_codes_per_stadsdeel_roll_subcodes_up(world: dict[str, Any]) -> None:
    body = _by_group(world["client"], "stadsdeel")
    assert body["groups"] == [{"label": "A", "initiatives": 2}, {"label": "F", "initiatives": 2}]
    assert _rows(body) == [
        ("P", 0, 4, 3, {"A": 2, "F": 2}),  # I1, I3 (C), I2 and I1 (P), I4 (G)
        ("P / C", 1, 3, 2, {"A": 2, "F": 1}),  # I1, I3 (C) and I4 (G)
        ("P / C / G", 2, 1, 1, {"A": 1, "F": 0}),
        ("Q", 0, 2, 1, {"A": 0, "F": 2}),  # R4 is about no initiative: not counted
    ]
    assert [row["codeId"] for row in body["codes"]] == [world[name] for name in "PCGQ"]
    assert [row["name"] for row in body["codes"]] == ["P", "C", "G", "Q"]


def test_codes_per_organisation_form(world: dict[str, Any]) -> None:
    body = _by_group(world["client"], "organisationForm")
    assert body["groups"] == [{"label": "bewonersinitiatief", "initiatives": 3},
                              {"label": "buurtbudget", "initiatives": 1}]
    assert [row[4] for row in _rows(body)] == [
        {"bewonersinitiatief": 3, "buurtbudget": 1}, {"bewonersinitiatief": 2, "buurtbudget": 1},
        {"bewonersinitiatief": 1, "buurtbudget": 0}, {"bewonersinitiatief": 2, "buurtbudget": 0}]


def test_codes_per_support_style_as_the_effects_analysis_labels_it(
    world: dict[str, Any],
) -> None:
    body = _by_group(world["client"], "supportStyle")
    assert body["groups"] == [{"label": "faciliterend", "initiatives": 1},
                              {"label": "geen-ondersteuning", "initiatives": 2},
                              {"label": "stimulerend", "initiatives": 1}]
    counts = {row[0]: row[4] for row in _rows(body)}
    assert counts["P / C"] == {"faciliterend": 1, "geen-ondersteuning": 1, "stimulerend": 1}
    assert counts["Q"] == {"faciliterend": 1, "geen-ondersteuning": 1, "stimulerend": 0}


def test_nothing_coded_is_an_empty_table(client_as: ClientFactory) -> None:
    assert _by_group(client_as("researcher"), "stadsdeel") == {
        "groupBy": "stadsdeel", "groups": [], "codes": []}


def test_an_unknown_grouping_is_400(client_as: ClientFactory) -> None:
    response = client_as("researcher").get(PATH, params={"groupBy": "theme"})
    assert response.status_code == 400, response.text
    assert response.json()["errors"][0]["location"] == {"name": "groupBy"}


@pytest.mark.parametrize("role", ["viewer", "editor"])
def test_only_who_reads_records_sees_codes_by_group(client_as: ClientFactory,
                                                    role: str) -> None:
    response = client_as(role).get(PATH)
    assert response.status_code == 403
    assert response.headers["content-type"] == "application/problem+json"


def test_many_initiatives_are_read_as_a_query_with_the_same_answer(
    world: dict[str, Any], monkeypatch: pytest.MonkeyPatch,
) -> None:
    listed = _by_group(world["client"], "stadsdeel")
    monkeypatch.setattr(code_groups, "MANY_IDS", 0)  # past it: a query, not a list of ids
    assert _by_group(world["client"], "stadsdeel") == listed


def test_a_segment_on_a_record_linked_after_the_links_were_read_counts_for_no_one() -> None:
    code, record = uuid.uuid4(), uuid.uuid4()
    carried = _rolled_up({code: (code,)}, {}, [(record, code, 2)])
    assert (carried.segments[code], carried.initiatives_of(code)) == (2, frozenset())
