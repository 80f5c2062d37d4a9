"""A professional's competence profile: per competency the latest self-assessment, the
others' judgement and the whole history.

The others' judgement is the mean of the latest judgement of each other perspective (peer,
manager, resident): each perspective counts once, however often it judged. Values are on
the framework's own scale (1–5, or 1–3 for the levels) and normalised to 0–1.
"""

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from statistics import fmean

from pydantic import Field
from sqlalchemy import ColumnElement, select
from sqlmodel import Session

from api.competences.frameworks import ASSESSMENTS, COMPETENCIES, competencies_of
from api.competences.models import CompetencyFramework
from api.competences.scoring import normalised
from api.professionals.models import Professional
from api.vocabularies.models import AssessmentPerspective, CompetencyScale, ProficiencyLevel
from api.wire import ApiModel

LEVEL_NUMBERS = {ProficiencyLevel.STARTBEKWAAM: 1, ProficiencyLevel.VAKBEKWAAM: 2,
                 ProficiencyLevel.VAKVOLWASSEN: 3}
SELF = AssessmentPerspective.SELF.value


@dataclass(frozen=True)
class Judged:
    """One stored judgement, as the profile and the team view read it."""

    professional_id: uuid.UUID
    competency_id: uuid.UUID
    perspective: str
    assessed_on: date
    score: int | None
    level: str | None

    @property
    def value(self) -> float:
        """On the framework's own scale: the score, or 1–3 for a level."""
        if self.score is not None:
            return float(self.score)
        if self.level is None:
            raise ValueError("An assessment has a score or a level.")
        return float(LEVEL_NUMBERS[ProficiencyLevel(self.level)])

    @property
    def normalised(self) -> float:
        return normalised(self.score, self.level)


class FrameworkSummary(ApiModel):
    id: uuid.UUID
    code: str
    name: str
    scale: CompetencyScale


class Judgement(ApiModel):
    value: float = Field(description="On the framework's scale: 1–5, or 1–3 for levels")
    normalised: float = Field(description="On 0–1: 1 → 0 and 5 (or vakvolwassen) → 1")
    assessed_on: date = Field(description="The latest date behind it")
    count: int = Field(description="How many judgements it rests on")


class HistoryEntry(ApiModel):
    assessed_on: date
    perspective: AssessmentPerspective
    score: int | None
    level: ProficiencyLevel | None
    value: float


class CompetencyProfile(ApiModel):
    competency_id: uuid.UUID
    code: str
    name: str
    self: Judgement | None = Field(description="The latest self-assessment")
    others: Judgement | None = Field(
        description="Mean of the latest judgement of each other perspective")
    history: list[HistoryEntry] = Field(description="Every judgement, oldest first")


class CompetenceProfile(ApiModel):
    professional_id: uuid.UUID
    framework: FrameworkSummary
    competencies: list[CompetencyProfile]


def summary(framework: CompetencyFramework) -> FrameworkSummary:
    return FrameworkSummary.model_validate(framework, from_attributes=True)


def judged_rows(session: Session, framework: CompetencyFramework,
                who: ColumnElement[bool]) -> list[Judged]:
    """The judgements on the framework's competencies of the professionals `who` selects,
    oldest first (recorded later wins a tie of dates), in one query."""
    in_framework = select(COMPETENCIES.c.id).where(COMPETENCIES.c.framework_id == framework.id)
    rows = session.connection().execute(
        select(ASSESSMENTS.c.professional_id, ASSESSMENTS.c.competency_id,
               ASSESSMENTS.c.perspective, ASSESSMENTS.c.assessed_on, ASSESSMENTS.c.score,
               ASSESSMENTS.c.level)
        .where(who, ASSESSMENTS.c.competency_id.in_(in_framework))
        .order_by(ASSESSMENTS.c.assessed_on, ASSESSMENTS.c.created_at, ASSESSMENTS.c.id))
    return [Judged(*row) for row in rows]


def latest_by_perspective(history: Iterable[Judged]) -> dict[str, Judged]:
    """The newest judgement of each perspective, from a history given oldest first."""
    return {judged.perspective: judged for judged in history}


def _judgement(judged: Sequence[Judged]) -> Judgement | None:
    if not judged:
        return None
    return Judgement(value=fmean(item.value for item in judged),
                     normalised=fmean(item.normalised for item in judged),
                     assessed_on=max(item.assessed_on for item in judged), count=len(judged))


def self_and_others(latest: dict[str, Judged]) -> tuple[Judgement | None, Judgement | None]:
    others = [judged for perspective, judged in latest.items() if perspective != SELF]
    own = latest.get(SELF)
    return _judgement([own] if own else []), _judgement(others)


def profile_of(session: Session, professional: Professional,
               framework: CompetencyFramework) -> CompetenceProfile:
    histories: dict[uuid.UUID, list[Judged]] = {}
    for judged in judged_rows(session, framework,
                              ASSESSMENTS.c.professional_id == professional.id):
        histories.setdefault(judged.competency_id, []).append(judged)
    competencies = []
    for competency in competencies_of(session, [framework.id])[framework.id]:
        history = histories.get(competency.id, [])
        own, others = self_and_others(latest_by_perspective(history))
        competencies.append(CompetencyProfile(
            competency_id=competency.id, code=competency.code, name=competency.name,
            self=own, others=others,
            history=[HistoryEntry(assessed_on=item.assessed_on,
                                  perspective=AssessmentPerspective(item.perspective),
                                  score=item.score,
                                  level=ProficiencyLevel(item.level) if item.level else None,
                                  value=item.value) for item in history]))
    return CompetenceProfile(professional_id=professional.id, framework=summary(framework),
                             competencies=competencies)
