"""Assessment use cases: record a round (all or nothing), list a professional's, delete one.

Assessments are never edited: a new judgement is a new row, so the rows are the history.
Deleting one is an administrator's correction of a mistake; the audit trail keeps it.
"""

import uuid
from typing import Any

from pydantic import Field
from sqlalchemy import ColumnElement, select
from sqlmodel import Session

from api.audit.recorder import as_snapshot, record_on_commit
from api.clock import local_today
from api.competences import frameworks
from api.competences.frameworks import ASSESSMENTS, COMPETENCIES
from api.competences.models import (
    Assessment,
    AssessmentItem,
    AssessmentPublic,
    AssessmentRoundCreate,
    Competency,
    CompetencyFramework,
)
from api.db import commit
from api.errors import FieldError, InvalidInput, NotFound
from api.professionals.models import Professional
from api.vocabularies.models import AssessmentPerspective, CompetencyScale
from api.wire import ApiModel, PageParams, page_query

# Columns of an assessment on the wire, in the order of the list query below.
LIST_COLUMNS = [ASSESSMENTS.c.id, ASSESSMENTS.c.professional_id, ASSESSMENTS.c.round_id,
                ASSESSMENTS.c.competency_id, COMPETENCIES.c.framework_id,
                ASSESSMENTS.c.perspective, ASSESSMENTS.c.assessed_on, ASSESSMENTS.c.score,
                ASSESSMENTS.c.level, ASSESSMENTS.c.note, ASSESSMENTS.c.created_at]
WIRE_NAMES = ["id", "professionalId", "roundId", "competencyId", "frameworkId", "perspective",
              "assessedOn", "score", "level", "note", "createdAt"]


class AssessmentFilters(ApiModel):
    framework: str | None = Field(None, min_length=1, max_length=100,
                                  description="Framework id or code")
    perspective: list[AssessmentPerspective] = Field(
        default_factory=list, description="Any of these perspectives")


def to_public(assessment: Assessment, framework_id: uuid.UUID) -> AssessmentPublic:
    return AssessmentPublic.model_validate(assessment, update={"framework_id": framework_id})


def get_assessment(session: Session, assessment_id: uuid.UUID) -> Assessment:
    assessment = session.get(Assessment, assessment_id)
    if assessment is None:
        raise NotFound(f"Beoordeling {assessment_id} bestaat niet. / No such assessment.")
    return assessment


def framework_filter(session: Session, reference: str) -> CompetencyFramework:
    """The framework a query parameter `framework` names; 400 when there is none."""
    framework = frameworks.find_framework(session, reference)
    if framework is None:
        raise InvalidInput([FieldError("framework", "unknown-framework",
                                       "Onbekend competentiekader. / No such framework.",
                                       "query")])
    return framework


def list_assessments(session: Session, professional: Professional, filters: AssessmentFilters,
                     page: PageParams) -> tuple[list[dict[str, Any]], int]:
    """One page of the professional's assessments, newest first, as wire-ready dicts."""
    conditions: list[ColumnElement[bool]] = [ASSESSMENTS.c.professional_id == professional.id]
    if filters.framework is not None:
        framework = framework_filter(session, filters.framework)
        conditions.append(ASSESSMENTS.c.competency_id.in_(
            select(COMPETENCIES.c.id).where(COMPETENCIES.c.framework_id == framework.id)))
    if filters.perspective:
        conditions.append(ASSESSMENTS.c.perspective.in_(filters.perspective))
    query = select(*LIST_COLUMNS).join(COMPETENCIES,
                                       COMPETENCIES.c.id == ASSESSMENTS.c.competency_id)
    order = [("assessed_on", True), ("created_at", True)]
    paged, total = page_query(session, query, ASSESSMENTS, conditions, order, page)
    rows = session.connection().execute(paged)
    return [dict(zip(WIRE_NAMES, row, strict=True)) for row in rows], total


# What each scale asks of an item: the field it needs and the one it may not have, with
# the words for them (Dutch, English, Dutch for the one it may not have).
SCALE_FIELDS = {
    CompetencyScale.SCORE: ("score", "level", "een score van 1 tot 5", "a score from 1 to 5",
                            "niveau"),
    CompetencyScale.LEVEL: ("level", "score", "een niveau (startbekwaam, vakbekwaam, "
                            "vakvolwassen)", "a level", "score"),
}


def _item_errors(index: int, item: AssessmentItem, scale: CompetencyScale,
                 in_framework: set[uuid.UUID], seen: set[uuid.UUID]) -> list[FieldError]:
    at = f"/items/{index}"
    errors = []
    if item.competency_id not in in_framework:
        errors.append(FieldError(f"{at}/competencyId", "not-in-framework",
                                 "Deze competentie hoort niet bij het kader. / This competency "
                                 "is not part of the framework."))
    elif item.competency_id in seen:
        errors.append(FieldError(f"{at}/competencyId", "duplicate",
                                 "Deze competentie staat al eerder in de ronde. / This "
                                 "competency is judged earlier in the round already."))
    seen.add(item.competency_id)
    wanted, unwanted, dutch, english, dutch_unwanted = SCALE_FIELDS[scale]
    if getattr(item, wanted) is None:
        errors.append(FieldError(f"{at}/{wanted}", "required",
                                 f"Dit kader vraagt {dutch}. / This framework asks {english}."))
    if getattr(item, unwanted) is not None:
        errors.append(FieldError(f"{at}/{unwanted}", "not-allowed",
                                 f"Dit kader vraagt {dutch}, geen {dutch_unwanted}. / This "
                                 f"framework asks {english}, not a {unwanted}."))
    return errors


def _check_round(session: Session, data: AssessmentRoundCreate) -> CompetencyFramework:
    framework = session.get(CompetencyFramework, data.framework_id)
    if framework is None:
        raise InvalidInput([FieldError("/frameworkId", "unknown-framework",
                                       "Onbekend competentiekader. / No such framework.")])
    errors = []
    if data.assessed_on > local_today():
        errors.append(FieldError("/assessedOn", "in-future",
                                 "De datum ligt in de toekomst. / The date is in the future."))
    in_framework = set(session.connection().execute(
        select(COMPETENCIES.c.id).where(COMPETENCIES.c.framework_id == framework.id)).scalars())
    seen: set[uuid.UUID] = set()
    for index, item in enumerate(data.items):
        errors.extend(_item_errors(index, item, CompetencyScale(framework.scale),
                                   in_framework, seen))
    if errors:
        raise InvalidInput(errors)
    return framework


def record_round(session: Session, professional: Professional,
                 data: AssessmentRoundCreate) -> tuple[uuid.UUID, list[AssessmentPublic]]:
    """Stores the round's judgements together, each with its audit event, or none of them."""
    framework = _check_round(session, data)
    round_id = uuid.uuid4()
    rows = [Assessment(professional_id=professional.id, competency_id=item.competency_id,
                       perspective=data.perspective, assessed_on=data.assessed_on,
                       score=item.score, level=item.level, note=item.note, round_id=round_id)
            for item in data.items]
    # Shaped before the commit, which expires the rows: no reloading them one by one.
    public = [to_public(row, framework.id) for row in rows]
    session.add_all(rows)
    for row in rows:
        _record(session, row, framework.id, before=None)
    commit(session)
    return round_id, public


def _record(session: Session, assessment: Assessment, framework_id: uuid.UUID,
            before: dict[str, object] | None, deleted: bool = False) -> None:
    record_on_commit(session, "assessment", assessment.id, before, lambda: None if deleted
                     else as_snapshot(to_public(assessment, framework_id)))


def delete_assessment(session: Session, assessment: Assessment) -> None:
    competency = session.get_one(Competency, assessment.competency_id)
    _record(session, assessment, competency.framework_id,
            as_snapshot(to_public(assessment, competency.framework_id)), deleted=True)
    session.delete(assessment)
    commit(session)


def history_of(session: Session, professional_id: uuid.UUID) -> list[dict[str, Any]]:
    """Every assessment of the professional, oldest first, as wire-ready dicts (for the
    AVG export of everything held about them)."""
    rows = session.connection().execute(
        select(*LIST_COLUMNS).join(COMPETENCIES, COMPETENCIES.c.id == ASSESSMENTS.c.competency_id)
        .where(ASSESSMENTS.c.professional_id == professional_id)
        .order_by(ASSESSMENTS.c.assessed_on, ASSESSMENTS.c.created_at, ASSESSMENTS.c.id))
    return [as_snapshot(AssessmentPublic.model_validate(dict(zip(WIRE_NAMES, row, strict=True))))
            for row in rows]


def clear_notes(session: Session, professional_id: uuid.UUID) -> None:
    """Empties the notes on the professional's assessments (they may name people); the
    judgements stay, as anonymous evidence. Part of the caller's unit of work."""
    session.connection().execute(
        ASSESSMENTS.update().where(ASSESSMENTS.c.professional_id == professional_id)
        .values(note=""))
