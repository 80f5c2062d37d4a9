"""The record list's filters from the address: a made-up initiative said at its own place
(not at the kind), and the initiatives looked up once each, at most MAX_CHOICES."""

import re
from typing import cast

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from tests.web.record_world import make_record
from web.api_client import ApiClient, NotFound
from web.api_client.accounts import Me
from web.records import MAX_CHOICES, initiative_choices


def test_a_made_up_initiative_is_not_reported_at_the_kind(web: TestClient,
                                                         session: Session) -> None:
    make_record(session)
    response = web.get("/verslagen?initiative=abc")
    assert response.status_code == 422
    kind = re.search(r'<select[^>]*id="filter-kind"[^>]*>', response.text)
    assert kind is not None and "aria-invalid" not in kind.group(0)
    assert 'id="initiative-error"' in response.text
    assert 'href="#filter-kind"' not in response.text


def test_a_bad_kind_is_still_reported_at_the_kind(web: TestClient) -> None:
    response = web.get("/verslagen?kind=bestaat-niet")
    assert response.status_code == 422 and 'href="#filter-kind"' in response.text


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


class CountingApi:
    def __init__(self) -> None:
        self.asked: list[str] = []

    async def get_initiative(self, initiative_id: str) -> object:
        self.asked.append(initiative_id)
        raise NotFound(404, "weg")


@pytest.mark.anyio
async def test_initiatives_are_looked_up_once_each_and_at_most_a_capped_number() -> None:
    api = CountingApi()
    ids = ["a", "b", "a", *(f"x{number}" for number in range(200))]
    assert await initiative_choices(cast(ApiClient, api), ids) == []
    assert len(api.asked) == MAX_CHOICES == 50
    assert api.asked[:3] == ["a", "b", "x0"]


@pytest.mark.parametrize(("role", "may"), [("admin", True), ("researcher", True),
                                           ("editor", False), ("viewer", False)])
def test_who_may_keep_the_codebook(role: str, may: bool) -> None:
    assert Me(kind="user", name="n", role=role).may_write_codes is may
