"""The wire shapes of POST /v1/analysis/success-factors."""

import uuid
from typing import Literal

from pydantic import Field

from api.analyses.qca_models import Calibration, MinimizeResult
from api.initiatives.listing import InitiativeFilters
from api.wire import ApiModel


class ConditionChoice(ApiModel):
    attribute: str = Field(description="hours, makelaarInvolved, … or category=code, "
                                       "e.g. organisationForm=zelfbeheer, or code=<codeId> "
                                       "(carried by a linked record; researchers and admins)")
    calibration: Calibration | None = Field(
        None, description="Needed for numbers (a default is used when left out); yes/no "
                          "facts and categories are crisp sets already")


class OutcomeChoice(ApiModel):
    kind: Literal["effect", "durability"]
    indicator: str | None = Field(None, description="For effect: one indicator (id or code)")
    calibration: Calibration | None = Field(
        None, description="For effect; default fuzzy {e: 0, c: 0.2, i: 0.5} (Cohen: none, "
                          "small, medium). Durability is crisp: continued after support")


class SuccessFactorRequest(ApiModel):
    conditions: list[ConditionChoice] = Field(min_length=1, max_length=12)
    outcome: OutcomeChoice
    filters: InitiativeFilters = Field(
        default_factory=lambda: InitiativeFilters.model_validate({}),
        description="Every filter of GET /v1/initiatives, as an object")
    solution: Literal["conservative", "parsimonious", "intermediate"] = "conservative"
    dir_exp: dict[str, Literal[0, 1, "-"]] | list[str] | None = None
    incl_cut: float | list[float] = 0.8
    n_cut: int = Field(2, ge=1)
    pri_cut: float = Field(0, ge=0, le=1)


class CaseOut(ApiModel):
    id: uuid.UUID
    title: str
    memberships: dict[str, float] = Field(description="Condition name → set membership")
    outcome: float
    raw: dict[str, float] = Field(description="The values before calibration")


class SuccessFactorResult(MinimizeResult):
    conditions: dict[str, str] = Field(description="Condition name → attribute")
    outcome: str
    cases: list[CaseOut]
    left_out: int = Field(description="Initiatives without a value for some condition")
