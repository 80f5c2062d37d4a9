"""HTTP routes of /v1/initiatives."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response, status

from api.auth.identity import Caller
from api.auth.redaction import redacting
from api.auth.rules import READ, WRITE_INITIATIVES, check_scope, require
from api.db import SessionDep
from api.initiatives import listing, service
from api.initiatives.models import (
    Initiative,
    InitiativeCreate,
    InitiativePublic,
    InitiativeUpdate,
)
from api.wire import Page, PageParams, page_response, set_etag

router = APIRouter(prefix="/v1/initiatives", tags=["initiatives"],
                   route_class=redacting("initiative"),
                   dependencies=[Depends(require(READ))])
Writer = Annotated[Caller, Depends(require(WRITE_INITIATIVES))]


InitiativeId = Annotated[uuid.UUID, Path(alias="initiativeId")]


def load_initiative(initiative_id: InitiativeId, session: SessionDep) -> Initiative:
    return service.get_initiative(session, initiative_id)


InitiativeDep = Annotated[Initiative, Depends(load_initiative)]


def writable_initiative(initiative: InitiativeDep, caller: Writer,
                        session: SessionDep) -> Initiative:
    """An initiative the caller may change or delete: in their stadsdelen, for an editor."""
    check_scope(WRITE_INITIATIVES, caller, session, [initiative.current_buurt_id])
    return initiative


def new_initiative(data: InitiativeCreate, caller: Writer, session: SessionDep) -> InitiativeCreate:
    check_scope(WRITE_INITIATIVES, caller, session, [data.buurt_id])
    return data


def initiative_changes(changes: InitiativeUpdate, caller: Writer,
                       session: SessionDep) -> InitiativeUpdate:
    """Moving an initiative needs the right in the buurt it moves to as well."""
    check_scope(WRITE_INITIATIVES, caller, session, [changes.buurt_id])
    return changes


WritableInitiative = Annotated[Initiative, Depends(writable_initiative)]
IfMatch = Annotated[str | None, Header(description="ETag of the version you edited")]


@router.get("", response_model=Page[InitiativePublic])
def list_initiatives(
    request: Request,
    session: SessionDep,
    filters: Annotated[listing.InitiativeFilters, Query()],
    paging: Annotated[PageParams, Query()],
) -> Response:
    # Serialised by orjson straight from rows: response_model only documents the shape.
    items, total = listing.list_initiatives(session, filters, paging)
    return page_response(request, paging, items, total)


@router.get("/{initiativeId}")
def get_initiative(
    initiative: InitiativeDep, session: SessionDep, response: Response
) -> InitiativePublic:
    set_etag(response, initiative.version)
    return service.to_public(session, initiative)


@router.post("", status_code=status.HTTP_201_CREATED)
def create_initiative(
    data: Annotated[InitiativeCreate, Depends(new_initiative)], session: SessionDep,
    response: Response,
) -> InitiativePublic:
    initiative = service.create_initiative(session, data)
    set_etag(response, initiative.version)
    response.headers["Location"] = f"/v1/initiatives/{initiative.id}"
    return service.to_public(session, initiative)


@router.patch("/{initiativeId}")
def update_initiative(
    initiative: WritableInitiative,
    changes: Annotated[InitiativeUpdate, Depends(initiative_changes)], session: SessionDep,
    response: Response, if_match: IfMatch = None,
) -> InitiativePublic:
    initiative = service.update_initiative(session, initiative, changes, if_match)
    set_etag(response, initiative.version)
    return service.to_public(session, initiative)


@router.delete("/{initiativeId}", status_code=status.HTTP_204_NO_CONTENT)
def delete_initiative(initiative: WritableInitiative, session: SessionDep,
                      if_match: IfMatch = None) -> None:
    service.delete_initiative(session, initiative, if_match)
