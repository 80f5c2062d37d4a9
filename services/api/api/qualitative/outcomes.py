"""Codes meet outcomes: per code (subcodes rolled up) the pooled effect and the durability of
the initiatives whose records carry it, beside the same numbers for every initiative in the
filters (docs/codebook.md). The statistics are those of /v1/analysis/effects and
/v1/analysis/durability, called, not copied: the same pooling, the same Kaplan–Meier."""

import uuid
from collections.abc import Collection
from datetime import date

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import select
from sqlmodel import Session

from api.analyses.durability.service import Cohort, gather_cohort
from api.analyses.effects import service as effects
from api.analyses.effects.models import EffectParams
from api.initiatives.listing import InitiativeFilters, matching_ids
from api.qualitative.carried_codes import carried_codes
from api.qualitative.codebook import all_codes, in_tree_order
from api.qualitative.outcome_models import (
    CodeOutcome,
    CodeOutcomes,
    DurabilitySummary,
    EffectSummary,
    OutcomeRow,
)

MONTHS = (12, 24)  # survival12, survival24


def effect_of(pool: effects.Pool, initiatives: Collection[uuid.UUID], params: EffectParams
              ) -> EffectSummary | None:
    """The pooled effect of these initiatives, exactly as /v1/analysis/effects pools a
    group; None when none has an effect or the model cannot be fitted."""
    members = [effect for effect in pool.effects if effect.initiative_id in initiatives]
    if not members:
        return None
    model = effects.pooled_group(pool, effects.ALL, members, params).model
    if model is None:
        return None
    return EffectSummary(studies=len(members), estimate=model.estimate, ci_low=model.ci_lb,
                         ci_high=model.ci_ub)


def durability_of(cohort: Cohort, rows: NDArray[np.intp], level: float
                  ) -> DurabilitySummary | None:
    """The Kaplan–Meier summary of these cohort positions; None when none has a follow-up."""
    if len(rows) == 0:
        return None
    curve = cohort.curve(rows, level)
    twelve, twenty_four = (curve.survival_at(month) for month in MONTHS)
    return DurabilitySummary(initiatives=len(rows), stopped=int(cohort.events[rows].sum()),
                             survival12=twelve, survival24=twenty_four,
                             median_months=curve.median)


def _rows_of(positions: dict[uuid.UUID, int], initiatives: Collection[uuid.UUID]
             ) -> NDArray[np.intp]:
    return np.array(sorted(positions[key] for key in initiatives if key in positions),
                    dtype=np.intp)


def code_outcomes(session: Session, filters: InitiativeFilters, params: EffectParams,
                  today: date) -> CodeOutcomes:
    pool = effects.gather(session, filters, params, today)
    cohort = gather_cohort(session, filters, today, known=pool.facts, competence=False)
    matching = matching_ids(session, filters)
    carried = carried_codes(session, matching)
    positions = {facts.id: place for place, facts in enumerate(cohort.facts)}

    def row_of(records: int, segments: int, initiatives: Collection[uuid.UUID]) -> OutcomeRow:
        return OutcomeRow(records=records, segments=segments, initiatives=len(initiatives),
                          effect=effect_of(pool, initiatives, params),
                          durability=durability_of(cohort, _rows_of(positions, initiatives),
                                                   params.level))

    codes = [CodeOutcome(code_id=code.id, name=code.name, path=" / ".join(path),
                         depth=len(path) - 1, **row_of(
                             len(carried.records.get(code.id, ())), carried.segments[code.id],
                             carried.initiatives_of(code.id)).model_dump())
             for code, path in in_tree_order(all_codes(session))]
    everyone = set(session.connection().scalars(select(matching.subquery())))
    return CodeOutcomes(indicator=effects.indicator_ref(pool.indicator), codes=codes,
                        reference=row_of(carried.coded_records, carried.all_segments, everyone))

