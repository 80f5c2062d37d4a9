"""The wire shapes of GET /v1/analysis/durability (docs/support.md)."""

import uuid
from typing import Literal

from pydantic import Field

from api.analyses.effects.models import GroupBy, ModeratorName
from api.wire import ApiModel

Ties = Literal["efron", "breslow"]
Population = Literal["continued", "all"]


class CoxParams(ApiModel):
    covariates: list[ModeratorName] = Field(
        default_factory=list, max_length=8,
        description="Covariates of the Cox model: numbers, or factors dummy-coded against "
                    "their most common level; none: no model")
    ties: Ties = "efron"
    cox_population: Population = Field(
        "continued", description="continued: the Cox model is fitted on the initiatives that "
                                 "went on after support (time > 0); all: on every one")
    level: float = Field(95, gt=0, lt=100, description="Confidence level in percent")


class DurabilityParams(CoxParams):
    by: GroupBy | None = Field(None, description="A Kaplan–Meier curve per group of this")


class CurvePoint(ApiModel):
    """The Kaplan–Meier estimate just after `time` (months after support ended)."""

    time: float
    at_risk: int
    events: int
    censored: int
    survival: float
    se: float | None = Field(description="Greenwood's standard error")
    lower: float | None = Field(description="Log-transformed interval, as R's survfit")
    upper: float | None


class SurvivalCase(ApiModel):
    id: uuid.UUID
    title: str
    time: float = Field(description="Months after support ended: stopped, or last seen")
    event: bool = Field(description="True: it stopped; false: still running when last seen")


class SurvivalGroup(ApiModel):
    label: str
    n: int
    events: int
    median: float | None = Field(description="Months until half had stopped; null when more "
                                             "than half were still running")
    curve: list[CurvePoint]
    initiatives: list[SurvivalCase]


class LogRankOut(ApiModel):
    chi2: float
    df: int
    p: float


class CoxCoefficient(ApiModel):
    name: str = Field(description="A number's name, or a factor's name and level (R's way)")
    coef: float = Field(description="Log hazard ratio of stopping")
    se: float
    hazard_ratio: float
    lower: float = Field(description="Hazard ratio's lower confidence bound")
    upper: float
    z: float
    p: float


class CoxOut(ApiModel):
    covariates: list[CoxCoefficient]
    references: dict[str, str] = Field(description="Each factor's reference level")
    n: int
    events: int
    left_out: int = Field(description="Initiatives without a value for some covariate")
    population: Population
    ties: Ties
    level: float
    note: str | None = None


class DurabilityReport(ApiModel):
    by: str | None
    n: int = Field(description="Initiatives with at least one follow-up")
    events: int
    left_out: int = Field(description="Initiatives that match the filters but have no "
                                      "follow-up")
    overall: SurvivalGroup
    groups: list[SurvivalGroup]
    log_rank: LogRankOut | None
    log_rank_note: str | None = None
    cox: CoxOut | None
    cox_note: str | None = Field(None, description="Why there is no Cox model")
