"""HTTP routes of /v1/professionals."""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response, status

from api.auth.identity import CallerDep
from api.auth.redaction import redacting
from api.auth.rules import ADMINISTER, READ, READ_PERSONAL, allows, require
from api.db import SessionDep
from api.errors import Forbidden
from api.professionals import personal_data, service
from api.professionals.models import (
    Professional,
    ProfessionalCreate,
    ProfessionalPublic,
    ProfessionalUpdate,
)
from api.wire import Page, PageParams, page_response, set_etag

router = APIRouter(prefix="/v1/professionals", tags=["professionals"],
                   route_class=redacting("professional"),
                   dependencies=[Depends(require(READ))])
# Professionals are people: their records (personal data) are kept by administrators.
Administrator = Depends(require(ADMINISTER))


ProfessionalId = Annotated[uuid.UUID, Path(alias="professionalId")]


def load_professional(professional_id: ProfessionalId, session: SessionDep) -> Professional:
    return service.get_professional(session, professional_id)


ProfessionalDep = Annotated[Professional, Depends(load_professional)]
IfMatch = Annotated[str | None, Header(description="ETag of the version you edited")]


def professional_filters(filters: Annotated[service.ProfessionalFilters, Query()],
                         caller: CallerDep) -> service.ProfessionalFilters:
    """Searching by name would tell a viewer the names they may not see."""
    if filters.q and not allows(READ_PERSONAL, caller):
        raise Forbidden("Zoeken op naam vraagt inzage in persoonsgegevens. / "
                        "Searching by name needs access to personal data.")
    return filters


@router.get("", response_model=Page[ProfessionalPublic])
def list_professionals(
    request: Request,
    session: SessionDep,
    filters: Annotated[service.ProfessionalFilters, Depends(professional_filters)],
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


@router.post("", status_code=status.HTTP_201_CREATED, dependencies=[Administrator])
def create_professional(
    data: ProfessionalCreate, session: SessionDep, response: Response
) -> ProfessionalPublic:
    professional = service.create_professional(session, data)
    set_etag(response, professional.version)
    response.headers["Location"] = f"/v1/professionals/{professional.id}"
    return service.to_public(session, professional)


@router.patch("/{professionalId}", dependencies=[Administrator])
def update_professional(
    professional: ProfessionalDep, changes: ProfessionalUpdate, session: SessionDep,
    response: Response, if_match: IfMatch = None,
) -> ProfessionalPublic:
    professional = service.update_professional(session, professional, changes, if_match)
    set_etag(response, professional.version)
    return service.to_public(session, professional)


@router.delete("/{professionalId}", status_code=status.HTTP_204_NO_CONTENT,
                dependencies=[Administrator])
def delete_professional(professional: ProfessionalDep, session: SessionDep,
                        if_match: IfMatch = None) -> None:
    service.delete_professional(session, professional, if_match)


@router.get("/{professionalId}/personal-data", dependencies=[Administrator])
def export_personal_data(professional: ProfessionalDep, session: SessionDep) -> dict[str, Any]:
    """Everything held about this person (AVG art. 15), for an administrator to hand over."""
    return personal_data.personal_data_of(session, professional)


@router.post("/{professionalId}/pseudonymisation", dependencies=[Administrator])
def pseudonymise(professional: ProfessionalDep, session: SessionDep,
                 response: Response) -> ProfessionalPublic:
    """Erases what identifies this person (AVG art. 17); the support they gave stays as
    anonymous evidence. Cannot be undone."""
    professional = personal_data.pseudonymise(session, professional)
    set_etag(response, professional.version)
    return service.to_public(session, professional)
