"""POST /v1/analysis/qca/…: the QCA package's printed results over JSON (the fixtures of
tests/analysis/fixtures/qca), and what it refuses."""

import json
import math
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

QCA = Path(__file__).parents[1] / "analysis" / "fixtures" / "qca"
CALIBRATE = json.loads((QCA / "calibrate.json").read_text())


@pytest.mark.parametrize("case", [case for case in CALIBRATE["cases"]
                                  if case["id"] in {"snapshot-02", "snapshot-06", "snapshot-12",
                                                    "snapshot-13", "snapshot-15",
                                                    "snapshot-16"}],
                         ids=lambda case: case["id"])
def test_calibration_is_the_packages(client: TestClient, case: dict[str, Any]) -> None:
    response = client.post("/v1/analysis/qca/calibrate", json={
        "values": CALIBRATE["inputs"][case["input"]]["values"], **case["arguments"]})
    assert response.status_code == 200, response.text
    tolerance = 0.5 * 10.0 ** -case["digits"] + 1e-12
    for got, expected in zip(response.json()["values"], case["expected"], strict=True):
        assert (got is None) == (expected is None)
        if got is not None:
            assert math.isclose(got, expected, rel_tol=0, abs_tol=tolerance), case["id"]


@pytest.mark.parametrize(("body", "status"), [
    ({"values": [1, 5, 9], "thresholds": {"e": 8, "c": 5, "i": 5}}, 422),
    ({"values": [1, 5, 9], "type": "crisp", "thresholds": 20}, 422),
    ({"values": [1, 5, 9], "thresholds": {"e": 2, "c": 5, "i": 8}, "idm": 0.4}, 422),
    ({"values": [1, 5, 9], "type": "vague", "thresholds": 5}, 400),
    ({"values": [], "thresholds": 5}, 400),
    ({"values": ["veel"], "thresholds": 5}, 400),
])
def test_bad_calibrations_are_refused(
    client: TestClient, body: dict[str, Any], status: int,
) -> None:
    response = client.post("/v1/analysis/qca/calibrate", json=body)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
