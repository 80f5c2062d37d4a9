"""The /v1/support-episodes resource: CRUD, filters, paging, sorting, problems and locking."""

import uuid
from dataclasses import dataclass

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from api.initiatives.models import Initiative
from api.professionals.models import Professional
from tests.api.builders import (
    make_initiative,
    make_professional,
    make_support_episode,
    support_episode_payload,
)


@dataclass
class World:
    initiative: Initiative
    other_initiative: Initiative
    makelaar: Professional
    opbouwwerker: Professional


@pytest.fixture
def world(session: Session) -> World:
    return World(
        initiative=make_initiative(session),
        other_initiative=make_initiative(session, title="Buurtkeuken"),
        makelaar=make_professional(session),
        opbouwwerker=make_professional(session, name="Johan de Vries", role="opbouwwerker",
                                       organisation="Dynamo",
                                       organisationKind="welzijnsorganisatie"),
    )


def hours(client: TestClient, query: str) -> list[float]:
    response = client.get(f"/v1/support-episodes?{query}")
    assert response.status_code == 200, response.text
    return [item["hours"] for item in response.json()["items"]]


def test_a_new_episode_is_created_and_read_back_with_the_professionals_role(
    client: TestClient, world: World,
) -> None:
    payload = support_episode_payload(world.initiative.id, world.opbouwwerker.id)
    created = client.post("/v1/support-episodes", json=payload)
    assert created.status_code == 201, created.text
    body = created.json()
    assert created.headers["location"] == f"/v1/support-episodes/{body['id']}"
    assert created.headers["etag"] == '"1"'
    assert (body["role"], body["hours"], body["style"]) == ("opbouwwerker", 40, "faciliterend")
    assert body["kinds"] == ["verbinden-netwerken", "procesbegeleiding"]
    read = client.get(f"/v1/support-episodes/{body['id']}")
    assert read.status_code == 200
    assert read.json() == body
    assert read.headers["etag"] == '"1"'


def test_a_role_given_on_create_is_kept(client: TestClient, world: World) -> None:
    payload = support_episode_payload(world.initiative.id, world.opbouwwerker.id,
                                      role="procesbegeleider")
    assert client.post("/v1/support-episodes", json=payload).json()["role"] == "procesbegeleider"


def test_a_listed_episode_looks_the_same_as_the_single_one(
    client: TestClient, session: Session, world: World,
) -> None:
    episode = make_support_episode(session, world.initiative.id, world.makelaar.id)
    single = client.get(f"/v1/support-episodes/{episode.id}").json()
    assert client.get("/v1/support-episodes").json()["items"] == [single]


def test_an_unknown_initiative_and_professional_each_get_an_error_and_nothing_is_written(
    client: TestClient,
) -> None:
    response = client.post("/v1/support-episodes",
                           json=support_episode_payload(uuid.uuid4(), uuid.uuid4()))
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert {(error["location"]["pointer"], error["code"]) for error in errors} == {
        ("/initiativeId", "unknown-initiative"), ("/professionalId", "unknown-professional")}
    assert client.get("/v1/support-episodes").json()["total"] == 0


def test_an_end_before_the_start_is_refused(client: TestClient, world: World) -> None:
    payload = support_episode_payload(world.initiative.id, world.makelaar.id,
                                      startDate="2011-01-01", endDate="2010-12-31")
    response = client.post("/v1/support-episodes", json=payload)
    assert response.status_code == 400
    assert response.json()["errors"][0]["location"] == {"pointer": "/endDate"}
    assert client.get("/v1/support-episodes").json()["total"] == 0


def test_every_bad_field_gets_its_own_error_and_nothing_is_written(
    client: TestClient, world: World,
) -> None:
    payload = support_episode_payload(world.initiative.id, world.makelaar.id, hours=-1,
                                      style="dwingend", kinds=["activeren", "regelen"],
                                      startDate="morgen", role="baas", initiativeId="nee")
    response = client.post("/v1/support-episodes", json=payload)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert sorted(error["location"]["pointer"] for error in errors) == [
        "/hours", "/initiativeId", "/kinds/1", "/role", "/startDate", "/style"]
    assert client.get("/v1/support-episodes").json()["total"] == 0


def test_a_duplicate_external_ref_is_refused(
    client: TestClient, session: Session, world: World,
) -> None:
    make_support_episode(session, world.initiative.id, world.makelaar.id, externalRef="SE-1")
    other = make_support_episode(session, world.initiative.id, world.makelaar.id,
                                 externalRef="SE-2")
    payload = support_episode_payload(world.initiative.id, world.makelaar.id, externalRef="SE-1")
    response = client.post("/v1/support-episodes", json=payload)
    assert response.status_code == 400
    assert response.json()["errors"][0]["location"] == {"pointer": "/externalRef"}
    response = client.patch(f"/v1/support-episodes/{other.id}", json={"externalRef": "SE-1"})
    assert response.status_code == 400
    assert client.get(f"/v1/support-episodes/{other.id}").json()["externalRef"] == "SE-2"


@pytest.fixture
def episodes(session: Session, world: World) -> None:
    """Three episodes, told apart by their hours (1, 2, 3), each differing in what's filtered."""
    make_support_episode(session, world.initiative.id, world.makelaar.id, hours=1,
                         startDate="2010-01-01", style="stimulerend", kinds=["activeren"])
    make_support_episode(session, world.initiative.id, world.opbouwwerker.id, hours=2,
                         startDate="2012-01-01", endDate=None, style="faciliterend",
                         kinds=["faciliteren", "procesbegeleiding"])
    make_support_episode(session, world.other_initiative.id, world.makelaar.id, hours=3,
                         startDate="2011-01-01", endDate=None, style="overnemend",
                         role="procesbegeleider",
                         kinds=["procesbegeleiding"])


@pytest.mark.usefixtures("episodes")
def test_filtering_on_initiative_and_professional(client: TestClient, world: World) -> None:
    assert sorted(hours(client, f"initiative={world.initiative.id}")) == [1, 2]
    assert sorted(hours(client, f"professional={world.makelaar.id}")) == [1, 3]
    both = f"initiative={world.initiative.id}&professional={world.makelaar.id}"
    assert hours(client, both) == [1]
    assert hours(client, f"initiative={uuid.uuid4()}") == []


@pytest.mark.usefixtures("episodes")
def test_filtering_on_role_keeps_any_of_the_roles_given(client: TestClient) -> None:
    assert hours(client, "role=participatiemakelaar") == [1]
    assert sorted(hours(client, "role=opbouwwerker&role=procesbegeleider")) == [2, 3]


@pytest.mark.usefixtures("episodes")
def test_filtering_on_style_keeps_any_of_the_styles_given(client: TestClient) -> None:
    assert hours(client, "style=overnemend") == [3]
    assert sorted(hours(client, "style=stimulerend&style=faciliterend")) == [1, 2]


@pytest.mark.usefixtures("episodes")
def test_filtering_on_kind_keeps_episodes_whose_kinds_include_it(client: TestClient) -> None:
    assert sorted(hours(client, "kind=procesbegeleiding")) == [2, 3]
    assert hours(client, "kind=activeren") == [1]
    assert sorted(hours(client, "kind=activeren&kind=faciliteren")) == [1, 2]
    assert hours(client, "kind=signaleren-agenderen") == []


def test_bad_query_parameters_get_one_error_each(client: TestClient) -> None:
    query = "initiative=nee&role=baas&style=dwingend&kind=regelen&pageSize=0"
    response = client.get(f"/v1/support-episodes?{query}")
    assert response.status_code == 400
    assert {error["location"]["name"] for error in response.json()["errors"]} == {
        "initiative", "role", "style", "kind", "pageSize"}


@pytest.mark.usefixtures("episodes")
def test_the_newest_start_comes_first_by_default_and_every_key_sorts_both_ways(
    client: TestClient, session: Session, world: World,
) -> None:
    assert hours(client, "") == [2, 3, 1]
    assert hours(client, "sort=startDate") == [1, 3, 2]
    assert hours(client, "sort=-hours") == [3, 2, 1]
    assert hours(client, "sort=hours") == [1, 2, 3]
    assert hours(client, "sort=createdAt") == [1, 2, 3]
    assert hours(client, "sort=-createdAt") == [3, 2, 1]
    first = client.get("/v1/support-episodes?sort=createdAt").json()["items"][0]
    assert client.patch(f"/v1/support-episodes/{first['id']}", json={"style": None}).is_success
    assert hours(client, "sort=updatedAt") == [2, 3, 1]
    assert hours(client, "sort=-updatedAt") == [1, 3, 2]


def test_an_unknown_sort_key_is_a_400(client: TestClient) -> None:
    response = client.get("/v1/support-episodes?sort=-endDate")
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert (error["in"], error["location"], error["code"]) == ("query", {"name": "sort"},
                                                              "unknown-sort-key")


def test_the_list_is_paged_with_a_total_and_links(
    client: TestClient, session: Session, world: World,
) -> None:
    for number in range(1, 6):
        make_support_episode(session, world.initiative.id, world.makelaar.id, hours=number)
    first = client.get("/v1/support-episodes?pageSize=2&sort=hours").json()
    assert [item["hours"] for item in first["items"]] == [1, 2]
    assert (first["total"], first["page"], first["pageSize"]) == (5, 1, 2)
    assert first["_links"]["next"] == "/v1/support-episodes?pageSize=2&sort=hours&page=2"
    assert first["_links"]["prev"] is None
    last = client.get("/v1/support-episodes?pageSize=2&sort=hours&page=3").json()
    assert [item["hours"] for item in last["items"]] == [5]
    assert last["_links"]["next"] is None
    assert last["_links"]["prev"] == "/v1/support-episodes?pageSize=2&sort=hours&page=2"


def test_a_partial_update_changes_only_the_fields_sent_and_bumps_the_version(
    client: TestClient, session: Session, world: World,
) -> None:
    episode = make_support_episode(session, world.initiative.id, world.makelaar.id)
    before = client.get(f"/v1/support-episodes/{episode.id}").json()
    response = client.patch(f"/v1/support-episodes/{episode.id}",
                            json={"hours": 12.5, "professionalId": str(world.opbouwwerker.id)},
                            headers={"If-Match": '"1"'})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["hours"], body["professionalId"], body["version"]) == (
        12.5, str(world.opbouwwerker.id), 2)
    assert (body["role"], body["kinds"]) == (before["role"], before["kinds"])
    assert body["updatedAt"] > before["updatedAt"]
    assert response.headers["etag"] == '"2"'


def test_an_update_to_an_unknown_professional_is_refused_and_changes_nothing(
    client: TestClient, session: Session, world: World,
) -> None:
    episode = make_support_episode(session, world.initiative.id, world.makelaar.id)
    response = client.patch(f"/v1/support-episodes/{episode.id}",
                            json={"hours": 1, "professionalId": str(uuid.uuid4())})
    assert response.status_code == 400
    assert response.json()["errors"][0]["location"] == {"pointer": "/professionalId"}
    after = client.get(f"/v1/support-episodes/{episode.id}").json()
    assert (after["hours"], after["professionalId"], after["version"]) == (
        40, str(world.makelaar.id), 1)


def test_an_update_cannot_clear_the_role_or_other_required_fields(
    client: TestClient, session: Session, world: World,
) -> None:
    episode = make_support_episode(session, world.initiative.id, world.makelaar.id)
    url = f"/v1/support-episodes/{episode.id}"
    response = client.patch(url, json={"role": None})
    assert response.status_code == 400
    assert response.json()["errors"][0]["location"] == {"pointer": "/role"}
    response = client.patch(url, json={"hours": None, "startDate": None})
    assert {error["location"]["pointer"] for error in response.json()["errors"]} == {
        "/hours", "/startDate"}
    response = client.patch(url, json={"kinds": None})
    assert response.json()["errors"][0]["location"] == {"pointer": "/kinds"}
    after = client.get(url).json()
    assert (after["role"], after["version"]) == ("participatiemakelaar", 1)


def test_an_update_that_ends_before_the_start_is_refused(
    client: TestClient, session: Session, world: World,
) -> None:
    episode = make_support_episode(session, world.initiative.id, world.makelaar.id)
    response = client.patch(f"/v1/support-episodes/{episode.id}",
                            json={"startDate": "2011-06-01"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["location"] == {"pointer": "/endDate"}
    assert client.get(f"/v1/support-episodes/{episode.id}").json()["startDate"] == "2010-04-01"


def test_a_stale_if_match_is_refused_with_412_and_changes_nothing(
    client: TestClient, session: Session, world: World,
) -> None:
    episode = make_support_episode(session, world.initiative.id, world.makelaar.id)
    url = f"/v1/support-episodes/{episode.id}"
    assert client.patch(url, json={"hours": 10}).status_code == 200
    stale = client.patch(url, json={"hours": 99}, headers={"If-Match": '"1"'})
    assert stale.status_code == 412
    assert stale.headers["content-type"] == "application/problem+json"
    assert (client.get(url).json()["hours"], client.get(url).json()["version"]) == (10, 2)
    assert client.delete(url, headers={"If-Match": '"1"'}).status_code == 412
    assert client.get(url).status_code == 200


def test_delete_removes_the_episode_and_leaves_initiative_and_professional(
    client: TestClient, session: Session, world: World,
) -> None:
    episode = make_support_episode(session, world.initiative.id, world.makelaar.id)
    response = client.delete(f"/v1/support-episodes/{episode.id}", headers={"If-Match": '"1"'})
    assert response.status_code == 204
    assert client.get(f"/v1/support-episodes/{episode.id}").status_code == 404
    assert client.get(f"/v1/initiatives/{world.initiative.id}").status_code == 200
    assert client.delete(f"/v1/professionals/{world.makelaar.id}").status_code == 204


def test_unknown_ids_answer_404_problems(client: TestClient) -> None:
    missing = uuid.uuid4()
    for method in ("get", "patch", "delete"):
        json = {"hours": 1} if method == "patch" else None
        response = client.request(method, f"/v1/support-episodes/{missing}", json=json)
        assert response.status_code == 404
        problem = response.json()
        assert (problem["status"], problem["instance"]) == (404, f"/v1/support-episodes/{missing}")


def test_a_malformed_id_is_a_400_on_the_path(client: TestClient) -> None:
    response = client.get("/v1/support-episodes/42")
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert (error["in"], error["location"]) == ("path", {"name": "episodeId"})
