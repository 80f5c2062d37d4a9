"""Handelingsbeschrijvingen: a support episode's account in four parts (situation, what the
professional did, why, what happened), searched with `q`, kept from viewers, carried by
export and import."""

import csv
import io

import pytest
from sqlalchemy import Engine
from sqlmodel import Session
from starlette.testclient import TestClient

from tests.api.builders import make_support_episode
from tests.api.import_helpers import csv_file, run_job
from tests.api.support_episode_helpers import World
from tests.api.support_episode_helpers import world as world
from tests.audit_check import ClientFactory

PARTS = ("situation", "actionDescription", "reasoning", "result")
ACCOUNT = {
    "situation": "De speeltuin lag er verwaarloosd bij; bewoners klaagden bij de corporatie.",
    "actionDescription": "Nodigde de klagers uit voor een avond in het buurthuis.",
    "reasoning": "Wie klaagt, is betrokken: die energie wilde ze benutten.",
    "result": "Vijf bewoners vormden een speeltuincommissie.",
}


def found(client: TestClient, query: str) -> list[float]:
    """The hours of the episodes found, which tell the test's episodes apart."""
    response = client.get(f"/v1/support-episodes?sort=hours&{query}")
    assert response.status_code == 200, response.text
    return [item["hours"] for item in response.json()["items"]]


@pytest.mark.parametrize("part", PARTS)
def test_q_finds_text_in_each_part_of_the_account_in_any_case(
    client: TestClient, session: Session, world: World, part: str,
) -> None:
    empty = dict.fromkeys(PARTS, "")
    make_support_episode(session, world.initiative.id, world.makelaar.id, hours=1,
                         **{**empty, part: "Zij sprak de Buurtvaders aan op het plein."})
    make_support_episode(session, world.initiative.id, world.makelaar.id, hours=2,
                         **{**empty, part: "Hij belde de corporatie."})
    assert found(client, "q=buurtVADERS") == [1]
    assert found(client, "q=corporatie") == [2]
    assert found(client, "q=de") == [1, 2]


def test_percent_underscore_and_backslash_in_q_are_plain_characters(
    client: TestClient, session: Session, world: World,
) -> None:
    make_support_episode(session, world.initiative.id, world.makelaar.id, hours=1,
                         result="De opkomst steeg met 50% na de flyer_actie.")
    make_support_episode(session, world.initiative.id, world.makelaar.id, hours=2,
                         result="Opkomst 500 bewoners; flyeractie; map C:\\buurt.")
    assert found(client, "q=%25") == [1]
    assert found(client, "q=50%25") == [1]
    assert found(client, "q=_") == [1]
    assert found(client, "q=flyer_actie") == [1]
    assert found(client, "q=\\") == [2]
    assert found(client, "q=5_0") == []


def test_a_search_without_a_match_is_an_empty_page(
    client: TestClient, session: Session, world: World,
) -> None:
    make_support_episode(session, world.initiative.id, world.makelaar.id, **ACCOUNT)
    body = client.get("/v1/support-episodes?q=olifant").json()
    assert (body["items"], body["total"], body["page"]) == ([], 0, 1)


def test_the_other_filters_narrow_a_search(
    client: TestClient, session: Session, world: World,
) -> None:
    text = {"situation": "Een buurtmoestuin zonder trekker."}
    make_support_episode(session, world.initiative.id, world.makelaar.id, hours=1,
                         style="stimulerend", **text)
    make_support_episode(session, world.initiative.id, world.opbouwwerker.id, hours=2,
                         style="faciliterend", **text)
    make_support_episode(session, world.other_initiative.id, world.makelaar.id, hours=3,
                         style="faciliterend", **text)
    make_support_episode(session, world.other_initiative.id, world.makelaar.id, hours=4,
                         style="faciliterend", situation="Iets anders.")
    assert found(client, "q=moestuin") == [1, 2, 3]
    assert found(client, f"q=moestuin&professional={world.makelaar.id}") == [1, 3]
    assert found(client, f"q=moestuin&initiative={world.other_initiative.id}") == [3]
    assert found(client, "q=moestuin&role=opbouwwerker") == [2]
    assert found(client, "q=moestuin&style=faciliterend") == [2, 3]
    assert found(client, "q=moestuin&style=faciliterend&role=participatiemakelaar") == [3]


def test_q_too_long_or_empty_is_a_400_on_the_parameter(client: TestClient) -> None:
    for value in ("", "x" * 201):
        response = client.get("/v1/support-episodes", params={"q": value})
        assert response.status_code == 400, value
        [error] = response.json()["errors"]
        assert error["location"] == {"name": "q"}


def test_a_viewer_may_not_search_the_accounts_but_may_filter(
    client_as: ClientFactory, session: Session, world: World,
) -> None:
    make_support_episode(session, world.initiative.id, world.makelaar.id, **ACCOUNT)
    viewer = client_as("viewer")
    refused = viewer.get("/v1/support-episodes?q=speeltuin")
    assert refused.status_code == 403
    assert refused.headers["content-type"] == "application/problem+json"
    assert "speeltuin" not in refused.text.lower()
    [item] = viewer.get("/v1/support-episodes?style=faciliterend").json()["items"]
    assert [item[part] for part in PARTS] == [None, None, None, None]
    for role, stadsdelen in (("researcher", ()), ("editor", ("A",)), ("admin", ())):
        searcher = client_as(role, stadsdelen)
        assert searcher.get("/v1/support-episodes?q=speeltuin").json()["total"] == 1, role


def test_the_four_parts_are_written_read_back_and_changed_one_at_a_time(
    client: TestClient, world: World,
) -> None:
    body = {"initiativeId": str(world.initiative.id), "professionalId": str(world.makelaar.id),
            "startDate": "2012-03-01", "hours": 6, **ACCOUNT}
    created = client.post("/v1/support-episodes", json=body).json()
    assert {part: created[part] for part in PARTS} == ACCOUNT
    changed = client.patch(f"/v1/support-episodes/{created['id']}",
                           json={"reasoning": "Omdat niemand anders het deed."}).json()
    assert changed["reasoning"] == "Omdat niemand anders het deed."
    assert changed["situation"] == ACCOUNT["situation"]
    cleared = client.patch(f"/v1/support-episodes/{created['id']}", json={"result": ""})
    assert cleared.json()["result"] == ""
    refused = client.patch(f"/v1/support-episodes/{created['id']}", json={"situation": None})
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["location"] == {"pointer": "/situation"}


def test_a_part_over_twenty_thousand_characters_is_refused_at_its_field(
    client: TestClient, world: World,
) -> None:
    body = {"initiativeId": str(world.initiative.id), "professionalId": str(world.makelaar.id),
            "startDate": "2012-03-01", "hours": 6, "result": "x" * 20_001}
    response = client.post("/v1/support-episodes", json=body)
    assert response.status_code == 400
    assert [error["location"] for error in response.json()["errors"]] == [
        {"pointer": "/result"}]
    assert client.get("/v1/support-episodes").json()["total"] == 0


def _exported(client: TestClient) -> bytes:
    response = client.get("/v1/exports/support-episodes", params={"format": "csv"})
    assert response.status_code == 200
    return response.content


def test_an_export_carries_the_four_parts_and_importing_it_brings_them_back(
    client: TestClient, engine: Engine, session: Session, world: World,
) -> None:
    episode = make_support_episode(session, world.initiative.id, world.makelaar.id,
                                   externalRef="SUP-7", **ACCOUNT)
    content = _exported(client)
    [row] = csv.DictReader(io.StringIO(content.decode("utf-8-sig")))
    assert {part: row[part] for part in PARTS} == ACCOUNT
    assert client.delete(f"/v1/support-episodes/{episode.id}").status_code == 204
    report = run_job(engine, "support-episodes", content, dry_run=False)
    assert (report["problems"], report["created"]) == ([], 1)
    [back] = client.get("/v1/support-episodes").json()["items"]
    assert {part: back[part] for part in PARTS} == ACCOUNT
    assert _exported(client) == content


def test_an_import_recognises_the_parts_by_their_dutch_labels(
    client: TestClient, engine: Engine, session: Session, world: World,
) -> None:
    initiative = client.patch(f"/v1/initiatives/{world.initiative.id}",
                              json={"externalRef": "INI-9"}).json()
    professional = client.patch(f"/v1/professionals/{world.makelaar.id}",
                                json={"externalRef": "PRO-9"}).json()
    assert (initiative["externalRef"], professional["externalRef"]) == ("INI-9", "PRO-9")
    header = ["Referentie", "Initiatief", "Professional", "Startdatum", "Uren", "Situatie",
              "Handelingsbeschrijving", "Waarom", "Wat gebeurde er"]
    row = ["SUP-9", "INI-9", "PRO-9", "01-03-2012", "6", *ACCOUNT.values()]
    report = run_job(engine, "support-episodes", csv_file(header, [row]), dry_run=False)
    assert (report["problems"], report["created"]) == ([], 1)
    [item] = client.get("/v1/support-episodes?q=speeltuincommissie").json()["items"]
    assert {part: item[part] for part in PARTS} == ACCOUNT
