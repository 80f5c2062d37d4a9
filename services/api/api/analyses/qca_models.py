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
