"""The /v1/support-episodes list: filters, sorting, paging and bad query parameters."""

import uuid

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from tests.api.builders import make_support_episode
from tests.api.support_episode_helpers import World
from tests.api.support_episode_helpers import world as world


def hours(client: TestClient, query: str) -> list[float]:
    response = client.get(f"/v1/support-episodes?{query}")
    assert response.status_code == 200, response.text
    return [item["hours"] for item in response.json()["items"]]


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
