"""What the competence tests share: a small framework, rounds of judgements, problems."""

import uuid
from typing import Any

from sqlmodel import Session
from starlette.testclient import TestClient

from api.areas.models import AreaType, area_id
from api.competences.competencies import create_competency
from api.competences.frameworks import create_framework
from api.competences.models import CompetencyCreate, CompetencyFramework, FrameworkCreate

STADSDEEL_F = area_id(None, AreaType.STADSDEEL, "F")
STADSDEEL_A = area_id(None, AreaType.STADSDEEL, "A")
WIJK_FD = area_id(2022, AreaType.WIJK, "FD")
GEMEENTE = area_id(None, AreaType.GEMEENTE, "0363")


def framework_payload(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "code": "test-kader", "name": "Testkader", "description": "Om mee te testen.",
        "source": "Eigen werk", "scale": "score",
    }
    body.update(overrides)
    return body


def make_framework(session: Session, codes: tuple[str, ...] = ("K1", "K2", "K3"),
                   **overrides: Any) -> tuple[CompetencyFramework, dict[str, uuid.UUID]]:
    """A framework with competencies of the given codes, in that order; their ids by code."""
    framework = create_framework(session, FrameworkCreate.model_validate(
        framework_payload(**overrides)))
    ids = {}
    for code in codes:
        competency = create_competency(session, framework, CompetencyCreate(
            code=code, name=f"Competentie {code}", behavioural_indicators=["doet het"]))
        ids[code] = competency.id
    return framework, ids


def round_body(framework_id: uuid.UUID, items: list[dict[str, Any]],
               perspective: str = "self", assessed_on: str = "2024-03-01") -> dict[str, Any]:
    return {"frameworkId": str(framework_id), "perspective": perspective,
            "assessedOn": assessed_on, "items": items}


def scores(ids: dict[str, uuid.UUID], **by_code: int) -> list[dict[str, Any]]:
    return [{"competencyId": str(ids[code]), "score": score} for code, score in by_code.items()]


def record(client: TestClient, professional_id: uuid.UUID, framework_id: uuid.UUID,
           items: list[dict[str, Any]], perspective: str = "self",
           assessed_on: str = "2024-03-01") -> dict[str, Any]:
    """Records a round through the API and returns its answer; fails the test if refused."""
    response = client.post(f"/v1/professionals/{professional_id}/assessments",
                           json=round_body(framework_id, items, perspective, assessed_on))
    assert response.status_code == 201, response.text
    answer: dict[str, Any] = response.json()
    return answer


def problems(response: Any, status: int = 400) -> dict[str, str]:
    """{pointer or parameter name: code} of a problem answer."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    return {error["location"].get("pointer") or error["location"]["name"]: error["code"]
            for error in response.json().get("errors", [])}
