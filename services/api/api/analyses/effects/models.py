"""The wire shapes of GET /v1/analysis/effects and /effects/moderators."""

import uuid
from typing import Literal, get_args

from pydantic import Field

from api.analyses.bias_models import FixedEffect, SeparateTau2
from api.analyses.effects.grouping import GROUPINGS, MODERATORS
from api.analyses.meta_models import MetaModelOut, Method, Test
from api.vocabularies.models import EvidenceLevel
from api.wire import ApiModel

GroupBy = Literal[
    "organisationForm", "theme", "supportKind", "professionalRole", "supportStyle", "stadsdeel",
    "participationLevel", "initiatorType", "residentInitiated", "makelaarInvolved",
    "residentInitiatedWithMakelaar", "takenOver", "supportHours", "competence"]
ModeratorName = Literal[
    "hours", "hoursSquared", "makelaarInvolved", "residentInitiated",
    "residentInitiatedWithMakelaar", "takenOver", "competence", "amountGranted",
    "durationMonths", "organisationForm", "professionalRole", "supportStyle", "stadsdeel",
    "participationLevel", "initiatorType"]
# Spelled out for the OpenAPI document; they must name exactly what grouping.py computes.
assert set(get_args(GroupBy)) == set(GROUPINGS)
assert set(get_args(ModeratorName)) == set(MODERATORS)


class EffectParams(ApiModel):
    indicator: str | None = Field(None, description="Indicator id or code; all when left out")
    method: Method = "REML"
    test: Test = "z"
    level: float = Field(95, gt=0, lt=100)


class GroupParams(EffectParams):
    group_by: GroupBy | None = Field(None, description="Pool per group of this")


class ModeratorParams(EffectParams):
    moderators: list[ModeratorName] = Field(min_length=1, max_length=8)


class MeasureEffect(ApiModel):
    """One outcome measure's effect, as pooled."""

    measure_id: uuid.UUID
    evaluation_id: uuid.UUID
    indicator_id: uuid.UUID
    computed_as: str = Field(description="SMCR, SMD, OR (converted to SMD) or reported-…")
    yi: float
    vi: float
    evaluation_evidence_level: EvidenceLevel


class InitiativeEffectOut(ApiModel):
    id: uuid.UUID
    title: str
    yi: float = Field(description="Standardised mean difference; positive is better")
    vi: float
    ci_lb: float
    ci_ub: float
    evidence_level: EvidenceLevel
    measures: list[MeasureEffect]


class GroupOut(ApiModel):
    label: str
    k: int
    model: MetaModelOut | None = Field(description="The pooled model; null when k is too small")
    note: str | None = None
    initiatives: list[InitiativeEffectOut]


class Directions(ApiModel):
    positive: int = 0
    none: int = 0
    negative: int = 0


class NotPooled(ApiModel):
    """Measures that give no effect on the common scale, counted (docs/effects.md)."""

    directions: Directions
    no_comparison: int = 0
    no_common_scale: int = 0
    undefined: int = 0


class IndicatorRef(ApiModel):
    id: uuid.UUID
    code: str
    name: str


class EffectsBase(ApiModel):
    indicator: IndicatorRef | None
    method: str
    test: str
    level: float
    not_pooled: NotPooled
    evidence_levels: dict[EvidenceLevel, int] = Field(description="Initiatives per level")


class CommonTau2Test(ApiModel):
    qm: float | None
    qm_df: int | None
    qm_p: float | None
    tau2: float | None = Field(description="The tau² all groups share")


class SubgroupTests(ApiModel):
    common_tau2: CommonTau2Test
    separate_tau2: SeparateTau2
    fixed_effect: FixedEffect


class EffectsReport(EffectsBase):
    group_by: str | None
    overall: GroupOut
    groups: list[GroupOut]
    subgroup_test: SubgroupTests | None = Field(
        description="Tests for differences between the groups; null when groups overlap or "
                    "fewer than two can be pooled")
    subgroup_note: str | None = None


class ModeratorReport(EffectsBase):
    moderators: list[str]
    k: int
    left_out: int = Field(description="Initiatives without a value for some moderator")
    model: MetaModelOut
