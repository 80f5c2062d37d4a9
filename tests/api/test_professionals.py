"""The /v1/professionals resource: CRUD, problems and locking."""

import uuid

from sqlalchemy import func, select
from sqlmodel import Session
from starlette.testclient import TestClient

from api.professionals.models import ProfessionalArea
from tests.api.builders import (
    BUURT_AA01,
    BUURT_FD03,
    make_initiative,
    make_professional,
    make_support_episode,
    professional_payload,
)
from tests.api.professional_helpers import STADSDEEL_F, names


def area_rows(session: Session) -> int:
    return session.connection().execute(
        select(func.count()).select_from(ProfessionalArea.metadata.tables["professional_area"])
    ).scalar_one()


def test_a_new_professional_is_created_and_read_back(client: TestClient) -> None:
    created = client.post("/v1/professionals",
                          json=professional_payload(areaIds=[str(BUURT_FD03), str(STADSDEEL_F)]))
    assert created.status_code == 201, created.text
    body = created.json()
    assert created.headers["location"] == f"/v1/professionals/{body['id']}"
    assert created.headers["etag"] == '"1"'
    assert sorted(body["areaIds"]) == sorted([str(BUURT_FD03), str(STADSDEEL_F)])
    assert (body["role"], body["organisationKind"], body["fte"]) == (
        "participatiemakelaar", "stadsdeel", 0.8)
    read = client.get(f"/v1/professionals/{body['id']}")
    assert read.status_code == 200
    assert read.json() == body
    assert read.headers["etag"] == '"1"'


def test_a_listed_professional_looks_the_same_as_the_single_one(
    client: TestClient, session: Session,
) -> None:
    professional = make_professional(session, areaIds=[str(BUURT_FD03)])
    single = client.get(f"/v1/professionals/{professional.id}").json()
    assert client.get("/v1/professionals").json()["items"] == [single]


def test_every_bad_field_gets_its_own_error_and_nothing_is_written(client: TestClient) -> None:
    body = professional_payload(name="", role="baas", fte=3, activeFrom="gisteren",
                                organisationKind=None, areaIds="F")
    response = client.post("/v1/professionals", json=body)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert {error["location"]["pointer"] for error in errors} == {
        "/name", "/role", "/fte", "/activeFrom", "/organisationKind", "/areaIds"}
    assert len(errors) == 6
    assert client.get("/v1/professionals").json()["total"] == 0


def test_an_email_address_without_an_at_sign_is_refused(client: TestClient) -> None:
    response = client.post("/v1/professionals", json=professional_payload(email="geen e-mail"))
    assert response.status_code == 400
    assert response.json()["errors"][0]["location"] == {"pointer": "/email"}


def test_create_refuses_an_area_that_does_not_exist_by_its_index(
    client: TestClient, session: Session,
) -> None:
    body = professional_payload(areaIds=[str(BUURT_FD03), str(uuid.uuid4()), "FD03"])
    response = client.post("/v1/professionals", json=body)
    assert response.status_code == 400
    assert [error["location"]["pointer"] for error in response.json()["errors"]] == ["/areaIds/2"]
    body = professional_payload(areaIds=[str(BUURT_FD03), str(uuid.uuid4())])
    response = client.post("/v1/professionals", json=body)
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert (error["location"], error["code"]) == ({"pointer": "/areaIds/1"}, "unknown-area")
    assert client.get("/v1/professionals").json()["total"] == 0
    assert area_rows(session) == 0


def test_an_end_before_the_start_is_refused_on_create_and_on_update(
    client: TestClient, session: Session,
) -> None:
    body = professional_payload(activeFrom="2010-01-01", activeTo="2009-12-31")
    response = client.post("/v1/professionals", json=body)
    assert response.status_code == 400
    assert response.json()["errors"][0]["location"] == {"pointer": "/activeTo"}
    professional = make_professional(session, activeFrom="2010-01-01")
    response = client.patch(f"/v1/professionals/{professional.id}", json={"activeTo": "2009-01-01"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["location"] == {"pointer": "/activeTo"}
    after = client.get(f"/v1/professionals/{professional.id}").json()
    assert (after["activeTo"], after["version"]) == (None, 1)


def test_a_duplicate_external_ref_is_refused(client: TestClient, session: Session) -> None:
    make_professional(session, externalRef="HR-1")
    other = make_professional(session, name="Bram", externalRef="HR-2")
    response = client.post("/v1/professionals", json=professional_payload(externalRef="HR-1"))
    assert response.status_code == 400
    assert response.json()["errors"][0]["location"] == {"pointer": "/externalRef"}
    response = client.patch(f"/v1/professionals/{other.id}", json={"externalRef": "HR-1"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["location"] == {"pointer": "/externalRef"}
    assert client.get(f"/v1/professionals/{other.id}").json()["externalRef"] == "HR-2"


def test_a_partial_update_changes_only_the_fields_sent_and_bumps_the_version(
    client: TestClient, session: Session,
) -> None:
    professional = make_professional(session)
    before = client.get(f"/v1/professionals/{professional.id}").json()
    response = client.patch(f"/v1/professionals/{professional.id}",
                            json={"organisation": "Stadsdeel West", "fte": None},
                            headers={"If-Match": '"1"'})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["organisation"], body["fte"], body["version"]) == ("Stadsdeel West", None, 2)
    assert (body["name"], body["areaIds"]) == (before["name"], before["areaIds"])
    assert body["updatedAt"] > before["updatedAt"]
    assert body["createdAt"] == before["createdAt"]
    assert response.headers["etag"] == '"2"'


def test_an_update_with_area_ids_replaces_the_set(client: TestClient, session: Session) -> None:
    professional = make_professional(session, areaIds=[str(STADSDEEL_F), str(BUURT_FD03)])
    response = client.patch(f"/v1/professionals/{professional.id}",
                            json={"areaIds": [str(BUURT_AA01)]})
    assert response.status_code == 200, response.text
    assert (response.json()["areaIds"], response.json()["version"]) == ([str(BUURT_AA01)], 2)
    assert names(client, "area=F") == []
    cleared = client.patch(f"/v1/professionals/{professional.id}", json={"areaIds": []})
    assert cleared.json()["areaIds"] == []
    assert area_rows(session) == 0


def test_an_update_with_an_unknown_area_changes_nothing(
    client: TestClient, session: Session,
) -> None:
    professional = make_professional(session, areaIds=[str(STADSDEEL_F)])
    response = client.patch(f"/v1/professionals/{professional.id}",
                            json={"name": "Nieuwe naam", "areaIds": [str(uuid.uuid4())]})
    assert response.status_code == 400
    assert response.json()["errors"][0]["location"] == {"pointer": "/areaIds/0"}
    after = client.get(f"/v1/professionals/{professional.id}").json()
    assert (after["name"], after["areaIds"], after["version"]) == (
        "Fatima el Amrani", [str(STADSDEEL_F)], 1)


def test_an_update_cannot_clear_a_required_field(client: TestClient, session: Session) -> None:
    professional = make_professional(session)
    response = client.patch(f"/v1/professionals/{professional.id}",
                            json={"name": None, "role": None})
    assert response.status_code == 400
    assert {error["location"]["pointer"] for error in response.json()["errors"]} == {
        "/name", "/role"}
    response = client.patch(f"/v1/professionals/{professional.id}", json={"areaIds": None})
    assert response.status_code == 400
    assert response.json()["errors"][0]["location"] == {"pointer": "/areaIds"}
    assert client.get(f"/v1/professionals/{professional.id}").json()["version"] == 1


def test_a_stale_if_match_is_refused_with_412_and_changes_nothing(
    client: TestClient, session: Session,
) -> None:
    professional = make_professional(session)
    url = f"/v1/professionals/{professional.id}"
    assert client.patch(url, json={"name": "Eerste wijziging"}).status_code == 200
    stale = client.patch(url, json={"name": "Te laat", "areaIds": []},
                         headers={"If-Match": '"1"'})
    assert stale.status_code == 412
    assert stale.headers["content-type"] == "application/problem+json"
    after = client.get(url).json()
    assert (after["name"], after["areaIds"], after["version"]) == (
        "Eerste wijziging", [str(STADSDEEL_F)], 2)
    assert client.delete(url, headers={"If-Match": '"1"'}).status_code == 412
    assert client.get(url).status_code == 200


def test_delete_removes_the_professional_and_the_areas_they_serve(
    client: TestClient, session: Session,
) -> None:
    professional = make_professional(session, areaIds=[str(STADSDEEL_F), str(BUURT_FD03)])
    response = client.delete(f"/v1/professionals/{professional.id}", headers={"If-Match": '"1"'})
    assert response.status_code == 204
    assert client.get(f"/v1/professionals/{professional.id}").status_code == 404
    assert area_rows(session) == 0


def test_deleting_a_professional_with_support_episodes_is_a_conflict(
    client: TestClient, session: Session,
) -> None:
    professional = make_professional(session)
    episode = make_support_episode(session, make_initiative(session).id, professional.id)
    response = client.delete(f"/v1/professionals/{professional.id}")
    assert response.status_code == 409
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == 409
    assert client.get(f"/v1/professionals/{professional.id}").json()["areaIds"] == [
        str(STADSDEEL_F)]
    assert client.get(f"/v1/support-episodes/{episode.id}").status_code == 200


def test_unknown_ids_answer_404_problems(client: TestClient) -> None:
    missing = uuid.uuid4()
    for method in ("get", "patch", "delete"):
        json = {"name": "Nieuw"} if method == "patch" else None
        response = client.request(method, f"/v1/professionals/{missing}", json=json)
        assert response.status_code == 404
        problem = response.json()
        assert (problem["status"], problem["instance"]) == (404, f"/v1/professionals/{missing}")


def test_a_malformed_id_is_a_400_on_the_path(client: TestClient) -> None:
    response = client.get("/v1/professionals/not-a-uuid")
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert (error["in"], error["location"]) == ("path", {"name": "professionalId"})
