"""The wire shapes of GET /v1/analysis/codes/outcomes (docs/codebook.md)."""

import uuid

from pydantic import Field

from api.analyses.effects.models import IndicatorRef
from api.wire import ApiModel


class EffectSummary(ApiModel):
    """The random-effects pooled effect, as /v1/analysis/effects pools a group."""

    studies: int = Field(description="Initiatives with an effect (k)")
    estimate: float | None = Field(description="Pooled standardised mean difference")
    ci_low: float | None
    ci_high: float | None


class DurabilitySummary(ApiModel):
    """The Kaplan–Meier curve of the initiatives with follow-ups, as /v1/analysis/durability."""

    initiatives: int = Field(description="Initiatives with at least one follow-up")
    stopped: int
    survival12: float | None = Field(description="Share still running 12 months after support")
    survival24: float | None
    median_months: float | None = Field(description="Null when half never stopped")


class OutcomeRow(ApiModel):
    records: int = Field(description="Records about these initiatives with a segment")
    segments: int
    initiatives: int
    effect: EffectSummary | None = Field(description="Null when nothing can be pooled")
    durability: DurabilitySummary | None = Field(description="Null without follow-ups")


class CodeOutcome(OutcomeRow):
    """One code, its subcodes rolled up: the initiatives whose records carry it."""

    code_id: uuid.UUID
    name: str
    path: str = Field(description="The names from the root, joined by ' / '")
    depth: int


class CodeOutcomes(ApiModel):
    indicator: IndicatorRef | None
    codes: list[CodeOutcome] = Field(description="Every code, in codebook order")
    reference: OutcomeRow = Field(description="Every initiative in the filters")
