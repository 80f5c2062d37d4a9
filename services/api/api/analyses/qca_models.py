"""The wire shapes of POST /v1/analysis/qca/…: the QCA package's argument names as JSON."""

from typing import Literal

from pydantic import Field

from api.wire import ApiModel

MAX_CASES = 100_000
Thresholds = float | list[float] | dict[str, float]


class Calibration(ApiModel):
    """How raw values become set memberships, as the QCA package's `calibrate()`."""

    type: Literal["crisp", "fuzzy"] = "fuzzy"
    thresholds: Thresholds | None = Field(
        None, description="A number or numbers (crisp, indirect), {e, c, i} or "
                          "{e1, c1, i1, i2, c2, e2} (fuzzy direct; e above i: decreasing)")
    method: Literal["direct", "indirect", "TFR"] = "direct"
    logistic: bool = True
    idm: float = 0.95
    below: float = 1
    above: float = 1
    ecdf: bool = False


class CalibrateRequest(Calibration):
    values: list[float | None] = Field(min_length=1, max_length=MAX_CASES)


class CalibrateResult(ApiModel):
    values: list[float | None]


class TruthTableRequest(ApiModel):
    data: list[dict[str, float | str]] = Field(
        min_length=1, max_length=MAX_CASES,
        description="One object per case: condition → value (and, as text, its name)")
    outcome: str
    conditions: list[str] = Field(min_length=1, max_length=16)
    incl_cut: float | list[float] = Field(1, description="One cut, or [incl1, incl0]")
    n_cut: int = Field(1, ge=1)
    pri_cut: float = Field(0, ge=0, le=1)
    negate_outcome: bool = False
    case_id: str | None = Field(None, description="The data field that names each case")


class MinimizeRequest(TruthTableRequest):
    solution: Literal["conservative", "parsimonious", "intermediate"] = "conservative"
    dir_exp: dict[str, Literal[0, 1, "-"]] | list[str] | str | None = Field(
        None, description="Directional expectations as the QCA package takes them: "
                          "{NAME: 1|0|'-'}, ['A', '~B', 'A*~C'] or 'A, ~B'")
    row_dom: bool = False
    contradictions: Literal["negative", "dont_care", "positive"] = Field(
        "negative", description="C rows: off (the package's default), don't cares "
                                "(include = 'C') or explained (explain = c('1', 'C'))")


class FitRequest(ApiModel):
    data: list[dict[str, float | str]] = Field(min_length=1, max_length=MAX_CASES)
    outcome: str
    negate_outcome: bool = False
    relation: Literal["necessity", "sufficiency"] = "necessity"
    conditions: list[str] | None = None
    negate_conditions: bool = False
    expression: str | None = Field(None, description='A sum of products, e.g. "~A + B*C"')


class TruthTableRowOut(ApiModel):
    configuration: dict[str, int]
    out: str = Field(description='"1", "0", "C" (contradiction) or "?" (remainder)')
    n: int
    incl: float | None
    pri: float | None
    cases: list[str]


class TruthTableOut(ApiModel):
    rows: list[TruthTableRowOut]
    notes: list[str] = Field(default_factory=list)


class TermFit(ApiModel):
    term: str
    incl_s: float | None
    pri: float | None
    cov_s: float | None
    cov_u: float | None
    cases: list[str] = Field(default_factory=list)


class SolutionOut(ApiModel):
    name: str
    expression: str
    terms: list[TermFit]
    incl_s: float | None
    pri: float | None
    cov_s: float | None


class MinimizeResult(ApiModel):
    solutions: list[SolutionOut]
    prime_implicants: list[str]
    truncated: bool
    message: str | None
    truth_table: TruthTableOut


class NecessityRow(ApiModel):
    term: str
    incl_n: float | None
    ro_n: float | None
    cov_n: float | None


class FitResult(ApiModel):
    rows: list[NecessityRow] | list[TermFit]
