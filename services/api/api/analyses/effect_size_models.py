"""The wire shapes of POST /v1/analysis/effect-sizes: metafor's escalc() arguments as JSON."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from api.wire import ApiModel

MeasureName = Literal[
    "SMD", "MD", "ROM", "MC", "SMCC", "SMCR", "SMCRH", "OR", "RR", "RD", "AS", "PETO",
    "PR", "PLN", "PLO", "PAS", "PFT", "IRR", "IRD", "IRSD",
]
MAX_ROWS = 100_000


class EffectSizeRow(BaseModel):
    """One study's statistics under metafor's argument names; leave out what the measure
    does not use. A missing value (null) makes only this row's effect missing."""

    model_config = ConfigDict(extra="forbid")

    ai: float | None = None
    bi: float | None = None
    ci: float | None = None
    di: float | None = None
    n1i: float | None = None
    n2i: float | None = None
    x1i: float | None = None
    x2i: float | None = None
    t1i: float | None = None
    t2i: float | None = None
    m1i: float | None = None
    m2i: float | None = None
    sd1i: float | None = None
    sd2i: float | None = None
    xi: float | None = None
    mi: float | None = None
    ri: float | None = None
    ni: float | None = None


class EffectSizeRequest(ApiModel):
    measure: MeasureName
    vtype: str | None = Field(None, description="metafor's vtype; its default when left out")
    add: float | None = Field(None, ge=0, description="Added to zero cells (metafor's default)")
    to: Literal["only0", "all", "if0all", "none"] = "only0"
    drop00: bool = False
    rows: list[EffectSizeRow] = Field(min_length=1, max_length=MAX_ROWS)


class EffectSize(ApiModel):
    yi: float | None = Field(description="The effect size; null where undefined")
    vi: float | None = Field(description="Its sampling variance; null where undefined")


class EffectSizeResult(ApiModel):
    measure: str
    vtype: str
    rows: list[EffectSize]
