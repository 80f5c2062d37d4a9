"""HTTP routes of /v1/audit-events: read only; the whole trail for administrators and
researchers, one initiative's history for editors too (api/auth/rules.py)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from api.audit import service
from api.audit.models import AuditEventPublic
from api.auth.identity import Caller
from api.auth.rules import (
    READ_INITIATIVE_HISTORY,
    READ_PERSONAL,
    allows,
    check_audit_reading,
    require,
)
from api.db import SessionDep
from api.wire import Page, PageParams, page_response

router = APIRouter(prefix="/v1/audit-events", tags=["audit"])
HistoryReader = Annotated[Caller, Depends(require(READ_INITIATIVE_HISTORY))]


@router.get("", response_model=Page[AuditEventPublic])
def list_audit_events(
    request: Request,
    session: SessionDep,
    caller: HistoryReader,
    filters: Annotated[service.AuditFilters, Query()],
    paging: Annotated[PageParams, Query()],
) -> Response:
    check_audit_reading(caller, filters.initiative)
    events, total = service.list_audit_events(session, filters, paging)
    # A display name is personal data: only for those who read it (all who read the trail).
    names = service.actor_names(session, events) if allows(READ_PERSONAL, caller) else {}
    items = [AuditEventPublic.model_validate(event, update={
        "actor_name": names.get(event.actor_id) if event.actor_id else None,
    }).model_dump(mode="json", by_alias=True) for event in events]
    return page_response(request, paging, items, total)
