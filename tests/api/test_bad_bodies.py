"""Whatever a client sends, the answer is a problem, never a 500, and nothing is written."""

import uuid

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from tests.api.builders import make_evaluation, make_indicator, make_initiative, make_professional

WEIRD_BODIES: list[object] = [
    None, [], "tekst", 42, {"title": {"nested": True}}, {"unknown": "veld"},
    {"title": "x" * 100_000}, {"startDate": "2010-02-30"}, {"buurtId": "niet-een-uuid"},
    {"hours": float("1e308")}, {"themes": "groen"}, {"themes": [None]},
    {"areaIds": [str(uuid.uuid4())] * 500}, {"outcomeMeasures": [{"kind": "pre-post"}]},
    {"n": -1}, {"version": 99, "id": str(uuid.uuid4())},
]
COLLECTIONS = ["initiatives", "professionals", "support-episodes", "indicators", "evaluations",
               "outcome-measures"]


def _totals(client: TestClient) -> dict[str, int]:
    return {name: client.get(f"/v1/{name}").json()["total"] for name in COLLECTIONS}


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_odd_bodies_for_a_new_resource_are_refused_without_writing(
    client: TestClient, collection: str,
) -> None:
    before = _totals(client)
    for body in WEIRD_BODIES:
        response = client.post(f"/v1/{collection}", json=body)
        assert response.status_code == 400, (body, response.text)
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["errors"], body
    assert _totals(client) == before


def test_odd_patches_are_refused_and_change_nothing(client: TestClient, session: Session) -> None:
    initiative = make_initiative(session)
    targets = {
        "initiatives": initiative.id,
        "professionals": make_professional(session).id,
        "indicators": make_indicator(session).id,
        "evaluations": make_evaluation(session, initiative.id).id,
    }
    for collection, resource_id in targets.items():
        stored = client.get(f"/v1/{collection}/{resource_id}").json()
        for body in WEIRD_BODIES:
            response = client.patch(f"/v1/{collection}/{resource_id}", json=body)
            assert response.status_code in (200, 400), (collection, body, response.text)
            if response.status_code == 200:
                # Unknown or read-only keys are ignored: the resource stays as it was.
                assert response.json()["version"] == stored["version"] + 1
                stored = response.json()
        assert client.get(f"/v1/{collection}/{resource_id}").json() == stored


@pytest.mark.parametrize(("path", "body", "dutch"), [
    ("/v1/analysis/meta", {"yi": [0.1], "vi": [0.01], "method": "XYZ"},
     "Onbekende waarde; kies uit: 'REML', 'ML'"),
    ("/v1/analysis/effect-sizes", {"measure": "MD", "rows": [{"m1i": 1, "zzz": 2}]},
     "Onbekend veld."),
    ("/v1/api-tokens", {"name": "systeem", "role": "viewer", "expiresAt": "2030-01-01T00:00"},
     "Geef een tijdzone mee"),
])
def test_choices_unknown_fields_and_time_zones_are_refused_in_dutch_too(
    client: TestClient, path: str, body: dict[str, object], dutch: str,
) -> None:
    response = client.post(path, json=body)
    assert response.status_code == 400, response.text
    assert any(error["detail"].startswith(dutch) and " / " in error["detail"]
               for error in response.json()["errors"]), response.text
