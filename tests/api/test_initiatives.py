"""The /v1/initiatives resource: CRUD, filters, paging, sorting, problems and locking."""

import uuid

from sqlmodel import Session
from starlette.testclient import TestClient

from api.areas.models import AreaType, area_id
from api.initiatives.models import Initiative
from tests.api.builders import (
    BUURT_AA01,
    BUURT_F76A_2015,
    BUURT_FD03,
    initiative_payload,
    make_initiative,
    make_professional,
    make_support_episode,
)


def titles(client: TestClient, query: str) -> list[str]:
    response = client.get(f"/v1/initiatives?{query}")
    assert response.status_code == 200, response.text
    return [item["title"] for item in response.json()["items"]]


def test_a_new_initiative_is_created_and_read_back(client: TestClient) -> None:
    created = client.post("/v1/initiatives", json=initiative_payload())
    assert created.status_code == 201, created.text
    body = created.json()
    assert created.headers["location"] == f"/v1/initiatives/{body['id']}"
    assert created.headers["etag"] == '"1"'
    assert body["themes"] == ["groen", "ontmoeting"]
    assert body["wijkaanpak"] is True
    assert body["currentBuurtId"] == str(BUURT_FD03)
    read = client.get(f"/v1/initiatives/{body['id']}")
    assert read.status_code == 200
    assert read.json() == body
    assert read.headers["etag"] == '"1"'


def test_an_initiative_in_a_2015_buurt_keeps_it_and_lies_in_its_2022_successor(
    client: TestClient,
) -> None:
    body = client.post("/v1/initiatives",
                       json=initiative_payload(buurtId=str(BUURT_F76A_2015))).json()
    assert body["buurtId"] == str(BUURT_F76A_2015)
    assert body["currentBuurtId"] != str(BUURT_F76A_2015)
    assert body["wijkaanpak"] is True


def test_a_partial_update_changes_only_the_fields_sent_and_bumps_the_version(
    client: TestClient, session: Session,
) -> None:
    initiative = make_initiative(session)
    response = client.patch(f"/v1/initiatives/{initiative.id}",
                            json={"status": "afgerond", "themes": ["cultuur"]},
                            headers={"If-Match": '"1"'})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["status"], body["themes"], body["version"]) == ("afgerond", ["cultuur"], 2)
    assert body["title"] == initiative.title
    assert response.headers["etag"] == '"2"'


def test_a_stale_if_match_is_refused_with_412_and_changes_nothing(
    client: TestClient, session: Session,
) -> None:
    initiative = make_initiative(session)
    client.patch(f"/v1/initiatives/{initiative.id}", json={"title": "Eerste wijziging"})
    stale = client.patch(f"/v1/initiatives/{initiative.id}", json={"title": "Te laat"},
                         headers={"If-Match": '"1"'})
    assert stale.status_code == 412
    assert stale.headers["content-type"] == "application/problem+json"
    assert client.get(f"/v1/initiatives/{initiative.id}").json()["title"] == "Eerste wijziging"
    refused_delete = client.delete(f"/v1/initiatives/{initiative.id}", headers={"If-Match": '"1"'})
    assert refused_delete.status_code == 412
    assert client.get(f"/v1/initiatives/{initiative.id}").status_code == 200


def test_delete_removes_the_initiative_with_its_support_episodes(
    client: TestClient, session: Session,
) -> None:
    initiative = make_initiative(session)
    episode = make_support_episode(session, initiative.id, make_professional(session).id)
    response = client.delete(f"/v1/initiatives/{initiative.id}", headers={"If-Match": '"1"'})
    assert response.status_code == 204
    assert client.get(f"/v1/initiatives/{initiative.id}").status_code == 404
    assert client.get(f"/v1/support-episodes/{episode.id}").status_code == 404


def test_unknown_ids_answer_404_problems(client: TestClient) -> None:
    missing = uuid.uuid4()
    for method in ("get", "patch", "delete"):
        kwargs = {"json": {"title": "Nieuw"}} if method == "patch" else {}
        response = client.request(method, f"/v1/initiatives/{missing}", **kwargs)
        assert response.status_code == 404
        problem = response.json()
        assert problem["status"] == 404
        assert problem["instance"] == f"/v1/initiatives/{missing}"
        assert {"type", "title", "detail"} <= problem.keys()


def test_a_malformed_id_is_a_400_on_the_path(client: TestClient) -> None:
    response = client.get("/v1/initiatives/not-a-uuid")
    assert response.status_code == 400
    assert response.json()["errors"][0]["in"] == "path"
    assert response.json()["errors"][0]["location"] == {"name": "initiativeId"}


def test_every_bad_field_gets_its_own_error_and_nothing_is_written(client: TestClient) -> None:
    body = initiative_payload(title="", status="klaar", amountGranted=-5, participants="veel")
    response = client.post("/v1/initiatives", json=body)
    assert response.status_code == 400
    pointers = {error["location"]["pointer"] for error in response.json()["errors"]}
    assert pointers == {"/title", "/status", "/amountGranted", "/participants"}
    assert all(error["in"] == "body" for error in response.json()["errors"])
    assert client.get("/v1/initiatives").json()["total"] == 0


def test_a_buurt_that_does_not_exist_is_a_400(client: TestClient) -> None:
    stadsdeel = area_id(None, AreaType.STADSDEEL, "F")
    for buurt in (uuid.uuid4(), stadsdeel):
        response = client.post("/v1/initiatives", json=initiative_payload(buurtId=str(buurt)))
        assert response.status_code == 400
        assert response.json()["errors"][0]["location"] == {"pointer": "/buurtId"}
    assert client.get("/v1/initiatives").json()["total"] == 0


def test_inconsistent_dates_and_duplicate_references_are_refused(
    client: TestClient, session: Session,
) -> None:
    make_initiative(session, externalRef="BI-1")
    cases = [
        ({"startDate": "2011-01-01", "endDate": "2010-01-01"}, "/endDate"),
        ({"applicationDate": "2011-01-01", "decisionDate": "2010-01-01"}, "/decisionDate"),
        ({"externalRef": "BI-1"}, "/externalRef"),
        ({"continuedAfterSupport": False, "continuedMonths": 12}, "/continuedMonths"),
    ]
    for overrides, pointer in cases:
        response = client.post("/v1/initiatives", json=initiative_payload(**overrides))
        assert response.status_code == 400, (overrides, response.text)
        assert response.json()["errors"][0]["location"]["pointer"] == pointer
    assert client.get("/v1/initiatives").json()["total"] == 1


def test_a_patch_cannot_clear_a_required_field_or_break_the_dates(
    client: TestClient, session: Session,
) -> None:
    initiative = make_initiative(session)
    cleared = client.patch(f"/v1/initiatives/{initiative.id}", json={"title": None})
    assert cleared.status_code == 400
    assert cleared.json()["errors"][0]["location"] == {"pointer": "/title"}
    reversed_dates = client.patch(f"/v1/initiatives/{initiative.id}",
                                  json={"endDate": "2001-01-01"})
    assert reversed_dates.status_code == 400
    stored = client.get(f"/v1/initiatives/{initiative.id}").json()
    assert (stored["title"], stored["endDate"], stored["version"]) == (initiative.title, None, 1)


def test_the_area_filter_selects_every_buurt_below_a_stadsdeel_or_wijk(
    client: TestClient, session: Session,
) -> None:
    make_initiative(session, title="In Slotermeer", buurtId=str(BUURT_FD03))
    make_initiative(session, title="In de 2015-buurt", buurtId=str(BUURT_F76A_2015))
    make_initiative(session, title="In Centrum", buurtId=str(BUURT_AA01))
    assert sorted(titles(client, "area=F")) == ["In Slotermeer", "In de 2015-buurt"]
    assert sorted(titles(client, "area=WK0363FD")) == ["In Slotermeer", "In de 2015-buurt"]
    assert titles(client, "area=F76") == ["In de 2015-buurt"]
    assert titles(client, "area=AA01") == ["In Centrum"]
    assert len(titles(client, "area=0363")) == 3
    unknown = client.get("/v1/initiatives?area=ZZ99")
    assert unknown.status_code == 400
    assert unknown.json()["errors"][0]["location"] == {"name": "area"}


def test_the_wijkaanpak_filter_keeps_only_or_leaves_out_wijkaanpak_buurten(
    client: TestClient, session: Session,
) -> None:
    make_initiative(session, title="Wijkaanpak", buurtId=str(BUURT_FD03))
    make_initiative(session, title="Elders", buurtId=str(BUURT_AA01))
    assert titles(client, "wijkaanpak=true") == ["Wijkaanpak"]
    assert titles(client, "wijkaanpak=false") == ["Elders"]


def test_the_vocabulary_filters_take_any_of_the_given_codes(
    client: TestClient, session: Session,
) -> None:
    make_initiative(session, title="Groen", themes=["groen"], status="afgerond",
                    organisationForm="zelfbeheer", participationLevel="zelfbeheer",
                    initiatorType="bewoner")
    make_initiative(session, title="Cultuur", themes=["cultuur"], status="idee",
                    organisationForm="buurtbudget", participationLevel="adviseren",
                    initiatorType="stadsdeel")
    assert titles(client, "theme=groen") == ["Groen"]
    assert sorted(titles(client, "theme=groen&theme=cultuur")) == ["Cultuur", "Groen"]
    assert titles(client, "status=idee") == ["Cultuur"]
    assert titles(client, "organisationForm=zelfbeheer") == ["Groen"]
    assert titles(client, "participationLevel=adviseren") == ["Cultuur"]
    assert titles(client, "initiatorType=bewoner") == ["Groen"]
    bad = client.get("/v1/initiatives?status=klaar&theme=tuin")
    assert bad.status_code == 400
    assert {e["location"]["name"] for e in bad.json()["errors"]} == {"status", "theme"}


def test_the_support_filters_select_by_professional_and_by_role(
    client: TestClient, session: Session,
) -> None:
    supported = make_initiative(session, title="Ondersteund")
    make_initiative(session, title="Alleen")
    makelaar = make_professional(session)
    make_support_episode(session, supported.id, makelaar.id)
    assert titles(client, f"professional={makelaar.id}") == ["Ondersteund"]
    assert titles(client, "role=participatiemakelaar") == ["Ondersteund"]
    assert titles(client, "role=opbouwwerker") == []


def test_the_period_filter_keeps_initiatives_running_in_it(
    client: TestClient, session: Session,
) -> None:
    make_initiative(session, title="2009", startDate="2009-01-01", endDate="2009-12-31")
    make_initiative(session, title="Lopend sinds 2012", startDate="2012-03-01", endDate=None)
    make_initiative(session, title="Zonder datum", startDate=None)
    assert titles(client, "activeFrom=2009-06-01&activeTo=2009-07-01") == ["2009"]
    assert titles(client, "activeFrom=2015-01-01") == ["Lopend sinds 2012"]
    assert titles(client, "activeTo=2010-01-01") == ["2009"]


def test_free_text_searches_title_and_summary_case_insensitively(
    client: TestClient, session: Session,
) -> None:
    make_initiative(session, title="Taalcafé De Banne", summary="Samen Nederlands oefenen")
    make_initiative(session, title="Moestuin", summary="Groente kweken")
    assert titles(client, "q=taalcaf") == ["Taalcafé De Banne"]
    assert titles(client, "q=NEDERLANDS") == ["Taalcafé De Banne"]
    assert titles(client, "q=50%25") == []
    assert titles(client, "q=%27%3B%20DROP%20TABLE%20initiative%3B--") == []
    assert len(titles(client, "")) == 2


def test_the_external_reference_filter_finds_one_initiative(
    client: TestClient, session: Session,
) -> None:
    make_initiative(session, title="Uit het register", externalRef="BI-2009-17")
    make_initiative(session, title="Anders", externalRef="BI-2009-18")
    assert titles(client, "externalRef=BI-2009-17") == ["Uit het register"]
    assert titles(client, "externalRef=BI-0") == []


def test_pages_have_a_total_and_links_that_keep_the_filters(
    client: TestClient, session: Session,
) -> None:
    for number in range(5):
        make_initiative(session, title=f"Initiatief {number}")
    first = client.get("/v1/initiatives?sort=title&pageSize=2&status=in-uitvoering").json()
    assert [item["title"] for item in first["items"]] == ["Initiatief 0", "Initiatief 1"]
    assert (first["total"], first["page"], first["pageSize"]) == (5, 1, 2)
    assert first["_links"]["prev"] is None
    next_link = first["_links"]["next"]
    assert "status=in-uitvoering" in next_link and "page=2" in next_link
    last = client.get("/v1/initiatives?sort=title&pageSize=2&page=3").json()
    assert [item["title"] for item in last["items"]] == ["Initiatief 4"]
    assert last["_links"]["next"] is None
    too_big = client.get("/v1/initiatives?pageSize=1000&page=0")
    assert too_big.status_code == 400
    assert {e["location"]["name"] for e in too_big.json()["errors"]} == {"pageSize", "page"}


def test_sorting_goes_both_ways_and_unknown_keys_are_refused(
    client: TestClient, session: Session,
) -> None:
    make_initiative(session, title="Bbb", startDate="2010-01-01")
    make_initiative(session, title="Aaa", startDate="2012-01-01")
    make_initiative(session, title="Ccc", startDate="2011-01-01")
    assert titles(client, "sort=title") == ["Aaa", "Bbb", "Ccc"]
    assert titles(client, "sort=-title") == ["Ccc", "Bbb", "Aaa"]
    assert titles(client, "sort=-startDate") == ["Aaa", "Ccc", "Bbb"]
    refused = client.get("/v1/initiatives?sort=colour")
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["code"] == "unknown-sort-key"


def test_list_items_have_the_same_shape_as_single_reads(
    client: TestClient, session: Session,
) -> None:
    initiative: Initiative = make_initiative(session)
    listed = client.get("/v1/initiatives").json()["items"][0]
    single = client.get(f"/v1/initiatives/{initiative.id}").json()
    assert listed == single
