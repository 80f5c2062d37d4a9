"""The success-factor condition `code=<codeId>`: crisp membership (1 when a record about the
initiative carries the code or a subcode), only for those who may read records, and a 400 at
the condition for a code that does not exist."""

import uuid
from typing import Any

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from api.qualitative.models import Code, CodedSegment
from api.qualitative.record_models import RecordCreate
from api.qualitative.records import create_record
from tests.api.builders import make_evaluation, make_indicator, make_initiative
from tests.audit_check import ClientFactory

PATH = "/v1/analysis/success-factors"
# The change on the indicator of eight initiatives; the first four are coded below.
CHANGES = [1.2, 0.9, 1.0, 0.8, 0.1, 0.0, 0.2, -0.1]
SMD_OUTCOME = {"kind": "effect", "calibration": {"type": "crisp", "thresholds": [0.3]}}


def _code(session: Session, name: str, parent_id: uuid.UUID | None = None) -> uuid.UUID:
    code = Code(name=name, parent_id=parent_id)
    session.add(code)
    session.commit()
    return code.id


def _coded_record(session: Session, initiative: uuid.UUID, code: uuid.UUID) -> None:
    record = create_record(session, RecordCreate.model_validate({
        "kind": "case-study", "title": "Casus", "recordedOn": "2024-03-01",
        "text": "Eigenaarschap bij bewoners.", "initiativeIds": [str(initiative)]}))
    session.add(CodedSegment(record_id=record.id, code_id=code, coder_id=uuid.uuid4(),
                             coder_label="onderzoeker", start_offset=0, end_offset=13))
    session.commit()


@pytest.fixture
def ownership(session: Session) -> tuple[uuid.UUID, dict[str, float]]:
    """Eigenaarschap, carried by the first two initiatives itself and by the next two through
    its subcode; the expected membership of each initiative by title."""
    indicator = make_indicator(session)
    parent = _code(session, "Eigenaarschap")
    child = _code(session, "Bewoners trekken", parent_id=parent)
    other = _code(session, "Geld")
    expected = {}
    for number, change in enumerate(CHANGES):
        initiative = make_initiative(session, title=f"Initiatief {number}")
        make_evaluation(session, initiative.id, outcomeMeasures=[{
            "indicatorId": str(indicator.id), "kind": "pre-post", "meanPre": 5.0,
            "sdPre": 1.0, "meanPost": 5.0 + change, "sdPost": 1.0, "n": 60,
            "prePostCorrelation": 0.5}])
        if number < 4:
            _coded_record(session, initiative.id, parent if number < 2 else child)
        elif number == 4:
            _coded_record(session, initiative.id, other)
        expected[initiative.title] = 1.0 if number < 4 else 0.0
    return parent, expected


def _body(*attributes: str) -> dict[str, Any]:
    return {"conditions": [{"attribute": attribute} for attribute in attributes],
            "outcome": SMD_OUTCOME, "nCut": 1}


def test_a_code_condition_is_crisp_membership_with_its_subcodes(
        client: TestClient, ownership: tuple[uuid.UUID, dict[str, float]]) -> None:
    code, expected = ownership
    response = client.post(PATH, json=_body(f"code={code}"))
    assert response.status_code == 200, response.text
    result = response.json()
    [(name, attribute)] = result["conditions"].items()
    assert attribute == f"code={code}" and name.startswith("CODE_")
    assert {case["title"]: case["memberships"][name] for case in result["cases"]} == expected
    [solution] = result["solutions"]
    assert solution["expression"] == name  # carrying the code is sufficient here


def test_a_code_goes_with_other_conditions(
        client: TestClient, ownership: tuple[uuid.UUID, dict[str, float]]) -> None:
    code, _expected = ownership
    response = client.post(PATH, json=_body("residentInitiated", f"code={code}"))
    assert response.status_code == 200, response.text
    assert len(response.json()["cases"]) == len(CHANGES)


@pytest.mark.parametrize("attribute", ["code=3f2b6a9e-0000-4000-8000-00000000c0de",
                                       "code=geen-uuid", "code="])
def test_an_unknown_code_is_refused_at_its_condition(
        client: TestClient, ownership: tuple[uuid.UUID, dict[str, float]],
        attribute: str) -> None:
    response = client.post(PATH, json=_body("residentInitiated", attribute))
    assert response.status_code == 400, response.text
    [error] = response.json()["errors"]
    assert error["location"] == {"pointer": "/conditions/1/attribute"}


@pytest.mark.parametrize(("role", "status"), [("viewer", 403), ("editor", 403),
                                              ("researcher", 200)])
def test_only_those_who_read_records_take_a_code_as_condition(
        client_as: ClientFactory, ownership: tuple[uuid.UUID, dict[str, float]],
        role: str, status: int) -> None:
    code, _expected = ownership
    response = client_as(role).post(PATH, json=_body(f"code={code}"))
    assert response.status_code == status, response.text
    if status == 403:
        assert response.headers["content-type"] == "application/problem+json"


def test_a_viewer_is_refused_before_an_unknown_code_is_looked_up(
        client_as: ClientFactory) -> None:
    response = client_as("viewer").post(PATH, json=_body(f"code={uuid.uuid4()}"))
    assert response.status_code == 403
