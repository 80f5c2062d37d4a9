"""Builders of valid resources for tests: plain functions with overrides."""

import uuid
from datetime import date
from typing import Any

from sqlmodel import Session

from api.areas.models import AreaType, area_id
from api.evaluations.models import EvaluationCreate, OutcomeMeasureCreate
from api.evaluations.service import create_evaluation
from api.indicators.models import Indicator, IndicatorCreate
from api.indicators.service import create_indicator
from api.initiatives.models import Initiative, InitiativeCreate
from api.initiatives.service import create_initiative
from api.professionals.models import Professional, ProfessionalCreate
from api.professionals.service import create_professional
from api.support_episodes.models import SupportEpisode, SupportEpisodeCreate
from api.support_episodes.service import create_support_episode

BUURT_FD03 = area_id(2022, AreaType.BUURT, "FD03")  # Slotermeer-Noordoost, Wijkaanpak
BUURT_AA01 = area_id(2022, AreaType.BUURT, "AA01")  # Planciusbuurt-Noord, Centrum
BUURT_F76A_2015 = area_id(2015, AreaType.BUURT, "F76a")


def initiative_payload(**overrides: Any) -> dict[str, Any]:
    """A valid JSON body for POST /v1/initiatives (camelCase, as a client sends it)."""
    body: dict[str, Any] = {
        "title": "Moestuin op het Sloterplein",
        "summary": "Bewoners beginnen samen een moestuin.",
        "buurtId": str(BUURT_FD03),
        "themes": ["groen", "ontmoeting"],
        "targetGroups": ["alle-bewoners"],
        "organisationForm": "bewonersinitiatief",
        "initiatorType": "bewonersgroep",
        "participationLevel": "coproduceren",
        "status": "in-uitvoering",
        "startDate": "2010-04-01",
    }
    body.update(overrides)
    return body


def make_initiative(session: Session, **overrides: Any) -> Initiative:
    payload = initiative_payload(**overrides)
    return create_initiative(session, InitiativeCreate.model_validate(payload))


def professional_payload(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": "Fatima el Amrani",
        "email": "f.elamrani@example.org",
        "role": "participatiemakelaar",
        "organisation": "Stadsdeel Nieuw-West",
        "organisationKind": "stadsdeel",
        "fte": 0.8,
        "activeFrom": "2008-01-01",
        "areaIds": [str(area_id(None, AreaType.STADSDEEL, "F"))],
    }
    body.update(overrides)
    return body


def make_professional(session: Session, **overrides: Any) -> Professional:
    return create_professional(
        session, ProfessionalCreate.model_validate(professional_payload(**overrides))
    )


def support_episode_payload(
    initiative_id: uuid.UUID, professional_id: uuid.UUID, **overrides: Any
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "initiativeId": str(initiative_id),
        "professionalId": str(professional_id),
        "startDate": "2010-04-01",
        "endDate": "2010-12-31",
        "hours": 40,
        "kinds": ["verbinden-netwerken", "procesbegeleiding"],
        "style": "faciliterend",
        "actionDescription": "Bracht de bewoners in contact met de corporatie.",
    }
    body.update(overrides)
    return body


def make_support_episode(
    session: Session, initiative_id: uuid.UUID, professional_id: uuid.UUID, **overrides: Any
) -> SupportEpisode:
    payload = support_episode_payload(initiative_id, professional_id, **overrides)
    return create_support_episode(session, SupportEpisodeCreate.model_validate(payload))


def indicator_payload(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "code": "test-sociale-cohesie",
        "name": "Sociale cohesie (test)",
        "theme": "sociale-cohesie",
        "level": "buurt",
        "scaleType": "score-0-10",
        "scaleMin": 0,
        "scaleMax": 10,
        "higherIsBetter": True,
        "source": "Veiligheidsmonitor",
    }
    body.update(overrides)
    return body


def make_indicator(session: Session, **overrides: Any) -> Indicator:
    return create_indicator(session, IndicatorCreate.model_validate(indicator_payload(**overrides)))


def pre_post_measure(indicator_id: uuid.UUID, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "indicatorId": str(indicator_id), "kind": "pre-post", "meanPre": 5.6, "sdPre": 1.2,
        "meanPost": 6.1, "sdPost": 1.1, "n": 80, "prePostCorrelation": 0.5,
    }
    body.update(overrides)
    return body


def evaluation_payload(initiative_id: uuid.UUID, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "initiativeId": str(initiative_id),
        "evaluatedOn": str(date(2011, 6, 1)),
        "evaluator": "Hogeschool van Amsterdam",
        "methods": ["enquete", "interviews"],
        "design": "voor-nameting",
        "outcomeMeasures": [],
    }
    body.update(overrides)
    return body


def make_evaluation(session: Session, initiative_id: uuid.UUID, **overrides: Any) -> Any:
    payload = evaluation_payload(initiative_id, **overrides)
    return create_evaluation(session, EvaluationCreate.model_validate(payload))


__all__ = ["OutcomeMeasureCreate"]
