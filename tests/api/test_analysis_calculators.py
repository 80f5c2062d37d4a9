"""POST /v1/analysis/…: metafor's numbers over JSON (the fixtures of tests/analysis), null
where metafor gives NA, and bad input refused at its row and column."""

import json
import math
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

FIXTURES = Path(__file__).parents[1] / "analysis" / "fixtures"
ESCALC = json.loads((FIXTURES / "escalc.json").read_text())["cases"]


def _case(call_start: str) -> dict[str, Any]:
    return next(case for case in ESCALC if case["call"].startswith(call_start))


def _rows(inputs: dict[str, list[float | None]]) -> list[dict[str, float | None]]:
    k = len(next(iter(inputs.values())))
    return [{name: values[row] for name, values in inputs.items()} for row in range(k)]


@pytest.mark.parametrize("call", [
    'escalc(measure="RR", ai=tpos, bi=tneg, ci=cpos, di=cneg, data=dat.bcg)',
    'escalc(measure="SMD", m1i=m1i',
    'escalc(measure="SMCR"',
    'escalc(measure="PFT"',
])
def test_effect_sizes_are_metafors(client: TestClient, call: str) -> None:
    case = _case(call)
    response = client.post("/v1/analysis/effect-sizes", json={
        "measure": case["measure"], **case["options"], "rows": _rows(case["inputs"])})
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["measure"] == case["measure"]
    for row, yi, vi in zip(answer["rows"], case["yi"], case["vi"], strict=True):
        for got, expected in ((row["yi"], yi), (row["vi"], vi)):
            assert (got is None) == (expected is None)
            if got is not None:
                assert math.isclose(got, expected, rel_tol=0, abs_tol=1e-6), case["call"]


def test_an_undefined_effect_is_null(client: TestClient) -> None:
    response = client.post("/v1/analysis/effect-sizes", json={"measure": "MD", "rows": [
        {"m1i": 5.0, "sd1i": 1.0, "n1i": 20, "m2i": 4.0, "sd2i": 1.0, "n2i": 20},
        {"m1i": None, "sd1i": 1.0, "n1i": 20, "m2i": 4.0, "sd2i": 1.0, "n2i": 20}]})
    assert response.status_code == 200
    assert response.json()["rows"][0] == {"yi": 1.0, "vi": 0.1}
    assert response.json()["rows"][1]["yi"] is None


@pytest.mark.parametrize(("body", "pointer"), [
    ({"measure": "MD", "rows": [{"m1i": 1, "sd1i": -1, "n1i": 5, "m2i": 1, "sd2i": 1,
                                 "n2i": 5}]}, "/rows/0/sd1i"),
    ({"measure": "OR", "rows": [{"ai": 1, "bi": 2, "ci": 3, "di": 4},
                                {"ai": 9, "n1i": 5, "ci": 1, "n2i": 5}]}, "/rows/1/ai"),
    ({"measure": "OR", "vtype": "UB", "rows": [{"ai": 1, "bi": 2, "ci": 3, "di": 4}]},
     "/vtype"),
    ({"measure": "OR", "rows": [{"ai": 1, "bi": 2, "ci": 3}]}, "/rows/0/di"),
    ({"measure": "OR", "rows": [{"ai": 1, "bi": 2, "ci": 3, "di": 4, "m1i": 2}]},
     "/rows/0/m1i"),
])
def test_bad_input_is_refused_at_its_place(
    client: TestClient, body: dict[str, Any], pointer: str,
) -> None:
    response = client.post("/v1/analysis/effect-sizes", json=body)
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == "application/problem+json"
    pointers = [error["location"]["pointer"] for error in response.json()["errors"]]
    assert pointer in pointers


@pytest.mark.parametrize("body", [
    {"measure": "XYZ", "rows": [{"ai": 1}]},
    {"measure": "OR", "rows": []},
    {"measure": "OR", "rows": [{"aj": 1}]},
    {"measure": "OR", "add": -1, "rows": [{"ai": 1, "bi": 2, "ci": 3, "di": 4}]},
    {"measure": "OR", "to": "sometimes", "rows": [{"ai": 1, "bi": 2, "ci": 3, "di": 4}]},
])
def test_malformed_requests_are_refused(client: TestClient, body: dict[str, Any]) -> None:
    response = client.post("/v1/analysis/effect-sizes", json=body)
    assert response.status_code == 400, response.text


def test_computing_needs_a_signed_in_caller(anonymous: TestClient) -> None:
    response = anonymous.post("/v1/analysis/effect-sizes", json={"measure": "MD", "rows": []})
    assert response.status_code == 401


RMA = json.loads((FIXTURES / "rma.json").read_text())
ABSOLUTE = ("estimate", "se", "zval", "ciLb", "ciUb", "piLb", "piUb", "tau2", "seTau2")
RELATIVE = ("pval", "qe", "qeP", "qm", "qmP")


def _rma_case(dataset: str, moderators: list[str], method: str, test: str) -> dict[str, Any]:
    return next(case for case in RMA["cases"] if case["dataset"] == dataset
                and case["moderators"] == moderators and case["method"] == method
                and case["test"] == test and case["level"] == 95)


def _close(got: float | None, expected: Any, relative: bool = False) -> bool:
    if expected is None or isinstance(expected, str):  # NA, or R's Inf/NaN
        return got is None
    if got is None:
        return False
    return math.isclose(got, expected, rel_tol=1e-6 if relative else 0,
                        abs_tol=0 if relative else 1e-6)


@pytest.mark.parametrize(("dataset", "moderators", "method", "test"), [
    ("bcg", [], "REML", "z"), ("bcg", [], "DL", "knha"), ("bcg", [], "EE", "z"),
    ("bcg", ["ablat", "year", "alloc"], "REML", "knha"), ("bcg_k1", [], "REML", "z"),
    ("hine1989", [], "PM", "knha"), ("curtis1998", ["time", "co2.elev"], "SJ", "z"),
])
def test_a_model_is_metafors(
    client: TestClient, dataset: str, moderators: list[str], method: str, test: str,
) -> None:
    data, case = RMA["datasets"][dataset], _rma_case(dataset, moderators, method, test)
    body: dict[str, Any] = {"yi": data["yi"], "vi": data["vi"], "method": method, "test": test}
    if moderators:
        body["moderators"] = {name: data["moderators"][name] for name in moderators}
    response = client.post("/v1/analysis/meta", json=body)
    assert response.status_code == 200, response.text
    model, result = response.json(), case["result"]
    prediction = result["predictions"][0] if not moderators else {}
    expected = {"estimate": result["beta"][0], "se": result["se"][0],
                "zval": result["zval"][0], "ciLb": result["ci_lb"][0],
                "ciUb": result["ci_ub"][0], "piLb": prediction.get("pi_lb"),
                "piUb": prediction.get("pi_ub"), "tau2": result["tau2"],
                "seTau2": result["se_tau2"], "pval": result["pval"][0], "qe": result["QE"],
                "qeP": result["QEp"], "qm": result["QM"], "qmP": result["QMp"]}
    for name, value in expected.items():
        assert _close(model[name], value, name in RELATIVE), (case["call"], name)
    assert _close(model["i2"], result["I2"]) or math.isclose(model["i2"], result["I2"],
                                                             abs_tol=1e-4)
    assert [c["name"] for c in model["coefficients"]] == result["coef_names"]
    assert model["k"] == len(data["yi"]) and model["df"] == result["ddf"]
    fit = result["fit_reml" if method == "REML" else "fit_ml"]
    assert _close(model["fit"]["logLik"], fit["ll"]) and _close(model["fit"]["bic"], fit["BIC"])


@pytest.mark.parametrize(("body", "status"), [
    ({"yi": [0.1, 0.2], "vi": [0.01]}, 422),
    ({"yi": [0.1, 0.2], "vi": [0.01, -0.02]}, 422),
    ({"yi": [0.1, 0.2, 0.3], "vi": [0.01, 0.02, 0.01], "moderators": {"x": [1, 1, 1]}}, 422),
    ({"yi": [0.1, 0.2], "vi": [0.01, 0.02], "method": "XYZ"}, 400),
    ({"yi": [0.1, 0.2], "vi": [0.01, 0.02], "level": 0.95 * 200}, 400),
    ({"yi": [], "vi": []}, 400),
])
def test_a_model_that_cannot_be_fitted_says_why(
    client: TestClient, body: dict[str, Any], status: int,
) -> None:
    response = client.post("/v1/analysis/meta", json=body)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
