"""Who may read and write follow-ups: every role, editors in and out of their stadsdeel."""

import uuid
from typing import NamedTuple

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from api.follow_ups.models import FollowUpCreate
from api.follow_ups.service import create_follow_up
from api.initiatives.models import Initiative
from tests.api.builders import BUURT_AA01, BUURT_FD03
from tests.api.test_follow_ups import follow_up_payload, make_finished
from tests.audit_check import ClientFactory


class Place(NamedTuple):
    initiative: Initiative
    follow_up: uuid.UUID


@pytest.fixture
def nieuw_west(session: Session) -> Place:
    """A finished initiative in Nieuw-West (stadsdeel F) with a follow-up at 12 months."""
    initiative = make_finished(session, buurtId=str(BUURT_FD03))
    follow_up = create_follow_up(session, initiative,
                                 FollowUpCreate.model_validate(follow_up_payload()))
    return Place(initiative, follow_up.id)


def _writes(client: TestClient, place: Place) -> list[int]:
    """Statuses of a create, an update and a delete of the place's follow-ups."""
    created = client.post(f"/v1/initiatives/{place.initiative.id}/follow-ups",
                          json=follow_up_payload(monthsAfterSupport=24))
    updated = client.patch(f"/v1/follow-ups/{place.follow_up}", json={"newPeopleJoined": 8})
    deleted = client.delete(f"/v1/follow-ups/{place.follow_up}")
    return [created.status_code, updated.status_code, deleted.status_code]


@pytest.mark.parametrize(("role", "stadsdelen", "expected"), [
    ("admin", (), [201, 200, 204]),
    ("researcher", (), [201, 200, 204]),
    ("editor", ("F",), [201, 200, 204]),
    ("editor", ("A", "K"), [403, 403, 403]),
    ("viewer", (), [403, 403, 403]),
])
def test_admins_researchers_and_editors_of_the_stadsdeel_write_follow_ups(
    client_as: ClientFactory, nieuw_west: Place, role: str,
    stadsdelen: tuple[str, ...], expected: list[int],
) -> None:
    assert _writes(client_as(role, stadsdelen), nieuw_west) == expected


def test_an_editor_of_another_stadsdeel_writes_there_and_only_there(
    client_as: ClientFactory, session: Session, nieuw_west: Place,
) -> None:
    centrum = make_finished(session, buurtId=str(BUURT_AA01), title="Buurtkeuken")
    editor = client_as("editor", ("A",))
    assert editor.post(f"/v1/initiatives/{centrum.id}/follow-ups",
                       json=follow_up_payload()).status_code == 201
    listed = editor.get(f"/v1/initiatives/{nieuw_west.initiative.id}/follow-ups").json()
    assert listed["items"][0]["newPeopleJoined"] == 3  # reading is everyone's


def test_a_viewer_reads_follow_ups_without_their_note(
    client_as: ClientFactory, nieuw_west: Place,
) -> None:
    viewer, editor = client_as("viewer"), client_as("editor", ("A",))
    url = f"/v1/initiatives/{nieuw_west.initiative.id}/follow-ups"
    listed = viewer.get(url).json()["items"]
    assert listed[0]["note"] is None
    assert (listed[0]["stillRunning"], listed[0]["stoppedAfterMonths"]) == (False, 9)
    single = viewer.get(f"/v1/follow-ups/{listed[0]['id']}").json()
    assert single["note"] is None
    assert editor.get(f"/v1/follow-ups/{listed[0]['id']}").json()["note"].startswith("Volgens")


def test_someone_not_signed_in_reads_and_writes_nothing(
    anonymous: TestClient, nieuw_west: Place,
) -> None:
    url = f"/v1/initiatives/{nieuw_west.initiative.id}/follow-ups"
    assert anonymous.get(url).status_code == 401
    assert anonymous.get(f"/v1/follow-ups/{nieuw_west.follow_up}").status_code == 401
    assert _writes(anonymous, nieuw_west) == [401, 401, 401]
