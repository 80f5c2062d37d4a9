"""Competency frameworks and competencies: the seed, CRUD, locking, conflicts, permissions."""

import pytest
from sqlmodel import Session, func, select
from starlette.testclient import TestClient

from api.competences.models import Competency, CompetencyFramework
from api.competences.seed import competency_id, framework_id, seed_frameworks
from tests.api.builders import make_professional
from tests.api.competence_helpers import (
    framework_payload,
    make_framework,
    problems,
    record,
    scores,
)
from tests.audit_check import ClientFactory

WERKLIJST = "participatieprofessional-werklijst"


def test_the_seed_holds_the_three_frameworks_of_the_domain_reference(
    client: TestClient, session: Session,
) -> None:
    assert seed_frameworks(session) == 3
    body = client.get("/v1/competency-frameworks").json()
    assert [item["code"] for item in body["items"]] == ["actie", "ondersteuningsstijlen",
                                                        WERKLIJST]
    actie, styles, werklijst = body["items"]
    assert [c["code"] for c in werklijst["competencies"]] == [f"C{n}" for n in range(1, 9)]
    assert all(len(c["behaviouralIndicators"]) == 1 for c in werklijst["competencies"])
    assert werklijst["competencies"][2]["name"] == "Verbinden en netwerken"
    assert "WERKLIJST" in werklijst["description"]
    assert "not the official competency wording" in werklijst["description"]
    assert "Van Vliet (2012)" in werklijst["source"]
    assert [c["name"] for c in actie["competencies"]] == [
        "Animo", "Contacten", "Toerusting", "Inbedding", "Empathie"]
    assert all(c["description"].startswith("Werkformulering") for c in actie["competencies"])
    assert "Denters" in actie["source"]
    assert (werklijst["scale"], actie["scale"], styles["scale"]) == ("score", "score", "level")
    assert [c["code"] for c in styles["competencies"]] == [
        "stimulerend", "faciliterend", "coproducerend"]
    assert styles["competencies"][0]["name"] == "Stimulerende benadering (rood)"


def test_seeding_again_adds_nothing_and_keeps_an_administrators_changes(
    client: TestClient, session: Session,
) -> None:
    seed_frameworks(session)
    c8 = competency_id(WERKLIJST, "C8")
    assert client.delete(f"/v1/competencies/{c8}").status_code == 204
    assert seed_frameworks(session) == 0
    assert session.get(Competency, c8) is None
    assert session.get(CompetencyFramework, framework_id("actie")) is not None


def test_seeding_after_an_administrator_renamed_a_seeded_framework_keeps_it(
    client: TestClient, session: Session,
) -> None:
    seed_frameworks(session)
    renamed = client.patch(f"/v1/competency-frameworks/{framework_id('actie')}",
                           json={"code": "actie-oud"}, headers={"If-Match": '"1"'})
    assert renamed.status_code == 200, renamed.text
    assert seed_frameworks(session) == 0
    codes = set(session.exec(select(CompetencyFramework.code)).all())
    assert "actie-oud" in codes and "actie" not in codes


def test_a_framework_is_created_read_by_id_or_code_and_listed_with_its_competencies(
    client: TestClient,
) -> None:
    created = client.post("/v1/competency-frameworks", json=framework_payload())
    assert created.status_code == 201, created.text
    body = created.json()
    assert created.headers["location"] == f"/v1/competency-frameworks/{body['id']}"
    assert (body["competencies"], body["version"], created.headers["etag"]) == ([], 1, '"1"')
    for position, code in ((2, "B"), (1, "Z"), (1, "A")):
        added = client.post(f"/v1/competency-frameworks/{body['id']}/competencies", json={
            "code": code, "name": f"Competentie {code}", "position": position,
            "behaviouralIndicators": ["  luistert  ", "vraagt door"]})
        assert added.status_code == 201, added.text
        assert added.headers["location"] == f"/v1/competencies/{added.json()['id']}"
    by_code = client.get("/v1/competency-frameworks/test-kader")
    assert by_code.json() == client.get(f"/v1/competency-frameworks/{body['id']}").json()
    assert by_code.headers["etag"] == '"1"'
    competencies = by_code.json()["competencies"]
    assert [c["code"] for c in competencies] == ["A", "Z", "B"]
    assert competencies[0]["behaviouralIndicators"] == ["luistert", "vraagt door"]
    assert competencies[0]["frameworkId"] == body["id"]
    listed = client.get("/v1/competency-frameworks").json()
    assert (listed["total"], listed["items"][0]["competencies"]) == (1, competencies)


def test_a_competency_without_a_position_goes_last(client: TestClient, session: Session) -> None:
    framework, _ids = make_framework(session, codes=("K1", "K2"))
    added = client.post(f"/v1/competency-frameworks/{framework.code}/competencies",
                        json={"code": "K3", "name": "Derde"})
    assert added.status_code == 201, added.text
    positions = [c["position"] for c in client.get(
        f"/v1/competency-frameworks/{framework.id}").json()["competencies"]]
    assert positions == [1, 2, 3]


def test_an_unknown_framework_or_competency_is_a_404(client: TestClient) -> None:
    assert problems(client.get("/v1/competency-frameworks/bestaat-niet"), 404) == {}
    unknown = "0c4a1d52-7a55-4c1e-9b7e-3f1d2a6b8c00"
    assert problems(client.get(f"/v1/competency-frameworks/{unknown}"), 404) == {}
    assert problems(client.get(f"/v1/competencies/{unknown}"), 404) == {}
    assert problems(client.post(f"/v1/competency-frameworks/{unknown}/competencies",
                                json={"code": "X", "name": "Iets"}), 404) == {}


def test_bad_framework_and_competency_bodies_are_400s_at_their_fields(
    client: TestClient, session: Session,
) -> None:
    bad = framework_payload(code="Met Spaties", scale="cijfer", name="")
    assert problems(client.post("/v1/competency-frameworks", json=bad)) == {
        "/code": "string-pattern-mismatch", "/scale": "enum", "/name": "string-too-short"}
    framework, _ids = make_framework(session)
    url = f"/v1/competency-frameworks/{framework.id}/competencies"
    assert problems(client.post(url, json={
        "code": "a b", "name": "Goed", "position": -1, "behaviouralIndicators": [""]})) == {
        "/code": "string-pattern-mismatch", "/position": "greater-than-equal",
        "/behaviouralIndicators/0": "string-too-short"}
    assert set(problems(client.patch(f"/v1/competency-frameworks/{framework.id}",
                                     json={"name": None, "description": None}))) == {
        "/name", "/description"}
    assert session.exec(select(func.count()).select_from(CompetencyFramework)).one() == 1


def test_a_duplicate_code_is_a_409_conflict(client: TestClient, session: Session) -> None:
    framework, ids = make_framework(session)
    assert problems(client.post("/v1/competency-frameworks", json=framework_payload()),
                    409) == {}
    other = client.post("/v1/competency-frameworks", json=framework_payload(code="ander"))
    assert problems(client.patch(f"/v1/competency-frameworks/{other.json()['id']}",
                                 json={"code": "test-kader"}), 409) == {}
    assert problems(client.post(f"/v1/competency-frameworks/{framework.id}/competencies",
                                json={"code": "K1", "name": "Nog eens"}), 409) == {}
    assert problems(client.patch(f"/v1/competencies/{ids['K2']}", json={"code": "K1"}),
                    409) == {}
    # The same code in another framework is fine.
    assert client.post(f"/v1/competency-frameworks/{other.json()['id']}/competencies",
                       json={"code": "K1", "name": "Eigen K1"}).status_code == 201


def test_updates_honour_if_match_and_move_the_version(
    client: TestClient, session: Session,
) -> None:
    framework, ids = make_framework(session)
    url = f"/v1/competency-frameworks/{framework.id}"
    stale = client.patch(url, json={"name": "Nieuwe naam"}, headers={"If-Match": '"7"'})
    assert problems(stale, 412) == {}
    changed = client.patch(url, json={"name": "Nieuwe naam"}, headers={"If-Match": '"1"'})
    assert changed.status_code == 200, changed.text
    assert (changed.json()["name"], changed.headers["etag"]) == ("Nieuwe naam", '"2"')
    competency = client.patch(f"/v1/competencies/{ids['K2']}", json={
        "behaviouralIndicators": ["vraagt door"], "position": 9}, headers={"If-Match": '"1"'})
    assert competency.status_code == 200, competency.text
    assert (competency.json()["behaviouralIndicators"], competency.json()["position"],
            competency.headers["etag"]) == (["vraagt door"], 9, '"2"')
    assert problems(client.delete(f"/v1/competencies/{ids['K2']}",
                                  headers={"If-Match": '"1"'}), 412) == {}


def test_an_assessed_framework_or_competency_cannot_be_deleted_or_rescaled(
    client: TestClient, session: Session,
) -> None:
    framework, ids = make_framework(session)
    professional = make_professional(session)
    record(client, professional.id, framework.id, scores(ids, K1=4))
    assert problems(client.delete(f"/v1/competencies/{ids['K1']}"), 409) == {}
    assert problems(client.delete(f"/v1/competency-frameworks/{framework.id}"), 409) == {}
    assert problems(client.patch(f"/v1/competency-frameworks/{framework.id}",
                                 json={"scale": "level"}), 409) == {}
    assert client.delete(f"/v1/competencies/{ids['K2']}").status_code == 204
    assert client.get(f"/v1/competencies/{ids['K1']}").status_code == 200


def test_deleting_a_framework_deletes_its_competencies(
    client: TestClient, session: Session,
) -> None:
    framework, ids = make_framework(session)
    assert client.delete(f"/v1/competency-frameworks/{framework.code}").status_code == 204
    assert client.get(f"/v1/competencies/{ids['K1']}").status_code == 404
    assert session.exec(select(func.count()).select_from(Competency)).one() == 0


@pytest.mark.parametrize(("role", "stadsdelen"), [
    ("editor", ("F",)), ("researcher", ()), ("viewer", ())])
def test_every_role_reads_frameworks_and_only_administrators_write_them(
    client_as: ClientFactory, session: Session, role: str, stadsdelen: tuple[str, ...],
) -> None:
    framework, ids = make_framework(session)
    caller = client_as(role, stadsdelen)
    assert caller.get("/v1/competency-frameworks").json()["total"] == 1
    assert caller.get(f"/v1/competencies/{ids['K1']}").status_code == 200
    url = f"/v1/competency-frameworks/{framework.id}"
    for response in (caller.post("/v1/competency-frameworks", json=framework_payload(code="x2")),
                     caller.patch(url, json={"name": "Anders"}), caller.delete(url),
                     caller.post(f"{url}/competencies", json={"code": "K9", "name": "Nieuw"}),
                     caller.patch(f"/v1/competencies/{ids['K1']}", json={"name": "Anders"}),
                     caller.delete(f"/v1/competencies/{ids['K1']}")):
        assert problems(response, 403) == {}


def test_the_audit_trail_records_framework_and_competency_changes(
    client: TestClient, session: Session,
) -> None:
    created = client.post("/v1/competency-frameworks", json=framework_payload()).json()
    competency = client.post(f"/v1/competency-frameworks/{created['id']}/competencies",
                             json={"code": "K1", "name": "Eerste"}).json()
    client.patch(f"/v1/competencies/{competency['id']}", json={"name": "Eerst"})
    events = client.get(f"/v1/audit-events?resourceId={competency['id']}").json()["items"]
    assert {event["action"] for event in events} == {"create", "update"}
    assert all(event["resourceType"] == "competency" for event in events)
