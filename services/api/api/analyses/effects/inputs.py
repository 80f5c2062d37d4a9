"""What the effects are computed from: outcome measures with their evaluation, and the facts
about each evaluated initiative that effects are grouped or regressed by."""

import uuid
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, select
from sqlmodel import Session

from api.areas.models import Area
from api.db import table_of
from api.evaluations.models import STATISTIC_FIELDS, Evaluation, OutcomeMeasure
from api.indicators.models import Indicator
from api.initiatives.models import Initiative, InitiativeTheme
from api.support_episodes.models import SupportEpisode
from api.vocabularies.models import (
    RESIDENT_INITIATORS,
    EvaluationDesign,
    MeasureKind,
    ProfessionalRole,
)

MEASURES, EVALUATIONS = table_of(OutcomeMeasure), table_of(Evaluation)
INDICATORS, INITIATIVES = table_of(Indicator), table_of(Initiative)
THEMES, EPISODES, AREAS = table_of(InitiativeTheme), table_of(SupportEpisode), table_of(Area)
DAYS_PER_MONTH = 365.25 / 12


@dataclass(frozen=True)
class MeasureRow:
    """One outcome measure, with what its effect and its evidence depend on."""

    measure_id: uuid.UUID
    initiative_id: uuid.UUID
    evaluation_id: uuid.UUID
    indicator_id: uuid.UUID
    higher_is_better: bool
    design: EvaluationDesign
    theory_of_change: bool
    evaluated_on: date
    kind: MeasureKind
    statistics: Mapping[str, Any]


@dataclass
class InitiativeFacts:
    """An evaluated initiative as the groupings and moderators see it."""

    id: uuid.UUID
    title: str
    organisation_form: str
    initiator_type: str
    participation_level: str
    stadsdeel: str
    amount_granted: float | None
    duration_months: float | None
    continued_after_support: bool | None = None
    themes: tuple[str, ...] = ()
    hours_by_role: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    hours_by_style: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    kinds: set[str] = field(default_factory=set)

    @property
    def hours(self) -> float:
        return sum(self.hours_by_role.values())

    @property
    def resident_initiated(self) -> bool:
        return self.initiator_type in RESIDENT_INITIATORS

    @property
    def makelaar_involved(self) -> bool:
        return ProfessionalRole.PARTICIPATIEMAKELAAR in self.hours_by_role


def measures_of(session: Session, initiatives: Select[tuple[uuid.UUID]],
                indicator_id: uuid.UUID | None) -> list[MeasureRow]:
    """Every outcome measure of an evaluation of these initiatives (on one indicator)."""
    wanted: list[ColumnElement[bool]] = [EVALUATIONS.c.initiative_id.in_(initiatives)]
    if indicator_id is not None:
        wanted.append(MEASURES.c.indicator_id == indicator_id)
    query = (select(MEASURES.c.id, EVALUATIONS.c.initiative_id, EVALUATIONS.c.id.label("ev"),
                    MEASURES.c.indicator_id, INDICATORS.c.higher_is_better,
                    EVALUATIONS.c.design, EVALUATIONS.c.theory_of_change,
                    EVALUATIONS.c.evaluated_on, MEASURES.c.kind,
                    *(MEASURES.c[name] for name in STATISTIC_FIELDS))
             .join(EVALUATIONS, EVALUATIONS.c.id == MEASURES.c.evaluation_id)
             .join(INDICATORS, INDICATORS.c.id == MEASURES.c.indicator_id)
             .where(and_(*wanted)).order_by(MEASURES.c.id))
    return [MeasureRow(row.id, row.initiative_id, row.ev, row.indicator_id,
                       row.higher_is_better, EvaluationDesign(row.design),
                       row.theory_of_change, row.evaluated_on, MeasureKind(row.kind),
                       {name: getattr(row, name) for name in STATISTIC_FIELDS})
            for row in session.connection().execute(query)]


def facts_of(session: Session, ids: set[uuid.UUID],
             today: date) -> dict[uuid.UUID, InitiativeFacts]:
    """The facts of these initiatives, their support summed per role and style."""
    if not ids:
        return {}
    chosen = list(ids)
    connection = session.connection()
    themes = func.aggregate_strings(THEMES.c.theme, ",")
    query = (select(INITIATIVES, AREAS.c.code,
                    select(themes).where(THEMES.c.initiative_id == INITIATIVES.c.id)
                    .scalar_subquery().label("theme_list"))
             .join(AREAS, AREAS.c.id == INITIATIVES.c.current_buurt_id)
             .where(INITIATIVES.c.id.in_(chosen)))
    facts = {row.id: _facts(row, today) for row in connection.execute(query)}
    episodes = select(EPISODES.c.initiative_id, EPISODES.c.role, EPISODES.c.style,
                      EPISODES.c.kinds, EPISODES.c.hours).where(
        EPISODES.c.initiative_id.in_(chosen))
    for episode in connection.execute(episodes):
        found = facts[episode.initiative_id]
        found.hours_by_role[episode.role] += episode.hours
        if episode.style is not None:
            found.hours_by_style[episode.style] += episode.hours
        found.kinds.update(episode.kinds or ())
    return facts


def _facts(row: Any, today: date) -> InitiativeFacts:
    duration = None
    if row.start_date is not None:
        duration = ((row.end_date or today) - row.start_date).days / DAYS_PER_MONTH
    return InitiativeFacts(
        id=row.id, title=row.title, organisation_form=row.organisation_form,
        initiator_type=row.initiator_type, participation_level=row.participation_level,
        stadsdeel=row.code[:1], amount_granted=row.amount_granted, duration_months=duration,
        continued_after_support=row.continued_after_support,
        themes=tuple(sorted(row.theme_list.split(","))) if row.theme_list else ())
