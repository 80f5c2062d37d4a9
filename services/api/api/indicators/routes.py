"""HTTP routes of /v1/indicators."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response, status

from api.auth.rules import ADMINISTER, READ, require
from api.db import SessionDep
from api.indicators import service
from api.indicators.models import Indicator, IndicatorCreate, IndicatorPublic, IndicatorUpdate
from api.wire import Page, PageParams, page_response, set_etag

router = APIRouter(prefix="/v1/indicators", tags=["indicators"],
                   dependencies=[Depends(require(READ))])
# Indicators are reference data every evaluation leans on: administrators keep them.
Administrator = Depends(require(ADMINISTER))


IndicatorId = Annotated[uuid.UUID, Path(alias="indicatorId")]


def load_indicator(indicator_id: IndicatorId, session: SessionDep) -> Indicator:
    return service.get_indicator(session, indicator_id)


IndicatorDep = Annotated[Indicator, Depends(load_indicator)]
IfMatch = Annotated[str | None, Header(description="ETag of the version you edited")]


@router.get("", response_model=Page[IndicatorPublic])
def list_indicators(
    request: Request,
    session: SessionDep,
    filters: Annotated[service.IndicatorFilters, Query()],
    paging: Annotated[PageParams, Query()],
) -> Response:
    indicators, total = service.list_indicators(session, filters, paging)
    items = [IndicatorPublic.model_validate(indicator).model_dump(mode="json", by_alias=True)
             for indicator in indicators]
    return page_response(request, paging, items, total)


@router.get("/{indicatorId}")
def get_indicator(indicator: IndicatorDep, response: Response) -> IndicatorPublic:
    set_etag(response, indicator.version)
    return IndicatorPublic.model_validate(indicator)


@router.post("", status_code=status.HTTP_201_CREATED, dependencies=[Administrator])
def create_indicator(
    data: IndicatorCreate, session: SessionDep, response: Response
) -> IndicatorPublic:
    indicator = service.create_indicator(session, data)
    set_etag(response, indicator.version)
    response.headers["Location"] = f"/v1/indicators/{indicator.id}"
    return IndicatorPublic.model_validate(indicator)


@router.patch("/{indicatorId}", dependencies=[Administrator])
def update_indicator(
    indicator: IndicatorDep, changes: IndicatorUpdate, session: SessionDep,
    response: Response, if_match: IfMatch = None,
) -> IndicatorPublic:
    indicator = service.update_indicator(session, indicator, changes, if_match)
    set_etag(response, indicator.version)
    return IndicatorPublic.model_validate(indicator)


@router.delete("/{indicatorId}", status_code=status.HTTP_204_NO_CONTENT,
                dependencies=[Administrator])
def delete_indicator(indicator: IndicatorDep, session: SessionDep,
                     if_match: IfMatch = None) -> None:
    service.delete_indicator(session, indicator, if_match)
