"""The competences of a stadsdeel's team: per competency how many master it, and the gaps.

The team is everyone active today who serves an area in the stadsdeel. A member's judgement
of a competency is the others' judgement (see profile.py), or their own latest
self-assessment when nobody else judged it. Mastered: a judgement of ¾ or more on the 0–1
scale (4 or 5, vakvolwassen). A gap: a competency nobody in the team masters.
"""

import uuid
from collections.abc import Iterable
from datetime import date
from statistics import fmean

from pydantic import Field
from sqlalchemy import or_, select
from sqlmodel import Session

from api.areas.models import Area, AreaType
from api.competences.frameworks import ASSESSMENTS, competencies_of
from api.competences.models import Competency, CompetencyFramework
from api.competences.profile import (
    FrameworkSummary,
    Judged,
    judged_rows,
    latest_by_perspective,
    self_and_others,
    summary,
)
from api.competences.scoring import masters
from api.competences.serving import serving
from api.db import table_of
from api.errors import NotFound
from api.professionals.models import Professional
from api.vocabularies.models import ProfessionalRole
from api.wire import ApiModel

PROFESSIONALS = table_of(Professional)
AREAS = table_of(Area)


class Member(ApiModel):
    professional_id: uuid.UUID
    name: str
    role: ProfessionalRole


class TeamCompetency(ApiModel):
    competency_id: uuid.UUID
    code: str
    name: str
    assessed: int = Field(description="Members with a judgement of it")
    mastered: int = Field(description="Members whose judgement is ¾ or more (0–1 scale)")
    coverage: float | None = Field(description="mastered / members; null without members")
    mean: float | None = Field(description="Mean judgement (0–1) of the assessed members")
    gap: bool = Field(description="Nobody in the team masters it")


class Team(ApiModel):
    stadsdeel: str
    framework: FrameworkSummary
    members: list[Member] = Field(description="Sorted by name")
    competencies: list[TeamCompetency]
    gaps: list[str] = Field(description="Codes of the competencies nobody masters")


def stadsdeel_code(session: Session, reference: str) -> str:
    """The stadsdeel's letter as stored (F for Nieuw-West); 404 for an unknown one."""
    code = reference.strip().upper()
    found = session.connection().execute(
        select(AREAS.c.code).where(AREAS.c.type == AreaType.STADSDEEL.value,
                                   AREAS.c.code == code)).first()
    if found is None:
        raise NotFound(f"Stadsdeel {reference} bestaat niet. / No such stadsdeel.")
    return code


def members_of(session: Session, stadsdeel: str, today: date) -> list[Member]:
    active = (or_(PROFESSIONALS.c.active_to.is_(None), PROFESSIONALS.c.active_to >= today),
              or_(PROFESSIONALS.c.active_from.is_(None), PROFESSIONALS.c.active_from <= today))
    rows = session.connection().execute(
        select(PROFESSIONALS.c.id, PROFESSIONALS.c.name, PROFESSIONALS.c.role)
        .where(PROFESSIONALS.c.id.in_(serving(stadsdeel)), *active)
        .order_by(PROFESSIONALS.c.name, PROFESSIONALS.c.id))
    return [Member(professional_id=id_, name=name, role=role) for id_, name, role in rows]


def member_judgements(rows: Iterable[Judged]) -> dict[tuple[uuid.UUID, uuid.UUID], float]:
    """(professional, competency) → the member's judgement on 0–1: others', else self."""
    histories: dict[tuple[uuid.UUID, uuid.UUID], list[Judged]] = {}
    for judged in rows:
        histories.setdefault((judged.professional_id, judged.competency_id), []).append(judged)
    found = {}
    for key, history in histories.items():
        own, others = self_and_others(latest_by_perspective(history))
        judgement = others or own
        if judgement is not None:
            found[key] = judgement.normalised
    return found


def _competency(competency: Competency, members: list[Member],
                judgements: dict[tuple[uuid.UUID, uuid.UUID], float]) -> TeamCompetency:
    values = [judgements[member.professional_id, competency.id] for member in members
              if (member.professional_id, competency.id) in judgements]
    mastered = sum(1 for value in values if masters(value))
    return TeamCompetency(
        competency_id=competency.id, code=competency.code, name=competency.name,
        assessed=len(values), mastered=mastered,
        coverage=mastered / len(members) if members else None,
        mean=fmean(values) if values else None, gap=mastered == 0)


def team_of(session: Session, stadsdeel: str, framework: CompetencyFramework,
            today: date) -> Team:
    """Three queries whatever the team's size: members, competencies, judgements."""
    members = members_of(session, stadsdeel, today)
    rows = judged_rows(session, framework, ASSESSMENTS.c.professional_id.in_(
        [member.professional_id for member in members]))
    judgements = member_judgements(rows)
    competencies = [_competency(competency, members, judgements)
                    for competency in competencies_of(session, [framework.id])[framework.id]]
    return Team(stadsdeel=stadsdeel, framework=summary(framework), members=members,
                competencies=competencies,
                gaps=[competency.code for competency in competencies if competency.gap])
