"""A demo database read back for the tests of its planted structure."""

import uuid
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from api.vocabularies.models import ProfessionalRole
from tests.api.demo.rows import rows_of


@dataclass
class Demo:
    """A demo database read back: rows per table plus per-initiative support totals."""

    initiatives: dict[uuid.UUID, dict[str, Any]]
    professionals: dict[uuid.UUID, dict[str, Any]]
    episodes: list[dict[str, Any]]
    measures: list[dict[str, Any]]
    hours: dict[uuid.UUID, float]
    makelaar: set[uuid.UUID]
    styles: dict[uuid.UUID, set[str]]
    follow_ups: dict[uuid.UUID, list[dict[str, Any]]]  # per initiative, by month
    assessments: list[dict[str, Any]]  # with their competency's row as "competency"
    frameworks: dict[uuid.UUID, dict[str, Any]]


def _follow_ups(session: Session) -> dict[uuid.UUID, list[dict[str, Any]]]:
    found: dict[uuid.UUID, list[dict[str, Any]]] = defaultdict(list)
    for row in sorted(rows_of(session, "follow_up"), key=lambda row: row["months_after_support"]):
        found[row["initiative_id"]].append(row)
    return found


def _assessments(session: Session) -> list[dict[str, Any]]:
    competencies = {row["id"]: row for row in rows_of(session, "competency")}
    return [{**row, "competency": competencies[row["competency_id"]]}
            for row in rows_of(session, "assessment")]


def read_demo(session: Session) -> Demo:
    initiatives = {row["id"]: row for row in rows_of(session, "initiative")}
    episodes = rows_of(session, "support_episode")
    hours: dict[uuid.UUID, float] = defaultdict(float)
    styles: dict[uuid.UUID, set[str]] = defaultdict(set)
    for episode in episodes:
        hours[episode["initiative_id"]] += episode["hours"]
        styles[episode["initiative_id"]].add(episode["style"])
    makelaar = {episode["initiative_id"] for episode in episodes
                if episode["role"] == ProfessionalRole.PARTICIPATIEMAKELAAR}
    indicators = {row["id"]: row for row in rows_of(session, "indicator")}
    evaluations = {row["id"]: row for row in rows_of(session, "evaluation")}
    measures = [
        {**row, "initiative_id": evaluations[row["evaluation_id"]]["initiative_id"],
         "indicator": indicators[row["indicator_id"]]}
        for row in rows_of(session, "outcome_measure")
    ]
    professionals = {row["id"]: row for row in rows_of(session, "professional")}
    frameworks = {row["id"]: row for row in rows_of(session, "competency_framework")}
    return Demo(initiatives, professionals, episodes, measures, hours, makelaar, styles,
                _follow_ups(session), _assessments(session), frameworks)
