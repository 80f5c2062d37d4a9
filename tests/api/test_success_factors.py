"""POST /v1/analysis/success-factors on stored initiatives: the case table, the truth table
and the solutions, bad choices refused — and the combination the demo generator plants,
found (docs/demo-data.md)."""

from typing import Any

import pytest
from starlette.testclient import TestClient

PLANTED = {
    "conditions": [{"attribute": "residentInitiated"}, {"attribute": "makelaarInvolved"},
                   {"attribute": "hours"}, {"attribute": "organisationForm=zelfbeheer"}],
    "outcome": {"kind": "effect", "calibration": {
        "type": "fuzzy", "thresholds": {"e": 0.1, "c": 0.35, "i": 0.6}}},
    "solution": "parsimonious", "inclCut": 0.8, "nCut": 5,
}


def _analyse(client: TestClient, body: dict[str, Any]) -> dict[str, Any]:
    response = client.post("/v1/analysis/success-factors", json=body)
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


def test_the_planted_combination_is_found(demo_client: TestClient) -> None:
    """Resident-initiated with a participatiemakelaar is planted +0.30 SD: the one sufficient
    path for an effective initiative, consistent and covering about half."""
    result = _analyse(demo_client, PLANTED)
    [solution] = result["solutions"]
    assert solution["expression"] == "RESIDENT_INITIATED*MAKELAAR_INVOLVED"
    assert solution["inclS"] > 0.8 and 0.3 < solution["covS"] < 0.7
    [term] = solution["terms"]
    covered = set(term["cases"])
    cases = {case["id"]: case for case in result["cases"]}
    assert covered and all(cases[case]["memberships"]["RESIDENT_INITIATED"] == 1
                           and cases[case]["memberships"]["MAKELAAR_INVOLVED"] == 1
                           for case in covered)


def test_durability_is_found_in_the_planted_forms(demo_client: TestClient) -> None:
    result = _analyse(demo_client, {
        "conditions": [{"attribute": "organisationForm=zelfbeheer"},
                       {"attribute": "organisationForm=professioneel-geinitieerd"},
                       {"attribute": "supportStyle=overnemend"}],
        "outcome": {"kind": "durability"}, "solution": "parsimonious", "inclCut": 0.65,
        "nCut": 5})
    expressions = {solution["expression"] for solution in result["solutions"]}
    assert expressions == {"ORGANISATION_FORM_ZELFBEHEER*~SUPPORT_STYLE_OVERNEMEND"}
    assert result["outcome"] == "DUURZAAM" and result["conditions"][
        "SUPPORT_STYLE_OVERNEMEND"] == "supportStyle=overnemend"


def test_the_case_table_carries_raw_values_and_memberships(demo_client: TestClient) -> None:
    result = _analyse(demo_client, {**PLANTED, "filters": {"area": "F"}})
    case = result["cases"][0]
    assert set(case["memberships"]) == {"RESIDENT_INITIATED", "MAKELAAR_INVOLVED", "HOURS",
                                        "ORGANISATION_FORM_ZELFBEHEER"}
    assert 0 <= case["memberships"]["HOURS"] <= 1 and case["raw"]["HOURS"] >= 0
    everywhere = _analyse(demo_client, PLANTED)
    assert 0 < len(result["cases"]) < len(everywhere["cases"])  # the filter applies


@pytest.mark.parametrize(("change", "status"), [
    ({"conditions": [{"attribute": "schoenmaat"}]}, 400),
    ({"conditions": [{"attribute": "organisationForm"}]}, 400),
    ({"conditions": []}, 400),
    ({"outcome": {"kind": "geluk"}}, 400),
    ({"outcome": {"kind": "effect", "indicator": "bestaat-niet"}}, 404),
    ({"conditions": [{"attribute": "hours", "calibration": {
        "type": "fuzzy", "thresholds": {"e": 100, "c": 50, "i": 50}}}]}, 422),
    ({"solution": "intermediate"}, 422),  # intermediate needs directional expectations
])
def test_bad_choices_are_refused(
    demo_client: TestClient, change: dict[str, Any], status: int,
) -> None:
    response = demo_client.post("/v1/analysis/success-factors", json={**PLANTED, **change})
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
