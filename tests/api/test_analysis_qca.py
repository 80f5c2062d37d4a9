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


DATASETS = json.loads((QCA / "qca_datasets.json").read_text())["datasets"]
MINIMIZE = {case["id"]: case for case in json.loads((QCA / "qca_minimize.json").read_text())[
    "cases"]}
POF = json.loads((QCA / "qca_pof.json").read_text())


def _cases(dataset: str) -> list[dict[str, Any]]:
    found = DATASETS[dataset]
    return [{"case": case, **{name: values[place] for name, values in found["columns"].items()}}
            for place, case in enumerate(found["case_ids"])]


def _request(case: dict[str, Any]) -> dict[str, Any]:
    options = dict(case["minimize"])
    table = case["truth_table"]
    return {"data": _cases(case["dataset"]), "outcome": case["outcome"],
            "conditions": case["conditions"], "caseId": "case",
            **({"inclCut": table["incl_cut"]} if "incl_cut" in table else {}),
            **({"nCut": table["n_cut"]} if "n_cut" in table else {}),
            "solution": options["solution"],
            **({"dirExp": options["dir_exp"]} if "dir_exp" in options else {}),
            **({"rowDom": options["row_dom"]} if "row_dom" in options else {}),
            **({"contradictions": options["contradictions"]}
               if "contradictions" in options else {})}


@pytest.mark.parametrize("case_id", [
    "LC-SURV-parsimonious", "LM-SURV-conservative", "LF-SURV-incl0.8-intermediate-named",
    "represent-WNP-parsimonious-two-models", "partybans-PB-contradictions-dont-care",
])
def test_minimisation_is_the_packages(client: TestClient, case_id: str) -> None:
    case = MINIMIZE[case_id]
    response = client.post("/v1/analysis/qca/minimize", json=_request(case))
    assert response.status_code == 200, response.text
    found = response.json()
    models = {frozenset(term["term"] for term in solution["terms"])
              for solution in found["solutions"]}
    assert models == {frozenset(model["terms"]) for model in case["models"]}
    fits = {fit["term"]: fit for model in case["models"] for fit in model.get("fits", ())}
    for solution in found["solutions"]:
        for term in solution["terms"]:
            if term["term"] not in fits:
                continue  # the source gives this model's terms without their fit
            expected = fits[term["term"]]
            assert term["inclS"] == pytest.approx(expected["incl_s"], abs=case["tolerance"])
            assert term["covS"] == pytest.approx(expected["cov_s"], abs=case["tolerance"])
    assert found["truthTable"]["rows"] and not found["truncated"]


def test_a_truth_table_lists_cases_per_row(client: TestClient) -> None:
    case = MINIMIZE["LC-SURV-conservative"]
    response = client.post("/v1/analysis/qca/truth-table", json=_request(case))
    assert response.status_code == 200, response.text
    rows = response.json()["rows"]
    assert sum(row["n"] for row in rows) == len(DATASETS["LC"]["case_ids"])
    positive = {case for row in rows if row["out"] == "1" for case in row["cases"]}
    assert positive == {"FI", "IE", "FR", "SE", "BE", "CZ", "NL", "UK"}


def test_necessity_of_single_conditions(client: TestClient) -> None:
    response = client.post("/v1/analysis/qca/fit", json={
        "data": [{k: v for k, v in case.items() if k != "case"} for case in _cases("LF")],
        "outcome": "SURV", "relation": "necessity"})
    assert response.status_code == 200, response.text
    rows = {row["term"]: row for row in response.json()["rows"]}
    assert set(rows) == {"DEV", "URB", "LIT", "IND", "STB"}
    assert all(0 <= row["inclN"] <= 1 and 0 <= row["covN"] <= 1 for row in rows.values())


@pytest.mark.parametrize(("path", "body", "status"), [
    ("truth-table", {"data": [{"A": 1}], "outcome": "Y", "conditions": ["A"]}, 422),
    ("truth-table", {"data": [{"A": 1, "Y": 1}], "outcome": "Y", "conditions": []}, 400),
    ("minimize", {"data": [{"A": 1, "Y": 1}, {"A": 0, "Y": 0}], "outcome": "Y",
                  "conditions": ["A"], "solution": "intermediate"}, 422),
    ("fit", {"data": [{"A": 1, "Y": 1}], "outcome": "Y", "expression": "A +* B"}, 422),
])
def test_what_qca_cannot_use_is_refused(
    client: TestClient, path: str, body: dict[str, Any], status: int,
) -> None:
    response = client.post(f"/v1/analysis/qca/{path}", json=body)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
