"""Assessments: a round stored all or nothing, validation at JSON pointers, the list, the
administrator's correction, the editor's scope, the audit trail and the AVG rights."""

import uuid
from datetime import timedelta
from typing import Any

import pytest
from sqlmodel import Session, func, select
from starlette.testclient import TestClient

from api.audit.models import AuditEvent
from api.clock import local_today
from api.competences.models import Assessment
from api.privacy import HIDDEN
from tests.api.builders import BUURT_FD03, make_professional
from tests.api.competence_helpers import (
    GEMEENTE,
    STADSDEEL_A,
    WIJK_FD,
    make_framework,
    problems,
    record,
    round_body,
    scores,
)
from tests.audit_check import ClientFactory


def stored(session: Session) -> int:
    return session.exec(select(func.count()).select_from(Assessment)).one()


def url(professional_id: Any) -> str:
    return f"/v1/professionals/{professional_id}/assessments"


def test_a_round_is_stored_with_one_round_id_and_answered_whole(
    client: TestClient, session: Session,
) -> None:
    framework, ids = make_framework(session)
    professional = make_professional(session)
    items = [*scores(ids, K1=4, K2=2), {"competencyId": str(ids["K3"]), "score": 5,
                                         "note": "Verbond de bewoners met de corporatie."}]
    answer = record(client, professional.id, framework.id, items, "manager", "2024-05-02")
    assert len(answer["items"]) == 3
    assert {item["roundId"] for item in answer["items"]} == {answer["roundId"]}
    first = answer["items"][0]
    assert first.keys() == {"id", "professionalId", "roundId", "competencyId", "frameworkId",
                            "perspective", "assessedOn", "score", "level", "note", "createdAt"}
    assert (first["professionalId"], first["frameworkId"], first["perspective"],
            first["assessedOn"], first["score"], first["level"]) == (
        str(professional.id), str(framework.id), "manager", "2024-05-02", 4, None)
    assert answer["items"][2]["note"] == "Verbond de bewoners met de corporatie."
    assert stored(session) == 3


def test_a_level_framework_takes_levels(client: TestClient, session: Session) -> None:
    framework, ids = make_framework(session, codes=("rood", "blauw"), code="stijlen",
                                    scale="level")
    professional = make_professional(session)
    answer = record(client, professional.id, framework.id, [
        {"competencyId": str(ids["rood"]), "level": "vakbekwaam"},
        {"competencyId": str(ids["blauw"]), "level": "vakvolwassen"}], "peer")
    assert [(item["score"], item["level"]) for item in answer["items"]] == [
        (None, "vakbekwaam"), (None, "vakvolwassen")]


def test_a_round_with_any_bad_item_stores_nothing_and_points_at_each_problem(
    client: TestClient, session: Session,
) -> None:
    framework, ids = make_framework(session)
    other, other_ids = make_framework(session, code="ander-kader")
    professional = make_professional(session)
    items: list[dict[str, Any]] = [
        {"competencyId": str(ids["K1"]), "score": 3},
        {"competencyId": str(ids["K2"])},
        {"competencyId": str(ids["K3"]), "score": 4, "level": "vakbekwaam"},
        {"competencyId": str(other_ids["K1"]), "score": 2},
        {"competencyId": str(ids["K1"]), "score": 5},
    ]
    tomorrow = str(local_today() + timedelta(days=1))
    response = client.post(url(professional.id), json=round_body(framework.id, items,
                                                                 assessed_on=tomorrow))
    assert problems(response) == {
        "/assessedOn": "in-future", "/items/1/score": "required",
        "/items/2/level": "not-allowed", "/items/3/competencyId": "not-in-framework",
        "/items/4/competencyId": "duplicate"}
    assert stored(session) == 0
    assert other.id != framework.id


def test_levels_are_refused_where_scores_are_asked_and_the_reverse(
    client: TestClient, session: Session,
) -> None:
    levels, level_ids = make_framework(session, codes=("rood",), code="stijlen", scale="level")
    professional = make_professional(session)
    response = client.post(url(professional.id), json=round_body(
        levels.id, [{"competencyId": str(level_ids["rood"]), "score": 3}]))
    assert problems(response) == {"/items/0/level": "required", "/items/0/score": "not-allowed"}


@pytest.mark.parametrize(("change", "expected"), [
    ({"items": []}, {"/items": "too-short"}),
    ({"perspective": "buurman"}, {"/perspective": "enum"}),
    ({"assessedOn": "gisteren"}, {"/assessedOn": "date-from-datetime-parsing"}),
    ({"frameworkId": "0c4a1d52-7a55-4c1e-9b7e-3f1d2a6b8c00"},
     {"/frameworkId": "unknown-framework"}),
    ({"items": [{"competencyId": "K1", "score": 6}]},
     {"/items/0/competencyId": "uuid-parsing", "/items/0/score": "less-than-equal"}),
    ({"items": [{"competencyId": "0c4a1d52-7a55-4c1e-9b7e-3f1d2a6b8c00", "score": 0,
                 "level": "meester"}]},
     {"/items/0/score": "greater-than-equal", "/items/0/level": "enum"}),
])
def test_malformed_rounds_are_400s_at_their_fields(
    client: TestClient, session: Session, change: dict[str, Any], expected: dict[str, str],
) -> None:
    framework, ids = make_framework(session)
    professional = make_professional(session)
    body = {**round_body(framework.id, scores(ids, K1=3)), **change}
    assert problems(client.post(url(professional.id), json=body)) == expected
    assert stored(session) == 0


def test_a_round_holds_at_most_200_items(client: TestClient, session: Session) -> None:
    framework, ids = make_framework(session)
    professional = make_professional(session)
    body = round_body(framework.id, scores(ids, K1=3) * 201)
    assert problems(client.post(url(professional.id), json=body)) == {"/items": "too-long"}


def test_today_is_not_in_the_future(client: TestClient, session: Session) -> None:
    framework, ids = make_framework(session)
    professional = make_professional(session)
    record(client, professional.id, framework.id, scores(ids, K1=3),
           assessed_on=str(local_today()))


def test_an_unknown_professional_is_a_404(client: TestClient, session: Session) -> None:
    framework, ids = make_framework(session)
    unknown = "0c4a1d52-7a55-4c1e-9b7e-3f1d2a6b8c00"
    assert problems(client.post(url(unknown), json=round_body(framework.id, scores(ids, K1=3))),
                    404) == {}
    assert problems(client.get(url(unknown)), 404) == {}


def test_the_list_is_newest_first_and_filters_by_framework_and_perspective(
    client: TestClient, session: Session,
) -> None:
    framework, ids = make_framework(session)
    styles, style_ids = make_framework(session, codes=("rood",), code="stijlen", scale="level")
    professional = make_professional(session)
    other = make_professional(session, name="Iemand Anders")
    record(client, professional.id, framework.id, scores(ids, K1=2), "self", "2023-01-01")
    record(client, professional.id, framework.id, scores(ids, K2=4), "peer", "2024-01-01")
    record(client, professional.id, styles.id,
           [{"competencyId": str(style_ids["rood"]), "level": "startbekwaam"}], "self",
           "2023-06-01")
    record(client, other.id, framework.id, scores(ids, K3=5), "self", "2024-02-01")

    def listed(query: str = "") -> list[tuple[str, str]]:
        response = client.get(f"{url(professional.id)}?{query}")
        assert response.status_code == 200, response.text
        return [(item["assessedOn"], item["perspective"]) for item in response.json()["items"]]

    assert listed() == [("2024-01-01", "peer"), ("2023-06-01", "self"), ("2023-01-01", "self")]
    assert listed("framework=test-kader") == [("2024-01-01", "peer"), ("2023-01-01", "self")]
    assert listed(f"framework={styles.id}") == [("2023-06-01", "self")]
    assert listed("perspective=self") == [("2023-06-01", "self"), ("2023-01-01", "self")]
    assert listed("perspective=self&perspective=peer&framework=test-kader") == [
        ("2024-01-01", "peer"), ("2023-01-01", "self")]
    page = client.get(f"{url(professional.id)}?pageSize=2&page=2").json()
    assert (page["total"], len(page["items"])) == (3, 1)
    assert problems(client.get(f"{url(professional.id)}?framework=geen")) == {
        "framework": "unknown-framework"}
    assert problems(client.get(f"{url(professional.id)}?perspective=buurman")) == {
        "perspective": "enum"}


def test_only_an_administrator_deletes_an_assessment_and_the_trail_keeps_it(
    client_as: ClientFactory, session: Session,
) -> None:
    framework, ids = make_framework(session)
    professional = make_professional(session)
    admin = client_as("admin")
    answer = record(admin, professional.id, framework.id, scores(ids, K1=4, K2=3))
    first = answer["items"][0]["id"]
    for role, stadsdelen in (("editor", ("F",)), ("researcher", ()), ("viewer", ())):
        assert problems(client_as(role, stadsdelen).delete(f"/v1/assessments/{first}"),
                        403) == {}
    assert admin.delete(f"/v1/assessments/{first}").status_code == 204
    assert problems(admin.delete(f"/v1/assessments/{first}"), 404) == {}
    assert [item["id"] for item in admin.get(url(professional.id)).json()["items"]] == [
        answer["items"][1]["id"]]
    deleted = admin.get(f"/v1/audit-events?resourceId={first}").json()["items"]
    assert [event["action"] for event in deleted] == ["delete", "create"]


def test_every_recorded_assessment_leaves_an_audit_event_without_its_note(
    client: TestClient, session: Session,
) -> None:
    framework, ids = make_framework(session)
    professional = make_professional(session)
    items = [{"competencyId": str(ids["K1"]), "score": 4, "note": "Sprak met mevrouw Jansen."},
             {"competencyId": str(ids["K2"]), "score": 2}]
    answer = record(client, professional.id, framework.id, items)
    events = session.exec(select(AuditEvent).where(AuditEvent.resource_type == "assessment")
                          ).all()
    assert {event.resource_id for event in events} == {
        uuid.UUID(item["id"]) for item in answer["items"]}
    noted = next(event for event in events if str(event.resource_id) == answer["items"][0]["id"])
    assert noted.changes["note"] == {"before": None, "after": HIDDEN}
    assert noted.changes["score"] == {"before": None, "after": 4}


@pytest.mark.parametrize(("role", "stadsdelen", "areas", "expected"), [
    ("editor", ("F",), "stadsdeel", 201),
    ("editor", ("F",), "wijk", 201),
    ("editor", ("F",), "buurt", 201),
    ("editor", ("F", "A"), "other", 201),
    ("editor", ("A",), "stadsdeel", 403),
    ("editor", ("F",), "other", 403),
    ("editor", ("F",), "none", 403),
    ("editor", ("F",), "city", 403),
    ("researcher", (), "none", 201),
    ("admin", (), "none", 201),
    ("viewer", (), "stadsdeel", 403),
])
def test_who_may_record_a_round_for_whom(
    client_as: ClientFactory, session: Session, role: str, stadsdelen: tuple[str, ...],
    areas: str, expected: int,
) -> None:
    framework, ids = make_framework(session)
    served = {"stadsdeel": [], "wijk": [WIJK_FD], "buurt": [BUURT_FD03], "other": [STADSDEEL_A],
              "none": [], "city": [GEMEENTE]}[areas]
    overrides = {} if areas == "stadsdeel" else {"areaIds": [str(area) for area in served]}
    professional = make_professional(session, **overrides)
    caller = client_as(role, stadsdelen)
    response = caller.post(url(professional.id), json=round_body(framework.id,
                                                                scores(ids, K1=3)))
    assert response.status_code == expected, response.text
    assert stored(session) == (1 if expected == 201 else 0)


@pytest.mark.parametrize(("role", "stadsdelen", "expected"), [
    ("admin", (), 200), ("researcher", (), 200), ("editor", ("F",), 200),
    ("editor", ("A",), 200), ("viewer", (), 403)])
def test_who_may_read_a_professionals_assessments(
    client_as: ClientFactory, session: Session, role: str, stadsdelen: tuple[str, ...],
    expected: int,
) -> None:
    professional = make_professional(session)
    response = client_as(role, stadsdelen).get(url(professional.id))
    assert response.status_code == expected, response.text


def test_the_avg_export_holds_the_assessments_and_pseudonymisation_empties_their_notes(
    client: TestClient, session: Session,
) -> None:
    framework, ids = make_framework(session)
    professional = make_professional(session)
    items = [{"competencyId": str(ids["K1"]), "score": 4, "note": "Sprak met mevrouw Jansen."}]
    record(client, professional.id, framework.id, items, assessed_on="2024-01-01")
    record(client, professional.id, framework.id, scores(ids, K1=5), "peer", "2023-01-01")
    exported = client.get(f"/v1/professionals/{professional.id}/personal-data").json()
    assert [(item["assessedOn"], item["note"]) for item in exported["assessments"]] == [
        ("2023-01-01", ""), ("2024-01-01", "Sprak met mevrouw Jansen.")]
    assert exported["assessments"][0]["frameworkId"] == str(framework.id)
    assert client.post(f"/v1/professionals/{professional.id}/pseudonymisation"
                       ).status_code == 200
    after = client.get(url(professional.id)).json()["items"]
    assert [(item["score"], item["note"]) for item in after] == [(4, ""), (5, "")]
