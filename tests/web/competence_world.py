"""Competency frameworks and assessments for the web tests, written with the API's own
services (as tests/api/builders.py does for the other resources)."""

import uuid
from collections.abc import Mapping, Sequence
from datetime import date

from sqlmodel import Session

from api.areas.models import AreaType, area_id
from api.competences import assessments, competencies, frameworks
from api.competences.models import (
    AssessmentRoundCreate,
    CompetencyCreate,
    CompetencyFramework,
    FrameworkCreate,
)
from api.professionals.models import Professional
from tests.api.builders import make_professional

NIEUW_WEST = str(area_id(None, AreaType.STADSDEEL, "F"))
CENTRUM = str(area_id(None, AreaType.STADSDEEL, "A"))
COMPETENCIES = (("C1", "Aansluiten bij bewoners"), ("C2", "Communiceren"),
                ("C3", "Verbinden en netwerken"))


def make_framework(session: Session, *, code: str = "werklijst", scale: str = "score",
                   name: str = "Werklijst participatieprofessional",
                   items: Sequence[tuple[str, str]] = COMPETENCIES,
                   indicators: Sequence[str] = ("legt verbindingen",)
                   ) -> CompetencyFramework:
    framework = frameworks.create_framework(session, FrameworkCreate.model_validate(
        {"code": code, "name": name, "scale": scale, "source": "Van Vliet (2012)"}))
    for position, (competency_code, competency_name) in enumerate(items, 1):
        competencies.create_competency(session, framework, CompetencyCreate.model_validate(
            {"code": competency_code, "name": competency_name, "position": position,
             "behaviouralIndicators": list(indicators)}))
    session.refresh(framework)
    return framework


def competency_ids(session: Session, framework: CompetencyFramework) -> dict[str, str]:
    """Code → id of the framework's competencies."""
    found = frameworks.competencies_of(session, [framework.id])[framework.id]
    return {competency.code: str(competency.id) for competency in found}


def assess(session: Session, professional: Professional, framework: CompetencyFramework,
           perspective: str, on: date, judgements: Mapping[str, int | str],
           note: str = "") -> uuid.UUID:
    """One round: code → score (or level) for each competency judged."""
    ids = competency_ids(session, framework)
    field = "level" if framework.scale == "level" else "score"
    data = AssessmentRoundCreate.model_validate({
        "frameworkId": str(framework.id), "perspective": perspective,
        "assessedOn": on.isoformat(),
        "items": [{"competencyId": ids[code], field: value, "note": note}
                  for code, value in judgements.items()]})
    round_id, _ = assessments.record_round(session, professional, data)
    return round_id


def professional_in(session: Session, stadsdeel_id: str = NIEUW_WEST, **overrides: object
                    ) -> Professional:
    return make_professional(session, areaIds=[stadsdeel_id], **overrides)
