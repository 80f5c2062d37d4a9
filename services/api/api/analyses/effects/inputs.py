"""What the effects are computed from: outcome measures with their evaluation, and the facts
about each evaluated initiative that effects are grouped or regressed by."""

import uuid
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import orjson
from sqlalchemy import ColumnElement, Select, String, and_, cast, func, select
from sqlmodel import Session

from api.analyses.effects.competence import competence_by_professional, weighted_competence
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
    SupportStyle,
)

MEASURES, EVALUATIONS = table_of(OutcomeMeasure), table_of(Evaluation)
INDICATORS, INITIATIVES = table_of(Indicator), table_of(Initiative)
THEMES, EPISODES, AREAS = table_of(InitiativeTheme), table_of(SupportEpisode), table_of(Area)
DAYS_PER_MONTH = 365.25 / 12
# What _facts reads: the whole row (JSON lists and all) costs more than the rest together.
FACT_COLUMNS = ("id", "title", "organisation_form", "initiator_type", "participation_level",
                "amount_granted", "start_date", "end_date", "continued_after_support")


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
    # Keyed by the professional's id as text (see _text): only summed and looked up.
    hours_by_professional: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    competence: float | None = None  # 0–1, see competence.py; None when none was assessed
    # Its label per grouping, once worked out (grouping.labels_of).
    labels: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def hours(self) -> float:
        return sum(self.hours_by_role.values())

    @property
    def resident_initiated(self) -> bool:
        return self.initiator_type in RESIDENT_INITIATORS

    @property
    def makelaar_involved(self) -> bool:
        return ProfessionalRole.PARTICIPATIEMAKELAAR in self.hours_by_role

    @property
    def taken_over(self) -> bool:
        """Some episode was 'overnemend': the professionals did the work themselves."""
        return SupportStyle.OVERNEMEND in self.hours_by_style


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


def facts_of(session: Session, ids: set[uuid.UUID] | Select[tuple[uuid.UUID]], today: date,
             *, competence: bool = True) -> dict[uuid.UUID, InitiativeFacts]:
    """The facts of these initiatives (a set of ids, or a query of them: faster for many),
    their support summed per role, style and professional, and its competence (left None
    with competence=False, for a caller that uses neither it nor its grouping)."""
    if isinstance(ids, set) and not ids:
        return {}
    chosen = list(ids) if isinstance(ids, set) else ids
    connection = session.connection()
    themes = func.aggregate_strings(THEMES.c.theme, ",")
    query = (select(*(INITIATIVES.c[name] for name in FACT_COLUMNS), AREAS.c.code,
                    _text(INITIATIVES.c.id).label("key"),
                    select(themes).where(THEMES.c.initiative_id == INITIATIVES.c.id)
                    .scalar_subquery().label("theme_list"))
             .join(AREAS, AREAS.c.id == INITIATIVES.c.current_buurt_id)
             .where(INITIATIVES.c.id.in_(chosen)))
    by_key = {row.key: _facts(row, today) for row in connection.execute(query)}
    # Ids as text and kinds as JSON text parsed by orjson: turning 10,000s of them into
    # UUID objects and lists the usual way took most of the time.
    episodes = select(_text(EPISODES.c.initiative_id).label("initiative"),
                      _text(EPISODES.c.professional_id).label("professional"), EPISODES.c.role,
                      EPISODES.c.style, cast(EPISODES.c.kinds, String).label("kinds"),
                      EPISODES.c.hours).where(EPISODES.c.initiative_id.in_(chosen))
    for episode in connection.execute(episodes):
        found = by_key[episode.initiative]
        found.hours_by_role[episode.role] += episode.hours
        found.hours_by_professional[episode.professional] += episode.hours
        if episode.style is not None:
            found.hours_by_style[episode.style] += episode.hours
        if episode.kinds is not None:
            found.kinds.update(orjson.loads(episode.kinds) or ())
    if competence:
        judged = competence_by_professional(session)
        for found in by_key.values():
            found.competence = weighted_competence(found.hours_by_professional, judged)
    return {found.id: found for found in by_key.values()}


def _text(column: ColumnElement[uuid.UUID]) -> ColumnElement[str]:
    """An id as the database writes it: a key as good as the UUID, and cheaper to read."""
    return cast(column, String)


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
