"""Support-episode use cases: list with filters, read, create, update and delete."""

import uuid
from typing import Any

from pydantic import Field
from pydantic.alias_generators import to_camel
from sqlalchemy import ColumnElement, String, cast, or_, select
from sqlmodel import Session

from api.audit.recorder import as_snapshot, record_on_commit
from api.db import commit, utc_now
from api.errors import FieldError, InvalidInput, NotFound
from api.initiatives.models import Initiative
from api.professionals.models import Professional
from api.support_episodes.models import (
    SupportEpisode,
    SupportEpisodeCreate,
    SupportEpisodePublic,
    SupportEpisodeUpdate,
)
from api.vocabularies.models import ProfessionalRole, SupportKind, SupportStyle
from api.wire import ApiModel, PageParams, check_if_match, page_query, parse_sort, refuse_nulls

SORT_KEYS = {
    "startDate": "start_date", "hours": "hours", "createdAt": "created_at",
    "updatedAt": "updated_at",
}
# Looked up by name: SQLModel does not declare `__table__` for the type checker.
TABLE = SupportEpisode.metadata.tables["support_episode"]
LIST_COLUMNS = list(TABLE.columns)
# str(): the version column is named by a str subclass, which orjson refuses as a key.
WIRE_NAMES = [to_camel(str(column.name)) for column in LIST_COLUMNS]
# Optional on create (they have defaults) but a stored episode always has them.
NEVER_NULL = ("role", "kinds", "action_description")
# The handelingsbeschrijving's four parts, in the order it is told: what `q` searches.
ACCOUNT_PARTS = ("situation", "action_description", "reasoning", "result")


class SupportEpisodeFilters(ApiModel):
    initiative: uuid.UUID | None = Field(None, description="Episodes of this initiative")
    professional: uuid.UUID | None = Field(None, description="Episodes of this professional")
    role: list[ProfessionalRole] = Field(default_factory=list, description="Any of these roles")
    style: list[SupportStyle] = Field(default_factory=list, description="Any of these styles")
    kind: list[SupportKind] = Field(
        default_factory=list, description="Episodes whose kinds include any of these"
    )
    q: str | None = Field(
        None, min_length=1, max_length=200,
        description="Text in the handelingsbeschrijving (situation, actionDescription, "
                    "reasoning or result), in any case; personal data, so not for viewers",
    )
    sort: str | None = Field(None, description="Comma-separated keys, '-' for descending")


def _text_match(text: str) -> ColumnElement[bool]:
    """Case-insensitive text in any part of the account; % and _ are plain characters."""
    pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return or_(*(TABLE.c[part].ilike(pattern, escape="\\") for part in ACCOUNT_PARTS))


def _has_kind(kind: SupportKind) -> ColumnElement[bool]:
    # `kinds` is a JSON list of codes. Codes never contain a quote, so the quoted code
    # occurs in the JSON text exactly when it is in the list, on SQLite and PostgreSQL alike.
    return cast(TABLE.c.kinds, String).like(f'%"{kind.value}"%')


def _conditions(filters: SupportEpisodeFilters) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    if filters.initiative is not None:
        found.append(TABLE.c.initiative_id == filters.initiative)
    if filters.professional is not None:
        found.append(TABLE.c.professional_id == filters.professional)
    if filters.role:
        found.append(TABLE.c.role.in_(filters.role))
    if filters.style:
        found.append(TABLE.c.style.in_(filters.style))
    if filters.kind:
        found.append(or_(*(_has_kind(kind) for kind in filters.kind)))
    if filters.q:
        found.append(_text_match(filters.q))
    return found


def list_support_episodes(
    session: Session, filters: SupportEpisodeFilters, page: PageParams
) -> tuple[list[dict[str, Any]], int]:
    """One page of support episodes as wire-ready dicts, and the number that match."""
    order = parse_sort(filters.sort, SORT_KEYS, "-startDate")
    conditions = _conditions(filters)
    query, total = page_query(session, select(*LIST_COLUMNS), TABLE, conditions, order, page)
    rows = session.connection().execute(query)
    return [dict(zip(WIRE_NAMES, row, strict=True)) for row in rows], total


def get_support_episode(session: Session, episode_id: uuid.UUID) -> SupportEpisode:
    episode = session.get(SupportEpisode, episode_id)
    if episode is None:
        raise NotFound(f"Ondersteuningsepisode {episode_id} bestaat niet. / No such episode.")
    return episode


def _unknown(pointer: str, what: str, value: uuid.UUID) -> FieldError:
    return FieldError(pointer, f"unknown-{what}",
                      f"{what.capitalize()} {value} bestaat niet. / No such {what}.")


def _check_consistency(episode: SupportEpisode) -> None:
    if episode.end_date is not None and episode.end_date < episode.start_date:
        raise InvalidInput([FieldError("/endDate", "before-start",
                                       "Einddatum ligt vóór de startdatum. / Ends before start.")])


def _check_unique_ref(session: Session, episode: SupportEpisode) -> None:
    if episode.external_ref is None:
        return
    other = session.connection().execute(
        select(TABLE.c.id).where(TABLE.c.external_ref == episode.external_ref,
                                 TABLE.c.id != episode.id)
    ).first()
    if other is not None:
        raise InvalidInput([FieldError("/externalRef", "duplicate",
                                       "Deze externe referentie bestaat al. / Already in use.")])


def _snapshot(episode: SupportEpisode) -> dict[str, object]:
    return as_snapshot(SupportEpisodePublic.model_validate(episode))


def _record(session: Session, episode: SupportEpisode, before: dict[str, object] | None,
            deleted: bool = False) -> None:
    record_on_commit(session, "support-episode", episode.id, before,
                     lambda: None if deleted else _snapshot(episode))


def create_support_episode(session: Session, data: SupportEpisodeCreate) -> SupportEpisode:
    initiative = session.get(Initiative, data.initiative_id)
    professional = session.get(Professional, data.professional_id)
    errors = []
    if initiative is None:
        errors.append(_unknown("/initiativeId", "initiative", data.initiative_id))
    if professional is None:
        errors.append(_unknown("/professionalId", "professional", data.professional_id))
    if errors:
        raise InvalidInput(errors)
    assert professional is not None
    episode = SupportEpisode.model_validate(
        data.model_dump(), update={"role": data.role or professional.role}
    )
    episode.kinds = list(dict.fromkeys(episode.kinds))
    _check_consistency(episode)
    _check_unique_ref(session, episode)
    session.add(episode)
    _record(session, episode, before=None)
    commit(session)
    session.refresh(episode)
    return episode


def _refuse_nulls(values: dict[str, Any]) -> None:
    refuse_nulls(values, SupportEpisodeCreate)
    nulls = [name for name in NEVER_NULL if name in values and values[name] is None]
    if nulls:
        raise InvalidInput([FieldError("/" + to_camel(name), "required",
                                       "Dit veld is verplicht. / This field is required.")
                            for name in nulls])


def update_support_episode(
    session: Session, episode: SupportEpisode, changes: SupportEpisodeUpdate,
    if_match: str | None,
) -> SupportEpisode:
    check_if_match(if_match, episode.version)
    before = _snapshot(episode)
    values = changes.model_dump(exclude_unset=True)
    _refuse_nulls(values)
    if "professional_id" in values and session.get(Professional, values["professional_id"]) is None:
        raise InvalidInput([_unknown("/professionalId", "professional", values["professional_id"])])
    if "kinds" in values:
        values["kinds"] = list(dict.fromkeys(values["kinds"]))
    # No autoflush: the row is written at the commit, where a stale version becomes a 412
    # and a constraint that lost a race a 409.
    with session.no_autoflush:
        episode.sqlmodel_update(values)
        _check_consistency(episode)
        _check_unique_ref(session, episode)
        episode.updated_at = utc_now()
    _record(session, episode, before)
    commit(session)
    session.refresh(episode)
    return episode


def delete_support_episode(session: Session, episode: SupportEpisode, if_match: str | None) -> None:
    check_if_match(if_match, episode.version)
    _record(session, episode, _snapshot(episode), deleted=True)
    session.delete(episode)
    commit(session)
