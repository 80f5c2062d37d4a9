"""Competence comes from assessments (personal data): viewers may not analyse by it in any
analysis, and the support report leaves it out for them; the other roles keep it."""

from typing import Any

import pytest
from sqlmodel import Session

from tests.api.survival_builders import freireich
from tests.audit_check import ClientFactory

REFUSED_FOR_VIEWERS: list[tuple[str, str, dict[str, Any]]] = [
    ("GET", "/v1/analysis/durability", {"by": "competence"}),
    ("GET", "/v1/analysis/durability", {"covariates": ["hours", "competence"]}),
    ("GET", "/v1/analysis/support", {"moderators": ["competence"]}),
    ("GET", "/v1/analysis/support", {"covariates": ["competence"]}),
    ("GET", "/v1/analysis/effects", {"groupBy": "competence"}),
    ("GET", "/v1/analysis/effects/moderators", {"moderators": ["hours", "competence"]}),
]
QCA = {"conditions": [{"attribute": "hours"}, {"attribute": "competence"},
                      {"attribute": "makelaarInvolved"}],
       "outcome": {"kind": "durability"}}


@pytest.mark.parametrize(("method", "path", "params"), REFUSED_FOR_VIEWERS)
def test_a_viewer_may_not_analyse_by_competence(client_as: ClientFactory, method: str,
                                                path: str, params: dict[str, Any]) -> None:
    response = client_as("viewer").request(method, path, params=params)
    assert response.status_code == 403, response.text
    assert "persoonsgegevens" in response.json()["detail"]


def test_a_viewer_may_not_take_competence_as_a_condition(client_as: ClientFactory) -> None:
    response = client_as("viewer").post("/v1/analysis/success-factors", json=QCA)
    assert response.status_code == 403, response.text


@pytest.mark.parametrize("role", ["admin", "editor", "researcher"])
def test_the_roles_that_read_assessments_analyse_by_competence(
        client_as: ClientFactory, session: Session, role: str) -> None:
    freireich(session)
    client = client_as(role, ("F",) if role == "editor" else ())
    for _method, path, params in REFUSED_FOR_VIEWERS[:2]:
        assert client.get(path, params=params).status_code == 200
    report = client.get("/v1/analysis/support").json()
    assert "competence" in report["conditions"]
    assert "competence" in [item["by"] for item in report["durability"]["groupings"]]


def test_the_support_report_leaves_competence_out_for_a_viewer(
        client_as: ClientFactory, session: Session) -> None:
    freireich(session)
    response = client_as("viewer").get("/v1/analysis/support")
    assert response.status_code == 200, response.text
    report = response.json()
    assert not [name for name in report["conditions"] if name.startswith("competence")]
    for half in ("effects", "durability"):
        groupings = [item["by"] for item in report[half]["groupings"]]
        assert "competence" not in groupings and "supportStyle" in groupings
