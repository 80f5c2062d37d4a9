"""HTTP routes of /v1/initiatives/{initiativeId}/follow-ups and /v1/follow-ups."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response, status

from api.auth.identity import Caller
from api.auth.redaction import redacting
from api.auth.rules import READ, WRITE_EVALUATIONS, check_initiative_scope, require
from api.db import SessionDep
from api.follow_ups import service
from api.follow_ups.models import FollowUp, FollowUpCreate, FollowUpPublic, FollowUpUpdate
from api.initiatives.models import Initiative
from api.initiatives.service import get_initiative
from api.wire import Page, PageParams, page_response, set_etag

# Two routers, one resource: the list and new ones hang under their initiative.
initiative_router = APIRouter(prefix="/v1/initiatives/{initiativeId}/follow-ups",
                              tags=["follow-ups"], route_class=redacting("follow-up"),
                              dependencies=[Depends(require(READ))])
router = APIRouter(prefix="/v1/follow-ups", tags=["follow-ups"],
                   route_class=redacting("follow-up"), dependencies=[Depends(require(READ))])
# Follow-ups are observations of outcomes, like evaluations: researchers record them too.
Writer = Annotated[Caller, Depends(require(WRITE_EVALUATIONS))]
IfMatch = Annotated[str | None, Header(description="ETag of the version you edited")]


def load_initiative(initiative_id: Annotated[uuid.UUID, Path(alias="initiativeId")],
                    session: SessionDep) -> Initiative:
    return get_initiative(session, initiative_id)


def load_follow_up(follow_up_id: Annotated[uuid.UUID, Path(alias="followUpId")],
                   session: SessionDep) -> FollowUp:
    return service.get_follow_up(session, follow_up_id)


InitiativeDep = Annotated[Initiative, Depends(load_initiative)]
FollowUpDep = Annotated[FollowUp, Depends(load_follow_up)]


def writable_initiative(initiative: InitiativeDep, caller: Writer,
                        session: SessionDep) -> Initiative:
    check_initiative_scope(WRITE_EVALUATIONS, caller, session, [initiative.id])
    return initiative


def writable_follow_up(follow_up: FollowUpDep, caller: Writer, session: SessionDep) -> FollowUp:
    check_initiative_scope(WRITE_EVALUATIONS, caller, session, [follow_up.initiative_id])
    return follow_up


WritableInitiative = Annotated[Initiative, Depends(writable_initiative)]
WritableFollowUp = Annotated[FollowUp, Depends(writable_follow_up)]


def _answer(follow_up: FollowUp, response: Response) -> FollowUpPublic:
    set_etag(response, follow_up.version)
    return FollowUpPublic.model_validate(follow_up)


@initiative_router.get("", response_model=Page[FollowUpPublic])
def list_follow_ups(request: Request, initiative: InitiativeDep, session: SessionDep,
                    paging: Annotated[PageParams, Query()]) -> Response:
    follow_ups, total = service.list_follow_ups(session, initiative, paging)
    items = [follow_up.model_dump(mode="json", by_alias=True) for follow_up in follow_ups]
    return page_response(request, paging, items, total)


@initiative_router.post("", status_code=status.HTTP_201_CREATED)
def create_follow_up(initiative: WritableInitiative, data: FollowUpCreate, session: SessionDep,
                     response: Response) -> FollowUpPublic:
    follow_up = service.create_follow_up(session, initiative, data)
    response.headers["Location"] = f"/v1/follow-ups/{follow_up.id}"
    return _answer(follow_up, response)


@router.get("/{followUpId}")
def get_follow_up(follow_up: FollowUpDep, response: Response) -> FollowUpPublic:
    return _answer(follow_up, response)


@router.patch("/{followUpId}")
def update_follow_up(follow_up: WritableFollowUp, changes: FollowUpUpdate, session: SessionDep,
                     response: Response, if_match: IfMatch = None) -> FollowUpPublic:
    follow_up = service.update_follow_up(session, follow_up, changes, if_match)
    return _answer(follow_up, response)


@router.delete("/{followUpId}", status_code=status.HTTP_204_NO_CONTENT)
def delete_follow_up(follow_up: WritableFollowUp, session: SessionDep,
                     if_match: IfMatch = None) -> None:
    service.delete_follow_up(session, follow_up, if_match)
