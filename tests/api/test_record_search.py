"""Full-text search over qualitative records: Dutch stemming, ranking, escaped snippets with
<mark>, the index kept in step with edits and deletes, and who may search."""

from typing import Any

import pytest
from starlette.testclient import TestClient

from api.qualitative.search import mark_snippet
from api.qualitative.stemming import stem
from tests.audit_check import ClientFactory


def _post(client: TestClient, title: str, text: str) -> dict[str, Any]:
    response = client.post("/v1/records", json={
        "kind": "interview", "title": title, "recordedOn": "2024-03-01", "text": text})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def _search(client: TestClient, q: str) -> dict[str, Any]:
    response = client.get("/v1/records/search", params={"q": q})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_the_stems_are_those_of_postgresql_dutch_configuration() -> None:
    assert stem("bewoners") == stem("bewoner") == "bewoner"
    assert stem("organiseren") == "organiser"
    assert stem("georganiseerd") == "georganiseerd"  # Porter keeps the ge- participle


def test_a_word_form_finds_the_record_with_its_matches_marked(client: TestClient) -> None:
    found = _post(client, "Gesprek in de wijk", "Een bewoner organiseert een buurtfeest.")
    _post(client, "Iets anders", "Over de begroting van het stadsdeel.")
    body = _search(client, "bewoners")
    assert body["total"] == 1
    (hit,) = body["items"]
    assert {key: hit[key] for key in ("id", "title", "kind", "recordedOn")} == {
        "id": found["id"], "title": "Gesprek in de wijk", "kind": "interview",
        "recordedOn": "2024-03-01"}
    assert "<mark>bewoner</mark>" in hit["snippet"]
    assert _search(client, "organiseren")["total"] == 0  # organiseert keeps its t
    assert _search(client, "wijken")["total"] == 1  # the title counts too


def test_stop_words_are_left_out_on_both_databases(client: TestClient) -> None:
    _post(client, "Verslag", "De bewoners van het plein.")
    assert _search(client, "de bewoners")["total"] == 1  # "de" asks nothing
    assert _search(client, "de het van")["total"] == 0  # nothing left to ask


def test_the_more_relevant_record_comes_first(client: TestClient) -> None:
    once = _post(client, "Eenmaal", "De vrijwilliger kwam langs en ging weer.")
    often = _post(client, "Vaak", "Vrijwilligers, vrijwilligers en nog eens vrijwilligers.")
    assert [hit["id"] for hit in _search(client, "vrijwilliger")["items"]] == [
        often["id"], once["id"]]


def test_markup_in_a_record_comes_back_escaped(client: TestClient) -> None:
    _post(client, "Verslag", "De bewoner schreef <script>alert(1)</script> & meer.")
    (hit,) = _search(client, "bewoner")["items"]
    assert "<script>" not in hit["snippet"]
    assert "&lt;script&gt;" in hit["snippet"]
    assert hit["snippet"].replace("<mark>", "").replace("</mark>", "").count("<") == 0


def test_the_index_follows_edits_and_deletes(client: TestClient) -> None:
    record = _post(client, "Verslag", "Over de speeltuin.")
    url = f"/v1/records/{record['id']}"
    changed = client.patch(url, json={"text": "Over het buurthuis."}, headers={"If-Match": '"1"'})
    assert changed.status_code == 200, changed.text
    assert _search(client, "speeltuin")["total"] == 0
    assert _search(client, "buurthuis")["total"] == 1
    assert client.delete(url, headers={"If-Match": changed.headers["etag"]}).status_code == 204
    assert _search(client, "buurthuis")["total"] == 0


@pytest.mark.parametrize("q", ["", "   ", "woord " * 50])
def test_an_empty_or_too_long_query_is_a_400(client: TestClient, q: str) -> None:
    assert client.get("/v1/records/search", params={"q": q}).status_code == 400
    assert client.get("/v1/records/search").status_code == 400


@pytest.mark.parametrize("role", ["editor", "viewer"])
def test_editors_and_viewers_may_not_search(client_as: ClientFactory, role: str) -> None:
    caller = client_as(role, ("F",) if role == "editor" else ())
    assert caller.get("/v1/records/search", params={"q": "bewoner"}).status_code == 403


def test_a_researcher_may_search(client_as: ClientFactory) -> None:
    assert client_as("researcher", ()).get("/v1/records/search",
                                           params={"q": "bewoner"}).status_code == 200


def test_the_python_snippet_marks_stem_matches_and_escapes_the_rest() -> None:
    snippet = mark_snippet("Twee bewoners & <b>een</b> bewoner.", {"bewoner"})
    assert snippet == ("Twee <mark>bewoners</mark> &amp; &lt;b&gt;een&lt;/b&gt; "
                       "<mark>bewoner</mark>.")
