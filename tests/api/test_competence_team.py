"""The competence team of a stadsdeel: who is in it, and its numbers on a small team whose
expected values are worked out by hand below."""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, event
from sqlmodel import Session, col, select
from starlette.testclient import TestClient

from api.areas.models import Area, AreaType
from api.clock import local_today
from api.competences.models import Assessment
from api.professionals.models import Professional
from api.vocabularies.models import AssessmentPerspective
from tests.api.builders import BUURT_FD03, make_professional
from tests.api.competence_helpers import (
    STADSDEEL_A,
    STADSDEEL_F,
    WIJK_FD,
    make_framework,
    problems,
    record,
    scores,
)
from tests.audit_check import ClientFactory

SELF, PEER = AssessmentPerspective.SELF, AssessmentPerspective.PEER


def serving(*areas: uuid.UUID, **overrides: Any) -> dict[str, Any]:
    return {"areaIds": [str(area) for area in areas], **overrides}


def team(client: TestClient, stadsdeel: str, framework: str) -> dict[str, Any]:
    response = client.get(f"/v1/competence-teams/{stadsdeel}?framework={framework}")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def build_team(client: TestClient, session: Session) -> dict[str, Professional]:
    """Four members in Nieuw-West (F), one who left, one in Centrum (A).

    K1: Anna's others are manager 3 and peer 4 → (0.5 + 0.75) / 2 = 0.625 (her self 5 does
        not count beside them); Bram's peer 5 was overruled by a later peer 2, with manager 4
        → (0.25 + 0.75) / 2 = 0.5; Cor's resident 5 → 1.0. Assessed 3, mastered 1 (Cor),
        coverage 1/4, mean (0.625 + 0.5 + 1.0) / 3 = 0.708333…
    K2: Anna only self 4 → 0.75 (mastered); Bram only self 2 → 0.25; Cor manager 5 → 1.0
        (self 1 ignored). Assessed 3, mastered 2, coverage 2/4, mean 2.0 / 3.
    K3: judged only for Dirk (left yesterday) and Eva (Centrum): nobody in the team →
        assessed 0, mastered 0, coverage 0, mean null, a gap.
    """
    framework, ids = make_framework(session)
    yesterday = str(local_today() - timedelta(days=1))
    people = {
        "anna": make_professional(session, name="Anna Bakker", **serving(STADSDEEL_F)),
        "bram": make_professional(session, name="Bram de Vries", role="opbouwwerker",
                                  **serving(WIJK_FD)),
        "cor": make_professional(session, name="Cor Jansen", **serving(BUURT_FD03, WIJK_FD)),
        "fenna": make_professional(session, name="Fenna Smit", **serving(STADSDEEL_F)),
        "dirk": make_professional(session, name="Dirk Visser", activeTo=yesterday,
                                  **serving(STADSDEEL_F)),
        "eva": make_professional(session, name="Eva de Boer", **serving(STADSDEEL_A)),
    }

    def judge(who: str, perspective: str, day: str, **by_code: int) -> None:
        record(client, people[who].id, framework.id, scores(ids, **by_code), perspective, day)

    judge("anna", "self", "2024-01-01", K1=5, K2=4)
    judge("anna", "manager", "2024-02-01", K1=3)
    judge("anna", "peer", "2024-03-01", K1=4)
    judge("bram", "peer", "2023-01-01", K1=5)
    judge("bram", "peer", "2024-01-01", K1=2)
    judge("bram", "manager", "2024-02-01", K1=4)
    judge("bram", "self", "2024-02-01", K2=2)
    judge("cor", "resident", "2024-01-01", K1=5)
    judge("cor", "self", "2024-01-01", K2=1)
    judge("cor", "manager", "2024-01-02", K2=5)
    judge("dirk", "peer", "2024-01-01", K3=5)
    judge("eva", "peer", "2024-01-01", K3=5)
    return people


def test_the_team_numbers_match_the_hand_computed_values(
    client: TestClient, session: Session,
) -> None:
    people = build_team(client, session)
    body = team(client, "F", "test-kader")
    assert body["stadsdeel"] == "F"
    assert body["framework"]["code"] == "test-kader"
    assert body["members"] == [
        {"professionalId": str(people[key].id), "name": people[key].name,
         "role": people[key].role} for key in ("anna", "bram", "cor", "fenna")]
    k1, k2, k3 = body["competencies"]
    assert (k1["code"], k1["assessed"], k1["mastered"], k1["gap"]) == ("K1", 3, 1, False)
    assert k1["coverage"] == pytest.approx(0.25)
    assert k1["mean"] == pytest.approx(2.125 / 3)
    assert (k2["assessed"], k2["mastered"], k2["gap"]) == (3, 2, False)
    assert (k2["coverage"], k2["mean"]) == (pytest.approx(0.5), pytest.approx(2 / 3))
    assert (k3["assessed"], k3["mastered"], k3["coverage"], k3["mean"], k3["gap"]) == (
        0, 0, 0.0, None, True)
    assert body["gaps"] == ["K3"]


def test_a_team_is_found_by_framework_id_and_lower_case_letter(
    client: TestClient, session: Session,
) -> None:
    build_team(client, session)
    by_code = team(client, "F", "test-kader")
    assert team(client, "f", by_code["framework"]["id"]) == by_code


def test_centrum_has_only_eva_and_she_masters_k3(client: TestClient, session: Session) -> None:
    people = build_team(client, session)
    body = team(client, "A", "test-kader")
    assert [member["professionalId"] for member in body["members"]] == [str(people["eva"].id)]
    assert [(c["assessed"], c["mastered"], c["coverage"]) for c in body["competencies"]] == [
        (0, 0, 0.0), (0, 0, 0.0), (1, 1, 1.0)]
    assert body["gaps"] == ["K1", "K2"]


def test_members_serving_a_gebied_count_and_future_starters_do_not(
    client: TestClient, session: Session,
) -> None:
    make_framework(session)
    gebied = session.exec(select(Area.id).where(
        Area.type == AreaType.GEBIED, col(Area.parent_id) == STADSDEEL_F)).first()
    assert gebied is not None
    tomorrow = str(local_today() + timedelta(days=1))
    make_professional(session, name="Gerrit Gebied", **serving(gebied))
    make_professional(session, name="Nina Nieuw", activeFrom=tomorrow, **serving(STADSDEEL_F))
    make_professional(session, name="Sanne Stad", role="opbouwwerker",
                      **serving(STADSDEEL_F, activeTo=str(local_today())))
    body = team(client, "F", "test-kader")
    assert [member["name"] for member in body["members"]] == ["Gerrit Gebied", "Sanne Stad"]


def test_a_team_without_members_has_every_competency_as_a_gap(
    client: TestClient, session: Session,
) -> None:
    make_framework(session)
    body = team(client, "T", "test-kader")
    assert body["members"] == []
    assert [(c["assessed"], c["coverage"], c["mean"]) for c in body["competencies"]] == [
        (0, None, None)] * 3
    assert body["gaps"] == ["K1", "K2", "K3"]


def test_an_unknown_stadsdeel_is_a_404_and_an_unknown_framework_a_400(
    client: TestClient, session: Session,
) -> None:
    make_framework(session)
    assert problems(client.get("/v1/competence-teams/Q?framework=test-kader"), 404) == {}
    assert problems(client.get("/v1/competence-teams/FD?framework=test-kader"), 404) == {}
    assert problems(client.get("/v1/competence-teams/F?framework=geen")) == {
        "framework": "unknown-framework"}
    assert problems(client.get("/v1/competence-teams/F")) == {"framework": "missing"}


@contextmanager
def counting_statements(engine: Engine) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def _statements_for_team_of(size: int, client: TestClient, session: Session,
                            engine: Engine) -> int:
    framework, ids = make_framework(session, code=f"kader-{size}")
    for number in range(size):
        person = make_professional(session, name=f"Lid {size}-{number:03d}",
                                   **serving(STADSDEEL_F))
        # Straight into the table: 200 rounds through the API would only slow the test.
        session.add_all(Assessment(professional_id=person.id, competency_id=ids[code],
                                   perspective=perspective, assessed_on=date(2024, 1, 1),
                                   score=score, round_id=uuid.uuid4())
                        for perspective, code, score in ((SELF, "K1", 4), (SELF, "K2", 2),
                                                         (PEER, "K1", 3), (PEER, "K3", 5)))
    session.commit()
    with counting_statements(engine) as statements:
        body = team(client, "F", framework.code)
    assert [c["assessed"] for c in body["competencies"]] == [size] * 3
    return len(statements)


def test_the_team_view_costs_the_same_few_queries_for_3_or_100_members(
    client: TestClient, session: Session, engine: Engine,
) -> None:
    small = _statements_for_team_of(3, client, session, engine)
    large = _statements_for_team_of(100, client, session, engine)
    assert small == large
    assert large <= 12


@pytest.mark.parametrize(("role", "stadsdelen", "expected"), [
    ("admin", (), 200), ("researcher", (), 200), ("editor", ("F",), 200),
    ("editor", ("A",), 200), ("viewer", (), 403)])
def test_who_may_read_a_competence_team(
    client_as: ClientFactory, session: Session, role: str, stadsdelen: tuple[str, ...],
    expected: int,
) -> None:
    make_framework(session)
    response = client_as(role, stadsdelen).get("/v1/competence-teams/F?framework=test-kader")
    assert response.status_code == expected, response.text
