"""A record remembers when it was pseudonymised (the method book quotes only such records):
applying a pseudonymisation sets pseudonymisedAt, a preview does not, a change of the text
clears it, and a change of the title alone keeps it."""

from typing import Any

from starlette.testclient import TestClient

from tests.api.test_segments import new_record

TEXT = "Gesprek met Fatima El Amrani. Fatima vertelde over de moestuin."


def _read(client: TestClient, record: str) -> dict[str, Any]:
    response = client.get(f"/v1/records/{record}")
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


def _pseudonymise(client: TestClient, record: str, *, apply: bool) -> None:
    response = client.post(f"/v1/records/{record}/pseudonymise",
                           json={"names": ["Fatima El Amrani", "Fatima"], "apply": apply})
    assert response.status_code == 200, response.text
    assert response.json()["applied"] is apply


def _patch(client: TestClient, record: str, **changes: str) -> dict[str, Any]:
    etag = client.get(f"/v1/records/{record}").headers["ETag"]
    response = client.patch(f"/v1/records/{record}", json=changes, headers={"If-Match": etag})
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


def test_a_preview_sets_nothing_and_applying_sets_pseudonymised_at(
    client: TestClient,
) -> None:
    record = new_record(client, text=TEXT)
    assert _read(client, record)["pseudonymisedAt"] is None
    _pseudonymise(client, record, apply=False)
    assert _read(client, record)["pseudonymisedAt"] is None
    _pseudonymise(client, record, apply=True)
    read = _read(client, record)
    assert read["pseudonymisedAt"] is not None and "Fatima" not in read["text"]


def test_a_new_text_clears_it_and_a_new_title_alone_keeps_it(client: TestClient) -> None:
    record = new_record(client, text=TEXT)
    _pseudonymise(client, record, apply=True)
    stamped = _read(client, record)["pseudonymisedAt"]
    assert stamped is not None
    retitled = _patch(client, record, title="Gesprek over de moestuin")
    assert retitled["pseudonymisedAt"] == stamped
    assert _read(client, record)["pseudonymisedAt"] == stamped
    same_text = _patch(client, record, text=_read(client, record)["text"])
    assert same_text["pseudonymisedAt"] == stamped  # the same text is no change
    changed = _patch(client, record, text=_read(client, record)["text"] + " Met Fatima.")
    assert changed["pseudonymisedAt"] is None
    assert _read(client, record)["pseudonymisedAt"] is None


def test_applying_names_that_are_not_in_the_record_still_marks_it_checked(
    client: TestClient,
) -> None:
    record = new_record(client, text="Het buurtontbijt groeide elke maand.")
    version = _read(client, record)["version"]
    _pseudonymise(client, record, apply=False)
    response = client.post(f"/v1/records/{record}/pseudonymise",
                           json={"names": ["Fatima"], "apply": True})
    assert response.status_code == 200 and response.json()["applied"] is True
    read = _read(client, record)
    assert read["pseudonymisedAt"] is not None
    assert read["text"] == "Het buurtontbijt groeide elke maand."
    assert read["version"] == version + 1
