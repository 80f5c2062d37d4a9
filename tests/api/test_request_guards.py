"""App-wide guards on what a client sends: a NUL character in any JSON string, and a page
number so large that its OFFSET would overflow, are a 400 at their place, never a 500, and
nothing is written."""

from typing import Any

import pytest
from starlette.testclient import TestClient

from api.wire import MAX_PAGE
from tests.api.builders import initiative_payload
from tests.api.test_records import record_payload


def _nul_error(answer: Any, pointer: str) -> None:
    assert answer.status_code == 400, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    errors = answer.json()["errors"]
    assert [(error["location"], error["code"]) for error in errors] == [
        ({"pointer": pointer}, "nul-character")]
    assert "NUL" in errors[0]["detail"] and " / " in errors[0]["detail"]


@pytest.mark.parametrize(("collection", "body", "pointer"), [
    ("records", record_payload(text="Een\u0000tekst"), "/text"),
    ("records", record_payload(initiativeIds=[], title="Ge\u0000sprek"), "/title"),
    ("initiatives", initiative_payload(title="Moestuin\u0000"), "/title"),
    ("initiatives", initiative_payload(themes=["groen", "\u0000"]), "/themes/1"),
])
def test_a_nul_character_in_a_new_resource_is_a_400_at_its_pointer(
    client: TestClient, collection: str, body: dict[str, Any], pointer: str,
) -> None:
    _nul_error(client.post(f"/v1/{collection}", json=body), pointer)
    assert client.get(f"/v1/{collection}").json()["total"] == 0


def test_a_nul_character_in_a_patch_changes_nothing(client: TestClient) -> None:
    created = client.post("/v1/records", json=record_payload()).json()
    answer = client.patch(f"/v1/records/{created['id']}", json={"text": "Nieuw\u0000",
                                                                  "title": "Ander a/b~"})
    _nul_error(answer, "/text")
    assert client.get(f"/v1/records/{created['id']}").json() == created


def test_a_nul_in_a_key_with_a_slash_is_pointed_at_escaped(client: TestClient) -> None:
    body = {**record_payload(), "a/b~c": "\u0000"}
    _nul_error(client.post("/v1/records", json=body), "/a~1b~0c")


def test_an_escaped_backslash_before_u0000_is_no_nul(client: TestClient) -> None:
    answer = client.post("/v1/records", json=record_payload(text="C:\\u0000\\map"))
    assert answer.status_code == 201, answer.text
    assert answer.json()["text"] == "C:\\u0000\\map"


@pytest.mark.parametrize("path", ["/v1/records", "/v1/initiatives", "/v1/codes",
                                  "/v1/records/search?q=buurt"])
def test_a_page_past_the_largest_offset_is_a_400(client: TestClient, path: str) -> None:
    glue = "&" if "?" in path else "?"
    for page in (MAX_PAGE + 1, 10**30):
        answer = client.get(f"{path}{glue}page={page}&pageSize=100")
        assert answer.status_code == 400, answer.text
        assert answer.json()["errors"][0]["location"] == {"name": "page"}


@pytest.mark.parametrize("path", ["/v1/records", "/v1/initiatives", "/v1/codes"])
def test_the_last_page_allowed_is_an_empty_page(client: TestClient, path: str) -> None:
    answer = client.get(f"{path}?page={MAX_PAGE}&pageSize=100")
    assert answer.status_code == 200, answer.text
    assert answer.json()["items"] == []


@pytest.mark.parametrize(("path", "place"), [
    ("/v1/initiatives?area=%00", ("query", "area")),
    ("/v1/exports/open-data?wijkaanpak=false&area=%00", ("query", "area")),
    ("/v1/areas?q=Noord%00", ("query", "q")),
    ("/v1/areas/F%00", ("path", "areaId")),
])
def test_a_nul_character_in_a_parameter_is_a_400_naming_it(
        client: TestClient, path: str, place: tuple[str, str]) -> None:
    """Found by the fuzzer on PostgreSQL, where the filter failed in the driver (a 500)."""
    answer = client.get(path)
    assert answer.status_code == 400, answer.text
    (error,) = answer.json()["errors"]
    assert (error["in"], error["location"], error["code"]) == (
        place[0], {"name": place[1]}, "nul-character")


@pytest.mark.parametrize("path", ["/v1/buurt-geometries?indeling=14409319203",
                                  "/v1/areas?indeling=99999999999", "/v1/areas?indeling=2023"])
def test_an_indeling_outside_2015_to_2022_is_a_400(client: TestClient, path: str) -> None:
    """Found by the fuzzer on PostgreSQL: a year past a 4-byte integer overflowed there."""
    answer = client.get(path)
    assert answer.status_code == 400, answer.text
    assert answer.json()["errors"][0]["location"] == {"name": "indeling"}
