"""HTTP routes of /v1/professionals."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response, status

from api.db import SessionDep
from api.professionals import service
from api.professionals.models import (
    Professional,
    ProfessionalCreate,
    ProfessionalPublic,
    ProfessionalUpdate,
)
from api.wire import Page, PageParams, page_response, set_etag

router = APIRouter(prefix="/v1/professionals", tags=["professionals"])


ProfessionalId = Annotated[uuid.UUID, Path(alias="professionalId")]


def load_professional(professional_id: ProfessionalId, session: SessionDep) -> Professional:
    return service.get_professional(session, professional_id)


ProfessionalDep = Annotated[Professional, Depends(load_professional)]
IfMatch = Annotated[str | None, Header(description="ETag of the version you edited")]


@router.get("", response_model=Page[ProfessionalPublic])
def list_professionals(
    request: Request,
    session: SessionDep,
    filters: Annotated[service.ProfessionalFilters, Query()],
    paging: Annotated[PageParams, Query()],
) -> Response:
    # Serialised by orjson straight from rows: response_model only documents the shape.
    items, total = service.list_professionals(session, filters, paging)
    return page_response(request, paging, items, total)


@router.get("/{professionalId}")
def get_professional(
    professional: ProfessionalDep, session: SessionDep, response: Response
) -> ProfessionalPublic:
    set_etag(response, professional.version)
    return service.to_public(session, professional)


@router.post("", status_code=status.HTTP_201_CREATED)
def create_professional(
    data: ProfessionalCreate, session: SessionDep, response: Response
) -> ProfessionalPublic:
    professional = service.create_professional(session, data)
    set_etag(response, professional.version)
    response.headers["Location"] = f"/v1/professionals/{professional.id}"
    return service.to_public(session, professional)


@router.patch("/{professionalId}")
def update_professional(
    professional: ProfessionalDep, changes: ProfessionalUpdate, session: SessionDep,
    response: Response, if_match: IfMatch = None,
) -> ProfessionalPublic:
    professional = service.update_professional(session, professional, changes, if_match)
    set_etag(response, professional.version)
    return service.to_public(session, professional)


@router.delete("/{professionalId}", status_code=status.HTTP_204_NO_CONTENT)
def delete_professional(professional: ProfessionalDep, session: SessionDep,
                        if_match: IfMatch = None) -> None:
    service.delete_professional(session, professional, if_match)
