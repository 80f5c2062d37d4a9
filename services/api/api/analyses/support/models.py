"""The wire shapes of GET /v1/analysis/support: what support goes with effects and with
durability (docs/support.md)."""

import uuid

from pydantic import Field

from api.analyses.durability.models import CoxOut, LogRankOut, Population, Ties
from api.analyses.effects.models import EffectParams, IndicatorRef, ModeratorName
from api.analyses.meta_models import MetaModelOut
from api.wire import ApiModel

DEFAULT_MODERATORS: list[ModeratorName] = [
    "hours", "hoursSquared", "makelaarInvolved", "residentInitiatedWithMakelaar", "supportStyle"]
DEFAULT_COVARIATES: list[ModeratorName] = ["hours", "makelaarInvolved", "takenOver"]


class SupportParams(EffectParams):
    moderators: list[ModeratorName] = Field(
        default_factory=lambda: list(DEFAULT_MODERATORS), min_length=1, max_length=8,
        description="Moderators of the meta-regression of effects")
    covariates: list[ModeratorName] = Field(
        default_factory=lambda: list(DEFAULT_COVARIATES), min_length=1, max_length=8,
        description="Covariates of the Cox model of stopping")
    ties: Ties = "efron"
    cox_population: Population = "continued"


class InitiativeRef(ApiModel):
    id: uuid.UUID
    title: str


class EffectGroup(ApiModel):
    label: str
    k: int
    estimate: float | None = Field(description="Pooled effect (SMD, positive is better)")
    ci_lb: float | None
    ci_ub: float | None
    note: str | None = None
    initiatives: list[InitiativeRef]


class GroupTest(ApiModel):
    """The subgroup test with a common tau² (QM of the groups as a factor)."""

    qm: float | None
    df: int | None
    p: float | None


class EffectGrouping(ApiModel):
    by: str
    groups: list[EffectGroup]
    test: GroupTest | None
    note: str | None = None


class Regression(ApiModel):
    moderators: list[str]
    k: int
    left_out: int = Field(description="Initiatives without a value for some moderator")
    model: MetaModelOut


class SupportEffects(ApiModel):
    indicator: IndicatorRef | None
    method: str
    test: str
    level: float
    k: int = Field(description="Initiatives with an effect")
    groupings: list[EffectGrouping]
    regression: Regression | None
    regression_note: str | None = None


class DurabilityGroup(ApiModel):
    label: str
    n: int
    events: int
    survival12: float | None = Field(description="Share still running 12 months after support")
    survival24: float | None
    median: float | None
    initiatives: list[InitiativeRef]


class DurabilityGrouping(ApiModel):
    by: str
    groups: list[DurabilityGroup]
    log_rank: LogRankOut | None
    note: str | None = None


class SupportDurability(ApiModel):
    n: int = Field(description="Initiatives with at least one follow-up")
    events: int
    left_out: int = Field(description="Initiatives that match the filters but have no "
                                      "follow-up")
    groupings: list[DurabilityGrouping]
    cox: CoxOut | None
    cox_note: str | None = None


class SupportReport(ApiModel):
    effects: SupportEffects
    durability: SupportDurability
    conditions: list[str] = Field(description="The support attributes the success-factor "
                                              "analysis takes as conditions")
