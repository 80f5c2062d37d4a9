"""HTTP routes of /v1/competency-frameworks and /v1/competencies."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response, status

from api.auth.rules import ADMINISTER, READ, require
from api.competences import competencies, frameworks
from api.competences.models import (
    Competency,
    CompetencyCreate,
    CompetencyFramework,
    CompetencyPublic,
    CompetencyUpdate,
    FrameworkCreate,
    FrameworkPublic,
    FrameworkUpdate,
)
from api.db import SessionDep
from api.openapi import problems
from api.wire import Page, PageParams, page_response, set_etag

router = APIRouter(prefix="/v1/competency-frameworks", tags=["competences"],
                   dependencies=[Depends(require(READ))])
competency_router = APIRouter(prefix="/v1/competencies", tags=["competences"],
                              dependencies=[Depends(require(READ))])
# Frameworks are reference data, like indicators: administrators keep them.
Administrator = Depends(require(ADMINISTER))

FrameworkReference = Annotated[str, Path(alias="frameworkId", min_length=1, max_length=100,
                                         description="The framework's id or its code")]
CompetencyId = Annotated[uuid.UUID, Path(alias="competencyId")]
IfMatch = Annotated[str | None, Header(description="ETag of the version you edited")]


def load_framework(reference: FrameworkReference, session: SessionDep) -> CompetencyFramework:
    return frameworks.get_framework(session, reference)


def load_competency(competency_id: CompetencyId, session: SessionDep) -> Competency:
    return competencies.get_competency(session, competency_id)


FrameworkDep = Annotated[CompetencyFramework, Depends(load_framework)]
CompetencyDep = Annotated[Competency, Depends(load_competency)]


@router.get("", response_model=Page[FrameworkPublic])
def list_frameworks(request: Request, session: SessionDep,
                    paging: Annotated[PageParams, Query()]) -> Response:
    items, total = frameworks.list_frameworks(session, paging)
    return page_response(request, paging, items, total)


@router.get("/{frameworkId}")
def get_framework(framework: FrameworkDep, session: SessionDep,
                  response: Response) -> FrameworkPublic:
    set_etag(response, framework.version)
    return frameworks.to_public(session, framework)


@router.post("", status_code=status.HTTP_201_CREATED, dependencies=[Administrator],
             responses=problems(409))
def create_framework(data: FrameworkCreate, session: SessionDep,
                     response: Response) -> FrameworkPublic:
    framework = frameworks.create_framework(session, data)
    set_etag(response, framework.version)
    response.headers["Location"] = f"/v1/competency-frameworks/{framework.id}"
    return frameworks.to_public(session, framework)


@router.patch("/{frameworkId}", dependencies=[Administrator])
def update_framework(framework: FrameworkDep, changes: FrameworkUpdate, session: SessionDep,
                     response: Response, if_match: IfMatch = None) -> FrameworkPublic:
    framework = frameworks.update_framework(session, framework, changes, if_match)
    set_etag(response, framework.version)
    return frameworks.to_public(session, framework)


@router.delete("/{frameworkId}", status_code=status.HTTP_204_NO_CONTENT,
               dependencies=[Administrator])
def delete_framework(framework: FrameworkDep, session: SessionDep,
                     if_match: IfMatch = None) -> None:
    frameworks.delete_framework(session, framework, if_match)


@router.post("/{frameworkId}/competencies", status_code=status.HTTP_201_CREATED,
             dependencies=[Administrator], responses=problems(409))
def create_competency(framework: FrameworkDep, data: CompetencyCreate, session: SessionDep,
                      response: Response) -> CompetencyPublic:
    competency = competencies.create_competency(session, framework, data)
    set_etag(response, competency.version)
    response.headers["Location"] = f"/v1/competencies/{competency.id}"
    return CompetencyPublic.model_validate(competency)


@competency_router.get("/{competencyId}")
def get_competency(competency: CompetencyDep, response: Response) -> CompetencyPublic:
    set_etag(response, competency.version)
    return CompetencyPublic.model_validate(competency)


@competency_router.patch("/{competencyId}", dependencies=[Administrator])
def update_competency(competency: CompetencyDep, changes: CompetencyUpdate,
                      session: SessionDep, response: Response,
                      if_match: IfMatch = None) -> CompetencyPublic:
    competency = competencies.update_competency(session, competency, changes, if_match)
    set_etag(response, competency.version)
    return CompetencyPublic.model_validate(competency)


@competency_router.delete("/{competencyId}", status_code=status.HTTP_204_NO_CONTENT,
                          dependencies=[Administrator])
def delete_competency(competency: CompetencyDep, session: SessionDep,
                      if_match: IfMatch = None) -> None:
    competencies.delete_competency(session, competency, if_match)
