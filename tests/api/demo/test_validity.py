"""Every row the demo generator writes is one the API itself would accept."""

import uuid
from collections import defaultdict
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session
from starlette.testclient import TestClient

from api.competences.models import AssessmentRoundCreate
from api.demo import generate_demo
from api.evaluations.measures import statistic_errors
from api.evaluations.models import EvaluationCreate
from api.follow_ups.models import FollowUpCreate
from api.initiatives.models import InitiativeCreate
from api.professionals.models import ProfessionalCreate
from api.support_episodes.models import SupportEpisodeCreate
from tests.api.demo.rows import rows_of


def _themes(session: Session) -> dict[uuid.UUID, list[str]]:
    found: dict[uuid.UUID, list[str]] = defaultdict(list)
    for row in rows_of(session, "initiative_theme"):
        found[row["initiative_id"]].append(row["theme"])
    return found


def test_every_generated_row_passes_the_create_models(session: Session) -> None:
    generate_demo(session)
    themes = _themes(session)
    for row in rows_of(session, "initiative"):
        InitiativeCreate.model_validate({**row, "themes": themes[row["id"]]})
    areas: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    for row in rows_of(session, "professional_area"):
        areas[row["professional_id"]].append(row["area_id"])
    for row in rows_of(session, "professional"):
        ProfessionalCreate.model_validate({**row, "area_ids": areas[row["id"]]})
    for row in rows_of(session, "support_episode"):
        SupportEpisodeCreate.model_validate(row)
    measures: dict[uuid.UUID, list[dict[str, Any]]] = defaultdict(list)
    for row in rows_of(session, "outcome_measure"):
        assert statistic_errors(row) == []
        measures[row["evaluation_id"]].append(row)
    for row in rows_of(session, "evaluation"):
        EvaluationCreate.model_validate({**row, "outcome_measures": measures[row["id"]]})
    for row in rows_of(session, "follow_up"):
        FollowUpCreate.model_validate(row)
    for items in _rounds(session).values():
        AssessmentRoundCreate.model_validate({**items[0], "items": items})


def _rounds(session: Session) -> dict[uuid.UUID, list[dict[str, Any]]]:
    """Assessments per round, each with its competency's framework, as a round is posted."""
    framework_of = {row["id"]: row["framework_id"] for row in rows_of(session, "competency")}
    found: dict[uuid.UUID, list[dict[str, Any]]] = defaultdict(list)
    for row in rows_of(session, "assessment"):
        found[row["round_id"]].append({**row, "framework_id": framework_of[row["competency_id"]]})
    return found


def test_each_round_judges_one_professional_on_a_whole_framework_in_its_scale(
    session: Session,
) -> None:
    generate_demo(session)
    frameworks = {row["id"]: row for row in rows_of(session, "competency_framework")}
    competencies: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
    for row in rows_of(session, "competency"):
        competencies[row["framework_id"]].add(row["id"])
    for items in _rounds(session).values():
        first = items[0]
        shared = ("professional_id", "perspective", "assessed_on", "framework_id", "created_at")
        assert all(all(item[key] == first[key] for key in shared) for item in items)
        assert {item["competency_id"] for item in items} == competencies[first["framework_id"]]
        by_score = frameworks[first["framework_id"]]["scale"] == "score"
        for item in items:
            assert (item["score"] is not None, item["level"] is not None) == (
                by_score, not by_score)


def _copy(payload: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {**payload, "externalRef": f"COPY-{payload['externalRef']}", **changes}


def test_a_sample_of_generated_rows_is_accepted_by_the_api(
    engine: Engine, client: TestClient
) -> None:
    with Session(engine) as session:
        generate_demo(session, initiatives=60)
        themes = _themes(session)
        initiatives = rows_of(session, "initiative")
        episodes = rows_of(session, "support_episode")
        evaluations = rows_of(session, "evaluation")
        measures = rows_of(session, "outcome_measure")
        follow_ups = rows_of(session, "follow_up")
        followed = {row["initiative_id"] for row in follow_ups}
        # Those with follow-ups first (a stable sort keeps the rest in order).
        initiatives = sorted(initiatives, key=lambda row: row["id"] not in followed)[:20]
        professionals = rows_of(session, "professional")[:5]
        areas = rows_of(session, "professional_area")
    for professional in professionals:
        payload = ProfessionalCreate.model_validate({**professional, "area_ids": [
            row["area_id"] for row in areas if row["professional_id"] == professional["id"]]})
        response = client.post("/v1/professionals",
                               json=_copy(payload.model_dump(mode="json", by_alias=True)))
        assert response.status_code == 201, response.text
    for initiative in initiatives:
        body = InitiativeCreate.model_validate({**initiative, "themes": themes[initiative["id"]]})
        created = client.post("/v1/initiatives", json=_copy(body.model_dump(
            mode="json", by_alias=True)))
        assert created.status_code == 201, created.text
        copy_id = created.json()["id"]
        for episode in (row for row in episodes if row["initiative_id"] == initiative["id"]):
            payload = SupportEpisodeCreate.model_validate(episode).model_dump(
                mode="json", by_alias=True)
            response = client.post("/v1/support-episodes",
                                   json=_copy(payload, initiativeId=copy_id))
            assert response.status_code == 201, response.text
        for follow_up in (row for row in follow_ups if row["initiative_id"] == initiative["id"]):
            payload = FollowUpCreate.model_validate(follow_up).model_dump(mode="json",
                                                                          by_alias=True)
            response = client.post(f"/v1/initiatives/{copy_id}/follow-ups",
                                   json=_copy(payload))
            assert response.status_code == 201, response.text
        for evaluation in (row for row in evaluations if row["initiative_id"] == initiative["id"]):
            own = [row for row in measures if row["evaluation_id"] == evaluation["id"]]
            payload = EvaluationCreate.model_validate(
                {**evaluation, "outcome_measures": own}).model_dump(mode="json", by_alias=True)
            response = client.post("/v1/evaluations", json=_copy(payload, initiativeId=copy_id))
            assert response.status_code == 201, response.text
