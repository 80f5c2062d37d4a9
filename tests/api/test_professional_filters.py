"""The /v1/professionals list: filters, search, paging, sorting and bad query parameters."""

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from api.areas.models import AreaType, area_id
from tests.api.builders import BUURT_AA01, BUURT_FD03, make_professional
from tests.api.professional_helpers import STADSDEEL_F, names

STADSDEEL_A = area_id(None, AreaType.STADSDEEL, "A")
WIJK_FD = area_id(2022, AreaType.WIJK, "FD")


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
