"""POST /v1/analysis/meta/subgroups, /small-study and /leave-one-out: metafor's numbers over
JSON (the fixtures of tests/analysis/fixtures/bias.json), and bad input refused."""

import json
import math
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

BIAS = json.loads((Path(__file__).parents[1] / "analysis" / "fixtures" / "bias.json")
                  .read_text())


def _close(got: float | None, expected: Any, relative: bool = False) -> bool:
    if expected is None or isinstance(expected, str):
        return got is None
    return got is not None and math.isclose(got, expected, rel_tol=1e-6 if relative else 0,
                                             abs_tol=0 if relative else 1e-6)


def _data(dataset: str) -> dict[str, Any]:
    found: dict[str, Any] = BIAS["datasets"][dataset]
    return found


def _first(kind: str, **wanted: Any) -> dict[str, Any]:
    return next(case for case in BIAS[kind]
                if all(case.get(key) == value for key, value in wanted.items()))


@pytest.mark.parametrize(("method", "test"), [("REML", "z"), ("DL", "knha"), ("EE", "z")])
def test_subgroups_are_metafors(client: TestClient, method: str, test: str) -> None:
    case = _first("subgroups", dataset="bcg", group="alloc", method=method, test=test,
                  level=95)
    data = _data("bcg")
    response = client.post("/v1/analysis/meta/subgroups", json={
        "yi": data["yi"], "vi": data["vi"], "groups": data["groups"]["alloc"],
        "method": method, "test": test})
    assert response.status_code == 200, response.text
    found = response.json()
    for group in case["groups"]:
        model = found["perGroup"][group["group"]]
        assert _close(model["estimate"], group["beta"][0]) and _close(model["tau2"], group["tau2"])
    assert _close(found["commonTau2"]["qm"], case["common"]["QM"], relative=True)
    assert _close(found["commonTau2"]["qmP"], case["common"]["QMp"], relative=True)
    assert _close(found["separateTau2"]["qb"], case["separate"]["QE"], relative=True)
    assert found["separateTau2"]["df"] == case["separate"]["QEdf"]
    assert _close(found["separateTau2"]["model"]["qe"], case["separate"]["QE"], relative=True)
    fixed = found["fixedEffect"]
    assert _close(fixed["qBetween"], case["fixed"]["Q_between"], relative=True)
    assert _close(fixed["qWithin"], case["fixed"]["Q_within"], relative=True)
    assert fixed["qWithinDf"] == case["fixed"]["df_within"]


def test_small_study_tests_are_metafors(client: TestClient) -> None:
    data = _data("hackshaw1998")
    response = client.post("/v1/analysis/meta/small-study", json={
        "yi": data["yi"], "vi": data["vi"], "method": "REML"})
    assert response.status_code == 200, response.text
    found = response.json()
    for part, model in (("regtest", "rma"), ("egger", "lm")):
        case = _first("regtest", dataset="hackshaw1998", method="REML", test="z", model=model,
                      predictor="sei", level=95)
        assert _close(found[part]["zval"], case["result"]["zval"]), part
        assert _close(found[part]["pval"], case["result"]["pval"], relative=True), part
        assert _close(found[part]["limitEstimate"]["estimate"], case["result"]["est"]), part
    case = _first("trimfill", dataset="hackshaw1998", method="REML", test="z",
                  estimator="L0", side=None)
    trim = found["trimAndFill"]
    assert trim["k0"] == case["result"]["k0"] and trim["side"] == case["result"]["side"]
    assert _close(trim["model"]["estimate"], case["result"]["beta"][0])
    assert [row["yi"] for row in trim["filled"]] == pytest.approx(case["result"]["fill_yi"],
                                                                  abs=1e-6)


def test_leave_one_out_is_metafors(client: TestClient) -> None:
    case = _first("leave1out", dataset="bcg", method="REML", test="z", level=95)
    data = _data("bcg")
    response = client.post("/v1/analysis/meta/leave-one-out",
                           json={"yi": data["yi"], "vi": data["vi"]})
    assert response.status_code == 200, response.text
    rows = response.json()["rows"]
    expected = case["result"]
    assert [row["estimate"] for row in rows] == pytest.approx(expected["estimate"], abs=1e-6)
    assert [row["tau2"] for row in rows] == pytest.approx(expected["tau2"], abs=1e-6)
    assert [row["qe"] for row in rows] == pytest.approx(expected["Q"], rel=1e-6)


@pytest.mark.parametrize(("path", "body", "status"), [
    ("subgroups", {"yi": [0.1, 0.2], "vi": [0.01, 0.02], "groups": ["a"]}, 400),
    ("subgroups", {"yi": [0.1, 0.2], "vi": [0.01, 0.02], "groups": ["a", "a"]}, 422),
    ("small-study", {"yi": [0.1, 0.2], "vi": [0.01, 0.02]}, 422),
    ("small-study", {"yi": [0.1, 0.2, 0.3], "vi": [0.01, 0.02, 0.1], "estimator": "Q0"}, 400),
    ("leave-one-out", {"yi": [0.1], "vi": [0.01]}, 422),
    ("leave-one-out", {"yi": [0.1, 0.2], "vi": [0.01, 0]}, 422),
])
def test_what_cannot_be_analysed_is_refused(
    client: TestClient, path: str, body: dict[str, Any], status: int,
) -> None:
    response = client.post(f"/v1/analysis/meta/{path}", json=body)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
