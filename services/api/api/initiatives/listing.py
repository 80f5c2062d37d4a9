"""The list of initiatives: filters, one page straight from rows to JSON, cached totals."""

import uuid
from datetime import date
from typing import Any

import orjson
from pydantic import Field
from pydantic.alias_generators import to_camel
from sqlalchemy import (
    JSON,
    ColumnElement,
    Connection,
    Date,
    Select,
    Uuid,
    and_,
    func,
    or_,
    select,
)
from sqlmodel import Session

from api.areas import service as area_service
from api.areas.models import Area, AreaType
from api.config import get_settings
from api.data_version import read_data_version
from api.db import table_of
from api.initiatives.models import Initiative, InitiativeTheme
from api.sql import scan_in_sort_order, uuid_text, wire_text
from api.support_episodes.models import SupportEpisode
from api.vocabularies.models import (
    InitiativeStatus,
    InitiatorType,
    OrganisationForm,
    ParticipationLevel,
    ProfessionalRole,
    Theme,
)
from api.wire import ApiModel, PageParams, parse_sort

SORT_KEYS = {
    "title": "title", "startDate": "start_date", "endDate": "end_date", "status": "status",
    "createdAt": "created_at", "updatedAt": "updated_at", "amountGranted": "amount_granted",
    "participants": "participants",
}
TABLE = table_of(Initiative)
THEMES = table_of(InitiativeTheme)
AREAS = table_of(Area)


def _as_sent(column: Any) -> Any:
    """The column as the database can already write it for the wire (see api.sql)."""
    if isinstance(column.type, Uuid):
        return uuid_text(column).label(column.name)
    if isinstance(column.type, Date | JSON):
        return wire_text(column).label(column.name)
    return column


# Selected once: the wire name of each column, and which ones hold JSON text to embed.
LIST_COLUMNS = [
    *(_as_sent(column) for column in TABLE.columns),
    (AREAS.c.wijkaanpak_buurt_id.is_not(None)).label("wijkaanpak"),
    select(func.aggregate_strings(THEMES.c.theme, ","))
    .where(THEMES.c.initiative_id == TABLE.c.id).scalar_subquery().label("themes"),
]
WIRE_NAMES = [str(to_camel(str(column.name))) for column in TABLE.columns]
JSON_AT = [index for index, column in enumerate(TABLE.columns) if isinstance(column.type, JSON)]


class InitiativeFilters(ApiModel):
    area: str | None = Field(None, description="Area id or code; includes every buurt below it")
    wijkaanpak: bool | None = Field(None, description="Only (or no) Wijkaanpak buurten")
    theme: list[Theme] = Field(default_factory=list, description="Any of these themes")
    organisation_form: list[OrganisationForm] = Field(default_factory=list)
    status: list[InitiativeStatus] = Field(default_factory=list)
    participation_level: list[ParticipationLevel] = Field(default_factory=list)
    initiator_type: list[InitiatorType] = Field(default_factory=list)
    professional: uuid.UUID | None = Field(None, description="Supported by this professional")
    role: list[ProfessionalRole] = Field(default_factory=list, description="Supported in a role")
    active_from: date | None = Field(None, description="Running on or after this date")
    active_to: date | None = Field(None, description="Started on or before this date")
    q: str | None = Field(None, min_length=1, max_length=200, description="Text in title, summary")
    external_ref: str | None = None
    sort: str | None = Field(None, description="Comma-separated keys, '-' for descending")


def _text_match(q: str) -> ColumnElement[bool]:
    pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return or_(TABLE.c.title.ilike(pattern, escape="\\"),
               TABLE.c.summary.ilike(pattern, escape="\\"))


# A filter term and whether it keeps a large share of the table (see scan_in_sort_order).
Term = tuple[ColumnElement[bool], bool]


def _place_terms(session: Session, filters: InitiativeFilters) -> list[Term]:
    found: list[Term] = []
    if filters.area is not None:
        buurten = area_service.select_buurten(session, filters.area)
        term = area_service.within(buurten, TABLE.c.buurt_id, TABLE.c.current_buurt_id)
        found.append((term, buurten.area_type != AreaType.BUURT))
    if filters.wijkaanpak is not None:
        areas = table_of(Area)
        flagged = select(areas.c.id).where(areas.c.wijkaanpak_buurt_id.is_not(None))
        in_flagged = TABLE.c.current_buurt_id.in_(flagged)
        found.append((in_flagged if filters.wijkaanpak else ~in_flagged, True))
    return found


def _vocabulary_terms(filters: InitiativeFilters) -> list[Term]:
    found: list[Term] = []
    if filters.theme:
        themes = table_of(InitiativeTheme)
        themed = select(themes.c.initiative_id).where(themes.c.theme.in_(filters.theme))
        found.append((TABLE.c.id.in_(themed), True))
    for column, values in (("organisation_form", filters.organisation_form),
                           ("status", filters.status),
                           ("participation_level", filters.participation_level),
                           ("initiator_type", filters.initiator_type)):
        if values:
            found.append((TABLE.c[column].in_(values), False))
    return found


def _support_terms(filters: InitiativeFilters) -> list[Term]:
    if filters.professional is None and not filters.role:
        return []
    episodes = table_of(SupportEpisode)
    supported = select(episodes.c.initiative_id)
    if filters.professional is not None:
        supported = supported.where(episodes.c.professional_id == filters.professional)
    if filters.role:
        supported = supported.where(episodes.c.role.in_(filters.role))
    return [(TABLE.c.id.in_(supported), filters.professional is None)]


def _other_terms(filters: InitiativeFilters) -> list[Term]:
    found: list[Term] = []
    if filters.active_to is not None:
        found.append((TABLE.c.start_date <= filters.active_to, False))
    if filters.active_from is not None:
        running = or_(TABLE.c.end_date.is_(None), TABLE.c.end_date >= filters.active_from)
        found.append((and_(running, TABLE.c.start_date.is_not(None)), False))
    if filters.q:
        found.append((_text_match(filters.q), False))
    if filters.external_ref is not None:
        found.append((TABLE.c.external_ref == filters.external_ref, False))
    return found


def _terms(session: Session, filters: InitiativeFilters) -> list[Term]:
    return [*_place_terms(session, filters), *_vocabulary_terms(filters),
            *_support_terms(filters), *_other_terms(filters)]


def matching_ids(session: Session, filters: InitiativeFilters) -> Select[tuple[uuid.UUID]]:
    """The ids of the initiatives that pass the filters, for other queries to build on."""
    return select(TABLE.c.id).where(and_(True, *(term for term, _ in _terms(session, filters))))


def list_initiatives(
    session: Session, filters: InitiativeFilters, page: PageParams
) -> tuple[list[dict[str, Any]], int]:
    """One page of initiatives as wire-ready dicts, and the number that match.

    Rows go straight from the database to camelCase dicts: loading 50 ORM objects and
    validating them costs more than the query itself (see bench/).
    """
    order = parse_sort(filters.sort, SORT_KEYS, "-updatedAt")
    terms = _terms(session, filters)
    connection = session.connection()
    total = _total(connection, filters, terms)
    # Free text is a scan whatever the plan; otherwise read a large selection in sort order.
    in_order = filters.q is None
    where = and_(True, *(scan_in_sort_order(term) if broad and in_order else term
                         for term, broad in terms))
    ordering = [TABLE.c[name].desc() if desc else TABLE.c[name].asc() for name, desc in order]
    query = (
        select(*LIST_COLUMNS)
        .join(AREAS, AREAS.c.id == TABLE.c.current_buurt_id)
        .where(where)
        .order_by(*ordering, TABLE.c.id)
        .limit(page.page_size)
        .offset(page.offset)
    )
    return [_wire_item(row) for row in connection.execute(query)], total


def _wire_item(row: Any) -> dict[str, Any]:
    values = list(row)
    for index in JSON_AT:
        if values[index] is not None:
            values[index] = orjson.Fragment(values[index])
    item = dict(zip(WIRE_NAMES, values, strict=False))
    item["wijkaanpak"] = bool(row.wijkaanpak)
    item["themes"] = sorted(row.themes.split(",")) if row.themes else []
    return item


# Totals by (filters, data version): counting a large area costs more than reading the
# page, and the same list is asked for again and again until something is written.
_totals: dict[tuple[str, int], int] = {}


def _total(connection: Connection, filters: InitiativeFilters, terms: list[Term]) -> int:
    key = (filters.model_dump_json(exclude={"sort"}), read_data_version(connection))
    total = _totals.get(key) if get_settings().cache_totals else None
    if total is None:
        count = select(func.count()).select_from(TABLE).where(and_(True, *(t for t, _ in terms)))
        total = int(connection.execute(count).scalar_one())
        if len(_totals) >= 4096:
            _totals.clear()
        _totals[key] = total
    return total
