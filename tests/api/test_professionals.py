"""The /v1/professionals resource: CRUD, filters, paging, sorting, problems and locking."""

import uuid

import pytest
from sqlalchemy import func, select
from sqlmodel import Session
from starlette.testclient import TestClient

from api.areas.models import AreaType, area_id
from api.professionals.models import ProfessionalArea
from tests.api.builders import (
    BUURT_AA01,
    BUURT_FD03,
    make_initiative,
    make_professional,
    make_support_episode,
    professional_payload,
)

STADSDEEL_F = area_id(None, AreaType.STADSDEEL, "F")
STADSDEEL_A = area_id(None, AreaType.STADSDEEL, "A")
WIJK_FD = area_id(2022, AreaType.WIJK, "FD")


def names(client: TestClient, query: str) -> list[str]:
    response = client.get(f"/v1/professionals?{query}")
    assert response.status_code == 200, response.text
    return [item["name"] for item in response.json()["items"]]


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


def test_filtering_on_role_keeps_any_of_the_roles_given(
    client: TestClient, session: Session,
) -> None:
    make_professional(session, name="Anna", role="participatiemakelaar")
    make_professional(session, name="Bram", role="opbouwwerker")
    make_professional(session, name="Cees", role="gebiedsbeheerder")
    assert names(client, "role=opbouwwerker") == ["Bram"]
    assert names(client, "role=opbouwwerker&role=gebiedsbeheerder") == ["Bram", "Cees"]


def test_filtering_on_organisation_matches_part_of_the_name_in_any_case(
    client: TestClient, session: Session,
) -> None:
    make_professional(session, name="Anna", organisation="Stadsdeel Nieuw-West")
    make_professional(session, name="Bram", organisation="Dynamo welzijn")
    make_professional(session, name="Cees", organisation="Eigen Haard")
    assert names(client, "organisation=NIEUW-west") == ["Anna"]
    assert names(client, "organisation=welZ") == ["Bram"]
    assert names(client, "organisation=%25") == []


def test_filtering_on_organisation_kind_keeps_any_of_the_kinds_given(
    client: TestClient, session: Session,
) -> None:
    make_professional(session, name="Anna", organisationKind="stadsdeel")
    make_professional(session, name="Bram", organisationKind="welzijnsorganisatie")
    make_professional(session, name="Cees", organisationKind="woningcorporatie")
    assert names(client, "organisationKind=woningcorporatie") == ["Cees"]
    assert names(client, "organisationKind=stadsdeel&organisationKind=woningcorporatie") == [
        "Anna", "Cees"]


@pytest.fixture
def serving(session: Session) -> None:
    """Anna serves stadsdeel Nieuw-West, Bram buurt FD03 in it, Cees a buurt in Centrum."""
    make_professional(session, name="Anna", areaIds=[str(STADSDEEL_F)])
    make_professional(session, name="Bram", areaIds=[str(BUURT_FD03)])
    make_professional(session, name="Cees", areaIds=[str(BUURT_AA01)])
    make_professional(session, name="Door", areaIds=[])


@pytest.mark.usefixtures("serving")
def test_filtering_on_a_buurt_finds_who_serves_it_or_an_area_above_it(client: TestClient) -> None:
    assert names(client, "area=FD03") == ["Anna", "Bram"]
    assert names(client, "area=BU0363FD03") == ["Anna", "Bram"]


@pytest.mark.usefixtures("serving")
def test_filtering_on_a_stadsdeel_finds_who_serves_it_or_an_area_below_it(
    client: TestClient,
) -> None:
    assert names(client, "area=F") == ["Anna", "Bram"]
    assert names(client, f"area={STADSDEEL_A}") == ["Cees"]


@pytest.mark.usefixtures("serving")
def test_filtering_on_a_wijk_finds_who_serves_an_area_above_or_below_it(
    client: TestClient,
) -> None:
    assert names(client, f"area={WIJK_FD}") == ["Anna", "Bram"]


def test_an_unknown_area_filter_is_a_400_on_the_query(client: TestClient) -> None:
    response = client.get("/v1/professionals?area=ZZ99")
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert (error["in"], error["location"], error["code"]) == ("query", {"name": "area"},
                                                              "unknown-area")


def test_q_finds_names_containing_the_text(client: TestClient, session: Session) -> None:
    make_professional(session, name="Fatima el Amrani")
    make_professional(session, name="Johan de Vries")
    assert names(client, "q=amra") == ["Fatima el Amrani"]
    assert names(client, "q=de%20v") == ["Johan de Vries"]


def test_the_list_is_paged_with_a_total_and_links(client: TestClient, session: Session) -> None:
    for letter in "ABCDE":
        make_professional(session, name=f"{letter}nna")
    first = client.get("/v1/professionals?pageSize=2&role=participatiemakelaar").json()
    assert [item["name"] for item in first["items"]] == ["Anna", "Bnna"]
    assert (first["total"], first["page"], first["pageSize"]) == (5, 1, 2)
    assert first["_links"]["prev"] is None
    assert first["_links"]["next"] == (
        "/v1/professionals?pageSize=2&role=participatiemakelaar&page=2")
    last = client.get("/v1/professionals?pageSize=2&page=3").json()
    assert [item["name"] for item in last["items"]] == ["Enna"]
    assert last["_links"]["next"] is None
    assert last["_links"]["prev"] == "/v1/professionals?pageSize=2&page=2"


def test_sorting_by_name_is_the_default_and_works_both_ways(
    client: TestClient, session: Session,
) -> None:
    for name in ("Bram", "Cees", "Anna"):
        make_professional(session, name=name)
    assert names(client, "") == ["Anna", "Bram", "Cees"]
    assert names(client, "sort=-name") == ["Cees", "Bram", "Anna"]


@pytest.mark.parametrize(("key", "ascending"), [
    ("role", ["Bram", "Anna", "Cees"]),
    ("organisation", ["Cees", "Anna", "Bram"]),
    ("createdAt", ["Anna", "Bram", "Cees"]),
    ("updatedAt", ["Anna", "Cees", "Bram"]),
])
def test_sorting_on_each_key_works_both_ways(
    client: TestClient, session: Session, key: str, ascending: list[str],
) -> None:
    make_professional(session, name="Anna", role="opbouwwerker", organisation="Dynamo")
    bram = make_professional(session, name="Bram", role="gebiedsbeheerder", organisation="Rochdale")
    make_professional(session, name="Cees", role="welzijnswerker", organisation="Combiwel")
    assert client.patch(f"/v1/professionals/{bram.id}", json={"fte": 0.5}).status_code == 200
    assert names(client, f"sort={key}") == ascending
    assert names(client, f"sort=-{key}") == ascending[::-1]


def test_an_unknown_sort_key_is_a_400(client: TestClient) -> None:
    response = client.get("/v1/professionals?sort=email")
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert (error["in"], error["location"], error["code"]) == ("query", {"name": "sort"},
                                                              "unknown-sort-key")


def test_bad_query_parameters_get_one_error_each(client: TestClient) -> None:
    response = client.get("/v1/professionals?role=baas&organisationKind=club&pageSize=500&page=0")
    assert response.status_code == 400
    names_in_error = {error["location"]["name"] for error in response.json()["errors"]}
    assert names_in_error == {"role", "organisationKind", "pageSize", "page"}


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
