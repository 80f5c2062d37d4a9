"""HTTP routes of /v1/areas, /v1/buurt-geometries and /v1/wijkaanpak-buurten (read-only)."""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from pydantic import Field
from sqlalchemy import or_, select

from api.areas import service
from api.areas.models import Area, AreaPublic, AreaType, WijkaanpakBuurtPublic
from api.auth.rules import READ, require
from api.db import SessionDep, table_of
from api.wire import ApiModel, Page, PageParams, page_query, page_response, parse_sort, set_etag

router = APIRouter(tags=["areas"], dependencies=[Depends(require(READ))])
TABLE = table_of(Area)
SORT_KEYS = {"code": "code", "name": "name", "type": "type"}
PUBLIC_COLUMNS = [c for c in TABLE.columns if c.name != "geometry"]


class AreaFilters(ApiModel):
    type: list[AreaType] = Field(default_factory=list)
    indeling: int | None = Field(None, ge=2015, le=2022,
                                 description="2015 or 2022; areas of both are included")
    parent: str | None = Field(None, description="Id or code of the parent area")
    within: str | None = Field(None, description="Id or code of an area: everything below it")
    wijkaanpak: bool | None = None
    q: str | None = Field(None, min_length=1, max_length=100, description="Text in the name")
    sort: str | None = None


def _public(row: Any) -> dict[str, Any]:
    item = AreaPublic.model_validate(
        {column.name: value for column, value in zip(PUBLIC_COLUMNS, row, strict=True)}
        | {"wijkaanpak": row.wijkaanpak_buurt_id is not None}
    )
    return item.model_dump(mode="json", by_alias=True)


@router.get("/v1/areas", response_model=Page[AreaPublic])
def list_areas(
    request: Request, session: SessionDep, filters: Annotated[AreaFilters, Query()],
    paging: Annotated[PageParams, Query()],
) -> Response:
    conditions: list[Any] = []
    if filters.type:
        conditions.append(TABLE.c.type.in_(filters.type))
    if filters.indeling is not None:
        conditions.append(or_(TABLE.c.indeling == filters.indeling, TABLE.c.indeling.is_(None)))
    if filters.parent is not None:
        parent = service.require_filter_area(session, filters.parent, "parent")
        conditions.append(TABLE.c.parent_id == parent.id)
    if filters.within is not None:
        within = service.require_filter_area(session, filters.within, "within")
        conditions.append(TABLE.c.id.in_(service.areas_below(within)))
    if filters.wijkaanpak is not None:
        flagged = TABLE.c.wijkaanpak_buurt_id.is_not(None)
        conditions.append(flagged if filters.wijkaanpak else ~flagged)
    if filters.q:
        conditions.append(TABLE.c.name.ilike(f"%{filters.q}%"))
    order = parse_sort(filters.sort, SORT_KEYS, "code")
    query, total = page_query(session, select(*PUBLIC_COLUMNS), TABLE, conditions, order, paging)
    items = [_public(row) for row in session.connection().execute(query)]
    return page_response(request, paging, items, total)


AreaId = Annotated[uuid.UUID, Path(alias="areaId")]


@router.get("/v1/areas/{areaId}")
def get_area(area_id: AreaId, session: SessionDep, response: Response) -> AreaPublic:
    area = service.get_area(session, area_id)
    set_etag(response, 1)
    flagged = area.wijkaanpak_buurt_id is not None
    return AreaPublic.model_validate(area, update={"wijkaanpak": flagged})


@router.get("/v1/wijkaanpak-buurten")
def list_wijkaanpak_buurten(session: SessionDep) -> list[WijkaanpakBuurtPublic]:
    buurten = service.wijkaanpak_buurt_ids(session)
    return [
        WijkaanpakBuurtPublic.model_validate(row, update={"buurt_ids": buurten.get(row.id, [])})
        for row in service.list_wijkaanpak_buurten(session)
    ]


class GeometryFilters(ApiModel):
    indeling: int = Field(2022, ge=2015, le=2022, description="2015 or 2022")
    within: str | None = Field(None, description="Id or code of a stadsdeel, gebied or wijk")


@router.get(
    "/v1/buurt-geometries",
    responses={200: {"content": {"application/geo+json": {}},
                     "description": "GeoJSON FeatureCollection of buurten (WGS84)"}},
)
def buurt_geometries(session: SessionDep, filters: Annotated[GeometryFilters, Query()]) -> Response:
    within = None
    if filters.within:
        within = service.require_filter_area(session, filters.within, "within")
    body = service.buurt_feature_collection(session, filters.indeling, within)
    return Response(body, media_type="application/geo+json",
                    headers={"Cache-Control": "public, max-age=86400"})
