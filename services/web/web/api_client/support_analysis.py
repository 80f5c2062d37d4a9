"""GET /v1/analysis/support and /v1/analysis/durability as typed results: what support goes
with effects and with durability, and the initiatives behind each number."""

from dataclasses import dataclass

from pydantic import Field

from web.api_client import ApiClient
from web.api_client.effects import DEFAULT_METHOD, IndicatorRef, MetaModel
from web.api_client.results import Wire

# The support groupings, in the order the API reports them.
SUPPORT_GROUPINGS = ("supportStyle", "professionalRole", "supportKind", "supportHours",
                     "makelaarInvolved", "takenOver", "competence")
# What a Kaplan–Meier plot may be drawn by: the support groupings, then a few others.
CURVE_GROUPINGS = (*SUPPORT_GROUPINGS, "organisationForm", "initiatorType", "stadsdeel")
# The meta-regression's moderators and the Cox model's covariates the page offers.
SUPPORT_MODERATORS = ("hours", "hoursSquared", "makelaarInvolved", "takenOver", "supportStyle",
                      "professionalRole", "competence", "residentInitiated",
                      "residentInitiatedWithMakelaar")
# The API's own default moderators (api/analyses/support/models.py). Not competence: it
# would leave out every initiative whose professionals were never assessed; on request only.
DEFAULT_MODERATORS = ("hours", "hoursSquared", "makelaarInvolved",
                      "residentInitiatedWithMakelaar", "supportStyle")
DEFAULT_COVARIATES = ("hours", "makelaarInvolved", "takenOver")
DEFAULT_CURVES = "supportStyle"


class InitiativeRef(Wire):
    id: str
    title: str


class EffectGroup(Wire):
    label: str
    k: int
    estimate: float | None = None
    ci_lb: float | None = None
    ci_ub: float | None = None
    note: str | None = None  # why there is no estimate
    initiatives: tuple[InitiativeRef, ...] = ()


class GroupTest(Wire):
    qm: float | None = None
    df: int | None = None
    p: float | None = None


class EffectGrouping(Wire):
    by: str
    groups: tuple[EffectGroup, ...]
    test: GroupTest | None = None
    note: str | None = None


class CurvePoint(Wire):
    time: float
    at_risk: int
    events: int
    censored: int
    survival: float
    se: float | None = None
    lower: float | None = None
    upper: float | None = None


class SurvivalCase(Wire):
    id: str
    title: str
    time: float
    event: bool


class SurvivalGroup(Wire):
    label: str
    n: int
    events: int
    median: float | None = None
    curve: tuple[CurvePoint, ...] = ()
    initiatives: tuple[SurvivalCase, ...] = ()


class LogRank(Wire):
    chi2: float
    df: int
    p: float


class CoxCoefficient(Wire):
    name: str
    coef: float
    se: float
    hazard_ratio: float
    lower: float
    upper: float
    z: float
    p: float


class CoxModel(Wire):
    covariates: tuple[CoxCoefficient, ...]
    references: dict[str, str] = Field(default_factory=dict)
    n: int
    events: int
    left_out: int = 0
    population: str = "continued"
    ties: str = "efron"
    level: float = 95
    note: str | None = None


class DurabilityReport(Wire):
    by: str | None
    n: int
    events: int
    left_out: int
    overall: SurvivalGroup
    groups: tuple[SurvivalGroup, ...]
    log_rank: LogRank | None = None
    log_rank_note: str | None = None
    cox: CoxModel | None = None
    cox_note: str | None = None


class Regression(Wire):
    moderators: tuple[str, ...]
    k: int
    left_out: int
    model: MetaModel


class SupportEffects(Wire):
    indicator: IndicatorRef | None
    method: str
    k: int
    groupings: tuple[EffectGrouping, ...]
    regression: Regression | None = None
    regression_note: str | None = None


class DurabilityGroup(Wire):
    label: str
    n: int
    events: int
    survival12: float | None = None
    survival24: float | None = None
    median: float | None = None
    initiatives: tuple[InitiativeRef, ...] = ()


class DurabilityGrouping(Wire):
    by: str
    groups: tuple[DurabilityGroup, ...]
    log_rank: LogRank | None = None
    note: str | None = None


class SupportDurability(Wire):
    n: int
    events: int
    left_out: int
    groupings: tuple[DurabilityGrouping, ...]
    cox: CoxModel | None = None
    cox_note: str | None = None


class SupportReport(Wire):
    effects: SupportEffects
    durability: SupportDurability
    conditions: tuple[str, ...] = ()


@dataclass(frozen=True)
class SupportQuery:
    """What the page asks, in the API's parameter names: the effects' indicator and method,
    the regression's moderators, the Cox model's covariates, and what the curves are by."""

    indicator: str = ""
    method: str = DEFAULT_METHOD
    moderators: tuple[str, ...] = DEFAULT_MODERATORS
    covariates: tuple[str, ...] = DEFAULT_COVARIATES
    curves: str = DEFAULT_CURVES

    def report_params(self) -> list[tuple[str, str]]:
        pairs = [("indicator", self.indicator)] if self.indicator else []
        pairs += [("method", self.method)]
        pairs += [("moderators", name) for name in self.moderators]
        return pairs + [("covariates", name) for name in self.covariates]

    def params(self) -> list[tuple[str, str]]:
        """This page's address."""
        return [*self.report_params(), ("curves", self.curves)]


async def support(api: ApiClient, query: SupportQuery) -> SupportReport:
    response = await api._send("GET", "/v1/analysis/support", params=query.report_params())
    return SupportReport.model_validate_json(response.content)


async def durability(api: ApiClient, by: str) -> DurabilityReport:
    """The curves per group of `by` (no Cox model: the support report has that)."""
    params = [("by", by)] if by else []
    response = await api._send("GET", "/v1/analysis/durability", params=params)
    return DurabilityReport.model_validate_json(response.content)
