"""The method book's foundation: 202 and a status resource, the HTML with its table of
contents, the numbers equal to the API's, the data hash, byte-identical regeneration, bad
input refused with nothing stored, 409 before the book is done."""

import re
from typing import Any

from sqlalchemy import Engine, func, update
from sqlmodel import Session, select
from starlette.testclient import TestClient

from api.audit.models import AuditEvent
from api.method_book.areas import AREAS
from api.method_book.models import BookStatus, MethodBook
from tests.api.builders import (
    BUURT_AA01,
    evaluation_payload,
    indicator_payload,
    initiative_payload,
    pre_post_measure,
)


def _world(client: TestClient) -> dict[str, str]:
    """Two initiatives in Nieuw-West (one evaluated, with a measure) and one in Centrum."""
    indicator = client.post("/v1/indicators", json=indicator_payload()).json()["id"]
    first = client.post("/v1/initiatives", json=initiative_payload(
        participants=40, residentsReached=300, amountGranted=2500)).json()["id"]
    second = client.post("/v1/initiatives", json=initiative_payload(
        title="Buurtkeuken Slotermeer", organisationForm="buurtbudget", participants=12,
        amountGranted=1000, themes=["ontmoeting"]))
    assert second.status_code == 201, second.text
    centrum = client.post("/v1/initiatives", json=initiative_payload(
        title="Geveltuinen Centrum", buurtId=str(BUURT_AA01), participants=7)).json()["id"]
    evaluation = client.post("/v1/evaluations", json=evaluation_payload(
        first, outcomeMeasures=[pre_post_measure(indicator)])).json()
    measure = evaluation["outcomeMeasures"][0]["id"]
    return {"first": first, "centrum": centrum, "measure": measure}


def _book(client: TestClient, **parameters: Any) -> dict[str, Any]:
    sent = client.post("/v1/method-books", json=parameters)
    assert sent.status_code == 202, sent.text
    status = client.get(sent.headers["location"]).json()
    assert status["status"] == "done", status
    return status


def _html(client: TestClient, book: dict[str, Any]) -> str:
    answer = client.get(book["_links"]["html"])
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/html")
    return answer.text


def _books(engine: Engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(MethodBook)).one()


def test_a_book_is_accepted_with_a_status_resource_and_written(client: TestClient,
                                                               engine: Engine) -> None:
    _world(client)
    sent = client.post("/v1/method-books", json={"stadsdeel": "F", "language": "nl"})
    assert sent.status_code == 202
    body = sent.json()
    assert sent.headers["location"] == f"/v1/method-books/{body['id']}"
    assert body["_links"]["html"] == f"/v1/method-books/{body['id']}/html"
    book = client.get(sent.headers["location"]).json()
    assert (book["status"], book["error"]) == ("done", None)
    assert re.fullmatch(r"[0-9a-f]{64}", book["dataHash"])
    assert book["parameters"]["stadsdeel"] == "F" and book["finishedAt"] is not None
    html = _html(client, book)
    assert html.startswith("<!DOCTYPE html>") and '<html lang="nl">' in html
    assert "<title>Methodiekboek Buurtkracht — Nieuw-West</title>" in html
    for anchor in ("initiatives", "initiatives-areas", "initiatives-forms", "appendix"):
        assert f'href="#{anchor}"' in html and f'id="{anchor}"' in html
    assert book["dataHash"] in html
    anchors = re.findall(r'href="#([^"]+)"', html)
    chapters = client.get(book["_links"]["numbers"]).json()["chapters"]
    assert set(chapters) <= set(anchors)  # every chapter in the table of contents…
    for anchor in anchors:  # …and every entry leads somewhere
        assert html.count(f'id="{anchor}"') == 1, anchor
    listed = client.get("/v1/method-books").json()
    assert (listed["total"], listed["items"][0]["id"]) == (1, book["id"])
    with Session(engine) as session:
        [event] = session.exec(select(AuditEvent).where(
            AuditEvent.resource_type == "method-book")).all()
    assert (event.action, str(event.resource_id)) == ("create", book["id"])


def test_the_chapter_numbers_equal_what_the_api_answers(client: TestClient) -> None:
    _world(client)
    book = _book(client, stadsdeel="F", theme="ontmoeting")
    numbers = client.get(book["_links"]["numbers"]).json()
    assert numbers["dataHash"] == book["dataHash"]
    chapter = numbers["chapters"]["initiatives"]

    def total(query: str) -> int:
        answer = client.get(f"/v1/initiatives?area=F&theme=ontmoeting{query}")
        assert answer.status_code == 200
        return int(answer.json()["total"])

    assert chapter["total"] == total("") == 2
    assert chapter["areaLevel"] == "wijk"
    for row in chapter["byArea"]:
        answer = client.get(f"/v1/initiatives?area={row['code']}&theme=ontmoeting")
        assert row["count"] == answer.json()["total"], row
    for row in chapter["byOrganisationForm"]:
        assert row["count"] == total(f"&organisationForm={row['code']}"), row
    for row in chapter["byInitiatorType"]:
        assert row["count"] == total(f"&initiatorType={row['code']}"), row
    assert chapter["participants"] == {"n": 2, "total": 52, "median": 26.0}
    assert chapter["amountGranted"] == {"n": 2, "total": 3500, "median": 1750.0}
    assert chapter["residentsReached"] == {"n": 1, "total": 300, "median": 300.0}
    city = client.get(_book(client)["_links"]["numbers"]).json()["chapters"]["initiatives"]
    assert city["total"] == client.get("/v1/initiatives").json()["total"] == 3
    assert {row["code"]: row["count"] for row in city["byArea"]}["A"] == 1
    appendix = numbers["chapters"]["appendix"]
    assert appendix["dataHash"] == book["dataHash"] and appendix["dataDate"]
    assert set(appendix["software"]) == {"buurtkracht", "python", "numpy", "scipy"}
    html = _html(client, book)  # values as the API takes them, not Python's ['ontmoeting']
    assert "<th scope=\"row\">Filter <code>theme</code></th><td>ontmoeting</td>" in html
    assert "<th scope=\"row\">Parameter <code>periodFrom</code></th><td>—</td>" in html


def test_the_same_data_and_parameters_give_byte_identical_html(client: TestClient) -> None:
    _world(client)
    first = _book(client, stadsdeel="F", language="en")
    again = client.post(f"/v1/method-books/{first['id']}/regenerate")
    assert again.status_code == 202
    second = client.get(again.headers["location"]).json()
    assert second["id"] != first["id"] and second["regeneratedFrom"] == first["id"]
    assert second["dataHash"] == first["dataHash"]
    assert _html(client, second).encode() == _html(client, first).encode()
    assert '<html lang="en">' in _html(client, first)


def test_an_english_book_prints_labels_and_notes_in_english(client: TestClient) -> None:
    _world(client)
    english = _html(client, _book(client, stadsdeel="F", language="en"))
    dutch = _html(client, _book(client, stadsdeel="F"))
    assert '<th scope="row">Neighbourhood budget</th>' in english
    assert '<th scope="row">Welfare organisation</th>' in english
    assert '<th scope="row">Buurtbudget / wijkbudget</th>' in dutch
    assert "First indications of effectiveness: 1" in english
    assert "(Fewer than two groups: no test.)" in english
    assert "(Minder dan twee groepen: geen toets.)" in dutch
    for dutch_text in ("bewonersinitiatief", "buurtbudget", "eerste-aanwijzingen", "Minder dan",
                       "geen toets", "welzijnsorganisatie"):
        assert dutch_text not in english, dutch_text


def test_a_changed_measure_changes_the_hash_and_the_book(client: TestClient) -> None:
    world = _world(client)
    before = _book(client, stadsdeel="F")
    changed = client.patch(f"/v1/outcome-measures/{world['measure']}", json={"meanPost": 6.9})
    assert changed.status_code == 200, changed.text
    after = _book(client, stadsdeel="F")
    assert after["dataHash"] != before["dataHash"]
    assert _html(client, after) != _html(client, before)


def test_a_changed_indicator_direction_changes_the_hash_and_the_book(
        client: TestClient) -> None:
    """The effects read `higherIsBetter`: the indicator is data the book reads."""
    _world(client)
    before = _book(client, stadsdeel="F")
    [indicator] = client.get("/v1/indicators").json()["items"]
    flipped = client.patch(f"/v1/indicators/{indicator['id']}", json={"higherIsBetter": False})
    assert flipped.status_code == 200, flipped.text
    after = _book(client, stadsdeel="F")
    assert after["dataHash"] != before["dataHash"]
    assert _html(client, after) != _html(client, before)
    estimate = [client.get(book["_links"]["numbers"]).json()["chapters"]["wat-werkt"]
                ["overall"]["estimate"] for book in (before, after)]
    assert estimate[0] == -estimate[1] != 0


def test_a_change_outside_the_stadsdeel_leaves_the_hash_alone(client: TestClient) -> None:
    world = _world(client)
    before = _book(client, stadsdeel="F")
    outside = client.patch(f"/v1/initiatives/{world['centrum']}", json={"participants": 99})
    assert outside.status_code == 200, outside.text
    after = _book(client, stadsdeel="F")
    assert after["dataHash"] == before["dataHash"]
    assert _html(client, after) == _html(client, before)
    inside = client.patch(f"/v1/initiatives/{world['first']}", json={"participants": 41})
    assert inside.status_code == 200
    assert _book(client, stadsdeel="F")["dataHash"] != before["dataHash"]


def test_a_renamed_area_the_book_prints_changes_the_hash(client: TestClient,
                                                         engine: Engine) -> None:
    _world(client)
    before = _book(client, stadsdeel="F")

    names: dict[str, str] = {}

    def rename(code: str, name: str) -> None:  # areas are seed data: put back below
        with engine.begin() as connection:
            where = (AREAS.c.code == code) & (AREAS.c.indeling == 2022)
            names.setdefault(code, connection.execute(
                select(AREAS.c.name).where(where)).scalar_one())
            connection.execute(update(AREAS).where(where).values(name=name))

    try:
        rename("AB", "Elders")  # a wijk of Centrum: not in a book of Nieuw-West
        assert _book(client, stadsdeel="F")["dataHash"] == before["dataHash"]
        rename("FB", "Geuzenveld-Oost")
        after = _book(client, stadsdeel="F")
        assert after["dataHash"] != before["dataHash"]
        assert '<th scope="row">Geuzenveld-Oost</th>' in _html(client, after)
    finally:
        for code, name in names.items():
            rename(code, name)


def test_bad_parameters_are_refused_at_their_pointer_with_nothing_stored(
        client: TestClient, engine: Engine) -> None:
    cases = [({"stadsdeel": "Q"}, "/stadsdeel"), ({"stadsdeel": "FD"}, "/stadsdeel"),
             ({"theme": "onbekend"}, "/theme"), ({"language": "de"}, "/language"),
             ({"periodFrom": "2012-01-01", "periodTo": "2011-01-01"}, "/periodFrom")]
    for body, pointer in cases:
        answer = client.post("/v1/method-books", json=body)
        assert answer.status_code == 400, (body, answer.text)
        pointers = [error["location"]["pointer"] for error in answer.json()["errors"]]
        assert pointer in pointers, (body, pointers)
    assert _books(engine) == 0


def test_html_and_numbers_are_409_until_the_book_is_done(client: TestClient,
                                                         engine: Engine) -> None:
    with Session(engine) as session:
        book = MethodBook(status=BookStatus.QUEUED, parameters={"language": "nl"},
                          actor_label="test")
        session.add(book)
        session.commit()
        book_id = book.id
    for part in ("html", "numbers"):
        answer = client.get(f"/v1/method-books/{book_id}/{part}")
        assert answer.status_code == 409
        assert "niet klaar" in answer.json()["detail"]
    assert client.get(f"/v1/method-books/{book_id}").json()["status"] == "queued"
    assert client.get("/v1/method-books/00000000-0000-0000-0000-000000000000").status_code == 404


def test_only_researchers_and_admins_ask_for_books_every_role_reads_books_for_everyone(
        client_as: Any) -> None:
    researcher = client_as("researcher")
    made = researcher.post("/v1/method-books", json={"stadsdeel": "F", "audience": "everyone"})
    research = researcher.post("/v1/method-books", json={"stadsdeel": "F"})
    assert made.status_code == research.status_code == 202
    assert research.json()["parameters"]["audience"] == "research"  # the default
    for role in ("editor", "viewer"):
        reader = client_as(role, ("F",)) if role == "editor" else client_as(role)
        assert reader.post("/v1/method-books", json={}).status_code == 403
        assert reader.post(f"/v1/method-books/{made.json()['id']}/regenerate").status_code == 403
        assert reader.get(f"/v1/method-books/{made.json()['id']}/html").status_code == 200
        for part in ("", "/html", "/pdf", "/numbers"):
            refused = reader.get(f"/v1/method-books/{research.json()['id']}{part}")
            assert refused.status_code == 403, part
            assert "onderzoeksverslagen" in refused.json()["detail"]
        listed = reader.get("/v1/method-books").json()
        assert [item["id"] for item in listed["items"]] == [made.json()["id"]]
        assert listed["total"] == 1
    assert researcher.get("/v1/method-books").json()["total"] == 2


def test_a_regenerated_book_keeps_its_audience(client_as: Any, engine: Engine) -> None:
    with Session(engine) as session:  # written before books had an audience
        book = MethodBook(status=BookStatus.DONE, parameters={"language": "nl"},
                          audience="everyone", actor_label="test")
        session.add(book)
        session.commit()
        book_id = book.id
    again = client_as("researcher").post(f"/v1/method-books/{book_id}/regenerate")
    assert again.json()["parameters"]["audience"] == "everyone"


def test_a_book_whose_parameters_no_longer_hold_is_not_regenerated(
        client: TestClient, engine: Engine) -> None:
    """A theme dropped from the vocabulary, a stadsdeel gone from the areas: a 409 that says
    so, and no new book, no audit event."""
    with Session(engine) as session:
        stale = [MethodBook(status=BookStatus.DONE, parameters=parameters, audience="everyone",
                            actor_label="test")
                 for parameters in ({"theme": "verdwenen"}, {"stadsdeel": "Z"})]
        session.add_all(stale)
        session.commit()
        ids = [book.id for book in stale]
    for book_id in ids:
        answer = client.post(f"/v1/method-books/{book_id}/regenerate")
        assert answer.status_code == 409, answer.text
        assert "gelden niet meer" in answer.json()["detail"]
    assert _books(engine) == 2
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(AuditEvent)).one() == 0
