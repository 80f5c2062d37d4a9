"""Indicator use cases: list with filters, read, create, update and delete."""

import uuid
from typing import Any

from pydantic import Field
from sqlalchemy import ColumnElement, exists, inspect, or_, select
from sqlmodel import Session

from api.audit.recorder import as_snapshot, record_on_commit
from api.db import commit, utc_now
from api.errors import Conflict, FieldError, InvalidInput, NotFound
from api.evaluations.models import OutcomeMeasure
from api.indicators.models import Indicator, IndicatorCreate, IndicatorPublic, IndicatorUpdate
from api.vocabularies.models import IndicatorLevel, IndicatorTheme, ScaleType
from api.wire import ApiModel, PageParams, check_if_match, page_query, parse_sort, refuse_nulls

SORT_KEYS = {"code": "code", "name": "name", "theme": "theme"}
TABLE = inspect(Indicator).local_table


class IndicatorFilters(ApiModel):
    theme: list[IndicatorTheme] = Field(default_factory=list, description="Any of these themes")
    level: list[IndicatorLevel] = Field(default_factory=list, description="Any of these levels")
    scale_type: list[ScaleType] = Field(default_factory=list, description="Any of these scales")
    source: str | None = Field(None, min_length=1, max_length=200,
                               description="Text in the source, case-insensitive")
    q: str | None = Field(None, min_length=1, max_length=200, description="Text in name or code")
    sort: str | None = Field(None, description="Comma-separated keys, '-' for descending")


def contains(column: ColumnElement[str], text: str) -> ColumnElement[bool]:
    """Case-insensitive substring match that treats % and _ in the text as plain characters."""
    pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return column.ilike(pattern, escape="\\")


def _conditions(filters: IndicatorFilters) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    for column, values in (("theme", filters.theme), ("level", filters.level),
                           ("scale_type", filters.scale_type)):
        if values:
            found.append(TABLE.c[column].in_(values))
    if filters.source:
        found.append(contains(TABLE.c.source, filters.source))
    if filters.q:
        found.append(or_(contains(TABLE.c.name, filters.q), contains(TABLE.c.code, filters.q)))
    return found


def list_indicators(
    session: Session, filters: IndicatorFilters, page: PageParams
) -> tuple[list[Indicator], int]:
    order = parse_sort(filters.sort, SORT_KEYS, "code")
    query, total = page_query(session, select(Indicator), TABLE, _conditions(filters), order, page)
    return list(session.scalars(query)), total


def get_indicator(session: Session, indicator_id: uuid.UUID) -> Indicator:
    indicator = session.get(Indicator, indicator_id)
    if indicator is None:
        raise NotFound(f"Indicator {indicator_id} bestaat niet. / No such indicator.")
    return indicator


def _check(session: Session, values: dict[str, Any], indicator_id: uuid.UUID | None) -> None:
    errors = []
    duplicate = select(TABLE.c.id).where(TABLE.c.code == values["code"])
    if indicator_id is not None:
        duplicate = duplicate.where(TABLE.c.id != indicator_id)
    if session.connection().execute(duplicate).first() is not None:
        errors.extend(_duplicate_code().errors)
    low, high = values["scale_min"], values["scale_max"]
    if low is not None and high is not None and high <= low:
        errors.append(FieldError("/scaleMax", "not-above-scale-min",
                                 "Het maximum moet boven het minimum liggen. / "
                                 "scaleMax must exceed scaleMin."))
    if errors:
        raise InvalidInput(errors)


def _snapshot(indicator: Indicator) -> dict[str, object]:
    return as_snapshot(IndicatorPublic.model_validate(indicator))


def _record(session: Session, indicator: Indicator, before: dict[str, object] | None,
            deleted: bool = False) -> None:
    record_on_commit(session, "indicator", indicator.id, before,
                     lambda: None if deleted else _snapshot(indicator))


def create_indicator(session: Session, data: IndicatorCreate) -> Indicator:
    _check(session, data.model_dump(), None)
    indicator = Indicator.model_validate(data.model_dump())
    session.add(indicator)
    _record(session, indicator, before=None)
    commit(session, _duplicate_code())
    session.refresh(indicator)
    return indicator


def update_indicator(
    session: Session, indicator: Indicator, changes: IndicatorUpdate, if_match: str | None
) -> Indicator:
    check_if_match(if_match, indicator.version)
    before = _snapshot(indicator)
    values = changes.model_dump(exclude_unset=True)
    refuse_nulls(values, IndicatorCreate)
    # Stored codes load as plain strings, not enum members: nothing to warn about.
    _check(session, indicator.model_dump(warnings=False) | values, indicator.id)
    indicator.sqlmodel_update(values)
    indicator.updated_at = utc_now()
    _record(session, indicator, before)
    commit(session, _duplicate_code())
    session.refresh(indicator)
    return indicator


def delete_indicator(session: Session, indicator: Indicator, if_match: str | None) -> None:
    """Refuses while outcome measures use the indicator: their statistics would lose meaning."""
    check_if_match(if_match, indicator.version)
    measures = inspect(OutcomeMeasure).local_table
    used = select(exists().where(measures.c.indicator_id == indicator.id))
    if session.connection().execute(used).scalar_one():
        raise _in_use()
    _record(session, indicator, _snapshot(indicator), deleted=True)
    session.delete(indicator)
    commit(session, _in_use())


def _in_use() -> Conflict:
    return Conflict("Deze indicator wordt gebruikt door uitkomstmaten; verwijder die eerst. / "
                    "Outcome measures use this indicator; delete them first.")


def _duplicate_code() -> InvalidInput:
    return InvalidInput([FieldError("/code", "duplicate",
                                    "Deze code bestaat al. / Code already in use.")])
