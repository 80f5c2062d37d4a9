"""The rows of each exported table, in its columns' order, straight from the database.

Every table is sorted by its cells' text (the key first), which does not depend on database
ids: the same data gives the same file in any database (the import round trip relies on it).
"""

import uuid
from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from api.areas.models import Area
from api.db import table_of
from api.evaluations.models import Evaluation, OutcomeMeasure
from api.indicators.models import Indicator
from api.initiatives.models import Initiative, InitiativeTheme
from api.professionals.models import Professional, ProfessionalArea
from api.support_episodes.models import SupportEpisode
from api.tabular.columns import Table
from api.tabular.tables import (
    EVALUATIONS,
    INITIATIVES,
    OUTCOME_MEASURES,
    OWN_REFERENCE,
    PROFESSIONALS,
    SUPPORT_EPISODES,
)
from api.tabular.writers import Cell, cell_text
from api.vocabularies.models import Theme

Rows = list[list[Cell]]
IdSelection = Select[tuple[uuid.UUID]]

INITIATIVE, THEMES, AREAS = table_of(Initiative), table_of(InitiativeTheme), table_of(Area)
PROFESSIONAL, PROFESSIONAL_AREAS = table_of(Professional), table_of(ProfessionalArea)
EPISODE, EVALUATION = table_of(SupportEpisode), table_of(Evaluation)
MEASURE, INDICATOR = table_of(OutcomeMeasure), table_of(Indicator)


def reference(external_ref: str | None, record_id: uuid.UUID) -> str:
    """A record's external reference, or our own for a record that has none."""
    return external_ref if external_ref is not None else f"{OWN_REFERENCE}{record_id}"


def _in_order(vocabulary: type[StrEnum], codes: Iterable[str]) -> list[str]:
    """Codes in the vocabulary's own order (the database keeps a set, not an order)."""
    present = set(codes)
    return [code.value for code in vocabulary if code.value in present]


def _sorted(table: Table, rows: Rows) -> Rows:
    return sorted(rows, key=lambda row: [cell_text(column, cell)
                                         for column, cell in zip(table.columns, row, strict=True)])


def _plain(table: Table, row: Any, special: dict[str, Callable[[Any], Cell]]) -> list[Cell]:
    """A row's cells: the special columns computed, the others read by their snake_case name."""
    mapping = row._mapping
    return [special[column.name](row) if column.name in special
            else mapping[_snake(column.name)] for column in table.columns]


def _snake(name: str) -> str:
    return "".join(f"_{char.lower()}" if char.isupper() else char for char in name)


def initiative_rows(session: Session, ids: IdSelection) -> Rows:
    connection = session.connection()
    themes: dict[uuid.UUID, list[str]] = {}
    for initiative_id, theme in connection.execute(
            select(THEMES.c.initiative_id, THEMES.c.theme).where(THEMES.c.initiative_id.in_(ids))):
        themes.setdefault(initiative_id, []).append(theme)
    query = (select(INITIATIVE, AREAS.c.code.label("buurt_code"))
             .join(AREAS, AREAS.c.id == INITIATIVE.c.buurt_id)
             .where(INITIATIVE.c.id.in_(ids)))
    special: dict[str, Callable[[Any], Cell]] = {
        "externalRef": lambda row: reference(row.external_ref, row.id),
        "buurt": lambda row: row.buurt_code,
        "themes": lambda row: _in_order(Theme, themes.get(row.id, [])),
    }
    return _sorted(INITIATIVES, [_plain(INITIATIVES, row, special)
                                 for row in connection.execute(query)])


def professional_rows(session: Session, ids: IdSelection) -> Rows:
    connection = session.connection()
    areas: dict[uuid.UUID, list[str]] = {}
    for professional_id, code in connection.execute(
            select(PROFESSIONAL_AREAS.c.professional_id, AREAS.c.code)
            .join(AREAS, AREAS.c.id == PROFESSIONAL_AREAS.c.area_id)
            .where(PROFESSIONAL_AREAS.c.professional_id.in_(ids))):
        areas.setdefault(professional_id, []).append(code)
    special: dict[str, Callable[[Any], Cell]] = {
        "externalRef": lambda row: reference(row.external_ref, row.id),
        "areas": lambda row: sorted(areas.get(row.id, [])),
    }
    query = select(PROFESSIONAL).where(PROFESSIONAL.c.id.in_(ids))
    return _sorted(PROFESSIONALS, [_plain(PROFESSIONALS, row, special)
                                   for row in connection.execute(query)])


def support_episode_rows(session: Session, initiative_ids: IdSelection) -> Rows:
    professional = aliased(PROFESSIONAL)
    query = (select(EPISODE,
                    INITIATIVE.c.external_ref.label("initiative_ref"),
                    professional.c.external_ref.label("professional_ref"))
             .join(INITIATIVE, INITIATIVE.c.id == EPISODE.c.initiative_id)
             .join(professional, professional.c.id == EPISODE.c.professional_id)
             .where(EPISODE.c.initiative_id.in_(initiative_ids)))
    special: dict[str, Callable[[Any], Cell]] = {
        "externalRef": lambda row: reference(row.external_ref, row.id),
        "initiativeRef": lambda row: reference(row.initiative_ref, row.initiative_id),
        "professionalRef": lambda row: reference(row.professional_ref, row.professional_id),
    }
    return _sorted(SUPPORT_EPISODES, [_plain(SUPPORT_EPISODES, row, special)
                                      for row in session.connection().execute(query)])


def evaluation_rows(session: Session, initiative_ids: IdSelection) -> Rows:
    query = (select(EVALUATION, INITIATIVE.c.external_ref.label("initiative_ref"))
             .join(INITIATIVE, INITIATIVE.c.id == EVALUATION.c.initiative_id)
             .where(EVALUATION.c.initiative_id.in_(initiative_ids)))
    special: dict[str, Callable[[Any], Cell]] = {
        "externalRef": lambda row: reference(row.external_ref, row.id),
        "initiativeRef": lambda row: reference(row.initiative_ref, row.initiative_id),
    }
    return _sorted(EVALUATIONS, [_plain(EVALUATIONS, row, special)
                                 for row in session.connection().execute(query)])


def outcome_measure_rows(session: Session, initiative_ids: IdSelection) -> Rows:
    query = (select(MEASURE, EVALUATION.c.external_ref.label("evaluation_ref"),
                    INDICATOR.c.code.label("indicator_code"))
             .join(EVALUATION, EVALUATION.c.id == MEASURE.c.evaluation_id)
             .join(INDICATOR, INDICATOR.c.id == MEASURE.c.indicator_id)
             .where(EVALUATION.c.initiative_id.in_(initiative_ids)))
    special: dict[str, Callable[[Any], Cell]] = {
        "evaluationRef": lambda row: reference(row.evaluation_ref, row.evaluation_id),
        "indicator": lambda row: row.indicator_code,
    }
    return _sorted(OUTCOME_MEASURES, [_plain(OUTCOME_MEASURES, row, special)
                                      for row in session.connection().execute(query)])


def supporting_professionals(initiative_ids: IdSelection) -> IdSelection:
    """The professionals who supported one of these initiatives."""
    return select(EPISODE.c.professional_id).where(EPISODE.c.initiative_id.in_(initiative_ids))


ROW_READERS: dict[str, Callable[[Session, IdSelection], Rows]] = {
    "initiatives": initiative_rows,
    "support-episodes": support_episode_rows,
    "evaluations": evaluation_rows,
    "outcome-measures": outcome_measure_rows,
}
