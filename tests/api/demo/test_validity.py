"""Every row the demo generator writes is one the API itself would accept."""

import uuid
from collections import defaultdict
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session
from starlette.testclient import TestClient

from api.demo import generate_demo
from api.evaluations.measures import statistic_errors
from api.evaluations.models import EvaluationCreate
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


def _copy(payload: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {**payload, "externalRef": f"COPY-{payload['externalRef']}", **changes}


def test_a_sample_of_generated_rows_is_accepted_by_the_api(
    engine: Engine, client: TestClient
) -> None:
    with Session(engine) as session:
        generate_demo(session, initiatives=60)
        themes = _themes(session)
        initiatives = rows_of(session, "initiative")[:20]
        episodes = rows_of(session, "support_episode")
        evaluations = rows_of(session, "evaluation")
        measures = rows_of(session, "outcome_measure")
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
        for evaluation in (row for row in evaluations if row["initiative_id"] == initiative["id"]):
            own = [row for row in measures if row["evaluation_id"] == evaluation["id"]]
            payload = EvaluationCreate.model_validate(
                {**evaluation, "outcome_measures": own}).model_dump(mode="json", by_alias=True)
            response = client.post("/v1/evaluations", json=_copy(payload, initiativeId=copy_id))
            assert response.status_code == 201, response.text
