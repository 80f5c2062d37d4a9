"""HTTP routes of a professional's assessments and competence profile, and of a stadsdeel's
competence team. Assessments judge a person: viewers see none of them."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response, status

from api.auth.identity import Caller
from api.auth.rules import (
    ADMINISTER,
    READ_ASSESSMENTS,
    WRITE_ASSESSMENTS,
    check_professional_scope,
    require,
)
from api.clock import local_today
from api.competences import assessments, profile, team
from api.competences.models import (
    Assessment,
    AssessmentPublic,
    AssessmentRoundCreate,
    AssessmentRoundPublic,
)
from api.db import SessionDep
from api.professionals import service as professional_service
from api.professionals.models import Professional
from api.wire import Page, PageParams, page_response

router = APIRouter(prefix="/v1", tags=["competences"],
                   dependencies=[Depends(require(READ_ASSESSMENTS))])
Writer = Annotated[Caller, Depends(require(WRITE_ASSESSMENTS))]

ProfessionalId = Annotated[uuid.UUID, Path(alias="professionalId")]
AssessmentId = Annotated[uuid.UUID, Path(alias="assessmentId")]
FrameworkQuery = Annotated[str, Query(min_length=1, max_length=100,
                                      description="Framework id or code")]


def load_professional(professional_id: ProfessionalId, session: SessionDep) -> Professional:
    return professional_service.get_professional(session, professional_id)


ProfessionalDep = Annotated[Professional, Depends(load_professional)]


def assessable_professional(professional: ProfessionalDep, caller: Writer,
                            session: SessionDep) -> Professional:
    check_professional_scope(WRITE_ASSESSMENTS, caller, session, professional.id)
    return professional


def load_assessment(assessment_id: AssessmentId, session: SessionDep) -> Assessment:
    return assessments.get_assessment(session, assessment_id)


@router.post("/professionals/{professionalId}/assessments",
             status_code=status.HTTP_201_CREATED)
def record_assessments(
    professional: Annotated[Professional, Depends(assessable_professional)],
    data: AssessmentRoundCreate, session: SessionDep,
) -> AssessmentRoundPublic:
    """One round: a judgement per competency, by one perspective on one day; all or none."""
    round_id, items = assessments.record_round(session, professional, data)
    return AssessmentRoundPublic(round_id=round_id, items=items)


@router.get("/professionals/{professionalId}/assessments",
            response_model=Page[AssessmentPublic])
def list_assessments(
    request: Request, professional: ProfessionalDep, session: SessionDep,
    filters: Annotated[assessments.AssessmentFilters, Query()],
    paging: Annotated[PageParams, Query()],
) -> Response:
    """Newest first."""
    items, total = assessments.list_assessments(session, professional, filters, paging)
    return page_response(request, paging, items, total)


@router.delete("/assessments/{assessmentId}", status_code=status.HTTP_204_NO_CONTENT,
               dependencies=[Depends(require(ADMINISTER))])
def delete_assessment(assessment: Annotated[Assessment, Depends(load_assessment)],
                      session: SessionDep) -> None:
    """A correction of a mistake: the audit trail keeps what was deleted."""
    assessments.delete_assessment(session, assessment)


@router.get("/professionals/{professionalId}/competence-profile")
def competence_profile(professional: ProfessionalDep, framework: FrameworkQuery,
                       session: SessionDep) -> profile.CompetenceProfile:
    chosen = assessments.framework_filter(session, framework)
    return profile.profile_of(session, professional, chosen)


@router.get("/competence-teams/{stadsdeel}")
def competence_team(
    stadsdeel: Annotated[str, Path(min_length=1, max_length=10,
                                   description="Stadsdeel code, e.g. F")],
    framework: FrameworkQuery, session: SessionDep,
) -> team.Team:
    code = team.stadsdeel_code(session, stadsdeel)
    chosen = assessments.framework_filter(session, framework)
    return team.team_of(session, code, chosen, local_today())
