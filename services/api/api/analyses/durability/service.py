"""Durability after support from the stored follow-ups: who enters, the curves overall and
per group, the log-rank test and the Cox model (docs/support.md)."""

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import func, select
from sqlmodel import Session

from analysis.survival import FloatArray
from api.analyses.durability.curves import Curve, kaplan_meier_curve, log_rank_test
from api.analyses.durability.design import design_matrix
from api.analyses.durability.hazards import cox_model
from api.analyses.durability.models import (
    CoxOut,
    DurabilityParams,
    DurabilityReport,
    LogRankOut,
    Population,
    SurvivalCase,
    SurvivalGroup,
    Ties,
)
from api.analyses.durability.records import survival_records, with_follow_ups
from api.analyses.effects.grouping import OVERLAPPING, labels_of, positions_by_label
from api.analyses.effects.inputs import InitiativeFacts, facts_of
from api.initiatives.listing import InitiativeFilters, matching_ids

ALL = "alle"
MANY_IDS = 10_000
OVERLAP_NOTE = "Groepen overlappen: geen toets. / Groups overlap: no test."


@dataclass(frozen=True)
class Cohort:
    """The initiatives with follow-ups, by title: their facts, and their survival records as
    arrays in the same order (groups are arrays of positions: no lookups per initiative)."""

    facts: list[InitiativeFacts]
    times: FloatArray
    events: NDArray[np.bool_]
    without_follow_up: int

    def curve(self, rows: NDArray[np.intp], level: float) -> Curve:
        return kaplan_meier_curve(self.times[rows], self.events[rows], level)


@dataclass(frozen=True)
class Split:
    """The cohort split by a grouping: each group's positions, and the test between them."""

    members: dict[str, NDArray[np.intp]]
    log_rank: LogRankOut | None
    note: str | None


def split(cohort: Cohort, grouping: str) -> Split:
    labels = [labels_of(grouping, facts) for facts in cohort.facts]
    members = {label: np.array(rows, dtype=np.intp)
               for label, rows in positions_by_label(grouping, labels).items()}
    if grouping in OVERLAPPING:
        return Split(members, None, OVERLAP_NOTE)
    test, note = log_rank_test(cohort.times, cohort.events, [own[0] for own in labels])
    return Split(members, test, note)


def gather_cohort(session: Session, filters: InitiativeFilters, today: date, *,
                  known: Mapping[uuid.UUID, InitiativeFacts] | None = None,
                  competence: bool = True) -> Cohort:
    """The initiatives that pass the filters and have follow-ups; facts already `known`
    (those of the effects analysis, say) are not read again."""
    matching = matching_ids(session, filters)
    records = survival_records(session, matching)
    missing = {key for key in records if key not in (known or {})}
    # Past some thousands of ids a list costs more than a query (and PostgreSQL takes at
    # most 65,535 parameters): then every one is read again.
    if known is None or len(missing) > MANY_IDS:
        facts = facts_of(session, with_follow_ups(matching), today, competence=competence)
    else:
        facts = facts_of(session, missing, today, competence=competence)
        facts.update((key, known[key]) for key in records if key in known)
    entered = sorted((found for key, found in facts.items() if key in records),
                     key=lambda found: (found.title, str(found.id)))
    total = session.connection().execute(
        select(func.count()).select_from(matching.subquery())).scalar_one()
    return Cohort(entered, np.array([records[found.id].time for found in entered], dtype=float),
                  np.array([records[found.id].event for found in entered], dtype=bool),
                  int(total) - len(entered))


def cox_of(cohort: Cohort, covariates: Sequence[str], ties: Ties, population: Population,
           level: float) -> tuple[CoxOut | None, str | None]:
    """The Cox model, on the initiatives that continued after support (time > 0) unless
    `population` is "all"; or why there is none."""
    if not covariates:
        return None, "Geen covariaten gekozen. / No covariates chosen."
    rows = np.arange(len(cohort.facts))
    if population == "continued":
        rows = rows[cohort.times > 0]
    design = design_matrix([cohort.facts[row] for row in rows], covariates)
    chosen = rows[design.rows]
    return cox_model(cohort.times[chosen], cohort.events[chosen], design, ties, population,
                     level)


def _cases(cohort: Cohort) -> list[SurvivalCase]:
    return [SurvivalCase(id=facts.id, title=facts.title, time=float(time), event=bool(event))
            for facts, time, event in zip(cohort.facts, cohort.times, cohort.events,
                                          strict=True)]


def _group(cohort: Cohort, cases: list[SurvivalCase], label: str, rows: NDArray[np.intp],
           level: float) -> SurvivalGroup:
    curve = cohort.curve(rows, level)
    return SurvivalGroup(label=label, n=len(rows), events=int(cohort.events[rows].sum()),
                         median=curve.median, curve=curve.points,
                         initiatives=[cases[row] for row in rows])


def durability(session: Session, filters: InitiativeFilters, params: DurabilityParams,
               today: date) -> DurabilityReport:
    needs_competence = params.by == "competence" or "competence" in params.covariates
    cohort = gather_cohort(session, filters, today, competence=needs_competence)
    cases = _cases(cohort)  # made once, listed in every group they belong to
    overall = _group(cohort, cases, ALL, np.arange(len(cases)), params.level)
    groups: list[SurvivalGroup] = []
    test, test_note = None, None
    if params.by is not None:
        grouped = split(cohort, params.by)
        groups = [_group(cohort, cases, label, rows, params.level)
                  for label, rows in grouped.members.items()]
        test, test_note = grouped.log_rank, grouped.note
    model, model_note = cox_of(cohort, params.covariates, params.ties, params.cox_population,
                               params.level)
    return DurabilityReport(
        by=params.by, n=overall.n, events=overall.events, left_out=cohort.without_follow_up,
        overall=overall, groups=groups, log_rank=test, log_rank_note=test_note, cox=model,
        cox_note=model_note)
