"""Effects from the stored outcome measures: read, converted, one per initiative, pooled
overall and per group, or regressed on moderators (docs/effects.md)."""

import math
import uuid
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from analysis.meta import MetaFitError, MetaInputError, rma
from api.analyses.effects import evidence
from api.analyses.effects.conversion import Effect, Unused, effects_of
from api.analyses.effects.grouping import GROUPINGS, in_order
from api.analyses.effects.inputs import InitiativeFacts, facts_of, measures_of
from api.analyses.effects.models import (
    Directions,
    EffectParams,
    GroupOut,
    IndicatorRef,
    InitiativeEffectOut,
    MeasureEffect,
    NotPooled,
)
from api.analyses.effects.selection import InitiativeEffect, per_initiative
from api.analyses.meta_models import model_out
from api.errors import NotFound
from api.indicators.models import Indicator
from api.initiatives.listing import InitiativeFilters, matching_ids
from api.vocabularies.models import EvidenceLevel

ALL = "alle"


@dataclass(frozen=True)
class Pool:
    """What every effects answer starts from."""

    indicator: Indicator | None
    effects: list[InitiativeEffect]
    facts: dict[uuid.UUID, InitiativeFacts]
    evaluation_levels: dict[uuid.UUID, EvidenceLevel]
    unused: list[Unused]

    def initiative_level(self, effect: InitiativeEffect) -> EvidenceLevel:
        return evidence.highest([self.evaluation_levels[e.row.evaluation_id]
                                 for e in effect.effects])

    def levels(self) -> dict[EvidenceLevel, int]:
        return dict(Counter(self.initiative_level(effect) for effect in self.effects))


def find_indicator(session: Session, wanted: str | None) -> Indicator | None:
    if wanted is None:
        return None
    try:
        found = session.get(Indicator, uuid.UUID(wanted))
    except ValueError:
        found = session.exec(select(Indicator).where(Indicator.code == wanted)).first()
    if found is None:
        raise NotFound(f"Indicator {wanted} bestaat niet. / No such indicator.")
    return found


# A caller that asks many analyses of one snapshot (the method book) puts a dict under this
# key in session.info: each pool is then gathered once per filters, indicator and day.
POOLS = "effects-pools"


def gather(session: Session, filters: InitiativeFilters, params: EffectParams,
           today: date) -> Pool:
    memo: dict[tuple[str, str | None, date], Pool] | None = session.info.get(POOLS)
    key = (filters.model_dump_json(), params.indicator, today)
    if memo is not None and key in memo:
        return memo[key]
    pool = _gather(session, filters, params, today)
    if memo is not None:
        memo[key] = pool
    return pool


def _gather(session: Session, filters: InitiativeFilters, params: EffectParams,
            today: date) -> Pool:
    indicator = find_indicator(session, params.indicator)
    rows = measures_of(session, matching_ids(session, filters), None)
    effects, unused = effects_of(rows)
    by_evaluation: dict[uuid.UUID, list[Effect]] = defaultdict(list)
    for effect in effects:
        by_evaluation[effect.row.evaluation_id].append(effect)
    levels = {row.evaluation_id: evidence.evaluation_level(
        row.design, row.theory_of_change, by_evaluation[row.evaluation_id]) for row in rows}
    if indicator is not None:
        effects = [e for e in effects if e.row.indicator_id == indicator.id]
        unused = [u for u in unused if u.row.indicator_id == indicator.id]
    pooled = per_initiative(effects)
    facts = facts_of(session, {effect.initiative_id for effect in pooled}, today)
    return Pool(indicator, pooled, facts, levels, unused)


def indicator_ref(indicator: Indicator | None) -> IndicatorRef | None:
    if indicator is None:
        return None
    return IndicatorRef(id=indicator.id, code=indicator.code, name=indicator.name)


def not_pooled(unused: Sequence[Unused]) -> NotPooled:
    reasons = Counter(item.reason for item in unused)
    directions = Counter(item.row.statistics["direction"] for item in unused
                         if item.reason == "direction")
    return NotPooled(directions=Directions(**directions), no_comparison=reasons["no-comparison"],
                     no_common_scale=reasons["no-common-scale"], undefined=reasons["undefined"])


def initiative_out(pool: Pool, effect: InitiativeEffect) -> InitiativeEffectOut:
    half = evidence.Z_95 * math.sqrt(effect.vi)
    return InitiativeEffectOut(
        id=effect.initiative_id, title=pool.facts[effect.initiative_id].title, yi=effect.yi,
        vi=effect.vi, ci_lb=effect.yi - half, ci_ub=effect.yi + half,
        evidence_level=pool.initiative_level(effect),
        measures=[MeasureEffect(
            measure_id=e.row.measure_id, evaluation_id=e.row.evaluation_id,
            indicator_id=e.row.indicator_id, computed_as=e.computed_as, yi=e.yi, vi=e.vi,
            evaluation_evidence_level=pool.evaluation_levels[e.row.evaluation_id])
            for e in effect.effects])


def pooled_group(pool: Pool, label: str, members: Sequence[InitiativeEffect],
                 params: EffectParams) -> GroupOut:
    ordered = sorted(members, key=lambda effect: pool.facts[effect.initiative_id].title)
    model, note = None, None
    if ordered:
        try:
            model = model_out(rma([e.yi for e in ordered], [e.vi for e in ordered],
                                  method=params.method, test=params.test, level=params.level))
        except (MetaInputError, MetaFitError) as error:
            note = str(error)
    return GroupOut(label=label, k=len(ordered), model=model, note=note,
                    initiatives=[initiative_out(pool, effect) for effect in ordered])


def members_by_label(pool: Pool, group_by: str) -> dict[str, list[InitiativeEffect]]:
    labels_of = GROUPINGS[group_by]
    members: dict[str, list[InitiativeEffect]] = defaultdict(list)
    for effect in pool.effects:
        for label in labels_of(pool.facts[effect.initiative_id]):
            members[label].append(effect)
    return {label: members[label] for label in in_order(group_by, list(members))}
