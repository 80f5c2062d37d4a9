"""HTTP routes of /v1/audit-events: read only, for administrators and researchers."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from api.audit import service
from api.audit.models import AuditEventPublic
from api.auth.rules import READ_AUDIT, require
from api.db import SessionDep
from api.wire import Page, PageParams, page_response

router = APIRouter(prefix="/v1/audit-events", tags=["audit"],
                   dependencies=[Depends(require(READ_AUDIT))])


@router.get("", response_model=Page[AuditEventPublic])
def list_audit_events(
    request: Request,
    session: SessionDep,
    filters: Annotated[service.AuditFilters, Query()],
    paging: Annotated[PageParams, Query()],
) -> Response:
    events, total = service.list_audit_events(session, filters, paging)
    items = [AuditEventPublic.model_validate(event).model_dump(mode="json", by_alias=True)
             for event in events]
    return page_response(request, paging, items, total)
