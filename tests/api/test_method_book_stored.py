"""A book as the job writes and stores it — every chapter in one snapshot, the effects
gathered once for all of them, durations counted to the data date — has the numbers the
analysis endpoints answer for the same filters: the chapters' own tests build each chapter
alone, this one reads the stored numbers through GET /v1/method-books/{id}/numbers."""

from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.api.test_method_book import _book
from tests.api.test_method_book_effects import _assert_as_the_endpoint as same_effects
from tests.api.test_method_book_success import _assert_as_the_endpoint as same_paths
from tests.api.test_method_book_success import world  # noqa: F401 (the fixture)
from tests.api.test_method_book_support import _assert_as_the_endpoints as same_support

PERIOD = {"periodFrom": "2009-06-01", "periodTo": "2010-06-30"}  # the world runs 2010–2011


@pytest.mark.usefixtures("world")
@pytest.mark.parametrize(("parameters", "filters"), [
    ({}, {}),
    ({"stadsdeel": "F", **PERIOD},
     {"area": "F", "activeFrom": PERIOD["periodFrom"], "activeTo": PERIOD["periodTo"]}),
], ids=["city", "nieuw-west-in-a-period"])
def test_the_stored_chapters_are_the_endpoints_answers(
        client: TestClient, parameters: dict[str, str], filters: dict[str, Any]) -> None:
    book = _book(client, **parameters)
    chapters = client.get(book["_links"]["numbers"]).json()["chapters"]
    assert chapters["initiatives"]["total"] == client.get(
        "/v1/initiatives", params=filters).json()["total"] == (12 if filters else 20)
    same_effects(client, chapters["wat-werkt"], filters)
    same_support(client, chapters["ondersteuning"], filters)
    same_paths(client, chapters["succesfactoren"], filters)
