"""The analyses of coded records as typed results: inter-coder agreement
(/v1/analysis/coding-agreement), codes by group (/v1/analysis/codes/by-group) and codes
meet outcomes (/v1/analysis/codes/outcomes). Researchers and administrators only."""

from collections.abc import Sequence
from typing import Annotated

from pydantic import BeforeValidator, Field

from web.api_client import ApiClient
from web.api_client.effects import IndicatorRef
from web.api_client.results import Wire

GROUP_BYS = ("stadsdeel", "organisationForm", "supportStyle")
UNITS = ("paragraph", "character")
PATH_JOIN = " / "


def _joined(value: object) -> object:
    """A code's path as text: "A / B" (the API may send the names as a list)."""
    if isinstance(value, list | tuple):
        return PATH_JOIN.join(str(part) for part in value)
    return value


CodePath = Annotated[str, BeforeValidator(_joined)]


class Coder(Wire):
    id: str
    label: str
    segments: int = 0


class RecordRef(Wire):
    id: str
    title: str


class Kappa(Wire):
    kappa: float | None = None
    se: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None


class OverallAgreement(Wire):
    alpha: float | None = None
    pairable: int = 0


class CodeAgreement(Wire):
    code_id: str
    name: str
    path: CodePath = ""
    applied: tuple[int, ...] = ()  # per coder, in the order of `coders`
    kappa: Kappa | None = None
    alpha: float | None = None


class AgreementReport(Wire):
    unit: str
    units: int
    coders: tuple[Coder, ...]
    records: tuple[RecordRef, ...] = ()
    overall: OverallAgreement
    codes: tuple[CodeAgreement, ...] = ()


class GroupCount(Wire):
    label: str
    initiatives: int


class CodeByGroup(Wire):
    code_id: str
    name: str
    path: CodePath = ""
    depth: int = 0
    initiatives: int = 0
    records: int = 0
    counts: dict[str, int] = Field(default_factory=dict)


class ByGroupReport(Wire):
    group_by: str
    groups: tuple[GroupCount, ...]
    codes: tuple[CodeByGroup, ...] = ()


class PooledEffect(Wire):
    studies: int
    estimate: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None


class Durability(Wire):
    initiatives: int
    stopped: int = 0
    survival12: float | None = None
    survival24: float | None = None
    median_months: float | None = None


class OutcomeRow(Wire):
    """One code's initiatives (subcodes rolled up), or every initiative (the reference)."""

    code_id: str = ""
    name: str = ""
    path: CodePath = ""
    depth: int = 0
    records: int = 0
    segments: int = 0
    initiatives: int = 0
    effect: PooledEffect | None = None
    durability: Durability | None = None


class OutcomesReport(Wire):
    indicator: IndicatorRef | None = None
    codes: tuple[OutcomeRow, ...] = ()
    reference: OutcomeRow


async def coding_agreement(api: ApiClient, unit: str, records: Sequence[str] = (),
                           coders: Sequence[str] = ()) -> AgreementReport:
    """Fewer than two coders: InvalidInput at `coder`."""
    params = [("unit", unit), *(("record", key) for key in records),
              *(("coder", key) for key in coders)]
    response = await api._send("GET", "/v1/analysis/coding-agreement", params=params)
    return AgreementReport.model_validate_json(response.content)


async def codes_by_group(api: ApiClient, group_by: str) -> ByGroupReport:
    response = await api._send("GET", "/v1/analysis/codes/by-group",
                               params=[("groupBy", group_by)])
    return ByGroupReport.model_validate_json(response.content)


async def code_outcomes(api: ApiClient, indicator: str, area: str) -> OutcomesReport:
    """Per code the pooled effect and the durability of the initiatives that carry it;
    `area` a stadsdeel's code (the initiative filter of the effects analysis)."""
    params = [(key, value) for key, value in (("indicator", indicator), ("area", area))
              if value]
    response = await api._send("GET", "/v1/analysis/codes/outcomes", params=params)
    return OutcomesReport.model_validate_json(response.content)
