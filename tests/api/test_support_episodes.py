"""The /v1/support-episodes resource: CRUD, problems and locking."""

import uuid

from sqlmodel import Session
from starlette.testclient import TestClient

from tests.api.builders import make_support_episode, support_episode_payload
from tests.api.support_episode_helpers import World
from tests.api.support_episode_helpers import world as world


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
